"""Differential test: the atelier's browser engine (run in Node) judges case texts as ``frise`` does.

Python (``generator.timeline.loader.load_case`` then ``indicators.compute``) is the reference. The
browser chain (``static/case_engine.js``: guard → YAML or CSV reading by the npm ``yaml`` and
``papaparse`` packages → checks → ``indicators.js``) runs on the same raw texts: every example and
fixture, 1,000 seeded random valid cases written in varied forms (YAML and CSV, ISO and
office-suite dates, quoted or not), and 300+ seeded mutations of them that break one rule each.
Asserted: the same refusals by the guard, the same problems (line and message, in order), and for
valid cases the same indicator JSON.
"""

from __future__ import annotations

import datetime
import json
import random
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_indicators_differential import random_case

from generator.problems import InvalidInput
from generator.timeline import guard
from generator.timeline.atelier_data import BIRTH_KEYS, atelier_data
from generator.timeline.indicators import compute
from generator.timeline.loader import load_case
from generator.timeline.model import CaseFile

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "generator" / "timeline" / "static"
CASE_FOLDERS = (ROOT / "examples" / "dossiers", ROOT / "tests" / "fixtures" / "frise",
                ROOT / "tests" / "hostile" / "guard")
TODAY = datetime.date(2026, 11, 1)
RANDOM_VALID = 1000
RANDOM_INVALID = 360
RANDOM_PAGES = 300

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed")

