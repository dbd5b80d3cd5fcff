"""The Plotly figures of a timeline page, built as plain dicts and lists.

We do not use plotly.py's ``graph_objects``: validating a figure costs far more than building
it, and the page only needs the JSON that plotly.js reads. Every string that comes from the
case file goes through ``_text`` (HTML-escaped, since plotly.js reads a subset of HTML in hover
text and labels); the JSON itself is escaped for ``<script>`` embedding by ``render``.

The main chart has one horizontal lane per kind of thing (offences, decisions, custody,
supervision measures, then one lane per life domain). A lane holds as many tracks as it needs
so that overlapping periods and close events do not hide each other; two measures that touch
go on two tracks, so that they never read as one bar. Every trace belongs to one lane (its
``meta``), and ``layout.meta`` lists the lanes: the page script hides a lane completely with
that. Derived values (custody spells, the last release, the gravity trend) are read from the
typed ``Indicators``; nothing is recomputed here.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator import french
from generator.timeline.indicators import RECENT_DAYS, Indicators
from generator.timeline.model import CaseFile, Decision, LifeEvent, Measure, Offence, Penalty
from generator.timeline.page_words import (
    age_at,
    category_words,
    court_words,
    date_words,
    gravity_words,
    label_for,
    measure_words,
    obligation_words,
    penalty_words,
    respect_words,
)
from generator.timeline.vocabulary import (
    CATEGORIES,
    DOMAINES,
    GRAVITES,
    GRAVITY_SCORE,
    ISSUES,
    RESPECTS,
    SENS,
)

Figure = dict[str, Any]
VIEWS = ("professionnel", "personne")
MS_PER_DAY = 86_400_000

# Offence colours: the Okabe–Ito palette (told apart with the common colour-vision
# deficiencies), given to the categories of the case in vocabulary order, in an order that
# alternates dark and light so that neighbours also differ in grey. Beyond eight categories
# the colours come back with open markers. The gravity is the marker's shape, never its colour.
OFFENCE_PALETTE = ("#0072B2", "#E69F00", "#882255", "#56B4E9", "#009E73", "#F0E442",
                   "#D55E00", "#CC79A7")
GRAVITY_SYMBOLS = {"contravention": "circle", "delit": "square", "crime": "diamond"}
GRAVITY_SIZES = {"contravention": 10, "delit": 11, "crime": 14}
OUTLINE = "#1b1f24"

# Life periods: colour *and* fill pattern tell the meaning apart (WCAG 1.4.1, print in grey).
SENS_STYLE: dict[str, dict[str, str]] = {
    "positif": {"fill": "#cdebd5", "line": "#1e7b3c", "pattern": "", "symbol": "circle"},
    "negatif": {"fill": "#fbd9c4", "line": "#b4400e", "pattern": "/", "symbol": "x"},
    "neutre": {"fill": "#e6e8ec", "line": "#5c6470", "pattern": ".", "symbol": "circle-open"},
}
PERIOD_LEGEND = {"positif": "Période positive", "negatif": "Période difficile",
                 "neutre": "Période neutre"}
POINT_LEGEND = {"positif": "Événement positif", "negatif": "Événement difficile",
                "neutre": "Événement neutre"}

# Measures: one colour and pattern per type (two touching measures differ at a glance), with a
# white outline between bars. Custody in greys, supervision in blues and purples.
MEASURE_STYLE: dict[str, tuple[str, str, str]] = {  # fill, pattern, label colour
    "detention": ("#3f4753", "", "#ffffff"),
    "detention_provisoire": ("#8a93a3", "x", "#111111"),
    "semi_liberte": ("#b9c0cb", "-", "#111111"),
    "sursis_probatoire": ("#2f5d8c", "", "#ffffff"),
    "controle_judiciaire": ("#a8c6e5", "/", "#111111"),
    "ddse": ("#5b3f8c", "", "#ffffff"),
    "placement_exterieur": ("#c9b8e3", ".", "#111111"),
    "liberation_conditionnelle": ("#1f6f78", "", "#ffffff"),
    "tig": ("#9fd3d8", "\\", "#111111"),
    "suivi_socio_judiciaire": ("#24446b", "", "#ffffff"),
    "autre": ("#d5dae1", "+", "#111111"),
}
DECISION_COLOUR = "#1b1f24"
REVOCATION_COLOUR = "#b3261e"
INCIDENT_COLOUR = "#a15c00"
PLANNED_COLOUR = "#1b1f24"
# Obligations: a mark on the measure bar per obligation; shape and colour give the respect.
RESPECT_STYLE: dict[str, dict[str, Any]] = {
    "respectee": {"symbol": "circle", "color": "#1e7b3c"},
    "partiellement": {"symbol": "diamond", "color": "#a15c00"},
    "non_respectee": {"symbol": "x", "color": "#b3261e"},
    "en_cours": {"symbol": "circle-open", "color": "#1b1f24"},
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

TRACK_PX = 30  # height of one track
TOP_PX = 72  # reference-date note, age axis and its title
AXIS_PX = 30  # date tick labels under the plot, above the legend
LEGEND_TITLE_PX = 22
LEGEND_ITEM_PX = 19
LEGEND_GROUPS_PER_ROW = 4
LANE_GAP = 0.35  # vertical space between two lanes, in tracks
POINT_WIDTH_SHARE = 1 / 70  # a point takes this share of the time span when packing tracks
LABEL_CHAR_PX = 5.6  # mean width of a character of a bar label (11 px on screen, 9 px printed)
PRINT_PLOT_PX = 880  # width of the plot area on an A4 landscape page (page script: 1040 − margins)


def _text(value: str | None) -> str:
    """A case-file string made inert for plotly.js' HTML-like labels."""
    return html.escape(value or "", quote=True)


