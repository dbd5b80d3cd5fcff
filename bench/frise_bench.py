"""Benchmark of ``frise`` against the obvious peer (pandas + plotly.express + write_html).

    python bench/frise_bench.py [--runs 7] [--synthetiques 20] [--sous-processus 5]
                                [--lot 300] [--passages-lot 3] [--grand-lot 10000]

Measured in one run:
- batches, whole processes (what the issue's targets are about): ``frise LOT/ -o DIR`` with and
  without ``--js-partage`` against the peer script over the same ``--lot`` synthetic cases, median
  of ``--passages-lot`` interleaved runs, plus ``frise`` held to one core (``taskset -c 0``: the
  serial loop) to show what the pool brings; and the peak RSS of the largest process (frise or
  one of its workers, ``getrusage(RUSAGE_CHILDREN)`` of a parent that runs nothing else) for the
  batch and for ``--grand-lot`` cases, which shows that memory does not grow with the batch;
On the same cases (the examples plus generated synthetic cases):
- per case, in process, after a warm-up, median over runs then over cases: building and writing
  the page from a loaded case, for our standalone page, our ``--js-partage`` page and the peer's
  ``write_html`` page; and the loading of the case (YAML, guard, validation), which both sides
  share since the peer uses the same loader (so "with loading" = page + loading);
- the size of each page (median over cases);
- end to end: ``frise ONE.yaml -o DIR`` in a subprocess vs the peer script on the same case.
Prints a Markdown table with the ratios. Installs nothing: without pandas, says so and measures
ours only (``pip install pandas==3.1.1`` in the virtualenv to compare).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.timeline import render, temporaries  # noqa: E402
from generator.timeline.cli import SHARED_SCRIPT_NAME  # noqa: E402
from generator.timeline.loader import load_case  # noqa: E402
from generator.timeline.model import CaseFile  # noqa: E402
from generator.timeline.vocabulary import CATEGORIES, DOMAINES, GRAVITES  # noqa: E402

EXAMPLES = REPO / "examples" / "dossiers"
PEER = REPO / "bench" / "peer_plotly_express.py"


# --- synthetic cases ----------------------------------------------------------------------------
def synthetic_case(number: int) -> str:
    """A plausible case file: 3–25 offences over 5–12 years, custody, measures, life periods;
    everything ends before the reference date (at the latest in 2026)."""
    rng = random.Random(number)
    birth = rng.randint(1960, 1985)
    start_year = birth + rng.randint(15, 25)
    years = rng.randint(5, 12)
    lines = [f"dossier: SYN-{number:03d}", f"annee_naissance: {birth}",
             f"date_reference: {start_year + years + 4}-06-01", "faits:"]
    offences = sorted((rng.randint(start_year, start_year + years), rng.randint(1, 12))
                      for _ in range(rng.randint(3, 25)))
    for index, (year, month) in enumerate(offences):
        lines += [f"  - id: f{index}", f"    date: {year}-{month:02d}",
                  f"    categorie: {rng.choice(list(CATEGORIES))}",
                  f"    gravite: {rng.choice(list(GRAVITES))}",
                  f"    libelle: Fait synthétique numéro {index}"]
    lines.append("decisions:")
    for index, (year, month) in enumerate(offences[::2]):
        lines += [f"  - id: d{index}", f"    date: {year + 1}-{month:02d}",
                  f"    faits: [f{index * 2}]", "    juridiction: tribunal_correctionnel",
                  "    peines:", "      - type: sursis_probatoire", "        quantum: 6 mois"]
    lines.append("mesures:")
    for year, month in offences[::3]:
        kind = rng.choice(["detention", "sursis_probatoire", "tig", "ddse"])
        lines += [f"  - type: {kind}", f"    debut: {year + 1}-{month:02d}",
                  f"    fin: {year + 2}-{month:02d}",
                  f"    issue: {rng.choice(['fin_normale', 'revocation', 'incident'])}"]
    lines.append("vie:")
    for _ in range(rng.randint(2, 12)):
        year = rng.randint(start_year, start_year + years)
        lines += [f"  - domaine: {rng.choice(list(DOMAINES))}", f"    debut: {year}-01",
                  f"    fin: {year + rng.randint(1, 3)}-01", "    libelle: Période synthétique",
                  f"    sens: {rng.choice(['positif', 'negatif', 'neutre'])}"]
    return "\n".join(lines) + "\n"


def case_files(folder: Path, synthetic: int) -> list[Path]:
    paths = sorted(EXAMPLES.glob("*.yaml"))
    for number in range(synthetic):
        path = folder / f"syn-{number:03d}.yaml"
        path.write_text(synthetic_case(number), encoding="utf-8")
        paths.append(path)
    return paths


# --- measures -----------------------------------------------------------------------------------
@dataclass
class Result:
    seconds: float  # median per case
    size: int  # median bytes per page


def measure(cases: list[CaseFile], runs: int,
            makers: dict[str, tuple[Callable[[CaseFile, Path], Path], Path]]) -> dict[str, Result]:
    """Time every maker on every case, interleaved (case by case, maker by maker) so that a
    change of machine load during the run weighs the same on each of them."""
    for make, out in makers.values():
        make(cases[0], out)  # warm-up: template compile, bundle read, plotly import
    gc.freeze()  # as ``frise`` does before its loop (it helps both sides alike)
    times: dict[str, list[list[float]]] = {name: [[] for _ in cases] for name in makers}
    sizes: dict[str, list[int]] = {name: [] for name in makers}
    for run in range(runs):
        for index, case in enumerate(cases):
            for name, (make, out) in makers.items():
                started = time.perf_counter()
                target = make(case, out)
                times[name][index].append(time.perf_counter() - started)
                if run == 0:
                    sizes[name].append(target.stat().st_size)
    return {
        name: Result(statistics.median(statistics.median(t) for t in times[name]),
                     int(statistics.median(sizes[name])))
        for name in makers
    }


def loading(paths: list[Path], runs: int) -> float:
    """Median time to load one case file (shared by both sides)."""
    per_case = [[] for _ in paths]
    for _ in range(runs):
        for index, path in enumerate(paths):
            started = time.perf_counter()
            load_case(path)
            per_case[index].append(time.perf_counter() - started)
    return statistics.median(statistics.median(times) for times in per_case)


def ours(shared: bool) -> Callable[[CaseFile, Path], Path]:
    """What ``frise`` does for each case of a batch: the worker renders and writes the page under
    a temporary name, the parent renames it (``cli.make_page``, ``cli._settle``)."""

    bundle = render.plotly_bundle_bytes()
    token = temporaries.run_token()

    def make(case: CaseFile, out: Path) -> Path:
        before, after = render.render_parts(case, shared_script_src=SHARED_SCRIPT_NAME if shared else None)
        target = out / f"{case.dossier}.html"
        parts = [before.encode()] if shared else [before.encode(), bundle, after.encode()]
        os.replace(temporaries.write(out, token, parts), target)
        return target

    return make


def peer() -> Callable[[CaseFile, Path], Path]:
    sys.path.insert(0, str(PEER.parent))
    from peer_plotly_express import write_peer_page

    def make(case: CaseFile, out: Path) -> Path:
        target = out / f"{case.dossier}.html"
        write_peer_page(case, target)
        return target

    return make


def wall_times(commands: list[list[str]], runs: int) -> list[float]:
    """Median wall time of each command, after one warm-up run each, interleaved.

    Bytecode caching is switched back on (PYTHONDONTWRITEBYTECODE is dropped): a user's Python
    keeps its .pyc files, and without them every start recompiles our modules and Jinja's.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in commands:
        subprocess.run(command, check=True, capture_output=True, env=env)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            times[index].append(time.perf_counter() - started)
    return [statistics.median(t) for t in times]


