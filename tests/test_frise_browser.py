"""Generated pages opened from ``file://`` in headless Chromium (Debian's, see conftest.py).

Checked: the chart is drawn under the page's Content-Security-Policy, in French, with every
trace; the accessible table is there; no request leaves the file; hostile strings fire no
dialog; axe finds no WCAG 2.1 AA violation; lanes hide completely and presets set the range,
with the keyboard; the PNG export downloads; « Copier le tableau » puts an HTML table and
tab-separated text on the clipboard; no sideways scroll at 320 px; the print is A4 landscape
with the key figures and the labelled timeline on its first page. Screenshots of both views go to
the test's temporary folder, and to ``$FRISE_CAPTURES`` when set (``FRISE_CAPTURES=docs/img``
refreshes the images of docs/frise.md).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.timeline import cli

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
RENDER = Path(__file__).parent / "fixtures" / "frise" / "render"
EXAMPLES = REPO / "examples" / "dossiers"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

# Records CSP violations before any page script runs (init scripts are not subject to the CSP).
WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  (event) => window.__csp.push(event.violatedDirective + ' ' + event.blockedURI));
"""


def generate(tmp_path: Path, *args: str | Path) -> Path:
    out_dir = tmp_path / "pages"
    code = cli.main([*(str(a) for a in args), "-o", str(out_dir)])
    assert code == 0
    return out_dir


def until(page, expression: str, timeout: float = 10.0) -> None:
    """Wait until a page expression is true. (``page.wait_for_function`` polls through an
    eval, which the page's own CSP forbids; ``page.evaluate`` is not subject to it.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"toujours faux : {expression}"
        page.wait_for_timeout(50)


class Opened:
    """A page opened from file://, with what it logged."""

    def __init__(self, page_and_log: tuple[object, object], path: Path) -> None:
        self.page, self.log = page_and_log
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda message: self.console.append(
            f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.add_init_script(WATCH_CSP)
        self.page.goto(path.as_uri())

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def wait_for_chart(self, selector: str = "#frise-graphique .main-svg") -> None:
        self.page.wait_for_selector(selector, state="attached", timeout=15_000)

    def clean(self) -> None:
        assert self.log.external() == []
        assert self.errors == []
        assert self.page.evaluate("window.__csp") == []
        assert [m for m in self.console if m.startswith("error")] == []


def test_standalone_page_draws_every_trace_from_file(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "complet.yaml")
    opened = Opened(page_with_log, out_dir / "RENDU-001.html")
    opened.wait_for_chart()
    page = opened.page
    expected = json.loads(page.eval_on_selector("#frise-donnees", "node => node.textContent"))
    until(page, "document.getElementById('frise-graphique').dataset.dessine === 'oui'")
    drawn = page.evaluate("document.getElementById('frise-graphique').data.length")
    assert drawn == len(expected["frise-graphique"]["data"])
    groups = page.evaluate("document.querySelectorAll('#frise-graphique g.trace').length")
    assert groups >= drawn - 3  # the legend-only gravity keys draw no point
    assert page.locator("#frise-gravite .main-svg").count() >= 1
    assert page.locator("section.chronologie tbody tr").count() == 25
    assert page.locator("section.chronologie caption").count() == 1
    assert page.title() == "Frise du parcours judiciaire — dossier RENDU-001"
    hidden = page.evaluate("""[...document.querySelectorAll('#frise-graphique svg.main-svg')]
        .map(svg => svg.getAttribute('aria-hidden'))""")
    assert hidden and set(hidden) == {"true"}
    # Keyboard: skip link, the table link in the caption, then the preset buttons.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.plage !== undefined")
    opened.clean()
    assert opened.log.urls == [(out_dir / "RENDU-001.html").as_uri()]


def test_chart_speaks_french(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "complet.yaml")
    opened = Opened(page_with_log, out_dir / "RENDU-001.html")
    opened.wait_for_chart()
    page = opened.page
    titles = page.evaluate(
        "[...document.querySelectorAll('#frise-graphique .modebar-btn')].map(b => b.dataset.title)")
    assert "Enregistrer le graphique en image PNG" in titles
    assert "Zoom avant" in titles and "Revenir à la vue entière" in titles
    assert not page.locator("#frise-graphique .modebar a[href*='plotly']").count()
    page.evaluate("""Plotly.relayout('frise-graphique',
        {'xaxis.range': ['2012-01-01', '2012-09-01']})""")
    until(page, """[...document.querySelectorAll('#frise-graphique .xtick text')]
        .some(t => /févr\\.|avr\\.|juin|août/.test(t.textContent))""")


def test_hover_shows_french_details(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "complet.yaml")
    opened = Opened(page_with_log, out_dir / "RENDU-001.html")
    opened.wait_for_chart()
    page = opened.page
    page.locator("#frise-graphique").scroll_into_view_if_needed()
    x, y = page.evaluate("""() => {
        const gd = document.getElementById('frise-graphique');
        const trace = gd.data.find(t => t.name === 'Vols avec violence');
        const layout = gd._fullLayout, box = gd.getBoundingClientRect();
        return [box.left + layout._size.l + layout.xaxis.d2p(trace.x[0]),
                box.top + layout._size.t + layout.yaxis.d2p(trace.y[0])];
    }""")
    page.mouse.move(x, y)
    page.wait_for_selector("#frise-graphique .hoverlayer .hovertext", timeout=5_000)
    text = page.locator("#frise-graphique .hoverlayer .hovertext").first.text_content()
    assert "Infraction" in text and "février 2017" in text and "Crime" in text
    assert "22 ou 23" in text  # an age range


def test_lane_toggle_hides_a_lane_completely_with_the_keyboard(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "v2.yaml")
    opened = Opened(page_with_log, out_dir / "RENDU-V2.html")
    opened.wait_for_chart()
    page = opened.page
    labels = "[...document.querySelectorAll('#frise-graphique .ytick text')].map(t => t.textContent)"
    until(page, f"{labels}.includes('Mesures de suivi')")
    before = page.evaluate(labels)
    height = page.evaluate("document.getElementById('frise-graphique').layout.height")
    button = page.locator("button[data-ligne='mesures']")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "false")
    until(page, f"!{labels}.includes('Mesures de suivi')")
    after = page.evaluate(labels)
    assert after == [label for label in before if label != "Mesures de suivi"]
    # Its traces are gone (not merely emptied) and the chart is shorter: no empty band left.
    visible = page.evaluate("""document.getElementById('frise-graphique').data
        .filter(t => t.meta === 'mesures' && t.visible !== false).length""")
    assert visible == 0
    assert page.evaluate("document.getElementById('frise-graphique').layout.height") < height
    expect(page.locator("#frise-annonce")).to_have_text("Ligne masquée : Mesures de suivi")
    page.keyboard.press("Space")
    until(page, f"{labels}.includes('Mesures de suivi')")
    assert page.evaluate(labels) == before
    opened.clean()


