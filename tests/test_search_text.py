"""The French search normalisation, in Python (index time) and JavaScript (query time).

Both sides read the same table (tests/fixtures/search/normalisation.tsv) and must also agree
with each other, term for term, on the whole starter content and on random text: a word the
browser normalises differently from the build is a word search can never find.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import search_text
from generator.search_text import stem, terms

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "tests" / "fixtures" / "search" / "normalisation.tsv"
NORMALISE_JS = REPO / "templates" / "assets" / "search-normalise.js"


def table() -> list[tuple[str, list[str]]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            text, expected = line.split("\t")
            rows.append((text, expected.split()))
    return rows


def node_terms(texts: list[str]) -> list[list[str]]:
    """The JavaScript normaliser's terms of each text, computed by Node in one run."""
    if not shutil.which("node"):
        pytest.fail("node introuvable : il faut Node.js pour tester la normalisation du navigateur")
    script = (f"const n = require({json.dumps(str(NORMALISE_JS))});"
              "const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(texts.map(n.terms)));")
    result = subprocess.run(["node", "-e", script], input=json.dumps(texts), capture_output=True,
                            text=True, encoding="utf-8", check=True)
    return json.loads(result.stdout)


def node_value(expression: str) -> object:
    script = (f"const n = require({json.dumps(str(NORMALISE_JS))});"
              f"process.stdout.write(JSON.stringify({expression}));")
    return json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True,
                                     check=True).stdout)


@pytest.mark.parametrize(("text", "expected"), table(), ids=[row[0] for row in table()])
def test_python_follows_the_shared_table(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


def test_javascript_follows_the_shared_table() -> None:
    rows = table()
    got = node_terms([text for text, _ in rows])
    mismatches = [(text, expected, js) for (text, expected), js in zip(rows, got, strict=True)
                  if js != expected]
    assert mismatches == []


def test_the_table_covers_what_the_issue_asks() -> None:
    """Accents, case, both apostrophes, plurals, -aux, feminines: each pair meets on one term."""
    same = [("evaluation", "Évaluation"), ("entreprise", "l'entreprise"), ("entreprise", "l’entreprise"),
            ("psychosocial", "psychosociaux"), ("violence", "violences"), ("conjugale", "conjugaux"),
            ("motivationnel", "motivationnelles"), ("addictif", "addictive")]
    for left, right in same:
        assert terms(left) == terms(right), (left, right)
    different = [("colère", "collectif"), ("violence", "violent"), ("action", "actif")]
    for left, right in different:
        assert terms(left) != terms(right), (left, right)


def test_both_sides_share_stop_words_and_elisions() -> None:
    assert sorted(node_value("n.STOP_WORDS")) == sorted(search_text.STOP_WORDS)
    assert sorted(node_value("n.ELISIONS")) == sorted(search_text.ELISIONS)


def test_both_sides_agree_on_the_whole_starter_content() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted((REPO / "content").rglob("*.md"))]
    assert len(texts) >= 30
    python = [terms(text) for text in texts]
    assert python == node_terms(texts)
    assert sum(len(found) for found in python) > 10_000


def test_both_sides_agree_on_random_text() -> None:
    alphabet = ("abcdefghijklmnopqrstuvwxyzéèêëàâäîïôöùûüçœæÉÈÀÇŒßﬁ' ’ʼ-_.,;:!?«»()0123456789\u0301\u00a0"
                "ΣσςДжİ")
    rng = random.Random(5)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(2000)]
    python = [terms(text) for text in texts]
    assert python == node_terms(texts)


def test_stemming_leaves_short_words_and_numbers_alone() -> None:
    assert stem("jeu") == "jeu"
    assert stem("aide") == "aide"
    assert stem("2024") == "2024"
    assert terms("à 10 h") == ["10"]
