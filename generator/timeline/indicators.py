"""Descriptive indicators of a judicial path, exactly as defined in the case-file spec (version 2).

``compute(case) -> Indicators`` is the one computation: pure, no I/O, no score, no prediction.
Everything the page needs that derives from the case (episodes, custody spells, gaps, links,
period status) is computed here once and exposed, typed, on ``Indicators``; the page renderer
reads it and never recomputes. ``Indicators.to_json()`` is only the CLI's ``--json`` edge.

Conventions used throughout (from the spec): a partial date is its first day; a period is the
half-open interval [debut, fin), a missing ``fin`` meaning ``date_reference``; lengths are
``fin − debut`` in days. Where the spec leaves a choice open, the reading we took is written next
to the code ("Reading: …").
"""

from __future__ import annotations

import bisect
import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from generator.timeline.model import CaseFile, Decision, LifeEvent, Offence
from generator.timeline.vocabulary import (
    CATEGORIES,
    DOMAINES,
    GRAVITY_SCORE,
    JUVENILE_COURTS,
    RESPECTS,
    VIOLENT_CATEGORIES,
)

Span = tuple[datetime.date, datetime.date]  # [start, end)

DAYS_PER_YEAR = 365.25
RECENT_DAYS = 1096  # "the last 3 years": 3 × 365.25 rounded up to whole days
LINK_DAYS = 92  # "peu avant": the longest 3 consecutive months (e.g. July–September)
RECENT_PERIOD_DAYS = 365  # a life period that ended within this many days is "recente"
MIN_EPISODES = 3  # rates are withheld below this many episodes
MIN_LIBERTY_DAYS = 365  # … or below this many days at liberty
MIN_EPISODES_GRAVITY = 5  # the gravity trend is withheld below this many episodes
JUVENILE_MAX_AGE = 17

WITHHELD_EPISODES = "moins de 3 passages à l'acte"
WITHHELD_LIBERTY = "moins d'un an (365 jours) de liberté"


# --- typed values --------------------------------------------------------------------------------
@dataclass(frozen=True)
class AgeRange:
    """An age known from the year of birth only: ``min`` or ``max`` (equal when capped to it)."""

    min: int
    max: int

    def to_json(self) -> dict[str, int]:
        return {"min": self.min, "max": self.max}


@dataclass(frozen=True)
class Episode:
    """A "passage à l'acte": same-day offences without ``fin``, or one offence with a ``fin``."""

    start: datetime.date
    end: datetime.date  # the offence's ``fin``, or ``start`` for a one-day episode
    offences: tuple[Offence, ...]  # in written order


@dataclass(frozen=True)
class Gap:
    """One offence-free gap [start, end) and its days at liberty (custody days taken out)."""

    start: datetime.date
    end: datetime.date
    days: int  # days at liberty, the number listed in ``intervalles``
    current: bool  # the last gap, which runs to date_reference


@dataclass(frozen=True)
class FrequencyTrend:
    """Episodes per year at liberty over the last 1096 days (``recent``) and before (``avant``)."""

    recent: float | None
    avant: float | None
    episodes_recent: int
    episodes_avant: int
    jours_liberte_recent: int | None
    jours_liberte_avant: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "recent": self.recent,
            "avant": self.avant,
            "episodes_recent": self.episodes_recent,
            "episodes_avant": self.episodes_avant,
            "jours_liberte_recent": self.jours_liberte_recent,
            "jours_liberte_avant": self.jours_liberte_avant,
        }


@dataclass(frozen=True)
class MostSerious:
    """The offence of highest gravity (the most recent start on ties, then the last written)."""

    offence: Offence

    def to_json(self) -> dict[str, str]:
        o = self.offence
        return {"id": o.id, "gravite": o.gravite, "date": o.date.isoformat()}


