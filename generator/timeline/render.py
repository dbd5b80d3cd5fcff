"""One timeline page: a standalone HTML document made with the Jinja templates of ``templates/frise``.

The page makes no network request: the CSS, our script and (by default) plotly.js are inlined,
and a Content-Security-Policy forbids anything else. Case-file strings reach the page twice:
in the HTML (Jinja autoescape) and in the figure JSON read by plotly.js, which is escaped here so
that no string can close the ``<script>`` element that carries it.
"""

from __future__ import annotations

import base64
import datetime
import functools
import json
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from generator import french
from generator.browser_libs import DSFR, DSFR_FILES, NODE_MODULES, PLOTLY_BASIC, library_file
from generator.settings import DEFAULT as SETTINGS
from generator.settings import PageBrand
from generator.timeline import plain_words
from generator.timeline.catalogue_leads import catalogue_leads
from generator.timeline.figure import (
    VIEWS,
    build_figure,
    build_gravity_figure,
    obligation_line,
    penalty_text,
    presets,
    time_bounds,
)
from generator.timeline.indicators import Indicators, compute
from generator.timeline.model import CaseFile
from generator.timeline.page_words import (
    age_at,
    category_words,
    court_words,
    date_words,
    gravity_words,
    label_for,
    measure_words,
)
from generator.timeline.plain_words import join_words
from generator.timeline.vocabulary import (
    CATEGORIES,
    DOMAINES,
    GRAVITES,
    ISSUES,
    SENS,
    VIOLENT_CATEGORIES,
)

TEMPLATES = SETTINGS.templates / "frise"
PLOTLY_BUNDLE = NODE_MODULES.joinpath(*PLOTLY_BASIC)
SHARED_SCRIPT_NAME = "plotly-basic.min.js"

# img-src data: blob: is what plotly's « Enregistrer en PNG » needs (it draws the SVG into an
# <img> from a blob: or data: URL, then onto a canvas); nothing can be fetched from elsewhere.
CSP_STANDALONE = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:"
)
# From file://, Chromium matches 'self' against other file: URLs (checked in the browser test).
CSP_SHARED = (
    "default-src 'none'; script-src 'self' file: 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:"
)

# The State brand (settings.brand, extra.marque of mkdocs.yml): Marianne and the bloc-marque's
# stylesheet come from the DSFR's npm package, as for the site. A standalone page carries the
# fonts as data: URLs (it must open alone, from a USB key or an attachment); with --js-partage
# they are written once beside the pages, as plotly.js is. Regular and Bold only: the page's
# weights are 400, 600 and 700 (600 is drawn with Bold). A standalone page embeds Regular only
# (Chromium and Firefox draw its bold): with Bold too, the largest example (1.29 MB) would pass
# the 1.4 MB budget of a standalone page (docs/benchmarks.md); pages beside their fonts get both.
FONT_WEIGHTS = {"Regular": 400, "Bold": 700}
EMBEDDED_FONTS = ("Regular",)
FONT_FILES = {f"Marianne-{name}.woff2": f"dist/fonts/Marianne-{name}.woff2" for name in FONT_WEIGHTS}
LOGO_CSS = next(relative for package, relative in DSFR_FILES if relative.endswith("logo.main.min.css"))
FONT_SOURCE_STANDALONE = "; font-src data:"
FONT_SOURCE_SHARED = "; font-src 'self' file:"


class MissingBrandFiles(Exception):
    """The DSFR package (Marianne, bloc-marque) is not installed while the State brand is asked."""


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


def font_file_bytes(name: str) -> bytes:
    """One Marianne file (``FONT_FILES``) as the npm package holds it."""
    return _brand_file(FONT_FILES[name])


@functools.cache
def _brand_file(relative: str) -> bytes:
    from generator.browser_libs import MissingBrowserLibrary

    try:
        return library_file(DSFR, relative).read_bytes()
    except (MissingBrowserLibrary, OSError) as error:
        raise MissingBrandFiles(f"{error} (apparence de l'État, extra.marque de mkdocs.yml ; "
                                "« marque: neutre » s'en passe)") from None


