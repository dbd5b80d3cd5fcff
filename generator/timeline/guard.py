"""The anonymisation guard: refuse a case file in which any text looks like a direct identifier.

Version 2 judges the **raw text** of the file (YAML or CSV exactly as written: keys, values,
comments, block scalars, the raw text of numbers), so nothing a parser reinterprets escapes it: an
unquoted ``0647113625`` is judged as those ten digits, not as the octal number YAML would read.

Load → compute: ``scan_text`` normalises a copy of the text (NFKC, every space kind to U+0020,
line breaks to ``\\n``, invisible characters removed — the number of lines is unchanged) and runs
the patterns of ``guard_patterns.json`` over it. That data file is shared with the browser twin
``static/guard.js``; the few checks that regular expressions cannot do (the NIR key, the shape of
a phone number, how close a birth word is to a date, whether a number after « écrou » is a year)
are written here and there in the same order, and ``tests/test_guard_differential.py`` proves
that both give the same findings.

Cost: every pattern is linear (see the data file) and each check does bounded work per match,
so a file is judged in time proportional to its size (``bench/guard_bench.py``).

A finding carries a line and a kind, never the value: messages end up in terminals, logs and
tickets, and a case file is personal data.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator.problems import Problem, display_path

DATA_FILE = Path(__file__).with_name("guard_patterns.json")
DATA: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
KINDS: dict[str, str] = DATA["kinds"]

NIR = KINDS["nir"]
EMAIL = KINDS["email"]
PHONE = KINDS["phone"]
ADDRESS = KINDS["address"]
BIRTH_DATE = KINDS["birth_date"]
ECROU = KINDS["ecrou"]
PARQUET = KINDS["parquet"]
CIVILITY = KINDS["civility"]
_KIND_RANK = {KINDS[name]: rank for rank, name in enumerate(DATA["kind_order"])}


@dataclass(frozen=True)
class Finding:
    """One identifier-like text: the line where it starts and its kind (never the value)."""

    line: int
    kind: str


# --- the shared data ---------------------------------------------------------------------------
def _expand(source: str) -> str:
    """Replace ``<<NAME>>`` by its fragment (fragments may use the fragments declared before)."""
    fragments: dict[str, str] = {}
    for name, fragment in DATA["fragments"].items():
        fragments[name] = _substitute(fragment, fragments)
    return _substitute(source, fragments)


def _substitute(source: str, fragments: dict[str, str]) -> str:
    for name, fragment in fragments.items():
        source = source.replace(f"<<{name}>>", fragment)
    return source


def _compile(name: str) -> re.Pattern[str]:
    spec = DATA["patterns"][name]
    flags = 0
    if "i" in spec["flags"]:
        flags |= re.IGNORECASE
    if "m" in spec["flags"]:
        flags |= re.MULTILINE
    return re.compile(_expand(spec["source"]), flags)


P = {name: _compile(name) for name in DATA["patterns"]}
_NORMALISE = {name: re.compile(source) for name, source in DATA["normalise"].items()}


# --- the same matches, found faster (Python only) ------------------------------------------------
# Python's engine skips quickly to the next possible start only when a pattern begins with a
# literal or a character set that case folding does not touch; a case-insensitive pattern that
# begins with a letter, or one that begins with alternatives, is tried at every position of the
# file (number_trigger: ~60 ns a character). For those, an *opening* — a case-sensitive pattern
# that begins with literals, so that the engine skips to it — matches at every position where a
# match of the pattern can begin (it is looser than the pattern: the pattern's first letters in
# every case Python's IGNORECASE gives them, and its look-behind), and the pattern is tried there
# only. Openings are taken left to right, those inside the previous match skipped, which gives
# exactly ``finditer``'s matches (tests/test_guard_openings.py checks the letters' cases over
# every code point, and both scans over thousands of texts). The shared data file stays the one
# truth: openings only choose where Python looks.
_OPENINGS = {
    # « écrou », « parquet », « NPP », « RG »: e/é + c, p + a, n + p, r + g, at a word's start.
    "number_trigger": re.compile(_expand(
        "(?:e(?=[cC])|E(?=[cC])|é(?=[cC])|É(?=[cC])|p(?=[aA])|P(?=[aA])|n(?=[pP])|N(?=[pP])"
        "|r(?=[gG])|R(?=[gG]))(?<![<<L>>0-9].)")),
    # « né », « naissance », « ddn », « d.n. », at a word's start.
    "birth_word": re.compile(_expand("(?:n|N|d|D)(?<![<<L>>0-9].)")),
}


def _finditer(name: str, text: str) -> Iterator[re.Match[str]]:
    """``P[name].finditer(text)``, tried only where its opening says a match can begin."""
    opening = _OPENINGS.get(name)
    if opening is None:
        yield from P[name].finditer(text)
        return
    match = P[name].match
    end = 0
    for candidate in opening.finditer(text):
        start = candidate.start()
        if start < end:
            continue  # inside the previous match, where finditer does not look either
        found = match(text, start)
        if found is not None:
            yield found
            end = found.end()  # never empty: every pattern consumes its first character


# --- normalisation -----------------------------------------------------------------------------
def normalise(text: str) -> str:
    """The copy the patterns read; it has exactly the lines of ``text``.

    YAML escapes are decoded (``\\x36``, ``\\u0036``, ``\\_`` a no-break space); NFKC turns
    full-width digits into ASCII digits and no-break, thin and figure spaces into U+0020; it
    never adds or removes a line break, so a position maps back to its line.
    """
    text = _NORMALISE["line_breaks"].sub("\n", text)
    text = _NORMALISE["yaml_escape"].sub(_unescape, text)
    text = unicodedata.normalize("NFKC", text)
    text = _NORMALISE["spaces"].sub(" ", text)
    return _NORMALISE["invisible"].sub("", text)


def _unescape(match: re.Match[str]) -> str:
    """A YAML escape as the reader will see it (``"06\\_47…"`` is ``06 47…``), anywhere in the
    file: decoding one too many is harmless, missing one would let an identifier through.
    What would be a line break or a control character becomes a space (lines stay as written);
    an escaped line break (a double-quoted line continued) is kept as the line break."""
    hexa = match.group(1) or match.group(2) or match.group(3)
    if hexa:
        code = int(hexa, 16)
        char = chr(code) if code <= 0x10FFFF else " "
        return " " if _NORMALISE["escaped_control"].fullmatch(char) else char
    if match.group(4):
        return match.group(4)
    return " " if match.group(5) else ""


class _Lines:
    """Offset → 1-based line, by bisection over the offsets of the line breaks."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def of(self, offset: int) -> int:
        return bisect.bisect_left(self.breaks, offset) + 1


