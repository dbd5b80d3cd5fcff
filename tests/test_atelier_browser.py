"""The « Atelier frise » in headless Chromium, opened from the unzipped offline site (file://).

A CPIP types a whole case with the keyboard alone, opens the YAML and CSV examples, is refused
an identifier without seeing it echoed, saves the case (YAML and CSV) and gets back, through
``frise --json``, the same figures; the page makes no request and axe finds no serious violation.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from conftest import screenshot
from playwright.sync_api import expect
from test_accessibility import assert_no_serious_violation

from generator.timeline.atelier import PAGE_NAME
from generator.timeline.atelier_data import atelier_data
from generator.timeline.indicators import compute
from generator.timeline.loader import load_case
from generator.timeline.render import render_page_bytes

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "dossiers"
PHONE = "06 47 11 36 25"


@pytest.fixture
def atelier(starter_site: Path, page_with_log: tuple) -> tuple:
    page, log = page_with_log
    page.goto((starter_site / "frise" / PAGE_NAME).as_uri())
    expect(page.locator("body")).to_have_attribute("data-pret", "oui")
    return page, log


def type_then_tab(keyboard: object, text: str) -> None:
    keyboard.type(text)
    keyboard.press("Tab")


def python_indicators(path: Path) -> dict:
    return json.loads(json.dumps(compute(load_case(path)).to_json()))


def shown_indicators(page: object) -> dict:
    cards = page.locator("[data-indicateur]")
    return {cards.nth(i).get_attribute("data-indicateur"): json.loads(cards.nth(i).get_attribute("data-valeur"))
            for i in range(cards.count())}


def test_the_page_is_in_the_site_the_zip_and_dist(starter_site: Path) -> None:
    page = starter_site / "frise" / PAGE_NAME
    html = page.read_text(encoding="utf-8")
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1])
    scripts = csp.split("script-src")[1].split(";")[0]
    assert "connect-src 'none'" in csp and "'sha256-" in scripts and "unsafe-inline" not in scripts
    assert scripts.count("'sha256-") == html.count("<script data-nom=")
    assert "localStorage" not in html.replace("localStorage.", "")  # no storage of ours
    dist = starter_site.parent.parent / "dist" / PAGE_NAME
    assert dist.read_bytes() == page.read_bytes()
    assert f'href="{PAGE_NAME}"' in (starter_site / "frise" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["parcours-long.yaml", "csv/semi-liberte.csv", "obligations.yaml"])
def test_opening_an_example_draws_the_same_figures_as_frise(atelier: tuple, name: str) -> None:
    page, log = atelier
    page.set_input_files("#fichier", str(EXAMPLES / name))
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    expect(page.locator("#etat")).to_contain_text("Dossier ouvert")
    expect(page.locator("#frise-gravite .main-svg").first).to_be_attached()  # the second chart
    expected = python_indicators(EXAMPLES / name)
    shown = shown_indicators(page)
    assert len(shown) >= 8
    assert shown == {key: expected[key] for key in shown}
    page.get_by_role("radio", name="pour la personne").check()
    expect(page.locator("body")).to_have_class("vue-personne")
    assert log.external() == []


def test_a_whole_case_typed_with_the_keyboard_alone(atelier: tuple) -> None:
    page, log = atelier
    page.locator("#nouveau").focus()
    page.keyboard.press("Enter")
    expect(page.locator("input#c-dossier")).to_be_focused()
    keyboard = page.keyboard
    for text in ("EX-2026-042", "1990", "01/11/2026"):
        keyboard.type(text)
        keyboard.press("Tab")
    # Fait 1: id, date, fin, catégorie, gravité (selects are chosen by typing their label).
    type_then_tab(keyboard, "f1")
    type_then_tab(keyboard, "03/2012")
    keyboard.press("Tab")
    type_then_tab(keyboard, "Vols")
    type_then_tab(keyboard, "D")
    expect(page.locator("#c-faits-0-categorie")).to_have_value("vol")
    expect(page.locator("#c-faits-0-gravite")).to_have_value("delit")
    # Three more text fields, then the entry's buttons, then « Ajouter un fait »…
    page.get_by_role("button", name="Ajouter une décision").focus()
    keyboard.press("Enter")
    expect(page.locator("#c-decisions-0-id")).to_be_focused()
    type_then_tab(keyboard, "d1")
    type_then_tab(keyboard, "09/2012")
    type_then_tab(keyboard, "f1")
    type_then_tab(keyboard, "Tribunal c")
    expect(page.locator("#c-decisions-0-juridiction")).to_have_value("tribunal_correctionnel")
    # A condamnation without peine is refused, with frise's message on the field.
    expect(page.locator("#resume-erreurs")).to_contain_text("« peines » manque")
    page.get_by_role("button", name="Ajouter une peine").focus()
    keyboard.press("Enter")
    expect(page.locator("#c-decisions-0-peines-0-type")).to_be_focused()
    type_then_tab(keyboard, "Amende")
    keyboard.type("300 €")
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    expect(page.locator('[data-indicateur="nb_episodes"]')).to_have_attribute("data-valeur", "1")
    expect(page.locator('[data-indicateur="nb_condamnations"]')).to_have_attribute("data-valeur", "1")
    expect(page.locator("#resume-erreurs")).to_be_hidden()
    screenshot(page, "atelier-clavier")
    assert log.external() == []


def test_a_bad_date_is_located_on_its_field(atelier: tuple) -> None:
    page, _ = atelier
    page.set_input_files("#fichier", str(EXAMPLES / "premier-fait.yaml"))
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    page.locator("#c-faits-0-date").fill("30/02/2019")
    field = page.locator("#c-faits-0-date")
    expect(field).to_have_attribute("aria-invalid", "true")
    message = page.locator("#" + field.get_attribute("aria-describedby").split()[-1])
    expect(message).to_contain_text("« date » : cette date n'existe pas")
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "non")


def test_an_identifier_is_refused_and_never_echoed(atelier: tuple) -> None:
    page, _ = atelier
    page.set_input_files("#fichier", str(EXAMPLES / "premier-fait.yaml"))
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    page.locator("#c-faits-0-libelle").fill(f"Appeler au {PHONE}")
    expect(page.locator("#c-faits-0-libelle")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#etat")).to_contain_text("identifiant direct")
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "non")
    expect(page.locator("[data-indicateur]")).to_have_count(0)
    assert "numéro de téléphone" in page.locator("#resume-erreurs").inner_text()
    digits = PHONE.replace(" ", "")
    html = page.content()
    texts = page.evaluate("() => document.body.innerText")
    for where in (html, texts, html.replace(" ", "")):
        assert PHONE not in where and digits not in where
    # A refused file is not put in the form at all.
    page.set_input_files("#fichier", str(ROOT / "tests" / "fixtures" / "frise" / "identifiants.yaml"))
    expect(page.locator("#etat")).to_contain_text("Fichier refusé")
    expect(page.locator("#c-faits-0-id")).to_have_count(0)


@pytest.mark.parametrize("button, suffix", [("#enregistrer-yaml", ".yaml"), ("#enregistrer-csv", ".csv")])
def test_saved_case_reads_back_the_same_with_frise(atelier: tuple, tmp_path: Path, button: str,
                                                   suffix: str) -> None:
    page, log = atelier
    source = EXAMPLES / "parcours-long.yaml"
    page.set_input_files("#fichier", str(source))
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    with page.expect_download() as download:
        page.locator(button).click()
    saved = tmp_path / ("EX-2026-001" + suffix)
    download.value.save_as(saved)
    assert download.value.suggested_filename == saved.name
    done = subprocess.run([sys.executable, "-m", "generator.timeline.cli", str(saved), "--json"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        done = subprocess.run([str(ROOT / ".venv" / "bin" / "frise"), str(saved), "--json"],
                              capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == python_indicators(source)
    assert log.external() == []


def test_the_standalone_page_is_saved(atelier: tuple, tmp_path: Path, browser: object) -> None:
    page, _ = atelier
    page.set_input_files("#fichier", str(EXAMPLES / "desistance.yaml"))
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    with page.expect_download() as download:
        page.locator("#enregistrer-page").click()
    saved = tmp_path / "frise.html"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "EX-2026-003.html"  # as `frise` names it
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    other = context.new_page()
    other.goto(saved.as_uri())
    # The saved page is the page `frise` writes for the case: its charts, and every section
    # with the same text (tests/test_atelier_differential.py checks this on many cases).
    expect(other.locator("#frise-graphique .main-svg").first).to_be_attached()
    expect(other.locator("#frise-gravite .main-svg").first).to_be_attached()
    expected = python_indicators(EXAMPLES / "desistance.yaml")
    assert other.locator('[data-indicateur="nb_episodes"]').get_attribute("data-valeur") == str(expected["nb_episodes"])
    frise_page = tmp_path / "frise-python.html"
    frise_page.write_bytes(render_page_bytes(load_case(EXAMPLES / "desistance.yaml"), "professionnel",
                                             catalogue_url=atelier_data()["page"]["leads"]["catalogue_url"]))
    python_page = browser.new_page()
    python_page.goto(frise_page.as_uri())
    expect(python_page.locator("#frise-graphique .main-svg").first).to_be_attached()
    texts = ("Array.from(document.querySelectorAll('header, main section, footer'),"
             " s => s.innerText.replace(/\\s+/g, ' ').trim())")
    assert other.evaluate(texts) == python_page.evaluate(texts)
    assert len(other.evaluate(texts)) >= 9
    assert other.title() == python_page.title()
    python_page.close()
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
    context.close()


def test_clear_everything_and_no_serious_accessibility_violation(atelier: tuple) -> None:
    page, log = atelier
    page.set_input_files("#fichier", str(EXAMPLES / "obligations.yaml"))
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    page.locator("#c-faits-0-date").fill("2099")   # an error shown, for axe to see
    expect(page.locator("#resume-erreurs")).to_be_visible()
    assert_no_serious_violation(page, "atelier frise")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#effacer").click()
    expect(page.locator("#etat")).to_contain_text("Tout est effacé")
    expect(page.locator("#c-faits-0-id")).to_have_count(0)
    assert page.evaluate("() => window.localStorage.length + window.sessionStorage.length") == 0
    assert log.external() == []


@pytest.mark.parametrize("width", [1366, 390, 320])
def test_screenshots_and_no_sideways_scroll(atelier: tuple, width: int) -> None:
    page, _ = atelier
    page.set_viewport_size({"width": width, "height": 900})
    page.set_input_files("#fichier", str(EXAMPLES / "parcours-long.yaml"))
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    screenshot(page, f"atelier-{width}")


def test_timings_are_fast_enough(atelier: tuple) -> None:
    page, _ = atelier
    page.set_input_files("#fichier", str(EXAMPLES / "parcours-long.yaml"))
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    took = page.evaluate("""() => { const times = [];
        for (let i = 0; i < 5; i++) {   // the median of 5, after the first (compiling) run
            const t = performance.now(); window.RepereAtelier.check(); times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b); return times[2]; }""")
    assert took < 200, took
    assert datetime.date.today()  # the page's default date_reference is today's


def test_drop_a_file_a_latin1_file_and_the_template(atelier: tuple, tmp_path: Path) -> None:
    page, log = atelier
    text = (EXAMPLES / "csv" / "desistance.csv").read_text(encoding="utf-8")
    page.evaluate("""(text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], 'desistance.csv', {type: 'text/csv'}));
        document.getElementById('zone-depot').dispatchEvent(
            new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
    }""", text)
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    expect(page.locator('[data-indicateur="nb_episodes"]')).to_have_attribute(
        "data-valeur", str(python_indicators(EXAMPLES / "desistance.yaml")["nb_episodes"]))
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("dossier: EX-1\nannee_naissance: 1990\nfaits:\n  - libelle: Vol à l'étalage\n".encode("latin-1"))
    page.set_input_files("#fichier", str(latin))
    expect(page.locator("#etat")).to_contain_text("ligne 4 : le fichier n'est pas encodé en UTF-8")
    with page.expect_download() as download:
        page.locator("#guide summary").click()
        page.locator("#modele").click()
    saved = tmp_path / "modele.csv"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "modele-dossier.csv"
    assert saved.read_bytes().decode("utf-8-sig").splitlines() == (
        EXAMPLES / "modele-dossier.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert log.external() == []


def test_unsaved_changes_are_warned_before_leaving(atelier: tuple) -> None:
    page, _ = atelier
    page.set_input_files("#fichier", str(EXAMPLES / "premier-fait.yaml"))
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    page.locator("#c-faits-0-libelle").fill("Vol simple")
    page.locator("body").click()  # a user gesture: Chromium asks only after one
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)  # the dialog comes from the browser, not from a page state
    assert dialogs == ["beforeunload"]


def test_the_printed_summary_is_one_a4_landscape_page(atelier: tuple, tmp_path: Path) -> None:
    page, _ = atelier
    page.set_input_files("#fichier", str(EXAMPLES / "parcours-long.yaml"))
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    expect(page.locator("#impression-entete")).to_have_text("Dossier EX-2026-001 — synthèse au 1er novembre 2026")
    pdf = page.pdf(format="A4", landscape=True, print_background=False)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.emulate_media(media="print")
    expect(page.locator("#formulaire")).to_be_hidden()
    expect(page.locator("#cartes")).to_be_visible()


def test_the_atelier_shows_the_frise_page_sections_in_both_views(atelier: tuple) -> None:
    """Under the charts, the sections of the frise page (static/page.js), kept up to date."""
    page, _ = atelier
    page.set_input_files("#fichier", str(EXAMPLES / "desistance.yaml"))
    expect(page.locator("#frise")).to_have_attribute("data-dessinee", "oui")
    expect(page.locator("#suite #titre-liens")).to_have_text("Au même moment")
    expect(page.locator("#suite #tableau-chronologique tbody tr").first).to_be_attached()
    expect(page.locator("#suite #frise-gravite .main-svg").first).to_be_attached()
    page.locator("#c-faits-0-libelle").fill("Libellé d'essai")
    expect(page.locator("#suite #tableau-chronologique")).to_contain_text("Libellé d'essai")
    page.locator('input[name="vue"][value="personne"]').check()
    expect(page.locator("#suite #titre-appuis")).to_have_text("Vos points d’appui")
    expect(page.locator("#suite #titre-liens")).to_have_text("Le temps sans nouveau fait")
    expect(page.locator("#suite #frise-gravite .main-svg").first).to_be_attached()
