"""« Pistes dans le catalogue »: from the life domains of a path to the catalogue's risk-factor pages.

Where offences coincided with difficult (``negatif``) periods of a life domain that matches one of
the catalogue's dynamic risk factors, the professional page names that factor, the share, and links
to the factor's page. It stays descriptive: it says what coincided, never what is likely.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.catalogue.vocabulary import RISK_FACTORS
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


@dataclass(frozen=True)
class DomainShare:
    domain_label: str
    offences: int  # offences committed during a difficult period of the domain
    total: int
    share: float


@dataclass(frozen=True)
class Lead:
    """One risk factor worth opening in the catalogue, with the domains that point to it."""

    factor: str
    label: str
    shares: tuple[DomainShare, ...]
    url: str | None  # None when no catalogue address is configured


def catalogue_leads(indicators: Mapping[str, Any], catalogue_url: str | None) -> list[Lead]:
    """Leads in the catalogue's factor order, for every factor with a share above zero."""
    total = indicators["nb_faits"]
    by_factor: dict[str, list[DomainShare]] = {}
    for domain, share in indicators["part_faits_periodes_negatives"].items():
        factor = DOMAIN_TO_FACTOR.get(domain)
        if factor and share:  # None (no offence) and 0 lead nowhere
            by_factor.setdefault(factor, []).append(
                DomainShare(DOMAINES[domain], round(share * total), total, share))
    return [
        Lead(factor, RISK_FACTORS[factor], tuple(by_factor[factor]), factor_url(catalogue_url, factor))
        for factor in RISK_FACTORS if factor in by_factor
    ]


def factor_url(catalogue_url: str | None, factor: str) -> str | None:
    """``https://intranet/repere/`` + ``facteurs/emploi_formation.html``; relative bases work too."""
    if not catalogue_url:
        return None
    return f"{catalogue_url.rstrip('/')}/facteurs/{factor}.html"
