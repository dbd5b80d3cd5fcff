"""Facets declared once (generator/catalogue/facets.py) and the one facet engine of the browser
(templates/assets/facets.js): a facet added in Python shows in the catalogue page and in the
search filters, with no JavaScript change."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.catalogue import docs_tree, facets, filter_data
from generator.catalogue.facets import Facet, duration_bands, session_band

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "catalogue" / "valide"
# A facet no UI knows: one tool of the fixture is "Mineurs", the others "Majeurs".
PUBLIC = Facet("public", "Public", {"majeur": "Majeurs", "mineur": "Mineurs"},
               lambda slug: ["mineur"] if slug == "outil-complet" else ["majeur"], key="slug")


def test_bands_are_defined_once() -> None:
    assert duration_bands(30, 30) == ["court"]
    assert duration_bands(30, 45) == ["court", "moyen"]
    assert duration_bands(45, 90) == ["moyen", "long"]
    assert [session_band(count) for count in (1, 2, 5, 6, 10, 11, 40)] == ["1", "2-5", "2-5", "6-10", "6-10",
                                                                          "10+", "10+"]


def test_every_sheet_gets_values_in_option_order() -> None:
    class Sheet:
        slug = "x"
        facteurs_risques = ("addictions", "attitudes")
        duree = type("D", (), {"low": 20, "high": 40})()
        stades_changement = ()

    assert facets.FACTEUR.values_of(Sheet()) == ["addictions", "attitudes"]  # the sheet's order
    assert facets.DUREE.values_of(Sheet()) == ["court", "moyen"]


@pytest.fixture(scope="module")
def site_with_an_extra_facet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.catalogue.site_build import main

    original = filter_data.tool_facets

    def with_public(catalogue: object | None = None) -> tuple[Facet, ...]:
        return (*original(catalogue), PUBLIC)

    out = tmp_path_factory.mktemp("facette")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(filter_data, "tool_facets", with_public)
        patch.setattr(docs_tree, "tool_facets", with_public)
        assert main(["--content", str(FIXTURE), "--site-dir", str(out / "site")]) == 0
    return out / "site"


@pytest.mark.browser
@pytest.mark.slow
def test_a_facet_added_in_python_filters_the_catalogue_and_the_search(page_with_log, site_with_an_extra_facet: Path
                                                                      ) -> None:
    page, log = page_with_log
    page.goto((site_with_an_extra_facet / "catalogue.html").as_uri())
    cards = page.locator("#repere-liste > li")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 2
    page.locator("#repere-filtres").get_by_label("Mineurs").check()
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Outil complet")
    page.wait_for_url("**#public=mineur")

    page.goto((site_with_an_extra_facet / "index.html").as_uri())
    page.keyboard.press("/")
    field = page.locator("#repere-recherche-champ")
    expect(field).to_be_focused()
    field.press_sequentially("outil", delay=15)
    results = page.locator(".repere-recherche__resultat")
    expect(results.first).to_be_visible()
    everything = results.count()
    assert everything >= 2
    page.get_by_text("Filtrer les résultats").click()
    expect(page.locator(".repere-recherche__groupe legend").last).to_have_text("Public")
    page.locator("#repere-recherche").get_by_label("Mineurs").check()
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Outil complet")
    assert log.external() == []


@pytest.mark.browser
@pytest.mark.slow
def test_nothing_found_proposes_the_nearest_word(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    page.goto((starter_site / "index.html").as_uri())
    page.keyboard.press("/")
    field = page.locator("#repere-recherche-champ")
    expect(field).to_be_focused()
    field.press_sequentially("colr ", delay=15)
    count = page.locator("#repere-recherche [data-recherche=compte]")
    expect(count).to_have_text("Aucun résultat pour « colr ». Vouliez-vous dire « colère »\u00a0?")
    page.get_by_role("button", name="Rechercher « colère »").click()
    expect(field).to_have_value("colère")
    first = page.locator(".repere-recherche__resultat a").first
    expect(first).to_have_text("Gestion de la colère et thermomètre émotionnel")
