"""The anonymisation guard: refuse a case file whose values look like direct identifiers.

A case file is pseudonymised personal data; a NIR, an e-mail address, a phone number, a street
address, a full date of birth, a numéro d'écrou or de parquet must never be in it. We refuse the
file (we never "clean" it silently) and each message names the file, the line, the key and the
*kind* of identifier, never the value: error output ends up in terminals, logs and tickets.

Detectors aim at identifiers as they are really written in French records, while letting the
ordinary content of a case file through (quanta like "140 h" or "500 €", NATINF codes, years,
event dates in date keys).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.located_yaml import LocatedData, PathKey
from generator.problems import Problem, display_path

NIR = "numéro de sécurité sociale (NIR)"
EMAIL = "adresse e-mail"
PHONE = "numéro de téléphone"
ADDRESS = "adresse postale"
BIRTH_DATE = "date de naissance complète"
ECROU = "numéro d'écrou"
PARQUET = "numéro de parquet"

# Keys whose value is free text even when YAML reads it as a number (``libelle: 0612…`` is a
# string, but ``libelle: 185057800608436`` is an int): their numbers are scanned as text too.
TEXT_KEYS = frozenset({"dossier", "id", "libelle", "quantum", "duree_epreuve", "faits", "decision"})
# Any integer this long is scanned as text, whatever its key: no legitimate number of a case file
# (years, NATINF codes) has 9 digits, while a NIR or a parquet number typed without quotes does.
LONG_INTEGER = 10**8


@dataclass(frozen=True)
class Finding:
    """One identifier-like value: where it is and what it looks like (never the value)."""

    path: PathKey
    kind: str
    in_key: bool = False  # the mapping key itself, not its value, looks like an identifier


# --- NIR -------------------------------------------------------------------------------------
# A run of digit groups separated by single spaces, dots or dashes; Corsican departments are
# written 2A / 2B. Candidates are then checked position by position and with their key.
_NIR_RUN = re.compile(r"(?<![\w])\d+(?:[ABab]\d*)?(?:[ .\-]\d+(?:[ABab]\d*)?)*(?![\w])")
_NIR_TOKEN = re.compile(r"\d+(?:[ABab]\d*)?")


def _nir_key_ok(compact: str) -> bool:
    """15 characters: sex, year, month, department (2A/2B allowed), commune, order, key."""
    if len(compact) != 15 or compact[0] not in "123478":
        return False
    body, key = compact[:13].upper(), compact[13:]
    if not key.isdigit():
        return False
    department = body[5:7]
    # Standard substitution for Corsica: 2A → 19, 2B → 18, then the usual computation.
    if department in ("2A", "2B"):
        body = body[:5] + ("19" if department == "2A" else "18") + body[7:]
    if not body.isdigit():
        return False
    return 97 - int(body) % 97 == int(key)


def _has_nir(text: str) -> bool:
    for run in _NIR_RUN.finditer(text):
        tokens = _NIR_TOKEN.findall(run.group())
        # Try every sub-run aligned on token boundaries, so a NIR preceded or followed by another
        # number ("2012 1 94 03 …") is still seen, without sliding inside a longer digit string.
        for start in range(len(tokens)):
            compact = ""
            for token in tokens[start:]:
                compact += token
                if len(compact) >= 15:
                    break
            if len(compact) == 15 and _nir_key_ok(compact):
                return True
    return False


# --- e-mail, phone -----------------------------------------------------------------------------
# The local part starts at a run boundary, so a long text without "@" is scanned once.
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)\s?33[ .\-]?(?:\(0\)[ .\-]?)?[1-9]|0[1-9])(?:[ .\-]?\d{2}){4}(?!\d)"
)

# --- street address ----------------------------------------------------------------------------
# Street types that are unambiguous after a number ("12 rue …").
_STREET = (
    r"rue|avenue|av\.?|boulevard|bd|bld|blvd|impasse|imp\.|all[ée]e|quai|lieu[- ]dit|faubourg|"
    r"fbg|chemin|ch\.|ruelle|venelle|sentier|esplanade|parvis|rond-point|voie|passage|"
    r"r[ée]sidence|r[ée]s\.|lotissement|hameau|cit[ée]|square|place|pl\.|route|rte|cours|"
    r"promenade|montée|traverse|villa|domaine"
)
# Words that also have an everyday meaning after a number ("20 cours de code", "3 places"):
# for them we also want a proper name after the type, possibly after an article.
_AMBIGUOUS_STREET = re.compile(
    r"square|place|pl\.|route|rte|cours|promenade|montée|traverse|villa|domaine|passage|voie|"
    r"r[ée]sidence|r[ée]s\.|cit[ée]|hameau|lotissement|chemin|ch\.",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    # Bounded spaces: unbounded overlapping ``\s*`` made a long blank run take minutes.
    rf"(?<![\w,.])\d{{1,4}}(?:\s{{0,2}}(?:bis|ter|quater|[a-dA-D])(?![\w]))?\s{{0,2}},?\s{{1,3}}"
    rf"(?P<type>{_STREET})(?![\w])"
    r"(?P<rest>\s{1,3}(?:(?:de\s{1,3}la|du|des|de|la|le|les)\s{1,3}|(?:de\s{1,3}l|d|l)['’]\s?)?"
    r"(?P<name>\w+))?",
    re.IGNORECASE,
)


def _has_address(text: str) -> bool:
    for match in _ADDRESS.finditer(text):
        name = match.group("name")
        if name is None:
            continue
        if _AMBIGUOUS_STREET.fullmatch(match.group("type")) and not name[0].isupper():
            continue
        return True
    return False


# --- full date of birth ------------------------------------------------------------------------
_MONTHS = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
    r"d[ée]cembre|janv\.?|f[ée]vr?\.?|avr\.?|juil\.?|sept?\.?|oct\.?|nov\.?|d[ée]c\.?"
)
_FULL_DATE = (
    r"(?:\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?\d{2,4}"
    rf"|\d{{1,2}}(?:er)?\s{{1,3}}(?:{_MONTHS})\s{{1,3}}\d{{4}}"
    r"|\d{4}-\d{1,2}-\d{1,2})"
)
_BIRTH_HINT = r"(?:n[ée]e?s?(?:\s*\(\s*e\s*\))?|naissance|ddn|d\.d\.n\.?)"
# A hint followed by a full date ("née le 12/03/1994", "DDN : 12 mars 1994"), or a full date
# followed by a hint ("12/03/1994 (naissance)"). A few filler characters are allowed in between.
_BIRTH_DATE = re.compile(
    rf"(?<![\w]){_BIRTH_HINT}(?![\w])[\s:,()\-]{{0,6}}(?:(?:le|en|du)\s{{1,3}})?{_FULL_DATE}"
    rf"|{_FULL_DATE}[\s,()\-]{{0,6}}{_BIRTH_HINT}(?![\w])",
    re.IGNORECASE,
)
_ANY_FULL_DATE = re.compile(_FULL_DATE)


def is_birth_key(key: object) -> bool:
    """True for a key that names a date of birth (``date_naissance``, ``ddn``…)."""
    text = str(key).lower()
    return "naiss" in text or text in ("ddn", "dob", "ne_le", "nee_le", "né_le", "née_le")


# --- numéro d'écrou, numéro de parquet ---------------------------------------------------------
# Only "écrou" as a word ("écroué en 2015" is ordinary content), then a number, with at most a
# "n°", "numéro" or ":" in between ("levée d'écrou en 2015" is not a number d'écrou).
_NUMBER_PREFIX = r"[\s:#]{0,4}(?:(?:n\s?°|nº|no\.?|num[ée]ro|num\.?)[\s:#]{0,4})?"
_ECROU = re.compile(rf"(?<![\w])[ée]crou(?![\w]){_NUMBER_PREFIX}\d{{4,}}", re.IGNORECASE)
_PARQUET = re.compile(
    rf"(?<![\w])parquet(?![\w]){_NUMBER_PREFIX}"
    r"(?:\d{2}\s?/\s?\d{2,6}(?:\s?/\s?\d+)*|\d{2}[ .\-]\d{3}[ .\-]\d{3,6}|\d{7,13})(?!\d)",
    re.IGNORECASE,
)

TEXT_DETECTORS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    (NIR, _has_nir),
    (EMAIL, lambda text: bool(_EMAIL.search(text))),
    (PHONE, lambda text: bool(_PHONE.search(text))),
    (ADDRESS, _has_address),
    (BIRTH_DATE, lambda text: bool(_BIRTH_DATE.search(text))),
    (ECROU, lambda text: bool(_ECROU.search(text))),
    (PARQUET, lambda text: bool(_PARQUET.search(text))),
)


def identifier_kinds(text: str) -> list[str]:
    """Kinds of direct identifier that ``text`` seems to contain (empty when none)."""
    return [kind for kind, detect in TEXT_DETECTORS if detect(text)]


def dossier_kinds(value: str) -> list[str]:
    """Kinds for the ``dossier`` id: the text detectors, plus real procedure-number shapes.

    A pseudonym must not be a real number: an 11-digit run is the shape of a numéro de parquet,
    and dashes or underscores may stand for the usual separators ("ECROU-123456").
    """
    kinds = identifier_kinds(re.sub(r"[-_]", " ", value))
    if re.search(r"(?<!\d)\d{11}(?!\d)", value) and PARQUET not in kinds:
        kinds.append(PARQUET)
    return kinds


# --- walking the document ----------------------------------------------------------------------
def scan(located: LocatedData) -> list[Finding]:
    """Every identifier-like value (and key) of the document, in document order."""
    return list(_walk(located.data, ()))


def _walk(node: Any, path: PathKey) -> Iterator[Finding]:
    if isinstance(node, dict):
        for key, value in node.items():
            child = (*path, str(key))
            for kind in identifier_kinds(str(key)):
                yield Finding(child, kind, in_key=True)
            if is_birth_key(key) and _contains_full_date(value):
                yield Finding(child, BIRTH_DATE)
            yield from _walk(value, child)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, (*path, index))
    else:
        text = _scalar_text(node, path)
        if text is None:
            return
        kinds = dossier_kinds(text) if path == ("dossier",) else identifier_kinds(text)
        for kind in kinds:
            yield Finding(path, kind)


def _contains_full_date(value: Any) -> bool:
    if isinstance(value, datetime.date):
        return True
    return isinstance(value, str) and bool(_ANY_FULL_DATE.search(value))


def _scalar_text(value: Any, path: PathKey) -> str | None:
    """The text to scan for a scalar, or None when it cannot hold an identifier."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None  # dates in date keys, null, booleans
    key = _key_of(path)
    if key in TEXT_KEYS or (isinstance(value, int) and abs(value) >= LONG_INTEGER):
        return str(value)
    return None  # NATINF codes, years


def _key_of(path: PathKey) -> str:
    """The nearest mapping key of a path (a list item is named after its list)."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "document"


def message(finding: Finding) -> str:
    """French message naming the key and the kind, never the value."""
    if not finding.in_key:
        subject = f"« {_key_of(finding.path)} »"
    elif len(finding.path) == 1:
        subject = "une clé"
    else:
        subject = f"une clé sous « {_key_of(finding.path[:-1])} »"
    article = "un" if finding.kind.startswith("numéro") else "une"
    return (
        f"{subject} semble contenir {article} {finding.kind}. Les dossiers doivent être"
        " anonymisés : retirez cette donnée puis relancez. (La valeur n'est pas reproduite ici.)"
    )


def find_identifiers(located: LocatedData, path: Path) -> list[Problem]:
    """One located problem per identifier-like value (one per kind per value)."""
    return to_problems(scan(located), located, path)


def to_problems(findings: list[Finding], located: LocatedData, path: Path) -> list[Problem]:
    shown = display_path(path)
    unique = dict.fromkeys(findings)  # same value, same kind: one message
    return [Problem(shown, located.line(*f.path), message(f)) for f in unique]
