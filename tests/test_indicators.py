"""Indicators (contract version 2) on small cases computed by hand (arithmetic in the comments).

Reminders from the spec: a partial date is its first day; periods are [debut, fin); λ is offences
÷ (days at liberty ÷ 365.25); the trend cut is date_reference − 1096 days.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from generator.timeline.indicators import (
    AgeRange,
    compute,
    custody_spells,
    offence_free_gaps,
    offence_links,
    round_half_away,
)
from generator.timeline.loader import load_case
from generator.timeline.model import (
    CaseFile,
    Decision,
    LifeEvent,
    Measure,
    Obligation,
    Offence,
    Penalty,
)
from generator.timeline.vocabulary import CATEGORIES

FIXTURES = Path(__file__).parent / "fixtures" / "frise"
EXAMPLES = Path(__file__).parent.parent / "examples" / "dossiers"


# --- builders -----------------------------------------------------------------------------------
def offence(
    ident: str, when: date, categorie: str = "vol", gravite: str = "delit", fin: date | None = None
) -> Offence:
    return Offence(ident, when, when.isoformat(), categorie, gravite, None, None,
                   fin=fin, fin_text=fin.isoformat() if fin else None)


def decision(
    ident: str, when: date, faits: Sequence[str], juridiction: str = "tribunal_correctionnel",
    nature: str = "condamnation",
) -> Decision:
    peines = (Penalty("amende", None, None),) if nature == "condamnation" else ()
    return Decision(ident, when, when.isoformat(), tuple(faits), juridiction, peines, nature)


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
    decisions: Sequence[Decision] = (),
) -> CaseFile:
    return CaseFile("EX-T", birth, reference, tuple(faits), tuple(decisions), tuple(mesures),
                    tuple(vie), Path("t.yaml"))


# --- the worked example (tests/fixtures/frise/indicateurs.yaml) ---------------------------------
# Born 1990, reference 2020-01-01.
# Offences: f1 2010 (→ 2010-01-01, vol, contravention), f2 2012-03 (→ 2012-03-01, violences,
# délit), f3 2015-07-15 (vol, crime). Written f1, f3, f2 in the file: indicators sort by date.
# Three dates, no fin: three episodes.
# Custody: DP 2012-03-01→06-01, détention 2012-05-01→09-01 (overlap), détention 09-01→10-01
# (touching) = one spell 2012-03-01→2012-10-01 = 31+30+31+30+31+31+30 = 214 days;
# détention 2016-01-01→03-01 = 31+29 = 60 days (leap year). Total 274 days, 2 spells.
@pytest.fixture(scope="module")
def worked() -> dict:
    return compute(load_case(FIXTURES / "indicateurs.yaml")).to_json()


def test_worked_example_counts_and_ages(worked: dict) -> None:
    assert worked["dossier"] == "EX-CALCUL-01"
    assert worked["nb_faits"] == 3
    assert worked["nb_episodes"] == 3
    assert worked["nb_decisions"] == 2
    assert worked["nb_condamnations"] == 2
    assert worked["age_premier_fait"] == {"min": 19, "max": 20}  # 2010 − 1990 = 20: 19 or 20
    assert worked["age_premiere_condamnation"] == {"min": 20, "max": 21}  # d1 2011-06
    assert worked["categories"] == {"violences": 1, "vol": 2}
    assert list(worked["categories"]) == ["violences", "vol"]  # vocabulary order
    assert worked["nb_categories"] == 2
    # p = 2/3, 1/3: 1 − (4/9 + 1/9) = 4/9; ÷ (1 − 1/14) = 4/9 × 14/13 = 0.4786 → 0.48
    assert worked["indice_diversite"] == 0.48
    assert worked["nb_faits_violents"] == 1
    assert worked["dernier_fait_violent"] == "2012-03-01"
    assert worked["fait_le_plus_grave"] == {"id": "f3", "gravite": "crime", "date": "2015-07-15"}


def test_worked_example_custody_and_measures(worked: dict) -> None:
    assert worked["jours_detention"] == 274  # 214 + 60
    assert worked["nb_periodes_detention"] == 2  # overlapping and touching periods merge
    assert worked["nb_revocations"] == 2  # the sursis probatoire and the 2016 détention
    assert worked["nb_incidents"] == 1
    assert worked["obligations"] == {
        "respectee": 0, "partiellement": 0, "non_respectee": 0, "en_cours": 0,
    }


def test_worked_example_liberty_and_lambda(worked: dict) -> None:
    # Window 2010-01-01 → 2020-01-01 = 10 × 365 + 2 leap days = 3652; minus 274 in custody.
    assert worked["jours_liberte"] == 3378
    # 3 episodes ÷ (3378 ÷ 365.25) = 1095.75 ÷ 3378 = 0.3244
    assert worked["lambda_par_an"] == 0.32


def test_worked_example_gaps(worked: dict) -> None:
    # f1 → f2: 2010-01-01 → 2012-03-01 = 365 + 365 + 31 + 29 = 790, no custody inside.
    # f2 → f3: 2012-03-01 → 2015-07-15 = 3 × 365 + 136 = 1231, minus the 214-day spell = 1017.
    # f3 → reference: 2015-07-15 → 2020-01-01 = 170 + 1461 = 1631, minus 60 = 1571.
    # 790 + 1017 + 1571 = 3378 = days at liberty of the window.
    assert worked["intervalles"] == [790, 1017, 1571]
    assert worked["plus_long_intervalle_jours"] == 1571
    assert worked["jours_depuis_dernier_fait"] == 1571  # the last gap
    # Last release 2016-03-01 → 2020-01-01: 306 + 365 × 3 = 1401 calendar days.
    assert worked["jours_depuis_derniere_sortie"] == 1401


def test_worked_example_trends(worked: dict) -> None:
    # Cut = 2020-01-01 − 1096 days = 2016-12-31.
    # recent: 2016-12-31 → 2020-01-01, 1096 days at liberty, no episode: 0.0
    # avant: 2010-01-01 → 2016-12-31 = 3652 − 1096 = 2556 days, minus 274 custody = 2282;
    #   3 episodes: 1095.75 ÷ 2282 = 0.4802 → 0.48
    assert worked["tendance_frequence"] == {
        "recent": 0.0, "avant": 0.48, "episodes_recent": 0, "episodes_avant": 3,
        "jours_liberte_recent": 1096, "jours_liberte_avant": 2282,
    }
    assert worked["tendance_gravite"] is None  # 3 episodes: fewer than 5


def test_worked_example_links_and_shares(worked: dict) -> None:
    # f1 (2010-01-01): event 0 ends that very day (fin = s) → peu avant.
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
    # emploi has a negatif period (event 5) during no episode → 0.0.
    # famille_couple's negatif entry is a point event: not counted, so not listed.
    assert worked["part_episodes_periodes_negatives"] == {"emploi": 0.0, "addictions": 0.67}
    # Time: addictions 2011-06-01 → 2020-01-01 = 214 + 2922 = 3136 days, minus the 274 custody
    # days inside = 2862; 2862 ÷ 3378 = 0.847 → 0.85. emploi 2015-08-01 → 2016-01-01 = 153
    # days, no custody: 153 ÷ 3378 = 0.0453 → 0.05.
    assert worked["part_temps_periodes_negatives"] == {"emploi": 0.05, "addictions": 0.85}


def test_json_keys_are_the_spec_keys_in_order(worked: dict) -> None:
    assert list(worked) == [
        "dossier", "nb_faits", "nb_episodes", "nb_decisions", "nb_condamnations",
        "age_premier_fait", "age_premiere_condamnation", "categories", "nb_categories",
        "indice_diversite", "nb_faits_violents", "dernier_fait_violent", "fait_le_plus_grave",
        "jours_detention", "nb_periodes_detention", "nb_revocations", "nb_incidents",
        "obligations", "jours_liberte", "lambda_par_an", "intervalles",
        "plus_long_intervalle_jours", "jours_depuis_dernier_fait", "jours_depuis_derniere_sortie",
        "tendance_frequence", "tendance_gravite", "liens", "part_episodes_periodes_negatives",
        "part_temps_periodes_negatives",
    ]
    assert list(worked["tendance_frequence"]) == [
        "recent", "avant", "episodes_recent", "episodes_avant", "jours_liberte_recent",
        "jours_liberte_avant",
    ]
    json.dumps(worked)  # serialisable as is


# --- rounding -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "digits", "expected"), [
    (0.125, 2, 0.13), (2.675, 2, 2.68), (-0.125, 2, -0.13), (0.3244, 2, 0.32),
    (1.0005, 3, 1.001), (0.0, 2, 0.0), (2 / 3, 2, 0.67),
])
def test_rounding_halves_away_from_zero(value: float, digits: int, expected: float) -> None:
    assert round_half_away(value, digits) == expected


# --- episodes -------------------------------------------------------------------------------------
def test_same_day_offences_are_one_episode_and_an_offence_over_a_period_is_its_own() -> None:
    c = case([
        offence("a", date(2019, 3, 1)),
        offence("b", date(2019, 3, 1), "armes"),  # "2019-03" and "2019-03-01": the same day
        offence("c", date(2019, 3, 1), fin=date(2019, 6, 1)),  # a period: its own episode
    ])
    result = compute(c)
    assert (result.nb_faits, result.nb_episodes) == (3, 2)
    assert [len(e.offences) for e in result.episodes] == [2, 1]
    assert result.episodes[1].end == date(2019, 6, 1)


# --- ages -----------------------------------------------------------------------------------------
def test_age_at_first_offence_is_capped_at_17_when_judged_by_a_juvenile_court() -> None:
    # Born 2000, offence 2018-05-01: y = 18, so 17 or 18; a tribunal pour enfants judged it: 17.
    c = case([offence("f1", date(2018, 5, 1))], birth=2000,
             decisions=[decision("d1", date(2019, 2, 1), ["f1"], "tribunal_enfants")])
    result = compute(c)
    assert result.age_premier_fait == AgeRange(17, 17)
    # The age at the decision is not capped: 2019 − 2000 = 19, so 18 or 19.
    assert result.to_json()["age_premiere_condamnation"] == {"min": 18, "max": 19}


def test_age_cap_follows_the_earliest_decision_only() -> None:
    c = case([offence("f1", date(2018, 5, 1))], birth=2000, decisions=[
        decision("d2", date(2019, 6, 1), ["f1"], "juge_enfants"),
        decision("d1", date(2019, 2, 1), ["f1"], "tribunal_correctionnel", "relaxe"),
    ])
    # The earliest decision (any nature) is the tribunal correctionnel: no cap.
    assert compute(c).age_premier_fait == AgeRange(17, 18)


# --- custody --------------------------------------------------------------------------------------
def test_custody_spells_merge_overlapping_and_touching_periods() -> None:
    spells = custody_spells(case(mesures=[
        custody(date(2012, 5, 1), date(2012, 9, 1)),
        measure("detention_provisoire", date(2012, 3, 1), date(2012, 6, 1)),
        custody(date(2012, 9, 1), date(2012, 10, 1)),  # touching
        custody(date(2012, 10, 2), date(2012, 11, 1)),  # one day apart: a new spell
        measure("semi_liberte", date(2013, 1, 1), date(2014, 1, 1)),  # custody in version 2
        measure("ddse", date(2014, 1, 1), date(2014, 6, 1)),  # not custody
        custody(date(2015, 3, 1), date(2015, 3, 1)),  # zero-length: still a spell
    ]))
    assert spells == [
        (date(2012, 3, 1), date(2012, 10, 1)), (date(2012, 10, 2), date(2012, 11, 1)),
        (date(2013, 1, 1), date(2014, 1, 1)), (date(2015, 3, 1), date(2015, 3, 1)),
    ]


def test_semi_liberte_counts_as_custody() -> None:
    result = compute(case(mesures=[measure("semi_liberte", date(2019, 1, 1), date(2019, 2, 1))]))
    assert (result.jours_detention, result.nb_periodes_detention) == (31, 1)


def test_zero_length_custody_is_a_spell_and_a_release() -> None:
    result = compute(case(mesures=[custody(date(2019, 3, 1), date(2019, 3, 1))]))
    assert (result.jours_detention, result.nb_periodes_detention) == (0, 1)
    # Released 2019-03-01; reference 2020-01-01: 306 days (no offence: still computed).
    assert result.jours_depuis_derniere_sortie == 306
    inside = compute(case(mesures=[custody(date(2019, 1, 1), date(2019, 2, 1)),
                                   custody(date(2019, 1, 15), date(2019, 1, 15))]))
    assert inside.nb_periodes_detention == 1  # inside another spell: merged


def test_since_release_is_calendar_days_and_null_while_custody_runs() -> None:
    c = case([offence("f1", date(2019, 12, 1))], [custody(date(2018, 1, 1), date(2018, 2, 1))])
    result = compute(c)
    assert result.jours_depuis_derniere_sortie == 699  # 2018-02-01 → 2020-01-01: 365 + 334
    assert result.jours_depuis_dernier_fait == 31  # 2019-12-01 → 2020-01-01
    running = compute(case([offence("f1", date(2018, 6, 1))], [custody(date(2019, 1, 1))]))
    assert running.jours_depuis_derniere_sortie is None
    assert running.custody_running
    assert compute(case([offence("f1", date(2018, 6, 1))])).jours_depuis_derniere_sortie is None


def test_custody_running_at_the_reference_date() -> None:
    # Offence 2018-06-01; détention since 2019-01-01, no fin; reference 2020-01-01.
    result = compute(case([offence("f1", date(2018, 6, 1))], [custody(date(2019, 1, 1))])).to_json()
    assert result["jours_detention"] == 365  # 2019-01-01 → 2020-01-01
    assert result["nb_periodes_detention"] == 1
    # Window 2018-06-01 → 2020-01-01 = 214 + 365 = 579; at liberty 579 − 365 = 214.
    assert result["jours_liberte"] == 214
    assert result["lambda_par_an"] is None  # one episode
    assert result["intervalles"] == [214]
    assert result["jours_depuis_dernier_fait"] == 214


# --- frequency ------------------------------------------------------------------------------------
def test_lambda_is_withheld_below_3_episodes_or_365_days_at_liberty() -> None:
    three = [offence("a", date(2019, 1, 1)), offence("b", date(2019, 2, 1)),
             offence("c", date(2019, 3, 1))]
    # Window 2019-01-01 → 2020-01-01 = 365 days: 3 ÷ (365 ÷ 365.25) = 3.002 → 3.0
    assert compute(case(three)).lambda_par_an == 3.0
    short = compute(case(three, reference=date(2019, 12, 31)))  # 364 days
    assert short.lambda_par_an is None
    assert short.lambda_withheld == "moins d'un an (365 jours) de liberté"
    two = compute(case(three[:2], reference=date(2025, 1, 1)))
    assert two.lambda_par_an is None
    assert two.lambda_withheld == "moins de 3 passages à l'acte"


def test_lambda_counts_episodes_not_offences() -> None:
    c = case([offence("a", date(2017, 1, 1)), offence("b", date(2017, 1, 1)),
              offence("c", date(2018, 1, 1)), offence("d", date(2019, 1, 1))])
    # 3 episodes over 2017-01-01 → 2020-01-01 = 1095 days: 3 × 365.25 ÷ 1095 = 1.0007 → 1.0
    assert compute(c).lambda_par_an == 1.0


# --- gaps -----------------------------------------------------------------------------------------
def test_gaps_walk_with_reach_over_offences_with_a_period() -> None:
    c = case([
        offence("a", date(2015, 1, 1), fin=date(2016, 1, 1)),
        offence("b", date(2015, 6, 1)),  # inside a's period: no gap
        offence("c", date(2017, 1, 1)),
    ])
    result = compute(c)
    # reach = 2016-01-01 after a and b; c: 2016-01-01 → 2017-01-01 = 366 (leap year);
    # close: 2017-01-01 → 2020-01-01 = 1095.
    assert result.intervalles == (366, 1095)
    assert result.jours_depuis_dernier_fait == 1095
    assert result.plus_long_intervalle_jours == 1095
    assert result.jours_liberte == 1826  # 2015-01-01 → 2020-01-01


def test_offence_free_gaps_subtract_custody() -> None:
    c = case(
        faits=[offence("a", date(2019, 1, 1)), offence("b", date(2019, 3, 1)),
               offence("c", date(2019, 3, 1))],
        mesures=[custody(date(2019, 2, 1), date(2019, 2, 11))],  # 10 days
    )
    # a → b: 31 + 28 = 59 calendar days − 10 = 49. b and c share a date: one episode.
    # b → reference 2020-01-01: 306 days.
    assert offence_free_gaps(c) == [
        (date(2019, 1, 1), date(2019, 3, 1), 49),
        (date(2019, 3, 1), date(2020, 1, 1), 306),
    ]
    assert compute(c).intervalles == (49, 306)


def test_offence_on_the_reference_date_leaves_no_day_at_liberty() -> None:
    result = compute(case([offence("f1", date(2020, 1, 1))])).to_json()
    assert result["jours_liberte"] == 0
    assert result["lambda_par_an"] is None
    assert result["intervalles"] == [0]
    assert result["plus_long_intervalle_jours"] == 0
    assert result["jours_depuis_dernier_fait"] == 0
    assert result["tendance_frequence"] == {
        "recent": None, "avant": None, "episodes_recent": 1, "episodes_avant": 0,
        "jours_liberte_recent": 0, "jours_liberte_avant": 0,
    }


# --- trends ---------------------------------------------------------------------------------------
def test_trend_counts_and_rates() -> None:
    # Reference 2020-01-01, cut 2016-12-31 (on the cut day: recent).
    c = case([offence("a", date(2014, 1, 1)), offence("b", date(2015, 1, 1)),
              offence("c", date(2016, 12, 31)), offence("d", date(2019, 1, 1))])
    trend = compute(c).tendance_frequence
    # recent: 2 episodes in 1096 days: 730.5 ÷ 1096 = 0.6665 → 0.67
    # avant: 2014-01-01 → 2016-12-31 = 1095 days, 2 episodes: 730.5 ÷ 1095 = 0.6671 → 0.67
    assert trend.to_json() == {
        "recent": 0.67, "avant": 0.67, "episodes_recent": 2, "episodes_avant": 2,
        "jours_liberte_recent": 1096, "jours_liberte_avant": 1095,
    }


def test_trend_rates_withheld_with_few_episodes_or_days() -> None:
    two = compute(case([offence("a", date(2016, 1, 1)), offence("b", date(2016, 12, 31))]))
    assert two.tendance_frequence.to_json() == {
        "recent": None, "avant": None, "episodes_recent": 1, "episodes_avant": 1,
        "jours_liberte_recent": 1096, "jours_liberte_avant": 365,
    }
    c = case([offence("a", date(2016, 6, 1)), offence("b", date(2017, 1, 1)),
              offence("c", date(2018, 1, 1)), offence("d", date(2019, 1, 1))])
    trend = compute(c).tendance_frequence
    # avant: 2016-06-01 → 2016-12-31 = 213 days: under 365, withheld. recent: 3 × 365.25 ÷ 1096.
    assert (trend.avant, trend.jours_liberte_avant, trend.episodes_avant) == (None, 213, 1)
    assert trend.recent == 1.0


def test_trend_recent_days_exclude_custody() -> None:
    c = case([offence("a", date(2010, 1, 1)), offence("b", date(2011, 1, 1)),
              offence("c", date(2012, 1, 1))], [custody(date(2016, 6, 1))])
    trend = compute(c).tendance_frequence
    assert (trend.recent, trend.jours_liberte_recent) == (None, 0)  # all recent days in custody
    # avant: 2010-01-01 → 2016-12-31 = 2556 days − 213 in custody = 2343; 1095.75 ÷ 2343 = 0.4677
    assert (trend.avant, trend.jours_liberte_avant) == (0.47, 2343)


def test_gravity_slope_needs_5_episodes_and_takes_one_point_per_offence() -> None:
    dates = [date(2010 + i, 1, 1) for i in range(5)]
    gravities = ["crime", "delit", "delit", "contravention", "contravention"]
    faits = [offence(f"f{i}", d, gravite=g) for i, (d, g) in enumerate(zip(dates, gravities, strict=True))]
    four = compute(case(faits[:4]))
    assert four.tendance_gravite is None
    assert four.gravity_withheld == "moins de 5 passages à l'acte"
    # Add a second charge on the first day: 6 points, 5 episodes.
    faits.append(offence("f5", dates[0], gravite="crime"))
    xs = [o.date.toordinal() / 365.25 for o in faits]
    ys = [{"contravention": 1, "delit": 2, "crime": 3}[o.gravite] for o in faits]
    expected = statistics.linear_regression(xs, ys).slope
    assert compute(case(faits)).tendance_gravite == round(expected, 3)
    assert compute(case(faits)).tendance_gravite < 0


def test_gravity_slope_null_when_every_offence_starts_the_same_day() -> None:
    start = date(2010, 1, 1)
    faits = [offence(f"f{i}", start, fin=date(2010 + i + 1, 1, 1)) for i in range(5)]
    result = compute(case(faits))
    assert result.nb_episodes == 5
    assert result.tendance_gravite is None


def test_most_serious_offence_ties() -> None:
    c = case([offence("a", date(2012, 1, 1), gravite="crime"),
              offence("b", date(2015, 1, 1), gravite="crime"),
              offence("c", date(2018, 1, 1), gravite="delit")])
    assert compute(c).to_json()["fait_le_plus_grave"] == {
        "id": "b", "gravite": "crime", "date": "2015-01-01",
    }
    same_day = case([offence("x", date(2015, 1, 1), gravite="crime"),
                     offence("y", date(2015, 1, 1), gravite="crime")])
    assert compute(same_day).to_json()["fait_le_plus_grave"]["id"] == "y"  # the last written


# --- diversity and violence -----------------------------------------------------------------------
def test_diversity_index_grows_with_spread_and_reaches_one() -> None:
    # Two offences in two categories: 1 − (1/4 + 1/4) = 1/2; ÷ 13/14 = 7/13 = 0.538 → 0.54
    c = case([offence("a", date(2010, 1, 1), "vol"), offence("b", date(2011, 1, 1), "armes")])
    assert compute(c).indice_diversite == 0.54
    every = case([offence(f"f{i}", date(2010, 1, 1 + i), slug) for i, slug in enumerate(CATEGORIES)])
    assert compute(every).indice_diversite == 1.0


def test_threats_and_insults_are_not_violent() -> None:
    c = case([offence("a", date(2012, 1, 1), "violences"),
              offence("b", date(2015, 1, 1), "menaces_outrages")])
    result = compute(c)
    assert result.nb_faits_violents == 1
    assert result.dernier_fait_violent == date(2012, 1, 1)


# --- decisions and measures -----------------------------------------------------------------------
def test_convictions_count_appeals_once_and_skip_acquittals() -> None:
    faits = [offence("f1", date(2011, 1, 1)), offence("f2", date(2012, 1, 1)),
             offence("f3", date(2012, 6, 1))]
    c = case(faits, birth=1990, decisions=[
        decision("d1", date(2012, 1, 1), ["f1"]),
        decision("d2", date(2013, 1, 1), ["f1"], "cour_appel"),  # appeal: not a new conviction
        decision("d3", date(2013, 1, 1), ["f2"], nature="relaxe"),
        decision("d4", date(2014, 1, 1), ["f2", "f3"]),
    ])
    result = compute(c)
    assert (result.nb_decisions, result.nb_condamnations) == (4, 2)
    assert result.counted_convictions == ("d1", "d4")
    assert result.age_premiere_condamnation == AgeRange(21, 22)


def test_convictions_on_the_same_date_count_in_written_order() -> None:
    c = case([offence("f1", date(2011, 1, 1))], decisions=[
        decision("a", date(2012, 1, 1), ["f1"]), decision("b", date(2012, 1, 1), ["f1"]),
    ])
    assert compute(c).counted_convictions == ("a",)


def test_acquittal_only_gives_no_conviction_age() -> None:
    c = case([offence("f1", date(2011, 1, 1))],
             decisions=[decision("d1", date(2012, 1, 1), ["f1"], nature="relaxe")])
    assert compute(c).to_json()["age_premiere_condamnation"] is None


def test_obligations_are_counted_by_respect() -> None:
    base = measure("sursis_probatoire", date(2018, 1, 1))
    m = Measure(**{**base.__dict__, "obligations": (
        Obligation("soins", None, "respectee"), Obligation("residence", None, "respectee"),
        Obligation("travail_formation", None, "non_respectee"),
    )})
    result = compute(case(mesures=[m]))
    assert result.obligations == {
        "respectee": 2, "partiellement": 0, "non_respectee": 1, "en_cours": 0,
    }


# --- life events ----------------------------------------------------------------------------------
def test_offence_links_are_in_date_order_with_events_in_file_order() -> None:
    c = case(
        faits=[offence("late", date(2019, 6, 1)), offence("early", date(2018, 1, 1))],
        vie=[point(0, "autre", date(2019, 5, 1)), period(1, "emploi", date(2017, 1, 1), None)],
    )
    links = [(o.id, [e.index for e in events]) for o, events in offence_links(c)]
    # late: the point event is 31 days before; the job runs → [0, 1]. early: only the job.
    assert links == [("early", [1]), ("late", [0, 1])]


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
    result = compute(c)
    assert result.to_json()["liens"] == [{"fait": "f", "evenements": [0, 2, 4]}]
    assert result.liens[0].timing == {0: "peu_avant", 2: "peu_avant", 4: "au_meme_moment"}


def test_negative_shares_of_episodes_and_of_time() -> None:
    c = case(
        [offence("a", date(2019, 1, 1)), offence("b", date(2019, 6, 1)),
         offence("c", date(2019, 9, 1))],
        vie=[
            # a and b start inside this period; c is 31 days after its end: not counted.
            period(0, "addictions", date(2018, 1, 1), date(2019, 8, 1), "negatif"),
            # Two negatif periods of one domain: an episode counts once (b runs in both).
            period(1, "entourage", date(2019, 5, 1), date(2019, 7, 1), "negatif"),
            period(2, "entourage", date(2019, 5, 15), date(2019, 10, 1), "negatif"),
            period(3, "emploi", date(2018, 1, 1), None, "positif"),  # not negatif
            point(4, "logement", date(2019, 1, 1), "negatif"),  # point events excluded
        ],
    )
    result = compute(c)
    assert result.part_episodes_periodes_negatives == {"entourage": 0.67, "addictions": 0.67}
    # Window 2019-01-01 → 2020-01-01 = 365 days at liberty. addictions covers 2019-01-01 →
    # 08-01 = 212 days → 0.58; entourage's union 05-01 → 10-01 = 153 days → 0.42.
    assert result.part_temps_periodes_negatives == {"entourage": 0.42, "addictions": 0.58}


def test_time_share_is_null_without_a_day_at_liberty() -> None:
    c = case([offence("a", date(2019, 6, 1))], [custody(date(2019, 6, 1))],
             vie=[period(0, "logement", date(2019, 1, 1), None, "negatif")])
    result = compute(c)
    assert result.jours_liberte == 0
    assert result.part_episodes_periodes_negatives == {"logement": 1.0}
    assert result.part_temps_periodes_negatives == {"logement": None}


def test_period_status() -> None:
    c = case(vie=[
        period(0, "emploi", date(2015, 1, 1), None),  # runs at the reference
        period(1, "emploi", date(2015, 1, 1), date(2019, 6, 1)),  # ended within 365 days
        period(2, "emploi", date(2015, 1, 1), date(2019, 1, 1)),  # exactly 365 days before
        period(3, "emploi", date(2015, 1, 1), date(2018, 12, 31)),  # 366 days before
    ])
    assert compute(c).period_status == {0: "en_cours", 1: "recente", 2: "recente", 3: "passee"}


# --- no offence -----------------------------------------------------------------------------------
def test_no_offence_at_all() -> None:
    result = compute(load_case(FIXTURES / "sans-fait.yaml")).to_json()
    assert result == {
        "dossier": "EX-VIDE-01",
        "nb_faits": 0,
        "nb_episodes": 0,
        "nb_decisions": 0,
        "nb_condamnations": 0,
        "age_premier_fait": None,
        "age_premiere_condamnation": None,
        "categories": {},
        "nb_categories": 0,
        "indice_diversite": 0.0,
        "nb_faits_violents": 0,
        "dernier_fait_violent": None,
        "fait_le_plus_grave": None,
        "jours_detention": 0,
        "nb_periodes_detention": 0,
        "nb_revocations": 0,
        "nb_incidents": 0,
        "obligations": {"respectee": 0, "partiellement": 0, "non_respectee": 0, "en_cours": 0},
        "jours_liberte": None,
        "lambda_par_an": None,
        "intervalles": [],
        "plus_long_intervalle_jours": None,
        "jours_depuis_dernier_fait": None,
        "jours_depuis_derniere_sortie": None,
        "tendance_frequence": {
            "recent": None, "avant": None, "episodes_recent": 0, "episodes_avant": 0,
            "jours_liberte_recent": None, "jours_liberte_avant": None,
        },
        "tendance_gravite": None,
        "liens": [],
        # A negatif logement period exists, but with no offence there is no window: {}.
        "part_episodes_periodes_negatives": {},
        "part_temps_periodes_negatives": {},
    }


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_compute(path: Path) -> None:
    result = compute(load_case(path)).to_json()
    assert result["nb_faits"] >= 1
    json.dumps(result)


def test_example_in_custody_has_no_release_gap() -> None:
    result = compute(load_case(EXAMPLES / "en-detention.yaml")).to_json()
    assert result["jours_depuis_derniere_sortie"] is None
    assert result["nb_periodes_detention"] == 1  # détention provisoire then détention: one spell


def test_example_desistance_has_no_recent_offence() -> None:
    result = compute(load_case(EXAMPLES / "desistance.yaml")).to_json()
    assert result["tendance_frequence"]["episodes_recent"] == 0
    assert result["tendance_frequence"]["episodes_avant"] > 0
