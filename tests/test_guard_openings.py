"""The guard's faster scans find exactly what the patterns find.

``guard._finditer`` tries a pattern only where its *opening* matches (a case-sensitive pattern
that Python's engine skips to quickly). That is only right if the opening is looser than the
pattern: every case Python's IGNORECASE gives to the pattern's first letters must be among the
opening's literals, and the scan must give ``finditer``'s matches on any text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from guard_table import identifier_samples, matrix, pass_files
from test_guard_differential import PIECES, generated

from generator.timeline import guard

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

# Every letter a match can start with, then the one after it (from guard_patterns.json).
FIRST_LETTERS = {
    "number_trigger": {"é": "c", "e": "c", "p": "a", "n": "p", "r": "g"},
    "birth_word": {"n": "", "d": ""},
}
EVERY_CHARACTER = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)


def _cases(letter: str) -> set[str]:
    """Every character that Python's IGNORECASE matches with ``letter``."""
    return {m.group() for m in re.finditer(re.escape(letter), EVERY_CHARACTER, re.IGNORECASE)}


@pytest.mark.parametrize("name", sorted(FIRST_LETTERS))
def test_openings_hold_every_case_of_the_first_letters(name: str) -> None:
    opening = guard._OPENINGS[name]
    for first, second in FIRST_LETTERS[name].items():
        for char in _cases(first):
            for after in _cases(second) if second else {""}:
                # After a space: the look-behind lets it through, as it does for the pattern.
                assert opening.match(f" {char}{after}", 1), (name, char, after)


def test_the_first_letters_are_those_of_the_patterns() -> None:
    """A pattern edited in the data file must have its opening edited too: its matches on the
    texts below all start with the letters the opening knows."""
    texts = [" écrou ", " Ecroué ", " parquet ", " NPP ", " rg ", " né le ", " Née ", " naissance ",
             " DDN ", " d.d.n. ", " ddn "]
    for name, letters in FIRST_LETTERS.items():
        found = [m.group()[0].lower() for text in texts for m in guard.P[name].finditer(text)]
        assert found and set(found) <= set(letters), name


def _corpus() -> list[str]:
    from frise_bench import synthetic_case

    texts = generated(3000, seed=16)
    texts += [text for _, _, _, text, _ in matrix()] + [text for _, text in pass_files()]
    texts += [sample.text for sample in identifier_samples()] + list(PIECES)
    texts += [synthetic_case(number) for number in range(40)]
    texts += [path.read_text(encoding="utf-8") for path in sorted((REPO / "examples" / "dossiers").rglob("*"))
              if path.suffix in (".yaml", ".csv")]
    return texts


def test_the_fast_scans_find_what_finditer_finds() -> None:
    corpus = [guard.normalise(text) for text in _corpus()]
    for name in guard._OPENINGS:
        for text in corpus:
            fast = [(m.span(), m.groups()) for m in guard._finditer(name, text)]
            assert fast == [(m.span(), m.groups()) for m in guard.P[name].finditer(text)], name


def test_a_case_file_is_normalised_once_with_the_same_findings() -> None:
    for text in _corpus()[:2000]:
        assert guard.scan_file_text(text) == guard.scan_text(text, guard.read_birth_year(text))
