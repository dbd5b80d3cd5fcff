"""Structured values found inside a sheet (durations, supports, authors, feedback, references).

They have no dependency on the field declarations, so both the field kinds (which build them)
and the derived sheet models (which hold them) can import them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Duration:
    """Minutes for one session: a single value (low == high) or a range."""

    low: int
    high: int

    @property
    def label(self) -> str:
        return f"{self.low} min" if self.low == self.high else f"{self.low} à {self.high} min"


@dataclass(frozen=True)
class Support:
    """A downloadable file of a sheet; ``source`` is the file on disk, ``fichier`` as written."""

    fichier: str
    titre: str
    source: Path

    @property
    def extension(self) -> str:
        return self.source.suffix.lstrip(".").upper() or "FICHIER"

    @property
    def size_bytes(self) -> int:
        return self.source.stat().st_size


@dataclass(frozen=True)
class Author:
    nom: str
    role: str | None = None


@dataclass(frozen=True)
class Feedback:
    """One "retour d'expérience" from a colleague (a role or service, never a name)."""

    date: datetime.date
    contexte: str
    texte: str


@dataclass(frozen=True)
class Source:
    """One entry of a method's ``references``: a book, article or guide, with its address."""

    titre: str
    url: str