def _iso(value: datetime.date) -> str:
    return value.isoformat()


def offence_colours(case: CaseFile) -> dict[str, tuple[str, bool]]:
    """Category → (colour, open marker) for the categories of this case, in vocabulary order."""
    present = [slug for slug in CATEGORIES if any(o.categorie == slug for o in case.faits)]
    size = len(OFFENCE_PALETTE)
    return {slug: (OFFENCE_PALETTE[n % size], n >= size) for n, slug in enumerate(present)}


def _symbol(gravity: str, hollow: bool) -> str:
    return GRAVITY_SYMBOLS[gravity] + ("-open" if hollow else "")


# ---------------------------------------------------------------------------------------------
# Lanes and tracks


@dataclass
class Lane:
    """One horizontal band of the chart; ``base`` is the y of its first track.

    ``strict``: a span may not start where the previous one on its track ends (measures: two
    touching measures are two bars on two tracks, never one long bar).
    """

    key: str
    label: str
    strict: bool = False
    spans: list[tuple[float, float]] = field(default_factory=list)
    tracks: list[int] = field(default_factory=list)
    base: float = 0.0

    @property
    def height(self) -> int:
        return max(self.tracks, default=0) + 1

    def add(self, start: float, end: float) -> int:
        """Register a span (in days since the origin); returns its index for ``y``."""
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
                if start > track_end or (start == track_end and not self.strict):
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
        # One character of a bar label in days, on the narrowest plot we lay out for: the A4
        # landscape print (≈ 880 px of plot, 9 px labels ≈ 5.4 px a character).
        self.char_days = span * LABEL_CHAR_PX / PRINT_PLOT_PX
        self.right = self.day(end) + _pad(start, end).days  # right end of the x axis
        self.lanes: dict[str, Lane] = {}

    def lane(self, key: str, label: str, strict: bool = False) -> Lane:
        if key not in self.lanes:
            self.lanes[key] = Lane(key, label, strict)
        return self.lanes[key]

    def day(self, value: datetime.date) -> float:
        return float((value - self.origin).days)

    def add_point(self, lane: Lane, when: datetime.date) -> int:
        start = self.day(when)
        return lane.add(start - self.point_width / 2, start + self.point_width / 2)

    def add_range(self, lane: Lane, start: datetime.date, end: datetime.date,
                  label: str = "") -> tuple[int, str]:
        """Register a bar and the room of its label: inside the bar when it fits, else just
        after it, where no other bar of its track may then start (labels never overlap).
        Returns the span's index and the label's position (``inside`` or ``outside``)."""
        first = self.day(start)
        last = max(self.day(end), first + self.point_width / 4)  # a short period keeps room
        needed = len(label) * self.char_days + self.char_days
        if not label or last - first >= needed:
            return lane.add(first, last), "inside"
        if last + needed <= self.right:
            return lane.add(first, last + needed), "outside"
        # No room before the right edge (a running period): the label goes before the bar.
        return lane.add(first - needed, last), "before"

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


def _period(start: datetime.date, start_text: str, end: datetime.date,
            end_text: str | None) -> str:
    length = french.duration((end - start).days)
    if end_text is None:
        return f"depuis {date_words(start, start_text)} (en cours, {length})"
    return f"{date_words(start, start_text)} → {date_words(end, end_text)} ({length})"


