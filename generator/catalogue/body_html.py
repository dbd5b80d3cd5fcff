"""A sheet's Markdown body may carry text, never code: the HTML allow-list of the contract.

Contributors are trusted to write content, not code (docs/spec/tool-sheet.md). The body is
rendered with the Markdown extensions of ``mkdocs.yml`` (so that what is checked is what the site
publishes, ``{: onclick=… }`` through ``attr_list`` and reference links included), then the HTML
is read by a small tokenizer that follows the browser's (HTML5) tokenization rules: Python's
``html.parser`` is quadratic on unterminated tags and comments (``"<a" * 40_000`` takes 20 s on
3.11) and reads some comments differently from browsers (``<!-->``), so it is not used here.
Every element, attribute and address outside the allow-list is a located problem, never a
silent removal.

Python-Markdown itself is not linear on some inputs (measured on 3.11.3: 8,000 ``[`` in one
paragraph take 28 s, lists nested 500 deep raise ``RecursionError``, 37,000 inline tags in one
paragraph 29 s). The build's input limits (``generator/input_limits.py``: ``[`` per paragraph,
nesting depth), applied by every entry point before loading, report the first two: a body beyond
them is not rendered here and gets no second message. Before rendering, a linear scan adds the
limits they lack, each refused with its line: ``MAX_OPEN_BRACKETS`` unclosed ``[`` per
paragraph, ``MAX_RUN`` characters per run of text, ``MAX_UNCLOSED_ANGLES`` ``<`` never closed.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import markdown.treeprocessors

from generator.catalogue.markdown_body import FENCE
from generator.input_limits import MAX_BRACKETS_PER_PARAGRAPH
from generator.input_limits import MAX_NESTING as INPUT_MAX_NESTING
from generator.input_limits import _depth as input_depth
from generator.problems import Problem, display_path

# Same extensions and settings as mkdocs.yml's `markdown_extensions`, plus the three MkDocs always
# adds (toc, tables, fenced_code); tests/test_body_html.py checks that the lists agree.
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables", "toc", "fenced_code")
MARKDOWN_SETTINGS = {"toc": {"permalink": False}}

# Limits that keep Markdown rendering fast (see the module docstring).
MAX_OPEN_BRACKETS = 20  # "[" never closed, in one paragraph
MAX_REPORTED = 50  # problems detailed per body
# "<" with no ">" anywhere after it: Markdown reads raw HTML with html.parser, which rescans the
# rest of the text for each of them (quadratic).
MAX_UNCLOSED_ANGLES = 20
# Characters of one run of text (a paragraph, a list item, a table row): Python-Markdown's inline
# pass copies the run once per link, emphasis or tag in it (quadratic); at this size a 150 KB body
# of dense markup renders in a few seconds.
MAX_RUN = 10_000
RUN_START = re.compile(r"^[ \t>]*(?:[-*+]\s|\d{1,9}[.)]\s|\||#)")

# --- the allow-list ------------------------------------------------------------------------

TEXT_ELEMENTS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup",
    "mark", "small", "abbr", "kbd", "samp", "var", "q", "cite", "span", "div", "a", "img", "table",
    "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "details", "summary", "figure", "figcaption",
})
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ELEMENT_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "th": frozenset({"colspan", "rowspan", "scope", "align", "style"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
}
URL_ATTRIBUTES = frozenset({"href", "src"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# The only inline styles: table column alignment, as the `tables` extension writes it. The
# pages' Content-Security-Policy allows exactly these (templates/overrides/partials/repere-csp.html).
TABLE_ALIGN_STYLES = frozenset(f"text-align: {side};" for side in ("left", "center", "right"))
# Material's own elements are found by these ids (`__config`, `__drawer`, `__search`…): a sheet
# must not shadow them.
RESERVED_ID = re.compile(r"^__")
# Elements whose content the browser does not read as HTML: skip to their end tag.
RAW_TEXT_ELEMENTS = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                               "noframes", "noscript"})

ALLOWED_SUMMARY = ("titres, paragraphes, listes, tableaux, emphase, liens, images, <details>, "
                   "<summary>, <abbr>, <kbd>, <br>")
URL_RULE = "seuls les liens http(s):, mailto:, les chemins relatifs et les ancres # sont permis"

SPACE = "\t\n\f\r "
TAG_NAME_END = re.compile(r"[\t\n\f\r />]")
ATTRIBUTE_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r />=]*")
SPACES = re.compile(r"[\t\n\f\r ]*")
UNQUOTED_VALUE = re.compile(r"[^\t\n\f\r >]*")
URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these from URLs (tab, newline…)
URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


@dataclass
class Finding:
    """Something outside the allow-list, with the texts that locate it in the source."""

    message: str
    needles: tuple[re.Pattern[str], ...] = field(default_factory=tuple)


def check_body(text: str, path: str | Path, first_body_line: int) -> list[Problem]:
    """Problems of a sheet's body (``text``), located in its file; the body starts at ``first_body_line``."""
    return checked_body(text, path, first_body_line).problems


