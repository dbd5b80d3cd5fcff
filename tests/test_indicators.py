"""Indicators on small cases computed by hand (the arithmetic is in the comments).

Reminders from the spec: a partial date is its first day; periods are [debut, fin); λ is offences
÷ (days at liberty ÷ 365.25); the trend cut is date_reference − 1096 days.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from generator.timeline.indicators import (
    compute,
    custody_spells,
    offence_free_gaps,
    offence_links,
)
from generator.timeline.loader import load_case
from generator.timeline.model import CaseFile, LifeEvent, Measure, Offence
from generator.timeline.vocabulary import CATEGORIES

FIXTURES = Path(__file__).parent / "fixtures" / "frise"
EXAMPLES = Path(__file__).parent.parent / "examples" / "dossiers"


# --- builders -----------------------------------------------------------------------------------
def offence(ident: str, when: date, categorie: str = "vol", gravite: str = "delit") -> Offence:
    return Offence(ident, when, when.isoformat(), categorie, gravite, None, None)


def measure(kind: str, debut: date, fin: date | None = None, issue: str | None = None) -> Measure:
    return Measure(kind, debut, debut.isoformat(), fin, fin.isoformat() if fin else None, None, issue)


def custody(debut: date, fin: date | None = None) -> Measure:
    return measure("detention", debut, fin)


def period(index: int, domaine: str, debut: date, fin: date | None, sens: str = "neutre") -> LifeEvent:
    return LifeEvent(index, domaine, debut, debut.isoformat(), fin,
                     fin.isoformat() if fin else None, False, None, sens)


def point(index: int, domaine: str, when: date, sens: str = "neutre") -> LifeEvent:
    return LifeEvent(index, domaine, when, when.isoformat(), None, None, True, None, sens)


def case(
    faits: Sequence[Offence] = (),
    mesures: Sequence[Measure] = (),
    vie: Sequence[LifeEvent] = (),
    reference: date = date(2020, 1, 1),
    birth: int = 1990,
) -> CaseFile:
    return CaseFile("EX-T", birth, reference, tuple(faits), (), tuple(mesures), tuple(vie),
                    Path("t.yaml"))


# --- the worked example (tests/fixtures/frise/indicateurs.yaml) ---------------------------------
# Born 1990, reference 2020-01-01.
# Offences: f1 2010 (→ 2010-01-01, vol, contravention), f2 2012-03 (→ 2012-03-01, violences,
# délit), f3 2015-07-15 (vol, crime). Written f1, f3, f2 in the file: indicators sort by date.
# Custody: DP 2012-03-01→06-01, détention 2012-05-01→09-01 (overlap), détention 09-01→10-01
# (touching) = one spell 2012-03-01→2012-10-01 = 31+30+31+30+31+31+30 = 214 days;
# détention 2016-01-01→03-01 = 31+29 = 60 days (leap year). Total 274 days, 2 spells.
@pytest.fixture(scope="module")
def worked() -> dict:
    return compute(load_case(FIXTURES / "indicateurs.yaml")).to_json()


def test_worked_example_counts_and_ages(worked: dict) -> None:
    assert worked["dossier"] == "EX-CALCUL-01"
    assert worked["nb_faits"] == 3
    assert worked["nb_decisions"] == 2
    assert worked["age_premier_fait"] == 20  # 2010 − 1990
    assert worked["age_premiere_condamnation"] == 21  # d1 2011-06: 2011 − 1990
    assert worked["categories"] == {"violences": 1, "vol": 2}  # vocabulary order
    assert worked["nb_categories"] == 2
    # p = 2/3, 1/3: 1 − (4/9 + 1/9) = 4/9; ÷ (1 − 1/14) = 4/9 × 14/13 = 0.4786 → 0.48
    assert worked["indice_diversite"] == 0.48
    assert worked["nb_faits_violents"] == 1
    assert worked["dernier_fait_violent"] == "2012-03-01"


def test_worked_example_custody(worked: dict) -> None:
    assert worked["jours_detention"] == 274  # 214 + 60
    assert worked["nb_periodes_detention"] == 2  # overlapping and touching periods merge
    assert worked["nb_revocations"] == 2  # the sursis probatoire and the 2016 détention
    assert worked["nb_incidents"] == 1


def test_worked_example_liberty_and_lambda(worked: dict) -> None:
    # Window 2010-01-01 → 2020-01-01 = 10 × 365 + 2 leap days = 3652; minus 274 in custody.
    assert worked["jours_liberte"] == 3378
    # 3 ÷ (3378 ÷ 365.25) = 1095.75 ÷ 3378 = 0.3244
    assert worked["lambda_par_an"] == 0.32


def test_worked_example_gaps(worked: dict) -> None:
    # f1 → f2: 2010-01-01 → 2012-03-01 = 365 + 365 + 31 + 29 = 790, no custody inside
    #   (the spell starts on f2's date, which the gap excludes).
    # f2 → f3: 2012-03-01 → 2015-07-15 = 3 × 365 + 136 = 1231, minus the 214-day spell = 1017.
    # f3 → reference: 2015-07-15 → 2020-01-01 = 170 + 1461 = 1631, minus 60 = 1571.
    # 790 + 1017 + 1571 = 3378 = days at liberty of the window.
    assert worked["plus_long_intervalle_jours"] == 1571
    # Later of last offence (2015-07-15) and last release (2016-03-01): 2016-03-01.
    # 2016-03-01 → 2019-03-01 = 1095, → 2020-01-01 = 306: 1401.
    assert worked["intervalle_actuel_jours"] == 1401


def test_worked_example_trends(worked: dict) -> None:
    # Cut = 2020-01-01 − 1096 days = 2016-12-31.
    # recent: 2016-12-31 → 2020-01-01, 1096 days at liberty, no offence: 0.0
    # avant: 2010-01-01 → 2016-12-31 = 3652 − 1096 = 2556 days, minus 274 custody = 2282;
    #   3 offences: 1095.75 ÷ 2282 = 0.4802 → 0.48
    assert worked["tendance_frequence"] == {"recent": 0.0, "avant": 0.48}
    # Days from f1: x = 0, 790, 2021 (mean 937); gravity y = 1, 2, 3 (mean 2).
    # Σdx·dy = 937 + 0 + 1084 = 2021; Σdx² = 937² + 147² + 1084² = 2 074 634.
    # Slope per day 2021 ÷ 2 074 634 = 0.00097415; per year × 365.25 = 0.3558 → 0.356.
    assert worked["tendance_gravite"] == 0.356


def test_worked_example_links(worked: dict) -> None:
    # f1 (2010-01-01): event 0 ends that very day (fin excluded, 0 days before) → linked.
    # f2 (2012-03-01): event 1 runs (from 2011-06); point event 2 on 2011-12-01 is
    #   31 + 31 + 29 = 91 days before → linked.
    # f3 (2015-07-15): event 1 runs; point 3 (2015-04-14) is exactly 92 days before → linked;
    #   point 4 (2015-04-13) is 93 days before → not linked; event 5 starts after.
    assert worked["liens"] == [
        {"fait": "f1", "evenements": [0]},
        {"fait": "f2", "evenements": [1, 2]},
        {"fait": "f3", "evenements": [1, 3]},
    ]
    # addictions (negatif, running from 2011-06): f2 and f3 → 2/3 = 0.67.
    # emploi has a negatif period (event 5) during no offence → 0.0.
    # famille_couple's negatif entry is a point event: not counted, so not listed.
    assert worked["part_faits_periodes_negatives"] == {"emploi": 0.0, "addictions": 0.67}


def test_json_keys_are_the_spec_keys_in_order(worked: dict) -> None:
    assert list(worked) == [
        "dossier", "nb_faits", "nb_decisions", "age_premier_fait", "age_premiere_condamnation",
        "categories", "nb_categories", "indice_diversite", "nb_faits_violents",
        "dernier_fait_violent", "jours_detention", "nb_periodes_detention", "nb_revocations",
        "nb_incidents", "jours_liberte", "lambda_par_an", "plus_long_intervalle_jours",
        "intervalle_actuel_jours", "tendance_frequence", "tendance_gravite", "liens",
        "part_faits_periodes_negatives",
    ]
    assert list(worked["tendance_frequence"]) == ["recent", "avant"]
    json.dumps(worked)  # serialisable as is


# --- helpers for the renderer ---------------------------------------------------------------------
def test_custody_spells_merge_overlapping_and_touching_periods() -> None:
    spells = custody_spells(case(mesures=[
        custody(date(2012, 5, 1), date(2012, 9, 1)),
        measure("detention_provisoire", date(2012, 3, 1), date(2012, 6, 1)),
        custody(date(2012, 9, 1), date(2012, 10, 1)),  # touching
        custody(date(2012, 10, 2), date(2012, 11, 1)),  # one day apart: a new spell
        measure("semi_liberte", date(2013, 1, 1), date(2014, 1, 1)),  # not custody
        custody(date(2015, 3, 1), date(2015, 3, 1)),  # empty: no custody day
    ]))
    assert spells == [(date(2012, 3, 1), date(2012, 10, 1)), (date(2012, 10, 2), date(2012, 11, 1))]


def test_offence_free_gaps_subtract_custody() -> None:
    c = case(
        faits=[offence("a", date(2019, 1, 1)), offence("b", date(2019, 3, 1)),
               offence("c", date(2019, 3, 1))],
        mesures=[custody(date(2019, 2, 1), date(2019, 2, 11))],  # 10 days
    )
    # a → b: 31 + 28 = 59 calendar days − 10 = 49. b and c share a date: no gap between them.
    # b → reference 2020-01-01: 306 days.
    assert offence_free_gaps(c) == [
        (date(2019, 1, 1), date(2019, 3, 1), 49),
        (date(2019, 3, 1), date(2020, 1, 1), 306),
    ]


def test_offence_links_are_in_date_order_with_events_in_file_order() -> None:
    c = case(
        faits=[offence("late", date(2019, 6, 1)), offence("early", date(2018, 1, 1))],
        vie=[point(0, "autre", date(2019, 5, 1)), period(1, "emploi", date(2017, 1, 1), None)],
    )
    links = [(o.id, [e.index for e in events]) for o, events in offence_links(c)]
    # late: the point event is 31 days before; the job runs → [0, 1]. early: only the job.
    assert links == [("early", [1]), ("late", [0, 1])]


# --- special cases --------------------------------------------------------------------------------
def test_no_offence_at_all() -> None:
    result = compute(load_case(FIXTURES / "sans-fait.yaml")).to_json()
    assert result == {
        "dossier": "EX-VIDE-01",
        "nb_faits": 0,
        "nb_decisions": 0,
        "age_premier_fait": None,
        "age_premiere_condamnation": None,
        "categories": {},
        "nb_categories": 0,
        "indice_diversite": 0.0,
        "nb_faits_violents": 0,
        "dernier_fait_violent": None,
        "jours_detention": 0,
        "nb_periodes_detention": 0,
        "nb_revocations": 0,
        "nb_incidents": 0,
        "jours_liberte": None,
        "lambda_par_an": None,
        "plus_long_intervalle_jours": None,
        "intervalle_actuel_jours": None,
        "tendance_frequence": {"recent": None, "avant": None},
        "tendance_gravite": None,
        "liens": [],
        # A negatif logement period exists, but a share of zero offences is undefined.
        "part_faits_periodes_negatives": {"logement": None},
    }


def test_one_offence() -> None:
    # Born 2000, one offence 2020-01-01, reference 2021-01-01: window 366 days (2020 is leap).
    result = compute(case([offence("f1", date(2020, 1, 1), "violences")],
                          reference=date(2021, 1, 1), birth=2000)).to_json()
    assert result["age_premier_fait"] == 20
    assert result["age_premiere_condamnation"] is None  # no decision
    assert result["jours_liberte"] == 366
    assert result["lambda_par_an"] == 1.0  # 365.25 ÷ 366 = 0.998
    assert result["plus_long_intervalle_jours"] == 366
    assert result["intervalle_actuel_jours"] == 366
    # Cut = 2021-01-01 − 1096 = 2018-01-01: the window starts after it, so "avant" is empty.
    assert result["tendance_frequence"] == {"recent": 1.0, "avant": None}
    assert result["tendance_gravite"] is None  # one date only
    assert result["indice_diversite"] == 0.0
    assert result["nb_faits_violents"] == 1
    assert result["dernier_fait_violent"] == "2020-01-01"


def test_custody_running_at_the_reference_date() -> None:
    # Offence 2018-06-01; détention since 2019-01-01, no fin; reference 2020-01-01.
    c = case([offence("f1", date(2018, 6, 1))], [custody(date(2019, 1, 1))])
    result = compute(c).to_json()
    assert result["jours_detention"] == 365  # 2019-01-01 → 2020-01-01
    assert result["nb_periodes_detention"] == 1
    # Window 2018-06-01 → 2020-01-01 = 214 + 365 = 579; at liberty 579 − 365 = 214.
    assert result["jours_liberte"] == 214
    assert result["lambda_par_an"] == 1.71  # 365.25 ÷ 214 = 1.7068
    assert result["intervalle_actuel_jours"] is None  # custody still runs
    assert result["plus_long_intervalle_jours"] == 214


def test_custody_starting_on_the_reference_date_still_runs() -> None:
    c = case([offence("f1", date(2018, 6, 1))], [custody(date(2020, 1, 1))])
    result = compute(c).to_json()
    assert result["intervalle_actuel_jours"] is None
    assert result["jours_detention"] == 0 and result["nb_periodes_detention"] == 0


def test_current_gap_counts_from_the_last_offence_when_it_follows_release() -> None:
    c = case([offence("f1", date(2019, 12, 1))], [custody(date(2018, 1, 1), date(2018, 2, 1))])
    assert compute(c).intervalle_actuel_jours == 31  # 2019-12-01 → 2020-01-01


def test_custody_before_the_first_offence_counts_in_custody_not_in_the_window() -> None:
    # Détention provisoire 2019-01-01 → 2019-02-01 (31 days); partial offence date "2019-01-15"
    # in the file may well fall inside it; the offence is dated 2019-01-15.
    c = case([offence("f1", date(2019, 1, 15))],
             [measure("detention_provisoire", date(2019, 1, 1), date(2019, 2, 1))])
    result = compute(c)
    assert result.jours_detention == 31
    # Window 2019-01-15 → 2020-01-01 = 351 days, of which 17 (01-15 → 02-01) in custody: 334.
    assert result.jours_liberte == 334
    assert result.intervalle_actuel_jours == 334  # from the release, 2019-02-01


def test_offence_on_the_reference_date_leaves_no_day_at_liberty() -> None:
    result = compute(case([offence("f1", date(2020, 1, 1))])).to_json()
    assert result["jours_liberte"] == 0
    assert result["lambda_par_an"] is None
    assert result["plus_long_intervalle_jours"] == 0
    assert result["intervalle_actuel_jours"] == 0
    assert result["tendance_frequence"] == {"recent": None, "avant": None}


def test_trend_offence_on_the_cut_day_is_recent() -> None:
    # Reference 2020-01-01, cut 2016-12-31. Offences 2016-01-01 and 2016-12-31.
    c = case([offence("a", date(2016, 1, 1)), offence("b", date(2016, 12, 31))])
    trend = compute(c).tendance_frequence
    # recent: b over 1096 days: 365.25 ÷ 1096 = 0.333 → 0.33
    # avant: a over 2016-01-01 → 2016-12-31 = 365 days: 365.25 ÷ 365 = 1.0007 → 1.0
    assert (trend.recent, trend.avant) == (0.33, 1.0)


def test_trend_recent_is_null_when_all_recent_days_are_in_custody() -> None:
    c = case([offence("a", date(2010, 1, 1))], [custody(date(2016, 6, 1))])
    trend = compute(c).tendance_frequence
    assert trend.recent is None  # 2016-12-31 → 2020-01-01 entirely in custody
    # avant: 2010-01-01 → 2016-12-31 = 2556 days − (2016-06-01 → 12-31 = 213) = 2343;
    # 365.25 ÷ 2343 = 0.1559 → 0.16
    assert trend.avant == 0.16


def test_gravity_slope_decreasing_and_null_cases() -> None:
    # Crime 2010-01-01, contravention 2012-01-01 (730 days = 730/365.25 = 1.9986 years):
    # slope = (1 − 3) ÷ 1.9986 = −1.0007 → −1.001
    c = case([offence("a", date(2010, 1, 1), gravite="crime"),
              offence("b", date(2012, 1, 1), gravite="contravention")])
    assert compute(c).tendance_gravite == -1.001
    same_day = case([offence("a", date(2010, 1, 1), gravite="crime"),
                     offence("b", date(2010, 1, 1), gravite="delit")])
    assert compute(same_day).tendance_gravite is None


def test_diversity_index_grows_with_spread_and_reaches_one() -> None:
    # Two offences in two categories: 1 − (1/4 + 1/4) = 1/2; ÷ 13/14 = 7/13 = 0.538 → 0.54
    c = case([offence("a", date(2010, 1, 1), "vol"), offence("b", date(2011, 1, 1), "armes")])
    assert compute(c).indice_diversite == 0.54
    # 14 offences, one per category: 1 − 14 × (1/14)² = 13/14; ÷ 13/14 = 1.
    every = case([offence(f"f{i}", date(2010, 1, 1 + i), slug) for i, slug in enumerate(CATEGORIES)])
    assert compute(every).indice_diversite == 1.0


def test_links_end_of_period_tail_and_point_event_same_day() -> None:
    c = case(
        [offence("f", date(2019, 6, 1))],
        vie=[
            period(0, "emploi", date(2018, 1, 1), date(2019, 3, 1)),  # ended 92 days before
            period(1, "emploi", date(2018, 1, 1), date(2019, 2, 28)),  # 93 days before
            point(2, "sante", date(2019, 6, 1)),  # same day
            point(3, "sante", date(2019, 6, 2)),  # after
            period(4, "logement", date(2019, 6, 1), None),  # starts that day: running
            period(5, "logement", date(2019, 6, 2), None),  # starts after
        ],
    )
    assert compute(c).liens == [("f", [0, 2, 4])]


def test_negative_share_counts_only_running_negative_periods() -> None:
    c = case(
        [offence("a", date(2019, 1, 1)), offence("b", date(2019, 6, 1)),
         offence("c", date(2019, 9, 1))],
        vie=[
            # a and b run inside this period; c is 31 days after its end: linked but not counted.
            period(0, "addictions", date(2018, 1, 1), date(2019, 8, 1), "negatif"),
            # Two negatif periods of one domain: an offence counts once (b runs in both).
            period(1, "entourage", date(2019, 5, 1), date(2019, 7, 1), "negatif"),
            period(2, "entourage", date(2019, 5, 15), date(2019, 10, 1), "negatif"),
            period(3, "emploi", date(2018, 1, 1), None, "positif"),  # not negatif
        ],
    )
    assert compute(c).part_faits_periodes_negatives == {"entourage": 0.67, "addictions": 0.67}


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_compute(path: Path) -> None:
    result = compute(load_case(path)).to_json()
    assert result["nb_faits"] >= 1
    json.dumps(result)


def test_example_in_custody_has_no_current_gap() -> None:
    result = compute(load_case(EXAMPLES / "en-detention.yaml")).to_json()
    assert result["intervalle_actuel_jours"] is None
    assert result["nb_periodes_detention"] == 1  # détention provisoire then détention: one spell


def test_example_desistance_has_no_recent_offence() -> None:
    result = compute(load_case(EXAMPLES / "desistance.yaml")).to_json()
    assert result["tendance_frequence"]["recent"] == 0.0
    assert result["tendance_frequence"]["avant"] > 0