def offence_hover(case: CaseFile, offence: Offence, view: str) -> str:
    when = date_words(offence.date, offence.date_text)
    if offence.fin is not None:
        when = f"de {when} à {date_words(offence.fin, offence.fin_text)}"
    lines = [
        f"<b>Infraction</b> · {when} (à {age_at(offence.date, case.annee_naissance)})",
        f"{category_words(offence.categorie, view)} · {gravity_words(offence.gravite, view)}",
    ]
    label = label_for(offence.libelle, offence.libelle_personne, view)
    if label:
        lines.append(_text(label))
    if view == "professionnel":
        natinf = f" · NATINF {offence.natinf}" if offence.natinf is not None else ""
        lines.append(f"Identifiant : {_text(offence.id)}{natinf}")
    return "<br>".join(lines)


def penalty_text(penalty: Penalty, view: str = "professionnel") -> str:
    """``Sursis probatoire : 6 mois, épreuve 2 ans`` (quantum and probation as written)."""
    details = [part for part in (penalty.quantum,) if part]
    if penalty.duree_epreuve:
        details.append(f"épreuve {penalty.duree_epreuve}" if view == "professionnel"
                       else f"suivi pendant {penalty.duree_epreuve}")
    label = penalty_words(penalty.type, view)
    return f"{label} : {', '.join(details)}" if details else label


def decision_hover(decision: Decision, offences: dict[str, Offence], view: str) -> str:
    title = "Décision" if view == "professionnel" else "Jugement"
    lines = [f"<b>{title}</b> · {date_words(decision.date, decision.date_text)}"]
    if view == "professionnel":
        lines.append(court_words(decision.juridiction, view))
    if not decision.is_conviction:
        lines.append("Relaxe ou acquittement" if view == "professionnel"
                     else "Pas de peine")
    lines += [_text(penalty_text(penalty, view)) for penalty in decision.peines]
    if view == "professionnel":
        judged = [
            f"{_text(fid)} ({date_words(offences[fid].date, offences[fid].date_text)})"
            if fid in offences else _text(fid)
            for fid in decision.faits
        ]
        if judged:
            lines.append("Faits jugés : " + ", ".join(judged))
    return "<br>".join(lines)


def measure_hover(case: CaseFile, measure: Measure, view: str) -> str:
    end = measure.end(case.date_reference)
    lines = [
        f"<b>{measure_words(measure.type, view)}</b>",
        _period(measure.debut, measure.debut_text, end, measure.fin_text),
    ]
    if measure.fin_prevue is not None:
        lines.append(f"Fin prévue : {date_words(measure.fin_prevue, measure.fin_prevue_text)}")
    if measure.issue and view == "professionnel":
        lines.append(f"Issue : {ISSUES[measure.issue]}")
    if measure.decision and view == "professionnel":
        lines.append(f"Décision : {_text(measure.decision)}")
    for obligation in measure.obligations:
        lines.append(_text(obligation_line(obligation.type, obligation.libelle,
                                           obligation.respect, view)))
    return "<br>".join(lines)


def obligation_line(kind: str, libelle: str | None, respect: str, view: str) -> str:
    """``Obligation de soins (suivi en addictologie) : respectée``."""
    what = obligation_words(kind, view)
    if libelle and view == "professionnel":
        what += f" ({libelle})"
    return f"{what} : {respect_words(respect, view).lower()}"


def life_hover(case: CaseFile, event: LifeEvent, view: str) -> str:
    lines = [f"<b>{DOMAINES[event.domaine]}</b> · {SENS[event.sens]}"]
    label = label_for(event.libelle, event.libelle_personne, view)
    if label:
        lines.append(_text(label))
    if event.is_point:
        lines.append(f"{date_words(event.debut, event.debut_text)} "
                     f"(à {age_at(event.debut, case.annee_naissance)})")
    else:
        end = event.end(case.date_reference)
        lines.append(_period(event.debut, event.debut_text, end, event.fin_text))
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


def _bars(name: str, group: str, colour: str, pattern: str = "", pattern_colour: str = "",
          label_colour: str = "#111111", **extra: Any) -> dict:
    # A white outline keeps two touching bars apart, on screen and on paper.
    marker: dict[str, Any] = {"color": colour, "line": {"color": "#ffffff", "width": 1.5}}
    if pattern:
        marker["pattern"] = {"shape": pattern, "fgcolor": pattern_colour or "#1b1f24",
                             "fgopacity": 0.45, "size": 7}
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
        # Inside when the label fits, else just after the bar (room kept by ``add_range``).
        "textposition": [],
        "insidetextanchor": "start",
        "textfont": {"color": label_colour, "size": 11},
        "outsidetextfont": {"color": "#111111", "size": 11},
        "constraintext": "none",
        "cliponaxis": True,
    }
    trace.update(extra)
    return trace


