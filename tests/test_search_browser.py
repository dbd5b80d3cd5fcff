"""Repère's search in headless Chromium, on the offline zip unzipped and opened from file://."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import screenshot
from playwright.sync_api import expect

from generator.catalogue.typography import typo_fr

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
RESULT = ".repere-recherche__resultat"
STATUS = "#repere-recherche [role=status]"
SEARCH_FILES = ("search-normalise.js", "search-index.js", "search.js")


def open_page(page: object, site: Path, relative: str) -> None:
    page.goto((site / relative).as_uri())


def search(page: object, words: str, key: str = "/") -> list[str]:
    """Open the search with a shortcut, type like a user, return the titles once announced."""
    page.keyboard.press(key)
    field = page.locator("#repere-recherche-champ")
    expect(field).to_be_focused()
    field.press_sequentially(words, delay=15)
    announced(page, words)
    return page.locator(f"{RESULT} a").all_inner_texts()


def announced(page: object, words: str | None = None, pattern: str = "résultat|Aucun") -> str:
    """The text read out by screen readers, once it has settled on a result count for the whole
    of ``words`` (the field's value): the count line is redrawn on every key, the announcement
    600 ms after the last one, so equal texts mean the list shown is that of the final query."""
    page.wait_for_function("""([pattern, words]) => {
        const dialog = document.querySelector('#repere-recherche');
        const text = dialog.querySelector('[role=status]').textContent;
        const field = dialog.querySelector('#repere-recherche-champ');
        return window.RepereSearch && window.RepereSearch.ui && new RegExp(pattern).test(text)
            && (words === null || field.value.endsWith(words))
            && text === dialog.querySelector('[data-recherche=compte]').textContent; }""", arg=[pattern, words])
    return page.locator(STATUS).inner_text()


def search_requests(urls: list[str]) -> list[str]:
    names = [url.split("?")[0].rsplit("/", 1)[-1] for url in urls]
    return [name for name in names if name in SEARCH_FILES]


def test_nothing_is_loaded_until_someone_searches(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "index.html")
    page.wait_for_load_state("load")
    assert search_requests(log.urls) == []
    assert page.evaluate("typeof window.REPERE_SEARCH_INDEX") == "undefined"
    button = page.get_by_role("button", name="Rechercher")
    expect(button).to_be_visible()
    titles = search(page, "balance", key="s")
    assert titles[0] == "Balance décisionnelle"
    assert sorted(search_requests(log.urls)) == sorted(SEARCH_FILES)
    assert log.external() == []


def test_query_without_accents_finds_the_accented_title(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "index.html")
    titles = search(page, "echelle de motivation")
    assert titles[0] == "Échelle de motivation (règle de 0 à 10)"
    first = page.locator(RESULT).first
    assert first.locator("a mark").all_inner_texts() == ["Échelle", "motivation"]
    # Factor and modality tags come with the catalogue's data file, just after the first results.
    expect(first.locator(".repere-recherche__facteur").first).to_be_visible()
    tags = first.locator(".repere-recherche__etiquettes li").all_inner_texts()
    assert "Attitudes" in tags and any(tag.endswith("min") for tag in tags) and "Individuel" in tags[-1]
    screenshot(page, "recherche")
    assert log.external() == []


def test_entreprise_finds_l_entreprise(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "index.html")
    titles = search(page, "entreprise")
    assert typo_fr("CV et simulation d'entretien d'embauche") in titles  # its text says « l'entreprise »
    assert log.external() == []


def test_result_count_is_announced(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "index.html")
    search(page, "colère")
    assert page.locator(f"{RESULT} .repere-recherche__resume mark").first.inner_text() == "colère"
    status = page.locator(STATUS)
    assert status.get_attribute("aria-live") == "polite"
    count = page.locator(RESULT).count()
    assert re.fullmatch(r"\d+ résultats?\.", status.inner_text())
    assert status.inner_text() == f"{count} résultat{'s' if count > 1 else ''}."
    page.locator("#repere-recherche-champ").press_sequentially("zzz", delay=15)
    assert announced(page, "colèrezzz", "Aucun") == "Aucun résultat pour « colèrezzz »."
    assert page.locator(RESULT).count() == 0
    assert log.external() == []


def test_typos_and_plurals_are_forgiven(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "index.html")
    titles = search(page, "entretiens motivationels")
    assert titles[0] == typo_fr("Entretien motivationnel : questions ouvertes et reflets")
    assert log.external() == []


def test_keyboard_arrows_enter_and_escape(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "outils/balance-decisionnelle.html")
    titles = search(page, "génogramme")
    assert titles[0] == "Génogramme"
    field, first = page.locator("#repere-recherche-champ"), page.locator(f"{RESULT} a").first
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    assert first.text_content() == titles[0]
    page.keyboard.press("ArrowUp")
    expect(field).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#repere-recherche")).to_be_hidden()
    expect(field).not_to_be_focused()
    page.keyboard.press("/")  # reopens with the same query; Enter opens the first result
    expect(field).to_be_focused()
    expect(field).to_have_value("génogramme")
    expect(first).to_have_text("Génogramme")
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/outils/genogramme.html")
    assert page.locator("h1").inner_text() == "Génogramme"
    assert log.external() == []


def test_filters_are_the_catalogue_filters(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "index.html")
    search(page, "motivation")
    everything = page.locator(RESULT).count()
    page.get_by_text("Filtrer les résultats").click()
    # The groups are drawn on the details' toggle event, a task after the click: wait for them.
    legends = page.locator(".repere-recherche__groupe legend")
    expect(legends.nth(6)).to_have_text("Niveau de preuve")
    # The catalogue page's groups, in its order (a group added to the contract comes after these).
    assert legends.all_inner_texts()[:7] == ["Facteur de risque", "Durée d’une séance", "Modalité",
                                             "Nombre de séances", "Stade du changement", "Milieu",
                                             "Niveau de preuve"]
    page.locator("#repere-recherche").get_by_label("Collectif").check()
    text = announced(page, pattern="avec les filtres")
    narrowed = page.locator(RESULT).count()
    assert 0 < narrowed < everything
    assert text == f"{narrowed} résultat{'s' if narrowed > 1 else ''} avec les filtres."
    for tags in page.locator(".repere-recherche__etiquettes").all():
        assert "Collectif" in tags.locator("li").last.inner_text()
    screenshot(page, "recherche-filtres")
    page.get_by_role("button", name="Effacer les filtres").click()
    expect(page.locator(RESULT)).to_have_count(everything)
    assert log.external() == []


def test_no_horizontal_scroll_on_a_phone(browser, starter_site: Path) -> None:
    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        open_page(page, starter_site, "index.html")
        page.get_by_role("button", name="Rechercher").click()
        page.locator("#repere-recherche-champ").press_sequentially("addictions", delay=15)
        announced(page, "addictions")
        box = page.locator("#repere-recherche").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        assert page.evaluate("document.querySelector('#repere-recherche').scrollWidth <= 360")
        assert page.evaluate(f"document.querySelector({RESULT!r}).getBoundingClientRect().right <= 360")
        screenshot(page, "recherche-mobile")
    finally:
        context.close()


def test_axe_finds_nothing_serious_in_the_search(page_with_log, starter_site: Path) -> None:
    if not AXE.exists():
        pytest.skip("axe-core absent (npm ci)")
    page, _ = page_with_log
    open_page(page, starter_site, "index.html")
    search(page, "colère")
    page.get_by_text("Filtrer les résultats").click()
    expect(page.locator(".repere-recherche__groupe").first).to_be_visible()
    # Through evaluate, which runs outside the page's Content-Security-Policy: an added <script>
    # tag is an inline script, which the policy (rightly) blocks.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    violations = page.evaluate("""async () => {
        const result = await axe.run({include: [['#repere-recherche'], ['#repere-recherche-bouton']]},
            {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }""")
    assert violations == []


def test_sheet_text_is_shown_as_text_not_markup(page_with_log, fixture_site: Path) -> None:
    page, log = page_with_log
    open_page(page, fixture_site, "index.html")
    titles = search(page, "valeurs")
    assert titles == [typo_fr("Outil complet : l'entreprise & <ses> valeurs")]  # as the page shows it
    assert page.locator("#repere-recherche ses").count() == 0
    assert page.locator(f"{RESULT} a mark").all_inner_texts() == ["valeurs"]
    assert log.external() == []


def test_method_pages_are_found_and_marked(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "index.html")
    search(page, "désistance")
    first = page.locator(f"{RESULT} a").first
    expect(first.locator(".repere-recherche__type")).to_have_text("Méthode")
    assert first.get_attribute("href").endswith("methodes/desistance.html")
    first.click()
    page.wait_for_url("**/methodes/desistance.html")
    expect(page.locator("h1")).to_contain_text("désistance")
    assert log.external() == []


# Sort and phone layout of the search dialog (issue 14). The order is display only: the sorted
# list holds exactly the sheets the engine found.
RESULT_ORDER = """() => [...document.querySelectorAll('.repere-recherche__resultat')].map(item => {
    const link = item.querySelector('a.repere-recherche__titre');
    const slug = decodeURIComponent(link.getAttribute('href').split('/').pop().replace(/\\.html$/, ''));
    const tool = (window.REPERE_CATALOGUE.tools || []).find(t => t.s === slug);
    const title = [...link.childNodes].filter(n => !(n.classList && n.classList.contains('repere-recherche__type')))
        .map(n => n.textContent).join('').trim();  // without « Programme », « Méthode »
    return {slug: slug, title: title, u: tool ? tool.u || null : null,
            low: tool ? tool.m[0] : null};
})"""


def sorted_by(page: object, value: str) -> list[dict]:
    page.locator("#repere-recherche-tri").select_option(value)
    page.wait_for_function("""value => {
        const ui = window.RepereSearch.ui;
        return ui.sorter.value === value && ui.engine.facets; }""", arg=value)
    return page.evaluate(RESULT_ORDER)


def test_results_sort_like_the_catalogue_list(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "index.html")
    search(page, "colere")
    # Every result on one screen (20 first), so that each order shows the same sheets.
    total = int(announced(page, "colere").split()[0])
    assert 3 <= total <= 20, total
    sorter = page.get_by_label("Trier par")
    expect(sorter).to_be_visible()
    expect(sorter).to_have_value("pertinence")
    page.wait_for_function("window.REPERE_CATALOGUE && window.RepereSearch.ui.engine.facets")
    relevant = page.evaluate(RESULT_ORDER)
    assert len(relevant) >= 3
    by_title = sorted_by(page, "titre")
    assert sorted(r["slug"] for r in by_title) == sorted(r["slug"] for r in relevant)
    assert page.evaluate("""titles => titles.every((t, i) => !i
        || titles[i - 1].localeCompare(t, 'fr', {sensitivity: 'base'}) <= 0)""",
        [r["title"] for r in by_title])
    by_review = sorted_by(page, "relecture")
    dates = [r["u"] for r in by_review]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True) and dates[:len(known)] == known  # undated last
    by_length = sorted_by(page, "duree")
    lows = [r["low"] for r in by_length if r["low"] is not None]
    assert lows == sorted(lows)
    # Back to the engine's order.
    assert sorted_by(page, "pertinence") == relevant
    assert log.external() == []


def test_on_a_phone_the_count_comes_first_and_the_filters_are_folded(browser, starter_site: Path) -> None:
    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        open_page(page, starter_site, "index.html")
        page.get_by_role("button", name="Rechercher").click()
        page.locator("#repere-recherche-champ").press_sequentially("motivation", delay=15)
        announced(page, "motivation")
        count = page.locator("#repere-recherche [data-recherche=compte]")
        filters = page.locator("#repere-recherche [data-recherche=filtres]")
        expect(count).to_be_visible()
        expect(filters).to_be_visible()
        expect(filters).not_to_have_attribute("open", "")
        assert count.bounding_box()["y"] < filters.bounding_box()["y"]
        assert page.get_by_label("Trier par").bounding_box()["y"] < filters.bounding_box()["y"]
        assert page.evaluate("document.querySelector('#repere-recherche').scrollWidth <= 360")
        screenshot(page, "recherche-mobile-tri")
    finally:
        context.close()
