"""The Python search engine (generator/catalogue/search_engine.py, the reference) and the
browser's (templates/assets/search.js, run in Node): same sheets, same order, same suggestions."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.catalogue.loader import load_catalogue
from generator.catalogue.search_engine import Engine, edit_distance, prefix_distance
from generator.catalogue.search_index import build_index, compile_thesaurus, documents, load_thesaurus

REPO = Path(__file__).resolve().parent.parent
SEARCH_JS = REPO / "templates" / "assets" / "search.js"
QUERIES = ["réinsertion", "toxicomanie", "drogue", "TIG", "conjoint", "colr", "genograme", "genogr",
           "entretiens motivationels", "violence conjugale", "emploi ", "xyzzyx", "colèrezzz", "en",
           "la gestion de la colère", "l’alcool", "prevension de la rechute", "alcool collectif",
           "jap", "spip", "drogues", "motivation", "famille détention", "adiction", "restructuration cognitve"]


@pytest.fixture(scope="module")
def index() -> dict:
    return build_index(documents(load_catalogue(REPO / "content")))


def js_engine(index: dict, queries: list[str]) -> list[dict]:
    if not shutil.which("node"):
        pytest.fail("node introuvable : il faut Node.js pour tester le moteur de recherche")
    script = f"""
        const S = require({json.dumps(str(SEARCH_JS))});
        const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
        const engine = new S.Engine(input.index, null);
        process.stdout.write(JSON.stringify(input.queries.map(q => ({{
            slugs: engine.search(q, {{}}).results.map(d => engine.docs[d][1]),
            suggestion: engine.suggest(q)}}))));
    """
    result = subprocess.run(["node", "-e", script], input=json.dumps({"index": index, "queries": queries}),
                            capture_output=True, text=True, encoding="utf-8", check=True)
    return json.loads(result.stdout)


def test_both_engines_agree_on_cpip_queries_and_random_ones(index: dict) -> None:
    rng = random.Random(14)
    vocabulary = index["terms"].split(" ")
    typed = ["".join(rng.choice("abcdeéilmnorstu ") for _ in range(rng.randint(2, 14))) for _ in range(150)]
    mangled = [word[:-1] + rng.choice("aeiou") for word in rng.sample(vocabulary, 100) if len(word) > 3]
    queries = QUERIES + typed + mangled
    engine = Engine(index)
    python = [{"slugs": engine.slugs(q), "suggestion": engine.suggest(q)} for q in queries]
    assert python == js_engine(index, queries)


def test_typos_only_where_nothing_else_matches_and_exact_first(index: dict) -> None:
    engine = Engine(index)
    # « réinsertion » is in the thesaurus: its equivalents, not every word two typos away.
    assert len(engine.slugs("réinsertion")) < len(index["docs"]) / 2
    assert engine.slugs("toxicomanie")[0] == "journal-consommation"
    assert engine.slugs("genograme")[0] == "genogramme"  # 1 typo, no exact match
    assert engine.slugs("colr") == []  # 4 letters: no typo allowed…
    assert engine.suggest("colr") == "colère"  # …but the nearest word is proposed
    assert engine.suggest("colèrezzz") is None  # too far from anything
    # Sheets holding the word itself come before those holding only an equivalent.
    alcohol = engine.slugs("alcool")
    holders = {engine.docs[doc][1] for doc in engine.postings_of(engine.position["alcool"])}
    assert 0 < len(holders) < len(alcohol)
    assert set(alcohol[:len(holders)]) == holders


def test_thesaurus_gives_equivalents_and_expressions(index: dict) -> None:
    engine = Engine(index)
    assert "competences-transferables" in engine.slugs("TIG")  # « travail d'intérêt général »
    assert {"gestion-conflits-couple"} <= set(engine.slugs("conjoint")[:3])
    thesaurus = load_thesaurus()
    assert len(thesaurus) >= 40
    assert thesaurus["tig"] == [["travail", "interet", "general"]]


def test_a_bad_thesaurus_entry_is_named_in_french() -> None:
    from generator.catalogue.search_index import ThesaurusError

    with pytest.raises(ThesaurusError, match="« deux mots » : une entrée est un seul mot"):
        compile_thesaurus({"deux mots": ["x"]})
    with pytest.raises(ThesaurusError, match="liste d'équivalents"):
        compile_thesaurus({"tig": "travail"})


def test_thesaurus_problems_are_located(tmp_path: Path) -> None:
    from generator.catalogue.search_index import thesaurus_problems

    assert thesaurus_problems() == []  # the shipped thesaurus
    path = tmp_path / "thesaurus.yaml"
    path.write_text("tig: [travail d'intérêt général]\ndeux mots: [x]\nvide: []\n", encoding="utf-8")
    assert [(problem.line, problem.message) for problem in thesaurus_problems(path)] == [
        (2, "« deux mots » : une entrée est un seul mot (un sigle, un nom…)."),
        (3, "« vide » : il faut une liste d'équivalents entre crochets.")]
    path.write_text("tig: [travail\n", encoding="utf-8")
    assert "YAML illisible" in thesaurus_problems(path)[0].message


def test_python_distances_match_the_browser() -> None:
    rng = random.Random(9)
    pairs = [("".join(rng.choice("abc") for _ in range(rng.randint(0, 8))),
              "".join(rng.choice("abc") for _ in range(rng.randint(0, 10))), rng.choice([1, 2]))
             for _ in range(600)]
    script = f"""
        const S = require({json.dumps(str(SEARCH_JS))});
        const pairs = JSON.parse(require('fs').readFileSync(0, 'utf8'));
        process.stdout.write(JSON.stringify(pairs.map(([a, b, m]) =>
            [S.editDistance(a, b, m), S.prefixDistance(a, b, m)])));
    """
    got = json.loads(subprocess.run(["node", "-e", script], input=json.dumps(pairs), capture_output=True,
                                    text=True, check=True).stdout)
    assert [[edit_distance(a, b, m), prefix_distance(a, b, m)] for a, b, m in pairs] == got
