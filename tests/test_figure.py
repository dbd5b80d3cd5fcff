"""The Plotly figures as plain data: lanes, tracks, shading, symbols, escaping, views (v2)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.timeline.figure import (
    GRAVITY_SYMBOLS,
    MS_PER_DAY,
    OFFENCE_PALETTE,
    build_figure,
    build_gravity_figure,
    offence_colours,
    presets,
)
from generator.timeline.indicators import compute
from generator.timeline.loader import load_case
from generator.timeline.model import CaseFile, LifeEvent, Measure, Offence

RENDER = Path(__file__).parent / "fixtures" / "frise" / "render"
REPO = Path(__file__).resolve().parent.parent


def figure_of(name: str, view: str = "professionnel") -> tuple[CaseFile, dict]:
    case = load_case(RENDER / f"{name}.yaml")
    return case, build_figure(case, compute(case), view)


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
    low, high = figure["layout"]["yaxis"]["range"][1], figure["layout"]["yaxis"]["range"][0]
    assert low < min(figure["layout"]["yaxis"]["tickvals"]) and high > max(
        figure["layout"]["yaxis"]["tickvals"])


def test_every_trace_belongs_to_one_lane_listed_in_the_layout() -> None:
    """The page script hides a lane with its traces: each trace names its lane in ``meta``."""
    _, figure = figure_of("v2")
    lanes = {lane["key"] for lane in figure["layout"]["meta"]["lanes"]}
    assert lanes == {"faits", "decisions", "detention", "mesures", "vie:logement",
                     "vie:famille_couple", "vie:entourage", "vie:addictions", "vie:emploi"}
    for trace in figure["data"]:
        assert trace["meta"] in lanes | {"axe"}
    # A series drawn in several lanes keeps one legend entry.
    difficult = traces_named(figure, "Période difficile")
    assert len(difficult) == 3 and [t.get("showlegend", True) for t in difficult].count(True) == 1
    # The legend is a key: hiding is done by the lane buttons.
    assert figure["layout"]["legend"]["itemclick"] is False


def test_offences_coloured_by_category_and_shaped_by_gravity() -> None:
    case, figure = figure_of("complet")
    colours = offence_colours(case)
    theft = one(figure, "Vols et recels")
    assert theft["marker"]["color"] == colours["vol"][0]
    assert theft["marker"]["symbol"] == [GRAVITY_SYMBOLS["delit"]]
    armed = one(figure, "Vols avec violence")
    assert armed["marker"]["symbol"] == [GRAVITY_SYMBOLS["crime"]]
    crime_key = one(figure, "Crime")
    assert crime_key["x"] == [None] and crime_key["marker"]["symbol"] == "diamond"


def test_offence_colours_are_colour_blind_safe_and_distinct() -> None:
    """Okabe–Ito colours, distinct within a case; beyond eight categories markers go hollow."""
    case = load_case(RENDER / "complet.yaml")
    colours = offence_colours(case)
    assert len({colour for colour, _ in colours.values()}) == len(colours)
    assert all(colour in OFFENCE_PALETTE for colour, _ in colours.values())
    # Neighbouring palette colours differ in grey too (relative luminance).
    def luminance(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    for a, b in zip(OFFENCE_PALETTE, OFFENCE_PALETTE[1:], strict=False):
        assert abs(luminance(a) - luminance(b)) > 0.1
    many = small_case(faits=[Offence(str(n), date(2010, 1, 1 + n), "2010", slug, "delit", None, None)
                             for n, slug in enumerate(["vol", "violences", "escroquerie", "armes",
                                                       "routier", "stupefiants", "autre",
                                                       "destructions", "homicide"])])
    hollow = [slug for slug, (_, is_hollow) in offence_colours(many).items() if is_hollow]
    assert hollow == ["autre"]  # the ninth category in vocabulary order


def test_offences_on_the_same_date_do_not_hide_each_other() -> None:
    _, figure = figure_of("complet")
    first = one(figure, "Vols et recels")  # f1, 2012-03
    second = one(figure, "Destructions et dégradations")  # f2, 2012-03 too
    assert first["x"] == second["x"] == ["2012-03-01"]
    assert first["y"] != second["y"]


def test_an_offence_over_a_period_is_a_bar_in_the_offences_lane() -> None:
    _, figure = figure_of("v2")
    bars = [t for t in figure["data"] if t["type"] == "bar" and t["meta"] == "faits"]
    (bar,) = bars
    assert bar["base"] == ["2016-05-01"]
    assert bar["x"] == [(date(2017, 2, 1) - date(2016, 5, 1)).days * MS_PER_DAY]
    (marker,) = [t for t in traces_named(figure, "Violences conjugales et intrafamiliales")
                 if t["type"] == "scatter"]
    assert marker["x"] == ["2016-05-01"] and marker["y"] == bar["y"]
    assert "de mai 2016 à février 2017" in marker["hovertext"][0]


def test_custody_is_a_lane_and_a_shading_over_the_whole_chart() -> None:
    case, figure = figure_of("complet")
    shading = [s for s in figure["layout"]["shapes"] if s["yref"] == "paper" and s["type"] == "rect"]
    assert len(shading) == len(compute(case).custody_spells) == 2
    assert (shading[0]["x0"], shading[0]["x1"]) == ("2013-11-21", "2014-08-01")
    assert shading[0]["y0"] == 0 and shading[0]["y1"] == 1


def test_semi_liberte_is_custody() -> None:
    _, figure = figure_of("v2")
    semi = one(figure, "Semi-liberté")
    assert semi["meta"] == "detention"
    shading = [s for s in figure["layout"]["shapes"] if s["yref"] == "paper" and s["type"] == "rect"]
    assert [(s["x0"], s["x1"]) for s in shading] == [("2020-09-01", "2021-03-01")]


def test_touching_measures_are_two_bars_on_two_tracks() -> None:
    """A contrôle judiciaire ending the day the sursis probatoire begins: never one long bar."""
    _, figure = figure_of("v2")
    control = one(figure, "Contrôle judiciaire")
    probation = one(figure, "Sursis probatoire")
    assert control["base"] == ["2017-02-01"]
    assert probation["base"][0] == "2017-09-01"
    assert control["y"][0] != probation["y"][0]
    assert control["marker"]["color"] != probation["marker"]["color"]
    # Touching custody periods too (pre-trial then prison).
    _, full = figure_of("complet")
    pretrial = one(full, "Détention provisoire")
    prison = one(full, "Détention")
    assert pretrial["base"][0] == "2013-11-21" and prison["base"][0] == "2014-02-01"
    assert pretrial["y"][0] != prison["y"][0]


def test_ranges_are_bars_from_start_with_duration_in_ms() -> None:
    _, figure = figure_of("complet")
    detention = one(figure, "Détention")
    assert detention["orientation"] == "h" and detention["type"] == "bar"
    assert detention["base"][0] == "2014-02-01"
    assert detention["x"][0] == (date(2014, 8, 1) - date(2014, 2, 1)).days * MS_PER_DAY


def test_running_periods_end_at_the_reference_date() -> None:
    _, figure = figure_of("complet")
    follow_up = one(figure, "Suivi socio-judiciaire")
    assert follow_up["base"] == ["2020-03-01"]
    assert follow_up["x"] == [(date(2026, 11, 1) - date(2020, 3, 1)).days * MS_PER_DAY]
    assert "en cours" in follow_up["hovertext"][0]


def test_planned_end_is_dotted_after_the_reference_line() -> None:
    _, figure = figure_of("v2")
    planned = one(figure, "Fin prévue (pointillés, après la date de référence)")
    assert planned["line"]["dash"] == "dot"
    assert planned["x"] == ["2026-11-01", "2027-01-01", None]
    probation = one(figure, "Sursis probatoire")
    assert planned["y"][0] == probation["y"][1]  # on the running measure's track
    # The time axis reaches past the planned end; the reference line is solid.
    assert figure["layout"]["xaxis"]["range"][1] > "2027-01-01"
    (line,) = [s for s in figure["layout"]["shapes"] if s["type"] == "line"]
    assert line["x0"] == "2026-11-01" and "dash" not in line["line"]


def test_obligations_are_marked_on_their_measure_bar() -> None:
    _, figure = figure_of("v2")
    kept = one(figure, "Obligation respectée")
    partly = one(figure, "Obligation partiellement respectée")
    broken = one(figure, "Obligation non respectée")
    running = one(figure, "Obligation en cours")
    assert len(kept["x"]) == 2 and len(partly["x"]) == 1
    assert {kept["marker"]["symbol"], partly["marker"]["symbol"], broken["marker"]["symbol"],
            running["marker"]["symbol"]} == {"circle", "diamond", "x", "circle-open"}
    probation = one(figure, "Sursis probatoire")
    assert partly["y"] == [probation["y"][0]]
    assert "2017-09-01" < partly["x"][0] < "2019-09-01"
    assert "Obligation de soins (Suivi en addictologie) : partiellement respectée" in partly["hovertext"][0]


def test_revocations_and_incidents_are_marked_at_the_end_of_their_measure() -> None:
    _, figure = figure_of("complet")
    assert one(figure, "Révocation (fin de la mesure)")["x"] == ["2013-12-01"]
    assert one(figure, "Incident (fin de la mesure)")["x"] == ["2021-10-01"]


def test_acquittal_has_its_own_mark() -> None:
    _, figure = figure_of("v2")
    acquittal = one(figure, "Relaxe ou acquittement")
    assert acquittal["x"] == ["2019-01-01"]
    # Open symbols are drawn in the marker colour: it must show on the white page.
    assert acquittal["marker"]["symbol"] == "circle-open"
    assert acquittal["marker"]["color"] == "#1b1f24"
    assert len(one(figure, "Décision de justice")["x"]) == 5


def test_bar_labels_sit_inside_after_or_before_their_bar() -> None:
    """A label that does not fit inside its bar goes after it (or before it, near the right
    edge), in room that no other bar of the track takes (``Layout.add_range``)."""
    for name in ("complet", "v2"):
        _, figure = figure_of(name)
        for trace in figure["data"]:
            if trace["type"] == "bar" and isinstance(trace.get("textposition"), list):
                assert set(trace["textposition"]) <= {"inside", "outside"}
                assert len(trace["textposition"]) == len(trace["x"])
    _, figure = figure_of("v2")
    (labels,) = [t for t in figure["data"] if t.get("mode") == "text"]
    # A short running period ends at the right edge: its label is drawn before it.
    assert labels["text"] == ["Fréquentation d&#x27;anciens co-auteurs"]  # escaped for plotly
    assert labels["x"] == ["2025-09-01"] and labels["textposition"] == ["middle left"]
    control = one(figure, "Contrôle judiciaire")  # 7 months: its label goes after it
    assert control["textposition"] == ["outside"]
    assert one(figure, "Sursis probatoire")["textposition"][0] == "inside"  # 2 years: inside


def test_life_meaning_is_told_by_colour_and_pattern() -> None:
    _, figure = figure_of("complet")
    difficult = traces_named(figure, "Période difficile")
    positive = traces_named(figure, "Période positive")
    assert all(t["marker"]["pattern"]["shape"] == "/" for t in difficult)
    assert all("pattern" not in t["marker"] for t in positive)
    housing = lane_y(figure, "Logement")
    assert any(housing in t["y"] for t in difficult)
    event = one(figure, "Événement difficile")
    assert event["x"] == ["2016-04-01"] and event["marker"]["symbol"] == "x"
    assert event["legendgroup"] == difficult[0]["legendgroup"] == "vie"


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
    assert "Infraction</b> · avril 2015 (à 24 ou 25\u00a0ans)" in joined


def test_dates_are_french_with_the_written_precision() -> None:
    _, figure = figure_of("complet")
    hovers = "\n".join(t for trace in figure["data"] for t in trace.get("hovertext", []))
    assert "20/11/2013" in hovers  # day-precise: JJ/MM/AAAA
    assert "février 2017" in hovers  # month-precise
    assert "2021 (à" in hovers  # year only


def test_professional_hover_has_ids_and_natinf_the_personne_view_does_not() -> None:
    _, pro = figure_of("complet", "professionnel")
    _, person = figure_of("complet", "personne")
    assert "NATINF 7875" in one(pro, "Vols et recels")["hovertext"][0]
    assert "NATINF" not in one(person, "Vol")["hovertext"][0]
    assert "Identifiant" not in one(person, "Vol")["hovertext"][0]


def test_personne_view_uses_the_persons_words_and_plain_labels() -> None:
    _, figure = figure_of("v2", "personne")
    texts = json.dumps(figure, ensure_ascii=False)
    assert "Des violences sur ma compagne" in texts and "Violences habituelles" not in texts
    assert "Un travail de magasinier" in texts
    assert "Sursis probatoire" not in texts and "Suivi avec des règles à respecter" in texts
    assert figure["layout"]["yaxis"]["ticktext"][:4] == ["Faits", "Jugements", "Prison",
                                                         "Suivi par la justice"]


def test_age_axis_gives_age_ranges() -> None:
    _, figure = figure_of("complet")
    ages = figure["layout"]["xaxis2"]
    assert ages["overlaying"] == "x" and ages["matches"] == "x"
    assert ages["ticktext"][ages["tickvals"].index("2012-07-01")] == "17–18"


def test_empty_case_still_has_an_offence_lane_and_no_gravity_figure() -> None:
    case, figure = figure_of("vide")
    assert figure["layout"]["yaxis"]["ticktext"] == ["Infractions", "Formation"]
    assert not traces_named(figure, "Contravention")
    assert build_gravity_figure(case, compute(case)) is None


def test_gravity_trend_only_from_five_episodes() -> None:
    case = load_case(RENDER / "complet.yaml")  # 5 episodes: the trend is drawn
    ind = compute(case)
    pro = build_gravity_figure(case, ind, "professionnel")
    person = build_gravity_figure(case, ind, "personne")
    points = [y for trace in pro["data"] if trace["mode"] == "markers" for y in trace["y"]]
    assert sorted(points) == [1, 1, 2, 2, 2, 3]
    (trend,) = [trace for trace in pro["data"] if trace["mode"] == "lines"]
    assert "Tendance" in trend["name"]
    assert not [trace for trace in person["data"] if trace["mode"] == "lines"]
    faits = (Offence("a", date(2010, 1, 1), "2010", "vol", "crime", None, None),
             Offence("b", date(2012, 1, 1), "2012", "vol", "delit", None, None))
    few = small_case(faits)
    assert not [t for t in build_gravity_figure(few, compute(few))["data"] if t["mode"] == "lines"]


def test_trend_line_has_the_indicator_slope() -> None:
    case = load_case(RENDER / "complet.yaml")
    ind = compute(case)
    figure = build_gravity_figure(case, ind)
    (trend,) = [trace for trace in figure["data"] if trace["mode"] == "lines"]
    first, last = (date.fromisoformat(x) for x in trend["x"])
    slope = (trend["y"][1] - trend["y"][0]) / ((last - first).days / 365.25)
    assert slope == pytest.approx(ind.tendance_gravite, abs=1e-3)


def test_short_period_keeps_room_and_touching_life_periods_share_a_track() -> None:
    vie = (
        LifeEvent(0, "emploi", date(2012, 1, 1), "2012-01", date(2013, 1, 1), "2013-01",
                  False, None, "positif"),
        LifeEvent(1, "emploi", date(2013, 1, 1), "2013-01", date(2014, 1, 1), "2014-01",
                  False, None, "positif"),
        LifeEvent(2, "emploi", date(2013, 6, 1), "2013-06", date(2013, 7, 1), "2013-07",
                  False, None, "negatif"),
    )
    case = small_case(vie=vie)
    figure = build_figure(case, compute(case))
    positive = one(figure, "Période positive")
    difficult = one(figure, "Période difficile")
    assert positive["y"][0] == positive["y"][1]
    assert difficult["y"][0] != positive["y"][1]


def test_measures_without_custody_have_no_custody_lane() -> None:
    mesures = (Measure("tig", date(2015, 1, 1), "2015-01", date(2015, 6, 1), "2015-06", None,
                       "fin_normale"),)
    case = small_case(mesures=mesures)
    figure = build_figure(case, compute(case))
    assert "Détention" not in figure["layout"]["yaxis"]["ticktext"]
    assert not [s for s in figure["layout"]["shapes"] if s.get("yref") == "paper"
                and s["type"] == "rect"]


def test_presets_set_the_time_range() -> None:
    case = load_case(RENDER / "complet.yaml")
    found = {preset.key: preset for preset in presets(case, compute(case))}
    assert [p.label for p in found.values()] == [
        "Tout le parcours", "Depuis la dernière sortie", "Les 3 dernières années"]
    assert found["sortie"].range[0] < "2020-03-01" < found["sortie"].range[1]
    assert found["recent"].range[0] < "2023-10-31" < found["sortie"].range[1]
    # No release (custody running or none): no such preset.
    empty = load_case(RENDER / "vide.yaml")
    assert [p.key for p in presets(empty, compute(empty))] == ["tout", "recent"]


def test_unknown_view_is_refused() -> None:
    case = load_case(RENDER / "vide.yaml")
    with pytest.raises(ValueError):
        build_figure(case, compute(case), "juge")


def test_building_a_figure_imports_neither_plotly_nor_pandas() -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from generator.timeline.loader import load_case\n"
        "from generator.timeline.indicators import compute\n"
        "from generator.timeline.figure import build_figure\n"
        f"case = load_case(Path({str(RENDER / 'complet.yaml')!r}))\n"
        "build_figure(case, compute(case))\n"
        "print(sorted(m for m in ('plotly', 'pandas', 'jinja2') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, check=True)
    assert result.stdout.strip() == "[]"
