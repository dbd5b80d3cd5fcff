"""Cross-links computed from a validated catalogue (pure functions, no I/O).

A link between a tool and a programme may be declared on either side; the site shows it on
both, so we take the union here once and every page reads the result. Methods are named by
tools and programmes (``methodes``); a method page lists who applies it. A link to a sheet
that is not in the catalogue (a draft, outside the preview) is simply not shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.catalogue import facets
from generator.catalogue.model import Catalogue, Programme, ToolSheet
from generator.catalogue.vocabulary import RISK_FACTORS


@dataclass
class CrossLinks:
    """Who links to whom, each list in catalogue (title) order."""

    programmes_of_tool: dict[str, list[Programme]] = field(default_factory=dict)
    tools_of_programme: dict[str, list[ToolSheet]] = field(default_factory=dict)
    tools_of_factor: dict[str, list[ToolSheet]] = field(default_factory=dict)
    programmes_of_factor: dict[str, list[Programme]] = field(default_factory=dict)
    methods_of_tool: dict[str, list[Any]] = field(default_factory=dict)
    methods_of_programme: dict[str, list[Any]] = field(default_factory=dict)
    tools_of_method: dict[str, list[ToolSheet]] = field(default_factory=dict)
    programmes_of_method: dict[str, list[Programme]] = field(default_factory=dict)


def cross_link(catalogue: Catalogue) -> CrossLinks:
    pairs = {(tool.slug, slug) for tool in catalogue.tools.values() for slug in tool.programmes}
    pairs |= {(slug, programme.slug) for programme in catalogue.programmes.values()
              for slug in programme.outils}
    links = CrossLinks()
    for tool in catalogue.tools.values():
        links.programmes_of_tool[tool.slug] = [
            programme for programme in catalogue.programmes.values() if (tool.slug, programme.slug) in pairs
        ]
    for programme in catalogue.programmes.values():
        links.tools_of_programme[programme.slug] = [
            tool for tool in catalogue.tools.values() if (tool.slug, programme.slug) in pairs
        ]
    for factor in RISK_FACTORS:
        links.tools_of_factor[factor] = [
            tool for tool in catalogue.tools.values() if factor in tool.facteurs_risques
        ]
        links.programmes_of_factor[factor] = [
            programme for programme in catalogue.programmes.values() if factor in programme.facteurs_risques
        ]
    _link_methods(catalogue, links)
    return links


def _link_methods(catalogue: Catalogue, links: CrossLinks) -> None:
    for tool in catalogue.tools.values():
        links.methods_of_tool[tool.slug] = _methods_named(catalogue, tool.methodes)
    for programme in catalogue.programmes.values():
        links.methods_of_programme[programme.slug] = _methods_named(catalogue, programme.methodes)
    for slug in catalogue.methods:
        links.tools_of_method[slug] = [tool for tool in catalogue.tools.values() if slug in tool.methodes]
        links.programmes_of_method[slug] = [programme for programme in catalogue.programmes.values()
                                            if slug in programme.methodes]


def _methods_named(catalogue: Catalogue, slugs: tuple[str, ...]) -> list[Any]:
    """The named methods present in the catalogue, in catalogue (title) order."""
    return [method for slug, method in catalogue.methods.items() if slug in slugs]


def duration_bands(tool: ToolSheet) -> list[str]:
    """Every duration band the tool's range overlaps (a 30-45 min tool is short and medium)."""
    return facets.duration_bands(tool.duree.low, tool.duree.high)  # the bands live with the filters
