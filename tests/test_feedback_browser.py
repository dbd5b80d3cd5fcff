"""« J'ai utilisé cet outil » in Chromium: filled with the keyboard, refused with a message tied to
the field when it would identify someone (and then nothing is output), a valid entry copied and
read back by the build, the mailto: and forge links, the shared table, axe, screenshots.

The site is the real starter content built with an e-mail address and a forge "new issue" page
(the intranet's settings), served over http (the intranet) or opened from ``file://`` (the zip).
"""

from __future__ import annotations

import datetime
import functools
import http.server
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from generator.catalogue import feedback_check
from generator.catalogue.loader import load_catalogue
from generator.catalogue.site_build import main as build_main
from tests.conftest import REPO_ROOT, screenshot
from tests.feedback_table import FEEDBACK_TABLE
from tests.test_accessibility import AXE, assert_no_serious_violation

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EMAIL = "retours-repere@spip.test"
FORGE = "https://forge.intranet.test/repere/-/issues/new"
SHEET = "outils/budget.html"
SHEET_TITLE = "Budget mensuel"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("retours")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("REPERE_RETOURS_EMAIL", EMAIL)
        env.setenv("REPERE_NOUVELLE_DEMANDE_URL", FORGE)
        assert build_main(["--site-dir", str(out / "site")]) == 0
    return out / "site"


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def open_form(page: object, url: str) -> None:
    page.goto(url)
    expect(page.locator("#jai-utilise")).to_be_visible()


