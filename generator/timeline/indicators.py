"""Descriptive indicators of a judicial path, exactly as defined in the case-file spec.

Pure functions over a ``CaseFile``: no I/O, no score, no prediction. Every number can be checked
by hand from the file with the spec's "Exact definitions"; where the spec leaves a choice open,
the reading we took is written next to the code ("Reading: …").

Conventions used throughout (from the spec): a partial date is its first day; a period is the
half-open interval [debut, fin), a missing ``fin`` meaning ``date_reference``; lengths are
``fin − debut`` in days.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.timeline.model import CaseFile, LifeEvent, Offence
from generator.timeline.vocabulary import (
    CATEGORIES,
    DOMAINES,
    GRAVITY_SCORE,
    VIOLENT_CATEGORIES,
)

Span = tuple[datetime.date, datetime.date]  # [start, end)

DAYS_PER_YEAR = 365.25
RECENT_DAYS = 1096  # "the last 3 years": 3 × 365.25 rounded up to whole days
LINK_DAYS = 92  # "within 3 months": the longest 3 consecutive months (e.g. July–September)


@dataclass(frozen=True)
class FrequencyTrend:
    recent: float | None
    avant: float | None


@dataclass(frozen=True)
class Indicators:
    """The spec's indicators; ``to_json`` gives its keys, order, rounding and nulls."""

    dossier: str
    nb_faits: int
    nb_decisions: int
    age_premier_fait: int | None
    age_premiere_condamnation: int | None
    categories: dict[str, int]
    nb_categories: int
    indice_diversite: float
    nb_faits_violents: int
    dernier_fait_violent: datetime.date | None
    jours_detention: int
    nb_periodes_detention: int
    nb_revocations: int
    nb_incidents: int
    jours_liberte: int | None
    lambda_par_an: float | None
    plus_long_intervalle_jours: int | None
    intervalle_actuel_jours: int | None
    tendance_frequence: FrequencyTrend
    tendance_gravite: float | None
    liens: list[tuple[str, list[int]]]
    part_faits_periodes_negatives: dict[str, float | None]

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` document: the spec's keys in the spec's order."""
        return {
            "dossier": self.dossier,
            "nb_faits": self.nb_faits,
            "nb_decisions": self.nb_decisions,
            "age_premier_fait": self.age_premier_fait,
            "age_premiere_condamnation": self.age_premiere_condamnation,
            "categories": dict(self.categories),
            "nb_categories": self.nb_categories,
            "indice_diversite": self.indice_diversite,
            "nb_faits_violents": self.nb_faits_violents,
            "dernier_fait_violent": (
                self.dernier_fait_violent.isoformat() if self.dernier_fait_violent else None
            ),
            "jours_detention": self.jours_detention,
            "nb_periodes_detention": self.nb_periodes_detention,
            "nb_revocations": self.nb_revocations,
            "nb_incidents": self.nb_incidents,
            "jours_liberte": self.jours_liberte,
            "lambda_par_an": self.lambda_par_an,
            "plus_long_intervalle_jours": self.plus_long_intervalle_jours,
            "intervalle_actuel_jours": self.intervalle_actuel_jours,
            "tendance_frequence": {
                "recent": self.tendance_frequence.recent,
                "avant": self.tendance_frequence.avant,
            },
            "tendance_gravite": self.tendance_gravite,
            "liens": [{"fait": fait, "evenements": list(events)} for fait, events in self.liens],
            "part_faits_periodes_negatives": dict(self.part_faits_periodes_negatives),
        }


# --- ordering and periods ----------------------------------------------------------------------
def offences_in_order(case: CaseFile) -> list[Offence]:
    """Offences by date; offences of the same date keep their order in the file."""
    return sorted(case.faits, key=lambda offence: offence.date)


def custody_spells(case: CaseFile) -> list[Span]:
    """The union of custody periods as separate spells, in date order.

    Overlapping periods are counted once, and touching ones (one ends the day the next begins,
    e.g. détention provisoire then détention) make one spell. Empty periods (``fin == debut``,
    typically two partial dates in the same month) hold no custody day and are left out.
    """
    periods = sorted(
        (m.debut, m.end(case.date_reference))
        for m in case.mesures
        if m.is_custody and m.end(case.date_reference) > m.debut
    )
    spells: list[list[datetime.date]] = []
    for start, end in periods:
        if spells and start <= spells[-1][1]:
            spells[-1][1] = max(spells[-1][1], end)
        else:
            spells.append([start, end])
    return [(start, end) for start, end in spells]


def custody_running(case: CaseFile) -> bool:
    """A custody period without ``fin`` still runs at ``date_reference`` (spec)."""
    return any(m.is_custody and m.fin is None for m in case.mesures)


def _days(span: Span) -> int:
    return max(0, (span[1] - span[0]).days)


def liberty_days(start: datetime.date, end: datetime.date, spells: list[Span]) -> int:
    """Days of [start, end) outside custody."""
    if end <= start:
        return 0
    custody = sum(_days((max(start, s), min(end, e))) for s, e in spells)
    return (end - start).days - custody


def _rate(count: int, days_at_liberty: int) -> float | None:
    """λ = offences ÷ (days at liberty ÷ 365.25); null when there is no day at liberty."""
    if days_at_liberty <= 0:
        return None
    return count / (days_at_liberty / DAYS_PER_YEAR)


# --- gaps --------------------------------------------------------------------------------------
def offence_free_gaps(case: CaseFile) -> list[tuple[datetime.date, datetime.date, int]]:
    """``(start, end, days at liberty)`` between consecutive offence dates, then to the reference.

    Reading: custody inside a gap is not a day at liberty, so it is subtracted (the spec counts
    "the days at liberty between" the two dates). Offences on the same date open no gap. The last
    gap (last offence → date_reference) is always listed, even when empty (an offence dated on
    the reference day), so the longest gap is 0 rather than null there.
    """
    dates = sorted({offence.date for offence in case.faits})
    if not dates:
        return []
    spells = custody_spells(case)
    bounds = [*dates, case.date_reference]
    return [
        (start, end, liberty_days(start, end, spells))
        for start, end in zip(bounds, bounds[1:], strict=False)
    ]


def current_gap(case: CaseFile) -> int | None:
    """``date_reference`` − the later of the last offence and the end of the last custody."""
    if not case.faits or custody_running(case):
        return None
    last = max(offence.date for offence in case.faits)
    spells = custody_spells(case)
    if spells:
        last = max(last, spells[-1][1])
    return (case.date_reference - last).days


# --- trends ------------------------------------------------------------------------------------
def frequency_trend(case: CaseFile) -> FrequencyTrend:
    """λ over the window's last 1096 days (``recent``) and over the window before them (``avant``).

    Reading: both parts are parts of the observation window, which starts at the first offence;
    so ``avant`` runs from the first offence to the cut, and is null when the first offence is
    on or after the cut. An offence dated on the cut day counts as recent (spec: "on or after").
    """
    if not case.faits:
        return FrequencyTrend(None, None)
    reference = case.date_reference
    first = min(offence.date for offence in case.faits)
    cut = reference - datetime.timedelta(days=RECENT_DAYS)
    spells = custody_spells(case)
    recent_start = max(first, cut)
    recent_count = sum(1 for offence in case.faits if offence.date >= cut)
    recent = _rate(recent_count, liberty_days(recent_start, reference, spells))
    avant: float | None = None
    if first < cut:
        before_count = sum(1 for offence in case.faits if offence.date < cut)
        avant = _rate(before_count, liberty_days(first, cut, spells))
    return FrequencyTrend(_round(recent, 2), _round(avant, 2))


def gravity_slope(case: CaseFile) -> float | None:
    """Least-squares slope of gravity (1–3) against the date in years (points per year).

    x is days since 1970-01-01 divided by 365.25: the origin does not change a slope.
    """
    if len({offence.date for offence in case.faits}) < 2:
        return None
    epoch = datetime.date(1970, 1, 1)
    xs = [(offence.date - epoch).days / DAYS_PER_YEAR for offence in case.faits]
    ys = [GRAVITY_SCORE[offence.gravite] for offence in case.faits]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    variance = sum((x - mean_x) ** 2 for x in xs)
    return covariance / variance


# --- versatility -------------------------------------------------------------------------------
def category_counts(case: CaseFile) -> dict[str, int]:
    """Offences per category, in the vocabulary's order, only categories that occur."""
    counts = Counter(offence.categorie for offence in case.faits)
    return {slug: counts[slug] for slug in CATEGORIES if counts[slug]}


def diversity_index(case: CaseFile) -> float:
    """(1 − Σ p_k²) ÷ (1 − 1/K), K = 14 categories in the vocabulary; 0 with fewer than 2."""
    total = len(case.faits)
    if total < 2:
        return 0.0
    concentration = sum((count / total) ** 2 for count in category_counts(case).values())
    k = len(CATEGORIES)
    return round((1 - concentration) / (1 - 1 / k), 2)


# --- links with life events --------------------------------------------------------------------
def _runs_at(event: LifeEvent, day: datetime.date, reference: datetime.date) -> bool:
    return not event.is_point and event.debut <= day < event.end(reference)


def is_linked(event: LifeEvent, day: datetime.date, reference: datetime.date) -> bool:
    """Running at ``day``, or ended (point event: happened) within the 92 days before it.

    Reading: "within the 92 days before" is 0 ≤ day − end ≤ 92, where a period's end is its
    (excluded) ``fin``: a period whose ``fin`` is the offence day is linked, as is a point event
    on the offence day itself. Events starting after the offence are never linked.
    """
    if _runs_at(event, day, reference):
        return True
    if not event.is_point and event.debut > day:
        return False
    elapsed = (day - event.end(reference)).days
    return 0 <= elapsed <= LINK_DAYS


def offence_links(case: CaseFile) -> list[tuple[Offence, list[LifeEvent]]]:
    """For each offence in date order, the linked life events in file order."""
    return [
        (offence, [e for e in case.vie if is_linked(e, offence.date, case.date_reference)])
        for offence in offences_in_order(case)
    ]


def negative_period_shares(case: CaseFile) -> dict[str, float | None]:
    """Per domain having a ``negatif`` period: the share of offences committed while one runs.

    Only running periods count here (no 92-day tail, no point events), as the spec says.
    Reading: with no offence the share is undefined, so it is null (the domain is still listed).
    """
    shares: dict[str, float | None] = {}
    for domain in DOMAINES:
        periods = [
            e for e in case.vie if e.domaine == domain and e.sens == "negatif" and not e.is_point
        ]
        if not periods:
            continue
        if not case.faits:
            shares[domain] = None
            continue
        during = sum(
            1
            for offence in case.faits
            if any(_runs_at(e, offence.date, case.date_reference) for e in periods)
        )
        shares[domain] = round(during / len(case.faits), 2)
    return shares


# --- everything --------------------------------------------------------------------------------
def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def compute(case: CaseFile) -> Indicators:
    """All indicators of one case file (pure)."""
    offences = offences_in_order(case)
    spells = custody_spells(case)
    violent = [o for o in offences if o.categorie in VIOLENT_CATEGORIES]
    birth = case.annee_naissance
    gaps = offence_free_gaps(case)
    days_free: int | None = None
    rate: float | None = None
    if offences:
        # The observation window runs from the first offence to date_reference.
        days_free = liberty_days(offences[0].date, case.date_reference, spells)
        rate = _round(_rate(len(offences), days_free), 2)
    counts = category_counts(case)
    return Indicators(
        dossier=case.dossier,
        nb_faits=len(offences),
        nb_decisions=len(case.decisions),
        age_premier_fait=offences[0].date.year - birth if offences else None,
        age_premiere_condamnation=(
            min(d.date for d in case.decisions).year - birth if case.decisions else None
        ),
        categories=counts,
        nb_categories=len(counts),
        indice_diversite=diversity_index(case),
        nb_faits_violents=len(violent),
        dernier_fait_violent=violent[-1].date if violent else None,
        jours_detention=sum(_days(spell) for spell in spells),
        nb_periodes_detention=len(spells),
        nb_revocations=sum(1 for m in case.mesures if m.issue == "revocation"),
        nb_incidents=sum(1 for m in case.mesures if m.issue == "incident"),
        jours_liberte=days_free,
        lambda_par_an=rate,
        plus_long_intervalle_jours=max((days for _, _, days in gaps), default=None),
        intervalle_actuel_jours=current_gap(case),
        tendance_frequence=frequency_trend(case),
        tendance_gravite=_round(gravity_slope(case), 3),
        liens=[(o.id, [e.index for e in events]) for o, events in offence_links(case)],
        part_faits_periodes_negatives=negative_period_shares(case),
    )
