"""French text folding shared by sorting, slugs and search: case and accents removed."""

from __future__ import annotations

import functools
import re
import unicodedata

from generator.french import count_of  # noqa: F401 - callers' old import; defined in french.py

# Ligatures that NFKD does not split.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae"})


@functools.lru_cache(maxsize=16384)  # vocabularies are folded again for every value read
def fold(text: str) -> str:
    """Lowercase, accent-free form: ``« Évaluation »`` → ``« evaluation »``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def slugify(title: str) -> str:
    """File-name slug: ``« L'arbre à problèmes »`` → ``« l-arbre-a-problemes »``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")
