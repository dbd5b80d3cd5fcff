"""Sheet pages as finished HTML: the engine publishes them without a second Markdown pass.

A sheet's body is converted once, when the allow-list checks it (``body_html.checked_body``); the
page templates (``templates/catalogue/*.html.j2``) write HTML around it. What the Markdown pass of
the whole page used to add is done here, on that HTML:

- the body's headings go one level down where the page puts the body under a section of its own
  (a tool's « Mode d'emploi »), raw HTML headings included;
- ids stay unique on the page: a body heading whose id the page already uses (a body section
  « Objectifs » on a tool page) gets the next free ``_1``, ``_2``… suffix, as Python-Markdown's
  ``toc`` extension numbers repeated ids. The page's own ids never move, so its anchors
  (``#retours``, ``#a-propos``…) are the same on every sheet;
- the headings, for the engine's table of contents (``headings``).

The front matter marks such a page ``prerendered: true``; ``engine.py`` hands its HTML to the
theme as is.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown.extensions.toc import unique

# Where a template puts the body; replaced after rendering, so the body never goes through Jinja.
BODY_MARK = "\x00repere-corps\x00"
PRERENDERED_KEY = "prerendered"

_HEADING_TAG = re.compile(r"<(/?)h([1-5])(?=[\s/>])", re.IGNORECASE)
_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_HEADING_ID = re.compile(r"""(<h[1-6]\s[^>]*?\bid=")([^"]*)(")""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Heading:
    """A heading of a page: level, id, and its text as HTML (entities kept, tags removed)."""

    level: int
    id: str
    name: str


def nested(body_html: str) -> str:
    """Every heading of ``body_html`` one level deeper (``h2`` → ``h3``; ``h6`` stays ``h6``)."""
    return _HEADING_TAG.sub(lambda match: f"<{match.group(1)}h{int(match.group(2)) + 1}", body_html)


def assemble(page: str, body_html: str) -> str:
    """``page`` (a template's output holding ``BODY_MARK`` once) with the body in its place, the
    body's heading ids renamed where the page already uses them."""
    before, _, after = page.partition(BODY_MARK)
    taken = set(ids(before)) | set(ids(after))
    return before + _unique_heading_ids(body_html, taken) + after


def ids(text: str) -> list[str]:
    """Every ``id`` attribute value of ``text`` (HTML), in order."""
    return [html.unescape(next(value for value in match.groups() if value is not None))
            for match in _ID.finditer(text)]


def headings(text: str) -> list[Heading]:
    """The headings of ``text`` (HTML) that carry an id, in order: what a table of contents lists."""
    found = []
    for match in _HEADING.finditer(text):
        identifier = _ID.search(match.group(2) or "")
        if identifier is not None:
            value = next(value for value in identifier.groups() if value is not None)
            name = " ".join(_TAG.sub("", match.group(3)).split())
            found.append(Heading(int(match.group(1)), html.unescape(value), name))
    return found


def _unique_heading_ids(body_html: str, taken: set[str]) -> str:
    body_ids = ids(body_html)
    if not taken.intersection(body_ids):
        return body_html
    used = taken | set(body_ids)
    counters: dict[str, int] = {}

    def renamed(match: re.Match[str]) -> str:
        identifier = html.unescape(match.group(2))
        if identifier not in taken:
            return match.group(0)
        return match.group(1) + html.escape(unique(identifier, used, counters)) + match.group(3)

    return _HEADING_ID.sub(renamed, body_html)
