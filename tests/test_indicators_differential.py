"""Differential test: the browser's indicators (``static/indicators.js``, run in Node) equal Python's.

Python (``generator.timeline.indicators``) is the reference; the JavaScript twin was written from the
contract's "Exact definitions" on its own, so every disagreement is a bug on one side or an
ambiguity of the contract. Both run on every example and fixture case, and on 1,000 seeded random
valid cases built to stress the edges (same-day charges, offences over a period, touching and
zero-length custody, semi-liberté, appeals and acquittals, juvenile courts, running periods).
"""

from __future__ import annotations

import datetime
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.timeline.indicators import compute
from generator.timeline.loader import InvalidInput, load_case
from generator.timeline.model import (
    CaseFile,
    Decision,
    LifeEvent,
    Measure,
    Obligation,
    Offence,
    Penalty,
)
from generator.timeline.vocabulary import CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "generator" / "timeline" / "static" / "indicators.js"
CASE_FOLDERS = (ROOT / "examples" / "dossiers", ROOT / "tests" / "fixtures" / "frise")
RANDOM_CASES = 1000

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed")


def browser_input(case: CaseFile) -> dict:
    """The validated case as the browser engine reads it (dates resolved to ISO days)."""
    def day(value: datetime.date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "dossier": case.dossier,
        "annee_naissance": case.annee_naissance,
        "date_reference": day(case.date_reference),
        "faits": [{"id": o.id, "date": day(o.date), "fin": day(o.fin), "categorie": o.categorie,
                   "gravite": o.gravite} for o in case.faits],
        "decisions": [{"id": d.id, "date": day(d.date), "faits": list(d.faits),
                       "juridiction": d.juridiction, "nature": d.nature} for d in case.decisions],
        "mesures": [{"type": m.type, "debut": day(m.debut), "fin": day(m.fin), "issue": m.issue,
                     "obligations": [{"type": o.type, "respect": o.respect} for o in m.obligations]}
                    for m in case.mesures],
        "vie": [{"domaine": e.domaine, "debut": day(e.debut), "fin": day(e.fin), "point": e.is_point,
                 "sens": e.sens} for e in case.vie],
    }


def run_browser_engine(cases: list[CaseFile]) -> list[dict]:
    script = (
        "const engine = require(process.argv[1]);"
        "let text = ''; process.stdin.setEncoding('utf8'); process.stdin.on('data', c => text += c);"
        "process.stdin.on('end', () => process.stdout.write("
        "JSON.stringify(JSON.parse(text).map(engine.compute))));"
    )
    done = subprocess.run(
        ["node", "-e", script, str(ENGINE)], input=json.dumps([browser_input(c) for c in cases]),
        capture_output=True, text=True, check=True, timeout=120,
    )
    return json.loads(done.stdout)


def python_json(case: CaseFile) -> dict:
    # Through a JSON round trip, so that tuples and lists compare equal, as on the command line.
    return json.loads(json.dumps(compute(case).to_json()))


def assert_same(cases: list[CaseFile]) -> None:
    browser = run_browser_engine(cases)
    for case, from_browser in zip(cases, browser, strict=True):
        expected = python_json(case)
        differing = sorted(k for k in expected.keys() | from_browser.keys()
                           if expected.get(k) != from_browser.get(k))
        assert not differing, (case.source, {k: (expected.get(k), from_browser.get(k)) for k in differing})


def test_examples_and_fixtures_give_the_same_indicators() -> None:
    cases = []
    for folder in CASE_FOLDERS:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".yaml", ".yml", ".csv"):
                continue
            try:
                cases.append(load_case(path, today=datetime.date(2026, 11, 1)))
            except InvalidInput:
                continue  # fixtures of refused files
    assert len(cases) >= 10
    assert_same(cases)


# --- seeded random valid cases ------------------------------------------------------------------
def _day(rng: random.Random, low: datetime.date, high: datetime.date) -> datetime.date:
    span = (high - low).days
    picked = low + datetime.timedelta(days=rng.randint(0, max(span, 0)))
    # Partial dates (first of the month or of the year) are common in real files.
    shape = rng.random()
    if shape < 0.3:
        return picked.replace(day=1)
    if shape < 0.4:
        return picked.replace(month=1, day=1)
    return picked


