"""The ``frise`` command's pages take the site's brand (``extra.marque`` of mkdocs.yml, read by
``generator/settings.py``): no browser needed for what the HTML and the written files say."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import settings
from generator.settings import NEUTRAL_BRAND, PageBrand
from generator.timeline import cli, render
from generator.timeline.loader import load_case

REPO = Path(__file__).resolve().parent.parent
CASE = REPO / "examples" / "dossiers" / "parcours-long.yaml"
STATE = PageBrand(state=True, ministry="Ministère de la Justice", service="Repère")


def brand_of(tmp_path: Path, text: str) -> PageBrand:
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    settings._brand.cache_clear()
    try:
        return settings.Settings(tmp_path, tmp_path, config, tmp_path, tmp_path, tmp_path).brand
    finally:
        settings._brand.cache_clear()


@pytest.mark.parametrize(("text", "expected"), [
    ("site_name: Repère\nextra:\n  marque: neutre\n", PageBrand(False, "", "Repère")),
    ("site_name: Repère\nextra:\n  marque: \" Neutre \"\n", PageBrand(False, "", "Repère")),
    ("site_name: SPIP 75\nextra:\n  marque:\n    ministere: Ministère X\n", PageBrand(True, "Ministère X", "SPIP 75")),
    ("repo_url: !ENV [X, 'y']\n", PageBrand(True, "Ministère de la Justice", "Repère")),
    ("extra: [pas, un, dictionnaire]\n", PageBrand(True, "Ministère de la Justice", "Repère")),
])
def test_brand_is_read_like_the_sites(tmp_path: Path, text: str, expected: PageBrand) -> None:
    assert brand_of(tmp_path, text) == expected


def test_state_page_embeds_marianne_and_allows_data_fonts_only() -> None:
    page = render.render_page(load_case(CASE), brand=STATE)
    assert "img-src data: blob:; font-src data:\">" in page
    assert "data:font/woff2;base64," in page
    assert '<p class="bloc-marque">' in page and "République<br>française" in page
    assert "Ministère de la Justice" in page
    assert len(page.encode()) <= 1_400_000  # the standalone budget (docs/benchmarks.md)


def test_shared_page_reads_marianne_beside_it() -> None:
    page = render.render_page(load_case(CASE), shared_script_src=render.SHARED_SCRIPT_NAME, brand=STATE)
    assert "font-src &#39;self&#39; file:" in page
    assert 'url("Marianne-Regular.woff2")' in page and 'url("Marianne-Bold.woff2")' in page
    assert "data:font" not in page


def test_neutral_page_has_no_state_mark() -> None:
    page = render.render_page(load_case(CASE), brand=NEUTRAL_BRAND)
    assert "font-src" not in page and "Marianne" not in page and "République" not in page


def test_brand_escapes_its_words() -> None:
    hostile = PageBrand(True, "<script>alert(1)</script>", "Repère & co")
    page = render.render_page(load_case(CASE), brand=hostile)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Repère &amp; co" in page


def test_missing_dsfr_is_said_in_french_before_any_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from generator.browser_libs import MissingBrowserLibrary

    def missing(*args: object, **kwargs: object) -> Path:
        raise MissingBrowserLibrary("@gouvfr/dsfr est introuvable : lancez « npm ci ».")

    monkeypatch.setattr(render, "library_file", missing)
    monkeypatch.setattr(cli, "configured_brand", lambda: STATE)
    render._brand_file.cache_clear()
    render.brand_style.cache_clear()
    try:
        assert cli.main([str(CASE), "-o", str(tmp_path / "pages")]) == 1
    finally:
        render._brand_file.cache_clear()
        render.brand_style.cache_clear()
    err = capsys.readouterr().err
    assert "frise : " in err and "marque: neutre" in err and "Traceback" not in err
    assert not list((tmp_path / "pages").glob("*.html"))

