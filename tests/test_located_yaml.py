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


def test_fast_and_guarded_loaders_agree_on_real_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml's fast path must give the same data and lines as the guarded Python loader."""
    from pathlib import Path

    from generator import located_yaml
    from generator.catalogue.loader import split_front_matter

    root = Path(__file__).resolve().parent.parent
    texts = [split_front_matter(path.read_text(encoding="utf-8")).front_matter
             for path in sorted((root / "content").rglob("*.md"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted((root / "examples").rglob("*.yaml"))]
    assert all(located_yaml._fast_path_allowed(text) for text in texts)
    fast = [located_yaml.load_located(text) for text in texts]
    monkeypatch.setattr(located_yaml, "_compose_fast", lambda text: None)
    guarded = [located_yaml.load_located(text) for text in texts]
    for one, other in zip(fast, guarded, strict=True):
        assert (one.data, one.lines, one.duplicate_keys) == (other.data, other.lines, other.duplicate_keys)


def test_aliases_always_take_the_guarded_path() -> None:
    with pytest.raises(YamlSyntaxError, match="alias"):
        load_located("a: &x [1]\nb: *x\n")
