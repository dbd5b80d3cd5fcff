"""The frise's shortcuts give what the long way gives (loader.py, page_words.py)."""

from __future__ import annotations

import datetime
import random

from generator.located_yaml import LINE_BREAK
from generator.timeline import loader, page_words


def test_yaml_lines_are_the_lines_yaml_counts() -> None:
    rng = random.Random(16)
    pieces = ["a", "é", " ", "#", "\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\n\n"]
    texts = ["", "\n", "a\n", "dossier: X\r\nfaits:\n"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for text in texts:
        assert loader._yaml_lines(text) == LINE_BREAK.split(text), repr(text)


def test_kept_words_are_the_words() -> None:
    """date_words and age_at keep their results: the same as computed anew, whatever the order."""
    rng = random.Random(30)
    for _ in range(3000):
        day = datetime.date(rng.randint(1950, 2030), rng.randint(1, 12), rng.randint(1, 28))
        written = rng.choice([None, f"{day.year}", f"{day.year}-{day.month:02d}", day.isoformat(),
                              f"{day.month:02d}/{day.year}", f"{day.day:02d}/{day.month:02d}/{day.year}"])
        assert page_words.date_words(day, written) == page_words.date_words.__wrapped__(day, written)
        birth = rng.randint(1940, 2010)
        assert page_words.age_at(day, birth) == page_words.age_at.__wrapped__(day, birth)


def test_kept_dates_are_the_dates() -> None:
    for text in ["2012", "2012-03", "2012-03-15", "03/2012", "15/03/2012", " 2012-03 ", "2012-13",
                 "0999", "31/02/2012", "mars 2012", "", "2012-3"]:
        assert loader.parse_date(text) == loader._parse_date_text.__wrapped__(text.strip())
        assert loader.parse_date(text) == loader.parse_date(text)
    assert loader.parse_date(["2012"]) == loader.parse_date(["2012"])  # not text: never kept