# --- detectors: each yields (offset where the identifier starts, kind key) ----------------------
Hit = tuple[int, str]


_SEPARATORS = str.maketrans("", "", " ./_-\n")  # what the separator fragment S may hold
_CORSICA: dict[str, str] = DATA["nir"]["corsica"]
_MONTHS_13: list[list[int]] = DATA["nir"]["months_13"]
_DEPARTMENTS_13: list[list[int]] = DATA["nir"]["departments_13"]


def _nir_ok(window: str) -> bool:
    """Positions of a NIR candidate of 13 characters, and the key of one of 15."""
    compact = window.translate(_SEPARATORS)
    if not compact.isdigit():
        # A letter is only allowed as the Corsican department 2A / 2B.
        compact = compact.upper()
        if compact[5:7] not in _CORSICA or not (compact[:6] + compact[7:]).isdigit():
            return False
    department = compact[5:7]
    if len(compact) == 13:
        # Month: 01–12, or INSEE's codes for an unknown month; department: 01–95, 2A, 2B, 97–99
        # (overseas, abroad).
        month = int(compact[3:5])
        department_ok = department in _CORSICA or any(
            low <= int(department) <= high for low, high in _DEPARTMENTS_13
        )
        return department_ok and any(low <= month <= high for low, high in _MONTHS_13)
    body = compact[:5] + _CORSICA.get(department, department) + compact[7:13]
    return 97 - int(body) % 97 == int(compact[13:])


