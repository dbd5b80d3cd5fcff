"""Generated pages opened from ``file://`` in headless Chromium (Debian's, see conftest.py).

Checked: the chart is drawn under the page's Content-Security-Policy, in French, with every
trace; the accessible table is there; no request leaves the file; hostile strings fire no
dialog; axe finds no WCAG 2.1 AA violation; the print layout is A4 landscape without modebar.
Screenshots of both views go to the test's temporary folder, and to ``$FRISE_CAPTURES`` when
set (``FRISE_CAPTURES=docs/img`` refreshes the images of docs/frise.md).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

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
    drawn = page.evaluate("document.getElementById('frise-graphique').data.length")
    assert drawn == len(expected["frise-graphique"]["data"])
    # Every trace has its SVG group (scatter and bar layers).
    groups = page.evaluate("document.querySelectorAll('#frise-graphique g.trace').length")
    assert groups >= drawn - 1  # the legend-only gravity keys draw no point
    assert page.locator("#frise-gravite .main-svg").count() >= 1
    rows = page.locator("section.chronologie tbody tr").count()
    assert rows == 25
    assert page.locator("section.chronologie caption").count() == 1
    assert page.title() == "Frise du parcours judiciaire — dossier RENDU-001"
    # The drawing is hidden from screen readers (the table says it all); the buttons are not.
    hidden = page.evaluate("""[...document.querySelectorAll('#frise-graphique svg.main-svg')]
        .map(svg => svg.getAttribute('aria-hidden'))""")
    assert hidden and set(hidden) == {"true"}
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # the table link in the caption
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.modebar') !== null")
    opened.clean()
    # Only the page itself was requested: no script, font or image from anywhere.
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
    assert not page.locator("#frise-graphique .modebar a[href*='plotly']").count()  # no logo link
    # Zoom on a few months: the date ticks use French month names.
    page.evaluate("""Plotly.relayout('frise-graphique',
        {'xaxis.range': ['2012-01-01', '2012-09-01']})""")
    page.wait_for_timeout(300)
    ticks = page.evaluate(
        "[...document.querySelectorAll('#frise-graphique .xtick text')].map(t => t.textContent)")
    assert any(month in " ".join(ticks) for month in ("févr.", "avr.", "juin", "août"))


def test_hover_shows_french_details(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "complet.yaml")
    opened = Opened(page_with_log, out_dir / "RENDU-001.html")
    opened.wait_for_chart()
    page = opened.page
    page.locator("#frise-graphique").scroll_into_view_if_needed()
    # Pixel position of the armed robbery (the only crime), from plotly's own axes.
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


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_hostile_strings_fire_nothing(page_with_log, tmp_path: Path, view: str) -> None:
    out_dir = generate(tmp_path, RENDER / "xss.yaml", "--vue", view)
    name = "RENDU-XSS.html" if view == "professionnel" else "RENDU-XSS-personne.html"
    opened = Opened(page_with_log, out_dir / name)
    opened.wait_for_chart()
    page = opened.page
    # Hover every point so that plotly renders the hostile hover texts too.
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
    opened.clean()  # 'self' matches file: URLs in Chromium: no CSP violation
    assert sorted(opened.log.urls) == sorted([
        (out_dir / "RENDU-001.html").as_uri(), (out_dir / "plotly-basic.min.js").as_uri()])


def test_without_the_shared_script_the_page_says_so(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "complet.yaml", "--js-partage")
    (out_dir / "plotly-basic.min.js").unlink()
    opened = Opened(page_with_log, out_dir / "RENDU-001.html")
    opened.page.wait_for_load_state("load")
    assert opened.page.locator(".sans-graphique").first.is_visible()
    assert opened.page.locator("section.chronologie tbody tr").count() == 25


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_axe_finds_no_wcag_aa_violation(page_with_log, tmp_path: Path, view: str) -> None:
    if not AXE.exists():
        pytest.skip("axe-core absent (npm ci)")
    out_dir = generate(tmp_path, RENDER / "complet.yaml", "--vue", view)
    name = "RENDU-001.html" if view == "professionnel" else "RENDU-001-personne.html"
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


def test_print_is_a4_landscape_without_modebar(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "complet.yaml")
    opened = Opened(page_with_log, out_dir / "RENDU-001.html")
    opened.wait_for_chart()
    page = opened.page
    page.emulate_media(media="print")
    display = page.evaluate(
        "getComputedStyle(document.querySelector('#frise-graphique .modebar-container')).display")
    assert display == "none"
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    # A4 landscape in PDF points: 842 × 595.
    assert b"/MediaBox [0 0 841.91" in pdf or b"/MediaBox [0 0 842" in pdf


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_screenshots(page_with_log, tmp_path: Path, view: str) -> None:
    """Both views of an example, for the eyes (and for docs/frise.md with FRISE_CAPTURES)."""
    source = EXAMPLES / "desistance.yaml"
    if not source.exists():
        source = RENDER / "complet.yaml"
    out_dir = generate(tmp_path, source, "--vue", view)
    (page_file,) = out_dir.glob("*.html")
    opened = Opened(page_with_log, page_file)
    opened.wait_for_chart()
    opened.page.wait_for_timeout(300)
    whole = tmp_path / f"frise-{view}-page.png"
    opened.page.screenshot(path=str(whole), full_page=True)
    assert whole.stat().st_size > 10_000
    # The picture for the docs: from the top down to the chart (professional view) or down to
    # the plain-words section (personne view), which is what each view is for.
    last = "section.frise" if view == "professionnel" else "section.liens .phrases"
    bottom = opened.page.evaluate(
        f"document.querySelector({last!r}).getBoundingClientRect().bottom + window.scrollY")
    top = tmp_path / f"frise-{view}.png"
    opened.page.screenshot(path=str(top), full_page=True,
                           clip={"x": 0, "y": 0, "width": 1280, "height": bottom + 16})
    captures = os.environ.get("FRISE_CAPTURES")
    if captures:
        Path(captures).mkdir(parents=True, exist_ok=True)
        shutil.copy(top, Path(captures) / top.name)
    opened.clean()
