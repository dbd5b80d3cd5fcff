"""The case-file model (contract version 2): validated, typed objects built by ``loader``.

Dates are ``datetime.date``; a partial date ("2012", "2012-03", "03/2012") is resolved to its first
day, and the text as written is kept next to it so the page can show "2012" or "mars 2012" rather
than a precision the file never had. Ids and ``dossier`` are text as written ("0123" stays "0123").
"""

from __future__ import annotations

import datetime
import pathlib
from dataclasses import dataclass

from generator.timeline.vocabulary import CUSTODY_TYPES


@dataclass(frozen=True)
class Offence:
    """One item of ``faits``; with ``fin`` it ran over the period [date, fin)."""

    id: str
    date: datetime.date  # partial dates resolved to their first day (spec)
    date_text: str  # as written: "2012", "2012-03", "03/2012"…
    categorie: str
    gravite: str
    libelle: str | None
    natinf: int | None
    fin: datetime.date | None = None
    fin_text: str | None = None
    libelle_personne: str | None = None

    @property
    def end(self) -> datetime.date:
        """End of the offence: its ``fin``, or its date for an offence of one day."""
        return self.fin if self.fin is not None else self.date


@dataclass(frozen=True)
class Penalty:
    """One item of a decision's ``peines``."""

    type: str
    quantum: str | None
    duree_epreuve: str | None


@dataclass(frozen=True)
class Decision:
    """One item of ``decisions``: a ``condamnation`` (with peines) or a ``relaxe`` (none)."""

    id: str
    date: datetime.date
    date_text: str
    faits: tuple[str, ...]
    juridiction: str
    peines: tuple[Penalty, ...]
    nature: str = "condamnation"

    @property
    def is_conviction(self) -> bool:
        return self.nature == "condamnation"


@dataclass(frozen=True)
class Obligation:
    """One item of a measure's ``obligations``."""

    type: str
    libelle: str | None
    respect: str


@dataclass(frozen=True)
class Measure:
    """One item of ``mesures``: a period of execution or supervision."""

    type: str
    debut: datetime.date
    debut_text: str
    fin: datetime.date | None  # None: still running at date_reference
    fin_text: str | None
    decision: str | None
    issue: str | None
    fin_prevue: datetime.date | None = None  # planned end; may lie after date_reference
    fin_prevue_text: str | None = None
    obligations: tuple[Obligation, ...] = ()

    def end(self, reference: datetime.date) -> datetime.date:
        """Excluded end of the period: ``fin``, or ``reference`` while it still runs."""
        return self.fin if self.fin is not None else reference

    @property
    def is_custody(self) -> bool:
        return self.type in CUSTODY_TYPES


@dataclass(frozen=True)
class LifeEvent:
    """One item of ``vie``; ``index`` is its 0-based position in ``vie`` as written."""

    index: int
    domaine: str
    debut: datetime.date  # for a point event (``date:``), debut is that date
    debut_text: str
    fin: datetime.date | None  # None for a point event, or a period still running
    fin_text: str | None
    is_point: bool
    libelle: str | None
    sens: str  # default "neutre" if absent
    libelle_personne: str | None = None

    def end(self, reference: datetime.date) -> datetime.date:
        """Point event: its date; period: ``fin``, or ``reference`` while it still runs."""
        if self.is_point:
            return self.debut
        return self.fin if self.fin is not None else reference


@dataclass(frozen=True)
class CaseFile:
    """One anonymised person's judicial path, as read from one YAML or CSV file."""

    dossier: str
    annee_naissance: int
    date_reference: datetime.date
    faits: tuple[Offence, ...]  # in file order (indicators sort by date themselves)
    decisions: tuple[Decision, ...]
    mesures: tuple[Measure, ...]
    vie: tuple[LifeEvent, ...]
    source: pathlib.Path
