"""The search index (generator/catalogue/search_index.py) and the engine that reads it
(templates/assets/search.js, run in Node here; the browser tests drive the same code)."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.catalogue.docs_tree import catalogue_data_script
from generator.catalogue.links import cross_link
from generator.catalogue.loader import load_catalogue
from generator.catalogue.search_index import (
    ALPHABET,
    FIELDS,
    build_index,
    decode_postings,
    documents,
    encode_postings,
    search_index_script,
    split_headings,
    write_search_index,
)
from generator.catalogue.typography import typo_fr

REPO = Path(__file__).resolve().parent.parent
SEARCH_JS = REPO / "templates" / "assets" / "search.js"
FACETS_JS = REPO / "templates" / "assets" / "facets.js"
FIXTURE = REPO / "tests" / "fixtures" / "catalogue" / "valide"


@pytest.fixture(scope="module")
def starter_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    catalogue = load_catalogue(REPO / "content")
    (docs / "assets").mkdir()
    (docs / "assets" / "catalogue-data.js").write_text(catalogue_data_script(catalogue, cross_link(catalogue)),
                                                      encoding="utf-8")
    return write_search_index(catalogue, docs)


def parse_script(script: str) -> dict:
    assert script.startswith("window.REPERE_SEARCH_INDEX=") and script.endswith(";\n")
    return json.loads(script.removeprefix("window.REPERE_SEARCH_INDEX=").removesuffix(";\n")
                      .replace("<\\/", "</"))


def node(script: str, payload: object) -> object:
    if not shutil.which("node"):
        pytest.fail("node introuvable : il faut Node.js pour tester le moteur de recherche")
    result = subprocess.run(["node", "-e", script], input=json.dumps(payload), capture_output=True,
                            text=True, encoding="utf-8", check=True)
    return json.loads(result.stdout)


def search(index: Path, queries: list[str], filters: dict[str, list[str]] | None = None) -> list[list[str]]:
    """The slugs found for each query by the browser's engine, best first (filters: the
    catalogue's data file next to the index, through assets/facets.js)."""
    script = f"""
        const S = require({json.dumps(str(SEARCH_JS))});
        const F = require({json.dumps(str(FACETS_JS))});
        const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
        const window = {{}};
        eval(require('fs').readFileSync(input.index, 'utf8'));
        eval(require('fs').readFileSync(input.data, 'utf8'));
        const engine = new S.Engine(window.REPERE_SEARCH_INDEX, new F.Facets(window.REPERE_CATALOGUE));
        process.stdout.write(JSON.stringify(input.queries.map(q =>
            engine.search(q, input.filters).results.map(d => engine.docs[d][1]))));
    """
    data = index.with_name("catalogue-data.js")
    return node(script, {"index": str(index), "data": str(data), "queries": queries, "filters": filters or {}})


def parse_summaries(script: str) -> list[str]:
    assert script.startswith("window.REPERE_SEARCH_RESUMES=") and script.endswith(";\n")
    return json.loads(script.removeprefix("window.REPERE_SEARCH_RESUMES=").removesuffix(";\n")
                      .replace("<\\/", "</"))


def test_script_is_json_that_cannot_close_its_script(tmp_path: Path) -> None:
    path = write_search_index(load_catalogue(FIXTURE), tmp_path)
    script = path.read_text(encoding="utf-8")
    assert path == tmp_path / "assets" / "search-index.js"
    assert "</" not in script  # the fixture's title contains "<ses>"
    summaries = (tmp_path / "assets" / "search-resumes.js").read_text(encoding="utf-8")
    assert "</" not in summaries
    index = parse_script(script)
    catalogue = load_catalogue(FIXTURE)
    sheets = [*catalogue.tools.values(), *catalogue.programmes.values(), *catalogue.methods.values()]
    expected = {sheet.slug: typo_fr(sheet.resume) for sheet in sheets}
    assert parse_summaries(summaries) == [expected[doc[1]] for doc in index["docs"]]  # same order
    titles = [doc[2] for doc in index["docs"]]
    assert typo_fr("Outil complet : l'entreprise & <ses> valeurs") in titles  # shown as on the pages
    assert all(len(doc) == 4 for doc in index["docs"])  # kind, slug, title, duration: no filter data
    assert len(index["terms"].split(" ")) == len(index["postings"].split(" "))
    assert index["terms"].split(" ") == sorted(index["terms"].split(" "))


