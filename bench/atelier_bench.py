"""Benchmark of the « Atelier frise » in headless Chromium, from its one self-contained file.

    python bench/atelier_bench.py [--runs 7] [--ecrire]

Measured, median over runs (a fresh page each time, file://, no network):
- opened → ready: from the navigation start to the form and the engine ready;
- open a case of 10, 50 and 300 events (offences, decisions, measures, life events) → the frise
  and the figures drawn (the text read, guarded, checked, indicators computed, plotly drawn);
- one edit (a label typed in a field) → everything checked again and redrawn;
- the browser engine alone (text → guard → checks → indicators) against the Python reference
  (``load_case`` + ``compute``) on the same text: the ratio says what the browser costs.
Targets (issue 13): ready under 1 s; edit → redrawn under 100 ms at 50 events.
Prints a Markdown section; ``--ecrire`` puts it in docs/benchmarks.md (section « Atelier »).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.timeline.atelier import write_atelier  # noqa: E402
from generator.timeline.indicators import compute  # noqa: E402
from generator.timeline.loader import load_case  # noqa: E402

SIZES = (10, 50, 300)
CHROMIUM = "/usr/bin/chromium"
DOCS = REPO / "docs" / "benchmarks.md"
TITLE = "## Atelier"


def synthetic_case(events: int, seed: int = 13) -> str:
    """A valid case of about ``events`` entries, written as a CPIP would (office-suite dates)."""
    rng = random.Random(seed)
    offences = max(1, events * 35 // 100)
    decisions = max(1, events * 20 // 100)
    measures = max(1, events * 15 // 100)
    life = max(0, events - offences - decisions - measures)
    lines = ["dossier: EX-BENCH", "annee_naissance: 1980", "date_reference: 01/11/2026", "faits:"]
    start = datetime.date(2000, 1, 1)
    span = (datetime.date(2026, 1, 1) - start).days
    days = sorted(start + datetime.timedelta(days=rng.randrange(span)) for _ in range(offences))
    for i, day in enumerate(days):
        lines += [f"  - id: f{i}", f"    date: {day.month:02d}/{day.year}",
                  f"    categorie: {rng.choice(['vol', 'violences', 'stupefiants', 'routier'])}",
                  f"    gravite: {rng.choice(['delit', 'delit', 'contravention'])}",
                  "    libelle: Vol à l'étalage"]
    lines.append("decisions:")
    for i in range(decisions):
        judged = min(i, offences - 1)
        day = days[judged] + datetime.timedelta(days=120)
        lines += [f"  - id: d{i}", f"    date: {day.isoformat()}", f"    faits: [f{judged}]",
                  "    juridiction: tribunal_correctionnel", "    peines:",
                  "      - type: amende", "        quantum: 300 €"]
    lines.append("mesures:")
    for _ in range(measures):
        begin = start + datetime.timedelta(days=rng.randrange(span - 400))
        end = begin + datetime.timedelta(days=rng.randrange(30, 365))
        lines += [f"  - type: {rng.choice(['detention', 'sursis_probatoire', 'ddse'])}",
                  f"    debut: {begin.isoformat()}", f"    fin: {end.isoformat()}",
                  "    issue: fin_normale"]
    if life:
        lines.append("vie:")
    for _ in range(life):
        begin = start + datetime.timedelta(days=rng.randrange(span - 400))
        lines += [f"  - domaine: {rng.choice(['emploi', 'logement', 'famille_couple'])}",
                  f"    debut: {begin.month:02d}/{begin.year}",
                  f"    fin: {(begin + datetime.timedelta(days=300)).isoformat()}",
                  f"    sens: {rng.choice(['positif', 'negatif', 'neutre'])}"]
    return "\n".join(lines) + "\n"


OPEN = """async ([text, name]) => {
  const t = performance.now();
  window.RepereAtelier.openText(text, name);
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return [performance.now() - t, document.getElementById('frise').dataset.dessinee];
}"""
EDIT = """async () => {
  const field = document.getElementById('c-faits-0-libelle');
  const t = performance.now();
  field.value = field.value === 'Vol' ? 'Vol simple' : 'Vol';
  field.dispatchEvent(new Event('input', {bubbles: true}));
  await Promise.resolve(); await Promise.resolve();
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return [performance.now() - t, document.getElementById('frise').dataset.dessinee];
}"""
ENGINE = """([text, runs]) => {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    window.RepereCaseEngine.run(text, 'x.yaml', 'yaml');
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}"""


def python_engine_ms(text: str, folder: Path, runs: int) -> float:
    path = folder / "cas.yaml"
    path.write_text(text, encoding="utf-8")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        compute(load_case(path))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(runs: int) -> dict:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    folder = Path(tempfile.mkdtemp(prefix="atelier-bench-"))
    page_path = write_atelier(folder / "atelier-frise.html")
    results: dict = {"ready": [], "size": page_path.stat().st_size, "sizes": {}}
    texts = {n: synthetic_case(n) for n in SIZES}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        for _ in range(runs):
            page = browser.new_page()
            page.goto(page_path.as_uri())
            page.wait_for_function("() => document.body.dataset.pret === 'oui'")
            results["ready"].append(page.evaluate("() => window.RepereAtelierReadyAt"))
            for n, text in texts.items():
                opened, drawn = page.evaluate(OPEN, [text, "cas.yaml"])
                assert drawn == "oui", f"{n} événements : frise non dessinée"
                edited, drawn = page.evaluate(EDIT)
                assert drawn == "oui"
                row = results["sizes"].setdefault(n, {"open": [], "edit": []})
                row["open"].append(opened)
                row["edit"].append(edited)
            page.close()
        page = browser.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_function("() => document.body.dataset.pret === 'oui'")
        for n, text in texts.items():
            results["sizes"][n]["engine"] = page.evaluate(ENGINE, [text, runs * 3])
            results["sizes"][n]["python"] = python_engine_ms(text, folder, runs * 3)
        browser.close()
    return results


def ms(value: float) -> str:
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms".replace(".", ",")


def report(results: dict, runs: int) -> str:
    ready = statistics.median(results["ready"])
    size = f"{results['size'] / 1e6:.1f}".replace(".", ",")
    load = ", ".join(f"{x:.1f}".replace(".", ",") for x in os.getloadavg())
    lines = [
        TITLE, "",
        f"L'atelier (`atelier-frise.html`, {size} Mo, tout compris) dans Chromium "
        f"sans écran, depuis `file://` ; médianes sur {runs} ouvertures de la page. Cas synthétiques "
        "(`bench/atelier_bench.py`) ; « moteur » = texte → garde → vérifications → indicateurs, "
        "sans dessin, comparé à la référence Python (`load_case` + `compute`) sur le même texte. "
        "La frise dessinée est celle de la page `frise` (`figure.js`, même JSON que `figure.py`). "
        f"Charge de la machine pendant la mesure (load average 1, 5, 15 min) : {load}.",
        "",
        f"- Ouverture → prêt : **{ms(ready)}** (objectif : moins de 1 s, "
        f"{'atteint' if ready < 1000 else 'manqué'}).",
        "",
        "| événements | ouvrir → frise dessinée | une modification → redessinée | moteur (navigateur) "
        "| moteur (Python) | rapport navigateur / Python |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for n, row in results["sizes"].items():
        opened, edited = statistics.median(row["open"]), statistics.median(row["edit"])
        ratio = row["engine"] / row["python"] if row["python"] else float("nan")
        lines.append(f"| {n} | {ms(opened)} | {ms(edited)} | {ms(row['engine'])} | {ms(row['python'])} "
                     f"| {ratio:.2f} |".replace(".", ","))
    edit50 = statistics.median(results["sizes"][50]["edit"])
    lines += ["", f"Objectif « une modification → redessinée en moins de 100 ms à 50 événements » : "
              f"{ms(edit50)}, {'atteint' if edit50 < 100 else 'manqué'}.", ""]
    return "\n".join(lines)


def write_section(section: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    if TITLE + "\n" in text:
        start = text.index(TITLE + "\n")
        end = text.find("\n## ", start + len(TITLE))
        text = text[:start] + section + (text[end + 1:] if end != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOCS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure l'atelier frise dans Chromium.")
    parser.add_argument("--runs", type=int, default=7, help="ouvertures de la page (défaut : 7)")
    parser.add_argument("--ecrire", action="store_true", help="écrire la section dans docs/benchmarks.md")
    args = parser.parse_args(argv)
    section = report(measure(args.runs), args.runs)
    print(section)
    if args.ecrire:
        write_section(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
