"""The words of a timeline page: indicator cards for both views, and the links in plain French.

The ``professionnel`` view names each indicator and gives its one-line definition; the
``personne`` view says the same path to the person followed, in everyday words, without
jargon (no λ, no diversity index) and without judging: it describes, it never predicts.
Everything here returns plain text; ``render`` escapes it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator import french
from generator.timeline.model import CaseFile, LifeEvent, Offence
from generator.timeline.vocabulary import CATEGORIES, DOMAINES, GRAVITES, SENS

MIN_GAP_DAYS = 365  # shorter offence-free gaps are not worth a sentence
LONG_GAP_DAYS = 730  # a gap this long is told even without a positive period alongside
MIN_SUPPORT_SHARE = 0.25  # a positive period "goes with" a gap when it covers this share of it


@dataclass(frozen=True)
class Card:
    """One indicator as shown on the page: label, value and one-line definition."""

    label: str
    value: str
    definition: str
    note: str = ""  # a secondary value under the main one: "≈ 3 ans et 9 mois"


def _days(value: int | None) -> str:
    return "—" if value is None else french.plural(value, "jour")


def _about(value: int | None) -> str:
    """The same number of days in years and months, when that says more."""
    return "" if value is None or value < 62 else f"≈ {french.duration(value)}"


def _age(value: int | None) -> str:
    return "—" if value is None else f"{value}{french.NBSP}ans"


def _decimal(value: float | None, decimals: int) -> str:
    return "—" if value is None else french.number(value, decimals)


def _offence_date(case: CaseFile, iso: str | None) -> str:
    """An offence date given as ISO by the indicators, shown with the precision of the file."""
    if iso is None:
        return "aucun"
    for offence in case.faits:
        if offence.date.isoformat() == iso:
            return french.date_text(offence.date_text)
    return french.date_text(iso)


def professional_cards(indicators: Mapping[str, Any], case: CaseFile) -> list[Card]:
    """Every indicator of the spec, each with its definition (so it can be checked by hand)."""
    trend = indicators["tendance_frequence"]
    custody_spells = indicators["nb_periodes_detention"]
    return [
        Card("Faits", french.number(indicators["nb_faits"]),
             "Infractions du dossier, datées à la date des faits."),
        Card("Condamnations", french.number(indicators["nb_decisions"]),
             "Décisions de justice du dossier."),
        Card("Âge au premier fait", _age(indicators["age_premier_fait"]),
             "Année du premier fait − année de naissance (âge en années entières)."),
        Card("Âge à la première condamnation", _age(indicators["age_premiere_condamnation"]),
             "Année de la première décision − année de naissance."),
        Card("Catégories d'infractions", f"{indicators['nb_categories']} sur {len(CATEGORIES)}",
             "Nombre de catégories différentes parmi les faits."),
        Card("Indice de diversité", _decimal(indicators["indice_diversite"], 2),
             "(1 − Σp²) ÷ (1 − 1/14), p = part de chaque catégorie : 0 = une seule catégorie, "
             "1 = faits répartis également."),
        Card("Faits violents", french.number(indicators["nb_faits_violents"]),
             f"Faits des catégories violentes ; le dernier : "
             f"{_offence_date(case, indicators['dernier_fait_violent'])}."),
        Card("Temps en détention", _days(indicators["jours_detention"]),
             f"Union des périodes de détention et de détention provisoire, en "
             f"{french.plural(custody_spells, 'période')} (les chevauchements comptent une fois).",
             _about(indicators["jours_detention"])),
        Card("Révocations et incidents",
             f"{indicators['nb_revocations']} / {indicators['nb_incidents']}",
             "Mesures terminées par une révocation / par un incident."),
        Card("Temps en liberté", _days(indicators["jours_liberte"]),
             "Du premier fait à la date de référence, hors détention.",
             _about(indicators["jours_liberte"])),
        Card("Fréquence λ", _per_year(indicators["lambda_par_an"]),
             "Faits ÷ années passées en liberté."),
        Card("Fréquence récente / avant",
             f"{_decimal(trend['recent'], 2)} / {_decimal(trend['avant'], 2)}",
             "λ sur les 1 096 jours (3 ans) avant la date de référence, puis λ avant ces 3 ans."),
        Card("Plus long intervalle sans fait", _days(indicators["plus_long_intervalle_jours"]),
             "Jours en liberté entre deux faits consécutifs, ou depuis le dernier fait.",
             _about(indicators["plus_long_intervalle_jours"])),
        Card("Intervalle actuel", _days(indicators["intervalle_actuel_jours"]),
             "Date de référence − le plus tardif du dernier fait et de la dernière sortie "
             "de détention (vide pendant une détention).",
             _about(indicators["intervalle_actuel_jours"])),
        Card("Tendance de la gravité", _slope(indicators["tendance_gravite"]),
             "Pente par an de la gravité (contravention 1, délit 2, crime 3) : "
             "négative = faits moins graves avec le temps."),
    ]


def _per_year(value: float | None) -> str:
    return "—" if value is None else f"{french.number(value, 2)} par an"


def _slope(value: float | None) -> str:
    if value is None:
        return "—"
    text = french.number(value, 3)
    return f"{'+' if text[0].isdigit() and text.strip('0,') else ''}{text} par an"


def person_cards(indicators: Mapping[str, Any]) -> list[Card]:
    """The few numbers that speak to the person followed, in everyday words."""
    cards = [
        Card("Faits", french.number(indicators["nb_faits"]),
             "Le nombre d'infractions notées dans votre dossier."),
        Card("Condamnations", french.number(indicators["nb_decisions"]),
             "Le nombre de décisions de justice vous concernant."),
    ]
    if indicators["age_premier_fait"] is not None:
        cards.append(Card("Âge au premier fait", _age(indicators["age_premier_fait"]),
                          "Votre âge l'année du premier fait noté."))
    if indicators["jours_detention"]:
        cards.append(Card("Temps en détention", french.duration(indicators["jours_detention"]),
                          f"Au total, en {french.plural(indicators['nb_periodes_detention'], 'période')}."))
    if indicators["plus_long_intervalle_jours"] is not None:
        cards.append(Card("Plus longue période sans infraction",
                          french.duration(indicators["plus_long_intervalle_jours"]),
                          "Le temps passé dehors sans nouvelle infraction, au plus long."))
    if indicators["intervalle_actuel_jours"] is not None:
        cards.append(Card("Depuis le dernier fait ou la dernière sortie",
                          french.duration(indicators["intervalle_actuel_jours"]),
                          "Le temps écoulé sans nouvelle infraction à la date de ce document."))
    return cards


# ---------------------------------------------------------------------------------------------
# Links between offences and life events


@dataclass(frozen=True)
class LinkedEvent:
    """A life event next to an offence, and how it relates in time."""

    domaine: str
    libelle: str | None
    sens: str
    relation: str  # "en cours", "terminé peu avant", "peu avant", "à la même date"


@dataclass(frozen=True)
class OffenceLinks:
    offence: Offence
    events: tuple[LinkedEvent, ...]

    @property
    def heading(self) -> str:
        """``Mars 2012 — Vols et recels (délit)``."""
        return f"{self.when} — {self.what}"

    @property
    def when(self) -> str:
        when = french.date_text(self.offence.date_text)
        return when[:1].upper() + when[1:]

    @property
    def what(self) -> str:
        """``Vols et recels (délit)``: the category without its parenthesised examples."""
        category = CATEGORIES[self.offence.categorie].split(" (")[0]
        return f"{category} ({GRAVITES[self.offence.gravite].lower()})"


def relation(event: LifeEvent, offence: Offence, reference: datetime.date) -> str:
    if event.is_point:
        return "à la même date" if event.debut == offence.date else "peu avant"
    if event.debut <= offence.date < event.end(reference):
        return "en cours"
    return "terminé peu avant"


def offence_links(case: CaseFile,
                  links: Sequence[tuple[Offence, Sequence[LifeEvent]]]) -> list[OffenceLinks]:
    """``indicators.offence_links`` turned into display records (same order)."""
    return [
        OffenceLinks(offence, tuple(
            LinkedEvent(event.domaine, event.libelle, event.sens,
                        relation(event, offence, case.date_reference))
            for event in events
        ))
        for offence, events in links
    ]


def event_words(event: LinkedEvent) -> str:
    """``Logement : rupture d'hébergement (difficile, en cours)``."""
    what = f" : {event.libelle}" if event.libelle else ""
    return f"{DOMAINES[event.domaine]}{what} ({SENS[event.sens].lower()}, {event.relation})"