@functools.cache
def brand_style(shared: bool) -> Markup:
    """The State brand's CSS: Marianne (embedded or beside the page) and the bloc-marque's logo.

    Our own files, read once per process; none holds « </style » (checked).
    """
    faces = []
    for name, weight in FONT_WEIGHTS.items():
        if not shared and name not in EMBEDDED_FONTS:
            continue
        file_name = f"Marianne-{name}.woff2"
        if shared:
            source = file_name
        else:
            source = "data:font/woff2;base64," + base64.b64encode(font_file_bytes(file_name)).decode("ascii")
        faces.append(f'@font-face {{ font-family: "Marianne"; src: url("{source}") format("woff2"); '
                     f"font-weight: {weight}; font-style: normal; font-display: swap; }}")
    logo = _brand_file(LOGO_CSS).decode("utf-8")
    if "</style" in logo.lower():
        raise MissingBrandFiles("la feuille du bloc-marque contient « </style » : impossible de l'intégrer.")
    return Markup("\n".join([*faces, logo]))


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
    start_iso: str  # for <time datetime>
    start: str  # « août 2015 », « 14/06/2015 »
    end_iso: str | None
    end: str | None  # "" for a point, None while running
    kind: str
    description: str
    details: str


def _date_cell(day: datetime.date, written: str | None) -> tuple[str, str]:
    return day.isoformat(), date_words(day, written)


def chronology(case: CaseFile, view: str) -> list[Row]:
    """Everything the chart draws, one row each, in date order."""
    pro = view == "professionnel"
    reference = case.date_reference
    rows: list[Row] = []
    offences = {offence.id: offence for offence in case.faits}
    for offence in case.faits:
        label = label_for(offence.libelle, offence.libelle_personne, view)
        details = [label or "", f"à {age_at(offence.date, case.annee_naissance)}"]
        if pro:
            details.append(f"id {offence.id}")
            if offence.natinf is not None:
                details.append(f"NATINF {offence.natinf}")
        end = _date_cell(offence.fin, offence.fin_text) if offence.fin else (None, "")
        rows.append(Row((offence.date, 0), *_date_cell(offence.date, offence.date_text), *end,
                        "Infraction" if pro else "Fait",
                        f"{category_words(offence.categorie, view)} · "
                        f"{gravity_words(offence.gravite, view).lower()}", _join(details)))
    for decision in case.decisions:
        details = [penalty_text(p, view) for p in decision.peines]
        if not decision.is_conviction:
            details.insert(0, "relaxe ou acquittement" if pro else "pas de peine")
        if pro:
            judged = [
                f"{fid} ({date_words(offences[fid].date, offences[fid].date_text)})"
                if fid in offences else fid
                for fid in decision.faits
            ]
            if judged:
                details.append(f"faits jugés\u00a0: {', '.join(judged)}")
        rows.append(Row((decision.date, 1), *_date_cell(decision.date, decision.date_text),
                        None, "", "Décision" if pro else "Jugement",
                        court_words(decision.juridiction, view), _join(details)))
    for measure in case.mesures:
        end_day = measure.end(reference)
        details = [french.duration((end_day - measure.debut).days)]
        if measure.fin_prevue is not None:
            details.append(f"fin prévue {date_words(measure.fin_prevue, measure.fin_prevue_text)}")
        if measure.issue and pro:
            details.append(f"issue\u00a0: {ISSUES[measure.issue].lower()}")
        if measure.decision and pro:
            details.append(f"décision {measure.decision}")
        details += [obligation_line(o.type, o.libelle, o.respect, view) for o in measure.obligations]
        kind = ("Détention" if pro else "Prison") if measure.is_custody else (
            "Mesure de suivi" if pro else "Suivi")
        end = _date_cell(measure.fin, measure.fin_text) if measure.fin else (None, None)
        rows.append(Row((measure.debut, 2), *_date_cell(measure.debut, measure.debut_text), *end,
                        kind, measure_words(measure.type, view), _join(details)))
    for event in case.vie:
        details = [SENS[event.sens].lower()]
        if not event.is_point:
            details.append(french.duration((event.end(reference) - event.debut).days))
        if event.is_point:
            end = (None, "")
        elif event.fin is not None:
            end = _date_cell(event.fin, event.fin_text)
        else:
            end = (None, None)
        label = label_for(event.libelle, event.libelle_personne, view)
        rows.append(Row((event.debut, 3, event.index), *_date_cell(event.debut, event.debut_text),
                        *end, f"Vie\u00a0: {DOMAINES[event.domaine].lower()}",
                        label or ("Événement" if event.is_point else "Période"), _join(details)))
    return sorted(rows, key=lambda row: row.sort_key)


def _join(parts: list[str]) -> str:
    return " · ".join(part for part in parts if part)


# ---------------------------------------------------------------------------------------------
# Offence categories (table under the gravity chart) and measures with their obligations


@dataclass(frozen=True)
class CategoryRow:
    label: str
    violent: bool
    count: int
    by_gravity: dict[str, int]
    first: str
    last: str


