"""French search normalisation: words → index terms (fold, elisions, stop words, light stemming).

The browser runs the same steps at query time (``templates/assets/search-normalise.js``); both
are checked against one table (``tests/fixtures/search/normalisation.tsv``) and against each
other on the whole starter content, so a word typed by a user meets the term the build indexed.
Any change here must be made there too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from generator.text import fold

# A word (letters and digits) and the apostrophe right after it, if any; everything else
# separates words. NFC first, so that a decomposed "é" (e + combining accent) stays in its word.
WORD = re.compile(r"([^\W_]+)(['’]?)")
# U+02BC looks like an apostrophe but Unicode counts it as a letter: read it as one.
LETTER_APOSTROPHE = str.maketrans("ʼ", "'")
# Elided words, dropped when an apostrophe follows: "l'entreprise" is indexed as "entreprise".
ELISIONS = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"})
# Folded. Kept short on purpose: "non" ("dire non"), "sans" ("relations sans violence") or
# "seul" carry meaning in sheet titles and stay searchable.
STOP_WORDS = frozenset((
    "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "elles", "en",
    "et", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "mes",
    "moi", "mon", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui",
    "sa", "se", "ses", "si", "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos",
    "votre", "vous", "est", "sont", "etre", "ete", "ont", "avoir", "ai", "as", "avait", "cela", "ca",
    "ceci", "celle", "celui", "ceux", "dont", "donc", "car", "ni", "or", "tout", "tous", "toute",
    "toutes", "tres", "plus",
))
MIN_LENGTH = 2
# Below this length a word keeps its ending: "aide" and "aides" still meet, "jeu" stays "jeu".
STEM_MIN_LENGTH = 5


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def stem(word: str) -> str:
    """Light French stemming of a folded word: plurals, feminines and a few common endings.

    ``psychosociaux`` → ``psychosocial``, ``violences`` → ``violenc`` (as ``violence``),
    ``évaluées`` → ``evalu`` (as ``évaluer``). Never more than that: it must not merge words
    a CPIP would not consider the same.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    word = _singular(word)
    if len(word) < STEM_MIN_LENGTH:
        return word
    if word.endswith("euse"):
        word = word[:-4] + "eu"  # heureuse → heureu (as heureux)
    elif word.endswith("ive"):
        word = word[:-3] + "if"  # impulsive → impulsif
    word = _drop_if_long(word, "e")  # violence → violenc, naturelle → naturell
    word = _drop_if_long(word, "er", keep="e")  # évaluer → évalue, premier → premie
    word = _drop_if_long(word, "e")  # évalue → évalu, premie → premi
    if len(word) >= STEM_MIN_LENGTH and word[-1] == word[-2]:
        word = word[:-1]  # naturell → naturel, personn → person
    return word


def _singular(word: str) -> str:
    if word.endswith("eaux"):
        return word[:-1]  # bureaux → bureau
    if word.endswith("aux") and len(word) >= 5:
        return word[:-3] + "al"  # psychosociaux → psychosocial
    if word.endswith("x"):
        return word[:-1]  # jeux → jeu, heureux → heureu
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _drop_if_long(word: str, ending: str, keep: str = "") -> str:
    if len(word) >= STEM_MIN_LENGTH and word.endswith(ending):
        return word[: len(word) - len(ending)] + keep
    return word


def terms(text: str) -> list[str]:
    """The index terms of ``text``, in order, elisions and stop words dropped:
    ``« L'Évaluation des violences »`` → ``["evaluation", "violenc"]``."""
    return [term for _, term in words_and_terms(text)]


def words_and_terms(text: str) -> list[tuple[str, str]]:
    """(word as written, its index term) for each word ``terms`` keeps, in order."""
    found = []
    for word, apostrophe in WORD.findall(nfc(text).translate(LETTER_APOSTROPHE)):
        folded, term = _analyse(word)
        if term is not None and not (apostrophe and folded in ELISIONS):
            found.append((word, term))
    return found


@lru_cache(maxsize=1 << 16)  # a catalogue repeats the same few thousand words: fold and stem once
def _analyse(word: str) -> tuple[str, str | None]:
    """(folded word, its term or None for a stop word or a single letter)."""
    folded = fold(word)
    if len(folded) < MIN_LENGTH or folded in STOP_WORDS:
        return folded, None
    return folded, stem(folded)