def _add_bar(trace: dict, start: datetime.date, end: datetime.date, y: Any, hover: str,
             label: str = "", position: str = "inside") -> None:
    trace["base"].append(_iso(start))
    trace["x"].append((end - start).days * MS_PER_DAY)
    trace["y"].append(y)
    trace["hovertext"].append(hover)
    trace["text"].append("" if position == "before" else label)
    if isinstance(trace["textposition"], list):
        trace["textposition"].append("outside" if position == "before" else position)


def _label_text(traces: Traces, lane: str, when: datetime.date, y: Any, label: str,
                side: str = "left") -> None:
    """A bar label drawn as text beside a date (``add_range`` kept the room for it)."""
    trace = traces.get("etiquettes", lane, lambda: {
        "type": "scatter", "mode": "text", "name": "étiquettes", "showlegend": False,
        "x": [], "y": [], "text": [], "textposition": [], "hoverinfo": "skip",
        "textfont": {"color": "#111111", "size": 11}, "cliponaxis": True,
    })
    trace["x"].append(_iso(when))
    trace["y"].append(y)
    trace["text"].append(label)
    trace["textposition"].append(f"middle {side}")


def _add_point(trace: dict, when: datetime.date, y: Any, hover: str) -> None:
    trace["x"].append(_iso(when))
    trace["y"].append(y)
    trace["hovertext"].append(hover)


class Traces:
    """The chart's traces, one per (series, lane): a lane can then be hidden with its traces.

    A series drawn in several lanes (difficult periods in housing and in addictions) has one
    legend entry: the first of its traces.
    """

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], dict] = {}
        self._named: set[str] = set()

    def get(self, series: str, lane: str, make: Any) -> dict:
        key = (series, lane)
        if key not in self.items:
            trace = make()
            trace["meta"] = lane
            if trace["name"] in self._named:
                trace["showlegend"] = False
            self._named.add(trace["name"])
            self.items[key] = trace
        return self.items[key]

    def ordered(self, series_order: Sequence[str]) -> list[dict]:
        rank = {series: n for n, series in enumerate(series_order)}
        keys = sorted(self.items, key=lambda k: rank.get(k[0], len(rank)))
        return [self.items[k] for k in keys]


def time_bounds(case: CaseFile) -> tuple[datetime.date, datetime.date]:
    """First thing drawn, last thing drawn (a planned end may lie after date_reference)."""
    starts = [o.date for o in case.faits] + [d.date for d in case.decisions]
    starts += [m.debut for m in case.mesures] + [e.debut for e in case.vie]
    first = min(starts, default=case.date_reference - datetime.timedelta(days=365))
    planned = [m.fin_prevue for m in case.mesures if m.fin is None and m.fin_prevue is not None]
    return first, max([case.date_reference, *planned])


