from __future__ import annotations

import datetime

import pytest

from generator.located_yaml import YamlSyntaxError, load_located


def test_lines_of_keys_and_items_follow_the_offset() -> None:
    located = load_located("a: 1\nb:\n  - x: 2\n    y: 3\n", line_offset=1)
    assert located.data == {"a": 1, "b": [{"x": 2, "y": 3}]}
    assert located.line("a") == 2
    assert located.line("b", 0, "y") == 5
    assert located.line("absent") == 2  # falls back to the first line of the document


def test_duplicate_keys_are_reported_with_their_line() -> None:
    located = load_located("titre: a\nresume: b\ntitre: c\n")
    assert located.duplicate_keys == [("titre", 3)]


def test_impossible_date_stays_text_for_the_validator() -> None:
    located = load_located("bad: 2024-13-01\ngood: 2024-02-29\n")
    assert located.data == {"bad": "2024-13-01", "good": datetime.date(2024, 2, 29)}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: [x, y\nb: 2\n", 2, "ligne 1"),
        ("a:\n\t- x\n", 2, "tabulation"),
        ("a: 'x\n", 2, "guillemet"),
        ("a: b: c\n", 1, "deux-points"),
    ],
)
def test_syntax_errors_are_located_and_explained_in_french(text: str, line: int, words: str) -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        load_located(text)
    assert raised.value.line == line
    assert words in raised.value.message
