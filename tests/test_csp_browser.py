"""The catalogue's Content-Security-Policy, measured in Chromium (issue 11, defect 3).

A site is built from the fixture catalogue plus a sheet using every rich element the contract
allows, then every kind of page is opened from ``file://`` (the offline zip, in a browser started
WITHOUT --allow-file-access-from-files, as an officer double-clicking index.html) and over http:
no CSP violation, no dialog, no console error, and search still opens and answers. An inline
script and an event handler injected into a built page must not run.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.catalogue.body_html import TABLE_ALIGN_STYLES
from generator.catalogue.site_build import main as build_main

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "catalogue" / "valide"
RICH_SHEET = """---
titre: Outil riche
resume: Une fiche qui utilise tout ce que le contrat permet.
facteurs_risques: [addictions]
modalite: [individuel]
duree: 30
---
## Déroulé

Texte *en italique*, **en gras**, `code`, <abbr title="Conseiller d'insertion et de probation">CPIP</abbr>,
<kbd>Ctrl</kbd> + <kbd>P</kbd><br>
une ligne après un saut.

| Étape | Qui | Durée |
|:------|:---:|------:|
| Accueil | CPIP | 5 min |

<details markdown="1">
<summary>Pour aller plus loin</summary>

- [un site](https://exemple.fr/page)
- [un courriel](mailto:equipe@spip.example)
- [une ancre](#deroule)

</details>

!!! note "À savoir"
    Une remarque.

## Suite {: #suite .important }

> Une citation.
"""
# Page kinds: home, factor, catalogue, sheet (rich), programme, plan, methods.
PAGES = ("index.html", "facteurs/addictions.html", "catalogue.html", "outils/outil-riche.html",
         "programmes/programme-test.html", "plan.html")
WATCH = """window.__violations = [];
document.addEventListener('securitypolicyviolation', event => window.__violations.push(
    event.violatedDirective + ' ' + event.blockedURI + ' ' + (event.sourceFile || '') + ':' + event.lineNumber));"""


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csp")
    content = out / "content"
    shutil.copytree(FIXTURES, content)
    (content / "tools" / "outil-riche.md").write_text(RICH_SHEET, encoding="utf-8")
    assert build_main(["--content", str(content), "--site-dir", str(out / "site")]) == 0
    with zipfile.ZipFile(out / "dist" / "repere-hors-ligne.zip") as archive:
        archive.extractall(out / "unzipped")
    return out


@pytest.fixture(scope="module")
def served(rich_site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(rich_site / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _bases(rich_site: Path, served: str) -> dict[str, str]:
    return {"file": (rich_site / "unzipped" / "repere-hors-ligne").as_uri() + "/", "http": served}


def _open(browser: object, url: str) -> tuple[object, object, list[str]]:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    troubles: list[str] = []
    page.on("dialog", lambda dialog: (troubles.append("dialog: " + dialog.message), dialog.dismiss()))
    page.on("console", lambda message: troubles.append("console: " + message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: troubles.append(f"pageerror: {error}"))
    page.add_init_script(WATCH)
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, troubles


@pytest.mark.parametrize("scheme", ["file", "http"])
@pytest.mark.parametrize("relative", PAGES)
def test_no_violation_on_any_page_kind(plain_browser: object, rich_site: Path, served: str,
                                       scheme: str, relative: str) -> None:
    context, page, troubles = _open(plain_browser, _bases(rich_site, served)[scheme] + relative)
    try:
        # Material's script ran (it marks the page "js"), so scripts from files are allowed.
        expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))
        if relative == "catalogue.html":
            expect(page.locator("#repere-liste li").first).to_be_visible()
        if relative == "outils/outil-riche.html":
            expect(page.locator("td[style='text-align: center;']")).to_have_css("text-align", "center")
        assert page.evaluate("window.__violations") == []
        assert troubles == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_search_opens_and_answers_under_the_policy(plain_browser: object, rich_site: Path, served: str,
                                                   scheme: str) -> None:
    context, page, troubles = _open(plain_browser, _bases(rich_site, served)[scheme] + "index.html")
    try:
        page.keyboard.press("/")
        field = page.locator("#repere-recherche-champ")
        expect(field).to_be_focused()
        field.press_sequentially("riche", delay=20)
        expect(page.locator(".repere-recherche__resultat a").first).to_contain_text("Outil riche")
        assert page.evaluate("window.__violations") == []
        assert troubles == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_injected_inline_script_does_not_run(plain_browser: object, rich_site: Path, served: str,
                                             scheme: str) -> None:
    """Were a script to slip into a page (a bug of ours), the policy still stops it."""
    for root in (rich_site / "site", rich_site / "unzipped" / "repere-hors-ligne"):
        page_file = root / "outils" / "outil-riche.html"
        text = page_file.read_text(encoding="utf-8")
        injected = ('<script>window.__injecte = 1; alert("script");</script>'
                    '<img src="x" onerror="window.__injecte = 2; alert(\'image\')">'
                    '<a id="piege" href="javascript:window.__injecte=3">lien</a>')
        (root / "outils" / "injecte.html").write_text(text.replace("</article>", injected + "</article>", 1),
                                                      encoding="utf-8")
    context, page, troubles = _open(plain_browser, _bases(rich_site, served)[scheme] + "outils/injecte.html")
    try:
        expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))
        page.wait_for_function("() => window.__violations.length >= 2")
        page.locator("#piege").click()
        page.wait_for_function("() => window.__violations.length >= 3")
        assert page.evaluate("window.__injecte") is None
        assert not any(trouble.startswith("dialog") for trouble in troubles)
        directives = " ".join(page.evaluate("window.__violations"))
        assert "script-src-elem" in directives and "script-src-attr" in directives
    finally:
        context.close()
        for root in (rich_site / "site", rich_site / "unzipped" / "repere-hors-ligne"):
            (root / "outils" / "injecte.html").unlink(missing_ok=True)


def test_policy_allows_exactly_markdowns_table_alignments(rich_site: Path) -> None:
    page = (rich_site / "site" / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)[1]
    hashes = set(re.findall(r"'sha256-([^']+)'", policy))
    assert hashes == {base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
                      for style in TABLE_ALIGN_STYLES}
    for directive in ("default-src 'self'", "script-src 'self';", "object-src 'none'", "base-uri 'none'",
                      "form-action 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_every_page_has_the_policy_before_any_script(rich_site: Path) -> None:
    for path in (rich_site / "unzipped" / "repere-hors-ligne").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if "<html" not in text or "/frise/" in path.as_posix() or path.name == "injecte.html":
            continue  # the frise demo pages carry their own policy (generator/timeline)
        policy = text.find('http-equiv="Content-Security-Policy"')
        assert policy != -1, path
        first_script = text.find("<script")
        assert first_script == -1 or policy < first_script, path
        assert re.search(r"<script>(?!</script>)", text) is None, f"inline script in {path}"


def test_with_matomo_the_intranet_policy_names_it_and_the_zip_keeps_the_strict_one(
        tmp_path: Path, plain_browser: object) -> None:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("REPERE_MATOMO_URL", "https://stats.intranet.example/matomo/")
        env.setenv("REPERE_MATOMO_SITE_ID", "7")
        assert build_main(["--content", str(FIXTURES), "--site-dir", str(tmp_path / "site")]) == 0
    intranet = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    active = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', intranet)[1]
    assert "script-src 'self' https://stats.intranet.example;" in active
    with zipfile.ZipFile(tmp_path / "dist" / "repere-hors-ligne.zip") as archive:
        archive.extractall(tmp_path / "unzipped")
    offline = tmp_path / "unzipped" / "repere-hors-ligne" / "index.html"
    text = offline.read_text(encoding="utf-8")
    assert "stats.intranet" not in text and "<template>" not in text
    assert text.count('http-equiv="Content-Security-Policy"') == 1
    # The strict policy left in the zip is the page's policy: an inline script is blocked.
    offline.write_text(text.replace("</body>", "<script>window.__injecte = 1;</script></body>"), encoding="utf-8")
    context, page, _ = _open(plain_browser, offline.as_uri())
    try:
        page.wait_for_function("() => window.__violations.length >= 1")
        assert page.evaluate("window.__injecte") is None
    finally:
        context.close()