@dataclass(frozen=True)
class CheckedBody:
    """A body's problems and, when it has none, its HTML: the page publishes what was checked,
    rendered once (the build used to render every body twice, here and again in MkDocs)."""

    problems: list[Problem]
    html: str | None


def checked_body(text: str, path: str | Path, first_body_line: int) -> CheckedBody:
    """``text`` checked against the allow-list, located in its file, and its HTML if it passes."""
    shown = display_path(path) if isinstance(path, Path) else path
    lines = text.split("\n")
    if _beyond_input_limits(lines):  # reported by input_limits; rendering could take minutes
        return CheckedBody([], None)
    problems = [Problem(shown, first_body_line + index, message)
                for index, message in itertools.islice(_limit_problems(text, lines), MAX_REPORTED)]
    if problems:  # rendering such a body could take minutes: report the limits first
        return CheckedBody(problems, None)
    try:
        rendered = render(text)
    except RecursionError:  # e.g. <div markdown="1"> nested a thousand times
        return CheckedBody([Problem(shown, first_body_line, "texte imbriqué trop profondément (balises "
                                    f"dans des balises) : {INPUT_MAX_NESTING} niveaux au plus.")], None)
    locator, findings = _Locator(lines), html_findings(rendered)
    problems = [Problem(shown, first_body_line + locator.line_of(finding), finding.message)
                for finding in findings[:MAX_REPORTED]]
    if len(findings) > MAX_REPORTED:  # locating is linear per finding: keep the report readable and fast
        problems.append(Problem(shown, first_body_line, f"et {len(findings) - MAX_REPORTED} autre(s) "
                                "problème(s) de HTML dans le texte de la fiche, non détaillés."))
    return CheckedBody(problems, None if problems else rendered)


def render(text: str) -> str:
    """The body as the site publishes it: the Markdown extensions of mkdocs.yml, and links to other
    Markdown pages (``autre-outil.md#suite``) rewritten to their page (``autre-outil.html#suite``),
    as MkDocs rewrites them with ``use_directory_urls: false``."""
    converter = _converter()
    try:
        return converter.convert(text)
    finally:
        converter.reset()  # one converter per process: building it costs as much as a small body


@functools.cache
def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_SETTINGS)
    _MarkdownLinks(converter).register()
    return converter


class _MarkdownLinks(markdown.treeprocessors.Treeprocessor):
    """``<a href="page.md#x">`` → ``page.html#x`` for relative links (MkDocs does it for the pages it
    converts; a sheet body is converted here, once)."""

    LINK = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.\-]*:|/|#)([^?#]*)\.md(?=$|[?#])")

    def register(self) -> None:
        self.md.treeprocessors.register(self, "repere-markdown-links", 1)

    def run(self, root: Any) -> None:
        for link in root.iter("a"):
            href = link.get("href")
            if href:
                link.set("href", self.LINK.sub(r"\1.html", href))


# --- limits, on the source -------------------------------------------------------------------

def _limit_problems(text: str, lines: list[str]) -> Iterator[tuple[int, str]]:
    """(line index, message) for every line that goes beyond a limit; linear in the text."""
    last_closing = text.rfind(">")
    if text.count("<", last_closing + 1) > MAX_UNCLOSED_ANGLES:
        yield text.count("\n", 0, last_closing + 1), (
            f"plus de {MAX_UNCLOSED_ANGLES} signes « < » jamais suivis de « > » : pour écrire le signe « < », "
            "utilisez « &lt; » ; une balise se ferme par « > ».")
    in_fence, open_brackets, reported, run = False, 0, False, 0
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not line.strip():  # a blank line ends the paragraph
            open_brackets, reported, run = 0, False, 0
            continue
        run = len(line) if RUN_START.match(line) else run + len(line)
        if run > MAX_RUN and run - len(line) <= MAX_RUN:
            yield index, (f"paragraphe de plus de {MAX_RUN:_} caractères sans ligne vide : coupez-le en "
                          "plusieurs paragraphes par des lignes vides.").replace("_", "\u202f")
        open_brackets = _open_brackets(line, open_brackets)
        if open_brackets > MAX_OPEN_BRACKETS and not reported:
            reported = True
            yield index, (f"plus de {MAX_OPEN_BRACKETS} crochets « [ » non refermés dans un même "
                          "paragraphe : refermez chaque lien [texte](adresse), ou écrivez « \\[ » "
                          "pour un crochet seul.")