def test_postings_record_every_field_of_a_term(tmp_path: Path) -> None:
    index = parse_script(search_index_script(documents(load_catalogue(FIXTURE))))
    postings = dict(zip(index["terms"].split(" "), index["postings"].split(" "), strict=True))
    slugs = [doc[1] for doc in index["docs"]]
    complete = slugs.index("outil-complet")
    by_field = decode_postings(postings["entrepris"], len(slugs))  # « l'entreprise » in the title only
    assert [complete in numbers for numbers in by_field] == [True, False, False, False, False, False]
    by_field = decode_postings(postings["valeur"], len(slugs))  # title, keywords, objectives (body)
    assert [complete in numbers for numbers in by_field] == [True, False, True, False, False, True]
    by_field = decode_postings(postings["deroul"], len(slugs))  # "## Déroulé" of both tools
    assert by_field[FIELDS.index("intertitres")] == sorted(slugs.index(s) for s in ("outil-complet",
                                                                                    "outil-minimal"))
    assert "ses" not in postings  # a stop word


def test_search_filters_read_the_catalogue_data_file(starter_index: Path) -> None:
    """Search narrows with the catalogue's own data file: every sheet of the index, tools and
    programmes, has its facet values there (one data file, one facet engine)."""
    data = json.loads(starter_index.with_name("catalogue-data.js").read_text(encoding="utf-8")
                      .removeprefix("window.REPERE_CATALOGUE=").rstrip(";\n").replace("<\\/", "</"))
    index = parse_script(starter_index.read_text(encoding="utf-8"))
    names = [group["name"] for group in data["groups"]]
    assert names[:7] == ["facteur", "duree", "modalite", "seances", "stade", "milieu", "preuve"]
    entries = {(0, tool["s"]): tool for tool in data["tools"]} | {(1, p["s"]): p for p in data["programmes"]}
    # Methods (kind 2) have no facets: they are not in the data file and any filter leaves them out.
    assert {(doc[0], doc[1]) for doc in index["docs"] if doc[0] != 2} == set(entries)
    assert all(set(names) <= set(entry) for entry in entries.values())
    assert len(data["tools"]) == 28 and len(data["programmes"]) == 6


@given(st.sets(st.integers(min_value=0, max_value=499)), st.sets(st.integers(min_value=0, max_value=499)))
def test_postings_round_trip(title: set[int], body: set[int]) -> None:
    by_field = [sorted(title), [], [], [], [], sorted(body)]
    encoded = encode_postings(by_field, 500)
    assert set(encoded) <= set(ALPHABET) and " " not in encoded
    assert decode_postings(encoded, 500) == by_field


def test_frequent_terms_take_a_bit_set_and_the_browser_decodes_both_forms(tmp_path: Path) -> None:
    rng = random.Random(3)
    sizes = (0, 5, 0, 250, 0, 40)
    lists = [[sorted(rng.sample(range(300), k)) for k in sizes] for _ in range(20)]
    encoded = [encode_postings(by_field, 300) for by_field in lists]
    assert all(len(text) < 120 for text in encoded)  # 250 sheets of 300 as a 51-character bit set
    script = f"""
        const S = require({json.dumps(str(SEARCH_JS))});
        const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
        const docs = Array.from({{length: 300}}, () => [0, '', '', '', 0, 0, 0, 0, 0, 0, 0]);
        const engine = new S.Engine({{docs, terms: input.map((_, i) => 't' + i).join(' '),
            postings: input.join(' '), weights: [32, 16, 8, 4, 2, 1], groups: []}});
        process.stdout.write(JSON.stringify(input.map((_, t) => {{
            const list = engine.postingsOf(t);
            return Array.from(list.docs).map((d, k) => [d, list.weights[k]]).sort((a, b) => a[0] - b[0]);
        }})));
    """
    decoded = node(script, encoded)
    for by_field, got in zip(lists, decoded, strict=True):
        weights: dict[int, int] = {}
        for rank, numbers in enumerate(by_field):
            for number in numbers:
                weights[number] = weights.get(number, 0) + [32, 16, 8, 4, 2, 1][rank]
        assert got == sorted([number, weight] for number, weight in weights.items())


def test_headings_and_text_are_split_without_link_targets() -> None:
    body = ("## Déroulé\n\nVoir [la grille](https://exemple.fr/grille) <br> ici.\n\n"
            "```\n## pas un titre\n```\n")
    headings, text = split_headings(body)
    assert headings.strip() == "Déroulé"
    assert "exemple" not in text and "br" not in text.split() and "## pas un titre" in text


def test_index_is_a_fraction_of_the_text_it_covers(starter_index: Path) -> None:
    """Terms, not raw text: index and summaries must stay far below the sheets' own text."""
    text = sum(len(path.read_text(encoding="utf-8").encode()) for path in (REPO / "content").rglob("*.md"))
    summaries = starter_index.with_name("search-resumes.js")
    assert starter_index.stat().st_size + summaries.stat().st_size < 0.5 * text