RUNNER = """
const fs = require("fs");
const engine = require(process.argv[1]).create(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
let text = ""; process.stdin.setEncoding("utf8"); process.stdin.on("data", c => text += c);
process.stdin.on("end", () => {
  const out = JSON.parse(text).map(([body, name, format]) => {
    const r = engine.run(body, name, format, process.argv[3]);
    return {refused: r.refused, problems: r.problems.map(p => [p[1], p[2]]), indicators: r.indicators};
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def run_browser(texts: list[tuple[str, str]], tmp_path: Path) -> list[dict]:
    data = tmp_path / "atelier-data.json"
    data.write_text(json.dumps(atelier_data(), ensure_ascii=False), encoding="utf-8")
    batch = [[text, name, "csv" if name.endswith(".csv") else "yaml"] for text, name in texts]
    done = subprocess.run(
        ["node", "-e", RUNNER, str(STATIC / "case_engine.js"), str(data), TODAY.isoformat()],
        input=json.dumps(batch, ensure_ascii=False), capture_output=True, text=True, check=True,
        timeout=600,
    )
    return json.loads(done.stdout)


def run_python(text: str, name: str, folder: Path) -> dict:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    try:
        case = load_case(path, today=TODAY)
    except InvalidInput as error:
        refused = bool(error.problems) and all(
            p.message in {guard.message(guard.Finding(0, k)) for k in guard.KINDS.values()}
            for p in error.problems
        )
        return {"refused": refused, "problems": [[p.line, p.message] for p in error.problems],
                "indicators": None}
    return {"refused": False, "problems": [],
            "indicators": json.loads(json.dumps(compute(case).to_json()))}


def assert_same(texts: list[tuple[str, str]], tmp_path: Path) -> dict[str, int]:
    browser = run_browser(texts, tmp_path)
    folder = tmp_path / "cases"
    folder.mkdir(exist_ok=True)
    seen = {"valid": 0, "invalid": 0, "refused": 0}
    for (text, name), got in zip(texts, browser, strict=True):
        expected = run_python(text, name, folder)
        assert got["problems"] == expected["problems"], (name, text, expected["problems"], got["problems"])
        assert got["refused"] == expected["refused"], (name, text)
        assert got["indicators"] == expected["indicators"], (name, text)
        seen["refused" if expected["refused"] else "invalid" if expected["problems"] else "valid"] += 1
    return seen


# --- writing a case as text, in the forms CPIPs use ------------------------------------------------
def written_date(rng: random.Random, day: datetime.date, text: str) -> str:
    """The date at the precision of ``text`` (ISO), in ISO or office-suite form."""
    if rng.random() < 0.5:
        return text
    if len(text) == 7:
        return f"{day.month:02d}/{day.year}"
    if len(text) == 10:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return text


def precise(rng: random.Random, day: datetime.date) -> str:
    """The ISO text of a date, partial when the day allows it (first of month or year)."""
    if day.month == 1 and day.day == 1 and rng.random() < 0.7:
        return f"{day.year}"
    if day.day == 1 and rng.random() < 0.7:
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


def case_rows(case: CaseFile, rng: random.Random) -> list[tuple[str, dict]]:
    """The case as (kind, keys) entries in written order; children follow their parent."""
    def date(day: datetime.date | None) -> str | None:
        return written_date(rng, day, precise(rng, day)) if day else None

    rows: list[tuple[str, dict]] = [("dossier", {
        "dossier": case.dossier, "annee_naissance": str(case.annee_naissance),
        "date_reference": date(case.date_reference)})]
    def maybe(value: str, share: float = 0.3) -> str | None:
        return value if rng.random() < share else None

    for o in case.faits:
        rows.append(("fait", {"id": o.id, "date": date(o.date), "fin": date(o.fin),
                              "categorie": o.categorie, "gravite": o.gravite,
                              "libelle": rng.choice([None, "Vol à l'étalage", "Conduite sans permis",
                                                     "Vol <b>simple</b> & « recel »"]),
                              "libelle_personne": maybe("Un vol dans un magasin"),
                              "natinf": maybe(str(rng.randint(1, 99999)), 0.2)}))
    for d in case.decisions:
        rows.append(("decision", {"id": d.id, "date": date(d.date), "faits": list(d.faits),
                                  "juridiction": d.juridiction,
                                  "nature": d.nature if d.nature == "relaxe" or rng.random() < 0.3 else None}))
        rows.extend(("peine", {"type": p.type, "quantum": p.quantum,
                               "duree_epreuve": maybe("2 ans")}) for p in d.peines)
    for m in case.mesures:
        planned = m.debut + datetime.timedelta(days=rng.randint(0, 4000))
        rows.append(("mesure", {"type": m.type, "debut": date(m.debut), "fin": date(m.fin),
                                "issue": m.issue,
                                "fin_prevue": date(planned) if rng.random() < 0.3 else None}))
        rows.extend(("obligation", {"type": o.type, "respect": o.respect,
                                    "libelle": maybe("Suivi en addictologie")})
                    for o in m.obligations)
    for e in case.vie:
        start = "date" if e.is_point else "debut"
        rows.append(("vie", {"domaine": e.domaine, start: date(e.debut), "fin": date(e.fin),
                             "sens": e.sens, "libelle": rng.choice([None, "CDD", "Rupture"]),
                             "libelle_personne": maybe("Un travail")}))
    return [(kind, {k: v for k, v in keys.items() if v is not None}) for kind, keys in rows]


SECTIONS = {"fait": "faits", "decision": "decisions", "mesure": "mesures", "vie": "vie"}
CHILDREN = {"peine": "peines", "obligation": "obligations"}


def to_yaml(rows: list[tuple[str, dict]], rng: random.Random) -> str:
    def scalar(value: str) -> str:
        return f'"{value}"' if rng.random() < 0.15 else value

    lines: list[str] = []
    section = None
    for kind, keys in rows:
        if kind == "dossier":
            lines += [f"{k}: {scalar(v)}" for k, v in keys.items()]
            continue
        indent = "  "
        if kind in SECTIONS:
            if section != kind:
                lines.append(f"{SECTIONS[kind]}:")
                section = kind
        else:
            indent = "      "
            if not lines[-1].strip().startswith(f"{CHILDREN[kind]}:") and not lines[-1].startswith(
                    f"{indent}  "):
                lines.append(f"    {CHILDREN[kind]}:")
        first = True
        for k, v in keys.items():
            text = ("[" + ", ".join(v) + "]") if isinstance(v, list) else scalar(v)
            lines.append(f"{indent}{'- ' if first else '  '}{k}: {text}")
            first = False
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ["rubrique", "dossier", "annee_naissance", "date_reference", "id", "date", "debut",
               "fin", "fin_prevue", "categorie", "gravite", "libelle", "libelle_personne", "natinf",
               "faits", "juridiction", "nature", "type", "quantum", "duree_epreuve", "issue",
               "respect", "domaine", "sens"]


def to_csv(rows: list[tuple[str, dict]], rng: random.Random) -> str:
    sep = rng.choice([";", ","])

    def cell(value: object) -> str:
        text = " ".join(value) if isinstance(value, list) else str(value)
        return f'"{text}"' if sep in text or rng.random() < 0.1 else text

    out = [sep.join(CSV_COLUMNS)]
    for kind, keys in rows:
        out.append(sep.join(cell(keys[c]) if c in keys else (kind if c == "rubrique" else "")
                            for c in CSV_COLUMNS))
        if rng.random() < 0.05:
            out.append("")
    return ("\ufeff" if rng.random() < 0.2 else "") + "\r\n".join(out) + "\r\n"


def valid_texts(count: int, seed: int) -> list[tuple[str, str, list]]:
    rng = random.Random(seed)
    texts = []
    for number in range(count):
        case = random_case(rng, number)
        rows = case_rows(case, rng)
        if rng.random() < 0.35:
            texts.append((to_csv(rows, rng), f"cas-{number}.csv", rows))
        else:
            texts.append((to_yaml(rows, rng), f"cas-{number}.yaml", rows))
    return texts


# --- mutations: each breaks one rule (or several) of the contract ---------------------------------
def mutate(rng: random.Random, rows: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    rows = [(kind, dict(keys)) for kind, keys in rows]
    pick = rng.randrange(len(rows))
    kind, keys = rows[pick]
    choice = rng.randrange(24)
    if choice == 0:
        keys["categori" if kind == "fait" else "debutt"] = "vol"        # unknown key, near one
    elif choice == 1:
        keys["zz_nom"] = "x"                                             # unknown key, far
    elif choice == 2 and keys:
        keys[rng.choice(list(keys))] = rng.choice(["vols", "delits", "tribunal", "emploie", "xyz"])
    elif choice == 3:
        keys["date" if kind in ("fait", "decision") else "debut"] = rng.choice(
            ["2019/03", "30/02/2019", "2019-13", "3/2019", "mars 2019", "0999", ""])
    elif choice == 4 and kind in ("fait", "decision", "mesure", "vie"):
        keys["fin"] = "1990-01"                                          # before start/birth
    elif choice == 5:
        keys.pop(rng.choice(list(keys)), None)                           # missing key
    elif choice == 6:
        rows[0][1]["dossier"] = rng.choice(["123456", "EX 2026", "é-1", "x" * 40, ""])
    elif choice == 7:
        rows[0][1]["annee_naissance"] = rng.choice(["12/03/1994", "94", "1994-03-12x", "abcd"])
    elif choice == 8:
        rows[0][1]["date_reference"] = rng.choice(["1900", "2027-05", "31/04/2026"])
    elif choice == 9:
        rows.append(("fait", {"id": "f0", "date": "2010", "categorie": "vol", "gravite": "delit"}))
    elif choice == 10:
        rows.append(("decision", {"id": "dx", "date": "2020", "faits": ["f99", "f0"],
                                  "juridiction": "tribunal_correctionnel"}))
        rows.append(("peine", {"type": "amende"}))
    elif choice == 11:
        rows.append(("mesure", {"type": "ddse", "debut": "2020", "decision": "d99",
                                "issue": rng.choice(["en_cours", "fin_normale", "revocation"]),
                                **({"fin": "2021"} if rng.random() < 0.5 else {})}))
    elif choice == 12:
        rows.append(("decision", {"id": "dr", "date": "2025", "faits": ["f0"],
                                  "juridiction": "tribunal_correctionnel", "nature": "relaxe"}))
        rows.append(("peine", {"type": "tig", "quantum": "140 h"}))
    elif choice == 13:
        rows.append(("decision", {"id": "dc", "date": "2025", "faits": ["f0"],
                                  "juridiction": rng.choice(["juge_enfants", "tribunal_enfants"])}))
    elif choice == 14:
        keys["libelle"] = "Vol #2 en réunion"
    elif choice == 15:
        rows.append(("vie", {"domaine": "emploi", "date": "2015", "debut": "2015",
                             **({"fin": "2016"} if rng.random() < 0.5 else {})}))
    elif choice == 16:
        rows.append(("vie", {"domaine": "logement", "sens": "negatf"}))
    elif choice == 17 and kind == "fait":
        keys["natinf"] = rng.choice(["78x5", "0", "7875", "-3"])
    elif choice == 18:
        keys["libelle"] = rng.choice(["Appeler le 06 47 11 36 25", "écrire à jean.d@exemple.fr",
                                      "M. Dupont au 12 rue des Lilas", "NIR 1 84 12 76 451 089 46"])
    elif choice == 19:
        rows.append(("peine", {"type": "amende"}))                       # child after any row
    elif choice == 20:
        rows.append(("obligation", {"type": "soins"}))
    elif choice == 21:
        keys["date_naissance"] = "1994"
    elif choice == 22:
        rows.append(("decision", {"id": "dd", "date": "2001", "faits": ["f0", "f1"],
                                  "juridiction": "cour_appel"}))
        rows.append(("peine", {"type": "amende", "quantum": "300 €"}))
    else:
        rows.append(("mesure", {"type": "sursis_probatoire", "debut": "2020-05",
                                "fin_prevue": "2019-01", "fin": "2021"}))
    return rows


def invalid_texts(count: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    bases = valid_texts(count, seed + 1)
    texts = []
    for number, (_, _, rows) in enumerate(bases):
        rows = mutate(rng, rows)
        if rng.random() < 0.3:
            rows = mutate(rng, rows)
        if rng.random() < 0.35:
            texts.append((to_csv(rows, rng), f"faux-{number}.csv"))
        else:
            texts.append((to_yaml(rows, rng), f"faux-{number}.yaml"))
    return texts


# --- the tests ---------------------------------------------------------------------------------
def test_birth_keys_agree_with_the_guard() -> None:
    assert all(guard.is_birth_key(key) for key in BIRTH_KEYS)


def test_examples_and_fixtures_give_the_same_results(tmp_path: Path) -> None:
    texts = []
    for folder in CASE_FOLDERS:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".yaml", ".yml", ".csv") and path.is_file():
                texts.append((path.read_bytes().decode("utf-8-sig"), path.name))
    assert len(texts) >= 15
    seen = assert_same(texts, tmp_path)
    assert seen["valid"] >= 10 and seen["invalid"] >= 1 and seen["refused"] >= 1, seen


def test_random_valid_cases_give_the_same_indicators(tmp_path: Path) -> None:
    texts = [(text, name) for text, name, _ in valid_texts(RANDOM_VALID, 20261130)]
    seen = assert_same(texts, tmp_path)
    assert seen["valid"] == RANDOM_VALID, seen


def test_mutated_cases_give_the_same_problems(tmp_path: Path) -> None:
    seen = assert_same(invalid_texts(RANDOM_INVALID, 4242), tmp_path)
    assert seen["invalid"] + seen["refused"] >= 300, seen
    assert seen["refused"] >= 10, seen


def test_cli_page_cards_expose_their_raw_values_like_the_atelier() -> None:
    """``data-indicateur``/``data-valeur`` on the cards of the frise page equal ``--json``."""
    import re  # noqa: PLC0415
    from html import unescape  # noqa: PLC0415

    from generator.timeline.render import render_page  # noqa: PLC0415

    for path in sorted((ROOT / "examples" / "dossiers").glob("*.yaml")):
        case = load_case(path, today=TODAY)
        expected = json.loads(json.dumps(compute(case).to_json()))
        for view in ("professionnel", "personne"):
            html = render_page(case, view, shared_script_src="plotly.js")
            found = re.findall(r'data-indicateur="([^"]+)" data-valeur="([^"]+)"', html)
            assert len(found) >= (12 if view == "professionnel" else 5), (path.name, view)
            for key, value in found:
                assert json.loads(unescape(value)) == expected[key], (path.name, view, key)


# --- YAML syntax errors: two parsers, same verdict ------------------------------------------------
def break_syntax(rng: random.Random, text: str) -> str:
    """One of the syntax mistakes people make by hand (tab, missing colon or quote, brackets…)."""
    lines = text.split("\n")
    i = rng.randrange(3, max(4, len(lines) - 1))
    line = lines[i]
    lines[i] = rng.choice([
        "\t" + line, line.replace(":", "", 1), line.replace(": ", ': "', 1),
        line.replace(": ", ": [a, b", 1), " " + line, line.replace(": ", ": *x ", 1),
        line.replace(": ", ": @", 1), line + ": x", line.replace(": ", ": {a: 1", 1),
    ])
    return "\n".join(lines)


SYNTAX_CASES = 250
SYNTAX_AGREEMENT = 0.95  # measured: 245 of 250 identical (line and message) on this seed


def test_yaml_syntax_errors_are_caught_alike(tmp_path: Path) -> None:
    """Both refuse the same broken texts as YAML errors; line and message agree on nearly all.

    PyYAML (Python) and eemeli/yaml (browser) notice some mistakes at different moments: the
    browser maps the parser's error to PyYAML's line and French hint with a few rules
    (case_reader.js, ``pyyamlError``); what is left differs in the hint or the line only.
    """
    rng = random.Random(7)
    bases = [(t, n) for t, n, _ in valid_texts(400, 99) if n.endswith(".yaml")][:SYNTAX_CASES]
    texts = [(break_syntax(rng, text), name) for text, name in bases]
    browser = run_browser(texts, tmp_path)
    folder = tmp_path / "cases"
    folder.mkdir()
    identical = kinds_agree = syntax = 0
    for (text, name), got in zip(texts, browser, strict=True):
        expected = run_python(text, name, folder)
        py_syntax = bool(expected["problems"]) and expected["problems"][0][1].startswith("YAML")
        js_syntax = bool(got["problems"]) and got["problems"][0][1].startswith("YAML")
        syntax += py_syntax
        kinds_agree += py_syntax == js_syntax
        identical += got["problems"] == expected["problems"]
        assert bool(got["problems"]) == bool(expected["problems"]), (name, text)
    assert syntax >= 200
    assert kinds_agree >= len(texts) - 2, kinds_agree
    assert identical >= SYNTAX_AGREEMENT * len(texts), identical


def test_every_message_is_declared_once_and_used_by_both_engines() -> None:
    """``case_messages.MESSAGES`` is the one source: the Python loader and CSV reader and the
    browser's engine all say each message by its name, and the browser has no text of its own."""
    import re  # noqa: PLC0415

    from generator.timeline.case_messages import MESSAGES  # noqa: PLC0415

    python = "".join((ROOT / "generator" / "timeline" / name).read_text(encoding="utf-8")
                     for name in ("loader.py", "csv_case.py"))
    browser = "".join((STATIC / name).read_text(encoding="utf-8")
                      for name in ("case_engine.js", "case_reader.js", "atelier.js"))
    # csv.Error (Python) has no papaparse twin: like csv.reader, papaparse reads an unclosed
    # quote to the end of the text instead of failing.
    python_only = {"csv_unreadable"}
    for name in MESSAGES:
        said = re.compile(r'say\(\s*"' + name + '"')
        assert said.search(python), name
        assert said.search(browser) or name in python_only, name
    for text in ("cette clé est obligatoire", "Formats acceptés", "Valeurs possibles", "Vouliez-vous"):
        assert text not in browser and text not in python, text


