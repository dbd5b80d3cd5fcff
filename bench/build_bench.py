"""Catalogue build at scale: ``python build.py`` against a plain MkDocs + Material build.

For each size (generated sheets, ``bench/generate_content.py``), in the same run:
- ours: ``python build.py`` end to end (validation, docs tree, search index, MkDocs, zip);
- the peer, tuned: the same sheets as plain Markdown, Material with its French search, sheets out
  of the navigation;
- the peer, default: the same, with MkDocs' default navigation (every page in the nav, as a newcomer
  would configure it). It grows quadratically, so it is skipped above ``--max-defaut`` sheets.
Plus, for ours: a ``--check`` run alone, the site, zip and search-index sizes, and in headless
Chromium from ``file://``: the time from a filter click to the updated count on the catalogue page.

    python bench/build_bench.py --tailles 100 1000 3000
"""

from __future__ import annotations

import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: python bench/build_bench.py
    sys.path.insert(0, str(REPO_ROOT))

from bench.generate_content import generate  # noqa: E402
from generator.french_argparse import FrenchArgumentParser  # noqa: E402

PEER_CONFIG = """\
site_name: Catalogue
theme:
  name: material
  language: fr
plugins:
  - search:
      lang: fr
{nav}"""
TUNED_NAV = """nav:
  - index.md
validation:
  nav:
    omitted_files: ignore
"""


@dataclass
class SizeResult:
    sheets: int
    ours: list[float] = field(default_factory=list)
    tuned: list[float] = field(default_factory=list)
    default: list[float] = field(default_factory=list)
    check: list[float] = field(default_factory=list)
    site_bytes: int = 0
    zip_bytes: int = 0
    index_bytes: int = 0
    peer_site_bytes: dict[str, int] = field(default_factory=dict)


def timed(command: list[str]) -> float:
    os.sync()  # the previous command's site reaches the disk now, not during this one
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=REPO_ROOT)
    return time.perf_counter() - started


def peer_docs(content: Path, docs: Path) -> None:
    """The same sheets as a newcomer would publish them: Markdown files, front-matter as meta."""
    shutil.copytree(content / "tools", docs / "outils")
    shutil.copytree(content / "programmes", docs / "programmes")
    (docs / "index.md").write_text("# Catalogue\n\nLes fiches des outils d'intervention.\n", encoding="utf-8")


def peer_config(work: Path, docs: Path, default_nav: bool) -> Path:
    path = work / ("mkdocs-defaut.yml" if default_nav else "mkdocs-regle.yml")
    text = PEER_CONFIG.format(nav="" if default_nav else TUNED_NAV)
    path.write_text(f"docs_dir: {docs}\n{text}", encoding="utf-8")
    return path


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def measure_size(sheets: int, runs: int, max_default: int, work: Path) -> SizeResult:
    content = generate(sheets, work / f"contenu-{sheets}")
    docs = work / f"docs-{sheets}"
    peer_docs(content, docs)
    result = SizeResult(sheets)
    site = work / f"repere-{sheets}" / "site"
    ours = [sys.executable, "build.py", "--content", str(content), "--site-dir", str(site)]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f"]
    peers = {"tuned": peer_config(work, docs, default_nav=False)}
    if sheets <= max_default:
        peers["default"] = peer_config(work, docs, default_nav=True)
    for _ in range(runs):  # interleaved, so that load on the machine hits every side alike
        result.ours.append(timed(ours))
        result.check.append(timed([*ours, "--check"]))
        for name, config in peers.items():
            peer_site = work / f"pair-{name}-{sheets}"
            getattr(result, name).append(timed([*mkdocs, str(config), "-d", str(peer_site)]))
            result.peer_site_bytes[name] = folder_bytes(peer_site)
            if name == "default":
                break  # one run of the quadratic peer is enough to show it
    result.site_bytes = folder_bytes(site)
    result.zip_bytes = (site.parent / "dist" / "repere-hors-ligne.zip").stat().st_size
    result.index_bytes = (site / "assets" / "search-index.js").stat().st_size
    return result