def _pad(first: datetime.date, last: datetime.date) -> datetime.timedelta:
    return datetime.timedelta(days=max(45, (last - first).days // 40))


def _offence_traces(case: CaseFile, layout: Layout, view: str) -> list[dict]:
    """One marker trace per category (its colour; the shape gives the gravity), and bars for
    offences over a period, in the offences lane."""
    lane = layout.lane("faits", "Infractions" if view == "professionnel" else "Faits")
    colours = offence_colours(case)
    traces = Traces()
    for offence in sorted(case.faits, key=lambda o: o.date):
        colour, hollow = colours[offence.categorie]
        name = category_words(offence.categorie, view)
        hover = offence_hover(case, offence, view)
        if offence.fin is not None:
            index, _ = layout.add_range(lane, offence.date, offence.fin)
            bars = traces.get("periode:" + offence.categorie, "faits", lambda c=colour, n=name: _bars(
                n, "faits", c, "/", OUTLINE, showlegend=False, textposition="none"))
            _add_bar(bars, offence.date, offence.fin, (lane, index), hover)
            bars["marker"]["line"] = {"color": OUTLINE, "width": 1}
        else:
            index = layout.add_point(lane, offence.date)
        points = traces.get("point:" + offence.categorie, "faits", lambda c=colour, n=name: _scatter(
            n, "faits", marker={"color": c, "symbol": [], "size": [],
                                "line": {"color": OUTLINE, "width": 1}},
            legendgrouptitle={"text": "Infractions (couleur : catégorie)"}))
        _add_point(points, offence.date, (lane, index), hover)
        points["marker"]["symbol"].append(_symbol(offence.gravite, hollow))
        points["marker"]["size"].append(GRAVITY_SIZES[offence.gravite])
    order = [f"point:{slug}" for slug in CATEGORIES] + [f"periode:{slug}" for slug in CATEGORIES]
    result = traces.ordered(order)
    if case.faits:
        result += _gravity_legend(case, view)
    return result


def _gravity_legend(case: CaseFile, view: str) -> list[dict]:
    """Legend-only entries explaining the shapes (no data: nothing drawn on the chart)."""
    present = {offence.gravite for offence in case.faits}
    return [
        {
            "type": "scatter", "mode": "markers", "name": gravity_words(slug, view),
            "legendgroup": "gravite", "meta": "faits",
            "legendgrouptitle": {"text": "Gravité (forme)"},
            "x": [None], "y": [None], "hoverinfo": "skip",
            "marker": {"color": "#5c6470", "symbol": GRAVITY_SYMBOLS[slug], "size": 11},
        }
        for slug in GRAVITES
        if slug in present
    ]


def _decision_traces(case: CaseFile, layout: Layout, view: str) -> list[dict]:
    if not case.decisions:
        return []
    lane = layout.lane("decisions", "Décisions" if view == "professionnel" else "Jugements")
    offences = {offence.id: offence for offence in case.faits}
    traces = Traces()
    for decision in sorted(case.decisions, key=lambda d: d.date):
        if decision.is_conviction:
            trace = traces.get("condamnation", "decisions", lambda: _scatter(
                "Décision de justice" if view == "professionnel" else "Jugement", "justice",
                marker={"color": DECISION_COLOUR, "symbol": "line-ns-open", "size": 18,
                        "line": {"color": DECISION_COLOUR, "width": 3}},
                legendgrouptitle={"text": "Justice"}))
        else:
            trace = traces.get("relaxe", "decisions", lambda: _scatter(
                "Relaxe ou acquittement" if view == "professionnel" else "Pas de peine",
                # An open symbol is drawn in the marker colour: dark ring, nothing inside.
                "justice", marker={"color": DECISION_COLOUR, "symbol": "circle-open", "size": 13,
                                   "line": {"color": DECISION_COLOUR, "width": 2}},
                legendgrouptitle={"text": "Justice"}))
        index = layout.add_point(lane, decision.date)
        _add_point(trace, decision.date, (lane, index), decision_hover(decision, offences, view))
    return traces.ordered(["condamnation", "relaxe"])


def _measure_traces(case: CaseFile, layout: Layout, view: str) -> list[dict]:
    """One bar trace per measure type, planned ends dotted, obligations and issues as marks."""
    reference = case.date_reference
    pro = view == "professionnel"
    # Lanes in a fixed order (custody above supervision), whatever the order of the periods.
    if any(measure.is_custody for measure in case.mesures):
        layout.lane("detention", "Détention" if pro else "Prison", strict=True)
    if not all(measure.is_custody for measure in case.mesures):
        layout.lane("mesures", "Mesures de suivi" if pro else "Suivi par la justice", strict=True)
    traces = Traces()
    for measure in sorted(case.mesures, key=lambda m: m.debut):
        key = "detention" if measure.is_custody else "mesures"
        lane = layout.lanes[key]
        end = measure.end(reference)
        planned = (measure.fin_prevue if measure.fin is None and measure.fin_prevue is not None
                   and measure.fin_prevue > reference else None)
        label = measure_words(measure.type, view)
        # Room for the bar, its dotted planned end, and its label.
        index, position = layout.add_range(lane, measure.debut, planned or end, label)
        where = (lane, index)
        hover = measure_hover(case, measure, view)
        fill, pattern, label_colour = MEASURE_STYLE[measure.type]
        bars = traces.get("mesure:" + measure.type, key, lambda f=fill, p=pattern, c=label_colour,
                          n=label: _bars(n, "justice", f, p, OUTLINE, c,
                                         legendgrouptitle={"text": "Justice"}))
        if planned is not None and position != "before":
            fits = (end - measure.debut).days >= (len(label) + 1) * layout.char_days
            if not fits:  # after the dotted line, or over it when the room is there
                _label_text(traces, key, planned if position == "outside" else measure.debut,
                            where, label, "right")
                position = "text"
        _add_bar(bars, measure.debut, end, where, hover, "" if position == "text" else label,
                 "inside" if position == "text" else position)
        if position == "before":
            _label_text(traces, key, measure.debut, where, label)
        if planned is not None:
            line = traces.get("prevue", key, lambda: _scatter(
                "Fin prévue (pointillés, après la date de référence)", "justice", mode="lines+markers",
                line={"color": PLANNED_COLOUR, "width": 2.5, "dash": "dot"},
                marker={"symbol": ["line-ns"], "size": 14,
                        "line": {"color": PLANNED_COLOUR, "width": 2}},
                legendgrouptitle={"text": "Justice"}))
            for when, symbol in ((reference, "line-ns"), (planned, "line-ns")):
                _add_point(line, when, where, hover)
                line["marker"]["symbol"].append(symbol)
            _add_point(line, planned, None, "")  # a gap before the next planned end
            line["x"][-1] = None
            line["marker"]["symbol"].append("line-ns")
        _obligation_marks(traces, measure, end, where, key, view)
        if measure.issue in ("revocation", "incident"):
            marker = traces.get(measure.issue, key, lambda i=measure.issue: _issue_trace(i, view))
            _add_point(marker, end, where, hover)
    order = ([f"mesure:{slug}" for slug in MEASURE_STYLE] + ["prevue"]
             + [f"obligation:{slug}" for slug in RESPECTS] + ["revocation", "incident", "etiquettes"])
    return traces.ordered(order)


def _obligation_marks(traces: Traces, measure: Measure, end: datetime.date, where: Any,
                      lane: str, view: str) -> None:
    """One mark per obligation, spread along the measure's bar (obligations have no date)."""
    count = len(measure.obligations)
    span = (end - measure.debut).days
    for number, obligation in enumerate(measure.obligations, start=1):
        style = RESPECT_STYLE[obligation.respect]
        trace = traces.get("obligation:" + obligation.respect, lane, lambda s=style,
                           r=obligation.respect: _scatter(
            f"Obligation {respect_words(r, view).lower()}", "obligations",
            marker={"color": s["color"], "symbol": s["symbol"], "size": 11,
                    "line": {"color": s["color"] if "open" in s["symbol"] or s["symbol"] == "x"
                             else "#ffffff", "width": 2}},
            legendgrouptitle={"text": "Obligations (marques sur la mesure)"}))
        when = measure.debut + datetime.timedelta(days=round(span * number / (count + 1)))
        text = obligation_line(obligation.type, obligation.libelle, obligation.respect, view)
        _add_point(trace, when, where,
                   f"<b>{measure_words(measure.type, view)}</b><br>{_text(text)}")


def _issue_trace(issue: str, view: str) -> dict:
    if issue == "revocation":
        marker = {"color": REVOCATION_COLOUR, "symbol": "x-thin-open", "size": 16,
                  "line": {"color": REVOCATION_COLOUR, "width": 3}}
        name = "Révocation (fin de la mesure)" if view == "professionnel" else "Mesure arrêtée"
    else:
        marker = {"color": INCIDENT_COLOUR, "symbol": "triangle-down", "size": 13,
                  "line": {"color": "#ffffff", "width": 1}}
        name = "Incident (fin de la mesure)" if view == "professionnel" else "Incident"
    return _scatter(name, "justice", marker=marker, legendgrouptitle={"text": "Justice"})


def _life_traces(case: CaseFile, layout: Layout, view: str) -> list[dict]:
    for slug, label in DOMAINES.items():  # lanes in vocabulary order
        if any(event.domaine == slug for event in case.vie):
            layout.lane(f"vie:{slug}", label)
    traces = Traces()
    title = {"text": "Vie personnelle"}
    for event in sorted(case.vie, key=lambda e: (e.debut, e.index)):
        key = f"vie:{event.domaine}"
        lane = layout.lanes[key]
        style = SENS_STYLE[event.sens]
        hover = life_hover(case, event, view)
        if event.is_point:
            trace = traces.get("point:" + event.sens, key, lambda s=event.sens, st=style: _scatter(
                POINT_LEGEND[s], "vie",
                marker={"color": st["line"], "symbol": st["symbol"], "size": 12,
                        "line": {"color": st["line"], "width": 2}},
                legendgrouptitle=title))
            index = layout.add_point(lane, event.debut)
            _add_point(trace, event.debut, (lane, index), hover)
        else:
            trace = traces.get("periode:" + event.sens, key, lambda s=event.sens, st=style: _bars(
                PERIOD_LEGEND[s], "vie", st["fill"], st["pattern"], st["line"],
                legendgrouptitle=title))
            trace["marker"]["line"] = {"color": style["line"], "width": 1}
            end = event.end(case.date_reference)
            label = label_for(event.libelle, event.libelle_personne, view) or ""
            index, position = layout.add_range(lane, event.debut, end, label)
            _add_bar(trace, event.debut, end, (lane, index), hover, _text(label), position)
            if position == "before":
                _label_text(traces, key, event.debut, (lane, index), _text(label))
    order = [f"periode:{s}" for s in SENS] + [f"point:{s}" for s in SENS] + ["etiquettes"]
    return traces.ordered(order)


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
                "name": "fond-ligne",
                "x0": 0, "x1": 1, "y0": lane.base - 0.5, "y1": lane.base + lane.height - 0.5,
                "fillcolor": "#f4f5f7", "line": {"width": 0},
            })
    return shapes


