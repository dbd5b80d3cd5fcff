"""The Plotly figures of a timeline page, built as plain dicts and lists.

We do not use plotly.py's ``graph_objects``: validating a figure costs far more than building
it, and the page only needs the JSON that plotly.js reads. Every string that comes from the
case file goes through ``_text`` (HTML-escaped, since plotly.js reads a subset of HTML in hover
text and labels); the JSON itself is escaped for ``<script>`` embedding by ``render``.

The main chart has one horizontal lane per kind of thing (offences, decisions, custody,
supervision measures, then one lane per life domain). A lane holds as many tracks as it needs
so that overlapping periods and close events do not hide each other.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator import french
from generator.timeline.indicators import custody_spells
from generator.timeline.model import CaseFile, Decision, LifeEvent, Measure, Offence, Penalty
from generator.timeline.vocabulary import (
    CATEGORIES,
    DOMAINES,
    GRAVITES,
    GRAVITY_SCORE,
    ISSUES,
    JURIDICTIONS,
    MESURES,
    PEINES,
    SENS,
)

Figure = dict[str, Any]
VIEWS = ("professionnel", "personne")
MS_PER_DAY = 86_400_000

# Colour-blind-aware qualitative palette; colour is never the only cue (symbols, legend, table).
CATEGORY_COLOURS: dict[str, str] = {
    "homicide": "#7a1712",
    "violences": "#c62828",
    "violences_conjugales": "#ad1457",
    "sexuelles": "#6a3d9a",
    "menaces_outrages": "#e66100",
    "vol": "#1f5fa8",
    "vol_violence": "#8d4a0f",
    "escroquerie": "#00838f",
    "destructions": "#6d4c41",
    "stupefiants": "#2e7d32",
    "routier": "#5f6b7a",
    "armes": "#283593",
    "autorite_justice": "#827717",
    "autre": "#424242",
}
GRAVITY_SYMBOLS = {"contravention": "circle", "delit": "square", "crime": "diamond"}
GRAVITY_SIZES = {"contravention": 10, "delit": 11, "crime": 14}

# Life periods: colour *and* fill pattern tell the meaning apart (WCAG 1.4.1).
SENS_STYLE: dict[str, dict[str, str]] = {
    "positif": {"fill": "#cdebd5", "line": "#1e7b3c", "pattern": "", "symbol": "circle"},
    "negatif": {"fill": "#fbd9c4", "line": "#b4400e", "pattern": "/", "symbol": "x"},
    "neutre": {"fill": "#e6e8ec", "line": "#5c6470", "pattern": ".", "symbol": "circle-open"},
}
PERIOD_LEGEND = {"positif": "Période positive", "negatif": "Période difficile",
                 "neutre": "Période neutre"}
POINT_LEGEND = {"positif": "Événement positif", "negatif": "Événement difficile",
                "neutre": "Événement neutre"}
CUSTODY_COLOUR = "#3f4753"
PRETRIAL_COLOUR = "#7b8494"
MEASURE_COLOUR = "#2f5d8c"
DECISION_COLOUR = "#1b1f24"
REVOCATION_COLOUR = "#b3261e"
INCIDENT_COLOUR = "#a15c00"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

TRACK_PX = 30  # height of one track
TOP_PX = 72  # reference-date note, age axis and its title
AXIS_PX = 30  # date tick labels under the plot, above the legend
LEGEND_TITLE_PX = 22
LEGEND_ITEM_PX = 19
LEGEND_GROUPS_PER_ROW = 4
LANE_GAP = 0.35  # vertical space between two lanes, in tracks
POINT_WIDTH_SHARE = 1 / 70  # a point takes this share of the time span when packing tracks


def legend_label(category: str) -> str:
    """The category label without its parenthesised examples (legends do not wrap)."""
    return CATEGORIES[category].split(" (")[0]


def _text(value: str | None) -> str:
    """A case-file string made inert for plotly.js' HTML-like labels."""
    return html.escape(value or "", quote=True)


def _iso(value: datetime.date) -> str:
    return value.isoformat()


# ---------------------------------------------------------------------------------------------
# Lanes and tracks


