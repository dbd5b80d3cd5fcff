"""The Plotly figures as plain data: lanes, tracks, shading, symbols, escaping, views."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.timeline.figure import (
    CATEGORY_COLOURS,
    GRAVITY_SYMBOLS,
    MS_PER_DAY,
    build_figure,
    build_gravity_figure,
)
from generator.timeline.indicators import compute, custody_spells
from generator.timeline.loader import load_case
from generator.timeline.model import CaseFile, LifeEvent, Measure, Offence

RENDER = Path(__file__).parent / "fixtures" / "frise" / "render"
REPO = Path(__file__).resolve().parent.parent


def figure_of(name: str, view: str = "professionnel") -> tuple[CaseFile, dict]:
    case = load_case(RENDER / f"{name}.yaml")
    return case, build_figure(case, compute(case).to_json(), view)


def traces_named(figure: dict, name: str) -> list[dict]:
    return [trace for trace in figure["data"] if trace.get("name") == name]


def one(figure: dict, name: str) -> dict:
    (trace,) = traces_named(figure, name)
    return trace


def lane_y(figure: dict, label: str) -> float:
    axis = figure["layout"]["yaxis"]
    return axis["tickvals"][axis["ticktext"].index(label)]


def small_case(faits=(), mesures=(), vie=()) -> CaseFile:
    return CaseFile("EX-T", 1990, date(2020, 1, 1), tuple(faits), (), tuple(mesures), tuple(vie),
                    Path("t.yaml"))


def test_figure_is_plain_json_with_french_config() -> None:
    _, figure = figure_of("complet")
    assert set(figure) == {"data", "layout", "config"}
    json.dumps(figure, allow_nan=False)  # plain data, nothing plotly.py would have to convert
    config = figure["config"]
    assert config["locale"] == "fr"
    assert config["displaylogo"] is False
    assert config["showEditInChartStudio"] is False and config["showLink"] is False


def test_one_lane_per_kind_in_a_fixed_order() -> None:
    _, figure = figure_of("complet")
    assert figure["layout"]["yaxis"]["ticktext"] == [
        "Infractions", "Décisions", "Détention", "Mesures de suivi",
        "Emploi", "Logement", "Famille et couple", "Addictions", "Santé",
    ]
    # Lanes go downwards: the y axis is reversed (range from high to low).
    low, high = figure["layout"]["yaxis"]["range"][1], figure["layout"]["yaxis"]["range"][0]
    assert low < min(figure["layout"]["yaxis"]["tickvals"]) and high > max(
        figure["layout"]["yaxis"]["tickvals"])


def test_offences_coloured_by_category_and_shaped_by_gravity() -> None:
    _, figure = figure_of("complet")
    theft = one(figure, "Vols et recels")
    assert theft["marker"]["color"] == CATEGORY_COLOURS["vol"]
    assert theft["marker"]["symbol"] == [GRAVITY_SYMBOLS["delit"]]
    armed = one(figure, "Vols avec violence")
    assert armed["marker"]["symbol"] == [GRAVITY_SYMBOLS["crime"]]
    # Legend-only entries explain the shapes; they draw nothing.
    crime_key = one(figure, "Crime")
    assert crime_key["x"] == [None] and crime_key["marker"]["symbol"] == "diamond"


def test_offences_on_the_same_date_do_not_hide_each_other() -> None:
    _, figure = figure_of("complet")
    first = one(figure, "Vols et recels")  # f1, 2012-03
    second = one(figure, "Destructions et dégradations")  # f2, 2012-03 too
    assert first["x"] == second["x"] == ["2012-03-01"]
    assert first["y"] != second["y"]


def test_custody_is_a_lane_and_a_shading_over_the_whole_chart() -> None:
    case, figure = figure_of("complet")
    shading = [s for s in figure["layout"]["shapes"] if s["yref"] == "paper" and s["type"] == "rect"]
    spells = custody_spells(case)
    assert len(shading) == len(spells) == 2
    assert (shading[0]["x0"], shading[0]["x1"]) == ("2013-11-21", "2014-08-01")
    assert shading[0]["y0"] == 0 and shading[0]["y1"] == 1
    detention = one(figure, "Détention")
    # Touching custody periods share a track: both detention bars sit on the same row as the
    # pre-trial period that runs into the first one.
    pretrial = one(figure, "Détention provisoire")
    assert pretrial["y"][0] == detention["y"][0]


def test_ranges_are_bars_from_start_with_duration_in_ms() -> None:
    _, figure = figure_of("complet")
    detention = one(figure, "Détention")
    assert detention["orientation"] == "h" and detention["type"] == "bar"
    assert detention["base"][0] == "2014-02-01"
    assert detention["x"][0] == (date(2014, 8, 1) - date(2014, 2, 1)).days * MS_PER_DAY


def test_running_periods_end_at_the_reference_date() -> None:
    _, figure = figure_of("complet")
    supervision = one(figure, "Mesure de suivi")
    index = supervision["text"].index("Suivi socio-judiciaire")
    assert supervision["base"][index] == "2020-03-01"
    assert supervision["x"][index] == (date(2026, 11, 1) - date(2020, 3, 1)).days * MS_PER_DAY
    assert "en cours" in supervision["hovertext"][index]


def test_overlapping_measures_get_their_own_track() -> None:
    _, figure = figure_of("complet")
    supervision = one(figure, "Mesure de suivi")
    parole = supervision["text"].index("Libération conditionnelle")
    follow_up = supervision["text"].index("Suivi socio-judiciaire")
    assert supervision["y"][parole] != supervision["y"][follow_up]


def test_revocations_and_incidents_are_marked_at_the_end_of_their_measure() -> None:
    _, figure = figure_of("complet")
    revocation = one(figure, "Révocation (fin de la mesure)")
    assert revocation["x"] == ["2013-12-01"]
    incident = one(figure, "Incident (fin de la mesure)")
    assert incident["x"] == ["2021-10-01"]


def test_life_meaning_is_told_by_colour_and_pattern() -> None:
    _, figure = figure_of("complet")
    difficult = one(figure, "Période difficile")
    positive = one(figure, "Période positive")
    assert difficult["marker"]["pattern"]["shape"] == "/"
    assert "pattern" not in positive["marker"]
    assert difficult["marker"]["color"] != positive["marker"]["color"]
    # Each domain has its own lane: the difficult housing period sits on the housing lane.
    housing = lane_y(figure, "Logement")
    assert housing in difficult["y"]
    # Point events are markers with a shape per meaning, in the same legend group.
    event = one(figure, "Événement difficile")
    assert event["x"] == ["2016-04-01"] and event["marker"]["symbol"] == "x"
    assert event["legendgroup"] == difficult["legendgroup"] == "vie"


def test_hover_texts_are_french_and_escaped() -> None:
    _, figure = figure_of("xss")
    hovers = [text for trace in figure["data"] for text in trace.get("hovertext", [])]
    labels = [text for trace in figure["data"] for text in trace.get("text", [])]
    assert hovers
    for text in hovers + labels:
        assert "<script" not in text and "<img" not in text and "<svg" not in text
    joined = "\n".join(hovers)
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in joined
    assert "&lt;img src=x onerror=alert(4)&gt;" in joined
    assert "Infraction</b> · avril 2015 (à 25\u00a0ans)" in joined


def test_professional_hover_has_ids_and_natinf_the_personne_view_does_not() -> None:
    _, pro = figure_of("complet", "professionnel")
    _, person = figure_of("complet", "personne")
    assert "NATINF 7875" in one(pro, "Vols et recels")["hovertext"][0]
    assert "NATINF" not in one(person, "Vols et recels")["hovertext"][0]
    assert "Identifiant" not in one(person, "Vols et recels")["hovertext"][0]


def test_age_axis_labels_ages_from_the_year_of_birth() -> None:
    _, figure = figure_of("complet")
    ages = figure["layout"]["xaxis2"]
    assert ages["overlaying"] == "x" and ages["matches"] == "x"
    assert "2012-01-01" in ages["tickvals"]
    assert ages["ticktext"][ages["tickvals"].index("2012-01-01")] == "18\u00a0ans"


def test_empty_case_still_has_an_offence_lane_and_no_gravity_figure() -> None:
    case, figure = figure_of("vide")
    assert figure["layout"]["yaxis"]["ticktext"] == ["Infractions", "Formation"]
    assert not traces_named(figure, "Contravention")  # no gravity legend without offences
    assert build_gravity_figure(case, compute(case).to_json()) is None


def test_gravity_figure_draws_each_offence_and_the_trend_in_the_professional_view() -> None:
    case = load_case(RENDER / "complet.yaml")
    values = compute(case).to_json()
    pro = build_gravity_figure(case, values, "professionnel")
    person = build_gravity_figure(case, values, "personne")
    points = [y for trace in pro["data"] if trace["mode"] == "markers" for y in trace["y"]]
    assert sorted(points) == [1, 1, 2, 2, 2, 3]
    (trend,) = [trace for trace in pro["data"] if trace["mode"] == "lines"]
    assert "Tendance" in trend["name"]
    assert not [trace for trace in person["data"] if trace["mode"] == "lines"]


def test_trend_line_has_the_indicator_slope() -> None:
    # Two offences one year apart (365.25 days would be exact; 366 in a leap year is close).
    faits = (
        Offence("a", date(2010, 1, 1), "2010", "vol", "crime", None, None),
        Offence("b", date(2012, 1, 1), "2012", "vol", "delit", None, None),
    )
    case = small_case(faits)
    values = compute(case).to_json()
    figure = build_gravity_figure(case, values)
    (trend,) = [trace for trace in figure["data"] if trace["mode"] == "lines"]
    years = (date(2012, 1, 1) - date(2010, 1, 1)).days / 365.25
    slope = (trend["y"][1] - trend["y"][0]) / years
    assert slope == pytest.approx(values["tendance_gravite"], abs=1e-3)
    assert trend["y"][0] == pytest.approx(3, abs=1e-3)  # two points: the line goes through both


def test_short_period_keeps_room_and_touching_periods_share_a_track() -> None:
    vie = (
        LifeEvent(0, "emploi", date(2012, 1, 1), "2012-01", date(2013, 1, 1), "2013-01",
                  False, None, "positif"),
        LifeEvent(1, "emploi", date(2013, 1, 1), "2013-01", date(2014, 1, 1), "2014-01",
                  False, None, "positif"),
        LifeEvent(2, "emploi", date(2013, 6, 1), "2013-06", date(2013, 7, 1), "2013-07",
                  False, None, "negatif"),
    )
    case = small_case(vie=vie)
    figure = build_figure(case, compute(case).to_json())
    positive = one(figure, "Période positive")
    difficult = one(figure, "Période difficile")
    assert positive["y"][0] == positive["y"][1]
    assert difficult["y"][0] != positive["y"][1]


def test_measures_without_custody_have_no_custody_lane() -> None:
    mesures = (Measure("tig", date(2015, 1, 1), "2015-01", date(2015, 6, 1), "2015-06", None,
                       "fin_normale"),)
    case = small_case(mesures=mesures)
    figure = build_figure(case, compute(case).to_json())
    assert "Détention" not in figure["layout"]["yaxis"]["ticktext"]
    assert not [s for s in figure["layout"]["shapes"] if s.get("yref") == "paper"
                and s["type"] == "rect"]


def test_unknown_view_is_refused() -> None:
    case = load_case(RENDER / "vide.yaml")
    with pytest.raises(ValueError):
        build_figure(case, compute(case).to_json(), "juge")


def test_building_a_figure_imports_neither_plotly_nor_pandas() -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from generator.timeline.loader import load_case\n"
        "from generator.timeline.indicators import compute\n"
        "from generator.timeline.figure import build_figure\n"
        f"case = load_case(Path({str(RENDER / 'complet.yaml')!r}))\n"
        "build_figure(case, compute(case).to_json())\n"
        "print(sorted(m for m in ('plotly', 'pandas', 'jinja2') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, check=True)
    assert result.stdout.strip() == "[]"


def test_indicators_may_be_given_as_the_object_or_its_json() -> None:
    case = load_case(RENDER / "complet.yaml")
    computed = compute(case)
    assert build_gravity_figure(case, computed) == build_gravity_figure(case, computed.to_json())
    assert build_figure(case, computed) == build_figure(case, computed.to_json())
