"""Shared fixtures: a real headless Chromium (Debian's), driven by Playwright's Python client.

We never run ``playwright install`` (it downloads a browser, which fails here): the test
command installs Debian's ``chromium`` and we point Playwright at it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("REPERE_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
]

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[object]:
    """One Playwright driver for the session: a second ``sync_playwright()`` while one runs fails."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium introuvable : {CHROMIUM}")
        pytest.skip(f"Chromium introuvable : {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver: object) -> Iterator[object]:
    """One headless Chromium for the whole test session (skipped only outside CI when absent)."""
    chromium = playwright_driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def plain_browser(playwright_driver: object) -> Iterator[object]:
    """Chromium without --allow-file-access-from-files: what a double-click on the zip gets."""
    chromium = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True,
        args=[arg for arg in CHROMIUM_ARGS if arg != "--allow-file-access-from-files"])
    yield chromium
    chromium.close()


class RequestLog:
    """Every URL a page asked for, so tests can assert that nothing left ``file://``."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def external(self) -> list[str]:
        return [url for url in self.urls if not url.startswith(("file://", "data:", "blob:", "about:"))]


@pytest.fixture
def page_with_log(browser: object) -> Iterator[tuple[object, RequestLog]]:
    """A fresh page in a fresh context, with its requests recorded."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    log = RequestLog()
    context.on("request", lambda request: log.urls.append(request.url))
    page = context.new_page()
    yield page, log
    context.close()


@pytest.fixture(scope="session")
def starter_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real build of the repository's starter content, unzipped from its offline zip."""
    import zipfile

    from generator.catalogue.site_build import main

    out = tmp_path_factory.mktemp("starter")
    assert main(["--site-dir", str(out / "site")]) == 0
    with zipfile.ZipFile(out / "dist" / "repere-hors-ligne.zip") as archive:
        archive.extractall(out / "unzipped")
    return out / "unzipped" / "repere-hors-ligne"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real build of the small fixture catalogue (escaping, elisions: texts chosen for tests)."""
    from generator.catalogue.site_build import main

    out = tmp_path_factory.mktemp("fixture-site")
    content = REPO_ROOT / "tests" / "fixtures" / "catalogue" / "valide"
    assert main(["--content", str(content), "--site-dir", str(out / "site")]) == 0
    return out / "site"


SCREENSHOTS = REPO_ROOT / "test-results" / "screenshots"


def screenshot(page: object, name: str) -> Path:
    """Full-page PNG under test-results/screenshots/, for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
