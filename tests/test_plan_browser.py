"""Mon plan (issue 7): the offline zip, unzipped and opened from file:// in headless Chromium.

A plan is built from three pages (sheet, factor page, catalogue), reordered by keyboard and by
mouse, reloaded, exported, cleared and imported back; bad files are refused with the plan left
as it was; the print view fits A4; axe finds nothing serious; no request leaves file://.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO_ROOT, SCREENSHOTS, screenshot
from playwright.sync_api import expect

# The plan's messages follow the pages' French typography (no-break spaces, apostrophes): the
# expected texts go through the same rules.
from generator.catalogue.typography import typo_fr

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KEY = "repere.plan.v1"
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
PLAN_NAME = re.compile(r"^plan-repere-\d{4}-\d{2}-\d{2}\.json$")


def open_page(page: object, site: Path, relative: str) -> None:
    page.goto((site / relative).as_uri())


def stored(page: object) -> dict | None:
    text = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(text) if text else None


PLAN_TITLES = """() => [...document.querySelectorAll('.repere-plan-groupe')].flatMap(group =>
    [...group.querySelectorAll('.repere-plan-outil__titre a')].map(link =>
        group.querySelector('h3').textContent + ' / ' + link.textContent))"""


def plan_titles(page: object) -> list[str]:
    """The tools of the plan page, in order, as "factor heading / tool title"."""
    return page.evaluate(PLAN_TITLES)


def wait_plan_titles(page: object, expected: list[str]) -> None:
    """Wait until the plan page shows ``expected`` (it redraws after each action), then check."""
    try:
        page.wait_for_function(f"expected => JSON.stringify(({PLAN_TITLES})()) === JSON.stringify(expected)",
                               arg=expected, timeout=10_000)
    finally:
        assert plan_titles(page) == expected


def wait_label(button: object, text: str) -> None:
    button.page.wait_for_function("([node, text]) => node.firstChild && node.firstChild.textContent === text",
                                  arg=[button.element_handle(), text])


def visible_label(button: object) -> str:
    """The button's visible text (its accessible name also carries the tool's title, hidden)."""
    return button.evaluate("node => node.firstChild.textContent")


def announced(page: object, text: str) -> None:
    page.wait_for_function("text => document.getElementById('repere-plan-annonce').textContent.includes(text)",
                           arg=typo_fr(text))


def add_from_card(page: object, title: str) -> None:
    card = page.locator("li.repere-carte").filter(has=page.get_by_role("link", name=title, exact=True))
    button = card.get_by_role("button", name=f"Ajouter au plan : {title}")
    button.click()
    announced(page, f"« {title} » ajouté au plan")
    expect(card.get_by_role("button", name=f"Retirer du plan : {title}")).to_be_visible()


def build_three_tool_plan(page: object, site: Path) -> None:
    """One tool from a sheet, one from a factor page, one from the catalogue."""
    open_page(page, site, "outils/balance-decisionnelle.html")
    page.get_by_role("button", name="Ajouter au plan").click()
    announced(page, "ajouté au plan. 1 outil dans le plan.")
    open_page(page, site, "facteurs/addictions.html")
    add_from_card(page, "Journal de consommation")
    open_page(page, site, "catalogue.html")
    add_from_card(page, "Restructuration cognitive")


def test_plan_is_built_across_pages_reordered_kept_exported_cleared_and_imported(
        page_with_log, starter_site: Path, tmp_path: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "outils/balance-decisionnelle.html")
    button = page.locator(".repere-entete button.repere-plan-bouton")
    wait_label(button, "Ajouter au plan")
    build_three_tool_plan(page, starter_site)

    # The sheet knows the tool is in the plan: file:// pages share one localStorage in Chromium.
    open_page(page, starter_site, "outils/balance-decisionnelle.html")
    wait_label(button, "Retirer du plan")
    assert visible_label(button) == "Retirer du plan"
    expect(page.locator(".md-tabs").get_by_role("link", name="Mon plan (3)")).to_be_visible()
    screenshot(page, "plan-fiche-bouton")

    open_page(page, starter_site, "plan.html")
    # Filed under the first factor of each tool; a tool's factor joins the plan.
    wait_plan_titles(page, [
        "Attitudes et croyances favorisant la délinquance / Balance décisionnelle",
        "Attitudes et croyances favorisant la délinquance / Restructuration cognitive",
        "Addictions (alcool, stupéfiants, jeux) / Journal de consommation",
    ])
    assert page.locator("#repere-plan-totaux").inner_text().startswith(typo_fr(
        "3 outils : entre 13 et 21 séances, soit entre 8 h 30 et 15 h 45 de séances en tout."))

    # Reorder by keyboard: the focus stays on the moved tool's button.
    page.get_by_role("button", name="Monter « Restructuration cognitive »").focus()
    page.keyboard.press("Enter")
    announced(page, "« Restructuration cognitive » : position 1 sur 2")
    page.wait_for_function("() => document.activeElement.dataset.cle === 'monter:restructuration-cognitive'")
    # Reorder the factors by mouse, file a tool under its other factor, add a factor with no tool.
    page.get_by_role("button", name="Monter le facteur « Addictions »").click()
    page.get_by_label("Classé sous le facteur : Balance décisionnelle").select_option("addictions")
    page.get_by_role("checkbox", name="Problèmes d’ordre scolaire ou professionnel").check()
    note = page.get_by_role("textbox", name="Note sur « Journal de consommation »")
    note.fill("Commencer la semaine prochaine ; relire ensemble le premier relevé.")
    expected = [
        "Addictions (alcool, stupéfiants, jeux) / Journal de consommation",
        "Addictions (alcool, stupéfiants, jeux) / Balance décisionnelle",
        "Attitudes et croyances favorisant la délinquance / Restructuration cognitive",
    ]
    wait_plan_titles(page, expected)
    uncovered = page.locator("#repere-plan-manques a")
    expect(uncovered).to_have_text(["Problèmes d’ordre scolaire ou professionnel"])
    assert uncovered.get_attribute("href") == "facteurs/emploi_formation.html"
    page.wait_for_function(f"() => JSON.parse(localStorage.getItem('{KEY}')).outils.some(tool => tool.note)")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "plan-trois-outils")

    # Reload: the plan is intact.
    page.reload()
    wait_plan_titles(page, expected)
    assert note.input_value() == "Commencer la semaine prochaine ; relire ensemble le premier relevé."
    before = stored(page)
    assert before["facteurs"] == ["addictions", "attitudes", "emploi_formation"]

    # Export.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Enregistrer le fichier de sauvegarde du plan").click()
    download = download_info.value
    assert PLAN_NAME.match(download.suggested_filename), download.suggested_filename
    exported = tmp_path / download.suggested_filename
    download.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8")) == before

    # Clear, with an inline confirmation.
    page.get_by_role("button", name="Vider le plan").click()
    confirm = page.get_by_role("button", name="Oui, vider le plan")
    expect(page.locator("#repere-plan-confirmer")).to_be_focused()
    confirm.click()
    expect(page.locator("#repere-plan-info-actions")).to_have_text("Plan vidé.")
    assert stored(page) is None
    wait_plan_titles(page, [])
    expect(page.locator("#repere-plan-vider")).to_be_focused()

    # Import back.
    page.set_input_files("#repere-plan-fichier", exported)
    expect(page.locator("#repere-plan-info-actions")).to_contain_text("Plan importé")
    wait_plan_titles(page, expected)
    assert note.input_value().startswith("Commencer la semaine prochaine")
    after = stored(page)
    assert {key: after[key] for key in ("facteurs", "outils")} == {key: before[key] for key in ("facteurs", "outils")}
    assert log.external() == []


BAD_FILES = [
    ("pas-du-json.json", b"{ceci n'est pas du JSON", typo_fr("ce n'est pas un fichier de sauvegarde du plan lisible")),
    ("autre.json", b'{"titre": "autre chose"}', typo_fr("ce n'est pas un plan Repère")),
    ("futur.json", b'{"format": "plan-repere", "version": 2, "facteurs": [], "outils": []}', "format 2"),
    ("inconnu.json", json.dumps({"format": "plan-repere", "version": 1, "facteurs": ["addictions"], "outils": [
        {"s": "outil-disparu", "f": "addictions", "note": ""}, {"s": "autre-inconnu", "f": "addictions"}]}).encode(),
     typo_fr("outils absents de ce catalogue : « outil-disparu », « autre-inconnu »")),
    ("facteur.json", json.dumps({"format": "plan-repere", "version": 1, "facteurs": ["colere"], "outils": []}).encode(),
     typo_fr("facteur de risque inconnu : « colere »")),
    ("note.json", json.dumps({"format": "plan-repere", "version": 1, "facteurs": ["addictions"], "outils": [
        {"s": "journal-consommation", "f": "addictions", "note": "x" * 2001}]}).encode(),
     typo_fr("outil « journal-consommation » : la note dépasse 2\u202f000 caractères (2001)")),
]


def test_bad_import_files_are_refused_and_the_plan_is_untouched(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    build_three_tool_plan(page, starter_site)
    open_page(page, starter_site, "plan.html")
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    titles = plan_titles(page)
    error = page.locator("#repere-plan-erreur-actions")
    for name, content, reason in BAD_FILES:
        page.set_input_files("#repere-plan-fichier", {"name": name, "mimeType": "application/json", "buffer": content})
        page.wait_for_function(
            "name => document.getElementById('repere-plan-erreur-actions').textContent.includes(name)", arg=name)
        message = error.inner_text()
        assert message.startswith(typo_fr(f"Fichier « {name} » refusé : ")), message
        assert reason in message, message
        assert message.endswith(typo_fr("Le plan actuel n'a pas été modifié.")), message
        assert page.evaluate(f"localStorage.getItem('{KEY}')") == before
        assert plan_titles(page) == titles
    screenshot(page, "plan-import-refuse")
    assert log.external() == []


def test_import_over_an_existing_plan_asks_first(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    build_three_tool_plan(page, starter_site)
    open_page(page, starter_site, "plan.html")
    other = {"format": "plan-repere", "version": 1, "facteurs": ["emploi_formation"],
             "outils": [{"s": "projet-professionnel", "f": "emploi_formation", "note": ""}]}
    page.set_input_files("#repere-plan-fichier", {"name": "autre-plan.json", "mimeType": "application/json",
                                                  "buffer": json.dumps(other).encode()})
    page.get_by_role("button", name="Annuler").click()
    expect(page.get_by_role("button", name="Annuler")).to_be_hidden()
    assert len(plan_titles(page)) == 3
    page.set_input_files("#repere-plan-fichier", {"name": "autre-plan.json", "mimeType": "application/json",
                                                  "buffer": json.dumps(other).encode()})
    page.get_by_role("button", name="Oui, remplacer le plan").click()
    wait_plan_titles(page, ["Problèmes d’ordre scolaire ou professionnel / Construire un projet professionnel"])


def five_tool_plan() -> dict:
    tools = [("entretien-motivationnel", "attitudes"), ("balance-decisionnelle", "attitudes"),
             ("journal-consommation", "addictions"), ("prevention-rechute", "addictions"),
             ("cv-simulation-entretien", "emploi_formation")]
    note = ("Point d'étape à chaque rendez-vous ; reprendre les exemples concrets apportés et noter "
            "ce qui a aidé ou non, sans détail sur la situation personnelle. ") * 2
    factors = ["attitudes", "addictions", "emploi_formation", "loisirs"]
    return {"format": "plan-repere", "version": 1, "facteurs": factors,
            "outils": [{"s": slug, "f": factor, "note": note.strip()} for slug, factor in tools]}


def test_print_view_fits_two_a4_pages_and_is_dated(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    open_page(page, starter_site, "plan.html")
    page.set_input_files("#repere-plan-fichier", {"name": "cinq.json", "mimeType": "application/json",
                                                  "buffer": json.dumps(five_tool_plan()).encode()})
    expect(page.locator("#repere-plan-info-actions")).to_contain_text("Plan importé")
    page.emulate_media(media="print")
    expect(page.locator("#repere-plan-date")).to_be_visible()
    assert re.match(r"^Plan établi le \d{1,2} \w+ \d{4} · 5 outils$", page.locator("#repere-plan-date").inner_text())
    for hidden in ("#repere-plan-facteurs", "textarea", ".repere-plan-actions", "h1", ".md-header"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".repere-plan-note__imprimee").first.is_visible()
    assert page.locator("#repere-plan-manques").inner_text() == "Absence de loisirs pro-sociaux"
    screenshot(page, "plan-impression")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, pages
    path = SCREENSHOTS / "plan-impression.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdftoppm"):  # the PDF's pages as PNG, for the eyes
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(SCREENSHOTS / "plan-impression-page")],
                       check=True)
    assert log.external() == []


def axe_violations(page: object, context: dict) -> list[str]:
    """Serious and critical WCAG 2.1 AA violations within ``context`` (axe's include/exclude)."""
    # Through evaluate, which runs outside the page's Content-Security-Policy (an added <script>
    # tag is an inline script, which the policy blocks).
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    return page.evaluate("""async context => {
        const result = await axe.run(context, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }""", context)


# Material's header and tabs are left out: they are the theme's, not this feature's, and have
# their own issues (tab links at 70 % opacity under 4.5:1, already on the committed build; the
# header is being reworked for search). Everything of the plan page below them is checked.
PLAN_PAGE = {"exclude": [[".md-header"], [".md-tabs"]]}


def test_axe_finds_nothing_serious_on_a_filled_plan_and_on_the_buttons(page_with_log, starter_site: Path) -> None:
    if not AXE.exists():
        pytest.skip("axe-core absent (npm ci)")
    page, log = page_with_log
    build_three_tool_plan(page, starter_site)
    open_page(page, starter_site, "plan.html")
    page.get_by_role("checkbox", name="Absence de loisirs pro-sociaux").check()
    page.get_by_role("textbox", name="Note sur « Balance décisionnelle »").fill("Première séance faite.")
    page.get_by_role("button", name="Vider le plan").click()  # the confirmation step is shown too
    expect(page.get_by_role("button", name="Oui, vider le plan")).to_be_visible()
    violations = axe_violations(page, PLAN_PAGE)
    assert violations == [], "\n".join(violations)
    for relative, region in (("outils/balance-decisionnelle.html", ".repere-entete"),
                             ("facteurs/addictions.html", "#outils ~ ul.repere-cartes"),
                             ("catalogue.html", "#repere-liste")):
        open_page(page, starter_site, relative)
        violations = axe_violations(page, {"include": [[region]]})
        assert violations == [], relative + "\n" + "\n".join(violations)
    assert log.external() == []


def test_without_javascript_no_button_shows(browser, starter_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    open_page(page, starter_site, "outils/balance-decisionnelle.html")
    assert page.locator("button.repere-plan-bouton").count() == 1
    assert not page.locator("button.repere-plan-bouton").is_visible()
    open_page(page, starter_site, "plan.html")
    assert page.locator("noscript p").inner_text().startswith("Le plan d’accompagnement demande JavaScript")
    context.close()


def test_where_pages_do_not_share_storage_buttons_lead_to_the_plan_page(browser, starter_site: Path) -> None:
    """Firefox gives each file:// page its own storage: plan.js then links to plan.html#ajouter=…"""
    context = browser.new_context(locale="fr-FR")
    context.add_init_script("window.REPERE_PLAN_ISOLE = true;")
    page = context.new_page()
    open_page(page, starter_site, "facteurs/addictions.html")
    link = page.get_by_role("link", name="Ajouter au plan : Journal de consommation")
    assert link.get_attribute("href").endswith("plan.html#ajouter=journal-consommation")
    link.click()
    page.wait_for_url(re.compile(r"plan\.html$"))
    wait_plan_titles(page, ["Addictions (alcool, stupéfiants, jeux) / Journal de consommation"])
    expect(page.locator("#repere-plan-info")).to_have_text("« Journal de consommation » ajouté au plan.")
    context.close()


def test_unticking_a_factor_refiles_its_tools_or_says_why_not(page_with_log, starter_site: Path) -> None:
    page, _ = page_with_log
    build_three_tool_plan(page, starter_site)
    open_page(page, starter_site, "plan.html")
    # Balance décisionnelle also works addictions, which is in the plan; Restructuration does not.
    page.get_by_role("checkbox", name="Attitudes et croyances favorisant la délinquance").click()
    expect(page.locator("#repere-plan-erreur")).to_contain_text(
        typo_fr("« Restructuration cognitive » n'y travaille aucun autre facteur du plan"))
    expect(page.get_by_role("checkbox", name="Attitudes et croyances favorisant la délinquance")).to_be_checked()
    wait_plan_titles(page, [
        "Attitudes et croyances favorisant la délinquance / Restructuration cognitive",
        "Addictions (alcool, stupéfiants, jeux) / Balance décisionnelle",
        "Addictions (alcool, stupéfiants, jeux) / Journal de consommation",
    ])



def test_sheet_text_reaches_the_plan_as_text_not_markup(page_with_log, fixture_site: Path) -> None:
    page, _ = page_with_log
    title = "Outil complet\u00a0: l’entreprise & <ses> valeurs"  # after typo_fr (issue 14)
    open_page(page, fixture_site, "outils/outil-complet.html")
    page.get_by_role("button", name=f"Ajouter au plan : {title}").click()
    announced(page, f"« {title} » ajouté au plan")
    open_page(page, fixture_site, "plan.html")
    expect(page.locator(".repere-plan-outil__titre a")).to_have_text(title)
    assert page.get_by_role("link", name="Grille à imprimer").get_attribute("href") == "outils/supports/grille.pdf"
    assert page.locator("ses").count() == 0
