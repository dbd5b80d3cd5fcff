"""The search engine over the built index: the reference the browser's engine follows.

``templates/assets/search.js`` runs the same steps at query time in the browser; both read the
index ``search_index.build_index`` writes, and ``tests/test_search_engine.py`` and
``bench/search_bench.py`` check that they return the same sheets in the same order.

Matching: every word of the query must match (AND). A word matches, by tier:
0 exact (the index term equal to its normalised form), 1 prefix (terms it starts, for the last
word while it is typed), 2 thesaurus (its equivalents; an expression matches a sheet holding all
its words), 3 typo: only when tiers 0–2 matched no sheet, the terms at the smallest edit distance
within the word's bound: none below 5 letters, 1 from 5 to 8, 2 from 9 (of the normalised word).
A sheet's tier is the worst among the words; results come by tier, then score, then catalogue
order. Score: per word, the weights of the fields holding it × match quality × rarity, summed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from generator.catalogue.search_index import decode_postings
from generator.search_text import ELISIONS, STOP_WORDS, WORD, nfc, stem
from generator.text import fold

QUALITY_EXACT, QUALITY_PREFIX, QUALITY_SYNONYM, QUALITY_TYPO1, QUALITY_TYPO2 = 1.0, 0.75, 0.6, 0.55, 0.35
TIER_EXACT, TIER_PREFIX, TIER_SYNONYM, TIER_TYPO, TIER_NONE = 0, 1, 2, 3, 9
MIN_PREFIX = 2
SHORT_PREFIX = 3  # prefixes shorter than this expand to the most frequent terms only
SHORT_PREFIX_TERMS = 24
TYPO1_LENGTH, TYPO2_LENGTH = 5, 9
FUZZY_PREFIX_LENGTH = 6
SCORE_CEILING = 1e6
LETTER_APOSTROPHE = str.maketrans("ʼ", "'")


@dataclass(frozen=True)
class QueryWord:
    folded: str
    term: str
    prefix: bool  # the last word, still being typed
    start: int  # place in the NFC query
    end: int


@dataclass
class PartScore:
    scores: list[float]
    tiers: list[int]
    count: int
    matched: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Found:
    results: list[int]  # sheet numbers, best first
    matched: frozenset[str]
    words: int


def query_words(query: str) -> list[QueryWord]:
    """The words of a query, as ``search-normalise.js``'s allWords then search.js's queryParts:
    stop words dropped except the last one while it is typed ("en" may become "entretien")."""
    text = nfc(query).translate(LETTER_APOSTROPHE)
    found: list[tuple[int, int, str, bool]] = []
    for match in WORD.finditer(text):
        word = match.group(1)
        start, end = match.start(1), match.end(1)
        folded = fold(word)
        if folded in ELISIONS and match.group(2):
            continue
        if len(folded) < 2:
            continue
        found.append((start, end, folded, folded in STOP_WORDS))
    words = []
    for position, (start, end, folded, stop) in enumerate(found):
        typing = position == len(found) - 1 and end == len(text)
        if not stop or typing:
            words.append(QueryWord(folded, stem(folded), typing, start, end))
    return words


class Engine:
    """Queries over one index (the dict ``build_index`` returns)."""

    def __init__(self, index: dict) -> None:
        self.docs: list[list] = index["docs"]
        self.terms: list[str] = index["terms"].split(" ") if index["terms"] else []
        self.encoded: list[str] = index["postings"].split(" ") if index["postings"] else []
        self.weights: list[int] = index["weights"]
        self.words: list[str] = index.get("words", "").split(" ") if index.get("words") else []
        self.thesaurus: dict[str, list[list[str]]] = index.get("thesaurus", {})
        self.position = {term: number for number, term in enumerate(self.terms)}
        self._postings: dict[int, dict[int, float]] = {}
        self._by_length: dict[int, list[int]] = {}
        for number, term in enumerate(self.terms):
            self._by_length.setdefault(len(term), []).append(number)

    def postings_of(self, t: int) -> dict[int, float]:
        """Sheet number → the sum of the weights of the fields of sheet that hold term ``t``."""
        if t not in self._postings:
            sums: dict[int, float] = {}
            for rank, numbers in enumerate(decode_postings(self.encoded[t], len(self.docs))):
                for number in numbers:
                    sums[number] = sums.get(number, 0) + self.weights[rank]
            self._postings[t] = sums
        return self._postings[t]

    # --- expansion of one word ---

    def _prefixed(self, prefix: str, found: dict[int, float]) -> None:
        if len(prefix) < MIN_PREFIX:
            return
        first = end = _lower_bound(self.terms, prefix)
        while end < len(self.terms) and self.terms[end].startswith(prefix):
            end += 1
        candidates = list(range(first, end))
        if len(prefix) < SHORT_PREFIX and len(candidates) > SHORT_PREFIX_TERMS:
            candidates = sorted(candidates, key=lambda t: -len(self.encoded[t]))[:SHORT_PREFIX_TERMS]
        for t in candidates:
            quality = QUALITY_EXACT if self.terms[t] == prefix else QUALITY_PREFIX
            if not found.get(t, -1) >= quality:
                found[t] = quality

    def expand(self, word: QueryWord) -> dict[int, float]:
        found: dict[int, float] = {}
        if word.term in self.position:
            found[self.position[word.term]] = QUALITY_EXACT
        if word.prefix:
            self._prefixed(word.term, found)
            self._prefixed(word.folded, found)
        return found

    def fuzzy(self, word: QueryWord) -> dict[int, float]:
        term, typos = word.term, typo_bound(len(word.term))
        if not typos:
            return {}
        best, candidates = typos + 1, []

        def consider(t: int, distance: int) -> None:
            nonlocal best, candidates
            if distance > typos or distance > best:
                return
            if distance < best:
                best, candidates = distance, []
            if t not in candidates:
                candidates.append(t)

        for length in range(len(term) - typos, len(term) + typos + 1):
            for t in self._by_length.get(length, []):
                consider(t, edit_distance(term, self.terms[t], typos))
        if word.prefix and len(term) >= FUZZY_PREFIX_LENGTH:
            first = _lower_bound(self.terms, term[0])
            end = _lower_bound(self.terms, chr(ord(term[0]) + 1))
            for t in range(first, end):
                if len(self.terms[t]) >= len(term) - 1:
                    consider(t, prefix_distance(term, self.terms[t], 1))
        return {t: QUALITY_TYPO1 if best == 1 else QUALITY_TYPO2 for t in candidates}

    def exact_weights(self, term: str) -> dict[int, float]:
        return self.postings_of(self.position[term]) if term in self.position else {}

    def score_word(self, word: QueryWord) -> PartScore:
        n = len(self.docs)
        part = PartScore([0.0] * n, [TIER_NONE] * n, 0)

        def keep(doc: int, score: float, tier: int) -> None:
            part.scores[doc] = max(part.scores[doc], score)
            part.tiers[doc] = min(part.tiers[doc], tier)

        def add(expansions: dict[int, float]) -> None:
            for t, quality in expansions.items():
                part.matched.append(self.terms[t])
                tier = TIER_EXACT if quality == QUALITY_EXACT else TIER_PREFIX if quality == QUALITY_PREFIX \
                    else TIER_TYPO
                for doc, weight in self.postings_of(t).items():
                    keep(doc, weight * quality, tier)

        add(self.expand(word))
        for equivalent in self.thesaurus.get(word.term, []):
            weights = [self.exact_weights(term) for term in equivalent]
            part.matched.extend(equivalent)
            for doc in range(n):
                least = min(found.get(doc, 0.0) for found in weights)
                if least > 0:
                    keep(doc, least * QUALITY_SYNONYM, TIER_SYNONYM)
        part.count = sum(1 for score in part.scores if score > 0)
        if not part.count:
            add(self.fuzzy(word))
            part.count = sum(1 for score in part.scores if score > 0)
        return part

    # --- queries ---

    def search(self, query: str) -> Found:
        words = query_words(query)
        if not words:
            return Found([], frozenset(), 0)
        n = len(self.docs)
        total, tiers, matched = [1.0] * n, [0] * n, set()
        for word in words:
            part = self.score_word(word)
            rarity = math.log(1 + n / max(1, part.count))
            matched.update(part.matched)
            for doc in range(n):
                total[doc] = total[doc] + part.scores[doc] * rarity if total[doc] and part.scores[doc] else 0
                tiers[doc] = max(tiers[doc], part.tiers[doc])
        results = [doc for doc in range(n) if total[doc]]
        # Same key as search.js: (tier, ceiling - score) to the thousandth, then sheet number.
        results.sort(key=lambda doc: (_round_half_up((tiers[doc] * SCORE_CEILING + SCORE_CEILING - total[doc])
                                                     * 1000), doc))
        return Found(results, frozenset(matched), len(words))

    def slugs(self, query: str) -> list[str]:
        return [self.docs[doc][1] for doc in self.search(query).results]

    def keys(self, query: str) -> list[str]:
        """Results as ``slug`` (tools, programmes) or ``methode:slug`` (a method may share its
        slug with a tool: « entretien-motivationnel »)."""
        return [("methode:" if self.docs[doc][0] == 2 else "") + self.docs[doc][1]
                for doc in self.search(query).results]

    def suggest(self, query: str) -> str | None:
        """« Vouliez-vous dire … ? »: the query with each word that matches nothing replaced by
        the nearest indexed word; None when some such word has no near word."""
        text = nfc(query)
        out, last, changed = "", 0, False
        for word in query_words(query):
            if self.score_word(word).count:
                continue
            t = self.nearest(word.term)
            if t == -1:
                return None
            out += text[last:word.start] + (self.words[t] if self.words and self.words[t] else self.terms[t])
            last, changed = word.end, True
        return out + text[last:] if changed else None

    def nearest(self, term: str) -> int:
        bound = max(1, len(term) // 3)
        best, found = bound + 1, -1
        for length in range(max(1, len(term) - bound), len(term) + bound + 1):
            for t in self._by_length.get(length, []):
                distance = edit_distance(term, self.terms[t], bound)
                if distance < best or (distance == best and found != -1 and self._more_frequent(t, found)):
                    best, found = distance, t
        return found if best <= bound else -1

    def _more_frequent(self, a: int, b: int) -> bool:
        la, lb = len(self.encoded[a]), len(self.encoded[b])
        return la > lb or (la == lb and a < b)


def typo_bound(length: int) -> int:
    return 2 if length >= TYPO2_LENGTH else 1 if length >= TYPO1_LENGTH else 0


def _round_half_up(value: float) -> float:
    # JavaScript's Math.round: halves go up (Python's round() goes to even).
    return math.floor(value + 0.5)


def _lower_bound(terms: list[str], word: str) -> int:
    low, high = 0, len(terms)
    while low < high:
        middle = (low + high) // 2
        if terms[middle] < word:
            low = middle + 1
        else:
            high = middle
    return low


def _alignment(a: str, b: str, most: int, prefix: bool) -> int:
    """Optimal string alignment distance of a to b (or to b's closest prefix), capped at most + 1."""
    m, n, far = len(a), min(len(b), len(a) + most), most + 1
    before: list[int] = [far] * (n + 2)
    previous = [j if j <= most else far for j in range(n + 1)] + [far]
    for i in range(1, m + 1):
        row = [far] * (n + 2)
        row[0] = i if i <= most else far
        best = row[0] if i - most <= 1 else far
        for j in range(max(1, i - most), min(n, i + most) + 1):
            value = previous[j - 1] + (a[i - 1] != b[j - 1])
            value = min(value, previous[j] + 1, row[j - 1] + 1)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            row[j] = value
            best = min(best, value)
        if best > most:
            return far
        before, previous = previous, row
    if not prefix:
        return min(previous[n], far) if len(b) == n else far
    return min(min(previous[max(0, m - most):n + 1]), far)


def edit_distance(a: str, b: str, most: int) -> int:
    if abs(len(a) - len(b)) > most:
        return most + 1
    return _alignment(a, b, most, False)


def prefix_distance(a: str, b: str, most: int) -> int:
    if len(b) < len(a) - most:
        return most + 1
    return _alignment(a, b, most, True)
