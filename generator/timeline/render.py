"""One timeline page: a standalone HTML document made with the Jinja templates of ``templates/frise``.

The page makes no network request: the CSS, our script and (by default) plotly.js are inlined,
and a Content-Security-Policy forbids anything else. Case-file strings reach the page twice:
in the HTML (Jinja autoescape) and in the figure JSON read by plotly.js, which is escaped here so
that no string can close the ``<script>`` element that carries it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from generator import french
from generator.browser_libs import NODE_MODULES, PLOTLY_BASIC
from generator.settings import DEFAULT as SETTINGS
from generator.timeline import indicators, plain_words
from generator.timeline.catalogue_leads import catalogue_leads
from generator.timeline.figure import VIEWS, build_figure, build_gravity_figure, penalty_text
from generator.timeline.model import CaseFile
from generator.timeline.vocabulary import (
    CATEGORIES,
    DOMAINES,
    GRAVITES,
    ISSUES,
    JURIDICTIONS,
    MESURES,
    SENS,
    VIOLENT_CATEGORIES,
)

TEMPLATES = SETTINGS.templates / "frise"
PLOTLY_BUNDLE = NODE_MODULES.joinpath(*PLOTLY_BASIC)
SHARED_SCRIPT_NAME = "plotly-basic.min.js"

CSP_STANDALONE = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
# From file://, Chromium matches 'self' against other file: URLs (checked in the browser test).
CSP_SHARED = (
    "default-src 'none'; script-src 'self' file: 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:"
)

# JSON inside <script>: "<" and ">" could close the element or open a comment, "&" is escaped
# for good measure, U+2028/2029 are line terminators in older JavaScript parsers. (Chained
# str.replace: str.translate with a dict is ~50× slower on non-ASCII text.)
_JSON_ESCAPES = (
    ("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
    ("\u2028", "\\u2028"), ("\u2029", "\\u2029"),
)


class MissingBundle(Exception):
    """plotly.js is not installed (``node_modules`` is missing)."""


def script_json(value: Any) -> Markup:
    """JSON that is safe to place verbatim inside a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for character, escaped in _JSON_ESCAPES:
        text = text.replace(character, escaped)
    return Markup(text)


@functools.cache
def plotly_bundle_bytes() -> bytes:
    """The minified plotly.js basic bundle as read from ``node_modules``, once per process."""
    try:
        data = PLOTLY_BUNDLE.read_bytes()
    except FileNotFoundError:
        raise MissingBundle(
            f"plotly.js est introuvable ({PLOTLY_BUNDLE.as_posix()}) : "
            "lancez « npm ci » à la racine du dépôt."
        ) from None
    if b"</script" in data.lower():  # would end the inline <script> early
        raise MissingBundle("le fichier plotly.js contient « </script » : impossible de l'intégrer.")
    return data


