"""The State look on pages written by the ``frise`` command (issue 14), opened from ``file://``.

Checked in headless Chromium (Debian's, see conftest.py): with the State brand (``extra.marque``
of mkdocs.yml, the default) the page shows the bloc-marque « République française », the
ministry and the service, draws its text in Marianne — embedded as data: URLs in a standalone
page, read beside the pages with ``--js-partage`` — under its own Content-Security-Policy, with
no request leaving the file; the neutral brand keeps the system fonts and no bloc-marque; axe
finds no WCAG 2.1 AA violation; no sideways scroll at 320 px; the print keeps the key figures
and the chart on the first page. Screenshots of both views at 1366 and 320 px go to
``test-results/screenshots/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.settings import PageBrand
from generator.timeline import cli
from tests.conftest import screenshot
from tests.test_frise_browser import AXE, EXAMPLES, RENDER, Opened, generate, print_layout, until

pytestmark = pytest.mark.browser

MARIANNE_LOADED = """[...document.fonts].some(f => f.family.replace(/"/g, '') === 'Marianne'
    && f.status === 'loaded')"""
FIRST_FONT = "getComputedStyle(document.querySelector('h1')).fontFamily.split(',')[0].replace(/\"/g, '')"


def opened_page(page_with_log, out_dir: Path) -> Opened:
    (page_file,) = out_dir.glob("*.html")
    opened = Opened(page_with_log, page_file)
    opened.wait_for_chart()
    until(opened.page, "document.getElementById('frise-graphique').dataset.dessine === 'oui'")
    return opened


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_standalone_page_has_the_state_look_without_network(page_with_log, tmp_path: Path, view: str) -> None:
    out_dir = generate(tmp_path, EXAMPLES / "parcours-long.yaml", "--vue", view)
    opened = opened_page(page_with_log, out_dir)
    page = opened.page
    marque = page.locator("header.entete .bloc-marque")
    expect(marque).to_be_visible()
    expect(marque.locator(".fr-logo")).to_have_text(re.compile(r"République\s*française"))
    expect(marque.locator(".bloc-marque__ministere")).to_have_text("Ministère de la Justice")
    expect(marque.locator(".bloc-marque__nom")).to_have_text("Repère")
    until(page, MARIANNE_LOADED)
    assert page.evaluate(FIRST_FONT) == "Marianne"
    # The fonts travel inside the page: its policy allows data: fonts, nothing else.
    csp = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert "font-src data:" in csp and "'self'" not in csp
    assert page.evaluate("getComputedStyle(document.querySelector('a')).color") in (
        "rgb(0, 0, 145)", "rgb(0, 0, 0)")
    # The logo's Marianne drawing (a data: SVG of the DSFR's stylesheet) is there.
    before = page.evaluate("getComputedStyle(document.querySelector('.fr-logo'), '::before').backgroundImage")
    assert before.startswith('url("data:image/svg+xml')
    opened.clean()
    assert opened.log.urls == [next(out_dir.glob("*.html")).as_uri()]


def test_shared_pages_read_marianne_beside_them(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, RENDER / "complet.yaml", "--js-partage")
    assert sorted(p.name for p in out_dir.glob("*.woff2")) == ["Marianne-Bold.woff2", "Marianne-Regular.woff2"]
    opened = opened_page(page_with_log, out_dir)
    page = opened.page
    until(page, MARIANNE_LOADED)
    expect(page.locator(".bloc-marque")).to_be_visible()
    assert any(url.endswith("/Marianne-Regular.woff2") for url in opened.log.urls)
    assert "data:font" not in next(out_dir.glob("*.html")).read_text(encoding="utf-8")
    opened.clean()
    # A second run into the same folder accepts the fonts it wrote (they are not foreign).
    assert cli.main([str(RENDER / "complet.yaml"), "--js-partage", "-o", str(out_dir)]) == 0


def test_neutral_brand_keeps_system_fonts_and_no_bloc_marque(
        page_with_log, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "configured_brand", lambda: PageBrand(state=False, ministry="", service="Repère"))
    out_dir = generate(tmp_path, EXAMPLES / "parcours-long.yaml")
    opened = opened_page(page_with_log, out_dir)
    page = opened.page
    expect(page.locator("h1")).to_be_visible()
    assert page.locator(".bloc-marque, .fr-logo").count() == 0
    assert page.evaluate(FIRST_FONT) == "system-ui"
    assert not page.evaluate(MARIANNE_LOADED)
    csp = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert "font-src" not in csp
    html = next(out_dir.glob("*.html")).read_text(encoding="utf-8")
    assert "Marianne" not in html and "République" not in html
    opened.clean()


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_axe_with_the_state_look(page_with_log, tmp_path: Path, view: str) -> None:
    if not AXE.exists():
        pytest.skip("axe-core absent (npm ci)")
    out_dir = generate(tmp_path, RENDER / "v2.yaml", "--vue", view)
    opened = opened_page(page_with_log, out_dir)
    page = opened.page
    until(page, MARIANNE_LOADED)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate("""async () => {
        const result = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return result.violations.map(v => v.id + ': ' + v.nodes.length);
    }""")
    assert violations == []


def test_print_keeps_the_bloc_marque_small(page_with_log, tmp_path: Path) -> None:
    out_dir = generate(tmp_path, EXAMPLES / "parcours-long.yaml")
    opened = opened_page(page_with_log, out_dir)
    page = opened.page
    print_layout(page)
    expect(page.locator(".bloc-marque")).to_be_visible()
    # Page 1 (190 mm ≈ 718 px): the bloc-marque, the cards and the whole chart.
    assert page.evaluate("document.querySelector('section.frise').getBoundingClientRect().bottom") <= 718
    opened.clean()


@pytest.mark.parametrize("view", ["professionnel", "personne"])
@pytest.mark.parametrize("width", [1366, 320])
def test_screenshots_with_the_state_look(page_with_log, tmp_path: Path, view: str, width: int) -> None:
    out_dir = generate(tmp_path, EXAMPLES / "parcours-long.yaml", "--vue", view)
    opened = opened_page(page_with_log, out_dir)
    page = opened.page
    page.set_viewport_size({"width": width, "height": 900})
    until(page, MARIANNE_LOADED)
    expect(page.locator(".bloc-marque")).to_be_visible()
    # plotly redraws on resize: wait until the chart and the page fit the new width.
    until(page, f"""document.querySelector('#frise-graphique .main-svg').getBoundingClientRect().width <= {width}
        && document.documentElement.scrollWidth <= {width}""")
    page.wait_for_timeout(300)
    path = screenshot(page, f"frise-marque-{view}-{width}")
    assert path.stat().st_size > 10_000
    opened.clean()
