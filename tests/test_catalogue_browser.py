"""The offline zip, unzipped and opened from file:// in headless Chromium, with no network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import screenshot
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def open_page(page: object, site: Path, relative: str) -> None:
    page.goto((site / relative).as_uri())


def search(page: object, words: str) -> list[str]:
    """Type in Repère's search like a user (shortcut /), return the titles once the count is read out."""
    page.keyboard.press("/")
    field = page.locator("#repere-recherche-champ")
    expect(field).to_be_focused()
    field.press_sequentially(words, delay=20)
    # Settled: the announcement (600 ms after the last key) equals the count line of the final query.
    page.wait_for_function("""words => {
        const text = selector => document.querySelector('#repere-recherche ' + selector).textContent;
        const status = text('[role=status]');
        return document.querySelector('#repere-recherche-champ').value === words
            && /résultat|Aucun/.test(status) && status === text('[data-recherche=compte]'); }""", arg=words)
    return page.locator(".repere-recherche__resultat a").all_inner_texts()


def test_home_shows_the_seven_factors_and_leads_to_a_factor_page(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "index.html")
    factors = page.locator("a.repere-facteur")
    assert factors.count() == 7
    screenshot(page, "accueil")
    factors.filter(has_text="Addictions").click()
    page.wait_for_url("**/facteurs/addictions.html")
    expect(page.locator("h1")).to_contain_text("Addictions")
    assert page.locator("#outils ~ ul.repere-cartes > li").count() >= 3
    screenshot(page, "facteur-addictions")
    assert log.external() == []


def test_search_works_offline_from_the_zip(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "index.html")
    titles = search(page, "balance")
    assert any("Balance décisionnelle" in title for title in titles), titles
    screenshot(page, "recherche")
    assert log.external() == []


def test_catalogue_filters_change_the_count_and_live_in_the_url(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "catalogue.html")
    count, cards = page.locator("#repere-compte"), page.locator("#repere-liste > li")
    expect(cards.first).to_be_visible()
    total = cards.count()
    assert total > 20
    expect(count).to_have_text(f"{total} outils.")
    page.get_by_label("Addictions").check()
    expect(count).to_contain_text("correspond")  # the list is filtered
    addictions = cards.count()
    assert 3 <= addictions < total
    assert count.inner_text().startswith(f"{addictions} outil")
    page.get_by_label("Collectif").check()
    page.wait_for_url(re.compile(r"modalite=collectif"))
    both = cards.count()
    assert both <= addictions
    expect(count).to_contain_text(f"{both} outil")
    assert "facteur=addictions" in page.url and "modalite=collectif" in page.url
    screenshot(page, "catalogue-filtre")
    # The URL alone restores the same filtered list (bookmark, shared link).
    page.goto(page.url)
    page.reload()
    expect(page.get_by_label("Addictions")).to_be_checked()
    expect(cards).to_have_count(both)
    page.get_by_role("button", name="Effacer les filtres").click()
    expect(cards).to_have_count(total)
    assert log.external() == []


def test_sheet_page_links_to_its_factors_and_supports(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "outils/balance-decisionnelle.html")
    assert page.locator(".repere-entete a[href^='../facteurs/']").count() >= 1
    support = page.locator(".repere-supports a").first
    href = support.get_attribute("href")
    assert href and (starter_site / "outils" / href).is_file()
    assert (starter_site / "outils" / href).read_bytes().startswith(b"%PDF")
    screenshot(page, "fiche")
    assert log.external() == []



def test_search_splits_elisions(page_with_log, fixture_site: Path) -> None:
    # "entreprise" only appears as "l'entreprise", in the title of outil-complet.
    page, log = page_with_log
    open_page(page, fixture_site, "index.html")
    titles = search(page, "entreprise")
    assert any("Outil complet" in title for title in titles), titles
    assert log.external() == []


def test_sheet_text_reaches_the_page_as_text_not_markup(page_with_log, fixture_site: Path) -> None:
    page, _ = page_with_log
    open_page(page, fixture_site, "outils/outil-complet.html")
    assert page.locator("h1").inner_text() == "Outil complet\u00a0: l’entreprise & <ses> valeurs"
    assert page.locator("ses").count() == 0
    assert page.title().startswith("Outil complet\u00a0: l’entreprise & <ses> valeurs")
