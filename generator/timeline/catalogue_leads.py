"""« Pistes dans le catalogue »: from the life periods of a path to the catalogue's pages.

The leads start from the difficult (``negatif``) periods that run at the reference date or ended
within the year before it (the indicators' ``period_status``): a CPIP is not sent to work on a
period that ended in 2009. Past difficult periods are listed apart, as past. Current positive
periods are named as supports to build on (protective factors), and the catalogue's own timeline
tools (the life-line sheet) are offered when the catalogue has them. It stays descriptive: it
says what is there and when, never what is likely.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.risk_factors import RISK_FACTORS
from generator.settings import DEFAULT as SETTINGS
from generator.timeline.indicators import Indicators
from generator.timeline.model import CaseFile, LifeEvent
from generator.timeline.page_words import date_words
from generator.timeline.vocabulary import DOMAINES

# Life domain of a case file → dynamic risk factor of the catalogue. Logement, santé and autre
# have no factor of their own in the RNR model, so they lead nowhere in the catalogue.
DOMAIN_TO_FACTOR: dict[str, str] = {
    "emploi": "emploi_formation",
    "formation": "emploi_formation",
    "famille_couple": "famille_couple",
    "entourage": "entourage",
    "loisirs": "loisirs",
    "addictions": "addictions",
}
# Sheets of the catalogue that work on the path as a whole, offered beside the leads.
TIMELINE_TOOLS: dict[str, str] = {"ligne-de-vie": "Ligne de vie"}
STATUS_WORDS = {"en_cours": "en cours", "recente": "terminée depuis moins d’un an",
                "passee": "passée"}


@dataclass(frozen=True)
class Lead:
    """One risk factor worth opening in the catalogue, with the periods that point to it."""

    factor: str
    label: str
    periods: tuple[str, ...]  # « Addictions : consommation de cannabis (depuis mars 2024, en cours) »
    url: str | None  # None when no catalogue address is configured


@dataclass(frozen=True)
class Tool:
    title: str
    url: str | None


@dataclass(frozen=True)
class Leads:
    """Everything the « Pistes dans le catalogue » section shows."""

    leads: tuple[Lead, ...]
    other_current: tuple[str, ...]  # current or recent difficult periods with no factor
    past: tuple[str, ...]  # difficult periods that ended more than a year ago
    supports: tuple[str, ...]  # current positive periods: supports to build on
    tools: tuple[Tool, ...]
    catalogue_url: str | None

    def __bool__(self) -> bool:
        return bool(self.leads or self.other_current or self.past or self.supports)


def period_words(event: LifeEvent, status: str) -> str:
    """``Addictions : consommation de cannabis (mars 2024 – en cours)``."""
    label = f"\u00a0: {event.libelle}" if event.libelle else ""
    start = date_words(event.debut, event.debut_text)
    if status == "en_cours":
        when = f"depuis {start}, en cours"
    elif event.fin is not None:
        when = f"{start} – {date_words(event.fin, event.fin_text)}"
    else:
        when = start
    if status == "recente":
        when += ", terminée depuis moins d’un an"
    return f"{DOMAINES[event.domaine]}{label} ({when})"


def catalogue_leads(case: CaseFile, ind: Indicators, catalogue_url: str | None) -> Leads:
    """Leads in the catalogue's factor order, from current and recent difficult periods.

    Reading: "periods" excludes point events (the spec's difficult periods exclude them too).
    """
    by_factor: dict[str, list[str]] = {}
    other: list[str] = []
    past: list[str] = []
    supports: list[str] = []
    for event in case.vie:
        if event.is_point:
            continue
        status = ind.period_status.get(event.index, "passee")
        words = period_words(event, status)
        if event.sens == "positif" and status == "en_cours":
            supports.append(words)
        if event.sens != "negatif":
            continue
        factor = DOMAIN_TO_FACTOR.get(event.domaine)
        if status == "passee":
            past.append(words)
        elif factor:
            by_factor.setdefault(factor, []).append(words)
        else:
            other.append(words)
    leads = tuple(
        Lead(factor, RISK_FACTORS[factor], tuple(by_factor[factor]),
             factor_url(catalogue_url, factor))
        for factor in RISK_FACTORS if factor in by_factor
    )
    tools = tuple(Tool(tool["title"], page_url(catalogue_url, tool["path"]))
                  for tool in catalogue_leads_tools())
    return Leads(leads, tuple(other), tuple(past), tuple(supports), tools, catalogue_url or None)


def catalogue_leads_tools() -> list[dict[str, str]]:
    """The timeline tools this catalogue has: title and page path (also written for the atelier)."""
    return [{"title": title, "path": f"outils/{slug}.html"}
            for slug, title in TIMELINE_TOOLS.items()
            if (SETTINGS.content_dir / "tools" / f"{slug}.md").exists()]


def page_url(catalogue_url: str | None, path: str) -> str | None:
    if not catalogue_url:
        return None
    return f"{catalogue_url.rstrip('/')}/{path}"


def factor_url(catalogue_url: str | None, factor: str) -> str | None:
    """``https://intranet/repere/`` + ``facteurs/emploi_formation.html``; relative bases work too."""
    return page_url(catalogue_url, f"facteurs/{factor}.html")