@dataclass(frozen=True)
class Link:
    """An offence and the life events "au même moment" or "peu avant" it (``vie`` order)."""

    offence: Offence
    events: tuple[LifeEvent, ...]
    # vie index → "au_meme_moment" (running at the offence) or "peu_avant" (ended ≤ 92 days before)
    timing: dict[int, str]


@dataclass(frozen=True)
class Indicators:
    """The spec's indicators (JSON keys, in order), then what the page reads besides."""

    dossier: str
    nb_faits: int
    nb_episodes: int
    nb_decisions: int
    nb_condamnations: int
    age_premier_fait: AgeRange | None
    age_premiere_condamnation: AgeRange | None
    categories: dict[str, int]
    nb_categories: int
    indice_diversite: float
    nb_faits_violents: int
    dernier_fait_violent: datetime.date | None
    fait_le_plus_grave: MostSerious | None
    jours_detention: int
    nb_periodes_detention: int
    nb_revocations: int
    nb_incidents: int
    obligations: dict[str, int]
    jours_liberte: int | None
    lambda_par_an: float | None
    intervalles: tuple[int, ...]
    plus_long_intervalle_jours: int | None
    jours_depuis_dernier_fait: int | None
    jours_depuis_derniere_sortie: int | None
    tendance_frequence: FrequencyTrend
    tendance_gravite: float | None
    liens: tuple[Link, ...]
    part_episodes_periodes_negatives: dict[str, float]
    part_temps_periodes_negatives: dict[str, float | None]
    # --- computed once for the page (not in the JSON) ---
    date_reference: datetime.date
    episodes: tuple[Episode, ...]  # by start date, ties in written order
    custody_spells: tuple[Span, ...]  # the custody union, by date (zero-length spells kept)
    custody_running: bool  # a custody period has no fin
    window_start: datetime.date | None  # start of the first episode
    gaps: tuple[Gap, ...]  # one per ``intervalles`` entry, same order
    counted_convictions: tuple[str, ...]  # ids of the decisions counted in nb_condamnations
    lambda_withheld: str | None  # why lambda_par_an is null (French), None when shown
    gravity_withheld: str | None  # why tendance_gravite is null (French), None when shown
    period_status: dict[int, str]  # vie index → "en_cours" | "recente" | "passee"

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` document: the spec's keys in the spec's order, dates ``YYYY-MM-DD``."""
        return {
            "dossier": self.dossier,
            "nb_faits": self.nb_faits,
            "nb_episodes": self.nb_episodes,
            "nb_decisions": self.nb_decisions,
            "nb_condamnations": self.nb_condamnations,
            "age_premier_fait": _json(self.age_premier_fait),
            "age_premiere_condamnation": _json(self.age_premiere_condamnation),
            "categories": dict(self.categories),
            "nb_categories": self.nb_categories,
            "indice_diversite": self.indice_diversite,
            "nb_faits_violents": self.nb_faits_violents,
            "dernier_fait_violent": _json(self.dernier_fait_violent),
            "fait_le_plus_grave": _json(self.fait_le_plus_grave),
            "jours_detention": self.jours_detention,
            "nb_periodes_detention": self.nb_periodes_detention,
            "nb_revocations": self.nb_revocations,
            "nb_incidents": self.nb_incidents,
            "obligations": dict(self.obligations),
            "jours_liberte": self.jours_liberte,
            "lambda_par_an": self.lambda_par_an,
            "intervalles": list(self.intervalles),
            "plus_long_intervalle_jours": self.plus_long_intervalle_jours,
            "jours_depuis_dernier_fait": self.jours_depuis_dernier_fait,
            "jours_depuis_derniere_sortie": self.jours_depuis_derniere_sortie,
            "tendance_frequence": self.tendance_frequence.to_json(),
            "tendance_gravite": self.tendance_gravite,
            "liens": [
                {"fait": link.offence.id, "evenements": [e.index for e in link.events]}
                for link in self.liens
            ],
            "part_episodes_periodes_negatives": dict(self.part_episodes_periodes_negatives),
            "part_temps_periodes_negatives": dict(self.part_temps_periodes_negatives),
        }


def _json(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value.to_json()


def round_half_away(value: float | None, digits: int) -> float | None:
    """Round halves away from zero (0.125 → 0.13), as the spec asks; Python rounds half to even.

    Reading: the float is rounded as its shortest decimal form (``repr``), so 0.125 and 2.675
    both round up, as a person checking by hand would.
    """
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-digits)
    magnitude = Decimal(repr(abs(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    result = float(magnitude)
    return -result if value < 0 and result else result


# --- offences and episodes -----------------------------------------------------------------------
def offences_in_order(case: CaseFile) -> list[Offence]:
    """Offences by start date; offences of the same date keep their written order."""
    return sorted(case.faits, key=lambda offence: offence.date)


def episodes(case: CaseFile) -> list[Episode]:
    """Same-day offences without ``fin`` make one episode; each offence with a ``fin`` is one."""
    by_day: dict[datetime.date, list[Offence]] = {}
    found: list[tuple[datetime.date, int, Episode | None]] = []
    for index, offence in enumerate(case.faits):
        if offence.fin is not None:
            found.append((offence.date, index, Episode(offence.date, offence.fin, (offence,))))
        elif offence.date in by_day:
            by_day[offence.date].append(offence)
        else:
            by_day[offence.date] = [offence]
            found.append((offence.date, index, None))
    result = []
    for day, _, episode in sorted(found, key=lambda item: (item[0], item[1])):
        result.append(episode or Episode(day, day, tuple(by_day[day])))
    return result


def age_range(day: datetime.date, birth_year: int, cap: int | None = None) -> AgeRange:
    """``y − 1`` or ``y`` with ``y = year − annee_naissance``; the upper bound capped when asked."""
    y = day.year - birth_year
    return AgeRange(y - 1, y if cap is None else min(y, cap))


def first_offence_age(case: CaseFile, ordered: list[Offence]) -> AgeRange | None:
    """Age at the earliest offence, capped at 17 when its earliest decision is a juvenile court."""
    if not ordered:
        return None
    first = ordered[0]
    judging = [d for d in case.decisions if first.id in d.faits]
    earliest = min(judging, key=lambda d: d.date) if judging else None  # min keeps written order
    juvenile = earliest is not None and earliest.juridiction in JUVENILE_COURTS
    return age_range(first.date, case.annee_naissance, JUVENILE_MAX_AGE if juvenile else None)


# --- custody and liberty -------------------------------------------------------------------------
def custody_spells(case: CaseFile) -> list[Span]:
    """The union of custody periods (incl. semi-liberté) as separate spells, in date order.

    Overlapping or touching periods make one spell. A period whose ``fin`` equals its ``debut``
    is still a spell (0 days), so its end counts as a release (spec, version 2).
    """
    periods = sorted((m.debut, m.end(case.date_reference)) for m in case.mesures if m.is_custody)
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


class CustodyClock:
    """Custody days before any date in O(log n): prefix sums over the (sorted, disjoint) spells.

    Gaps and trends ask "days at liberty in [a, b)" once per episode; summing over every spell
    each time would make a long case quadratic.
    """

    def __init__(self, spells: list[Span]) -> None:
        self.starts = [start for start, _ in spells]
        self.ends = [end for _, end in spells]
        self.totals = [0]
        for spell in spells:
            self.totals.append(self.totals[-1] + _days(spell))

    def custody_before(self, day: datetime.date) -> int:
        """Custody days in (−∞, day)."""
        index = bisect.bisect_right(self.starts, day)
        if index == 0:
            return 0
        last = index - 1  # the spells are disjoint and sorted, so only this one may be cut
        return self.totals[last] + _days((self.starts[last], min(day, self.ends[last])))

    def liberty(self, start: datetime.date, end: datetime.date) -> int:
        """Days of [start, end) outside custody (0 for an empty or reversed interval)."""
        if end <= start:
            return 0
        return (end - start).days - (self.custody_before(end) - self.custody_before(start))


def liberty_days(start: datetime.date, end: datetime.date, spells: list[Span]) -> int:
    """Days of [start, end) outside custody (0 for an empty or reversed interval)."""
    return CustodyClock(spells).liberty(start, end)


def _rate(count: int, days_at_liberty: int) -> float:
    return count / (days_at_liberty / DAYS_PER_YEAR)


def lambda_withheld(nb_episodes: int, days_free: int | None) -> str | None:
    """Why λ is withheld (French, for the page), or None when it is shown."""
    if nb_episodes < MIN_EPISODES:
        return WITHHELD_EPISODES
    if days_free is None or days_free < MIN_LIBERTY_DAYS:
        return WITHHELD_LIBERTY
    return None


# --- gaps ----------------------------------------------------------------------------------------
def gaps(case: CaseFile, eps: list[Episode], spells: list[Span]) -> list[Gap]:
    """The offence-free gaps of the spec's walk with ``reach`` (the latest end seen so far)."""
    if not eps:
        return []
    clock = CustodyClock(spells)
    reach = eps[0].end
    found: list[Gap] = []
    for episode in eps[1:]:
        if episode.start > reach:
            found.append(Gap(reach, episode.start, clock.liberty(reach, episode.start), False))
        reach = max(reach, episode.end)
    reference = case.date_reference
    found.append(Gap(reach, reference, clock.liberty(reach, reference), True))
    return found


def offence_free_gaps(case: CaseFile) -> list[tuple[datetime.date, datetime.date, int]]:
    """``(start, end, days at liberty)`` of every gap (kept for callers of version 1)."""
    found = gaps(case, episodes(case), custody_spells(case))
    return [(gap.start, gap.end, gap.days) for gap in found]


def since_release(case: CaseFile, spells: list[Span]) -> int | None:
    """Calendar days from the end of the last custody spell; null without one or while it runs."""
    if not spells or custody_running(case):
        return None
    return (case.date_reference - max(end for _, end in spells)).days


# --- trends --------------------------------------------------------------------------------------
def frequency_trend(case: CaseFile, eps: list[Episode], spells: list[Span]) -> FrequencyTrend:
    """Episodes per year at liberty in the last 1096 days and in the window before the cut."""
    if not eps:
        return FrequencyTrend(None, None, 0, 0, None, None)
    reference = case.date_reference
    start = eps[0].start
    cut = reference - datetime.timedelta(days=RECENT_DAYS)
    recent_count = sum(1 for e in eps if e.start >= cut)
    before_count = len(eps) - recent_count
    recent_days = liberty_days(max(cut, start), reference, spells)
    before_days = liberty_days(start, cut, spells)  # 0 when the window starts on/after the cut
    enough = len(eps) >= MIN_EPISODES

    def rate(count: int, days: int) -> float | None:
        if not enough or days < MIN_LIBERTY_DAYS:
            return None
        return round_half_away(_rate(count, days), 2)

    return FrequencyTrend(
        rate(recent_count, recent_days), rate(before_count, before_days),
        recent_count, before_count, recent_days, before_days,
    )


def gravity_slope(case: CaseFile, nb_episodes: int) -> float | None:
    """Least-squares slope of gravity (1–3) against the start date in years, one point per offence.

    x is the date ordinal ÷ 365.25 (the origin does not change a slope).
    """
    if nb_episodes < MIN_EPISODES_GRAVITY or len({o.date for o in case.faits}) < 2:
        return None
    xs = [offence.date.toordinal() / DAYS_PER_YEAR for offence in case.faits]
    ys = [GRAVITY_SCORE[offence.gravite] for offence in case.faits]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    variance = sum((x - mean_x) ** 2 for x in xs)
    return round_half_away(covariance / variance, 3)


def gravity_withheld(nb_episodes: int, slope: float | None) -> str | None:
    if slope is not None:
        return None
    if nb_episodes < MIN_EPISODES_GRAVITY:
        return "moins de 5 passages à l'acte"
    return "tous les faits commencent le même jour"


def most_serious(case: CaseFile) -> MostSerious | None:
    """Highest gravity; ties: the most recent start, then the last written (``max`` keeps the
    first of equal keys, so the written index breaks the last tie)."""
    if not case.faits:
        return None
    index, offence = max(
        enumerate(case.faits),
        key=lambda item: (GRAVITY_SCORE[item[1].gravite], item[1].date, item[0]),
    )
    return MostSerious(offence)


# --- versatility and violence --------------------------------------------------------------------
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
    return round_half_away((1 - concentration) / (1 - 1 / k), 2) or 0.0


# --- decisions and measures ----------------------------------------------------------------------
def counted_convictions(case: CaseFile) -> list[Decision]:
    """Condamnations judging at least one offence not judged by an earlier condamnation.

    Earlier: by date, ties on the same date in written order (``sorted`` is stable).
    """
    judged: set[str] = set()
    counted = []
    for decision in sorted(case.decisions, key=lambda d: d.date):
        if not decision.is_conviction:
            continue
        if any(ref not in judged for ref in decision.faits):
            counted.append(decision)
        judged.update(decision.faits)
    return counted


def obligation_counts(case: CaseFile) -> dict[str, int]:
    counts = Counter(o.respect for m in case.mesures for o in m.obligations)
    return {value: counts[value] for value in RESPECTS}


# --- life events ---------------------------------------------------------------------------------
def link_timing(event: LifeEvent, day: datetime.date, reference: datetime.date) -> str | None:
    """``au_meme_moment``, ``peu_avant`` or None for an offence starting on ``day`` (spec)."""
    early = day - datetime.timedelta(days=LINK_DAYS)
    if event.is_point:
        return "peu_avant" if early <= event.debut <= day else None
    end = event.end(reference)
    if event.debut <= day < end:
        return "au_meme_moment"
    if early <= end <= day:
        return "peu_avant"
    return None


def links(case: CaseFile, ordered: list[Offence]) -> list[Link]:
    """For each offence in start order (ties written), the linked life events in ``vie`` order."""
    found = []
    for offence in ordered:
        timing = {}
        for event in case.vie:
            kind = link_timing(event, offence.date, case.date_reference)
            if kind is not None:
                timing[event.index] = kind
        events = tuple(e for e in case.vie if e.index in timing)
        found.append(Link(offence, events, timing))
    return found


def offence_links(case: CaseFile) -> list[tuple[Offence, list[LifeEvent]]]:
    """For each offence in date order, the linked life events (kept for callers of version 1)."""
    return [(link.offence, list(link.events)) for link in links(case, offences_in_order(case))]


def _union(spans: list[Span]) -> list[Span]:
    merged: list[list[datetime.date]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def negative_shares(
    case: CaseFile, eps: list[Episode], spells: list[Span], days_free: int | None,
) -> tuple[dict[str, float], dict[str, float | None]]:
    """Per domain with a ``negatif`` period: share of episodes, share of the time at liberty.

    Reading: with no offence there is no window, so both are ``{}`` (spec: "both shares are {}").
    """
    by_episodes: dict[str, float] = {}
    by_time: dict[str, float | None] = {}
    if not eps:
        return by_episodes, by_time
    clock = CustodyClock(spells)
    reference = case.date_reference
    start = eps[0].start
    for domain in DOMAINES:
        periods = [
            (e.debut, e.end(reference))
            for e in case.vie if e.domaine == domain and e.sens == "negatif" and not e.is_point
        ]
        if not periods:
            continue
        during = sum(1 for ep in eps if any(a <= ep.start < b for a, b in periods))
        by_episodes[domain] = round_half_away(during / len(eps), 2) or 0.0
        if not days_free:
            by_time[domain] = None
            continue
        covered = sum(clock.liberty(max(a, start), min(b, reference)) for a, b in _union(periods))
        by_time[domain] = round_half_away(covered / days_free, 2) or 0.0
    return by_episodes, by_time


def period_status(case: CaseFile) -> dict[int, str]:
    """``en_cours`` (runs at date_reference), ``recente`` (ended ≤ 365 days before) or ``passee``.

    Reading: a point event is never running; it is ``recente`` when dated within the 365 days
    before date_reference, like a period's end.
    """
    reference = case.date_reference
    recent = reference - datetime.timedelta(days=RECENT_PERIOD_DAYS)
    status = {}
    for event in case.vie:
        if not event.is_point and event.fin is None:
            status[event.index] = "en_cours"
        elif event.end(reference) >= recent:
            status[event.index] = "recente"
        else:
            status[event.index] = "passee"
    return status


# --- everything ----------------------------------------------------------------------------------
def compute(case: CaseFile) -> Indicators:
    """All indicators of one case file (pure)."""
    ordered = offences_in_order(case)
    eps = episodes(case)
    spells = custody_spells(case)
    violent = [o for o in ordered if o.categorie in VIOLENT_CATEGORIES]
    window_start = eps[0].start if eps else None
    days_free = (
        liberty_days(window_start, case.date_reference, spells) if window_start else None
    )
    withheld = lambda_withheld(len(eps), days_free) if eps else WITHHELD_EPISODES
    rate = round_half_away(_rate(len(eps), days_free), 2) if eps and withheld is None else None
    found_gaps = gaps(case, eps, spells)
    intervals = tuple(gap.days for gap in found_gaps)
    convictions = counted_convictions(case)
    counts = category_counts(case)
    slope = gravity_slope(case, len(eps))
    shares_episodes, shares_time = negative_shares(case, eps, spells, days_free)
    return Indicators(
        dossier=case.dossier,
        nb_faits=len(ordered),
        nb_episodes=len(eps),
        nb_decisions=len(case.decisions),
        nb_condamnations=len(convictions),
        age_premier_fait=first_offence_age(case, ordered),
        age_premiere_condamnation=(
            age_range(convictions[0].date, case.annee_naissance) if convictions else None
        ),
        categories=counts,
        nb_categories=len(counts),
        indice_diversite=diversity_index(case),
        nb_faits_violents=len(violent),
        dernier_fait_violent=max((o.date for o in violent), default=None),
        fait_le_plus_grave=most_serious(case),
        jours_detention=sum(_days(spell) for spell in spells),
        nb_periodes_detention=len(spells),
        nb_revocations=sum(1 for m in case.mesures if m.issue == "revocation"),
        nb_incidents=sum(1 for m in case.mesures if m.issue == "incident"),
        obligations=obligation_counts(case),
        jours_liberte=days_free,
        lambda_par_an=rate,
        intervalles=intervals,
        plus_long_intervalle_jours=max(intervals, default=None),
        jours_depuis_dernier_fait=intervals[-1] if intervals else None,
        jours_depuis_derniere_sortie=since_release(case, spells),
        tendance_frequence=frequency_trend(case, eps, spells),
        tendance_gravite=slope,
        liens=tuple(links(case, ordered)),
        part_episodes_periodes_negatives=shares_episodes,
        part_temps_periodes_negatives=shares_time,
        date_reference=case.date_reference,
        episodes=tuple(eps),
        custody_spells=tuple(spells),
        custody_running=custody_running(case),
        window_start=window_start,
        gaps=tuple(found_gaps),
        counted_convictions=tuple(d.id for d in convictions),
        lambda_withheld=withheld,
        gravity_withheld=gravity_withheld(len(eps), slope),
        period_status=period_status(case),
    )