def category_rows(case: CaseFile, view: str) -> list[CategoryRow]:
    rows = []
    for slug in CATEGORIES:
        offences = sorted((o for o in case.faits if o.categorie == slug), key=lambda o: o.date)
        if not offences:
            continue
        counts = {g: sum(1 for o in offences if o.gravite == g) for g in GRAVITES}
        rows.append(CategoryRow(category_words(slug, view),
                                view == "professionnel" and slug in VIOLENT_CATEGORIES,
                                len(offences), counts,
                                date_words(offences[0].date, offences[0].date_text),
                                date_words(offences[-1].date, offences[-1].date_text)))
    return rows


@dataclass(frozen=True)
class MeasureRow:
    label: str
    period: str
    planned: str
    issue: str
    obligations: tuple[tuple[str, str], ...]  # (words, respect slug)


def measure_rows(case: CaseFile, view: str) -> list[MeasureRow]:
    """Every measure in date order, with its planned end and its obligations."""
    rows = []
    reference = case.date_reference
    for measure in sorted(case.mesures, key=lambda m: m.debut):
        start = date_words(measure.debut, measure.debut_text)
        period = (f"{start} – {date_words(measure.fin, measure.fin_text)}" if measure.fin
                  else f"depuis {start} (en cours)")
        planned = ""
        if measure.fin_prevue is not None:
            planned = date_words(measure.fin_prevue, measure.fin_prevue_text)
            if measure.fin is None and measure.fin_prevue > reference:
                planned += " (à venir)"
        rows.append(MeasureRow(
            measure_words(measure.type, view), period, planned,
            ISSUES[measure.issue] if measure.issue and view == "professionnel" else "",
            tuple((obligation_line(o.type, o.libelle, o.respect, view), o.respect)
                  for o in measure.obligations),
        ))
    return rows


# ---------------------------------------------------------------------------------------------
# The page


def chart_summary(case: CaseFile, ind: Indicators, view: str) -> str:
    """The chart in one sentence, for its caption (the table holds the detail)."""
    first, _ = time_bounds(case)
    pro = view == "professionnel"
    if not pro:  # short sentences for the person followed
        return f"La frise va de {first.year} à {case.date_reference.year}."
    counts = [
        (len(case.faits), "infraction" if pro else "fait", ""),
        (len(case.decisions), "décision" if pro else "jugement", ""),
        (ind.nb_periodes_detention, "période", " de détention" if pro else " en prison"),
        (sum(1 for m in case.mesures if not m.is_custody), "mesure", " de suivi"),
        (len(case.vie), "événement", " de vie"),
    ]
    parts = [french.plural(n, word) + suffix for n, word, suffix in counts if n] or ["vide"]
    return f"Frise de {first.year} à {case.date_reference.year}\u00a0: {join_words(parts)}."


# The `frise --json` key whose raw value each card shows (data-indicateur / data-valeur on the
# card, as in the atelier). A card mixing two figures (« Révocations et incidents ») names none.
CARD_INDICATORS = {
    "Passages à l’acte": "nb_episodes", "Condamnations": "nb_condamnations",
    "Âge au premier fait": "age_premier_fait",
    "Âge à la première condamnation": "age_premiere_condamnation",
    "Catégories d’infractions": "nb_categories", "Fait le plus grave": "fait_le_plus_grave",
    "Tendance de la gravité": "tendance_gravite", "Faits violents": "nb_faits_violents",
    "Temps en détention": "jours_detention", "Temps en liberté": "jours_liberte",
    "Fréquence": "lambda_par_an", "Fréquence récente": "tendance_frequence",
    "Depuis le dernier fait": "jours_depuis_dernier_fait",
    "Depuis la dernière sortie": "jours_depuis_derniere_sortie",
    "Plus long intervalle sans fait": "plus_long_intervalle_jours", "Obligations": "obligations",
    "Faits notés": "nb_faits", "Jugements": "nb_decisions", "Premier fait": "age_premier_fait",
    "Temps en prison": "jours_detention", "Depuis la sortie de prison": "jours_depuis_derniere_sortie",
    "Plus longue période sans fait": "plus_long_intervalle_jours",
}