@pytest.mark.browser
def test_a_sample_gives_the_same_results_in_chromium(tmp_path: Path, browser: object) -> None:
    """The same engine inside the real atelier page (the npm libraries as the build wraps them)."""
    from generator.timeline.atelier import write_atelier  # noqa: PLC0415

    page_path = write_atelier(tmp_path / "atelier-frise.html")
    valid = [(text, name) for text, name, _ in valid_texts(60, 555)]
    texts = valid + invalid_texts(60, 556)[:60]
    page = browser.new_page()
    page.goto(page_path.as_uri())
    page.wait_for_function("() => document.body.dataset.pret === 'oui'")
    got = page.evaluate("""([batch, today]) => batch.map(([body, name]) => {
        const r = window.RepereCaseEngine.run(body, name, /\\.csv$/.test(name) ? 'csv' : 'yaml', today);
        return {refused: r.refused, problems: r.problems.map(p => [p[1], p[2]]), indicators: r.indicators};
    })""", [texts, TODAY.isoformat()])
    page.close()
    folder = tmp_path / "cases"
    folder.mkdir()
    invalid = 0
    for (text, name), from_page in zip(texts, got, strict=True):
        expected = run_python(text, name, folder)
        assert from_page == expected, (name, text)
        invalid += bool(expected["problems"])
    assert invalid >= 50


