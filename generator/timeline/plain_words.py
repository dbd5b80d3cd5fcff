"""The words of a timeline page: indicator cards for both views, and the sentences around them.

Everything is read from the typed ``Indicators`` (nothing recomputed here). The ``professionnel``
view gives every figure with what it counts and over how much time, and says why a figure is
withheld. The ``personne`` view says the same path in short sentences (15 words at most, a test
counts them), without ids, jargon, λ, index or « violent » badge, and never guesses feelings: it
names facts, and the supports the person has. Everything returns plain text; ``render`` escapes it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from generator import french
from generator.timeline.indicators import (
    MIN_EPISODES,
    MIN_EPISODES_GRAVITY,
    MIN_LIBERTY_DAYS,
    RECENT_DAYS,
    Gap,
    Indicators,
)
from generator.timeline.model import CaseFile, LifeEvent, Offence
from generator.timeline.page_words import (
    age_words,
    category_label,
    category_words,
    date_words,
    gravity_words,
    label_for,
)
from generator.timeline.vocabulary import CATEGORIES, DOMAINES, GRAVITES, RESPECTS, SENS

MIN_DIVERSITY_OFFENCES = 10  # the diversity index rises with the count alone below this (spec)
NBSP = french.NBSP


@dataclass(frozen=True)
class Card:
    """One figure as shown on the page: label, value, what it counts, its definition."""

    label: str
    value: str
    definition: str
    note: str = ""  # the counts under the value: « 5 passages à l'acte en 12 ans de liberté »


def _days(value: int) -> str:
    return french.plural(value, "jour")


def _about(value: int | None) -> str:
    """The same number of days in years and months, when that says more."""
    return "" if value is None or value < 62 else f"≈ {french.duration(value)}"


def _episodes(count: int) -> str:
    return f"{count} passage{'s' if count > 1 else ''} à l’acte"


def _rate(value: float) -> str:
    return f"{french.number(value, 2)} par an"


def _share(value: float) -> str:
    return f"{french.number(value * 100)}{NBSP}%"


def offence_when(offence: Offence) -> str:
    """« août 2015 », or « de mars 2012 à janvier 2013 » for an offence over a period."""
    when = date_words(offence.date, offence.date_text)
    if offence.fin is not None:
        return f"de {when} à {date_words(offence.fin, offence.fin_text)}"
    return when


def _withheld_rate(episodes: int, liberty: int | None) -> str:
    """Why a rate is not given: the spec's two thresholds, in the page's words."""
    if episodes < MIN_EPISODES:
        return f"moins de {MIN_EPISODES} passages à l’acte"
    return f"moins de {french.number(MIN_LIBERTY_DAYS)} jours en liberté"


# ---------------------------------------------------------------------------------------------
# Professional cards


def professional_cards(ind: Indicators, case: CaseFile) -> list[Card]:
    """Every indicator of the spec, each with its counts, its exposure and its definition."""
    cards = [
        Card("Passages à l’acte", french.number(ind.nb_episodes),
             "Faits datés du même jour comptés une fois\u202f; un fait sur une période compte pour un.",
             f"{french.plural(ind.nb_faits, 'infraction')} au dossier"),
        Card("Condamnations", french.number(ind.nb_condamnations),
             "Condamnations jugeant au moins un fait encore jamais jugé\u00a0: un appel ne compte pas "
             "deux fois.", f"sur {french.plural(ind.nb_decisions, 'décision')}"),
        Card("Âge au premier fait", age_words(ind.age_premier_fait),
             "D’après l’année de naissance seule\u202f; plafonné à 17 ans si un tribunal pour enfants "
             "l’a jugé."),
        Card("Âge à la première condamnation", age_words(ind.age_premiere_condamnation),
             "D’après l’année de naissance seule, à la date de la décision."),
        _categories_card(ind),
        _most_serious_card(ind),
        _gravity_trend_card(ind),
        Card("Faits violents", french.number(ind.nb_faits_violents),
             "Violences physiques contre une personne (menaces et outrages n’en sont pas).",
             "dernier\u00a0: " + (_offence_date(case, ind.dernier_fait_violent)
                             if ind.dernier_fait_violent else "aucun")),
        Card("Temps en détention", _days(ind.jours_detention),
             "Détention, détention provisoire et semi-liberté réunies\u202f; les chevauchements "
             "comptent une fois.",
             (f"en {french.plural(ind.nb_periodes_detention, 'période')}"
              + (f", {_about(ind.jours_detention)}" if _about(ind.jours_detention) else ""))
             if ind.nb_periodes_detention else "aucune détention au dossier"),
        _liberty_card(ind),
        _frequency_card(ind),
        _trend_card(ind),
        _since_offence_card(ind),
        _since_release_card(ind),
        Card("Plus long intervalle sans fait",
             "—" if ind.plus_long_intervalle_jours is None
             else _days(ind.plus_long_intervalle_jours),
             "Jours en liberté entre deux passages à l’acte, ou depuis le dernier (tableau "
             "des intervalles).", _about(ind.plus_long_intervalle_jours)),
        Card("Révocations et incidents", f"{ind.nb_revocations} / {ind.nb_incidents}",
             "Mesures terminées par une révocation / par un incident."),
    ]
    if any(ind.obligations.values()):
        cards.append(Card("Obligations", french.number(sum(ind.obligations.values())),
                          "Obligations des mesures, selon leur respect (tableau des mesures).",
                          obligation_counts_words(ind)))
    return cards


def obligation_counts_words(ind: Indicators) -> str:
    """« 2 respectées, 1 partiellement respectée, 0 non respectée, 1 en cours »."""
    parts = []
    for slug, label in RESPECTS.items():
        count = ind.obligations.get(slug, 0)
        word = label.lower()
        if count > 1 and slug != "en_cours":
            word = word.replace("respectée", "respectées")
        parts.append(f"{count} {word}")
    return ", ".join(parts)


def _offence_date(case: CaseFile, day: datetime.date) -> str:
    """An offence start date, with the precision the file wrote it with."""
    for offence in case.faits:
        if offence.date == day:
            return date_words(offence.date, offence.date_text)
    return date_words(day)


def _categories_card(ind: Indicators) -> Card:
    listed = ", ".join(f"{category_label(slug).lower()} {count}"
                       for slug, count in ind.categories.items()) or "aucune"
    if ind.nb_faits >= MIN_DIVERSITY_OFFENCES:
        note = f"indice de diversité {french.number(ind.indice_diversite, 2)} (0 à 1)"
    else:
        note = f"indice de diversité non affiché\u00a0: moins de {MIN_DIVERSITY_OFFENCES} faits"
    return Card("Catégories d’infractions", f"{ind.nb_categories} sur {len(CATEGORIES)}",
                f"Faits par catégorie\u00a0: {listed}.", note)


def _most_serious_card(ind: Indicators) -> Card:
    if ind.fait_le_plus_grave is None:
        return Card("Fait le plus grave", "—", "Aucun fait au dossier.")
    offence = ind.fait_le_plus_grave.offence
    return Card("Fait le plus grave",
                f"{GRAVITES[offence.gravite].lower()}, {offence_when(offence)}",
                "Crime, puis délit, puis contravention\u202f; le plus récent à gravité égale.",
                category_label(offence.categorie))


def _gravity_trend_card(ind: Indicators) -> Card:
    definition = ("Pente par an de la gravité (contravention 1, délit 2, crime 3), droite des "
                  "moindres carrés\u00a0: négative = faits moins graves avec le temps.")
    if ind.tendance_gravite is None:
        why = (f"moins de {MIN_EPISODES_GRAVITY} passages à l’acte"
               if ind.nb_episodes < MIN_EPISODES_GRAVITY else "tous les faits le même jour")
        return Card("Tendance de la gravité", "non calculée", definition, why)
    text = french.number(ind.tendance_gravite, 3)
    sign = "+" if ind.tendance_gravite > 0 else ""
    return Card("Tendance de la gravité", f"{sign}{text} par an", definition,
                f"sur {french.plural(ind.nb_faits, 'fait')} ({_episodes(ind.nb_episodes)})")


def _liberty_card(ind: Indicators) -> Card:
    if ind.jours_liberte is None or ind.window_start is None:
        return Card("Temps en liberté", "—", "Aucun fait\u00a0: pas de période observée.")
    return Card("Temps en liberté", _days(ind.jours_liberte),
                f"Du premier passage à l’acte ({date_words(ind.window_start)}) à la date de "
                "référence, hors détention.", _about(ind.jours_liberte))


def _frequency_card(ind: Indicators) -> Card:
    definition = "Passages à l’acte ÷ années passées en liberté depuis le premier."
    counts = (f"{_episodes(ind.nb_episodes)} en "
              f"{french.duration(ind.jours_liberte or 0)} de liberté")
    if ind.lambda_par_an is None:
        return Card("Fréquence", "non calculée", definition,
                    f"{_withheld_rate(ind.nb_episodes, ind.jours_liberte)} ({counts})")
    return Card("Fréquence", _rate(ind.lambda_par_an), definition, counts)


def recent_words(ind: Indicators) -> str:
    """« les 3 dernières années (1 096 jours, dont 214 en liberté) »: never "3 years at liberty"."""
    trend = ind.tendance_frequence
    liberty = trend.jours_liberte_recent if trend.jours_liberte_recent is not None else 0
    return (f"les 3 dernières années ({french.number(RECENT_DAYS)} jours, "
            f"dont {french.number(liberty)} en liberté)")


def _trend_card(ind: Indicators) -> Card:
    """« Fréquence récente », over « les 3 dernières années (1 096 jours, dont N en liberté) »,
    with the rate before beside it; each withheld with its reason."""
    trend = ind.tendance_frequence
    if ind.nb_episodes == 0:
        return Card("Fréquence récente", "non calculée", "Aucun passage à l’acte au dossier.")
    recent_days = trend.jours_liberte_recent or 0
    before_days = trend.jours_liberte_avant or 0
    value = "non calculée" if trend.recent is None else _rate(trend.recent)
    note = f"{_episodes(trend.episodes_recent)} sur {recent_words(ind)}"
    if trend.recent is None:
        note = f"{_withheld_rate(ind.nb_episodes, recent_days)}\u00a0: {note}"
    before = f"{_episodes(trend.episodes_avant)} en {french.number(before_days)} jours de liberté"
    if trend.avant is None:
        before = f"non calculée, {_withheld_rate(ind.nb_episodes, before_days)} ({before})"
    else:
        before = f"{_rate(trend.avant)} ({before})"
    return Card("Fréquence récente", value, f"Avant ces 3 ans\u00a0: {before}.", note)


def _since_offence_card(ind: Indicators) -> Card:
    value = "—" if ind.jours_depuis_dernier_fait is None else (
        f"{_days(ind.jours_depuis_dernier_fait)} en liberté")
    return Card("Depuis le dernier fait", value,
                "Jours en liberté depuis la fin du dernier passage à l’acte (dernière ligne du "
                "tableau des intervalles).", _about(ind.jours_depuis_dernier_fait))


def _since_release_card(ind: Indicators) -> Card:
    definition = "Jours de calendrier depuis la fin de la dernière détention."
    if ind.custody_running:
        return Card("Depuis la dernière sortie", "en détention", definition,
                    "détention en cours à la date de référence")
    if ind.jours_depuis_derniere_sortie is None:
        return Card("Depuis la dernière sortie", "—", definition, "aucune détention au dossier")
    return Card("Depuis la dernière sortie", _days(ind.jours_depuis_derniere_sortie), definition,
                _about(ind.jours_depuis_derniere_sortie))


# ---------------------------------------------------------------------------------------------
# « Au même moment » (timing, never cause)


@dataclass(frozen=True)
class TimedEvent:
    """A life event at the time of an offence: « au même moment » or « peu avant »."""

    event: LifeEvent
    timing: str  # "au_meme_moment" | "peu_avant"
    words: str


@dataclass(frozen=True)
class SameTime:
    """One offence and what happened in life at the same time, or shortly before."""

    offence: Offence
    when: str  # « Août 2015 »
    what: str  # « Vols et recels (délit) »
    label: str | None
    same_time: tuple[TimedEvent, ...]
    shortly_before: tuple[TimedEvent, ...]


def event_words(event: LifeEvent, view: str) -> str:
    """``Logement : hébergement chez des tiers (difficile)``."""
    label = label_for(event.libelle, event.libelle_personne, view)
    what = f"\u00a0: {label}" if label else ""
    return f"{DOMAINES[event.domaine]}{what} ({SENS[event.sens].lower()})"


def same_time(ind: Indicators, view: str) -> list[SameTime]:
    """The indicators' ``liens``, in their order, ready to show."""
    found = []
    for link in ind.liens:
        timed = [TimedEvent(e, link.timing[e.index], event_words(e, view)) for e in link.events]
        when = offence_when(link.offence)
        found.append(SameTime(
            link.offence, when[:1].upper() + when[1:],
            f"{category_words(link.offence.categorie, view)} "
            f"({gravity_words(link.offence.gravite, view).lower()})",
            label_for(link.offence.libelle, link.offence.libelle_personne, view),
            tuple(t for t in timed if t.timing == "au_meme_moment"),
            tuple(t for t in timed if t.timing == "peu_avant"),
        ))
    return found


