"""Issue 14, a ministry tool: State look (DSFR) and neutral brand, legal pages and skip link,
the session prepared at a glance, lists, print, plan filing, typography, 320 px, the offline zip.

Pages come from the real build of the starter content, unzipped (``starter_site``), opened from
``file://``; every assertion waits for the state it checks (``expect`` or ``wait_for_*``).
Screenshots and PDFs go to test-results/screenshots/ for people to look at.
"""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO_ROOT, SCREENSHOTS, screenshot
from playwright.sync_api import expect

from generator import settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHEET = "outils/balance-decisionnelle.html"
# One page of each kind a CPIP opens.
PAGE_KINDS = ["index.html", "catalogue.html", SHEET, "facteurs/emploi_formation.html", "plan.html",
              "programmes/index.html", "methodes/index.html", "accessibilite.html", "mentions-legales.html",
              "donnees-personnelles.html", "404.html", "frise/index.html", "frise/exemple-professionnel.html"]
INTERNET_ONLY = ("github.com", "legifrance.gouv.fr", "gouvernement.fr", "service-public.fr", "data.gouv.fr")
FOCUS_RING = "rgb(10, 118, 246) solid 2px"


def open_page(page: object, site: Path, relative: str) -> None:
    path, _, fragment = relative.partition("#")
    page.goto((site / path).as_uri() + (f"#{fragment}" if fragment else ""))
    page.wait_for_load_state("load")


def look_at_pdf(browser: object, path: Path, name: str) -> None:
    """The PDF as Chromium's own viewer shows it (pages and thumbnails), as a PNG for the eyes."""
    context = browser.new_context(viewport={"width": 900, "height": 1200})
    viewer = context.new_page()
    viewer.goto(path.as_uri())
    viewer.wait_for_timeout(2_000)  # the viewer draws inside its own extension frame: nothing to wait on
    viewer.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    context.close()


# --- the State look -------------------------------------------------------------------------

def test_header_shows_the_bloc_marque_the_ministry_and_the_service_in_marianne(
        page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "index.html")
    marque = page.locator(".md-header .repere-marque")
    expect(marque).to_be_visible()
    expect(marque.locator(".fr-logo")).to_have_text(re.compile(r"République\s*française", re.I))
    expect(marque.locator(".repere-marque__ministere")).to_have_text("Ministère de la Justice")
    expect(marque.locator(".repere-marque__nom")).to_have_text("Repère")
    # Marianne comes from the site's own files (copied from npm), never from a CDN.
    page.wait_for_function("document.fonts.status === 'loaded' && document.fonts.check('700 16px Marianne')")
    assert "Marianne" in page.evaluate("getComputedStyle(document.body).fontFamily")
    fonts = [url for url in log.urls if url.endswith(".woff2")]
    assert fonts and all(url.startswith("file://") and "/assets/vendor/dsfr/Marianne-" in url for url in fonts)
    assert log.external() == []
    # DSFR colours: white header, bleu France links and buttons.
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(255, 255, 255)"
    assert page.evaluate("getComputedStyle(document.querySelector('.repere-facteur')).color") == "rgb(0, 0, 145)"