# --- the chart: figure.js draws what figure.py draws ----------------------------------------------
FIGURE_RUNNER = """
const fs = require("fs");
const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const engine = require(process.argv[1] + "/case_engine.js").create(data);
const figure = require(process.argv[1] + "/figure.js").create(data);
let text = ""; process.stdin.setEncoding("utf8"); process.stdin.on("data", c => text += c);
process.stdin.on("end", () => {
  const out = JSON.parse(text).map(([body, name]) => {
    const r = engine.run(body, name, /\\.csv$/.test(name) ? "csv" : "yaml", process.argv[3]);
    if (!r.case) return null;
    return ["professionnel", "personne"].map(view => [figure.build(r.case, view),
                                                      figure.buildGravity(r.case, r.indicators, view)]);
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def figures_from_browser(texts: list[tuple[str, str]], tmp_path: Path) -> list:
    data = tmp_path / "atelier-data.json"
    data.write_text(json.dumps(atelier_data(), ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        ["node", "-e", FIGURE_RUNNER, str(STATIC), str(data), TODAY.isoformat()],
        input=json.dumps(texts, ensure_ascii=False), capture_output=True, text=True, check=True,
        timeout=600,
    )
    return json.loads(done.stdout)


def first_difference(expected: object, got: object, where: str = "") -> str | None:
    if isinstance(expected, dict) and isinstance(got, dict):
        for key in list(expected) + [k for k in got if k not in expected]:
            found = first_difference(expected.get(key), got.get(key), f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(got, list):
        if len(expected) != len(got):
            return f"{where}: {len(expected)} != {len(got)} éléments"
        for i, (a, b) in enumerate(zip(expected, got, strict=True)):
            found = first_difference(a, b, f"{where}[{i}]")
            if found:
                return found
        return None
    if isinstance(expected, str) and isinstance(got, str) and expected != got:
        pairs = enumerate(zip(expected, got, strict=False))
        at = next((i for i, (a, b) in pairs if a != b), min(len(expected), len(got)))
        return f"{where} @{at}: {expected[max(0, at - 60):at + 80]!r} != {got[max(0, at - 60):at + 80]!r}"
    return None if expected == got else f"{where}: {expected!r} != {got!r}"


def assert_same_figures(texts: list[tuple[str, str]], tmp_path: Path) -> int:
    from generator.timeline.figure import build_figure, build_gravity_figure  # noqa: PLC0415

    browser = figures_from_browser(texts, tmp_path)
    folder = tmp_path / "figures"
    folder.mkdir(exist_ok=True)
    compared = 0
    for (text, name), got in zip(texts, browser, strict=True):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        try:
            case = load_case(path, today=TODAY)
        except InvalidInput:
            assert got is None, name
            continue
        indicators = compute(case)
        for view, (from_js, gravity_js) in zip(("professionnel", "personne"), got, strict=True):
            expected = json.loads(json.dumps(build_figure(case, indicators, view)))
            difference = first_difference(expected, from_js)
            assert difference is None, (name, view, difference)
            gravity = json.loads(json.dumps(build_gravity_figure(case, indicators, view)))
            assert gravity == gravity_js, (name, view, first_difference(gravity, gravity_js))
            compared += 1
    return compared


def test_the_chart_of_every_example_and_fixture_is_the_frise_page_chart(tmp_path: Path) -> None:
    texts = []
    for folder in CASE_FOLDERS:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".yaml", ".yml", ".csv") and path.is_file():
                texts.append((path.read_bytes().decode("utf-8-sig"), path.name))
    assert assert_same_figures(texts, tmp_path) >= 40


def test_the_chart_of_random_cases_is_the_frise_page_chart(tmp_path: Path) -> None:
    texts = [(text, name) for text, name, _ in valid_texts(RANDOM_VALID, 777)]
    assert assert_same_figures(texts, tmp_path) == 2 * RANDOM_VALID


# --- the cards: cards.js writes what plain_words.py writes ----------------------------------------
CARDS_RUNNER = """
const fs = require("fs");
const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const engine = require(process.argv[1] + "/case_engine.js").create(data);
const cards = require(process.argv[1] + "/cards.js").create(data);
let text = ""; process.stdin.setEncoding("utf8"); process.stdin.on("data", c => text += c);
process.stdin.on("end", () => {
  const out = JSON.parse(text).map(([body, name]) => {
    const r = engine.run(body, name, /\\.csv$/.test(name) ? "csv" : "yaml", process.argv[3]);
    if (!r.case) return null;
    return ["professionnel", "personne"].map(view => cards.build(r.case, r.indicators, view));
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def assert_same_cards(texts: list[tuple[str, str]], tmp_path: Path) -> int:
    from generator.timeline import plain_words  # noqa: PLC0415
    from generator.timeline.render import CARD_INDICATORS  # noqa: PLC0415

    data = tmp_path / "atelier-data.json"
    data.write_text(json.dumps(atelier_data(), ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        ["node", "-e", CARDS_RUNNER, str(STATIC), str(data), TODAY.isoformat()],
        input=json.dumps(texts, ensure_ascii=False), capture_output=True, text=True, check=True,
        timeout=600,
    )
    folder = tmp_path / "cards"
    folder.mkdir(exist_ok=True)
    compared = 0
    for (text, name), got in zip(texts, json.loads(done.stdout), strict=True):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        try:
            case = load_case(path, today=TODAY)
        except InvalidInput:
            assert got is None, name
            continue
        ind = compute(case)
        for view, from_js in zip(("professionnel", "personne"), got, strict=True):
            cards = (plain_words.professional_cards(ind, case) if view == "professionnel"
                     else plain_words.person_cards(ind))
            expected = [{"label": c.label, "value": c.value, "definition": c.definition,
                         "note": c.note, "indicateur": CARD_INDICATORS.get(c.label)} for c in cards]
            assert from_js == expected, (name, view, first_difference(expected, from_js))
            compared += 1
    return compared


def test_the_cards_of_every_example_fixture_and_random_case_are_the_frise_page_cards(
        tmp_path: Path) -> None:
    texts = []
    for folder in CASE_FOLDERS:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".yaml", ".yml", ".csv") and path.is_file():
                texts.append((path.read_bytes().decode("utf-8-sig"), path.name))
    texts += [(text, name) for text, name, _ in valid_texts(RANDOM_VALID, 888)]
    assert assert_same_cards(texts, tmp_path) >= 2 * RANDOM_VALID + 40


def test_texts_broken_at_random_never_crash_the_browser_engine(tmp_path: Path) -> None:
    """600 texts with random characters changed (quotes, brackets, separators, line breaks…):
    the browser engine always answers (no exception), and almost always exactly as frise does;
    what differs is YAML syntax (two parsers) or a CSV quote in the middle of a cell."""
    rng = random.Random(3)
    alphabet = list(":-[]{}#&*!|>'\"%@`,? \t\n0123456789aé\u00a0\u2028\\~")
    texts = []
    for text, name, _ in valid_texts(200, 5):
        for _ in range(3):
            chars = list(text)
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(len(chars))
                roll = rng.random()
                if roll < 0.4:
                    chars[at] = rng.choice(alphabet)
                elif roll < 0.7:
                    chars.insert(at, rng.choice(alphabet))
                else:
                    del chars[at]
            texts.append(("".join(chars), name))
    browser = run_browser(texts, tmp_path)  # check=True: a crash of the engine fails here
    folder = tmp_path / "cases"
    folder.mkdir()
    same = sum(got == run_python(text, name, folder) for (text, name), got in zip(texts, browser, strict=True))
    assert same >= 0.85 * len(texts), same


SHAPES_BASE = ("dossier: EX-1\nannee_naissance: 1990\ndate_reference: 2026-11-01\nfaits:\n  - id: f1\n"
               "    date: 2010\n    categorie: vol\n    gravite: delit\ndecisions:\n  - id: d1\n"
               "    date: 2011\n    faits: [f1]\n    juridiction: tribunal_correctionnel\n"
               "    peines:\n      - type: amende\n")


@pytest.mark.parametrize("old, new", [
    ("juridiction: tribunal_correctionnel", "juridiction: [tribunal_enfants]"),
    ("juridiction: tribunal_correctionnel", "juridiction: {a: 1}"),
    ("categorie: vol", "categorie: [vol]"),
    ("faits: [f1]", "faits: {f1: 1}"),
    ("faits: [f1]", "faits: f1"),
    ("faits: [f1]", "faits: []"),
    ("dossier: EX-1", "dossier: [EX-1]"),
    ("annee_naissance: 1990", "annee_naissance: [1990]"),
    ("date: 2010", "date: [2010]"),
    ("      - type: amende", "      - amende"),
    ("    peines:\n      - type: amende\n", "    peines: amende\n"),
    ("  - id: f1", "  - id: [f1]"),
    ("  - id: f1", "  - id: ''"),
])
def test_values_of_the_wrong_shape_give_the_same_problems(tmp_path: Path, old: str, new: str) -> None:
    text = SHAPES_BASE.replace(old, new, 1)
    assert text != SHAPES_BASE
    [got] = run_browser([(text, "forme.yaml")], tmp_path)
    expected = run_python(text, "forme.yaml", tmp_path)
    assert got == expected
    assert expected["problems"] or new == "faits: f1"  # one bare id is accepted


# --- the whole page: page.js writes the page render.py writes ---------------------------------
PAGE_RUNNER = """
const fs = require("fs");
const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const engine = require(process.argv[1] + "/case_engine.js").create(data);
const cards = require(process.argv[1] + "/cards.js").create(data);
const figure = require(process.argv[1] + "/figure.js").create(data);
const page = require(process.argv[1] + "/page.js").create(data, cards, figure);
let text = ""; process.stdin.setEncoding("utf8"); process.stdin.on("data", c => text += c);
process.stdin.on("end", () => {
  const out = JSON.parse(text).map(([body, name]) => {
    const r = engine.run(body, name, /\\.csv$/.test(name) ? "csv" : "yaml", process.argv[3]);
    if (!r.case) return null;
    return ["professionnel", "personne"].map(view => page.page(r.case, r.indicators, view, "", process.argv[4]));
  });
  process.stdout.write(JSON.stringify(out));
});
"""
# Leads with links in one half of the runs, without (the « --catalogue » hint) in the other.
CATALOGUE_URL = "https://intranet.example/repere/"


class PageParts(HTMLParser):
    """The text of each part of a frise page (header, each section, footer), whitespace normalised
    (every tag counts as a space), and the tags with their attributes (sorted) in document order."""

    PARTS = ("header", "section", "footer")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[list[str]] = []
        self.tags: list[str] = []
        self.depth = 0  # inside a part
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self.in_script = True
            return
        if tag in self.PARTS and self.depth == 0:
            self.parts.append([f"<{tag} {dict(attrs).get('class', '')}>"])
        if tag in self.PARTS:
            self.depth += 1
        if self.depth:
            self.tags.append(tag + repr(sorted((k, v) for k, v in attrs if k != "data-valeur")))
            self.parts[-1].append(" ")  # a tag separates words (templates differ in indentation)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.in_script = False
        elif tag in self.PARTS:
            self.depth -= 1
        elif self.depth:
            self.parts[-1].append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.in_script:
            self.parts[-1].append(data)

    def result(self) -> tuple[list[str], list[str]]:
        return [" ".join("".join(part).split()) for part in self.parts], self.tags


def page_parts(html: str) -> tuple[list[str], list[str]]:
    parser = PageParts()
    parser.feed(html)
    return parser.result()


def assert_same_pages(texts: list[tuple[str, str]], tmp_path: Path) -> int:
    from generator.timeline.render import render_parts  # noqa: PLC0415

    data = tmp_path / "atelier-data.json"
    data.write_text(json.dumps(atelier_data(), ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "pages"
    folder.mkdir(exist_ok=True)
    compared = 0
    for url in (CATALOGUE_URL, ""):
        done = subprocess.run(
            ["node", "-e", PAGE_RUNNER, str(STATIC), str(data), TODAY.isoformat(), url],
            input=json.dumps(texts, ensure_ascii=False), capture_output=True, text=True, check=True,
            timeout=600,
        )
        for (text, name), got in zip(texts, json.loads(done.stdout), strict=True):
            path = folder / name
            path.write_text(text, encoding="utf-8")
            try:
                case = load_case(path, today=TODAY)
            except InvalidInput:
                assert got is None, name
                continue
            for view, from_js in zip(("professionnel", "personne"), got, strict=True):
                before, after = render_parts(case, view, catalogue_url=url or None)
                expected_parts, expected_tags = page_parts(before + after)
                got_parts, got_tags = page_parts(from_js)
                assert got_parts == expected_parts, (name, view, url, first_difference(expected_parts, got_parts))
                assert got_tags == expected_tags, (name, view, url, first_difference(expected_tags, got_tags))
                compared += 1
    return compared


def case_texts() -> list[tuple[str, str]]:
    texts = []
    for folder in CASE_FOLDERS:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".yaml", ".yml", ".csv") and path.is_file():
                texts.append((path.read_bytes().decode("utf-8-sig"), path.name))
    return texts


def test_the_page_of_every_example_and_fixture_is_the_frise_page(tmp_path: Path) -> None:
    assert assert_same_pages(case_texts(), tmp_path) >= 80


def test_the_page_of_random_cases_is_the_frise_page(tmp_path: Path) -> None:
    texts = [(text, name) for text, name, _ in valid_texts(RANDOM_PAGES, 999)]
    assert assert_same_pages(texts, tmp_path) == 4 * RANDOM_PAGES
