"""A build killed with SIGKILL leaves the previous site/ and zip intact; the next build succeeds.

``python build.py`` runs as a real subprocess on a large generated catalogue (slow enough to be
caught while writing) over a site/ and zip built from the small fixture content. Kill points:
as soon as MkDocs starts writing the new site (``.site.new-<pid>`` appears next to site/), as
soon as the new zip appears, and at random moments. The moment of a swap itself, where the old
site is moved aside before the new one moves in, is reproduced on disk and recovered.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from generator.catalogue.site_build import main

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "catalogue"
LARGE = 150  # sheets: a few seconds of build, MkDocs writing pages for over a second of it
POLL = 0.01
GIVE_UP = 120  # seconds: a safety net if the build never reaches the awaited step, not a measure
KILLS_AT_RANDOM = 3
BODY = "\n\n".join(f"## Étape {step}\n\n" + "Une phrase du mode d'emploi, pour que la page pèse. " * 20
                   for step in range(1, 9))


def fingerprint(*roots: Path) -> dict[str, str]:
    files = [path for root in roots for path in ([root] if root.is_file() else root.rglob("*"))]
    return {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in files if path.is_file()}


def write_large_content(folder: Path) -> Path:
    tools = folder / "tools"
    tools.mkdir(parents=True)
    for number in range(LARGE):
        (tools / f"outil-{number:04d}.md").write_text(
            f"---\ntitre: Outil numéro {number}\nresume: Un outil généré pour une longue construction.\n"
            f"facteurs_risques: [addictions]\nmodalite: [individuel]\nduree: 30\n---\n{BODY}\n",
            encoding="utf-8")
    return folder


class Build:
    """``python build.py`` as a subprocess, as a user starts it."""

    def __init__(self, content: Path, site: Path) -> None:
        self.site = site
        self.zip = site.parent / "dist" / "repere-hors-ligne.zip"
        self.process = subprocess.Popen(
            [sys.executable, "build.py", "--content", str(content), "--site-dir", str(site)],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        self.started = time.monotonic()

    def temporary(self, target: Path) -> Path:
        return target.parent / f".{target.name}.new-{self.process.pid}"

    def wait_for(self, path: Path) -> bool:
        """True once ``path`` exists; False if the build ended first."""
        while not path.exists():
            if self.process.poll() is not None:
                return False
            assert time.monotonic() - self.started < GIVE_UP, f"{path.name} jamais apparu"
            time.sleep(POLL)
        return True

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.process.stderr.close()
        # Its worker (the search index on the second core) must end with it, not wait forever.
        deadline = time.monotonic() + 10
        while session_processes(self.process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert session_processes(self.process.pid) == [], "un processus de la construction a survécu"


def session_processes(session: int) -> list[int]:
    """Live processes of a session, read from /proc (psutil is not installed)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def large_content(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The large content, and how long its complete build takes here (to draw kill moments)."""
    folder = tmp_path_factory.mktemp("grand")
    content = write_large_content(folder / "contenu")
    build = Build(content, folder / "essai" / "site")
    assert build.process.wait(timeout=GIVE_UP) == 0, build.process.stderr.read().decode()
    build.process.stderr.close()
    assert complete_site(folder / "essai" / "site")
    return content, time.monotonic() - build.started


@pytest.fixture(scope="module")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("petit")
    assert main(["--content", str(FIXTURES / "valide"), "--site-dir", str(out / "site")]) == 0
    return out


@pytest.fixture
def previous(small_build: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A site/ and zip built from the small fixture content, and their fingerprint."""
    shutil.copytree(small_build / "site", tmp_path / "site")
    shutil.copytree(small_build / "dist", tmp_path / "dist")
    site = tmp_path / "site"
    return site, fingerprint(*outputs(site))


def outputs(site: Path) -> tuple[Path, Path]:
    """What a user sees: site/ and the zip (a killed build's temporary files are not outputs)."""
    return site, site.parent / "dist" / "repere-hors-ligne.zip"


def assert_previous_intact(site: Path, before: dict[str, str]) -> None:
    assert fingerprint(*outputs(site)) == before


def assert_next_build_succeeds_and_cleans(site: Path, content: Path, expected_tools: int) -> None:
    assert main(["--content", str(content), "--site-dir", str(site)]) == 0
    assert len(list((site / "outils").glob("*.html"))) == expected_tools
    with zipfile.ZipFile(site.parent / "dist" / "repere-hors-ligne.zip") as archive:
        assert archive.testzip() is None
    leftovers = [path.name for folder in (site.parent, site.parent / "dist") for path in folder.iterdir()
                 if path.name.startswith(".")]
    assert leftovers == []


def test_killed_while_writing_the_site(previous, large_content: tuple[Path, float]) -> None:
    site, before = previous
    build = Build(large_content[0], site)
    assert build.wait_for(build.temporary(site)), build.process.stderr.read().decode()
    build.kill()
    assert build.temporary(site).exists()  # it was killed in the middle, not before or after
    assert_previous_intact(site, before)
    assert_next_build_succeeds_and_cleans(site, FIXTURES / "valide", expected_tools=2)


def test_killed_while_writing_the_zip(previous, large_content: tuple[Path, float]) -> None:
    site, before = previous
    build = Build(large_content[0], site)
    assert build.wait_for(build.temporary(build.zip)), build.process.stderr.read().decode()
    build.kill()
    assert_previous_intact(site, before)
    assert_next_build_succeeds_and_cleans(site, FIXTURES / "valide", expected_tools=2)


def test_killed_at_random_moments(previous, large_content: tuple[Path, float]) -> None:
    """Wherever the kill lands, site/ and the zip are each the previous one or a complete new one."""
    site, before = previous
    content, length = large_content
    old_site = {name: digest for name, digest in before.items() if "/dist/" not in name}
    old_zip = {name: digest for name, digest in before.items() if "/dist/" in name}
    chance = random.Random(os.environ.get("REPERE_GRAINE_INTERRUPTION", "20240318"))
    for _ in range(KILLS_AT_RANDOM):
        build = Build(content, site)
        time.sleep(chance.uniform(0, length))
        build.kill()
        if site.exists():
            assert fingerprint(site) == old_site or complete_site(site)
        else:  # killed between the two renames of the swap: the old site waits beside it
            assert list(site.parent.glob(".site.old-*"))
        zip_now = fingerprint(outputs(site)[1])
        assert zip_now == old_zip or complete_zip(build.zip)
    # Whatever state the kills left, the next build puts everything right.
    assert_next_build_succeeds_and_cleans(site, FIXTURES / "valide", expected_tools=2)


def complete_site(site: Path) -> bool:
    return (site / "index.html").is_file() and len(list((site / "outils").glob("*.html"))) == LARGE


def complete_zip(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return archive.testzip() is None and sum(
            name.startswith("repere-hors-ligne/outils/") and name.endswith(".html")
            for name in archive.namelist()) == LARGE


def test_killed_between_the_two_renames_of_the_swap(previous, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The old site moved aside, the new one not yet in: the next run puts the old one back,
    even when its own content is faulty (nothing of its own is written then)."""
    site, before = previous
    # What publish.swap_in leaves between its two os.replace calls.
    aside = tmp_path / ".site.old-4242"
    os.replace(site, aside)
    (tmp_path / ".site.new-4242").mkdir()
    (tmp_path / ".site.new-4242" / "index.html").write_text("moitié", encoding="utf-8")
    assert main(["--content", str(FIXTURES / "fautif"), "--site-dir", str(site)]) == 1
    assert "le site précédent est inchangé" in capsys.readouterr().err
    assert_previous_intact(site, before)
    assert_next_build_succeeds_and_cleans(site, FIXTURES / "valide", expected_tools=2)
