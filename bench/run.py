"""All benchmarks in one command; writes ``docs/benchmarks.md``.

Each figure is a median of several runs and is compared with its peer measured in the same run:
- catalogue build at several sizes vs plain MkDocs + Material builds (``build_bench.py``), and the
  catalogue filter in the browser;
- frise batches as whole processes, per case and end to end vs pandas + plotly.express
  (``frise_bench.py``);
- the live preview: from a saved sheet to the served change (``preview_bench.py``);
- search in the browser vs Material's search (``search_bench.py``).

    python bench/run.py            # full run (about 45 minutes on 2 cores): 100, 1,000, 3,000 sheets
    python bench/run.py --quick    # short run (a few minutes), written to test-results/
    python bench/run.py --parties frise apercu   # only these sections; the others are kept as they are
"""

from __future__ import annotations

import contextlib
import datetime
import io
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench import build_bench, frise_bench, preview_bench, search_bench  # noqa: E402
from generator.french_argparse import FrenchArgumentParser  # noqa: E402

FULL = {"sizes": [100, 1000, 3000], "runs": 3, "max_default": 1000, "frise": ["--runs", "7"],
        "preview": ["--fiches", "1000", "--enregistrements", "5"],
        "search": ["--fiches", "3000", "--essais", "7"]}
QUICK = {"sizes": [100, 300], "runs": 1, "max_default": 300,
         "frise": ["--runs", "3", "--synthetiques", "5", "--sous-processus", "2", "--lot", "60",
                   "--passages-lot", "1", "--grand-lot", "600"],
         "preview": ["--fiches", "300", "--enregistrements", "2"],
         "search": ["--fiches", "300", "--essais", "2"]}
# Section titles in docs/benchmarks.md, by part; a partial run replaces only its own sections.
PARTS = {"construction": "## Construction du catalogue", "frise": "## Frise", "apercu": "## Aperçu en direct",
         "recherche": "## Recherche"}
PACKAGES = ("mkdocs", "mkdocs-material", "plotly", "pyyaml", "jinja2", "playwright", "pandas")


def machine() -> str:
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} absent")
    return (f"Machine : {os.cpu_count()} cœurs, {platform.machine()}, {platform.system()} ; "
            f"Python {platform.python_version()} ; " + ", ".join(versions) + ".")


def captured(function: object, argv: list[str]) -> str:
    """What a benchmark's ``main`` prints (its Markdown report)."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        function(argv)  # type: ignore[operator]
    return output.getvalue()


def sections(settings: dict, parts: list[str]) -> dict[str, str]:
    """Title → Markdown of each measured section (the search bench writes two)."""
    measured: dict[str, str] = {}
    if "construction" in parts:
        measured[PARTS["construction"]] = build_bench.run(settings["sizes"], settings["runs"], settings["max_default"])
    if "frise" in parts:
        measured[PARTS["frise"]] = f"{PARTS['frise']}\n\n" + captured(frise_bench.main, settings["frise"])
    if "apercu" in parts:
        measured[PARTS["apercu"]] = f"{PARTS['apercu']}\n\n" + captured(preview_bench.main, settings["preview"])
    if "recherche" in parts:
        for part in split_sections(captured(search_bench.main, [*settings["search"], "--sans-ecrire"])):
            measured[part.split("\n", 1)[0]] = part
    return measured


def split_sections(text: str) -> list[str]:
    """``## `` sections of a Markdown text (what precedes the first one is dropped)."""
    parts, current = [], None
    for line in text.splitlines(keepends=True):
        if line.startswith("## "):
            current = [line]
            parts.append(current)
        elif current is not None:
            current.append(line)
    return ["".join(part).rstrip("\n") + "\n" for part in parts]


def report(settings: dict, quick: bool, parts: list[str], previous: str) -> str:
    """The whole file: the header, then the sections of ``previous`` in their order, the measured
    ones replaced (new ones at the end); sections not measured this time are kept as they were."""
    today = datetime.date.today().strftime("%d/%m/%Y")
    header = (f"# Mesures de performance\n\nProduit par `python bench/run.py{' --quick' if quick else ''}` "
              f"(parties : {', '.join(parts)}) le {today}. {machine()} Chaque chiffre est une médiane, comparée "
              "à son pair mesuré dans la même exécution.\n")
    measured = sections(settings, parts)
    kept = split_sections(previous)
    body = [measured.pop(part.split("\n", 1)[0], part) for part in kept]
    body += measured.values()
    return "\n".join([header, *body]).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    cli = FrenchArgumentParser(prog="python bench/run.py", description=__doc__.split("\n")[0])
    cli.add_argument("--quick", action="store_true", help="mesure courte (tailles et passages réduits)")
    cli.add_argument("--parties", nargs="+", choices=list(PARTS), default=list(PARTS),
                     help="sections à mesurer (défaut : toutes) ; les autres restent telles quelles")
    cli.add_argument("--sortie", type=Path, help="fichier écrit (défaut : docs/benchmarks.md, ou "
                     "test-results/benchmarks-quick.md avec --quick)")
    args = cli.parse_args(argv)
    target = args.sortie or (REPO_ROOT / ("test-results/benchmarks-quick.md" if args.quick
                                          else "docs/benchmarks.md"))
    previous = target.read_text(encoding="utf-8") if target.is_file() else ""
    text = report(QUICK if args.quick else FULL, args.quick, args.parties, previous)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(text)
    print(f"Écrit dans {target}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
