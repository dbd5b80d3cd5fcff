"""``python build.py --serve`` end to end: the served page follows a save, the search index follows it
after, a mistake keeps the last good page; never a traceback (generator/catalogue/engine.py: serve)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "catalogue" / "valide"
SERVE = """
import sys
from pathlib import Path
from generator.catalogue import preview
from generator.settings import DEFAULT
preview.PREVIEW_DOCS = Path(sys.argv[2])
sys.exit(preview.serve(Path(sys.argv[1]), DEFAULT.mkdocs_config, host=sys.argv[3]))
"""
WAIT_SECONDS = 60  # a generous bound for a loaded CI machine; the wait ends as soon as the page changed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our local server
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_until(url: str, condition: object) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        page = fetch(url)
        if condition(page):  # type: ignore[operator]
            return page
        time.sleep(0.05)
    raise AssertionError(f"{url} never reached the expected state")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content)
    host = f"127.0.0.1:{free_port()}"
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, "-c", SERVE, str(content), str(tmp_path / "docs"), host],
                                   cwd=REPO, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield f"http://{host}", content, log
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def test_a_saved_sheet_shows_then_reaches_the_search_index(server: tuple[str, Path, Path]) -> None:
    url, content, log = server
    page = wait_until(f"{url}/outils/outil-minimal.html", lambda text: "<html" in text)
    assert 'id="mode-demploi"' in page
    sheet = content / "tools" / "outil-minimal.md"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\nUne phrase Jetonserveur.\n", encoding="utf-8")
    wait_until(f"{url}/outils/outil-minimal.html", lambda text: "Jetonserveur" in text)
    wait_until(f"{url}/assets/search-index.js", lambda text: "jetonserveur" in text.lower())
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_a_mistake_keeps_the_last_good_page_and_says_so(server: tuple[str, Path, Path]) -> None:
    url, content, log = server
    wait_until(f"{url}/outils/outil-minimal.html", lambda text: "<html" in text)
    sheet = content / "tools" / "outil-minimal.md"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("titre:", "titr:", 1), encoding="utf-8")
    home = wait_until(f"{url}/", lambda text: "problème(s) dans les fiches" in text)
    assert "outil-minimal.md" in home
    assert "<html" in fetch(f"{url}/outils/outil-minimal.html")  # the last good page stays
    assert "Traceback" not in log.read_text(encoding="utf-8")
