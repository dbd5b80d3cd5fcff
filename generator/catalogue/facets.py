"""The catalogue's filters (facets), declared once, and the one data file the browser filters on.

A facet is a filter group: its name (URL fragment ``catalogue.html#facteur=…`` and key of the
data file), its French legend, its options (value → label, in display order) and how the value
of a sheet's field maps to option values (a 30-45 min session is in two duration bands; an
absent stage list is in every stage). Duration and session bands are defined here and nowhere
else. ``assets/facets.js`` is the only filtering code of the browser: the catalogue page and the
search results both run it over ``assets/catalogue-data.js``, which ``filter_data.catalogue_data``
builds. A filterable field owns its facet (``fields.py``: ``Field(..., facet=Facet(...))``) and
``facets_of(TOOL_FIELDS)`` gives the groups; ``TOOL_FACETS`` / ``PROGRAMME_FACETS`` below are the
declarations the fields attach (this module never imports ``fields``: it is imported by it).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.catalogue import vocabulary as vocab

# Duration bands of one session (minutes, both ends included); a sheet whose range overlaps
# several bands is in each.
DURATION_BANDS: dict[str, tuple[str, int, int]] = {
    "court": ("30 min ou moins", 0, 30),
    "moyen": ("31 à 60 min", 31, 60),
    "long": ("Plus d'une heure", 61, 10_000),
}
# Session-count bands (the values of a tool's ``nb_seances``, labels from the contract's vocabulary):
# label, lowest and highest count (None: no upper bound, the plan page then says "au moins").
_SESSION_BOUNDS: dict[str, tuple[int, int | None]] = {"1": (1, 1), "2-5": (2, 5), "6-10": (6, 10), "10+": (11, None)}
SESSION_BANDS: dict[str, tuple[str, int, int | None]] = {
    band: (label, *_SESSION_BOUNDS[band]) for band, label in vocab.SESSION_COUNTS.items()}


def _as_list(value: Any) -> list[str]:
    """A choice (one value or None) or a list of choices → the list of option values."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


@dataclass(frozen=True)
class Facet:
    """One filter group. ``values`` maps the field's value (``key`` of the sheet) to option values."""

    name: str
    legend: str
    options: Mapping[str, str]  # value → French label, in display order
    values: Callable[[Any], list[str]] = _as_list
    key: str = ""  # attribute of the sheet it reads; set from the field when a field owns the facet
    # Options that depend on the catalogue being built (the "Méthode" filter lists its methods):
    # catalogue → value → label, replacing ``options`` at build time. A group left with no
    # option is not shown.
    catalogue_options: Callable[[Any], Mapping[str, str]] | None = None

    def values_of(self, sheet: object) -> list[str]:
        """The option values of one sheet, in the sheet's order (cards list them so), each once,
        values that are no option dropped."""
        return [value for value in dict.fromkeys(self.values(getattr(sheet, self.key))) if value in self.options]


def duration_bands(low: int, high: int) -> list[str]:
    """Every duration band that a session of ``low``–``high`` minutes overlaps."""
    return [band for band, (_, start, end) in DURATION_BANDS.items() if low <= end and high >= start]


def session_band(count: int) -> str:
    """The band of an exact number of sessions (a programme's ``nb_seances``)."""
    return next(band for band, (_, low, high) in SESSION_BANDS.items()
                if count >= low and (high is None or count <= high))


def _every_stage_if_none(stages: Iterable[str]) -> list[str]:
    # Behaviour kept from the first catalogue: a sheet naming no stage shows under every stage.
    return list(stages) or list(vocab.STAGES)


def _band_labels(bands: Mapping[str, tuple]) -> dict[str, str]:
    return {band: spec[0] for band, spec in bands.items()}


FACTEUR = Facet("facteur", "Facteur de risque", vocab.RISK_FACTOR_SHORT, key="facteurs_risques")
DUREE = Facet("duree", "Durée d'une séance", _band_labels(DURATION_BANDS),
              lambda duration: duration_bands(duration.low, duration.high), key="duree")
MODALITE = Facet("modalite", "Modalité", vocab.MODALITIES, key="modalite")
SEANCES = Facet("seances", "Nombre de séances", _band_labels(SESSION_BANDS), key="nb_seances")
STADE = Facet("stade", "Stade du changement", vocab.STAGES, _every_stage_if_none, key="stades_changement")
MILIEU = Facet("milieu", "Milieu", vocab.SETTINGS, key="milieu")
PREUVE = Facet("preuve", "Niveau de preuve", vocab.EVIDENCE_LEVELS, key="niveau_preuve")

TOOL_FACETS: tuple[Facet, ...] = (FACTEUR, DUREE, MODALITE, SEANCES, STADE, MILIEU, PREUVE)
# Programmes share the tools' groups (search filters both) but store some values differently:
# exact counts and minutes; they declare no stage or setting, so they are in all of them.
PROGRAMME_FACETS: tuple[Facet, ...] = (
    FACTEUR,
    dataclasses.replace(DUREE, values=lambda minutes: duration_bands(minutes, minutes), key="duree_seance"),
    MODALITE,
    dataclasses.replace(SEANCES, values=lambda count: [session_band(count)]),
    dataclasses.replace(STADE, values=lambda _: list(vocab.STAGES), key="slug"),
    dataclasses.replace(MILIEU, values=lambda _: list(vocab.SETTINGS), key="slug"),
    PREUVE,
)


def facets_of(fields: Iterable[object]) -> tuple[Facet, ...]:
    """The facets the fields declare (``field.facet``), in field order, each reading its field."""
    return tuple(dataclasses.replace(field.facet, key=field.facet.key or field.key)
                 for field in fields if getattr(field, "facet", None) is not None)


def groups(facets: Iterable[Facet]) -> list[dict[str, object]]:
    """The groups as the browser draws them: name, legend, options as [value, label] pairs."""
    return [{"name": facet.name, "legend": facet.legend, "options": [list(pair) for pair in facet.options.items()]}
            for facet in facets]


def facet_values(sheet: object, facets: Iterable[Facet]) -> dict[str, list[str]]:
    """Group name → the sheet's option values (what ``assets/facets.js`` matches filters against)."""
    return {facet.name: facet.values_of(sheet) for facet in facets}


# Characters JSON may carry raw but a UTF-8 file cannot (lone surrogates) or older engines read as
# line ends (U+2028, U+2029): escaped. Everything else stays raw: French text stays compact.
_UNWRITABLE = re.compile("[\ud800-\udfff\u2028\u2029]")


def data_script(variable: str, data: object) -> str:
    """``window.<variable>=<JSON>;``: a ``<script src>`` file, since browsers block ``fetch`` on file://."""
    # `</` is escaped so that no sheet text can close the script element it is loaded into.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    payload = _UNWRITABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", payload)
    return f"window.{variable}={payload};\n"