def negative_share_sentences(indicators: Mapping[str, Any]) -> list[str]:
    """``Logement : 3 faits sur 5 (60 %) commis pendant une période difficile.``"""
    total = indicators["nb_faits"]
    sentences = []
    for domain, share in indicators["part_faits_periodes_negatives"].items():
        if share is None:  # no offence at all
            continue
        count = round(share * total)
        sentences.append(
            f"{DOMAINES[domain]} : {french.plural(count, 'fait')} sur {total} "
            f"({french.number(share * 100)} %) commis pendant une période difficile."
        )
    return sentences


# ---------------------------------------------------------------------------------------------
# Offence-free gaps, in plain words (personne view)

# (past, present) phrases for a positive period of each domain.
SUPPORT_PHRASES: dict[str, tuple[str, str]] = {
    "emploi": ("vous aviez un emploi", "vous avez un emploi"),
    "formation": ("vous suiviez une formation", "vous suivez une formation"),
    "logement": ("vous aviez un logement", "vous avez un logement"),
    "famille_couple": ("votre famille ou votre couple comptait pour vous",
                       "votre famille ou votre couple compte pour vous"),
    "entourage": ("des proches vous entouraient", "des proches vous entourent"),
    "loisirs": ("vous aviez des activités", "vous avez des activités"),
    "addictions": ("vous preniez soin de vous face à une addiction",
                   "vous prenez soin de vous face à une addiction"),
    "sante": ("vous preniez soin de votre santé", "vous prenez soin de votre santé"),
    "autre": ("il y avait un point d'appui dans votre vie",
              "il y a un point d'appui dans votre vie"),
}