def test_presets_change_the_time_range(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "complet.yaml")
    opened = Opened(page_with_log, out_dir / "RENDU-001.html")
    opened.wait_for_chart()
    page = opened.page
    start = "document.getElementById('frise-graphique').layout.xaxis.range[0]"
    full = page.evaluate(start)
    recent = page.get_by_role("button", name="Les 3 dernières années")
    recent.focus()
    page.keyboard.press("Enter")
    expect(recent).to_have_attribute("aria-pressed", "true")
    until(page, f"String({start}).slice(0, 4) === '2023'")
    page.get_by_role("button", name="Depuis la dernière sortie").click()
    until(page, f"String({start}).slice(0, 7) === '2020-01'")  # release 2020-03, 45 days before
    page.get_by_role("button", name="Tout le parcours").click()
    until(page, f"String({start}).slice(0, 10) === {json.dumps(str(full)[:10])}")
    opened.clean()


def test_png_export_downloads_under_the_csp(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "complet.yaml")
    opened = Opened(page_with_log, out_dir / "RENDU-001.html")
    opened.wait_for_chart()
    page = opened.page
    with page.expect_download(timeout=15_000) as download:
        page.locator("#frise-graphique .modebar-btn[data-title='Enregistrer le graphique en image PNG']").click()
    assert download.value.suggested_filename == "frise-RENDU-001.png"
    path = download.value.path()
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # Plotly's notice is French, and nothing was blocked.
    notice = page.locator(".plotly-notifier")
    expect(notice).to_contain_text("Image enregistrée - frise-RENDU-001.png")
    for english in ("Preparing", "succeeded", "Sorry", "problem"):
        assert english not in notice.inner_text()
    opened.clean()


