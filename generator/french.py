"""French formatting of dates, durations and numbers, for the timeline pages and the catalogue,
and French typography of displayed text (``typo_fr``, ``liste_fr``: one filter for both tools).

A case file dates events as "2012", "2012-03" or "2012-03-15"; the page repeats that precision
("2012", "mars 2012", "15 mars 2012") instead of inventing a day the file never gave.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
NBSP = "\u00a0"  # before « : », inside « », in numbers and units
NNBSP = "\u202f"  # fine no-break space before ; ! ?
DAYS_PER_YEAR = 365.25


@functools.lru_cache(maxsize=4096)  # a page repeats the same dates many times
def date_text(text: str) -> str:
    """``"2012"`` → ``"2012"``, ``"2012-03"`` → ``"mars 2012"``, ``"2012-03-15"`` → ``"15 mars 2012"``."""
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    return f"{'1er' if day == 1 else day} {month} {parts[0]}"


def full_date(value: datetime.date) -> str:
    """A computed date (reference date, end of a running period): ``"1er novembre 2026"``."""
    return date_text(value.isoformat())


def short_date(value: datetime.date) -> str:
    """``01/11/2026``: for table cells where the column says what the date is."""
    return value.strftime("%d/%m/%Y")


def number(value: float | int, decimals: int = 0) -> str:
    """French number: ``1 234``, ``0,45`` (no-break space between thousands, decimal comma)."""
    text = f"{value:,.{decimals}f}"
    if text.lstrip("-").strip("0.,") == "":
        text = text.lstrip("-")  # no "-0,00"
    return text.replace(",", NBSP).replace(".", ",").replace("-", "\u2212")


def count_of(count: int, singular: str, plural_form: str | None = None) -> str:
    """``"1 outil"``, ``"3 outils"``, for terminal messages (plain spaces: a terminal cannot be
    trusted to show a no-break space, and tests and scripts match these lines)."""
    return f"{count} {singular if abs(count) < 2 else plural_form or singular + 's'}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``"1 jour"``, ``"3 jours"``, ``"0 jour"`` (French: 0 and 1 take the singular)."""
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{number(count)}{NBSP}{word}"


@functools.lru_cache(maxsize=4096)
def duration(days: int) -> str:
    """A length in days said the way people say it: ``"12 jours"``, ``"5 mois"``, ``"2 ans et 3 mois"``."""
    if days < 31:
        return plural(days, "jour")
    months = round(days / (DAYS_PER_YEAR / 12))
    years, months = divmod(months, 12)
    if years == 0:
        return f"{number(months)}{NBSP}mois"
    text = plural(years, "an")
    return f"{text} et {number(months)}{NBSP}mois" if months else text


def years_between(start: datetime.date, end: datetime.date) -> str:
    """``"en 2014"`` when both dates fall in the same year, else ``"entre 2013 et 2015"``."""
    if start.year == end.year:
        return f"en {start.year}"
    return f"entre {start.year} et {end.year}"


# --- typography of displayed text ------------------------------------------------------------
# Applied to values a page shows (sheet values, our own sentences); never to keys, slugs, URLs
# or HTML (where code and links must stay as written).

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
    return _typographic(str(text))


@functools.lru_cache(maxsize=8192)  # labels and titles recur on every page that lists them
def _typographic(text: str) -> str:
    result = text
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