def difficult_period_sentences(ind: Indicators) -> list[str]:
    """« Logement : 4 passages à l'acte sur 6 (67 %) pendant des périodes qui couvrent 69 % du
    temps en liberté. » Both shares side by side: a period covering all the time says nothing.

    Reading: the count is share × episodes rounded, which is the exact count below 100 episodes
    (shares are given to 2 decimals).
    """
    total = ind.nb_episodes
    sentences = []
    for domain, share in ind.part_episodes_periodes_negatives.items():
        count = round(share * total)
        time_share = ind.part_temps_periodes_negatives.get(domain)
        covered = ("dont la part du temps en liberté n’est pas calculable (aucun jour en liberté)"
                   if time_share is None
                   else f"qui couvrent {_share(time_share)} du temps en liberté")
        sentences.append(
            f"{DOMAINES[domain]}\u00a0: {count} passage{'s' if count > 1 else ''} à l’acte sur "
            f"{total} ({_share(share)}) pendant des périodes difficiles {covered}."
        )
    return sentences


# ---------------------------------------------------------------------------------------------
# Gaps (the table and the personne view's sentences show the same numbers as the cards)


@dataclass(frozen=True)
class GapRow:
    start: str
    end: str
    days: int
    duration: str
    current: bool


def episode_date(ind: Indicators, day: datetime.date) -> str:
    """A gap bound (an episode's start or end) with the precision the file wrote it with."""
    for episode in ind.episodes:
        first = episode.offences[0]
        if first.fin is not None and first.fin == day:
            return date_words(day, first.fin_text)
        if episode.start == day:
            return date_words(day, first.date_text)
    return date_words(day)


