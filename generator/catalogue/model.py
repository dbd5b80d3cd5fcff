"""Domain objects of the catalogue: what a validated tool or programme sheet is.

Each object knows its source file, so that later stages (cross-links, rendering) can still
name the file in a message. Nothing here reads files or renders anything.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
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
class ToolSheet:
    slug: str
    source: Path
    titre: str
    resume: str
    facteurs_risques: tuple[str, ...]
    modalite: tuple[str, ...]
    duree: Duration
    body: str
    nb_seances: str = "1"
    stades_changement: tuple[str, ...] = ()
    milieu: tuple[str, ...] = ("ouvert", "ferme")
    objectifs: tuple[str, ...] = ()
    facteurs_protecteurs: tuple[str, ...] = ()
    precautions: str | None = None
    supports: tuple[Support, ...] = ()
    programmes: tuple[str, ...] = ()
    niveau_preuve: str | None = None
    mots_cles: tuple[str, ...] = ()
    auteur: Author | None = None
    cree_le: datetime.date | None = None
    mis_a_jour: datetime.date | None = None
    retours: tuple[Feedback, ...] = ()


@dataclass(frozen=True)
class Programme:
    slug: str
    source: Path
    titre: str
    resume: str
    facteurs_risques: tuple[str, ...]
    modalite: tuple[str, ...]
    nb_seances: int
    duree_seance: int
    body: str
    public: str | None = None
    outils: tuple[str, ...] = ()
    niveau_preuve: str | None = None
    mots_cles: tuple[str, ...] = ()
    auteur: Author | None = None
    cree_le: datetime.date | None = None
    mis_a_jour: datetime.date | None = None


@dataclass
class Catalogue:
    """Every sheet, by slug, sorted by title (the order lists show)."""

    tools: dict[str, ToolSheet] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
