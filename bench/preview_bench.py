"""Live preview at scale: from a saved sheet to the served page that shows the change.

``python build.py --serve`` on generated sheets (``bench/generate_content.py``), on a free port and
its own docs folder; once the first build is served, a sheet is saved several times with a new
sentence, and each time the page is fetched every 20 ms until it carries the sentence.

    python bench/preview_bench.py --fiches 1000 --enregistrements 5
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: python bench/preview_bench.py
    sys.path.insert(0, str(REPO_ROOT))

from bench.generate_content import generate  # noqa: E402
from generator.french_argparse import FrenchArgumentParser  # noqa: E402

SERVE = """
import sys
from pathlib import Path
from generator.catalogue import preview
from generator.settings import DEFAULT

preview.PREVIEW_DOCS = Path(sys.argv[2])
sys.exit(preview.serve(Path(sys.argv[1]), DEFAULT.mkdocs_config, host=sys.argv[3]))
"""
FIRST_BUILD_SECONDS = 900
CHANGE_SECONDS = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our local server
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, expected: str, limit: float) -> float:
    started = time.perf_counter()
    while True:
        page = fetch(url)
        if page is not None and expected in page:
            return time.perf_counter() - started
        if time.perf_counter() - started > limit:
            raise SystemExit(f"la page n'a pas changé en {limit:.0f} s : {url}")
        time.sleep(0.02)


def measure(sheets: int, saves: int) -> list[float]:
    """Seconds from each save to the served page with the change."""
    work = Path(tempfile.mkdtemp(prefix="repere-preview-bench-"))
    content = generate(sheets, work / "contenu")
    sheet = sorted((content / "tools").glob("*.md"))[-1]  # a generated sheet
    host = f"127.0.0.1:{free_port()}"
    url = f"http://{host}/outils/{sheet.stem}.html"
    log = (work / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-c", SERVE, str(content), str(work / "docs"), host],
                              cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    original = sheet.read_text(encoding="utf-8")
    try:
        wait_for(url, "<html", FIRST_BUILD_SECONDS)
        times = []
        for number in range(saves):
            token = f"Jetonmesure{number}x{os.getpid()}"
            sheet.write_text(f"{original}\nPhrase ajoutée {token}.\n", encoding="utf-8")
            times.append(wait_for(url, token, CHANGE_SECONDS))
            time.sleep(1.5)  # let the server settle before the next save
        return times
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
        import shutil

        shutil.rmtree(work, ignore_errors=True)


def report(sheets: int, times: list[float]) -> str:
    median = f"{statistics.median(times):.2f}".replace(".", ",")
    shown = ", ".join(f"{value:.2f}".replace(".", ",") for value in times)
    return (f"Aperçu en direct (`python build.py --serve`), {sheets} fiches : {median} s entre l'enregistrement "
            f"d'une fiche et la page servie qui montre le changement (médiane de {len(times)} enregistrements : "
            f"{shown} s ; objectif < 1 s).\n")


def main(argv: list[str] | None = None) -> int:
    cli = FrenchArgumentParser(prog="python bench/preview_bench.py", description=__doc__.split("\n")[0])
    cli.add_argument("--fiches", type=int, default=1000, help="nombre de fiches")
    cli.add_argument("--enregistrements", type=int, default=5, help="enregistrements mesurés")
    args = cli.parse_args(argv)
    print(report(args.fiches, measure(args.fiches, args.enregistrements)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