@functools.cache
def plotly_bundle() -> str:
    """The same bundle as text (for ``render_page``)."""
    return plotly_bundle_bytes().decode("utf-8")


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's compiled templates, kept between runs (compiling them costs ~40 ms per start).

    Jinja's default folder is private to the user (0700, checked); without it, compile anew.
    """
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one process renders many pages: no stat() per include
    )
    environment.filters["date_text"] = french.date_text
    environment.filters["number"] = french.number
    return environment


# ---------------------------------------------------------------------------------------------
# Rows of the chronological table (the accessible equivalent of the chart)


@dataclass(frozen=True)
class Row:
    """One line of the chronological table."""

    sort_key: tuple
    start: str  # as written: "2012-03"
    end: str | None  # as written, "" for a point, None while running
    kind: str
    description: str
    details: str


def chronology(case: CaseFile, view: str) -> list[Row]:
    """Everything the chart draws, one row each, in date order."""
    reference = case.date_reference
    rows: list[Row] = []
    offences = {offence.id: offence for offence in case.faits}
    for offence in case.faits:
        details = [offence.libelle or "", f"à {offence.date.year - case.annee_naissance} ans"]
        if view == "professionnel":
            details.append(f"id {offence.id}")
            if offence.natinf is not None:
                details.append(f"NATINF {offence.natinf}")
        rows.append(Row((offence.date, 0), offence.date_text, "", "Infraction",
                        f"{CATEGORIES[offence.categorie]} · {GRAVITES[offence.gravite].lower()}",
                        _join(details)))
    for decision in case.decisions:
        judged = [
            f"{fid} ({french.date_text(offences[fid].date_text)})" if fid in offences else fid
            for fid in decision.faits
        ]
        penalties = [penalty_text(p) for p in decision.peines]
        details = penalties + ([f"faits jugés : {', '.join(judged)}"] if judged else [])
        rows.append(Row((decision.date, 1), decision.date_text, "", "Décision",
                        JURIDICTIONS[decision.juridiction], _join(details)))
    for measure in case.mesures:
        end = measure.end(reference)
        details = [french.duration((end - measure.debut).days)]
        if measure.issue:
            details.append(f"issue : {ISSUES[measure.issue].lower()}")
        if measure.decision and view == "professionnel":
            details.append(f"décision {measure.decision}")
        kind = "Détention" if measure.is_custody else "Mesure de suivi"
        rows.append(Row((measure.debut, 2), measure.debut_text, measure.fin_text, kind,
                        MESURES[measure.type], _join(details)))
    for event in case.vie:
        end_text = "" if event.is_point else event.fin_text
        details = [SENS[event.sens].lower()]
        if not event.is_point:
            details.append(french.duration((event.end(reference) - event.debut).days))
        rows.append(Row((event.debut, 3, event.index), event.debut_text, end_text,
                        f"Vie : {DOMAINES[event.domaine].lower()}",
                        event.libelle or ("Événement" if event.is_point else "Période"),
                        _join(details)))
    return sorted(rows, key=lambda row: row.sort_key)


def _join(parts: list[str]) -> str:
    return " · ".join(part for part in parts if part)


# ---------------------------------------------------------------------------------------------
# Offence categories (table under the gravity chart)


@dataclass(frozen=True)
class CategoryRow:
    label: str
    violent: bool
    count: int
    by_gravity: dict[str, int]
    first: str
    last: str


def category_rows(case: CaseFile) -> list[CategoryRow]:
    rows = []
    for slug, label in CATEGORIES.items():
        offences = sorted((o for o in case.faits if o.categorie == slug), key=lambda o: o.date)
        if not offences:
            continue
        counts = {g: sum(1 for o in offences if o.gravite == g) for g in GRAVITES}
        rows.append(CategoryRow(label, slug in VIOLENT_CATEGORIES, len(offences), counts,
                                offences[0].date_text, offences[-1].date_text))
    return rows


# ---------------------------------------------------------------------------------------------
# The page


def chart_summary(case: CaseFile) -> str:
    """The chart in one sentence, for its caption (the table holds the detail)."""
    first = min([o.date for o in case.faits] + [m.debut for m in case.mesures]
                + [e.debut for e in case.vie] + [d.date for d in case.decisions],
                default=case.date_reference)
    custody = len(indicators.custody_spells(case))
    counts = [
        (len(case.faits), "infraction", ""),
        (len(case.decisions), "décision", ""),
        (custody, "période", " de détention"),
        (sum(1 for m in case.mesures if not m.is_custody), "mesure", " de suivi"),
        (len(case.vie), "événement", " de vie"),
    ]
    parts = [french.plural(n, word) + suffix for n, word, suffix in counts if n] or ["vide"]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
    return f"Frise de {first.year} à {case.date_reference.year} : {listed}."


def _links(case: CaseFile, values: Mapping[str, Any]) -> list[tuple[Any, list[Any]]]:
    """``indicators.offence_links`` rebuilt from the computed ``liens`` (not computed twice)."""
    offences = {offence.id: offence for offence in case.faits}
    events = {event.index: event for event in case.vie}
    return [(offences[link["fait"]], [events[index] for index in link["evenements"]])
            for link in values["liens"]]


def page_context(case: CaseFile, view: str, values: Mapping[str, Any]) -> dict[str, Any]:
    links = plain_words.offence_links(case, _links(case, values))
    gaps = indicators.offence_free_gaps(case)
    reference = case.date_reference
    # Gap bounds are offence dates: show them as the file wrote them ("mars 2012").
    written = {o.date: french.date_text(o.date_text) for o in sorted(case.faits, key=lambda o: o.date)}
    return {
        "case": case,
        "view": view,
        "age_now": reference.year - case.annee_naissance,
        "reference_text": french.full_date(reference),
        "cards": (plain_words.professional_cards(values, case) if view == "professionnel"
                  else plain_words.person_cards(values)),
        "links": links,
        "linked_count": sum(1 for link in links if link.events),
        "negative_shares": plain_words.negative_share_sentences(values),
        "gaps": [
            {"start": written.get(start, french.full_date(start)),
             "end": (f"{french.full_date(end)} (date de référence)" if end >= reference
                     else written.get(end, french.full_date(end))),
             "days": days, "duration": french.duration(days)}
            for start, end, days in gaps
        ],
        "gap_sentences": plain_words.gap_sentences(case, gaps),
        "custody_sentence": plain_words.custody_sentence(values),
        "event_words": plain_words.event_words,
        "person_link_sentence": plain_words.person_link_sentence,
        "categories": category_rows(case),
        "gravities": list(GRAVITES.values()),
        "rows": chronology(case, view),
        "chart_summary": chart_summary(case),
    }


# Where the inline plotly.js goes. It holds "<", which Jinja and ``script_json`` always escape in
# case-file strings, so it can only come from the template.
_BUNDLE_SLOT = "<frise-plotly-bundle/>"


def render_parts(case: CaseFile, view: str = "professionnel",
                 shared_script_src: str | None = None, catalogue_url: str | None = None) -> tuple[str, str]:
    """The page without plotly.js: ``(before, after)``; a standalone page is before + bundle
    + after, a ``shared_script_src`` page is before + after (``after`` is then empty).

    Kept apart so that a batch never copies nor re-encodes the 1.2 MB bundle per page.
    """
    if view not in VIEWS:
        raise ValueError(f"vue inconnue : {view}")
    values = indicators.compute(case).to_json()
    figures = {"frise-graphique": build_figure(case, values, view)}
    gravity = build_gravity_figure(case, values, view)
    if gravity is not None:
        figures["frise-gravite"] = gravity
    context = page_context(case, view, values)
    context.update(
        csp=CSP_SHARED if shared_script_src is not None else CSP_STANDALONE,
        plotly_inline=Markup(_BUNDLE_SLOT) if shared_script_src is None else None,
        plotly_src=shared_script_src,
        figures_json=script_json(figures),
        has_gravity=gravity is not None,
        leads=catalogue_leads(values, catalogue_url) if view == "professionnel" else [],
    )
    html = _environment().get_template("page.html.j2").render(context)
    if shared_script_src is not None:
        return html, ""
    before, _, after = html.partition(_BUNDLE_SLOT)
    return before, after


def render_page(case: CaseFile, view: str = "professionnel", plotly_js: str | None = None,
                shared_script_src: str | None = None, catalogue_url: str | None = None) -> str:
    """The full HTML page of one case.

    By default plotly.js is inlined (read with ``plotly_bundle``); pass ``plotly_js`` to inline
    another copy, or ``shared_script_src`` to load it from a file beside the page instead.
    """
    before, after = render_parts(case, view, shared_script_src, catalogue_url)
    if shared_script_src is not None:
        return before
    return before + (plotly_bundle() if plotly_js is None else plotly_js) + after


def render_page_bytes(case: CaseFile, view: str = "professionnel",
                      shared_script_src: str | None = None, catalogue_url: str | None = None) -> bytes:
    """``render_page`` as UTF-8 bytes, joining the pre-encoded bundle (what the CLI writes)."""
    before, after = render_parts(case, view, shared_script_src, catalogue_url)
    if shared_script_src is not None:
        return before.encode("utf-8")
    return b"".join((before.encode("utf-8"), plotly_bundle_bytes(), after.encode("utf-8")))
