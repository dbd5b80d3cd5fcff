"""All benchmarks in one command; writes ``docs/benchmarks.md``.

Each figure is a median of several runs and is compared with its peer measured in the same run:
- catalogue build at several sizes vs plain MkDocs + Material builds (``build_bench.py``), and the
  catalogue filter in the browser;
- frise per case and end to end vs pandas + plotly.express (``frise_bench.py``);
- search in the browser vs Material's search (``search_bench.py``).

    python bench/run.py            # full run (about 30 minutes on 2 cores): 100, 1,000, 3,000 sheets
    python bench/run.py --quick    # short run (a few minutes), written to test-results/
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

from bench import build_bench, frise_bench, search_bench  # noqa: E402
from generator.french_argparse import FrenchArgumentParser  # noqa: E402

FULL = {"sizes": [100, 1000, 3000], "runs": 3, "max_default": 1000, "frise": ["--runs", "7"],
        "search": ["--fiches", "3000", "--essais", "7"]}
QUICK = {"sizes": [100, 300], "runs": 1, "max_default": 300,
         "frise": ["--runs", "3", "--synthetiques", "5", "--sous-processus", "2"],
         "search": ["--fiches", "300", "--essais", "2"]}
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


def report(settings: dict, quick: bool) -> str:
    today = datetime.date.today().strftime("%d/%m/%Y")
    parts = [
        "# Mesures de performance",
        "",
        f"Produit par `python bench/run.py{' --quick' if quick else ''}` le {today}. {machine()} "
        "Chaque chiffre est une médiane, comparée à son pair mesuré dans la même exécution.",
        "",
        build_bench.run(settings["sizes"], settings["runs"], settings["max_default"]),
        "## Frise",
        "",
        captured(frise_bench.main, settings["frise"]),
        captured(search_bench.main, [*settings["search"], "--sans-ecrire"]),
    ]
    return "\n".join(parts).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    cli = FrenchArgumentParser(prog="python bench/run.py", description=__doc__.split("\n")[0])
    cli.add_argument("--quick", action="store_true", help="mesure courte (tailles et passages réduits)")
    cli.add_argument("--sortie", type=Path, help="fichier écrit (défaut : docs/benchmarks.md, ou "
                     "test-results/benchmarks-quick.md avec --quick)")
    args = cli.parse_args(argv)
    target = args.sortie or (REPO_ROOT / ("test-results/benchmarks-quick.md" if args.quick
                                          else "docs/benchmarks.md"))
    text = report(QUICK if args.quick else FULL, args.quick)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(text)
    print(f"Écrit dans {target}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
