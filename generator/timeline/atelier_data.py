"""What the browser atelier must know of the case-file contract, generated from the Python declarations.

The atelier (``templates/atelier/``) checks a case as ``frise`` does: the vocabularies with their
French labels, the key lists of each entry, the accepted date forms and the guard's patterns are
read here from the one Python declaration of each and written into ``atelier-data.js``, a
classic script the page loads. Nothing of it is typed a second time in JavaScript.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from generator import french
from generator.input_limits import MAX_CASE_BYTES, _size_text
from generator.js_data import js_literal
from generator.settings import PageBrand
from generator.suggest import did_you_mean, one_of
from generator.timeline import guard, loader
from generator.timeline.case_messages import MESSAGES, SHAPES
from generator.timeline.vocabulary import (
    CUSTODY_TYPES,
    GRAVITY_SCORE,
    JUVENILE_COURTS,
    VOCABULARIES,
)

# Keys that name a date of birth besides those containing "naiss" (guard.is_birth_key);
# tests/test_atelier_differential.py checks that the guard agrees with this list.
BIRTH_KEYS = ("ddn", "dob", "ne_le", "nee_le", "né_le", "née_le")


def atelier_data(brand: PageBrand | None = None) -> dict[str, Any]:
    """The contract's declarations as plain data, for the browser engine and the form.

    ``brand``: the look of the frise page the atelier saves (default: the configured one)."""
    return {
        "vocabularies": VOCABULARIES,
        "keys": {
            "top": list(loader.TOP_KEYS),
            "offence": list(loader.OFFENCE_KEYS),
            "decision": list(loader.DECISION_KEYS),
            "penalty": list(loader.PENALTY_KEYS),
            "measure": list(loader.MEASURE_KEYS),
            "obligation": list(loader.OBLIGATION_KEYS),
            "life": list(loader.LIFE_KEYS),
        },
        "contract_keys": sorted(loader.CONTRACT_KEYS),
        "label_keys": list(loader.LABEL_KEYS),
        "date_formats": loader.DATE_FORMATS,
        "juvenile_courts": sorted(JUVENILE_COURTS),
        "birth_keys": [key for key in BIRTH_KEYS if guard.is_birth_key(key)],
        # The size limit of `frise` (input_limits), and how its message writes it.
        "max_case_bytes": MAX_CASE_BYTES,
        "max_case_text": _size_text(MAX_CASE_BYTES),
        "messages": MESSAGES,
        "shapes": SHAPES,
        "suggest": suggest_words(),
        "months": list(french.MONTHS),  # dates written as the frise page writes them
        "figure": figure_data(),
        "cards": cards_data(),
        "card_indicators": card_indicators(),
        "page": page_data(brand),
    }


def page_data(brand: PageBrand | None = None) -> dict[str, Any]:
    """What ``static/page.js`` needs to write the rest of the frise page (``render.py``,
    ``plain_words.py``, ``catalogue_leads.py``, ``templates/frise``): thresholds, words, the
    catalogue's factors and tools, and the page's own CSS, script and Content-Security-Policy."""
    from generator.timeline import indicators, plain_words, render  # noqa: PLC0415
    from generator.timeline.vocabulary import VIOLENT_CATEGORIES  # noqa: PLC0415

    return {
        "link_days": indicators.LINK_DAYS,
        "recent_period_days": indicators.RECENT_PERIOD_DAYS,
        "min_liberty_days": indicators.MIN_LIBERTY_DAYS,
        "violent_categories": sorted(VIOLENT_CATEGORIES),
        "person_domains": plain_words.PERSON_DOMAINS,
        "leads": leads_data(),
        "shells": {view: page_shell(view, brand) for view in render.VIEWS},
    }


# The case whose page gives the atelier the frame of the frise page (head, header, footer,
# scripts): its three values are replaced by placeholders that static/page.js fills in.
SHELL_DOSSIER, SHELL_BIRTH, SHELL_REFERENCE = "ZZDOSSIERZZ", 1901, datetime.date(2001, 1, 1)


def page_shell(view: str, brand: PageBrand | None = None) -> dict[str, str]:
    """The frise page around its ``<main>``, as ``render.py`` writes it (so the saved page has
    the page's own head, CSP, styles, brand, footer and script, whatever they become):
    ``head`` (up to ``<main>``), ``between`` (``</main>`` to the figures' JSON), ``before_plotly``
    and ``after`` (around the inline plotly.js). Placeholders: ``@@dossier@@``,
    ``@@naissance@@`` (« 1979 (46 ou 47 ans en 2026) ») and ``@@reference@@``."""
    from generator.timeline import render  # noqa: PLC0415 - render loads Jinja
    from generator.timeline.model import CaseFile  # noqa: PLC0415
    from generator.timeline.page_words import age_at  # noqa: PLC0415

    case = CaseFile(SHELL_DOSSIER, SHELL_BIRTH, SHELL_REFERENCE, (), (), (), (), Path("atelier"))
    before, after = render.render_parts(case, view, brand=brand)
    head, rest = before.split("<main>", 1)
    _, rest = rest.split("</main>", 1)
    between, rest = rest.split(FIGURES_TAG, 1)
    _, before_plotly = rest.split("</script>", 1)
    identity = f"{SHELL_BIRTH} ({age_at(SHELL_REFERENCE, SHELL_BIRTH)} en {SHELL_REFERENCE.year})"
    replaced = {}
    for name, text in (("head", head + "<main>"), ("between", "</main>" + between)):
        text = text.replace(identity, "@@naissance@@").replace(french.short_date(SHELL_REFERENCE), "@@reference@@")
        replaced[name] = text.replace(SHELL_DOSSIER, "@@dossier@@")
    if "@@dossier@@" not in replaced["head"] or "@@naissance@@" not in replaced["head"]:
        raise RuntimeError("templates/frise/page.html.j2 : en-tête de page non reconnu pour l'atelier")
    return {**replaced, "before_plotly": FIGURES_TAG + "@@figures@@</script>" + before_plotly, "after": after}


FIGURES_TAG = '<script type="application/json" id="frise-donnees">'


def leads_data() -> dict[str, Any]:
    """« Pistes dans le catalogue »: factor labels in the catalogue's order, the domain → factor
    table, the catalogue's timeline tools that exist in this checkout (the site build writes this
    page, so the tool list is the catalogue's), and the address ``frise`` would use by default
    (``extra.catalogue_url`` of mkdocs.yml)."""
    from generator.risk_factors import RISK_FACTORS  # noqa: PLC0415
    from generator.timeline import catalogue_leads  # noqa: PLC0415
    from generator.timeline.cli import configured_catalogue_url, unsafe_catalogue_url  # noqa: PLC0415

    leads = catalogue_leads.catalogue_leads_tools()
    try:
        url = configured_catalogue_url()
    except Exception:  # noqa: BLE001 - no readable mkdocs.yml: `frise` then has no address either
        url = None
    if url and unsafe_catalogue_url(url):  # `frise` refuses it; the atelier names factors unlinked
        url = None
    return {
        "factors": RISK_FACTORS,
        "domain_to_factor": catalogue_leads.DOMAIN_TO_FACTOR,
        "tools": leads,
        "catalogue_url": url or None,
    }


def cards_data() -> dict[str, Any]:
    """The thresholds ``static/cards.js`` needs to write the cards of ``plain_words.py``."""
    from generator.timeline import indicators, plain_words  # noqa: PLC0415

    return {
        "min_episodes": indicators.MIN_EPISODES, "min_liberty_days": indicators.MIN_LIBERTY_DAYS,
        "min_episodes_gravity": indicators.MIN_EPISODES_GRAVITY,
        "min_diversity_offences": plain_words.MIN_DIVERSITY_OFFENCES,
        "recent_days": indicators.RECENT_DAYS, "days_per_year": french.DAYS_PER_YEAR,
        "custody_types": sorted(CUSTODY_TYPES),
    }


def card_indicators() -> dict[str, str]:
    """Card label → its `--json` key (``data-indicateur``), as the frise page names them."""
    from generator.timeline.render import CARD_INDICATORS  # noqa: PLC0415 - render loads Jinja

    return CARD_INDICATORS


def figure_data() -> dict[str, Any]:
    """What ``static/figure.js`` needs to draw the chart of ``figure.py``: its styles and sizes,
    and the personne view's words (``page_words``)."""
    from generator.timeline import figure, indicators, page_words  # noqa: PLC0415 - figure imports much

    names = ("OFFENCE_PALETTE", "GRAVITY_SYMBOLS", "GRAVITY_SIZES", "OUTLINE", "SENS_STYLE",
             "PERIOD_LEGEND", "POINT_LEGEND", "MEASURE_STYLE", "DECISION_COLOUR",
             "REVOCATION_COLOUR", "INCIDENT_COLOUR", "PLANNED_COLOUR", "RESPECT_STYLE", "FONT",
             "TRACK_PX", "TOP_PX", "AXIS_PX", "LEGEND_TITLE_PX", "LEGEND_ITEM_PX",
             "LEGEND_GROUPS_PER_ROW", "LANE_GAP", "POINT_WIDTH_SHARE", "LABEL_CHAR_PX",
             "PRINT_PLOT_PX")
    data: dict[str, Any] = {name.lower(): getattr(figure, name) for name in names}
    data["custody_types"] = sorted(CUSTODY_TYPES)
    data["days_per_year"] = french.DAYS_PER_YEAR
    data["gravity_score"] = GRAVITY_SCORE
    data["recent_days"] = indicators.RECENT_DAYS  # the « Les 3 dernières années » button
    data["words"] = {
        "categories": page_words.PERSON_CATEGORIES, "gravites": page_words.PERSON_GRAVITES,
        "measures": page_words.PERSON_MEASURES, "penalties": page_words.PERSON_PENALTIES,
        "obligations": page_words.PERSON_OBLIGATIONS, "respects": page_words.PERSON_RESPECTS,
    }
    return data


def suggest_words() -> dict[str, str]:
    """The words of ``generator/suggest.py`` as templates, read from its own output."""
    first, second, third = "\x00", "\x01", "\x02"
    quote = one_of([first])
    both, three = one_of([first, second]), one_of([first, second, third])
    return {
        "did_you_mean": did_you_mean(first, [first]).replace(first, "{match}"),
        "quote": quote.replace(first, "{item}"),
        "last": both[len(quote):both.index(quote.replace(first, second))],
        "separator": three[len(quote):three.index(quote.replace(first, second))],
    }


def data_script(brand: PageBrand | None = None) -> str:
    """``atelier-data.js``: the data above and the guard's patterns, as two globals."""
    patterns = json.loads(guard.DATA_FILE.read_text(encoding="utf-8"))
    return (
        "/* Generated by generator/timeline/atelier_data.py from the Python declarations: "
        "do not edit. */\n"
        f"window.RepereAtelierData = {js_literal(atelier_data(brand))};\n"
        f"window.RepereGuardData = {js_literal(patterns)};\n"
    )

