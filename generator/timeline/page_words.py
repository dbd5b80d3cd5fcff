"""Small words shared by the figure, the cards and the tables: dates, ages, plain labels.

Dates are shown with the precision the file gave: ``2015``, ``août 2015`` or ``14/06/2015``
(JJ/MM/AAAA), whatever form was written (``2015-08``, ``08/2015``…). Ages are ranges, since only
the year of birth is known: « 17 ou 18 ans ». The ``personne`` view has its own plain labels for
the legal vocabulary (no jargon for a reader with low literacy).
"""

from __future__ import annotations

import datetime
import functools

from generator import french
from generator.timeline.indicators import AgeRange
from generator.timeline.vocabulary import (
    CATEGORIES,
    GRAVITES,
    JURIDICTIONS,
    MESURES,
    OBLIGATIONS,
    PEINES,
    RESPECTS,
)

NBSP = french.NBSP


def precision(text: str) -> str:
    """``year``, ``month`` or ``day``: how precisely a date was written."""
    parts = text.replace("/", "-").split("-")
    return ("year", "month", "day")[min(len(parts), 3) - 1]


# A page says the same few dates and ages many times (hover, tables, cards: ~200 a case), and a
# batch's cases share most months: the words are kept (pure functions of their arguments).
@functools.lru_cache(maxsize=8192)
def date_words(value: datetime.date, written: str | None = None) -> str:
    """``2015``, ``août 2015`` or ``14/06/2015``, with the precision of ``written``."""
    kind = precision(written) if written else "day"
    if kind == "year":
        return str(value.year)
    if kind == "month":
        return f"{french.MONTHS[value.month - 1]} {value.year}"
    return value.strftime("%d/%m/%Y")


def age_words(age: AgeRange | None) -> str:
    """« 17 ou 18 ans », or « 17 ans » when both bounds are equal; « — » when unknown."""
    if age is None:
        return "—"
    if age.min == age.max:
        return f"{age.min}{NBSP}ans"
    return f"{age.min} ou {age.max}{NBSP}ans"


@functools.lru_cache(maxsize=8192)
def age_at(day: datetime.date, birth_year: int) -> str:
    """The age on a given day, from the year of birth only (``y − 1`` or ``y``)."""
    y = day.year - birth_year
    return age_words(AgeRange(y - 1, y))


@functools.cache  # one per category
def category_label(slug: str) -> str:
    """The category label without its parenthesised examples (legends do not wrap)."""
    return CATEGORIES[slug].split(" (")[0]


# --- the personne view's words -------------------------------------------------------------------
# Everyday words for the legal vocabulary; the person reads them, possibly aloud.
PERSON_CATEGORIES: dict[str, str] = {
    "homicide": "Atteinte à la vie d’une personne",
    "violences": "Violences",
    "violences_conjugales": "Violences dans le couple ou la famille",
    "sexuelles": "Infraction sexuelle",
    "menaces_outrages": "Menaces ou insultes",
    "vol": "Vol",
    "vol_violence": "Vol avec violence",
    "escroquerie": "Escroquerie ou faux papiers",
    "destructions": "Dégradation",
    "stupefiants": "Drogue",
    "routier": "Infraction sur la route",
    "armes": "Armes",
    "autorite_justice": "Règle de la justice pas suivie",
    "autre": "Autre infraction",
}
PERSON_GRAVITES: dict[str, str] = {
    "contravention": "petite infraction",
    "delit": "délit",
    "crime": "crime",
}
PERSON_MEASURES: dict[str, str] = {
    "detention": "Prison",
    "detention_provisoire": "Prison avant le jugement",
    "sursis_probatoire": "Suivi avec des règles à respecter",
    "ddse": "Bracelet électronique à la maison",
    "semi_liberte": "Semi-liberté\u00a0: nuits en prison",
    "placement_exterieur": "Placement hors de la prison",
    "liberation_conditionnelle": "Sortie de prison avec un suivi",
    "tig": "Travail d’intérêt général",
    "controle_judiciaire": "Règles à suivre avant le jugement",
    "suivi_socio_judiciaire": "Suivi après la peine",
    "autre": "Autre mesure",
}
PERSON_PENALTIES: dict[str, str] = {
    "emprisonnement": "Prison",
    "sursis_simple": "Prison avec sursis",
    "sursis_probatoire": "Sursis avec un suivi",
    "ddse": "Bracelet électronique",
    "tig": "Travail d’intérêt général",
    "amende": "Amende",
    "jours_amende": "Amende à payer par jour",
    "stage": "Stage",
    "suspension_permis": "Permis suspendu",
    "mesure_educative": "Mesure éducative",
    "autre": "Autre peine",
}
PERSON_OBLIGATIONS: dict[str, str] = {
    "soins": "Se soigner",
    "travail_formation": "Travailler ou se former",
    "indemnisation_victimes": "Payer les victimes",
    "interdiction_contact": "Ne pas voir certaines personnes",
    "interdiction_paraitre": "Ne pas aller dans certains lieux",
    "residence": "Habiter à l’adresse fixée",
    "stage": "Faire un stage",
    "autre": "Autre règle",
}
PERSON_RESPECTS: dict[str, str] = {
    "respectee": "respectée",
    "partiellement": "respectée en partie",
    "non_respectee": "pas respectée",
    "en_cours": "en cours",
}


def category_words(slug: str, view: str) -> str:
    return category_label(slug) if view == "professionnel" else PERSON_CATEGORIES[slug]


def gravity_words(slug: str, view: str) -> str:
    return GRAVITES[slug] if view == "professionnel" else PERSON_GRAVITES[slug].capitalize()


def measure_words(slug: str, view: str) -> str:
    return MESURES[slug] if view == "professionnel" else PERSON_MEASURES[slug]


def penalty_words(slug: str, view: str) -> str:
    return PEINES[slug] if view == "professionnel" else PERSON_PENALTIES[slug]


def obligation_words(slug: str, view: str) -> str:
    return OBLIGATIONS[slug] if view == "professionnel" else PERSON_OBLIGATIONS[slug]


def respect_words(slug: str, view: str) -> str:
    return RESPECTS[slug] if view == "professionnel" else PERSON_RESPECTS[slug]


def court_words(slug: str, view: str) -> str:
    return JURIDICTIONS[slug] if view == "professionnel" else "Jugement"


def label_for(libelle: str | None, libelle_personne: str | None, view: str) -> str | None:
    """The officer's wording, or the person's (``libelle_personne``) in the personne view."""
    if view == "personne" and libelle_personne:
        return libelle_personne
    return libelle