def _custody_shapes(indicators: Indicators) -> list[dict]:
    """Custody shaded across the whole chart: what happened around it reads against it."""
    return [
        {
            "type": "rect", "xref": "x", "yref": "paper", "layer": "below",
            "x0": _iso(start), "x1": _iso(end), "y0": 0, "y1": 1,
            "fillcolor": "rgba(63, 71, 83, 0.13)", "line": {"width": 0},
        }
        for start, end in indicators.custody_spells
        if end > start
    ]


def _reference_marks(case: CaseFile) -> tuple[dict, dict]:
    when = _iso(case.date_reference)
    # A solid line: dotted lines are planned ends.
    line = {
        "type": "line", "xref": "x", "yref": "paper", "x0": when, "x1": when, "y0": 0, "y1": 1,
        "line": {"color": "#1b1f24", "width": 2},
    }
    note = {
        # Above the age ticks, level with the axis title, so the two never overlap.
        # Top left: the modebar (always shown, for keyboard users) takes the top right.
        "xref": "paper", "yref": "paper", "x": 0, "y": 1, "yanchor": "bottom", "xanchor": "left",
        "yshift": 34,
        "text": f"Date de référence : {french.short_date(case.date_reference)} (trait vertical plein)",
        "showarrow": False,
        "font": {"size": 11, "color": "#1b1f24"},
    }
    return line, note