def frise_command() -> list[str]:
    script = Path(sys.executable).with_name("frise")
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator", "frise"]


# --- batches, whole processes --------------------------------------------------------------------
@dataclass
class BatchResult:
    name: str
    command: str  # as shown in the report
    seconds: float  # median wall time of the whole batch


def write_batch(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"syn-{number:05d}.yaml").write_text(synthetic_case(number), encoding="utf-8")
    return folder


def batch_commands(cases: Path, out: Path) -> dict[str, tuple[str, list[str]]]:
    """Name → (command as shown, argv), every one writing into ``out``."""
    frise = frise_command()
    commands = {
        "seule": ("`frise LOT/ -o DIR`", [*frise, str(cases), "-o", str(out)]),
        "partage": ("`frise LOT/ -o DIR --js-partage`", [*frise, str(cases), "-o", str(out), "--js-partage"]),
    }
    if shutil.which("taskset"):
        commands["un-coeur"] = ("`taskset -c 0 frise LOT/ -o DIR --js-partage` (un cœur : boucle en série)",
                                ["taskset", "-c", "0", *frise, str(cases), "-o", str(out), "--js-partage"])
    return commands


def peer_batch_command(cases: Path, out: Path) -> list[str]:
    return [sys.executable, str(PEER), *(str(path) for path in sorted(cases.glob("*.yaml"))), "-o", str(out)]