def page_context(case: CaseFile, view: str, ind: Indicators) -> dict[str, Any]:
    pro = view == "professionnel"
    links = plain_words.same_time(ind, view)
    return {
        "case": case,
        "view": view,
        "age_now": age_at(case.date_reference, case.annee_naissance),
        "reference_text": french.short_date(case.date_reference),
        "cards": (plain_words.professional_cards(ind, case) if pro
                  else plain_words.person_cards(ind)),
        "links": links,
        "linked_count": sum(1 for link in links if link.same_time or link.shortly_before),
        "difficult_periods": plain_words.difficult_period_sentences(ind) if pro else [],
        "gaps": plain_words.gap_rows(ind),
        "person_gaps": plain_words.person_gap_sentences(ind),
        "custody_sentence": plain_words.custody_sentence(ind),
        "strengths": plain_words.strengths(case, ind),
        "past_strengths": plain_words.past_strengths(case, ind),
        "person_same_time": plain_words.person_same_time,
        "categories": category_rows(case, view),
        "gravities": [gravity_words(slug, view) for slug in GRAVITES],
        "measures": measure_rows(case, view),
        "obligation_counts": plain_words.obligation_counts_words(ind),
        "rows": chronology(case, view),
        "chart_summary": chart_summary(case, ind, view),
        "presets": presets(case, ind),
        "recent_words": plain_words.recent_words(ind),
        "card_indicators": CARD_INDICATORS,
        "indicator_json": ind.to_json(),
    }


# Where the inline plotly.js goes. It holds "<", which Jinja and ``script_json`` always escape in
# case-file strings, so it can only come from the template.
_BUNDLE_SLOT = "<frise-plotly-bundle/>"


def render_parts(case: CaseFile, view: str = "professionnel",
                 shared_script_src: str | None = None, catalogue_url: str | None = None,
                 brand: PageBrand | None = None) -> tuple[str, str]:
    """The page without plotly.js: ``(before, after)``; a standalone page is before + bundle
    + after, a ``shared_script_src`` page is before + after (``after`` is then empty).

    Kept apart so that a batch never copies nor re-encodes the 1.2 MB bundle per page.
    ``brand`` defaults to the configured one (``extra.marque``); with ``shared_script_src``
    the State brand's fonts are expected beside the page (``FONT_FILES``).
    """
    brand = SETTINGS.brand if brand is None else brand
    if view not in VIEWS:
        raise ValueError(f"vue inconnue : {view}")
    ind = compute(case)
    main_figure = build_figure(case, ind, view)
    figures = {"frise-graphique": main_figure}
    gravity = build_gravity_figure(case, ind, view)
    if gravity is not None:
        figures["frise-gravite"] = gravity
    context = page_context(case, view, ind)
    shared = shared_script_src is not None
    csp = CSP_SHARED if shared else CSP_STANDALONE
    if brand.state:
        csp += FONT_SOURCE_SHARED if shared else FONT_SOURCE_STANDALONE
    context.update(
        csp=csp,
        brand=brand,
        brand_style=brand_style(shared) if brand.state else None,
        plotly_inline=Markup(_BUNDLE_SLOT) if shared_script_src is None else None,
        plotly_src=shared_script_src,
        figures_json=script_json(figures),
        has_gravity=gravity is not None,
        has_trend=view == "professionnel" and ind.tendance_gravite is not None,
        lanes=main_figure["layout"]["meta"]["lanes"],
        leads=catalogue_leads(case, ind, catalogue_url) if view == "professionnel" else None,
    )
    html = _environment().get_template("page.html.j2").render(context)
    if shared_script_src is not None:
        return html, ""
    before, _, after = html.partition(_BUNDLE_SLOT)
    return before, after


def render_page(case: CaseFile, view: str = "professionnel", plotly_js: str | None = None,
                shared_script_src: str | None = None, catalogue_url: str | None = None,
                brand: PageBrand | None = None) -> str:
    """The full HTML page of one case.

    By default plotly.js is inlined (read with ``plotly_bundle``); pass ``plotly_js`` to inline
    another copy, or ``shared_script_src`` to load it from a file beside the page instead.
    """
    before, after = render_parts(case, view, shared_script_src, catalogue_url, brand)
    if shared_script_src is not None:
        return before
    return before + (plotly_bundle() if plotly_js is None else plotly_js) + after


def render_page_bytes(case: CaseFile, view: str = "professionnel",
                      shared_script_src: str | None = None, catalogue_url: str | None = None,
                      brand: PageBrand | None = None) -> bytes:
    """``render_page`` as UTF-8 bytes, joining the pre-encoded bundle (what the CLI writes)."""
    before, after = render_parts(case, view, shared_script_src, catalogue_url, brand)
    if shared_script_src is not None:
        return before.encode("utf-8")
    return b"".join((before.encode("utf-8"), plotly_bundle_bytes(), after.encode("utf-8")))