def tab_to(page: object, element_id: str, limit: int = 8) -> None:
    """Press Tab until ``element_id`` has the focus (the date field has several stops)."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    expect(page.locator(f"#{element_id}")).to_be_focused()


def fill_with_keyboard(page: object, contexte: str, worked: str, watch: str) -> None:
    page.locator("#retour-contexte").focus()
    page.keyboard.type(contexte)
    tab_to(page, "retour-marche")
    page.keyboard.type(worked)
    tab_to(page, "retour-vigilance")
    page.keyboard.type(watch)
    tab_to(page, "retour-preparer")
    page.keyboard.press("Enter")


def field_error(page: object, name: str) -> object:
    return page.locator(f"#retour-{name}-erreur")


def test_valid_entry_is_prepared_copied_and_read_back_by_the_build(browser, served: str, tmp_path: Path) -> None:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
    page = context.new_page()
    open_form(page, served + SHEET)
    today = datetime.date.today().isoformat()
    expect(page.locator("#retour-date")).to_have_value(today)
    fill_with_keyboard(page, "CPIP, milieu ouvert, antenne rurale",
                       "Le tableau « prévu / réel » parle plus que nos échanges : 2 séances suffisent.",
                       "Prévoir une calculatrice ; certains ont honte de leurs dettes.")
    expect(page.locator("#retour-statut")).to_contain_text("Votre retour est prêt")
    expect(page.locator("#retour-resultat")).to_contain_text(
        "Un collègue relit votre retour avant qu’il apparaisse sur la fiche")
    shown = page.locator("#retour-yaml").text_content()

    tab_to(page, "retour-copier", limit=12)
    page.keyboard.press("Enter")
    expect(page.locator("#retour-statut")).to_contain_text("Retour copié")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == shown
    entry = yaml.safe_load("retours:\n" + copied)["retours"][0]
    texte = ("Ce qui a fonctionné\u00a0: Le tableau « prévu / réel » parle plus que nos échanges : 2 séances "
             "suffisent.\nPoints de vigilance\u00a0: Prévoir une calculatrice ; certains ont honte de leurs dettes.")
    assert entry == {"date": datetime.date.today(), "contexte": "CPIP, milieu ouvert, antenne rurale", "texte": texte}

    # Pasted under `retours:` of a sheet, the build accepts it as it is.
    sheet = tmp_path / "tools" / "outil.md"
    sheet.parent.mkdir(parents=True)
    sheet.write_text("---\ntitre: Outil\nresume: Résumé.\nfacteurs_risques: [addictions]\nmodalite: [individuel]\n"
                     "duree: 20\nretours:\n" + copied + "---\n## Déroulé\n", encoding="utf-8")
    feedback = load_catalogue(tmp_path).tools["outil"].retours[0]
    assert (feedback.date.isoformat(), feedback.contexte, feedback.texte) == (today, entry["contexte"], texte)

    # mailto: to the configured address, subject naming the sheet, body holding the entry.
    href = page.locator("#retour-email").get_attribute("href")
    parts = urllib.parse.urlsplit(href)
    query = urllib.parse.parse_qs(parts.query)
    assert (parts.scheme, parts.path) == ("mailto", EMAIL)
    assert query["subject"] == [f"Retour d’expérience : {SHEET_TITLE}"]
    assert query["body"][0].startswith("Fiche : content/tools/budget.md\n")
    assert query["body"][0].endswith(copied)
    expect(page.locator("#retour-email")).to_be_visible()

    # The forge's new issue (GitLab spelling), prefilled the same way, on the intranet only.
    forge = urllib.parse.urlsplit(page.locator("#retour-forge").get_attribute("href"))
    assert urllib.parse.urlunsplit(forge._replace(query="")) == FORGE
    forge_query = urllib.parse.parse_qs(forge.query)
    assert forge_query["issue[title]"] == query["subject"]
    assert forge_query["issue[description]"] == query["body"]
    expect(page.locator("#retour-forge")).to_be_visible()

    # Changing a field withdraws the prepared entry until it is prepared again.
    page.locator("#retour-contexte").focus()
    page.keyboard.type(" bis")
    expect(page.locator("#retour-resultat")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("where, value, kind", [
    ("contexte", "CPIP, joignable à camille.martin@justice.fr", "email"),
    ("contexte", "Mme Bernard, CPIP", "civility"),
    ("marche", "Rappeler le 06 12 34 56 78 pour le support", "phone"),
    ("vigilance", "Voir avec M. Martin avant la séance", "civility"),
    ("marche", "Écrire à contact@spip.test", "email"),
])
def test_identifying_data_is_refused_with_a_message_and_no_output(page, served: str, where: str, value: str,
                                                                  kind: str) -> None:
    open_form(page, served + SHEET)
    values = {"contexte": "CPIP, milieu fermé", "marche": "Support clair.", "vigilance": "Prévoir du temps.",
              where: value}
    fill_with_keyboard(page, values["contexte"], values["marche"], values["vigilance"])
    error = field_error(page, where)
    expect(error).to_have_text(feedback_check.refusal_message(kind))
    expect(page.locator(f"#retour-{where}")).to_have_attribute("aria-invalid", "true")
    assert f"retour-{where}-erreur" in page.locator(f"#retour-{where}").get_attribute("aria-describedby").split()
    expect(page.locator(f"#retour-{where}")).to_be_focused()
    expect(page.locator("#retour-statut")).to_have_text("Retour non préparé\u00a0: un champ est à corriger.")
    expect(page.locator("#retour-resultat")).to_be_hidden()
    assert page.locator("#retour-yaml").text_content() == ""
    assert page.locator("#retour-email").get_attribute("href") is None
    # Refused, not cleaned: the field keeps what was typed; the message does not repeat it.
    expect(page.locator(f"#retour-{where}")).to_have_value(value)
    for word in value.split():
        if "@" in word or word[:1].isdigit() or word in ("Bernard,", "Martin"):
            assert word.strip(",") not in error.text_content()


def test_length_is_counted_live_and_over_the_limit_is_refused(page, served: str) -> None:
    open_form(page, served + SHEET)
    prefix = len("Ce qui a fonctionné\u00a0: ")
    page.locator("#retour-contexte").fill("CPIP")
    page.locator("#retour-marche").fill("é" * (1000 - prefix))
    expect(page.locator("#retour-compteur")).to_have_text("1\u202f000\u00a0/ 1\u202f000 caractères")
    page.locator("#retour-marche").press("End")
    page.keyboard.type("x")
    expect(page.locator("#retour-compteur")).to_have_text("1\u202f001\u00a0/ 1\u202f000 caractères (1 de trop)")
    page.locator("#retour-preparer").press("Enter")
    expect(field_error(page, "marche")).to_contain_text("Le retour fait 1\u202f001 caractères, 1\u202f000 au plus")
    expect(page.locator("#retour-resultat")).to_be_hidden()
    page.locator("#retour-marche").press("Backspace")
    page.locator("#retour-preparer").press("Enter")
    expect(page.locator("#retour-resultat")).to_be_visible()
    expect(field_error(page, "marche")).to_be_hidden()


def test_empty_form_says_what_is_missing(page, served: str) -> None:
    open_form(page, served + SHEET)
    page.locator("#retour-preparer").press("Enter")
    expect(field_error(page, "contexte")).to_have_text("Indiquez votre fonction et/ou votre service (sans nom).")
    expect(field_error(page, "marche")).to_contain_text("au moins ce qui a fonctionné")
    expect(page.locator("#retour-statut")).to_have_text("Retour non préparé\u00a0: 2 champs sont à corriger.")
    expect(page.locator("#retour-contexte")).to_be_focused()


def test_the_shared_table_gives_the_same_refusals_in_the_page(page, served: str) -> None:
    open_form(page, served + SHEET)
    texts = [text for text, _ in FEEDBACK_TABLE]
    found = page.evaluate("(texts) => texts.map((t) => window.RepereRetour.refusedKinds(t))", texts)
    assert found == [kinds for _, kinds in FEEDBACK_TABLE]
    assert found == [feedback_check.findings(text) for text in texts]


def test_offline_page_has_the_form_but_no_forge_link(page, site: Path) -> None:
    open_form(page, (site / SHEET).as_uri())
    fill_with_keyboard(page, "CPIP", "Utile.", "")
    expect(page.locator("#retour-resultat")).to_be_visible()
    expect(page.locator("#retour-email")).to_be_visible()
    expect(page.locator("#retour-forge")).to_be_hidden()


def test_without_javascript_there_is_no_form(browser, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / SHEET).as_uri())
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("#jai-utilise")).to_be_hidden()
    context.close()


def test_method_pages_have_no_form(page, site: Path) -> None:
    page.goto((site / "methodes" / "desistance.html").as_uri())
    expect(page.locator("h1")).to_contain_text("désistance")
    assert page.locator("#jai-utilise").count() == 0


@pytest.mark.skipif(not AXE.exists(), reason="axe-core absent (npm ci)")
def test_axe_on_the_form_refused_and_prepared_and_on_a_method_page(page, served: str, site: Path) -> None:
    open_form(page, served + SHEET)
    fill_with_keyboard(page, "M. Martin", "Utile.", "")
    expect(field_error(page, "contexte")).to_be_visible()
    assert_no_serious_violation(page, "formulaire refusé")
    page.locator("#retour-contexte").fill("CPIP, milieu ouvert")
    page.locator("#retour-preparer").press("Enter")
    expect(page.locator("#retour-resultat")).to_be_visible()
    assert_no_serious_violation(page, "retour préparé")
    page.goto((site / "methodes" / "modele-rbr.html").as_uri())
    expect(page.locator("h1")).to_be_visible()
    assert_no_serious_violation(page, "page méthode")


@pytest.mark.parametrize("width", [1366, 320])
def test_screenshots_of_a_method_page_and_of_the_form(browser, served: str, site: Path, width: int) -> None:
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto((site / "methodes" / "entretien-motivationnel.html").as_uri())
    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    assert screenshot(page, f"methode-{width}").exists()
    open_form(page, served + SHEET)
    fill_with_keyboard(page, "CPIP, milieu ouvert", "La grille a servi de fil rouge.", "Appeler le 06 12 34 56 78")
    expect(field_error(page, "vigilance")).to_be_visible()
    page.locator("#jai-utilise").scroll_into_view_if_needed()
    # The form and everything in it fit the screen (the sheet's header above is not ours to judge).
    widest = page.evaluate("""() => Math.max(...[document.getElementById('jai-utilise'),
        ...document.querySelectorAll('#jai-utilise *')].map((el) => el.getBoundingClientRect().right))""")
    assert widest <= width
    path = REPO_ROOT / "test-results" / "screenshots" / f"retour-formulaire-{width}.png"
    page.locator("#jai-utilise").screenshot(path=str(path))
    assert path.exists()
    context.close()