def _nir(text: str) -> Iterator[Hit]:
    """Group-aligned windows of 13 characters, or 15 with the key (then the 13 are not judged
    alone: "1 94 03 75 115 005 42", a wrong key, is not a NIR without key). The pattern checks
    the sex digit; the rest is checked here."""
    ok = _nir_ok  # a local name: this loop runs once per digit group of the file
    for m in P["nir_at"].finditer(text):
        first, rest, key = m.groups()
        if ok(first + rest + key if key else first + rest):
            yield m.start(), "nir"


def _phones(text: str) -> Iterator[Hit]:
    group = P["digit_group"]
    for m in P["phone_at"].finditer(text):
        # Ten digits however grouped ("06 47 91 38 25", "0692 12 34 56", "06 4791 3825"), but
        # not dates nor a NIR that hold ten digits: a year after the first group ("01/02/2012
        # 03"), or the groups of a NIR's tail ("03 75 115 005").
        groups = group.findall("0" + m.group(1))
        if [len(g) for g in groups] in DATA["phone_nir_tails"]:
            continue
        if not any(_is_year(g) for g in groups[1:]):
            yield m.start(), "phone"
    for m in P["phone_intl"].finditer(text):
        low, high = DATA["phone_country_digits"][m.group(1)]
        digits = "".join(group.findall(m.group(2)))
        if low <= len(digits) <= high and not (m.group(1) == "33" and digits[0] == "0"):
            yield m.start(), "phone"


def _emails(text: str) -> Iterator[Hit]:
    if "@" not in text:  # the pattern's one literal: no scan of a file without it
        return
    for m in P["email"].finditer(text):
        yield m.start(), "email"


def _addresses(text: str) -> Iterator[Hit]:
    for m in P["address"].finditer(text):
        name = m.group(2)
        if name is None:
            continue
        # Words with an everyday meaning after a number ("20 cours de code", "3 place libre")
        # need a capitalised name after them.
        if P["street_needs_name"].search(m.group(1)) and name[0] == name[0].lower():
            continue
        yield m.start(), "address"


def _civilities(text: str) -> Iterator[Hit]:
    for m in P["civility"].finditer(text):
        yield m.start(), "civility"


# --- dates of birth ----------------------------------------------------------------------------
_DATE_SEPARATOR = re.compile("[./-]")


@dataclass(frozen=True)
class _Date:
    start: int
    end: int
    year: str  # as written: 4 digits, or 2


def _day_dates(text: str) -> list[_Date]:
    """Day-precise dates in every written form, in text order (a date may be seen twice)."""
    found: list[_Date] = []
    # Each pattern consumes the first digit (group 1) and reads the rest (group 2) ahead.
    for m in P["date_dmy_at"].finditer(text):
        day, month, year = int(m.group(1) + m.group(3)), int(m.group(5)), m.group(7)
        # A two-digit year needs real date separators: "12 03 94" is three numbers.
        if len(year) == 2 and not (_DATE_SEPARATOR.search(m.group(4)) and _DATE_SEPARATOR.search(m.group(6))):
            continue
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append(_Date(m.start(), m.end() + len(m.group(2)), year))
    for m in P["date_ymd_at"].finditer(text):
        month, day = int(m.group(4)), int(m.group(5))
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append(_Date(m.start(), m.end() + len(m.group(2)), m.group(1) + m.group(3)))
    for m in P["date_words_at"].finditer(text):
        if 1 <= int(m.group(1) + m.group(3)) <= 31:
            found.append(_Date(m.start(), m.end() + len(m.group(2)), m.group(4)))
    found.sort(key=lambda d: d.start)
    return found


def _close(gap: str, limit: int) -> bool:
    """At most ``limit`` words between two things, and no field boundary (YAML key, CSV cell)."""
    if len(gap) > DATA["gap_max_chars"] or P["field_boundary"].search(gap):
        return False
    words = [w for w in P["word"].findall(gap) if P["has_letter_or_digit"].search(w)]
    return len(words) <= limit


