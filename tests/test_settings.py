"""``generator/settings.py``: one object saying where our files are, in a checkout or a package."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import settings, vendor

REPO = Path(__file__).resolve().parent.parent


def test_a_checkout_uses_its_own_files() -> None:
    found = settings.load()
    assert found.templates == REPO / "templates"
    assert (found.templates / "frise" / "page.html.j2").is_file()
    assert found.mkdocs_config == REPO / "mkdocs.yml"
    assert found.browser_libraries == REPO / "node_modules"
    assert found.demo_case.is_file()


def test_an_installed_copy_uses_the_package_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(settings, "CHECKOUT", tmp_path)  # no templates/ there: not a checkout
    found = settings.load()
    assert found.templates == settings.PACKAGE_DATA / "templates"
    assert found.browser_libraries == settings.PACKAGE_DATA / "browser"
    assert found.content_dir == Path("content")


def test_catalogue_url_is_read_from_mkdocs_yml(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("repo_url: !ENV [X, 'y']\nextra:\n  catalogue_url: https://intranet/repere/\n",
                      encoding="utf-8")
    assert settings.Settings(tmp_path, tmp_path, config, tmp_path, tmp_path, tmp_path).catalogue_url == \
        "https://intranet/repere/"
    config.write_text("extra: [pas, un, dictionnaire]\n", encoding="utf-8")
    settings._catalogue_url.cache_clear()
    assert settings.Settings(tmp_path, tmp_path, config, tmp_path, tmp_path, tmp_path).catalogue_url is None


def test_vendor_copies_what_an_installed_frise_needs(tmp_path: Path) -> None:
    copied = {path.relative_to(tmp_path).as_posix() for path in vendor.copy_package_data(REPO, tmp_path / "data")}
    assert "data/templates/frise/page.html.j2" in copied
    assert "data/browser/plotly.js-basic-dist-min/plotly-basic.min.js" in copied
    assert "data/mkdocs.yml" in copied and "data/examples/parcours-long.yaml" in copied


def test_vendor_says_in_french_when_npm_was_not_run(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    with pytest.raises(vendor.MissingPackageData, match="npm ci"):
        vendor.copy_package_data(tmp_path, tmp_path / "data")