def _beyond_input_limits(lines: list[str]) -> bool:
    """True when generator/input_limits.py refuses this text (too many "[" in a paragraph, lists or
    quotes nested too deep): it says so, located, before loading; the body is not rendered here."""
    brackets = 0
    for line in lines:
        brackets = 0 if not line.strip() else brackets + line.count("[")
        if brackets > MAX_BRACKETS_PER_PARAGRAPH or input_depth(line) > INPUT_MAX_NESTING:
            return True
    return False


def _open_brackets(line: str, open_count: int) -> int:
    if "[" not in line and (not open_count or "]" not in line):  # most lines: nothing to count
        return open_count
    escaped = False
    for character in line:
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "[":
            open_count += 1
        elif character == "]" and open_count:
            open_count -= 1
    return open_count


# --- the rendered HTML -------------------------------------------------------------------------

def html_findings(text: str) -> list[Finding]:
    """Everything in ``text`` (HTML) that the allow-list refuses, in document order."""
    findings: list[Finding] = []
    position, length = 0, len(text)
    while (start := text.find("<", position)) != -1:
        following = text[start + 1:start + 2]
        if following.isascii() and following.isalpha():
            position = _start_tag(text, start, findings)
        elif following == "/":
            position = _skip_to(text, start, ">", findings, "balise fermante")
        elif text.startswith("<!--", start):
            position = _comment(text, start, findings)
        elif following in ("!", "?"):
            findings.append(Finding("déclaration HTML « <" + following + " … > » non autorisée : "
                                    "écrivez du texte, des listes, des tableaux.",
                                    (_literal("<" + following),)))
            position = _skip_to(text, start, ">", findings, "déclaration")
        else:  # "<" followed by anything else is text for the browser too
            position = start + 1
        if position >= length:
            break
    return findings


def _start_tag(text: str, start: int, findings: list[Finding]) -> int:
    """Read a start tag as a browser does; report it; return the position after it."""
    end = TAG_NAME_END.search(text, start + 1)
    name_end = end.start() if end else len(text)
    name = text[start + 1:name_end].lower()
    attributes, position = _attributes(text, name_end)
    if position is None:
        findings.append(Finding(f"balise « <{_short(name)} » jamais fermée par « > » : fermez-la ou, pour "
                                "écrire le signe, utilisez « &lt; ».", (_literal("<" + name),)))
        return len(text)
    if name not in TEXT_ELEMENTS:
        findings.append(Finding(
            f"balise « <{_short(name)}> » non autorisée dans le texte de la fiche : seuls les éléments de "
            f"texte sont permis ({ALLOWED_SUMMARY}). Retirez-la.", (_literal("<" + name),)))
        if name in RAW_TEXT_ELEMENTS:  # its content is not HTML for the browser: skip it
            # Case-insensitive search without lowering the whole text for each element (linear).
            closing = _find_end_tag(text, name, position)
            return len(text) if closing == -1 else closing
        if name == "plaintext":
            return len(text)
        return position
    for attribute, value in attributes:
        finding = _attribute_finding(name, attribute, value)
        if finding:
            findings.append(finding)
    return position


def _find_end_tag(text: str, name: str, position: int) -> int:
    match = re.compile("</" + re.escape(name), re.I).search(text, position)
    return match.start() if match else -1