def gap_rows(ind: Indicators) -> list[GapRow]:
    return [
        GapRow(episode_date(ind, gap.start),
               (f"{date_words(gap.end)} (date de référence)" if gap.current
                else episode_date(ind, gap.end)),
               gap.days, french.duration(gap.days), gap.current)
        for gap in ind.gaps
    ]


def person_gap_sentences(ind: Indicators) -> list[str]:
    """« Entre 2013 et 2016 : 1 an et 10 mois sans nouveau fait. » for gaps of a year or more
    at liberty, and always the current one (« Depuis juin 2025 : … »)."""
    sentences = []
    for gap in ind.gaps:
        if gap.days < MIN_LIBERTY_DAYS and not gap.current:
            continue
        sentences.append(_gap_sentence(gap, ind))
    return sentences


def _gap_sentence(gap: Gap, ind: Indicators) -> str:
    if gap.current:
        when = f"Depuis {episode_date(ind, gap.start)}"
    elif gap.start.year == gap.end.year:
        when = f"En {gap.start.year}"
    else:
        when = f"Entre {gap.start.year} et {gap.end.year}"
    outside = " dehors" if gap.days < (gap.end - gap.start).days else ""
    return f"{when}\u00a0: {french.duration(gap.days)}{outside} sans nouveau fait."


