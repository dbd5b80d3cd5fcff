"""Optional Matomo on the intranet: off by default, never in the offline zip, Do Not Track respected."""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.catalogue.site_build import main as build_main

FIXTURES = Path(__file__).parent / "fixtures" / "catalogue" / "valide"
MATOMO = "https://stats.intranet.example/"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def measured_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("matomo")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("REPERE_MATOMO_URL", MATOMO)
        env.setenv("REPERE_MATOMO_SITE_ID", "7")
        assert build_main(["--content", str(FIXTURES), "--site-dir", str(out / "site")]) == 0
    return out


def test_off_by_default(tmp_path: Path) -> None:
    assert build_main(["--content", str(FIXTURES), "--site-dir", str(tmp_path / "site")]) == 0
    assert "matomo" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_intranet_pages_carry_it_and_the_zip_never_does(measured_build: Path) -> None:
    assert f'"{MATOMO}"' in (measured_build / "site" / "index.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(measured_build / "dist" / "repere-hors-ligne.zip") as archive:
        pages = [name for name in archive.namelist() if name.endswith(".html")]
        assert pages
        for name in pages:
            assert b"matomo" not in archive.read(name), name


@pytest.fixture(scope="module")
def served(measured_build: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(measured_build / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def tracker_requests(browser, url: str, do_not_track: bool) -> list[str]:
    context = browser.new_context()
    if do_not_track:
        context.add_init_script("Object.defineProperty(navigator, 'doNotTrack', {get: () => '1'})")
    seen: list[str] = []
    context.route(f"{MATOMO}**", lambda route: (seen.append(route.request.url),
                                                route.fulfill(status=200, body="", content_type="text/javascript")))
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.close()
    return seen


@pytest.mark.browser
def test_measure_runs_on_the_intranet_unless_do_not_track(browser, served: str) -> None:
    assert tracker_requests(browser, served, do_not_track=False) == [f"{MATOMO}matomo.js"]
    assert tracker_requests(browser, served, do_not_track=True) == []


@pytest.mark.browser
def test_measure_never_runs_from_file(browser, measured_build: Path) -> None:
    assert tracker_requests(browser, (measured_build / "site" / "index.html").as_uri(), do_not_track=False) == []