def _age_axis(case: CaseFile, start: datetime.date, end: datetime.date) -> dict:
    """A top axis with the person's age in each year: a range, from the year of birth only."""
    years = end.year - start.year + 1
    step = 1 if years <= 10 else 2 if years <= 20 else 5
    values, labels = [], []
    for year in range(start.year, end.year + 1):
        age = year - case.annee_naissance
        if age % step == 0 or step == 1:
            values.append(f"{year}-07-01")  # mid-year: the label sits in the year it is about
            labels.append(f"{age - 1}–{age}")
    return {
        "overlaying": "x", "side": "top", "matches": "x", "type": "date",
        "tickmode": "array", "tickvals": values, "ticktext": labels,
        "showgrid": False, "ticks": "outside", "tickfont": {"size": 11, "color": "#4b5563"},
        "title": {"text": "Âge (en années, d'après l'année de naissance)",
                  "font": {"size": 11, "color": "#4b5563"}, "standoff": 2},
    }


def build_figure(case: CaseFile, indicators: Indicators, view: str = "professionnel") -> Figure:
    """The main timeline: ``{"data", "layout", "config"}`` ready for ``Plotly.newPlot``."""
    if view not in VIEWS:
        raise ValueError(f"vue inconnue : {view}")
    first, last = time_bounds(case)
    layout = Layout(first, last)
    traces = _offence_traces(case, layout, view)
    traces += _decision_traces(case, layout, view)
    traces += _measure_traces(case, layout, view)
    traces += _life_traces(case, layout, view)
    height_tracks = layout.finish()
    _resolve_y(traces)

    pad = _pad(first, last)
    x_range = [_iso(first - pad), _iso(last + pad)]
    lanes = list(layout.lanes.values())
    # The age axis needs one (invisible) trace of its own to be drawn.
    traces.append({"type": "scatter", "mode": "markers", "x": x_range, "y": [None, None],
                   "xaxis": "x2", "showlegend": False, "hoverinfo": "skip", "meta": "axe"})
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
            "shapes": _lane_shapes(layout) + _custody_shapes(indicators) + [ref_line],
            "annotations": [ref_note],
            "legend": {
                # Below the date ticks: y is a share of the plot area, whose height we set.
                "orientation": "h", "x": 0, "xanchor": "left", "yanchor": "top",
                "y": -round(AXIS_PX / plot_px, 4),
                "traceorder": "grouped",
                # A key, not a switch: the lane buttons above the chart hide a whole lane.
                "itemclick": False, "itemdoubleclick": False,
                "font": {"size": 12}, "itemsizing": "constant",
            },
            "showlegend": True,
            "meta": {
                "lanes": [{"key": lane.key, "label": lane.label, "base": lane.base,
                           "height": lane.height} for lane in lanes],
                "lane_gap": LANE_GAP, "track_px": TRACK_PX, "axis_px": AXIS_PX,
            },
        },
        "config": plot_config(case, "frise"),
    }