@dataclass
class Lane:
    """One horizontal band of the chart; ``base`` is the y of its first track."""

    key: str
    label: str
    spans: list[tuple[float, float]] = field(default_factory=list)
    tracks: list[int] = field(default_factory=list)
    base: float = 0.0

    @property
    def height(self) -> int:
        return max(self.tracks, default=0) + 1

    def add(self, start: float, end: float) -> int:
        """Register a span (in days since epoch); returns its index for ``y``."""
        self.spans.append((start, end))
        return len(self.spans) - 1

    def pack(self) -> None:
        """Greedy interval packing: each span goes on the first track where it fits."""
        order = sorted(range(len(self.spans)), key=lambda i: self.spans[i])
        track_ends: list[float] = []
        self.tracks = [0] * len(self.spans)
        for index in order:
            start, end = self.spans[index]
            for track, track_end in enumerate(track_ends):
                if start >= track_end:
                    track_ends[track] = end
                    self.tracks[index] = track
                    break
            else:
                track_ends.append(end)
                self.tracks[index] = len(track_ends) - 1

    def y(self, index: int) -> float:
        return self.base + self.tracks[index]

    @property
    def centre(self) -> float:
        return self.base + (self.height - 1) / 2


class Layout:
    """Lanes in display order, plus the time scale used to give points a visible width."""

    def __init__(self, start: datetime.date, end: datetime.date) -> None:
        self.origin = start
        span = max((end - start).days, 365)
        self.point_width = span * POINT_WIDTH_SHARE
        self.lanes: dict[str, Lane] = {}

    def lane(self, key: str, label: str) -> Lane:
        if key not in self.lanes:
            self.lanes[key] = Lane(key, label)
        return self.lanes[key]

    def day(self, value: datetime.date) -> float:
        return float((value - self.origin).days)

    def add_point(self, lane: Lane, when: datetime.date) -> int:
        start = self.day(when)
        return lane.add(start - self.point_width / 2, start + self.point_width / 2)

    def add_range(self, lane: Lane, start: datetime.date, end: datetime.date) -> int:
        first = self.day(start)
        # A very short period keeps some room; touching periods share a track.
        return lane.add(first, max(self.day(end), first + self.point_width / 4))

    def finish(self) -> float:
        """Pack every lane and stack them; returns the total height in tracks."""
        y = 0.0
        for lane in self.lanes.values():
            lane.pack()
            lane.base = y
            y += lane.height + LANE_GAP
        return y - LANE_GAP


# ---------------------------------------------------------------------------------------------
# Hover texts (French, escaped)


def _age(case: CaseFile, when: datetime.date) -> str:
    return f"{when.year - case.annee_naissance}{french.NBSP}ans"


def _period(start_text: str, end_text: str | None, start: datetime.date, end: datetime.date) -> str:
    length = french.duration((end - start).days)
    if end_text is None:
        return f"depuis {french.date_text(start_text)} (en cours, {length})"
    return f"{french.date_text(start_text)} → {french.date_text(end_text)} ({length})"


def offence_hover(case: CaseFile, offence: Offence, view: str) -> str:
    lines = [
        f"<b>Infraction</b> · {french.date_text(offence.date_text)} "
        f"(à {_age(case, offence.date)})",
        f"{CATEGORIES[offence.categorie]} · {GRAVITES[offence.gravite]}",
    ]
    if offence.libelle:
        lines.append(_text(offence.libelle))
    if view == "professionnel":
        natinf = f" · NATINF {offence.natinf}" if offence.natinf is not None else ""
        lines.append(f"Identifiant : {_text(offence.id)}{natinf}")
    return "<br>".join(lines)


def penalty_text(penalty: Penalty) -> str:
    """``Sursis probatoire : 6 mois, épreuve 2 ans`` (quantum and probation as written)."""
    details = [part for part in (penalty.quantum,) if part]
    if penalty.duree_epreuve:
        details.append(f"épreuve {penalty.duree_epreuve}")
    label = PEINES[penalty.type]
    return f"{label} : {', '.join(details)}" if details else label


def decision_hover(case: CaseFile, decision: Decision, offences: Mapping[str, Offence]) -> str:
    lines = [
        f"<b>Décision</b> · {french.date_text(decision.date_text)}",
        JURIDICTIONS[decision.juridiction],
    ]
    lines += [_text(penalty_text(penalty)) for penalty in decision.peines]
    judged = [
        f"{_text(fid)} ({french.date_text(offences[fid].date_text)})" if fid in offences else _text(fid)
        for fid in decision.faits
    ]
    if judged:
        lines.append("Faits jugés : " + ", ".join(judged))
    return "<br>".join(lines)


