"""The search index of the catalogue, built once per build into ``assets/search-index.js``.

A ``<script src>`` file (``window.REPERE_SEARCH_INDEX = …``) because browsers block ``fetch`` on
``file://``; the search loader (``templates/overrides/partials/repere-search.html``) loads it
only when someone starts a search. The summaries, half the bytes but only needed to show
results, not to find them, are a second file (``assets/search-resumes.js``, an array in sheet
order) loaded right after: the first results do not wait for them. Compact so that it stays
light at thousands of sheets:

- ``docs``: one flat array per sheet, what a result shows: kind (0 tool, 1 programme, 2 method),
  slug, title, duration label. What results filter on is the catalogue's one data file
  (``assets/catalogue-data.js``, ``facets.py``), read by the one facet engine ``assets/facets.js``.
- ``terms``: the sorted vocabulary of stemmed terms (``generator/search_text.py``), space-separated.
- ``postings``: for each term, space-separated in the same order, the sheets that contain it,
  field by field (title, summary, keywords, risk factors, headings, body; a sheet is in every
  field it contains the term in, and its score adds up their weights). Each field's list is a
  marker character then either the gaps between sheet numbers as base-38 varints or, when
  shorter, a bit set of all sheets, 6 bits a character.
  The alphabet has no ``"``, ``\\`` or ``<``: no escaping, and ``</script>`` cannot appear.
- ``words``: for each term, space-separated in the same order, the word people read for it (the
  most frequent written form, lower case, accents kept), or nothing when that is the term itself:
  « Vouliez-vous dire … ? » proposes words, not stems.
- ``thesaurus``: the field's words and their equivalents (``thesaurus.yaml``), normalised like
  the sheets: term → list of equivalents, each a list of terms. Applied at query time, by the
  Python engine (``search_engine.py``) and the browser's alike, from this one compiled copy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.catalogue import vocabulary as vocab
from generator.catalogue.facets import data_script
from generator.catalogue.markdown_body import headings
from generator.catalogue.model import Catalogue, Programme, ToolSheet
from generator.catalogue.typography import typo_fr
from generator.problems import Problem, display_path
from generator.search_text import terms, words_and_terms
from generator.text import fold

THESAURUS = Path(__file__).with_name("thesaurus.yaml")
INDEX_FILE = "assets/search-index.js"
SUMMARIES_FILE = "assets/search-resumes.js"
FORMAT_VERSION = 2
# Field order is weight order; a term found in several fields of a sheet adds their weights.
FIELDS = ("titre", "resume", "mots_cles", "facteurs", "intertitres", "texte")
WEIGHTS = (16, 8, 6, 4, 2, 1)

ALPHABET = "".join(chr(code) for code in range(35, 127) if chr(code) not in "<\\")
BASE = 38
FINAL_DIGITS = ALPHABET[:BASE]
MORE_DIGITS = ALPHABET[BASE:2 * BASE]
GAP_MARKERS = ALPHABET[2 * BASE:2 * BASE + len(FIELDS)]
BITSET_MARKERS = ALPHABET[2 * BASE + len(FIELDS):2 * BASE + 2 * len(FIELDS)]
BITSET_DIGITS = ALPHABET[:64]

MARKDOWN_LINK_TARGET = re.compile(r"\]\([^)]*\)")
HTML_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class SearchDocument:
    """What the index knows of one sheet: its card (title and summary with French typography,
    as the pages show them, ``typography.py``) and its text by field (as written)."""

    kind: int  # 0 tool (outils/), 1 programme (programmes/), 2 method (methodes/)
    slug: str
    title: str
    summary: str
    duration: str
    fields: tuple[str, ...]  # one text per entry of FIELDS


def write_search_index(catalogue: Catalogue, docs_dir: Path) -> Path:
    """Write the index and the summaries into the docs tree; return the index's path."""
    return write_files(docs_dir, search_index_files(catalogue))