def _attributes(text: str, position: int) -> tuple[list[tuple[str, str]], int | None]:
    """Attributes of a tag from ``position``, and the position after its ``>`` (None: no ``>``)."""
    attributes: list[tuple[str, str]] = []
    length = len(text)
    while position < length:
        character = text[position]
        if character in SPACE or character == "/":
            position += 1
            continue
        if character == ">":
            return attributes, position + 1
        match = ATTRIBUTE_NAME.match(text, position)
        assert match  # the character is neither space, "/" nor ">"
        name, position = match.group().lower(), match.end()
        position = SPACES.match(text, position).end()
        value = ""
        if position < length and text[position] == "=":
            position = SPACES.match(text, position + 1).end()
            if position < length and text[position] in "\"'":
                closing = text.find(text[position], position + 1)
                if closing == -1:
                    return attributes, None
                value, position = text[position + 1:closing], closing + 1
            else:
                match = UNQUOTED_VALUE.match(text, position)
                value, position = match.group(), match.end()
        attributes.append((name, html.unescape(value)))
    return attributes, None


def _attribute_finding(element: str, name: str, value: str) -> Finding | None:
    allowed = GLOBAL_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(element, frozenset())
    needles = (re.compile(rf"(?<![\w-]){re.escape(name)}\s*=", re.I), _literal(name))
    if name.startswith("on") or (name == "style" and value.strip() not in TABLE_ALIGN_STYLES):
        return Finding(f"attribut « {_short(name)} » non autorisé sur « <{element}> » : ni gestionnaire "
                       "d'événement (on…), ni « style », y compris par la syntaxe « {: … } ». "
                       f"Attributs permis : {', '.join(sorted(allowed - {'style'}))}.", needles)
    if name not in allowed:
        return Finding(f"attribut « {_short(name)} » non autorisé sur « <{element}> ». Attributs permis : "
                       f"{', '.join(sorted(allowed - {'style'}))}.", needles)
    if name == "id" and RESERVED_ID.match(value):
        return Finding("identifiant commençant par « __ » réservé au thème du site : choisissez-en un "
                       "autre.", needles)
    if name in URL_ATTRIBUTES:
        return _url_finding(element, name, value)
    return None


def _url_finding(element: str, attribute: str, value: str) -> Finding | None:
    address = URL_IGNORED.sub("", value)
    scheme = URL_SCHEME.match(address)
    if scheme and scheme[1].lower() in URL_SCHEMES:
        return None
    needles = (_normalised(address[:60]), _normalised(address[:12]))
    if scheme:
        return Finding(f"adresse « {_short(scheme[1].lower())}: » refusée dans « {attribute} » de "
                       f"« <{element}> » : {URL_RULE}.", (*needles, _normalised(scheme[0])))
    if address[:2].replace("\\", "/") == "//":
        return Finding(f"adresse commençant par « // » dans « {attribute} » de « <{element}> » : écrivez "
                       f"l'adresse complète (https://…) ; {URL_RULE}.", needles)
    return None


def _comment(text: str, start: int, findings: list[Finding]) -> int:
    """Plain comments are fine; comments a browser could end elsewhere (``<!-->``, ``--!>``) are not."""
    end = text.find("-->", start + 4)
    content = text[start + 4:end] if end != -1 else ""
    if end == -1 or content.startswith((">", "->")) or any(mark in content for mark in ("<", ">", "--!")):
        findings.append(Finding("commentaire HTML « <!-- … --> » mal formé ou contenant « < » ou « > » : "
                                "retirez-le.", (_literal("<!--"),)))
        return len(text) if end == -1 else end + 3
    return end + 3


def _skip_to(text: str, start: int, mark: str, findings: list[Finding], what: str) -> int:
    end = text.find(mark, start)
    if end == -1:
        findings.append(Finding(f"{what} « {_short(text[start:start + 12])} » jamais fermée par « > ».",
                                (_literal(text[start:start + 2]),)))
        return len(text)
    return end + 1


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


# --- from the rendered HTML back to a line of the source -------------------------------------------

def _literal(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text), re.I)


def _normalised(text: str) -> re.Pattern[str]:
    """Matches ``text`` in a source line read the way a browser reads an address."""
    return re.compile(re.escape(text.lower()))


@dataclass
class _Locator:
    """Finds the source line of a finding: the next line, after the last one found for the same
    text, that contains one of its needles (raw, or with entities decoded and spaces removed)."""

    lines: list[str]
    cursors: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.decoded = [URL_IGNORED.sub("", html.unescape(line)).lower() for line in self.lines]

    def line_of(self, finding: Finding) -> int:
        for needle in finding.needles:
            cursor = self.cursors.get(needle.pattern, 0)
            for start in (cursor, 0):
                for index in range(start, len(self.lines)):
                    if needle.search(self.lines[index]) or needle.search(self.decoded[index]):
                        self.cursors[needle.pattern] = index + 1
                        return index
        return 0
