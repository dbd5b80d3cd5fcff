"""The obvious peer of ``frise``: pandas + ``plotly.express.timeline`` + ``write_html``.

This is what one writes first: a DataFrame of periods, ``px.timeline`` for the lanes, the points
added as scatter traces, and ``fig.write_html(include_plotlyjs=True)`` for a self-contained
page. It reads the case with the same loader as ``frise`` so that the comparison is about
building and writing the page. Needs pandas (not a project dependency): the benchmark says so
when it is missing.

    python bench/peer_plotly_express.py CASE.yaml -o OUTDIR
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.timeline.loader import load_case  # noqa: E402
from generator.timeline.model import CaseFile  # noqa: E402
from generator.timeline.vocabulary import CATEGORIES, DOMAINES, MESURES  # noqa: E402


def peer_figure(case: CaseFile) -> object:
    import pandas as pd
    import plotly.express as px

    rows = []
    for measure in case.mesures:
        lane = "Détention" if measure.is_custody else "Mesures de suivi"
        rows.append({"lane": lane, "start": measure.debut, "end": measure.end(case.date_reference),
                     "kind": MESURES[measure.type]})
    for event in case.vie:
        if not event.is_point:
            rows.append({"lane": DOMAINES[event.domaine], "start": event.debut,
                         "end": event.end(case.date_reference), "kind": event.sens})
    frame = pd.DataFrame(rows, columns=["lane", "start", "end", "kind"])
    figure = px.timeline(frame, x_start="start", x_end="end", y="lane", color="kind",
                         hover_data=["kind"])
    offences = pd.DataFrame(
        [{"date": o.date, "categorie": CATEGORIES[o.categorie], "gravite": o.gravite,
          "libelle": o.libelle or ""} for o in case.faits],
        columns=["date", "categorie", "gravite", "libelle"],
    )
    for category, group in offences.groupby("categorie"):
        figure.add_scatter(x=group["date"], y=["Infractions"] * len(group), mode="markers",
                           name=category, text=group["libelle"])
    decisions = [d.date for d in case.decisions]
    if decisions:
        figure.add_scatter(x=decisions, y=["Décisions"] * len(decisions), mode="markers",
                           name="Décisions", marker_symbol="line-ns-open")
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(title=f"Dossier {case.dossier}")
    return figure


def write_peer_page(case: CaseFile, target: Path) -> None:
    peer_figure(case).write_html(target, include_plotlyjs=True, full_html=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="+", type=Path)
    parser.add_argument("-o", "--sortie", type=Path, default=Path("peer"))
    args = parser.parse_args(argv)
    args.sortie.mkdir(parents=True, exist_ok=True)
    for path in args.cases:
        case = load_case(path)
        write_peer_page(case, args.sortie / f"{case.dossier}.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