def _supports(case: CaseFile, start: datetime.date, end: datetime.date) -> list[LifeEvent]:
    """Positive periods covering a good share of the gap [start, end)."""
    span = max((end - start).days, 1)
    found = []
    for event in case.vie:
        if event.is_point or event.sens != "positif":
            continue
        overlap = (min(end, event.end(case.date_reference)) - max(start, event.debut)).days
        if overlap >= span * MIN_SUPPORT_SHARE:
            found.append(event)
    return found


def _support_words(event: LifeEvent, running: bool) -> str:
    past, present = SUPPORT_PHRASES[event.domaine]
    words = present if running else past
    return f"{words} ({event.libelle})" if event.libelle else words


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def gap_sentences(case: CaseFile, gaps: Sequence[tuple[datetime.date, datetime.date, int]]) -> list[str]:
    """``Entre 2013 et 2015, pas de nouvelle infraction pendant 2 ans, période où vous aviez un
    emploi (CDD en logistique).`` for each offence-free gap of a year or more at liberty."""
    sentences = []
    for start, end, liberty_days in gaps:
        current = end >= case.date_reference
        supports = _supports(case, start, end)
        if liberty_days < MIN_GAP_DAYS or not (supports or current or liberty_days >= LONG_GAP_DAYS):
            continue
        when = f"Depuis {start.year}" if current else french.years_between(start, end).capitalize()
        calendar_days = (end - start).days
        how_long = french.duration(liberty_days)
        if liberty_days < calendar_days:
            how_long += " hors détention"
        sentence = f"{when}, pas de nouvelle infraction pendant {how_long}"
        if supports:
            words = [
                _support_words(event, current and event.end(case.date_reference) >= end)
                for event in supports
            ]
            sentence += f", période où {_join(words)}"
        sentences.append(sentence + ".")
    return sentences


def custody_sentence(indicators: Mapping[str, Any]) -> str | None:
    days = indicators["jours_detention"]
    if not days:
        return None
    spells = indicators["nb_periodes_detention"]
    return (f"Vous avez passé {french.duration(days)} en détention au total, "
            f"en {french.plural(spells, 'période')}.")


def person_event_words(event: LinkedEvent) -> str:
    """``fin de CDD (emploi, difficile, terminé peu avant)``: what happened first."""
    domain = DOMAINES[event.domaine].lower()
    details = f"{SENS[event.sens].lower()}, {event.relation}"
    return f"{event.libelle} ({domain}, {details})" if event.libelle else f"{domain} ({details})"


def person_link_sentence(link: OffenceLinks) -> str:
    """``À ce moment-là dans votre vie : fin de CDD (emploi, difficile, terminé peu avant).``"""
    if not link.events:
        return "Rien n'est noté dans votre vie à ce moment-là."
    words = " ; ".join(person_event_words(event) for event in link.events)
    return f"À ce moment-là dans votre vie : {words}."