def test_copy_table_puts_html_and_text_on_the_clipboard(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "complet.yaml")
    page, _ = page_with_log
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    opened = Opened(page_with_log, out_dir / "RENDU-001.html")
    opened.wait_for_chart()
    button = page.get_by_role("button", name="Copier le tableau")
    expect(button).to_be_visible()
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#frise-annonce")).to_have_text(
        "Tableau copié : collez-le dans votre traitement de texte.")
    copied = page.evaluate("""async () => {
        const items = await navigator.clipboard.read();
        const out = {};
        for (const type of items[0].types) { out[type] = await (await items[0].getType(type)).text(); }
        return out;
    }""")
    assert copied["text/html"].count("<tr>") == 26 and "<table" in copied["text/html"]
    assert "<caption>Tout le contenu de la frise" in copied["text/html"]
    lines = copied["text/plain"].split("\r\n")
    assert lines[0] == "Date\tFin\tType\tDescription\tPrécisions" and len(lines) == 26
    assert "mars 2012\t—\tInfraction\tVols et recels · délit" in copied["text/plain"]
    opened.clean()


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_hostile_strings_fire_nothing(page_with_log, tmp_path: Path, view: str) -> None:
    out_dir = generate(tmp_path, RENDER / "xss.yaml", "--vue", view)
    name = "RENDU-XSS.html" if view == "professionnel" else "RENDU-XSS-personne.html"
    opened = Opened(page_with_log, out_dir / name)
    opened.wait_for_chart()
    page = opened.page
    page.evaluate("""() => {
        const gd = document.getElementById('frise-graphique');
        gd.data.forEach((trace, curveNumber) => (trace.x || []).forEach((_, pointNumber) =>
            Plotly.Fx.hover(gd, [{curveNumber, pointNumber}])));
    }""")
    page.wait_for_timeout(300)
    assert opened.dialogs == []
    assert page.evaluate("document.querySelectorAll('img, svg image').length") == 0
    table = page.locator("section.chronologie").text_content()
    assert "</script><script>alert(1)</script>" in table
    assert "<img src=x onerror=alert(4)>" in table
    opened.clean()


def test_shared_script_pages_load_plotly_beside_them(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "complet.yaml", "--js-partage")
    opened = Opened(page_with_log, out_dir / "RENDU-001.html")
    opened.wait_for_chart()
    opened.clean()
    # With the State brand, Marianne is read beside the pages too (test_frise_brand_browser.py).
    fonts = [(out_dir / name).as_uri() for name in cli.SHARED_FONT_NAMES]
    assert sorted(url for url in opened.log.urls if url not in fonts) == sorted([
        (out_dir / "RENDU-001.html").as_uri(), (out_dir / "plotly-basic.min.js").as_uri()])


def test_without_the_shared_script_the_page_says_so(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "complet.yaml", "--js-partage")
    (out_dir / "plotly-basic.min.js").unlink()
    opened = Opened(page_with_log, out_dir / "RENDU-001.html")
    opened.page.wait_for_load_state("load")
    expect(opened.page.locator(".sans-graphique").first).to_be_visible()
    assert opened.page.locator("section.chronologie tbody tr").count() == 25
    expect(opened.page.get_by_role("button", name="Copier le tableau")).to_be_visible()


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_axe_finds_no_wcag_aa_violation(page_with_log, tmp_path: Path, view: str) -> None:
    if not AXE.exists():
        pytest.skip("axe-core absent (npm ci)")
    out_dir = generate(tmp_path, RENDER / "v2.yaml", "--vue", view)
    name = "RENDU-V2.html" if view == "professionnel" else "RENDU-V2-personne.html"
    opened = Opened(page_with_log, out_dir / name)
    opened.wait_for_chart()
    page = opened.page
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate("""async () => {
        const result = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return result.violations.map(v => v.id + ': ' + v.nodes.length);
    }""")
    assert violations == []


@pytest.mark.parametrize("view", ["professionnel", "personne"])
@pytest.mark.parametrize("width", [320, 390])
def test_no_sideways_scroll_on_a_phone(browser, tmp_path: Path, view: str, width: int) -> None:
    out_dir = generate(tmp_path, EXAMPLES / "parcours-long.yaml", "--vue", view)
    (page_file,) = out_dir.glob("*.html")
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="fr-FR")
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_selector("#frise-graphique .main-svg", state="attached", timeout=15_000)
    until(page, "document.getElementById('frise-graphique').dataset.dessine === 'oui'")
    # Drawn over the case's own time range (not an empty default axis).
    expected = json.loads(page.eval_on_selector("#frise-donnees", "n => n.textContent"))
    start = expected["frise-graphique"]["layout"]["xaxis"]["range"][0]
    drawn = page.evaluate("document.getElementById('frise-graphique').layout.xaxis.range[0]")
    assert str(drawn)[:10] == start
    assert page.locator("#frise-graphique .barlayer .point").count() > 5
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    widest = page.evaluate("""Math.max(...[...document.querySelectorAll('table')]
        .map(t => t.getBoundingClientRect().right))""")
    assert widest <= width
    # The legend is below the plot, not over it.
    legend, plot = page.evaluate("""() => {
        const gd = document.getElementById('frise-graphique');
        return [gd.querySelector('.legend').getBoundingClientRect().top,
                gd.querySelector('.xaxislayer-above').getBoundingClientRect().bottom];
    }""")
    assert legend >= plot - 2
    context.close()