def batch_times(commands: dict[str, list[str]], out: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall time, processor time of the whole process tree) of each command, interleaved,
    each run into an emptied output folder. Processor time does not depend on what else the
    machine runs: it tells the work done, wall time what the user waits."""
    import resource

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    for _ in range(runs):
        for name, command in commands.items():
            shutil.rmtree(out, ignore_errors=True)
            # The previous command's pages (the peer writes 1.4 GB for 300 cases) reach the disk
            # now, not during the next command: each one is timed with its own work only.
            os.sync()
            started, cpu = time.perf_counter(), children_cpu()
            done = subprocess.run(command, capture_output=True, env=env)
            times[name].append((time.perf_counter() - started, children_cpu() - cpu))
            if done.returncode != 0:
                raise SystemExit(f"{name} a échoué : {done.stderr.decode(errors='replace')[-500:]}")
    shutil.rmtree(out, ignore_errors=True)
    return {name: (statistics.median(wall for wall, _ in values), statistics.median(cpu for _, cpu in values))
            for name, values in times.items()}


PEAK_RSS = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
print(json.dumps([done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))
"""


def peak_rss_kib(command: list[str]) -> int:
    """Peak resident set of the largest process of ``command``'s tree (KiB on Linux).

    Measured from a fresh parent that runs nothing else, so that no earlier child (the peer and
    its pandas) counts; frise waits for its workers, so they count.
    """
    done = subprocess.run([sys.executable, "-c", PEAK_RSS, *command], capture_output=True, text=True,
                          check=True)
    code, peak = json.loads(done.stdout)
    if code != 0:
        raise SystemExit(f"frise a échoué sur le lot ({code})")
    return int(peak)


def measure_batches(work: Path, count: int, runs: int, big: int, has_peer: bool) -> str:
    cases = write_batch(work / "lot", count)
    out = work / "lot-sortie"
    shown = batch_commands(cases, out)
    commands = {name: argv for name, (_, argv) in shown.items()}
    if has_peer:
        commands["pair"] = peer_batch_command(cases, out)
    for command in commands.values():  # warm-up: bytecode, page cache
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run(command, capture_output=True)
    medians = batch_times(commands, out, runs)
    peaks = {count: peak_rss_kib(shown["partage"][1])}
    shutil.rmtree(out, ignore_errors=True)
    if big:
        shutil.rmtree(cases)
        write_batch(work / "grand-lot", big)
        peaks[big] = peak_rss_kib([*frise_command(), str(work / "grand-lot"), "-o", str(out), "--js-partage"])
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(work / "grand-lot")
    from generator.timeline.batch import machine_cores, worker_count

    load = f"{os.getloadavg()[0]:.1f}".replace(".", ",")
    lines = [f"Charge moyenne de la machine (sur 1 min) à la fin des mesures du lot : {load}.", "",
             f"Lot de {count} dossiers synthétiques, processus entiers (démarrage de Python compris), médiane "
             f"de {runs} passages entrelacés ; {machine_cores()} cœurs, {worker_count(count)} processus de "
             "travail pour frise ; le pair est le script évident (un seul processus).", "",
             "| Commande | Lot | Par dossier | Accélération | Processeur par dossier | Rapport processeur |",
             "|---|---:|---:|---:|---:|---:|"]
    peer_seconds, peer_cpu = medians.get("pair", (0.0, 0.0))
    for name, (label, _) in shown.items():
        wall, cpu = medians[name]
        speed = times(peer_seconds / wall) if peer_seconds else "—"
        cpu_speed = times(peer_cpu / cpu) if peer_cpu else "—"
        lines.append(f"| {label} | {_s(wall)} | {ms(wall / count)} | {speed} | {ms(cpu / count)} | {cpu_speed} |")
    if peer_seconds:
        lines.append(f"| pair : `python bench/peer_plotly_express.py LOT/*.yaml -o DIR` | {_s(peer_seconds)} "
                     f"| {ms(peer_seconds / count)} | — | {ms(peer_cpu / count)} | — |")
    rss = " ; ".join(f"{number} dossiers : {peak / 1024:.0f} Mo".replace(".", ",")
                     for number, peak in peaks.items())
    lines += ["", "Mémoire, `frise LOT/ -o DIR --js-partage`, pic de RSS du plus gros processus (frise ou l'un "
              f"de ses processus de travail, `getrusage(RUSAGE_CHILDREN)`) : {rss}.", ""]
    return "\n".join(lines)


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s".replace(".", ",")


