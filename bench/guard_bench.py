"""Anonymisation guard benchmark: is the cost linear in the size of the file?

The contract asks for a cost linear in the file size (a 1 MB file judged in well under a second).
On a shared machine an absolute time says little, so the report gives CPU times (not inflated by
other jobs) and ratios measured in the same run:
- the v2 guard (``generator/timeline/guard.py``) on 100 KB and on 1 MB of the same adversarial
  text (long digit runs with every separator, many birth words, civility titles, « écrou »
  without numbers, long runs of one character, Unicode spaces, full-width digits): the ratio must
  be about 10 (linear), not 100 (quadratic);
- the same on an ordinary case file repeated up to the same sizes;
- its JavaScript twin (``static/guard.js``, in Node) on the same texts: the atelier's cost;
- the version 1 guard (its text detectors, read from git history at commit ``V1_COMMIT``) on
  growing slices of the adversarial text, as long as a slice takes less than ``--budget``
  seconds: its ratio shows where the 27 s of the review came from.

    .venv/bin/python bench/guard_bench.py              # Markdown report on stdout
    .venv/bin/python bench/guard_bench.py --runs 3 --budget 5
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from generator.french import number as french_number  # noqa: E402
from generator.french_argparse import FrenchArgumentParser  # noqa: E402
from generator.timeline import guard  # noqa: E402

V1_COMMIT = "688d4b5"  # the first frise commit, with the version 1 guard
GUARD_JS = REPO_ROOT / "generator" / "timeline" / "static" / "guard.js"
ORDINARY = REPO_ROOT / "examples" / "dossiers" / "parcours-long.yaml"
SMALL, LARGE = 100_000, 1_000_000

NODE_RUNNER = """
const guard = require(process.argv[1]);
const fs = require("fs");
const [texts, runs] = JSON.parse(fs.readFileSync(0, "utf8"));
const out = texts.map((text) => {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.cpuUsage();
    guard.scanText(text, 1994);
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
});
process.stdout.write(JSON.stringify(out));
"""


def adversarial(size: int, seed: int = 7) -> str:
    """What costs most, mixed at random (``tests/test_guard.py`` uses the same text): long digit
    runs (ending with a letter: what made version 1 quadratic), digit groups with every separator,
    birth words, civility titles, « écrou » without a number, long runs of one character."""
    chunks = [
        "1 2 3 4 5 6 7 8 9 0 " * 3, "né " * 10, "M. " * 5 + "Mme Dupont ", "0" * 120 + "\n",
        "1-2-3-4-5-6-7-8-9-" * 3, "écrou " * 5, "a." * 40 + " ", "12/03/1994 " * 2, "12 rue " * 5,
        " " * 200 + "\n", "\u00a0".join("06479138") + " ", "６" * 20 + "\n", "libelle: Vol\n",
        "4" * 3000 + "x ", "1 2 " * 400 + "z ", "né le " + "1" * 500 + "a\n",
    ]
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        chunk = rng.choice(chunks)
        parts.append(chunk)
        total += len(chunk)
    return "".join(parts)[:size]


def ordinary(size: int) -> str:
    text = ORDINARY.read_text(encoding="utf-8")
    return (text * (size // len(text) + 1))[:size]


def median_time(function: Callable[[], object], runs: int) -> float:
    """Median CPU time of the process (what other jobs on a shared machine do not inflate)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return statistics.median(times)


def node_times(texts: list[str], runs: int) -> list[float] | None:
    node = shutil.which("node")
    if node is None:
        return None
    result = subprocess.run(
        [node, "-e", NODE_RUNNER, str(GUARD_JS)], input=json.dumps([texts, runs]),
        capture_output=True, text=True, encoding="utf-8", check=True, timeout=600,
    )
    return json.loads(result.stdout)


def version_1() -> Callable[[str], object] | None:
    """The version 1 text detectors, from git history (None when git or the commit is missing)."""
    try:
        source = subprocess.run(
            ["git", "show", f"{V1_COMMIT}:generator/timeline/guard.py"], cwd=REPO_ROOT,
            capture_output=True, text=True, check=True, timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    module = types.ModuleType("guard_v1")
    sys.modules["guard_v1"] = module  # dataclasses look their module up there
    try:
        exec(compile(source, "guard_v1.py", "exec"), module.__dict__)  # noqa: S102 - our own history
    except Exception:  # noqa: BLE001 - an old file that no longer imports: no peer
        return None
    return module.identifier_kinds


def seconds(value: float) -> str:
    return f"{french_number(value, 3)} s"


def ratio(large: float, small: float) -> str:
    return french_number(large / small, 1) if small > 0 else "–"


def report(runs: int, budget: float) -> str:
    texts = {"adversarial": (adversarial(SMALL), adversarial(LARGE)),
             "ordinary": (ordinary(SMALL), ordinary(LARGE))}
    python = {name: [median_time(lambda t=t: guard.scan_text(t, 1994), runs) for t in pair]
              for name, pair in texts.items()}
    flat = [t for pair in texts.values() for t in pair]
    js_flat = node_times(flat, runs)
    lines = [
        "## Garde d'anonymisation",
        "",
        f"Temps processeur, médiane de {runs} passages ; 100 Ko puis 1 Mo du même texte. Un coût "
        "linéaire donne un rapport d'environ 10, un coût quadratique d'environ 100.",
        "",
        "| texte | moteur | 100 Ko | 1 Mo | rapport 1 Mo / 100 Ko |",
        "|---|---|---|---|---|",
    ]
    labels = {"adversarial": "hostile (chiffres, « né », civilités…)", "ordinary": "dossier ordinaire"}
    for index, (name, (small, large)) in enumerate(python.items()):
        lines.append(f"| {labels[name]} | Python | {seconds(small)} | {seconds(large)} | "
                     f"{ratio(large, small)} |")
        if js_flat is not None:
            js_small, js_large = js_flat[2 * index], js_flat[2 * index + 1]
            lines.append(f"| {labels[name]} | JavaScript (Node) | {seconds(js_small)} | "
                         f"{seconds(js_large)} | {ratio(js_large, js_small)} |")
    lines += ["", *version_1_lines(budget)]
    return "\n".join(lines) + "\n"


def version_1_lines(budget: float) -> list[str]:
    detect = version_1()
    if detect is None:
        return [f"Garde version 1 : indisponible (commit {V1_COMMIT} absent), pas de comparaison."]
    rows = ["Garde version 1 (détecteurs de texte, même texte hostile), par taille croissante tant "
            f"qu'un passage prend moins de {french_number(budget, 0)} s :", "",
            "| taille | version 1 | version 2 |", "|---|---|---|"]
    size = 2_000
    while size <= LARGE:
        text = adversarial(size)
        v1 = median_time(lambda t=text: detect(t), 1)
        v2 = median_time(lambda t=text: guard.scan_text(t, 1994), 1)
        rows.append(f"| {french_number(size // 1000, 0)} Ko | {seconds(v1)} | {seconds(v2)} |")
        if v1 > budget:
            break
        size *= 2
    return rows


def main(argv: list[str] | None = None) -> int:
    cli = FrenchArgumentParser(prog="python bench/guard_bench.py", description=__doc__.split("\n")[0])
    cli.add_argument("--runs", type=int, default=5, help="passages par mesure (médiane ; défaut 5)")
    cli.add_argument("--budget", type=float, default=10.0,
                     help="arrêt de la garde version 1 au-delà de ce temps par passage (défaut 10 s)")
    args = cli.parse_args(argv)
    print(report(args.runs, args.budget))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