def print_layout(page) -> None:
    """What Chromium lays out for an A4 landscape sheet: 277 mm ≈ 1047 px wide, print media."""
    page.set_viewport_size({"width": 1047, "height": 794})
    page.emulate_media(media="print")
    until(page, "document.getElementById('frise-graphique').layout.width === 1040")
    page.wait_for_timeout(300)


@pytest.mark.parametrize("example", ["parcours-long", "premier-fait"])
def test_print_first_page_holds_key_figures_and_labelled_timeline(
        page_with_log, tmp_path: Path, example: str) -> None:
    out_dir = generate(tmp_path, EXAMPLES / f"{example}.yaml")
    (page_file,) = out_dir.glob("*.html")
    opened = Opened(page_with_log, page_file)
    opened.wait_for_chart()
    page = opened.page
    print_layout(page)
    display = page.evaluate(
        "getComputedStyle(document.querySelector('#frise-graphique .modebar-container')).display")
    assert display == "none"
    # Page 1 (190 mm ≈ 718 px high with 9 mm margins): the cards and the whole chart.
    bottom = page.evaluate("document.querySelector('section.frise').getBoundingClientRect().bottom")
    assert bottom <= 718
    assert page.evaluate("getComputedStyle(document.querySelector('.suite')).breakBefore") == "page"
    # Bar labels are drawn (none dropped), and the legend sits below the date axis.
    labels = page.evaluate("""[...document.querySelectorAll(
        '#frise-graphique .barlayer text, #frise-graphique .scatterlayer .textpoint text')]
        .map(t => t.textContent).filter(Boolean)""")
    expected = json.loads(page.eval_on_selector("#frise-donnees", "n => n.textContent"))
    wanted = [text for trace in expected["frise-graphique"]["data"]
              for text in (trace.get("text") or []) if text and trace.get("mode") != "markers"]
    assert sorted(labels) == sorted(t.replace("&#x27;", "'") for t in wanted)
    legend, axis = page.evaluate("""() => {
        const gd = document.getElementById('frise-graphique');
        return [gd.querySelector('.legend').getBoundingClientRect().top,
                gd.querySelector('.xaxislayer-above').getBoundingClientRect().bottom];
    }""")
    assert legend >= axis - 2
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert b"/MediaBox [0 0 841.91" in pdf or b"/MediaBox [0 0 842" in pdf
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 2 <= pages <= 8
    opened.clean()


def test_print_is_readable_in_grey(page_with_log, tmp_path: Path) -> None:
    """Meaning never rests on colour alone: patterns on life periods and custody kinds, shapes
    for gravity, respect and decisions (checked on the drawn figure)."""
    out_dir = generate(tmp_path, RENDER / "v2.yaml")
    opened = Opened(page_with_log, out_dir / "RENDU-V2.html")
    opened.wait_for_chart()
    data = opened.page.evaluate("document.getElementById('frise-graphique').data")
    difficult = [t for t in data if t.get("name") == "Période difficile"]
    assert difficult and all(t["marker"]["pattern"]["shape"] for t in difficult)
    shapes = {t.get("name"): t["marker"]["symbol"] for t in data
              if t.get("legendgroup") == "obligations"}
    assert len(set(shapes.values())) == len(shapes) == 4
    opened.clean()


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_screenshots(page_with_log, tmp_path: Path, view: str) -> None:
    """Both views of an example, for the eyes (and for docs/frise.md with FRISE_CAPTURES)."""
    source = EXAMPLES / "parcours-long.yaml"
    out_dir = generate(tmp_path, source, "--vue", view)
    (page_file,) = out_dir.glob("*.html")
    opened = Opened(page_with_log, page_file)
    opened.wait_for_chart()
    page = opened.page
    page.set_viewport_size({"width": 1366, "height": 900})
    until(page, "document.getElementById('frise-graphique').dataset.dessine === 'oui'")
    page.wait_for_timeout(300)
    whole = tmp_path / f"frise-{view}-page.png"
    page.screenshot(path=str(whole), full_page=True)
    assert whole.stat().st_size > 10_000
    last = "section.frise" if view == "professionnel" else "section.appuis"
    bottom = page.evaluate(
        f"document.querySelector({last!r}).getBoundingClientRect().bottom + window.scrollY")
    top = tmp_path / f"frise-{view}.png"
    page.screenshot(path=str(top), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1366, "height": bottom + 16})
    captures = os.environ.get("FRISE_CAPTURES")
    if captures:
        Path(captures).mkdir(parents=True, exist_ok=True)
        shutil.copy(top, Path(captures) / top.name)
        if view == "professionnel":
            print_layout(page)
            printed = Path(captures) / "frise-impression.png"
            page.screenshot(path=str(printed), clip={"x": 0, "y": 0, "width": 1047, "height": 718})
    opened.clean()
