"""Python and JavaScript guards give the same verdicts (kinds and lines) on the same texts.

``generator/timeline/guard.py`` is the reference; ``generator/timeline/static/guard.js`` is the
twin the browser atelier runs. Both read ``guard_patterns.json``. The shared table (the matrix of
identifiers × places, the passes, the hostile fixtures, the examples) and thousands of generated
texts go through both, in one Node process.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from guard_table import PASSES, identifier_samples, matrix, pass_files

from generator.timeline import guard

REPO = Path(__file__).resolve().parent.parent
GUARD_JS = REPO / "generator" / "timeline" / "static" / "guard.js"
RUNNER = """
const guard = require(process.argv[1]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const cases = JSON.parse(input);
  const out = cases.map(([text, year]) => ({
    findings: guard.scanText(text, year).map((f) => [f.line, f.kind]),
    birth_year: guard.readBirthYear(text),
    messages: guard.scanText(text, year).map((f) => guard.message(f)),
  }));
  process.stdout.write(JSON.stringify(out));
});
"""

# Pieces the generated texts are made of: what the patterns look for, what separates it, and
# what could make the two engines disagree (astral characters, case, invisible characters).
PIECES = (
    "0", "06", "47", "91", "1", "94", "03", "75", "115", "005", "97", "2A", "2B", "1994", "2015",
    "12", "184523", "21184523456", "0647913825", "+33", "+262", "+689", "00", "(0)", "33",
    " ", "  ", "   ", "    ", "_", "\u00a0", "\u202f", "\u2009", "\t", ".", "-", "/", "\n", "\n  ",
    "\r\n", "\u2028", ",", ", ", ";", ":", " : ", "#", '"', "'", "’", "\u200b", "\u00ad",
    "né", "née", "Né(e)", "NÉE", "naissance", "DDN", "le", "à", "Lyon", "en", "1er", "mars",
    "janv.", "écrou", "écroué", "Ecroue", "parquet", "NPP", "RG", "n°", "numéro", "sous",
    "M.", "Mme", "Me", "Dr", "Monsieur", "madame", "Dupont", "X", "le", "Église", "l'",
    "rue", "place", "r.", "cours", "de", "la", "des", "bis", "@", "camille", "example.org", "a.b",
    "libelle:", "date:", "annee_naissance:", "quantum: ", "- ", "vie;", "fait,",
    "０", "６", "１９９４", "😀", "𝟘", "ǅ", "İ", "ß", "Ａ",
    "\\", "\\_", "\\x36", "\\u0030", "\\U0001F600", "\\uD83D", "\\uDE00", "\\N", "\\t", "\\\n",
    "\\UFFFFFFFF", "\\x0a", '\\"',
)


def generated(count: int, seed: int = 20261130) -> list[str]:
    rng = random.Random(seed)
    samples = [s.text for s in identifier_samples()]
    texts = []
    for _ in range(count):
        parts = [rng.choice(PIECES) for _ in range(rng.randint(1, 30))]
        if rng.random() < 0.3:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(samples))
        texts.append("".join(parts))
    return texts


def table() -> list[tuple[str, int | None]]:
    """Every (text, birth year) both guards judge."""
    cases: list[tuple[str, int | None]] = []
    cases += [(text, guard.read_birth_year(text)) for _, _, _, text, _ in matrix()]
    cases += [(text, guard.read_birth_year(text)) for _, text in pass_files()]
    cases += [(text, year) for text in PASSES for year in (None, 1994)]
    cases += [(s.text, year) for s in identifier_samples() for year in (None, s.birth_year)]
    files = sorted((REPO / "tests" / "hostile" / "guard").glob("*.*")) + sorted(
        (REPO / "examples" / "dossiers").glob("*.*")
    ) + sorted((REPO / "tests" / "fixtures" / "frise").glob("*.yaml"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        cases.append((text, guard.read_birth_year(text)))
    cases += [(text, year) for text in generated(4000) for year in (None, 1994)]
    return cases


def run_js(cases: list[tuple[str, int | None]]) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node est introuvable : il faut Node.js pour comparer les deux gardes.")
    result = subprocess.run(
        [node, "-e", RUNNER, str(GUARD_JS)], input=json.dumps(cases), capture_output=True,
        text=True, encoding="utf-8", check=True, timeout=300,
    )
    return json.loads(result.stdout)


def test_python_and_javascript_give_the_same_findings() -> None:
    cases = table()
    assert len(cases) >= 300
    js = run_js(cases)
    assert len(js) == len(cases)
    differences = []
    flagged = 0
    for (text, year), theirs in zip(cases, js, strict=True):
        ours = [[f.line, f.kind] for f in guard.scan_text(text, year)]
        flagged += bool(ours)
        if ours != theirs["findings"]:
            differences.append((text[:200], year, ours, theirs["findings"]))
        if guard.read_birth_year(text) != theirs["birth_year"]:
            differences.append((text[:200], "birth_year", guard.read_birth_year(text), theirs["birth_year"]))
        if [guard.message(f) for f in guard.scan_text(text, year)] != theirs["messages"]:
            differences.append((text[:200], "messages"))
    assert differences == []
    # The table holds both verdicts in quantity (a guard that finds nothing would agree too).
    assert flagged > 1000 and len(cases) - flagged > 1000


BROWSER_RUNNER = """
const vm = require("vm");
const fs = require("fs");
const [script, data] = process.argv.slice(1);
// A page: no module, no require; the build inlines the data as window.RepereGuardData.
const page = { RepereGuardData: JSON.parse(fs.readFileSync(data, "utf8")) };
page.window = page;
vm.createContext(page);
vm.runInContext(fs.readFileSync(script, "utf8"), page);
const findings = page.RepereGuard.scanText("# M. Dupont\\nTél 06 47 91 38 25", null);
process.stdout.write(JSON.stringify(findings.map((f) => [f.line, f.kind])));
"""


def test_the_script_defines_a_browser_global_without_modules() -> None:
    script = GUARD_JS.read_text(encoding="utf-8")
    assert "import " not in script and "export " not in script
    node = shutil.which("node")
    assert node is not None
    result = subprocess.run(
        [node, "-e", BROWSER_RUNNER, str(GUARD_JS), str(guard.DATA_FILE)], capture_output=True,
        text=True, encoding="utf-8", check=True, timeout=60,
    )
    assert json.loads(result.stdout) == [[1, guard.CIVILITY], [2, guard.PHONE]]