# ---------------------------------------------------------------------------------------------
# The personne view


def person_cards(ind: Indicators) -> list[Card]:
    """The few numbers that speak to the person followed, each with one short sentence."""
    cards = [
        Card("Faits notés", french.number(ind.nb_faits), "Les faits notés dans votre dossier."),
        Card("Jugements", french.number(ind.nb_decisions), "Les décisions des juges."),
    ]
    if ind.age_premier_fait is not None:
        cards.append(Card("Premier fait", f"à {age_words(ind.age_premier_fait)}",
                          "Votre âge au premier fait noté."))
    if ind.nb_periodes_detention:
        cards.append(Card("Temps en prison", french.duration(ind.jours_detention),
                          f"En tout, en {french.plural(ind.nb_periodes_detention, 'fois', 'fois')}."))
    if ind.jours_depuis_dernier_fait is not None:
        cards.append(Card("Depuis le dernier fait", french.duration(ind.jours_depuis_dernier_fait),
                          "Le temps passé dehors sans nouveau fait."))
    if ind.jours_depuis_derniere_sortie is not None:
        cards.append(Card("Depuis la sortie de prison",
                          french.duration(ind.jours_depuis_derniere_sortie),
                          "Le temps passé depuis votre dernière sortie."))
    if ind.plus_long_intervalle_jours:
        cards.append(Card("Plus longue période sans fait",
                          french.duration(ind.plus_long_intervalle_jours),
                          "Le temps dehors sans nouveau fait, au plus long."))
    return cards