def measure_hover(case: CaseFile, measure: Measure) -> str:
    end = measure.end(case.date_reference)
    lines = [
        f"<b>{MESURES[measure.type]}</b>",
        _period(measure.debut_text, measure.fin_text, measure.debut, end),
    ]
    if measure.issue:
        lines.append(f"Issue : {ISSUES[measure.issue]}")
    if measure.decision:
        lines.append(f"Décision : {_text(measure.decision)}")
    return "<br>".join(lines)


def life_hover(case: CaseFile, event: LifeEvent) -> str:
    lines = [f"<b>{DOMAINES[event.domaine]}</b> · {SENS[event.sens]}"]
    if event.libelle:
        lines.append(_text(event.libelle))
    if event.is_point:
        lines.append(f"{french.date_text(event.debut_text)} (à {_age(case, event.debut)})")
    else:
        end = event.end(case.date_reference)
        lines.append(_period(event.debut_text, event.fin_text, event.debut, end))
    return "<br>".join(lines)


# ---------------------------------------------------------------------------------------------
# Trace builders


def _scatter(name: str, group: str, **extra: Any) -> dict[str, Any]:
    trace = {
        "type": "scatter",
        "mode": "markers",
        "name": name,
        "legendgroup": group,
        "x": [],
        "y": [],
        "hovertext": [],
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    trace.update(extra)
    return trace


def _bars(name: str, group: str, colour: str, line: str, pattern: str = "", **extra: Any) -> dict:
    marker: dict[str, Any] = {"color": colour, "line": {"color": line, "width": 1}}
    if pattern:
        marker["pattern"] = {"shape": pattern, "fgcolor": line, "fgopacity": 0.45, "size": 7}
    trace = {
        "type": "bar",
        "orientation": "h",
        "name": name,
        "legendgroup": group,
        "base": [],
        "x": [],
        "y": [],
        "width": 0.62,
        "marker": marker,
        "hovertext": [],
        "hovertemplate": "%{hovertext}<extra></extra>",
        "text": [],
        "textposition": "inside",
        "insidetextanchor": "start",
        "textfont": {"color": "#111111", "size": 11},
        "cliponaxis": True,
    }
    trace.update(extra)
    return trace


def _add_bar(trace: dict, start: datetime.date, end: datetime.date, y: float, hover: str,
             label: str = "") -> None:
    trace["base"].append(_iso(start))
    trace["x"].append((end - start).days * MS_PER_DAY)
    trace["y"].append(y)
    trace["hovertext"].append(hover)
    trace["text"].append(label)


def _add_point(trace: dict, when: datetime.date, y: float, hover: str) -> None:
    trace["x"].append(_iso(when))
    trace["y"].append(y)
    trace["hovertext"].append(hover)


def _time_bounds(case: CaseFile) -> tuple[datetime.date, datetime.date]:
    starts = [o.date for o in case.faits] + [d.date for d in case.decisions]
    starts += [m.debut for m in case.mesures] + [e.debut for e in case.vie]
    first = min(starts, default=case.date_reference - datetime.timedelta(days=365))
    return first, case.date_reference


def _offence_traces(case: CaseFile, layout: Layout, view: str) -> list[dict]:
    """One trace per category (colour), in vocabulary order; the symbol gives the gravity."""
    lane = layout.lane("faits", "Infractions")
    traces = []
    for slug in CATEGORIES:
        offences = sorted((o for o in case.faits if o.categorie == slug), key=lambda o: o.date)
        if not offences:
            continue
        trace = _scatter(
            legend_label(slug), "faits",
            marker={"color": CATEGORY_COLOURS[slug], "symbol": [], "size": [],
                    "line": {"color": "#ffffff", "width": 1}},
            legendgrouptitle={"text": "Infractions (couleur : catégorie)"},
        )
        for offence in offences:
            index = layout.add_point(lane, offence.date)
            _add_point(trace, offence.date, (lane, index), offence_hover(case, offence, view))
            trace["marker"]["symbol"].append(GRAVITY_SYMBOLS[offence.gravite])
            trace["marker"]["size"].append(GRAVITY_SIZES[offence.gravite])
        traces.append(trace)
    if case.faits:
        traces += _gravity_legend(case)
    return traces


def _gravity_legend(case: CaseFile) -> list[dict]:
    """Legend-only entries explaining the symbols (no data: nothing drawn on the chart)."""
    present = {offence.gravite for offence in case.faits}
    return [
        {
            "type": "scatter", "mode": "markers", "name": label, "legendgroup": "gravite",
            "legendgrouptitle": {"text": "Gravité (forme)"},
            "x": [None], "y": [None], "hoverinfo": "skip",
            "marker": {"color": "#5c6470", "symbol": GRAVITY_SYMBOLS[slug], "size": 11},
        }
        for slug, label in GRAVITES.items()
        if slug in present
    ]


def _decision_trace(case: CaseFile, layout: Layout) -> list[dict]:
    if not case.decisions:
        return []
    lane = layout.lane("decisions", "Décisions")
    offences = {offence.id: offence for offence in case.faits}
    trace = _scatter(
        "Décision de justice", "justice",
        marker={"color": DECISION_COLOUR, "symbol": "line-ns-open", "size": 18,
                "line": {"color": DECISION_COLOUR, "width": 3}},
        legendgrouptitle={"text": "Justice"},
    )
    for decision in sorted(case.decisions, key=lambda d: d.date):
        index = layout.add_point(lane, decision.date)
        _add_point(trace, decision.date, (lane, index), decision_hover(case, decision, offences))
    return [trace]


def _measure_traces(case: CaseFile, layout: Layout) -> list[dict]:
    traces: dict[str, dict] = {}
    markers: dict[str, dict] = {}
    # Lanes in a fixed order (custody above supervision), whatever the order of the periods.
    if any(measure.is_custody for measure in case.mesures):
        layout.lane("detention", "Détention")
    if not all(measure.is_custody for measure in case.mesures):
        layout.lane("mesures", "Mesures de suivi")
    for measure in sorted(case.mesures, key=lambda m: m.debut):
        end = measure.end(case.date_reference)
        if measure.is_custody:
            lane = layout.lane("detention", "Détention")
            key = measure.type
            colour = CUSTODY_COLOUR if key == "detention" else PRETRIAL_COLOUR
            pattern = "" if key == "detention" else "x"
            label_colour = "#ffffff" if key == "detention" else "#111111"
            if key not in traces:
                traces[key] = _bars(MESURES[key], "justice", colour, CUSTODY_COLOUR, pattern,
                                    textfont={"color": label_colour, "size": 11},
                                    legendgrouptitle={"text": "Justice"})
        else:
            lane = layout.lane("mesures", "Mesures de suivi")
            key = "suivi"
            if key not in traces:
                traces[key] = _bars("Mesure de suivi", "justice", MEASURE_COLOUR, MEASURE_COLOUR,
                                    textfont={"color": "#ffffff", "size": 11},
                                    legendgrouptitle={"text": "Justice"})
        index = layout.add_range(lane, measure.debut, end)
        hover = measure_hover(case, measure)
        _add_bar(traces[key], measure.debut, end, (lane, index), hover, MESURES[measure.type])
        if measure.issue in ("revocation", "incident"):
            marker = markers.get(measure.issue)
            if marker is None:
                marker = markers[measure.issue] = _issue_trace(measure.issue)
            _add_point(marker, end, (lane, index), hover)
    order = ["detention", "detention_provisoire", "suivi"]
    return [traces[k] for k in order if k in traces] + [
        markers[k] for k in ("revocation", "incident") if k in markers
    ]


def _issue_trace(issue: str) -> dict:
    if issue == "revocation":
        marker = {"color": REVOCATION_COLOUR, "symbol": "x-thin-open", "size": 16,
                  "line": {"color": REVOCATION_COLOUR, "width": 3}}
        name = "Révocation (fin de la mesure)"
    else:
        marker = {"color": INCIDENT_COLOUR, "symbol": "triangle-down", "size": 13,
                  "line": {"color": "#ffffff", "width": 1}}
        name = "Incident (fin de la mesure)"
    return _scatter(name, "justice", marker=marker, legendgrouptitle={"text": "Justice"})


def _life_traces(case: CaseFile, layout: Layout) -> list[dict]:
    for slug, label in DOMAINES.items():  # lanes in vocabulary order
        if any(event.domaine == slug for event in case.vie):
            layout.lane(f"vie:{slug}", label)
    bars: dict[str, dict] = {}
    points: dict[str, dict] = {}
    for event in sorted(case.vie, key=lambda e: (e.debut, e.index)):
        lane = layout.lanes[f"vie:{event.domaine}"]
        style = SENS_STYLE[event.sens]
        hover = life_hover(case, event)
        if event.is_point:
            trace = points.get(event.sens)
            if trace is None:
                trace = points[event.sens] = _scatter(
                    POINT_LEGEND[event.sens], "vie",
                    marker={"color": style["line"], "symbol": style["symbol"], "size": 12,
                            "line": {"color": style["line"], "width": 2}},
                    legendgrouptitle={"text": "Vie personnelle"},
                )
            index = layout.add_point(lane, event.debut)
            _add_point(trace, event.debut, (lane, index), hover)
        else:
            trace = bars.get(event.sens)
            if trace is None:
                trace = bars[event.sens] = _bars(
                    PERIOD_LEGEND[event.sens], "vie", style["fill"], style["line"],
                    style["pattern"], legendgrouptitle={"text": "Vie personnelle"},
                )
            end = event.end(case.date_reference)
            index = layout.add_range(lane, event.debut, end)
            _add_bar(trace, event.debut, end, (lane, index), hover, _text(event.libelle))
    return [bars[s] for s in SENS if s in bars] + [points[s] for s in SENS if s in points]


def _resolve_y(traces: Iterable[dict]) -> None:
    """Replace the ``(lane, index)`` placeholders by y positions once lanes are packed."""
    for trace in traces:
        trace["y"] = [item if item is None else item[0].y(item[1]) for item in trace["y"]]


# ---------------------------------------------------------------------------------------------
# Layout


def _lane_shapes(layout: Layout) -> list[dict]:
    shapes = []
    for number, lane in enumerate(layout.lanes.values()):
        if number % 2 == 0:
            shapes.append({
                "type": "rect", "xref": "paper", "yref": "y", "layer": "below",
                "x0": 0, "x1": 1, "y0": lane.base - 0.5, "y1": lane.base + lane.height - 0.5,
                "fillcolor": "#f4f5f7", "line": {"width": 0},
            })
    return shapes


def _custody_shapes(case: CaseFile) -> list[dict]:
    """Custody shaded across the whole chart: what happened around it reads against it."""
    return [
        {
            "type": "rect", "xref": "x", "yref": "paper", "layer": "below",
            "x0": _iso(start), "x1": _iso(end), "y0": 0, "y1": 1,
            "fillcolor": "rgba(63, 71, 83, 0.13)", "line": {"width": 0},
        }
        for start, end in custody_spells(case)
    ]


def _reference_marks(case: CaseFile) -> tuple[dict, dict]:
    when = _iso(case.date_reference)
    line = {
        "type": "line", "xref": "x", "yref": "paper", "x0": when, "x1": when, "y0": 0, "y1": 1,
        "line": {"color": "#1b1f24", "width": 1.5, "dash": "dot"},
    }
    note = {
        # Above the age ticks, level with the axis title, so the two never overlap.
        # Top left: the modebar (always shown, for keyboard users) takes the top right.
        "xref": "paper", "yref": "paper", "x": 0, "y": 1, "yanchor": "bottom", "xanchor": "left",
        "yshift": 34,
        "text": f"Date de référence : {french.short_date(case.date_reference)} (pointillés)",
        "showarrow": False,
        "font": {"size": 11, "color": "#1b1f24"},
    }
    return line, note


def _age_axis(case: CaseFile, start: datetime.date, end: datetime.date) -> dict:
    """A top axis with the person's age at the start of each year (year of birth only)."""
    years = end.year - start.year + 1
    step = 1 if years <= 12 else 2 if years <= 24 else 5
    values, labels = [], []
    for year in range(start.year, end.year + 1):
        age = year - case.annee_naissance
        if age % step == 0 or step == 1:
            values.append(f"{year}-01-01")
            labels.append(f"{age}{french.NBSP}ans")
    return {
        "overlaying": "x", "side": "top", "matches": "x", "type": "date",
        "tickmode": "array", "tickvals": values, "ticktext": labels,
        "showgrid": False, "ticks": "outside", "tickfont": {"size": 11, "color": "#4b5563"},
        "title": {"text": "Âge", "font": {"size": 11, "color": "#4b5563"}, "standoff": 2},
    }


def _values(indicators: Mapping[str, Any] | Any) -> Mapping[str, Any]:
    """The indicators as their JSON dict, whether given as ``Indicators`` or already as a dict."""
    return indicators.to_json() if hasattr(indicators, "to_json") else indicators


def build_figure(case: CaseFile, indicators: Mapping[str, Any] | Any,
                 view: str = "professionnel") -> Figure:
    """The main timeline: ``{"data", "layout", "config"}`` ready for ``Plotly.newPlot``.

    ``indicators``: ``indicators.compute(case)`` or its ``to_json()`` dict (the lanes do not
    need it; accepted so that both figures share one signature).
    """
    if view not in VIEWS:
        raise ValueError(f"vue inconnue : {view}")
    first, last = _time_bounds(case)
    layout = Layout(first, last)
    traces = _offence_traces(case, layout, view)
    traces += _decision_trace(case, layout)
    traces += _measure_traces(case, layout)
    traces += _life_traces(case, layout)
    height_tracks = layout.finish()
    _resolve_y(traces)

    pad = datetime.timedelta(days=max(45, (last - first).days // 40))
    x_range = [_iso(first - pad), _iso(last + pad)]
    lanes = list(layout.lanes.values())
    # The age axis needs one (invisible) trace of its own to be drawn.
    traces.append({"type": "scatter", "mode": "markers", "x": x_range, "y": [None, None],
                   "xaxis": "x2", "showlegend": False, "hoverinfo": "skip"})
    ref_line, ref_note = _reference_marks(case)
    plot_px = int(height_tracks * TRACK_PX + 24)
    bottom_px = AXIS_PX + _legend_height(traces)
    return {
        "data": traces,
        "layout": {
            "height": TOP_PX + plot_px + bottom_px,
            "margin": {"l": 130, "r": 20, "t": TOP_PX, "b": bottom_px},
            "font": {"family": FONT, "size": 12, "color": "#1b1f24"},
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            "hovermode": "closest",
            "hoverlabel": {"bgcolor": "#ffffff", "font": {"color": "#1b1f24"}, "align": "left"},
            "dragmode": "zoom",
            "modebar": {"color": "#4b5563", "activecolor": "#1f5fa8",
                        "bgcolor": "rgba(255, 255, 255, 0.9)"},
            "barmode": "overlay",
            "uniformtext": {"mode": "hide", "minsize": 10},
            "xaxis": {
                "type": "date", "range": x_range, "showgrid": True, "gridcolor": "#e3e5e8",
                "ticks": "outside", "hoverformat": "%d/%m/%Y", "zeroline": False,
                "showline": True, "linecolor": "#9aa1ab",
            },
            "xaxis2": _age_axis(case, first, last),
            "yaxis": {
                "range": [height_tracks - 0.4, -0.6], "fixedrange": True, "zeroline": False,
                "showgrid": False, "tickmode": "array",
                "tickvals": [lane.centre for lane in lanes],
                "ticktext": [lane.label for lane in lanes],
                "ticks": "", "ticklabelstandoff": 6,
            },
            "shapes": _lane_shapes(layout) + _custody_shapes(case) + [ref_line],
            "annotations": [ref_note],
            "legend": {
                # Below the date ticks: y is a share of the plot area, whose height we set.
                "orientation": "h", "x": 0, "xanchor": "left", "yanchor": "top",
                "y": -round(AXIS_PX / plot_px, 4),
                "traceorder": "grouped",
                "groupclick": "toggleitem", "font": {"size": 12}, "itemsizing": "constant",
            },
            "showlegend": True,
        },
        "config": plot_config(case, "frise"),
    }


def _legend_height(traces: Sequence[dict]) -> int:
    """Room for the horizontal grouped legend: groups stand side by side, 4 to a row at most
    (a page or an A4 sheet is wide enough for that); a row is as tall as its tallest group."""
    groups: dict[str, int] = {}
    for trace in traces:
        if trace.get("showlegend", True) is False or "name" not in trace:
            continue
        group = trace.get("legendgroup", "")
        groups[group] = groups.get(group, 0) + 1
    sizes = list(groups.values())
    rows = [sizes[i:i + LEGEND_GROUPS_PER_ROW] for i in range(0, len(sizes), LEGEND_GROUPS_PER_ROW)]
    return sum(LEGEND_TITLE_PX + LEGEND_ITEM_PX * max(row) for row in rows) + 8


def plot_config(case: CaseFile, name: str) -> dict:
    return {
        "locale": "fr",
        "displaylogo": False,
        # Always shown: its buttons are real <button>s, reachable and visible with the keyboard.
        "displayModeBar": True,
        "responsive": True,
        "showLink": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "toggleSpikelines"],
        "toImageButtonOptions": {"format": "png", "filename": f"{name}-{case.dossier}", "scale": 2},
    }


# ---------------------------------------------------------------------------------------------
# Gravity over time


def build_gravity_figure(case: CaseFile, indicators: Mapping[str, Any] | Any,
                         view: str = "professionnel") -> Figure | None:
    """Offences by date and gravity, coloured by category; the professional view adds the trend.

    ``None`` without offences (the page then says so in words).
    """
    if not case.faits:
        return None
    traces: dict[str, dict] = {}
    for offence in sorted(case.faits, key=lambda o: o.date):
        trace = traces.get(offence.categorie)
        if trace is None:
            trace = traces[offence.categorie] = _scatter(
                legend_label(offence.categorie), offence.categorie,
                marker={"color": CATEGORY_COLOURS[offence.categorie], "symbol": [], "size": 12,
                        "line": {"color": "#ffffff", "width": 1}},
            )
        _add_point(trace, offence.date, GRAVITY_SCORE[offence.gravite],
                   offence_hover(case, offence, view))
        trace["marker"]["symbol"].append(GRAVITY_SYMBOLS[offence.gravite])
    data = [traces[slug] for slug in CATEGORIES if slug in traces]
    slope = _values(indicators).get("tendance_gravite")
    if view == "professionnel" and slope is not None:
        data.append(_trend_trace(case.faits, slope))
    first, last = _time_bounds(case)
    pad = datetime.timedelta(days=max(45, (last - first).days // 40))
    return {
        "data": data,
        "layout": {
            "height": 300,
            "margin": {"l": 130, "r": 20, "t": 16, "b": 40},
            "legend": {"x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top",
                       "font": {"size": 12}, "title": {"text": "Catégorie"}},
            "font": {"family": FONT, "size": 12, "color": "#1b1f24"},
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            "hovermode": "closest",
            "hoverlabel": {"bgcolor": "#ffffff", "font": {"color": "#1b1f24"}, "align": "left"},
            "modebar": {"color": "#4b5563", "activecolor": "#1f5fa8",
                        "bgcolor": "rgba(255, 255, 255, 0.9)"},
            "xaxis": {"type": "date", "range": [_iso(first - pad), _iso(last + pad)],
                      "gridcolor": "#e3e5e8", "ticks": "outside", "zeroline": False,
                      "showline": True, "linecolor": "#9aa1ab"},
            "yaxis": {"range": [0.5, 3.5], "fixedrange": True, "tickmode": "array",
                      "tickvals": list(GRAVITY_SCORE.values()), "ticktext": list(GRAVITES.values()),
                      "gridcolor": "#e3e5e8", "zeroline": False},
            "shapes": _custody_shapes(case),
            "showlegend": True,
        },
        "config": plot_config(case, "gravite"),
    }


def _trend_trace(offences: Sequence[Offence], slope: float) -> dict:
    """The least-squares line, drawn through the mean point with the indicator's slope."""
    years = [o.date.toordinal() / french.DAYS_PER_YEAR for o in offences]
    scores = [GRAVITY_SCORE[o.gravite] for o in offences]
    mean_x, mean_y = sum(years) / len(years), sum(scores) / len(scores)
    first, last = min(offences, key=lambda o: o.date), max(offences, key=lambda o: o.date)
    ends = [(o.date, mean_y + slope * (o.date.toordinal() / french.DAYS_PER_YEAR - mean_x))
            for o in (first, last)]
    label = f"Tendance de la gravité : {french.number(slope, 3)} par an"
    return {
        "type": "scatter", "mode": "lines", "name": label,
        "x": [_iso(d) for d, _ in ends], "y": [round(v, 4) for _, v in ends],
        "line": {"color": "#1b1f24", "width": 2, "dash": "dash"},
        "hovertemplate": label + "<extra></extra>",
    }
