"""axe-core (npm, WCAG 2.0/2.1 A and AA rules) on the pages a CPIP uses, in headless Chromium.

Pages come from the unzipped offline build of the starter content (``starter_site``), opened
from ``file://``. A serious or critical violation fails the test; minor and moderate ones, and
the checks axe could not conclude ("incomplete", to review by hand), are reported as warnings
so that they show in the pytest summary without failing CI. No region is excluded.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

RUN_AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    const summary = (rule) => ({id: rule.id, impact: rule.impact || 'inconnu', help: rule.help,
        nodes: rule.nodes.map(node => node.target.join(' '))});
    return {violations: result.violations.map(summary), incomplete: result.incomplete.map(summary)};
}"""


class AxeFinding(UserWarning):
    """A non-blocking axe result, listed in pytest's warnings summary."""


def run_axe(page: object) -> dict[str, list[dict]]:
    # Through evaluate, which runs outside the page's Content-Security-Policy: an added <script>
    # tag is an inline script, which the policy (rightly) blocks.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    return page.evaluate(RUN_AXE, WCAG_AA)


def describe(rule: dict) -> str:
    nodes = ", ".join(rule["nodes"][:5]) + (" …" if len(rule["nodes"]) > 5 else "")
    return f"{rule['impact']} {rule['id']} ({rule['help']}) ×{len(rule['nodes'])} : {nodes}"


def assert_no_serious_violation(page: object, name: str) -> None:
    """Fail on serious/critical violations; report everything else as a warning."""
    result = run_axe(page)
    blocking = [describe(rule) for rule in result["violations"] if rule["impact"] in BLOCKING]
    assert blocking == [], f"{name} : " + "\n".join(blocking)
    for rule in result["violations"]:
        warnings.warn(f"{name} : {describe(rule)}", AxeFinding, stacklevel=2)
    for rule in result["incomplete"]:
        warnings.warn(f"{name} : à vérifier à la main : {describe(rule)}", AxeFinding, stacklevel=2)


@pytest.fixture(autouse=True)
def _axe_installed() -> None:
    if not AXE.exists():
        pytest.skip("axe-core absent (npm ci)")


def first_programme(site: Path) -> str:
    pages = sorted(path.name for path in (site / "programmes").glob("*.html") if path.name != "index.html")
    assert pages, "aucune page de programme dans le site"
    return f"programmes/{pages[0]}"


@pytest.mark.parametrize("name, relative", [
    ("accueil", "index.html"),
    ("facteur", "facteurs/addictions.html"),
    ("fiche", "outils/balance-decisionnelle.html"),
    ("programme", None),
    # Issue 14: every page kind, with the State look (DSFR) of the starter build.
    ("catalogue", "catalogue.html"),
    ("programmes", "programmes/index.html"),
    ("méthodes", "methodes/index.html"),
    ("frise (section)", "frise/index.html"),
    ("mon plan (vide)", "plan.html"),
    ("déclaration d'accessibilité", "accessibilite.html"),
    ("mentions légales", "mentions-legales.html"),
    ("données personnelles", "donnees-personnelles.html"),
    ("page introuvable", "404.html"),
])
def test_catalogue_page(page_with_log, starter_site: Path, name: str, relative: str | None) -> None:
    page, log = page_with_log
    page.goto((starter_site / (relative or first_programme(starter_site))).as_uri())
    page.wait_for_load_state("load")
    assert_no_serious_violation(page, name)
    assert log.external() == []


def test_catalogue_with_filters_set(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    page.goto((starter_site / "catalogue.html").as_uri() + "#facteur=addictions&modalite=collectif")
    page.locator("#repere-liste > li").first.wait_for()
    # The state under test: filters applied from the address, the list narrowed by them.
    expect(page.get_by_label("Addictions")).to_be_checked()
    expect(page.get_by_label("Collectif")).to_be_checked()
    expect(page.locator("#repere-compte")).to_contain_text("correspond")
    every_tool = len(list((starter_site / "outils").glob("*.html")))
    assert page.locator("#repere-liste > li").count() < every_tool
    assert_no_serious_violation(page, "catalogue filtré")
    assert log.external() == []


def test_search_results(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    page.goto((starter_site / "index.html").as_uri())
    page.keyboard.press("/")
    page.locator("#repere-recherche-champ").press_sequentially("colère", delay=15)
    page.locator(".repere-recherche__resultat").first.wait_for()
    expect(page.locator("#repere-recherche")).to_be_visible()
    assert_no_serious_violation(page, "résultats de recherche")
    assert log.external() == []


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_frise_demo_page(page_with_log, starter_site: Path, view: str) -> None:
    page, log = page_with_log
    page.goto((starter_site / "frise" / f"exemple-{view}.html").as_uri())
    page.wait_for_selector("#frise-graphique .main-svg", state="attached", timeout=15_000)
    assert_no_serious_violation(page, f"frise ({view})")
    assert log.external() == []


def test_catalogue_with_no_result_and_its_help(page_with_log, starter_site: Path) -> None:
    """The empty state (issue 14): chips, « Effacer les filtres » and the filters to loosen."""
    page, log = page_with_log
    page.goto((starter_site / "catalogue.html").as_uri() + "#facteur=addictions&duree=long&modalite=collectif")
    expect(page.locator("#repere-vide")).to_contain_text("Aucun outil ne correspond")
    expect(page.locator(".repere-puce")).to_have_count(3)
    assert_no_serious_violation(page, "catalogue sans résultat")
    assert log.external() == []


@pytest.mark.parametrize("width", [320, 390])
def test_phone_pages(browser, starter_site: Path, width: int) -> None:
    """Folded filters and the header's bloc-marque on a phone (issue 14)."""
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800})
    page = context.new_page()
    for relative in ("catalogue.html#facteur=addictions", "outils/balance-decisionnelle.html"):
        path, _, fragment = relative.partition("#")
        page.goto((starter_site / path).as_uri() + (f"#{fragment}" if fragment else ""))
        expect(page.locator(".repere-marque")).to_be_visible()
        assert_no_serious_violation(page, f"{relative} à {width} px")
    context.close()