def filter_click_ms(site: Path, clicks: int = 7) -> float:
    """From a click on a filter to the updated count, on a freshly loaded catalogue page."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO_ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS

    probe = """() => new Promise(resolve => {
        const count = document.getElementById('repere-compte');
        const box = document.querySelector('#repere-filtres input[value=addictions]');
        new MutationObserver(() => resolve(performance.now() - started)).observe(
            count, {childList: true, characterData: true, subtree: true});
        const started = performance.now();
        box.click();
    })"""
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(clicks):
            page = browser.new_page()
            page.goto((site / "catalogue.html").as_uri())
            page.wait_for_load_state("load")
            times.append(page.evaluate(probe))
            page.close()
        browser.close()
    return statistics.median(times)


def exponent(results: list[SizeResult]) -> float | None:
    """Slope of log(time) against log(sheets): 1 is linear growth."""
    points = [(math.log(r.sheets), math.log(statistics.median(r.ours))) for r in results if r.ours]
    if len(points) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    return (sum((x - mean_x) * (y - mean_y) for x, y in points)
            / sum((x - mean_x) ** 2 for x, _ in points))


def _s(seconds: float) -> str:
    return f"{seconds:.1f} s".replace(".", ",")


def _mo(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} Mo".replace(".", ",")


def _x(ratio: float) -> str:
    return f"{ratio:.2f}×".replace(".", ",")


def markdown_report(results: list[SizeResult], runs: int, filter_ms: float | None) -> str:
    lines = [
        "## Construction du catalogue",
        "",
        f"Médiane de {runs} passages entrelacés (le pair « navigation par défaut » : un passage). "
        "Repère : `python build.py` complet (validation, pages, index de recherche, MkDocs, archive zip). "
        "Pair : les mêmes fiches en Markdown, Material et sa recherche française, sans notre étape.",
        "",
        "| Fiches | Repère | Pair réglé (fiches hors navigation) | Repère ÷ pair réglé "
        "| Pair par défaut (toutes les fiches dans la navigation) | Repère ÷ pair par défaut | `--check` seul |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ours, tuned = statistics.median(r.ours), statistics.median(r.tuned)
        default = statistics.median(r.default) if r.default else None
        lines.append(
            f"| {r.sheets} | {_s(ours)} | {_s(tuned)} | {_x(ours / tuned)} | "
            f"{_s(default) if default else 'non mesuré'} | {_x(ours / default) if default else '—'} | "
            f"{_s(statistics.median(r.check))} |")
    slope = exponent(results)
    lines += [
        "",
        f"Croissance de Repère : temps ∝ fiches^{slope:.2f}".replace(".", ",") if slope else "",
        "",
        "| Fiches | Site Repère | Archive zip | Index de recherche | Site du pair réglé | Site du pair par défaut |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        default = r.peer_site_bytes.get("default")
        lines.append(f"| {r.sheets} | {_mo(r.site_bytes)} | {_mo(r.zip_bytes)} | {_mo(r.index_bytes)} | "
                     f"{_mo(r.peer_site_bytes['tuned'])} | {_mo(default) if default else 'non mesuré'} |")
    if filter_ms is not None:
        lines += ["", f"Catalogue de {results[-1].sheets} fiches ouvert depuis `file://` dans Chromium : "
                  f"{filter_ms:.1f} ms entre le clic sur un filtre et le compte mis à jour "
                  "(médiane de 7 pages fraîchement chargées ; objectif < 100 ms).".replace(".", ",", 1)]
    return "\n".join(lines) + "\n"


def run(sizes: list[int], runs: int, max_default: int, browser: bool = True) -> str:
    work = Path(tempfile.mkdtemp(prefix="repere-build-bench-"))
    try:
        results = [measure_size(sheets, runs, max_default, work) for sheets in sizes]
        largest = work / f"repere-{sizes[-1]}" / "site"
        filter_ms = filter_click_ms(largest) if browser else None
        return markdown_report(results, runs, filter_ms)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    cli = FrenchArgumentParser(prog="python bench/build_bench.py", description=__doc__.split("\n")[0])
    cli.add_argument("--tailles", type=int, nargs="+", default=[100, 1000, 3000], help="nombres de fiches")
    cli.add_argument("--essais", type=int, default=3, help="passages par taille (médiane)")
    cli.add_argument("--max-defaut", type=int, default=1000,
                     help="au-delà, le pair « navigation par défaut » n'est pas mesuré (trop long)")
    args = cli.parse_args(argv)
    print(run(args.tailles, args.essais, args.max_defaut))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