def _after(rng: random.Random, start: datetime.date, limit: datetime.date, longest: int) -> datetime.date:
    return min(limit, start + datetime.timedelta(days=rng.choice([0, 1, 30, rng.randint(0, longest)])))


def random_case(rng: random.Random, number: int) -> CaseFile:
    birth = rng.randint(1950, 2005)
    reference = datetime.date(2026, rng.randint(1, 12), rng.randint(1, 28))
    first = datetime.date(birth + rng.randint(12, 20), 1, 1)
    if first >= reference:
        first = datetime.date(birth + 1, 1, 1)
    offences: list[Offence] = []
    for index in range(rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12])):
        when = _day(rng, first, reference)
        if offences and rng.random() < 0.25:
            when = rng.choice(offences).date  # several charges of one event
        end = _after(rng, when, reference, 900) if rng.random() < 0.15 else None
        offences.append(Offence(
            f"f{index}", when, when.isoformat(), rng.choice(sorted(CATEGORIES)),
            rng.choice(["contravention", "delit", "crime"]), None, None,
            fin=end, fin_text=end.isoformat() if end else None,
        ))
    decisions: list[Decision] = []
    for index in range(rng.randint(0, 4) if offences else 0):
        judged = rng.sample(offences, rng.randint(1, min(3, len(offences))))
        earliest = max(o.date for o in judged)
        when = _after(rng, earliest, reference, 700)
        minors = all(o.date.year - birth - 1 <= 17 for o in judged)
        court = rng.choice(
            ["tribunal_correctionnel", "cour_appel", "cour_assises"]
            + (["tribunal_enfants", "juge_enfants"] * 2 if minors else [])
        )
        nature = "relaxe" if rng.random() < 0.15 else "condamnation"
        peines = (Penalty("emprisonnement", "6 mois", None),) if nature == "condamnation" else ()
        decisions.append(Decision(f"d{index}", when, when.isoformat(), tuple(o.id for o in judged),
                                  court, peines, nature))
    measures: list[Measure] = []
    for _ in range(rng.randint(0, 5)):
        kind = rng.choice(["detention", "detention_provisoire", "semi_liberte", "sursis_probatoire",
                           "ddse", "controle_judiciaire", "liberation_conditionnelle"])
        start = _day(rng, first, reference)
        running = rng.random() < 0.15
        end = None if running else _after(rng, start, reference, 1500)
        issue = "en_cours" if running else rng.choice([None, "fin_normale", "revocation", "incident"])
        obligations = tuple(
            Obligation(rng.choice(["soins", "travail_formation", "residence"]), None,
                       rng.choice(["respectee", "partiellement", "non_respectee", "en_cours"]))
            for _ in range(rng.randint(0, 2))
        )
        measures.append(Measure(kind, start, start.isoformat(), end, end.isoformat() if end else None,
                                None, issue, obligations=obligations))
    events: list[LifeEvent] = []
    for index in range(rng.randint(0, 6)):
        start = _day(rng, datetime.date(birth + 1, 1, 1), reference)
        point = rng.random() < 0.3
        end = None if point or rng.random() < 0.2 else _after(rng, start, reference, 2000)
        if offences and rng.random() < 0.3:
            # Edges of "au même moment": a period or event ending exactly 92 / 93 days before an
            # offence, or on its day.
            anchor = rng.choice(offences).date - datetime.timedelta(days=rng.choice([0, 92, 93]))
            if point:
                start = max(anchor, datetime.date(birth + 1, 1, 1))
            elif anchor > start:
                end = anchor
        events.append(LifeEvent(
            index, rng.choice(["emploi", "logement", "famille_couple", "addictions", "entourage"]),
            start, start.isoformat(), end, end.isoformat() if end else None, point, None,
            rng.choice(["positif", "negatif", "negatif", "neutre"]),
        ))
    return CaseFile(f"R{number}", birth, reference, tuple(offences), tuple(decisions),
                    tuple(measures), tuple(events), Path(f"aleatoire-{number}.yaml"))


def test_random_valid_cases_give_the_same_indicators() -> None:
    rng = random.Random(20261130)
    assert_same([random_case(rng, number) for number in range(RANDOM_CASES)])