def search_index_files(catalogue: Catalogue) -> dict[str, str]:
    """Relative path → text of the index and the summaries (pure: the build computes them on its
    second core while MkDocs renders, then writes them into the site)."""
    docs = documents(catalogue)
    return {INDEX_FILE: search_index_script(docs), SUMMARIES_FILE: summaries_script(docs)}


def write_files(folder: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder / INDEX_FILE


def search_index_script(docs: list[SearchDocument]) -> str:
    return _script("REPERE_SEARCH_INDEX", build_index(docs))


def summaries_script(docs: list[SearchDocument]) -> str:
    return _script("REPERE_SEARCH_RESUMES", [doc.summary for doc in docs])


def _script(variable: str, data: object) -> str:
    return data_script(variable, data)


def documents(catalogue: Catalogue) -> list[SearchDocument]:
    """Tools, programmes and methods in title order (the order of equally good results)."""
    docs = [tool_document(tool) for tool in catalogue.tools.values()]
    docs += [programme_document(programme) for programme in catalogue.programmes.values()]
    docs += [method_document(method) for method in getattr(catalogue, "methods", {}).values()]
    return sorted(docs, key=lambda doc: (fold(doc.title), doc.kind, doc.slug))


def method_document(method: object) -> SearchDocument:
    """A method page (``content/methodes/``): its principles count as keywords; no facets."""
    references = [reference.titre if hasattr(reference, "titre") else str(reference)
                  for reference in getattr(method, "references", ()) or ()]
    return SearchDocument(2, method.slug, typo_fr(method.titre), typo_fr(method.resume), "",
                          _fields(method.titre, method.resume, getattr(method, "principes", ()) or (), (),
                                  method.body, ["méthode", *references]))


def tool_document(tool: ToolSheet) -> SearchDocument:
    labels = [vocab.MODALITIES[m] for m in tool.modalite] + [vocab.SETTINGS[m] for m in tool.milieu]
    labels += [vocab.STAGES[s] for s in tool.stades_changement]
    labels += [vocab.EVIDENCE_LEVELS[tool.niveau_preuve]] if tool.niveau_preuve else []
    body = [*tool.objectifs, *tool.facteurs_protecteurs, tool.precautions or "",
            *(support.titre for support in tool.supports),
            *(f"{feedback.contexte} {feedback.texte}" for feedback in tool.retours), *labels]
    return SearchDocument(0, tool.slug, typo_fr(tool.titre), typo_fr(tool.resume), tool.duree.label,
                          _fields(tool.titre, tool.resume, tool.mots_cles, tool.facteurs_risques,
                                  tool.body, body))


def programme_document(programme: Programme) -> SearchDocument:
    sessions = programme.nb_seances
    duration = f"{sessions} séance{'s' if sessions > 1 else ''} de {programme.duree_seance} min"
    labels = [vocab.MODALITIES[m] for m in programme.modalite]
    labels += [vocab.EVIDENCE_LEVELS[programme.niveau_preuve]] if programme.niveau_preuve else []
    body = [programme.public or "", "programme", *labels]
    return SearchDocument(1, programme.slug, typo_fr(programme.titre), typo_fr(programme.resume), duration,
                          _fields(programme.titre, programme.resume, programme.mots_cles,
                                  programme.facteurs_risques, programme.body, body))


def _fields(title: str, summary: str, keywords: Iterable[str], factors: Iterable[str],
            body: str, extra_body: Iterable[str]) -> tuple[str, ...]:
    factor_labels = [f"{vocab.RISK_FACTORS[f]} {vocab.RISK_FACTOR_SHORT[f]}" for f in factors]
    heading_lines, text = split_headings(body)
    return (title, summary, "\n".join(keywords), "\n".join(factor_labels), heading_lines,
            "\n".join([text, *extra_body]))


def split_headings(body: str) -> tuple[str, str]:
    """(heading lines, the rest) of a Markdown body, without link targets and HTML tags."""
    lines = HTML_TAG.sub(" ", MARKDOWN_LINK_TARGET.sub("]", body)).split("\n")
    heading_rows = {index for index, _ in headings(body)}
    titles = "\n".join(lines[index].lstrip("#") for index in sorted(heading_rows))
    rest = "\n".join(line for index, line in enumerate(lines) if index not in heading_rows)
    return titles, rest


def build_index(docs: list[SearchDocument], thesaurus: dict[str, list[list[str]]] | None = None
                ) -> dict[str, object]:
    postings: dict[str, list[list[int]]] = {}  # term → for each field, its sheet numbers
    forms: dict[str, dict[str, int]] = {}  # term → written form (lower case) → count
    for number, doc in enumerate(docs):
        for term, ranks in fields_of_terms(doc, forms).items():
            if term not in postings:
                postings[term] = [[] for _ in FIELDS]
            for rank in ranks:
                postings[term][rank].append(number)
    vocabulary = sorted(postings)
    written = display_words(forms)
    return {
        "version": FORMAT_VERSION,
        "fields": list(FIELDS),
        "weights": list(WEIGHTS),
        "docs": [_doc_row(doc) for doc in docs],
        "terms": " ".join(vocabulary),
        "postings": " ".join(encode_postings(postings[term], len(docs)) for term in vocabulary),
        "words": " ".join("" if written.get(term, term) == term else written[term] for term in vocabulary),
        "thesaurus": load_thesaurus() if thesaurus is None else thesaurus,
    }


def display_words(forms: dict[str, dict[str, int]]) -> dict[str, str]:
    """Each term → its most frequent written form in the sheets (lower case; ties: alphabetical)."""
    written = {}
    for term, counts in forms.items():
        lowered: dict[str, int] = {}
        for form, count in counts.items():
            lowered[form.lower()] = lowered.get(form.lower(), 0) + count
        written[term] = min(lowered, key=lambda form: (-lowered[form], form))
    return written


class ThesaurusError(ValueError):
    """A malformed entry of thesaurus.yaml (message in French, naming the entry)."""


def load_thesaurus(path: Path = THESAURUS) -> dict[str, list[list[str]]]:
    """thesaurus.yaml compiled to index terms: key term → equivalents, each a list of terms.
    The build checks it first (``thesaurus_problems``): here it is known to be well formed."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return compile_thesaurus(raw if isinstance(raw, dict) else {}, path.name)


def thesaurus_problems(path: Path = THESAURUS) -> list[Problem]:
    """Every malformed line of thesaurus.yaml, located (``--check`` and the build report them
    with the sheets' problems; the thesaurus is content contributors edit)."""
    shown = display_path(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [Problem(shown, mark.line + 1 if mark else 0,
                        "YAML illisible : vérifiez les deux-points, les crochets et les guillemets.")]
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        return [Problem(shown, root.start_mark.line + 1,
                        "le thésaurus est une liste de lignes « mot: [équivalents] ».")]
    problems = []
    for key, value in root.value:
        try:
            compile_thesaurus({key.value: [item.value for item in value.value]
                               if isinstance(value, yaml.SequenceNode) else value.value}, path.name)
        except ThesaurusError as error:
            problems.append(Problem(shown, key.start_mark.line + 1, str(error).split(" : ", 1)[1]))
    return problems


def compile_thesaurus(raw: dict[object, object], name: str = "thesaurus.yaml") -> dict[str, list[list[str]]]:
    compiled: dict[str, list[list[str]]] = {}
    for key, values in raw.items():
        key_terms = terms(str(key))
        if len(key_terms) != 1:
            raise ThesaurusError(f"{name} : « {key} » : une entrée est un seul mot (un sigle, un nom…).")
        if not isinstance(values, list) or not values:
            raise ThesaurusError(f"{name} : « {key} » : il faut une liste d'équivalents entre crochets.")
        equivalents = [terms(str(value)) for value in values]
        if not all(equivalents):
            raise ThesaurusError(f"{name} : « {key} » : un équivalent vide ou fait de mots vides.")
        entry = compiled.setdefault(key_terms[0], [])
        entry.extend(found for found in equivalents if found not in entry and found != key_terms)
    return compiled


def fields_of_terms(doc: SearchDocument, forms: dict[str, dict[str, int]] | None = None) -> dict[str, list[int]]:
    """Each term of the sheet → the ranks of the fields that contain it, best first; ``forms``
    (if given) counts how each term is written (for the words « Vouliez-vous dire » proposes)."""
    found: dict[str, list[int]] = {}
    for rank, text in enumerate(doc.fields):
        pairs = words_and_terms(text)
        for term in {term for _, term in pairs}:
            found.setdefault(term, []).append(rank)
        if forms is not None:
            for (word, term), count in Counter(pairs).items():
                counts = forms.setdefault(term, {})
                counts[word] = counts.get(word, 0) + count
    return found


def _doc_row(doc: SearchDocument) -> list[object]:
    return [doc.kind, doc.slug, doc.title, doc.duration]


def encode_postings(by_rank: list[list[int]], doc_count: int) -> str:
    """The sheets of one term (ascending sheet numbers for each field) in the compact form."""
    parts = []
    for rank, numbers in enumerate(by_rank):
        if not numbers:
            continue
        gaps = GAP_MARKERS[rank] + "".join(_varint(gap) for gap in _gaps(numbers))
        if len(gaps) > 1 + -(-doc_count // 6):  # a bit set is shorter: most sheets have the term
            gaps = BITSET_MARKERS[rank] + _bitset(numbers, doc_count)
        parts.append(gaps)
    return "".join(parts)


def decode_postings(encoded: str, doc_count: int) -> list[list[int]]:
    """The inverse of ``encode_postings`` (the browser has its own, in ``assets/search.js``)."""
    by_rank: list[list[int]] = [[] for _ in FIELDS]
    position = 0
    while position < len(encoded):
        marker = encoded[position]
        position += 1
        if marker in BITSET_MARKERS:
            rank, width = BITSET_MARKERS.index(marker), -(-doc_count // 6)
            by_rank[rank].extend(_bits(encoded[position:position + width], doc_count))
            position += width
            continue
        rank, previous, value = GAP_MARKERS.index(marker), -1, 0
        while position < len(encoded) and encoded[position] not in GAP_MARKERS + BITSET_MARKERS:
            char = encoded[position]
            position += 1
            if char in MORE_DIGITS:
                value = value * BASE + MORE_DIGITS.index(char)
            else:
                previous += value * BASE + FINAL_DIGITS.index(char) + 1
                by_rank[rank].append(previous)
                value = 0
    return by_rank


def _gaps(numbers: list[int]) -> Iterator[int]:
    previous = -1
    for number in numbers:
        yield number - previous - 1
        previous = number


def _varint(value: int) -> str:
    if value < BASE:
        return FINAL_DIGITS[value]
    digits = [FINAL_DIGITS[value % BASE]]
    value //= BASE
    while value:
        digits.append(MORE_DIGITS[value % BASE])
        value //= BASE
    return "".join(reversed(digits))


def _bitset(numbers: list[int], doc_count: int) -> str:
    chunks = [0] * -(-doc_count // 6)
    for number in numbers:
        chunks[number // 6] |= 1 << (number % 6)
    return "".join(BITSET_DIGITS[chunk] for chunk in chunks)


def _bits(chars: str, doc_count: int) -> Iterator[int]:
    for index, char in enumerate(chars):
        chunk = BITSET_DIGITS.index(char)
        for bit in range(6):
            if chunk >> bit & 1 and index * 6 + bit < doc_count:
                yield index * 6 + bit
