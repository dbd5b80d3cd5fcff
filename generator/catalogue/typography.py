"""French typography of displayed text: one filter, ``typo_fr``, for every value a page shows.

Applied by the templates to sheet values (titles, summaries, précautions…) and to the labels
they join; never to keys, slugs, URLs or the Markdown body (already HTML, where code and links
must stay as written). The browser's lists show the same strings: ``catalogue-data.js`` carries
them after this filter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NBSP = "\u00a0"  # before « : » and inside « »
NNBSP = "\u202f"  # fine no-break space before ; ! ?

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=\w)'(?=\w)"), "’"),  # l'outil → l’outil (not quotes around a word)
    (re.compile(r"\.\.\.(?!\.)"), "…"),
    (re.compile(r"[ \u00a0\u202f]+(?=[;!?])"), NNBSP),
    (re.compile(r"(?<=\w)(?=[;!?](?:\s|$))"), NNBSP),  # « Attention! » → « Attention ! »
    (re.compile(r"[ \u00a0\u202f]+:"), NBSP + ":"),
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NBSP),
    (re.compile(r"[ \u00a0\u202f]*»"), NBSP + "»"),
)


def typo_fr(text: object) -> str:
    """``« Attention : l'outil... »`` → no-break spaces, typographic apostrophe and ellipsis."""
    result = str(text)
    for pattern, replacement in _RULES:
        result = pattern.sub(replacement, result)
    return result


def liste_fr(labels: Iterable[str]) -> str:
    """``["Milieu ouvert", "Milieu fermé"]`` → « Milieu ouvert et milieu fermé »: one capital, at
    the start; the last two joined by « et », the others by commas."""
    items = [str(label) for label in labels]
    items = items[:1] + [_lower_first(item) for item in items[1:]]
    if len(items) < 2:
        return typo_fr("".join(items))
    return typo_fr(", ".join(items[:-1]) + " et " + items[-1])


def _lower_first(label: str) -> str:
    # An acronym (« RBR ») keeps its capitals; a label's capital is only its sentence start.
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]