@dataclass(frozen=True)
class Preset:
    """A preset view of the chart: a button that sets the time range."""

    key: str
    label: str
    range: tuple[str, str]


def presets(case: CaseFile, indicators: Indicators) -> list[Preset]:
    """« Tout le parcours », « Depuis la dernière sortie » (when there is one), « Les 3 dernières
    années » (1 096 days, as the trend card)."""
    first, last = time_bounds(case)
    pad = _pad(first, last)
    reference = case.date_reference
    end = _iso(last + pad)
    found = [Preset("tout", "Tout le parcours", (_iso(first - pad), end))]
    if indicators.jours_depuis_derniere_sortie is not None:
        release = reference - datetime.timedelta(days=indicators.jours_depuis_derniere_sortie)
        found.append(Preset("sortie", "Depuis la dernière sortie",
                            (_iso(release - _pad(release, last)), end)))
    cut = reference - datetime.timedelta(days=RECENT_DAYS)
    found.append(Preset("recent", "Les 3 dernières années", (_iso(cut - _pad(cut, last)), end)))
    return found


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


def build_gravity_figure(case: CaseFile, indicators: Indicators,
                         view: str = "professionnel") -> Figure | None:
    """Offences by date and gravity, coloured by category; the professional view adds the trend
    when the indicators give one (5 passages à l'acte or more).

    ``None`` without offences (the page then says so in words).
    """
    if not case.faits:
        return None
    colours = offence_colours(case)
    traces: dict[str, dict] = {}
    for offence in sorted(case.faits, key=lambda o: o.date):
        colour, hollow = colours[offence.categorie]
        trace = traces.get(offence.categorie)
        if trace is None:
            trace = traces[offence.categorie] = _scatter(
                category_words(offence.categorie, view), offence.categorie,
                marker={"color": colour, "symbol": [], "size": 12,
                        "line": {"color": OUTLINE, "width": 1}},
            )
        _add_point(trace, offence.date, GRAVITY_SCORE[offence.gravite],
                   offence_hover(case, offence, view))
        trace["marker"]["symbol"].append(_symbol(offence.gravite, hollow))
    data = [traces[slug] for slug in CATEGORIES if slug in traces]
    slope = indicators.tendance_gravite
    if view == "professionnel" and slope is not None:
        data.append(_trend_trace(case.faits, slope))
    first, last = time_bounds(case)
    pad = _pad(first, last)
    return {
        "data": data,
        "layout": {
            "height": 300,
            "margin": {"l": 130, "r": 20, "t": 16, "b": 40},
            "legend": {"x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top",
                       "font": {"size": 12}, "title": {"text": "Catégorie"},
                       "itemclick": False, "itemdoubleclick": False},
            "font": {"family": FONT, "size": 12, "color": "#1b1f24"},
            "paper_bgcolor": "#ffffff",
            "plot_bgcolor": "#ffffff",
            "hovermode": "closest",
            "hoverlabel": {"bgcolor": "#ffffff", "font": {"color": "#1b1f24"}, "align": "left"},
            "modebar": {"color": "#4b5563", "activecolor": "#1f5fa8",
                        "bgcolor": "rgba(255, 255, 255, 0.9)"},
            "xaxis": {"type": "date", "range": [_iso(first - pad), _iso(last + pad)],
                      "gridcolor": "#e3e5e8", "ticks": "outside", "zeroline": False,
                      "showline": True, "linecolor": "#9aa1ab", "hoverformat": "%d/%m/%Y"},
            "yaxis": {"range": [0.5, 3.5], "fixedrange": True, "tickmode": "array",
                      "tickvals": list(GRAVITY_SCORE.values()),
                      "ticktext": [gravity_words(slug, view) for slug in GRAVITY_SCORE],
                      "gridcolor": "#e3e5e8", "zeroline": False},
            "shapes": _custody_shapes(indicators),
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