PERSON_DOMAINS: dict[str, str] = {
    "emploi": "Travail",
    "formation": "Formation",
    "logement": "Logement",
    "famille_couple": "Famille et couple",
    "entourage": "Entourage",
    "loisirs": "Loisirs",
    "addictions": "Soins et consommation",
    "sante": "Santé",
    "autre": "Autre",
}


def person_event_words(event: LifeEvent) -> str:
    """``Travail : un travail en logistique``: the person's words when given."""
    label = label_for(event.libelle, event.libelle_personne, "personne")
    domain = PERSON_DOMAINS[event.domaine]
    return f"{domain}\u00a0: {label}" if label else domain


def strengths(case: CaseFile, ind: Indicators) -> list[str]:
    """Current positive periods, named as facts (« Travail : CDI, depuis septembre 2022. »)."""
    found = []
    for event in case.vie:
        if event.sens == "positif" and ind.period_status.get(event.index) == "en_cours":
            since = date_words(event.debut, event.debut_text)
            found.append(f"{person_event_words(event)}, depuis {since}.")
    return found


def past_strengths(case: CaseFile, ind: Indicators) -> list[str]:
    """Positive periods that ended: what the person already did."""
    found = []
    for event in case.vie:
        if event.sens == "positif" and not event.is_point and event.fin is not None:
            found.append(f"{person_event_words(event)}, "
                         f"{french.years_between(event.debut, event.fin)}.")
    return found


def custody_sentence(ind: Indicators) -> str | None:
    if not ind.nb_periodes_detention or not ind.jours_detention:
        return None
    times = french.plural(ind.nb_periodes_detention, "fois", "fois")
    return f"En tout, {french.duration(ind.jours_detention)} en prison, en {times}."


def person_same_time(item: SameTime) -> list[tuple[str, list[str]]]:
    """``[("Au même moment :", [labels…]), ("Peu avant :", […])]``: each life event on its own
    line, in the person's words when given (a label alone, never inside a longer sentence)."""
    groups = []
    for title, timed in (("Au même moment\u00a0:", item.same_time), ("Peu avant\u00a0:", item.shortly_before)):
        if timed:
            groups.append((title, [_event_line(t.event) for t in timed]))
    return groups


def _event_line(event: LifeEvent) -> str:
    label = label_for(event.libelle, event.libelle_personne, "personne")
    text = label if label else PERSON_DOMAINS[event.domaine]
    return text if text.endswith((".", "!", "?")) else text + "."


def join_words(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