# --- report -------------------------------------------------------------------------------------
def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def times(ratio: float) -> str:
    return f"{ratio:.1f}×".replace(".", ",")


def size(count: int) -> str:
    return f"{count / 1_000_000:.2f} Mo" if count >= 100_000 else f"{count / 1000:.0f} ko"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure frise contre pandas + plotly.express.")
    parser.add_argument("--runs", type=int, default=7, help="passages par cas (médiane)")
    parser.add_argument("--synthetiques", type=int, default=20, help="cas synthétiques en plus")
    parser.add_argument("--sous-processus", type=int, default=5,
                        help="lancements de bout en bout (médiane)")
    parser.add_argument("--lot", type=int, default=300, help="dossiers du lot mesuré en processus entiers")
    parser.add_argument("--passages-lot", type=int, default=3, help="passages du lot (médiane)")
    parser.add_argument("--grand-lot", type=int, default=10_000,
                        help="dossiers du grand lot (mémoire seulement ; 0 : non mesuré)")
    args = parser.parse_args(argv)
    try:
        import pandas  # noqa: F401
        has_peer = True
    except ImportError:
        has_peer = False
        print("pandas manque : le pair (pandas + plotly.express) n'est pas mesuré. Installez-le "
              "dans le virtualenv pour comparer : .venv/bin/pip install pandas==3.1.1\n",
              file=sys.stderr)

    work = Path(tempfile.mkdtemp(prefix="frise-bench-"))
    try:
        batch_report = measure_batches(work, args.lot, args.passages_lot, args.grand_lot, has_peer)
        paths = case_files(work, args.synthetiques)
        cases = [load_case(path) for path in paths]
        folders = {name: work / name for name in ("seule", "partage", "pair", "cli")}
        for folder in folders.values():
            folder.mkdir()
        load_time = loading(paths, args.runs)
        makers = {"seule": (ours(False), folders["seule"]), "partage": (ours(True), folders["partage"])}
        if has_peer:
            makers["pair"] = (peer(), folders["pair"])
        results = measure(cases, args.runs, makers)
        rows = [("Page autonome (frise)", results["seule"]),
                ("Page --js-partage (frise)", results["partage"])]
        one = paths[0]
        ours_command = [*frise_command(), str(one), "-o", str(folders["cli"])]
        peer_result = peer_cli = None
        if has_peer:
            peer_result = results["pair"]
            rows.append(("Pair : pandas + px.timeline + write_html", peer_result))
            peer_command = [sys.executable, str(PEER), str(one), "-o", str(folders["pair"])]
            ours_cli, peer_cli = wall_times([ours_command, peer_command], args.sous_processus)
        else:
            (ours_cli,) = wall_times([ours_command], args.sous_processus)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(batch_report)
    print(f"Par cas, dans un seul processus : {len(paths)} cas ({len(paths) - args.synthetiques} exemples, "
          f"{args.synthetiques} synthétiques), médiane sur {args.runs} passages ; Python {sys.version.split()[0]}.\n")
    print("| Mesure | Page seule | Accélération | Avec chargement | Accélération "
          "| Taille par page | Taille vs pair |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, result in rows:
        speed = speed_loaded = ratio = "—"
        if peer_result is not None and result is not peer_result:
            speed = times(peer_result.seconds / result.seconds)
            speed_loaded = times((peer_result.seconds + load_time) / (result.seconds + load_time))
            ratio = f"{result.size / peer_result.size:.1%}".replace(".", ",")
        print(f"| {name} | {ms(result.seconds)} | {speed} | {ms(result.seconds + load_time)} "
              f"| {speed_loaded} | {size(result.size)} | {ratio} |")
    print(f"\nChargement d'un dossier (YAML, garde d'anonymisation, validation ; commun aux "
          f"deux) : {ms(load_time)} par cas.\n")
    print("| De bout en bout (sous-processus, un cas) | Temps | Accélération |")
    print("|---|---:|---:|")
    cli_ratio = times(peer_cli / ours_cli) if peer_cli else "—"
    print(f"| `frise {one.name} -o DIR` | {ms(ours_cli)} | {cli_ratio} |")
    if peer_cli:
        print(f"| `python bench/peer_plotly_express.py {one.name} -o DIR` | {ms(peer_cli)} | — |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