def test_focus_ring_is_the_dsfr_one(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    open_page(page, starter_site, "index.html")
    link = page.locator("a.repere-facteur").first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard: :focus-visible
    expect(link).to_be_focused()
    outline = link.evaluate("node => { const s = getComputedStyle(node); "
                            "return [s.outlineColor, s.outlineStyle, s.outlineWidth, s.outlineOffset].join(' '); }")
    assert outline == FOCUS_RING + " 2px"


def test_footer_links_the_legal_pages_and_says_accessibility_status(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, SHEET)
    footer = page.locator("footer.repere-pied")
    expect(footer.get_by_role("link", name="Accessibilité\u00a0: non conforme")).to_be_visible()
    for name, title in (("Mentions légales", "Mentions légales"), ("Données personnelles", "Données personnelles"),
                        ("Accessibilité\u00a0: non conforme", "Déclaration d’accessibilité")):
        open_page(page, starter_site, SHEET)
        page.locator("footer.repere-pied").get_by_role("link", name=name).click()
        expect(page.locator("h1")).to_have_text(title)
    text = page.locator("article").inner_text()
    for expected in ("non conforme", "axe-core", "Clavier seul", "320 pixels", "Défenseur des droits",
                     "Voies de recours"):
        assert expected in text, expected
    open_page(page, starter_site, "donnees-personnelles.html")
    expect(page.locator("article")).to_contain_text("repere.plan.v1")
    expect(page.locator("article")).to_contain_text("Mesure d’audience")
    assert log.external() == []


def test_offline_zip_has_no_link_that_needs_the_internet_but_the_intranet_site_has_them(starter_site: Path) -> None:
    intranet = starter_site.parent.parent / "site"  # the build the zip was made from
    sheet = (intranet / SHEET).read_text(encoding="utf-8")
    assert "Proposer une modification" in sheet and 'class="md-source"' in sheet and "legifrance.gouv.fr" in sheet
    for page in sorted(starter_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "intranet-seulement" not in text, page
        assert "Proposer une modification" not in text and 'class="md-source"' not in text, page
        # The site's own links to the internet (content references of method pages are the
        # contributors' sources, kept: they print as text).
        hosts = set(re.findall(r'href="https?://(?:www\.)?([^/"]+)', text))
        assert not hosts & set(INTERNET_ONLY), (page, hosts & set(INTERNET_ONLY))


def test_404_page_works_from_the_zip(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "404.html")
    expect(page.locator("h1")).to_have_text("Page introuvable")
    expect(page.locator(".repere-marque")).to_be_visible()  # its stylesheets and header load
    page.get_by_role("link", name="Parcourir le catalogue").click()
    expect(page.locator("#repere-liste > li").first).to_be_visible()
    assert log.external() == []


def test_frise_demo_pages_have_the_site_header(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    open_page(page, starter_site, "frise/exemple-professionnel.html")
    nav = page.get_by_role("navigation", name="Site Repère")
    expect(nav).to_be_visible()
    expect(nav.locator(".fr-logo")).to_be_visible()
    page.wait_for_function("document.fonts.check('16px Marianne')")
    nav.get_by_role("link", name="Catalogue").click()
    expect(page.locator("#repere-liste > li").first).to_be_visible()
    assert [error for error in errors if "Content Security Policy" in error] == []
    assert log.external() == []


# --- keyboard and small screens ---------------------------------------------------------------

@pytest.mark.parametrize("relative", PAGE_KINDS)
def test_skip_link_is_first_and_goes_to_the_content(page_with_log, starter_site: Path, relative: str) -> None:
    page, _ = page_with_log
    open_page(page, starter_site, relative)
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text(re.compile(r"^\s*Aller au"))
    expect(page.locator(":focus")).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement !== document.body && "
                           "!document.activeElement.textContent.trim().startsWith('Aller au')")
    page.keyboard.press("Tab")
    # The next stop is in the content, past the header and its navigation.
    page.wait_for_function("document.activeElement !== document.body && document.activeElement.id !== 'contenu'")
    assert page.evaluate("!document.activeElement.closest('header, .md-tabs, .repere-site, .md-sidebar--primary')")


def test_closing_the_search_gives_the_focus_back_to_its_button(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    open_page(page, starter_site, "catalogue.html")
    page.keyboard.press("/")
    expect(page.locator("#repere-recherche-champ")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#repere-recherche")).to_be_hidden()
    expect(page.locator("#repere-recherche-bouton")).to_be_focused()


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_on_a_phone(browser, starter_site: Path, width: int) -> None:
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800})
    page = context.new_page()
    wide = {}
    for relative in [*PAGE_KINDS, "catalogue.html#facteur=addictions&duree=long&modalite=collectif",
                     "frise/exemple-personne.html"]:
        open_page(page, starter_site, relative)
        page.wait_for_function("document.readyState === 'complete'")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[relative] = scroll
    context.close()
    assert wide == {}


def test_headings_never_break_a_word(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    page.set_viewport_size({"width": 320, "height": 800})
    open_page(page, starter_site, SHEET)
    expect(page.locator("h1")).to_be_visible()
    style = page.evaluate("(() => { const s = getComputedStyle(document.querySelector('h1')); "
                          "return [s.hyphens, s.overflowWrap]; })()")
    assert style == ["manual", "normal"]


# --- the session prepared at a glance --------------------------------------------------------

def test_sheet_starts_with_the_session_to_prepare(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    page.add_init_script("window.__imprime = 0; window.print = () => { window.__imprime += 1; };")
    open_page(page, starter_site, SHEET)
    headings = page.locator("article h2")
    expect(headings.first).to_have_text("Préparer ma séance")
    titles = headings.all_inner_texts()
    assert titles.index("Préparer ma séance") < titles.index("Objectifs") < titles.index("Mode d’emploi")
    assert titles.index("Mode d’emploi") < titles.index("À propos de cette fiche")
    block = page.locator(".repere-preparer")
    for term in ("Durée d’une séance", "Nombre de séances", "Prérequis", "Adaptations"):
        expect(block.locator("dt", has_text=term)).to_be_visible()
    expect(block.locator(".repere-adaptations li")).to_have_count(3)
    expect(block.locator(".repere-precautions")).to_be_visible()
    # Précautions are not the smallest text of the page: at least the body's size.
    sizes = page.evaluate("""(() => {
        const px = (node) => parseFloat(getComputedStyle(node).fontSize);
        const texts = [...document.querySelectorAll('article p, article li, article dd')].filter(n => n.offsetParent);
        return {precautions: px(document.querySelector('.repere-precautions p')),
                body: px(document.querySelector('article > p, .md-typeset')),
                smallest: Math.min(...texts.map(px))};
    })()""")
    assert sizes["precautions"] >= sizes["body"] > sizes["smallest"], sizes
    # Authorship and review date come after the mode d'emploi.
    about = page.locator(".repere-a-propos")
    expect(about.locator("dt", has_text="Dernière relecture")).to_be_visible()
    button = block.get_by_role("button", name=re.compile("^Tout imprimer"))
    expect(button).to_be_visible()
    button.click()
    page.wait_for_function("window.__imprime === 1")


def test_printed_sheet_has_no_button_and_carries_date_source_and_version(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    open_page(page, starter_site, SHEET)
    expect(page.locator(".repere-plan-bouton").first).to_be_visible()
    page.emulate_media(media="print")
    for hidden in (".repere-plan-bouton", ".repere-imprimer__bouton", ".md-header", ".repere-pied", ".md-sidebar"):
        expect(page.locator(hidden).first).to_be_hidden()
    stamp = page.locator(".repere-impression")
    expect(stamp).to_be_visible()
    expect(stamp).to_contain_text(re.compile(r"Imprimé le \d{2}/\d{2}/\d{4}"))
    expect(stamp).to_contain_text("balance-decisionnelle.html")
    expect(stamp).to_contain_text(re.compile(r"version du \d{2}/\d{2}/\d{4}"))
    screenshot(page, "fiche-impression")
    pdf = page.pdf(format="A4", print_background=True)
    (SCREENSHOTS / "fiche-impression.pdf").write_bytes(pdf)
    look_at_pdf(page.context.browser, SCREENSHOTS / "fiche-impression.pdf", "fiche-impression-pdf")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 2
    # No half-empty first page: the first block of the sheet is not pushed whole to page 2.
    top = page.evaluate("document.querySelector('.repere-preparer').getBoundingClientRect().top")
    assert top < 1000, top  # A4 at 96 dpi is 1123 px high: « Préparer ma séance » starts on page 1


def test_printed_filtered_catalogue_has_no_filter_form(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    open_page(page, starter_site, "catalogue.html#facteur=addictions")
    expect(page.locator(".repere-puce")).to_have_count(1)
    page.emulate_media(media="print")
    for hidden in ("#repere-filtres", ".repere-puces", ".repere-tri", ".repere-plan-bouton"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("#repere-liste > li").first).to_be_visible()
    expect(page.locator(".repere-impression")).to_contain_text("#facteur=addictions")


def test_printed_factor_page_has_no_button(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    open_page(page, starter_site, "facteurs/addictions.html")
    expect(page.locator(".repere-plan-bouton").first).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".repere-plan-bouton").first).to_be_hidden()
    expect(page.locator(".repere-impression")).to_be_visible()


# --- lists -------------------------------------------------------------------------------------

def card_titles(page: object) -> list[str]:
    return page.locator("#repere-liste .repere-carte__titre").all_inner_texts()


def test_catalogue_sorts_shows_chips_and_helps_when_empty(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    data = (starter_site / "assets" / "catalogue-data.js").read_text(encoding="utf-8")
    tools = json.loads(data[data.index("=") + 1:data.rstrip().rindex(";")])["tools"]
    open_page(page, starter_site, "catalogue.html#facteur=addictions&duree=long&modalite=collectif")
    chips = page.locator(".repere-puce")
    expect(chips).to_have_count(3)
    expect(page.locator(".repere-puces").get_by_role("button", name="Effacer les filtres")).to_be_visible()
    empty = page.locator("#repere-vide")
    expect(empty).to_contain_text("Aucun outil ne correspond")
    hint = empty.get_by_role("button").first
    expect(hint).to_have_text(re.compile(r"^Retirer «\u00a0.+\u00a0» \(\d+ outils?\)$"))
    hint.click()
    expect(chips).to_have_count(2)
    expect(page.locator("#repere-liste > li").first).to_be_visible()
    expect(empty).to_be_hidden()
    # A chip removes its filter.
    chips.first.click()
    expect(chips).to_have_count(1)
    page.locator(".repere-puces").get_by_role("button", name="Effacer les filtres").click()
    expect(chips).to_have_count(0)
    expect(page.locator("#repere-compte")).to_have_text(f"{len(tools)} outils.")
    page.locator("#repere-plus").click() if page.locator("#repere-plus").is_visible() else None
    # Sorts.
    page.select_option("#repere-tri", "duree")
    shortest = min(tools, key=lambda tool: (tool["m"][0], tool["m"][1]))["t"]
    expect(page.locator("#repere-liste .repere-carte__titre").first).to_have_text(shortest)
    page.select_option("#repere-tri", "relecture")
    newest = max((tool for tool in tools if tool["u"]), key=lambda tool: tool["u"])
    expect(page.locator("#repere-liste .repere-carte__titre").first).to_have_text(newest["t"])
    page.select_option("#repere-tri", "titre")
    page.wait_for_function("() => { const t = [...document.querySelectorAll('#repere-liste .repere-carte__titre')]"
                           ".map(n => n.textContent); return t.join('|') === [...t].sort((a, b) => "
                           "a.localeCompare(b, 'fr', {sensitivity: 'base'})).join('|'); }")


def test_adaptations_facet_filters_the_catalogue(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    open_page(page, starter_site, "catalogue.html")
    form = page.locator("#repere-filtres")
    expect(form.get_by_role("group", name="Adaptations")).to_be_visible()
    form.get_by_label("À distance").check()
    expect(page.locator(".repere-puce")).to_have_text(["Retirer le filtre Adaptations\u00a0: À distance"])
    expect(page).to_have_url(re.compile("#adaptation=a_distance$"))


def test_filters_are_folded_on_a_phone_with_the_count_first(browser, starter_site: Path) -> None:
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 800})
    page = context.new_page()
    open_page(page, starter_site, "catalogue.html#facteur=addictions")
    summary = page.locator("#repere-filtres-pli > summary")
    expect(summary).to_have_text("Filtres (1 actif)")
    expect(page.locator("#repere-filtres")).to_be_hidden()
    count_top = page.locator("#repere-compte").bounding_box()["y"]
    assert count_top < summary.bounding_box()["y"]
    summary.click()
    expect(page.locator("#repere-filtres")).to_be_visible()
    screenshot(page, "catalogue-telephone-390")
    context.close()


def test_a_tool_goes_under_the_factor_of_the_page_it_was_added_from(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    open_page(page, starter_site, "facteurs/addictions.html")
    page.get_by_role("button", name="Ajouter au plan : Journal de consommation").click()
    page.wait_for_function("localStorage.getItem('repere.plan.v1') !== null")
    # « Budget mensuel » works on emploi, famille and addictions: added from the Emploi page, it goes
    # under Emploi, although the plan already works on Addictions.
    open_page(page, starter_site, "facteurs/emploi_formation.html")
    page.get_by_role("button", name="Ajouter au plan : Budget mensuel").click()
    page.wait_for_function("JSON.parse(localStorage.getItem('repere.plan.v1')).outils.length === 2")
    plan = json.loads(page.evaluate("localStorage.getItem('repere.plan.v1')"))
    assert {tool["s"]: tool["f"] for tool in plan["outils"]} == {"journal-consommation": "addictions",
                                                                 "budget": "emploi_formation"}
    # From the catalogue filtered on Famille, the same tool would go under Famille.
    page.evaluate("localStorage.removeItem('repere.plan.v1')")
    open_page(page, starter_site, "facteurs/addictions.html")
    page.get_by_role("button", name="Ajouter au plan : Journal de consommation").click()
    open_page(page, starter_site, "catalogue.html#facteur=famille_couple")
    page.get_by_role("button", name="Ajouter au plan : Budget mensuel").click()
    page.wait_for_function("JSON.parse(localStorage.getItem('repere.plan.v1')).outils.length === 2")
    plan = json.loads(page.evaluate("localStorage.getItem('repere.plan.v1')"))
    assert {tool["s"]: tool["f"] for tool in plan["outils"]}["budget"] == "famille_couple"


def test_plan_speaks_of_its_backup_file_in_plain_words(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    open_page(page, starter_site, "plan.html")
    actions = page.locator(".repere-plan-actions")
    expect(actions.get_by_role("button", name="Enregistrer le fichier de sauvegarde du plan")).to_be_attached()
    assert "JSON" not in actions.inner_text()


# --- French typography -------------------------------------------------------------------------

BAD_TYPOGRAPHY = re.compile(r"(?<=\w) [:;!?]|(?<=\w)'(?=\w)|« | »|\.\.\.")


@pytest.mark.parametrize("relative", ["index.html", SHEET, "facteurs/entourage.html", "catalogue.html", "plan.html"])
def test_shown_text_follows_french_typography(page_with_log, starter_site: Path, relative: str) -> None:
    page, _ = page_with_log
    open_page(page, starter_site, relative)
    expect(page.locator("h1")).to_be_visible()
    page.wait_for_function("document.readyState === 'complete'")
    # What the generator writes (the Markdown body of a sheet is the contributor's own text).
    texts = page.evaluate("""[...document.querySelectorAll(
        'h1, h2, .repere-entete, .repere-preparer, .repere-carte, .repere-facteurs, .repere-chapeau, '
        + '.repere-pied, .repere-a-propos, #repere-compte, .repere-plan-actions')].map(n => n.innerText)""")
    bad = sorted({match.group(0) + " dans « " + text[max(0, match.start() - 20):match.end() + 5] + " »"
                  for text in texts for match in BAD_TYPOGRAPHY.finditer(text)})
    assert bad == []
    stray = [text for text in texts if re.search(r"Milieu ouvert et Milieu|Individuel et Collectif", text)]
    assert stray == []


# --- the neutral brand -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def neutral_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The starter content built with ``extra.marque: neutre``, unzipped."""
    from generator.catalogue.site_build import build_site

    out = tmp_path_factory.mktemp("neutre")
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  marque:\n    ministere: [^\n]*\n", "\n  marque: neutre\n", config)
    config = config.replace("custom_dir: templates/overrides", f"custom_dir: {REPO_ROOT / 'templates' / 'overrides'}")
    assert "marque: neutre" in config
    (out / "mkdocs.yml").write_text(config, encoding="utf-8")
    neutral = dataclasses.replace(settings.DEFAULT, mkdocs_config=out / "mkdocs.yml")
    build_site(REPO_ROOT / "content", out / "site", out / "dist" / "r.zip", neutral)
    with zipfile.ZipFile(out / "dist" / "r.zip") as archive:
        archive.extractall(out / "unzipped")
    yield out / "unzipped" / "repere-hors-ligne"


def test_neutral_brand_has_no_marianne_no_bloc_marque_and_keeps_the_legal_pages(
        page_with_log, neutral_site: Path) -> None:
    page, log = page_with_log
    assert not (neutral_site / "assets" / "vendor" / "dsfr").exists()
    for html in neutral_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "République" not in text and "Marianne" not in text and "dsfr" not in text, html
    open_page(page, neutral_site, "index.html")
    expect(page.locator("footer.repere-pied").get_by_role("link", name="Mentions légales")).to_be_visible()
    expect(page.locator(".repere-marque")).to_have_count(0)
    assert "Marianne" not in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert not [url for url in log.urls if url.endswith(".woff2")]
    page.locator("footer.repere-pied").get_by_role("link", name="Mentions légales").click()
    expect(page.locator("article")).to_contain_text("le service qui l’a installé")
    screenshot(page, "marque-neutre-mentions-legales")


# --- screenshots for the eyes --------------------------------------------------------------------

def test_screenshots_of_each_page_kind_at_four_widths(browser, starter_site: Path) -> None:
    """Home, catalogue, a sheet, the plan and a legal page at 1366, 1280, 390 and 320 px."""
    pages = {"accueil": "index.html", "catalogue": "catalogue.html#facteur=addictions", "fiche": SHEET,
             "plan": "plan.html", "accessibilite": "accessibilite.html"}
    for width in (1366, 1280, 390, 320):
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, relative in pages.items():
            open_page(page, starter_site, relative)
            expect(page.locator("footer.repere-pied")).to_be_attached()
            path = screenshot(page, f"ministere-{name}-{width}")
            assert path.stat().st_size > 10_000
        context.close()


def test_factor_page_list_sorts(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    open_page(page, starter_site, "facteurs/addictions.html")
    select = page.get_by_label("Trier par")
    expect(select).to_be_visible()
    titles = page.locator("#outils ~ ul.repere-cartes").first.locator(".repere-carte__titre")
    original = titles.all_inner_texts()
    select.select_option("duree")
    durations = page.locator("ul[data-repere-tri] > li")
    page.wait_for_function("() => { const d = [...document.querySelectorAll('ul[data-repere-tri] > li')]"
                           ".map(li => Number(li.dataset.triDuree)); return d.every((v, i) => !i || d[i - 1] <= v); }")
    assert durations.count() == len(original)
    select.select_option("")
    expect(titles).to_have_text(original)


def test_a_programme_adds_its_tools_to_the_plan(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    open_page(page, starter_site, "programmes/groupe-cap-sobriete.html")
    button = page.get_by_role("button", name=re.compile(r"^Ajouter ses \d+ outils au plan$"))
    expect(button).to_be_visible()
    count = int(re.search(r"\d+", button.inner_text()).group(0))
    button.click()
    page.wait_for_function("n => { const p = JSON.parse(localStorage.getItem('repere.plan.v1') || 'null');"
                           " return p && p.outils.length === n; }", arg=count)
    expect(page.locator("#repere-plan-annonce")).to_contain_text(f"{count} outils du programme")
    plan = json.loads(page.evaluate("localStorage.getItem('repere.plan.v1')"))
    # Each tool goes under a factor of the programme (addictions, loisirs, entourage) that it works on.
    factors = dict(entry.split(":") for entry in button.get_attribute("data-plan-outils").split())
    assert all(tool["f"] in {"addictions", "loisirs", "entourage"} and tool["f"] in factors[tool["s"]].split(",")
               for tool in plan["outils"]), plan
    expect(page.get_by_role("button", name=re.compile("^Retirer du plan")).first).to_be_visible()


def test_first_tool_of_the_catalogue_is_five_keys_away(page_with_log, starter_site: Path) -> None:
    """It took 38 Tab presses; now: skip link, Enter, « Aller à la liste des outils », Enter, Tab."""
    page, _ = page_with_log
    open_page(page, starter_site, "catalogue.html")
    expect(page.locator("#repere-liste > li").first).to_be_visible()
    # Each key waits for the state the previous one leads to (a hash jump moves focus a task later).
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Aller au contenu")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#contenu$"))
    # The URL changes before the browser moves focus to the target: wait for the focus itself, or the
    # next Tab may start from the skip link (it failed CI once that way).
    expect(page.locator("#contenu")).to_be_focused()
    page.keyboard.press("Tab")
    list_link = page.get_by_role("link", name="Aller à la liste des outils")
    expect(list_link).to_be_focused()
    target = list_link.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#repere-liste > li").first.locator("a.repere-carte__titre")).to_be_focused()