def _birth_dates(text: str, birth_year: int | None) -> Iterator[Hit]:
    """A day-precise date in the year of birth, or within a few words of a birth word.

    Reading: "a few words" is at most ``birth_words_between`` (3) words between the birth word
    and the date, in either order, within one field ("né à Lyon le 12/03/1994" has 3) — so a
    child's birth in one field and an event date in the next key or CSV cell are not joined.
    """
    dates = _day_dates(text)
    if not dates:
        return  # no need to look for birth words
    hints = [(m.start(), m.end()) for m in _finditer("birth_word", text)]
    starts = [start for start, _ in hints]
    limit = DATA["birth_words_between"]
    for date in dates:
        if birth_year is not None and _same_year(date.year, birth_year):
            yield date.start, "birth_date"
            continue
        index = bisect.bisect_left(starts, date.start)
        before = hints[index - 1] if index > 0 else None
        after = hints[index] if index < len(hints) else None
        if (before and before[1] <= date.start and _close(text[before[1]:date.start], limit)) or (
            after and after[0] >= date.end and _close(text[date.end:after[0]], limit)
            and not _in_key(text, after[1])
        ):
            yield date.start, "birth_date"


def _in_key(text: str, hint_end: int) -> bool:
    """Whether a birth word ends a key (``date_naissance:``): the field starts there, so a date
    before it belongs to another field."""
    rest = P["word"].match(text, hint_end)
    return rest is not None and P["key_end"].search(rest.group()) is not None


def _same_year(written: str, birth_year: int) -> bool:
    if len(written) == 4:
        return int(written) == birth_year
    return int(written) == birth_year % 100


# --- numéros d'écrou and de parquet --------------------------------------------------------------
def _numbers(text: str) -> Iterator[Hit]:
    """A number after « écrou », « écroué », « parquet », « NPP », « RG ».

    Reading: within ``number_words_between`` (3) words after the word and in the same field, the
    first number that is not a count, a year or a date ("écroué sous le numéro 184523",
    "écrouée le 3 mai, n° 184523"); at most 5 numbers are looked at. A year (one group of 4
    digits in 1900–2099) or a date (day-precise, or month and year) is not a number d'écrou
    ("levée d'écrou en 2015") unless a number word (« n° », « numéro », « # ») stands just
    before it or just before the word ("n° de parquet 2015/123456"); otherwise a number has at
    least 4 digits (3 after a number word).
    """
    limit = DATA["number_words_between"]
    for m in _finditer("number_trigger", text):
        kind = "ecrou" if m.group(1) else "parquet"
        # "N° d'écrou 2015…": a number word just before the word announces a number too.
        announced = P["number_word_just_before"].search(text[max(0, m.start() - DATA["number_word_before"]): m.start()])
        # The first numbers of the next ``gap_max_chars`` characters (at most limit + 2 of them,
        # so that the work per word stays bounded), while few words stand before them.
        chains = P["digit_chain"].finditer(text, m.end(), m.end() + DATA["gap_max_chars"])
        previous_end = m.end()
        for chain in itertools.islice(chains, limit + 2):
            gap = text[m.end(): chain.start()]
            if P["field_boundary"].search(gap):
                break
            words = [w for w in P["word"].findall(gap) if P["has_letter"].search(w)]
            if len(words) > limit:
                break
            if _is_number(chain.group(), text[previous_end: chain.start()], announced is not None):
                yield chain.start(), kind
                break
            previous_end = chain.end()


def _is_number(chain: str, local_gap: str, announced: bool) -> bool:
    """A number d'écrou or de parquet rather than a count, a year or a date."""
    groups = P["digit_group"].findall(chain)
    digits = sum(len(g) for g in groups)
    if announced or P["number_word"].search(local_gap):
        return digits >= DATA["number_min_digits_after_number_word"]
    return digits >= DATA["number_min_digits"] and not _year_or_date(groups)


def _is_year(group: str) -> bool:
    """Four digits in ``year_range`` (1900–2099)."""
    low, high = DATA["year_range"]
    return len(group) == 4 and low <= int(group) <= high


def _year_or_date(groups: list[str]) -> bool:
    """The number starts as a year, a month and year, or a day-precise date."""

    def small(g: str, top: int) -> bool:
        return len(g) <= 2 and 1 <= int(g) <= top

    if _is_year(groups[0]):
        return True
    if len(groups) >= 2 and small(groups[0], 12) and _is_year(groups[1]):
        return True
    return len(groups) >= 3 and small(groups[0], 31) and small(groups[1], 12) and (
        _is_year(groups[2]) or len(groups[2]) == 2
    )


