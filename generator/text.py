"""French text folding shared by sorting, slugs and search: case and accents removed."""

from __future__ import annotations

import re
import unicodedata

# Ligatures that NFKD does not split.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae"})


def fold(text: str) -> str:
    """Lowercase, accent-free form: ``« Évaluation »`` → ``« evaluation »``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def slugify(title: str) -> str:
    """File-name slug: ``« L'arbre à problèmes »`` → ``« l-arbre-a-problemes »``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")


def count_of(number: int, singular: str, plural: str | None = None) -> str:
    """``count_of(1, "outil")`` → ``"1 outil"``; ``count_of(3, "outil")`` → ``"3 outils"``."""
    return f"{number} {singular if number < 2 else plural or singular + 's'}"
