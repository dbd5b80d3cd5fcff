"""The filter groups of a catalogue and the one data file the browser filters on.

Derived from the field declarations (``fields.py``, each filterable field owning its ``Facet`` of
``facets.py``): this module imports both, so that ``facets`` stays a leaf that ``fields`` imports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from generator.catalogue import fields  # read at call time: a test may extend the declarations
from generator.catalogue.facets import (
    PROGRAMME_FACETS,
    SESSION_BANDS,
    TOOL_FACETS,
    Facet,
    facet_values,
    facets_of,
    groups,
)


class _Catalogue(Protocol):
    tools: Mapping[str, Any]
    programmes: Mapping[str, Any]


def tool_facets(catalogue: object | None = None) -> tuple[Facet, ...]:
    """The tools' filter groups in display order: the seven first groups in the order people
    know, then any other declared facet in field order. With ``catalogue``, options that depend
    on it are filled in and groups without options are left out."""
    declared = facets_of(fields.TOOL_FIELDS) or TOOL_FACETS
    known = [facet.name for facet in TOOL_FACETS]
    ordered = sorted(declared, key=lambda facet: known.index(facet.name) if facet.name in known else len(known))
    return tuple(facet for facet in (_with_options(facet, catalogue) for facet in ordered) if facet.options)


def _with_options(facet: Facet, catalogue: object | None) -> Facet:
    if catalogue is None or facet.catalogue_options is None:
        return facet
    return dataclasses.replace(facet, options=dict(facet.catalogue_options(catalogue)))


def programme_facets(catalogue: object | None = None) -> tuple[Facet, ...]:
    """The programmes' facets: one per tool group (search filters both kinds with the same
    groups). ``PROGRAMME_FACETS`` says how programmes store the seven first groups (exact counts
    and minutes); other groups come from the programme fields' own facets, or put programmes in
    no option of the group."""
    declared = {facet.name: facet for facet in (*facets_of(fields.PROGRAMME_FIELDS), *PROGRAMME_FACETS)}
    return tuple(_with_options(declared.get(facet.name, dataclasses.replace(facet, values=lambda _: [], key="slug")),
                               catalogue)
                 for facet in tool_facets(catalogue))


def catalogue_data(catalogue: _Catalogue, tool_card: Callable[[Any], dict[str, object]]) -> dict[str, object]:
    """The one data file of the browser's filters (``assets/catalogue-data.js``).

    ``groups``: every facet (name, legend, options). ``tools``: each tool's facet values under the
    group names, plus what ``tool_card`` gives (short keys: card and plan page). ``programmes``:
    slug, title and facet values (search results filter them too). ``labels``, ``sessions`` and
    ``bornes`` are derived views for the cards and the "Mon plan" page.
    """
    tool_groups, programme_groups = tool_facets(catalogue), programme_facets(catalogue)
    return {
        "groups": groups(tool_groups),
        "labels": {facet.name: dict(facet.options) for facet in tool_groups},
        "sessions": {band: spec[0] for band, spec in SESSION_BANDS.items()},
        "bornes": {band: [low, high] for band, (_, low, high) in SESSION_BANDS.items()},
        "tools": [{**tool_card(tool), **facet_values(tool, tool_groups)} for tool in catalogue.tools.values()],
        "programmes": [{"s": programme.slug, "t": programme.titre, **facet_values(programme, programme_groups)}
                       for programme in catalogue.programmes.values()],
    }