def _npp(text: str) -> Iterator[Hit]:
    """Reading: an 11-digit number on its own is the shape of a numéro de parquet (NPP)."""
    for m in P["npp"].finditer(text):
        yield m.start(), "parquet"


# --- entry points ------------------------------------------------------------------------------
def scan_text(text: str, birth_year: int | None = None) -> list[Finding]:
    """Every identifier-like text of a raw file, one finding per line and kind, in line order.

    ``birth_year`` (read from ``annee_naissance`` by the caller, ``None`` if unreadable) makes
    any day-precise date of that year a full date of birth.
    """
    return _scan(normalise(text), birth_year)


def scan_file_text(text: str) -> list[Finding]:
    """``scan_text(text, read_birth_year(text))``, normalising the text once (a case file)."""
    copy = normalise(text)
    return _scan(copy, _birth_year(copy))


def _scan(copy: str, birth_year: int | None) -> list[Finding]:
    lines = _Lines(copy)
    hits: list[Hit] = []
    for detect in (_nir, _emails, _phones, _addresses, _civilities, _numbers, _npp):
        hits.extend(detect(copy))
    hits.extend(_birth_dates(copy, birth_year))
    unique = {Finding(lines.of(offset), KINDS[kind]) for offset, kind in hits}
    return sorted(unique, key=lambda f: (f.line, _KIND_RANK[f.kind]))


def read_birth_year(text: str) -> int | None:
    """``annee_naissance`` read from the raw text before validation (best effort)."""
    return _birth_year(normalise(text))


def _birth_year(copy: str) -> int | None:
    match = P["birth_year_yaml"].search(copy)
    if match:
        return int(match.group(1))
    return _csv_birth_year(copy)


def _csv_birth_year(text: str) -> int | None:
    """The ``annee_naissance`` cell of the ``dossier`` row of a CSV case (same logic as JS)."""
    rows = [line for line in text.split("\n") if line.strip()]
    if not rows:
        return None
    separator = ";" if ";" in rows[0] else ","
    header = [cell.strip() for cell in _csv_cells(rows[0], separator)]
    if "rubrique" not in header or "annee_naissance" not in header:
        return None
    kind_at, year_at = header.index("rubrique"), header.index("annee_naissance")
    for row in rows[1:]:
        cells = _csv_cells(row, separator)
        if len(cells) > max(kind_at, year_at) and cells[kind_at].strip() == "dossier":
            value = cells[year_at].strip()
            return int(value) if re.fullmatch("[0-9]{4}", value) else None
    return None


def _csv_cells(line: str, separator: str) -> list[str]:
    """One CSV line split into cells, honouring double quotes (no line breaks inside cells)."""
    cells: list[str] = []
    cell: list[str] = []
    quoted = False
    index = 0
    while index < len(line):
        char = line[index]
        if quoted:
            if char == '"' and line[index + 1: index + 2] == '"':
                cell.append('"')
                index += 1
            elif char == '"':
                quoted = False
            else:
                cell.append(char)
        elif char == '"':
            quoted = True
        elif char == separator:
            cells.append("".join(cell))
            cell = []
        else:
            cell.append(char)
        index += 1
    cells.append("".join(cell))
    return cells


def message(finding: Finding) -> str:
    """French message: the kind, never the value, and how to fix (path and line come apart)."""
    return _message(finding.kind)


@cache
def _message(kind: str) -> str:
    article = "un" if kind.startswith(("numéro", "nom")) else "une"
    return DATA["message"].format(article=article.capitalize(), kind=kind)


def to_problems(findings: list[Finding], path: Path) -> list[Problem]:
    """Located problems ``path:line: message`` for the findings of one file."""
    if not findings:
        return []  # the usual case: no need to resolve the path
    shown = display_path(path)
    return [Problem(shown, finding.line, message(finding)) for finding in findings]


def is_birth_key(key: object) -> bool:
    """True for a key that names a date of birth (``date_naissance``, ``ddn``…)."""
    text = str(key).lower()
    return "naiss" in text or text in ("ddn", "dob", "ne_le", "nee_le", "né_le", "née_le")
