"""French formatting of dates (with the file's precision), numbers and durations."""

from __future__ import annotations

from datetime import date

import pytest

from generator import french

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("written", "shown"),
    [("2012", "2012"), ("2012-03", "mars 2012"), ("2012-03-15", "15 mars 2012"),
     ("2012-08-01", "1er août 2012"), ("2019-12", "décembre 2019")],
)
def test_date_text_keeps_the_precision_of_the_file(written: str, shown: str) -> None:
    assert french.date_text(written) == shown


def test_full_and_short_dates() -> None:
    assert french.full_date(date(2026, 11, 1)) == "1er novembre 2026"
    assert french.short_date(date(2026, 11, 1)) == "01/11/2026"


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [(1234, 0, f"1{NBSP}234"), (0.456, 2, "0,46"), (-0.0114, 3, "\u22120,011"),
     (-0.0001, 2, "0,00"), (1234567.5, 1, f"1{NBSP}234{NBSP}567,5")],
)
def test_number_uses_french_separators_and_a_real_minus(value: float, decimals: int,
                                                        shown: str) -> None:
    assert french.number(value, decimals) == shown


@pytest.mark.parametrize(
    ("days", "shown"),
    [(0, f"0{NBSP}jour"), (1, f"1{NBSP}jour"), (12, f"12{NBSP}jours"), (45, f"1{NBSP}mois"),
     (152, f"5{NBSP}mois"), (365, f"1{NBSP}an"), (396, f"1{NBSP}an et 1{NBSP}mois"),
     (1377, f"3{NBSP}ans et 9{NBSP}mois"), (730, f"2{NBSP}ans")],
)
def test_duration_in_words(days: int, shown: str) -> None:
    assert french.duration(days) == shown


def test_years_between() -> None:
    assert french.years_between(date(2013, 1, 1), date(2015, 6, 1)) == "entre 2013 et 2015"
    assert french.years_between(date(2014, 1, 1), date(2014, 6, 1)) == "en 2014"
