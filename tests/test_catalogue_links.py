from __future__ import annotations

from pathlib import Path

from generator.catalogue.links import cross_link, duration_bands
from generator.catalogue.loader import load_catalogue
from generator.catalogue.model import Duration, ToolSheet

FIXTURES = Path(__file__).parent / "fixtures" / "catalogue"


def test_links_are_shown_both_ways_whichever_side_declared_them() -> None:
    catalogue = load_catalogue(FIXTURES / "valide")
    links = cross_link(catalogue)
    # outil-complet declares the programme; the programme declares outil-minimal.
    assert [tool.slug for tool in links.tools_of_programme["programme-test"]] == ["outil-complet", "outil-minimal"]
    assert [p.slug for p in links.programmes_of_tool["outil-minimal"]] == ["programme-test"]
    assert [p.slug for p in links.programmes_of_tool["outil-complet"]] == ["programme-test"]


def test_every_factor_has_its_lists() -> None:
    links = cross_link(load_catalogue(FIXTURES / "valide"))
    assert len(links.tools_of_factor) == 7
    assert [tool.slug for tool in links.tools_of_factor["addictions"]] == ["outil-minimal"]
    assert links.tools_of_factor["loisirs"] == []
    assert [p.slug for p in links.programmes_of_factor["addictions"]] == ["programme-test"]


def sheet_lasting(low: int, high: int) -> ToolSheet:
    return ToolSheet(slug="x", source=Path("x.md"), titre="x", resume="x", facteurs_risques=("loisirs",),
                     modalite=("individuel",), duree=Duration(low, high), body="", body_html="")


def test_a_range_is_in_every_band_it_overlaps() -> None:
    assert duration_bands(sheet_lasting(30, 30)) == ["court"]
    assert duration_bands(sheet_lasting(31, 31)) == ["moyen"]
    assert duration_bands(sheet_lasting(30, 45)) == ["court", "moyen"]
    assert duration_bands(sheet_lasting(45, 90)) == ["moyen", "long"]
    assert duration_bands(sheet_lasting(120, 120)) == ["long"]