def test_engine_folds_accents_splits_elisions_and_stems(starter_index: Path) -> None:
    colere, echelle, violence, entreprise, pensee = search(
        starter_index, ["colere", "echelle", "violence conjugale", "entreprise", "pensee automatique"])
    assert colere[0] == "gestion-de-la-colere"
    assert echelle[0] == "echelle-motivation"
    assert {"gestion-conflits-couple", "ppr-relations-sans-violence"} <= set(violence[:3])
    assert "cv-simulation-entretien" in entreprise  # only as « l'entreprise »
    assert pensee[0] == "pensees-automatiques"


def test_engine_tolerates_typos_on_long_words_only(starter_index: Path) -> None:
    motivationel, genograme, adiction, colre, xyz = search(
        starter_index, ["motivationel ", "genograme", "adiction ", "colre ", "xyzzyx "])
    assert motivationel[0] == "entretien-motivationnel"
    assert genograme[0] == "genogramme"
    assert "journal-consommation" in adiction
    assert colre == []  # 4 letters once stemmed: no typo allowed, too many false friends
    assert xyz == []


def test_engine_matches_prefixes_of_the_word_being_typed(starter_index: Path) -> None:
    typing, done = search(starter_index, ["genogr", "genogr "])
    assert typing[0] == "genogramme"
    assert done == []  # a finished word (space after it) is not a prefix


def test_every_word_must_match_and_stop_words_are_ignored(starter_index: Path) -> None:
    pairs = [("colère ", "thermomètre "), ("famille ", "détention "), ("emploi ", "violence ")]
    queries = [word for pair in pairs for word in pair] + [a + b for a, b in pairs]
    found = dict(zip(queries, search(starter_index, queries), strict=True))
    for a, b in pairs:
        assert set(found[a + b]) == set(found[a]) & set(found[b]), (a, b)
        assert found[a + b] and len(found[a + b]) < len(found[a])
    title, with_stop_words = search(starter_index, ["gestion colère", "la gestion de la colère"])
    assert with_stop_words == title and title[0] == "gestion-de-la-colere"


def test_filters_narrow_like_the_catalogue(starter_index: Path) -> None:
    (everything,), (collective,), (listed,) = (
        search(starter_index, ["motivation"]),
        search(starter_index, ["motivation"],
               {"modalite": ["collectif"], "facteur": ["addictions", "loisirs"]}),
        search(starter_index, [""], {"modalite": ["collectif"]}),
    )
    assert 0 < len(collective) < len(everything)
    assert set(collective) <= set(everything)
    data = json.loads(starter_index.with_name("catalogue-data.js").read_text(encoding="utf-8")
                      .removeprefix("window.REPERE_CATALOGUE=").rstrip(";\n").replace("<\\/", "</"))
    entries = {entry["s"]: entry for entry in data["tools"] + data["programmes"]}
    assert all("collectif" in entries[slug]["modalite"]
               and {"addictions", "loisirs"} & set(entries[slug]["facteur"]) for slug in collective)
    assert len(listed) == sum(1 for entry in entries.values() if "collectif" in entry["modalite"])  # no words: all


def test_edit_distances_match_a_plain_implementation() -> None:
    def reference(a: str, b: str) -> list[list[int]]:
        table = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
        for i in range(1, len(a) + 1):
            for j in range(1, len(b) + 1):
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1,
                                  table[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
                if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
        return table

    rng = random.Random(8)
    pairs = []
    for _ in range(1500):
        a = "".join(rng.choice("abcde") for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice("abcde") for _ in range(rng.randint(0, 12)))
        pairs.append((a, b, rng.choice([1, 2])))
    script = f"""
        const S = require({json.dumps(str(SEARCH_JS))});
        const pairs = JSON.parse(require('fs').readFileSync(0, 'utf8'));
        process.stdout.write(JSON.stringify(pairs.map(([a, b, max]) =>
            [S.editDistance(a, b, max), S.prefixDistance(a, b, max)])));
    """
    for (a, b, most), (distance, prefix) in zip(pairs, node(script, pairs), strict=True):
        table = reference(a, b)
        if abs(len(a) - len(b)) <= most:
            assert distance == min(table[len(a)][len(b)], most + 1), (a, b, most)
        if len(b) >= len(a) - most:
            assert prefix == min(*table[len(a)], most + 1), (a, b, most)


def test_generated_bench_content_is_valid_and_indexable(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    try:
        from generate_content import generate
    finally:
        sys.path.remove(str(REPO / "bench"))
    content = generate(60, tmp_path / "contenu")
    again = generate(60, tmp_path / "encore")
    catalogue = load_catalogue(content)
    assert len(catalogue.tools) == 60 and len(catalogue.programmes) == 6
    assert "gestion-de-la-colere" in catalogue.tools  # the starter sheets are kept as they are
    assert sorted(p.name for p in (content / "tools").glob("*.md")) == \
        sorted(p.name for p in (again / "tools").glob("*.md"))  # deterministic
    assert len(build_index(documents(catalogue))["docs"]) == 66 + len(catalogue.methods)  # methods indexed too
