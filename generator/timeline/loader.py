"""Load one case file (YAML or CSV): text → validated ``CaseFile``, or ``InvalidInput``.

The anonymisation guard runs first on the raw text; then every rule of the case-file contract
(version 2) is checked and *all* problems are collected, so the officer fixes the file in one
pass. Messages say ``path:line: « key » : what is wrong, what to write instead`` in French and
**never repeat the file's text** (values, unknown keys, ids): only the key as the contract spells
it, line numbers and the contract's own vocabulary.

Both formats reach the same ``_Checker`` through the same raw structure: mappings, lists and
scalars kept as the text written (``0123`` stays "0123"), with the line of each path.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.located_yaml import (
    LINE_BREAK,
    LocatedData,
    PathKey,
    YamlSyntaxError,
    load_located,
)
from generator.problems import InvalidInput, Problem, display_path
from generator.suggest import did_you_mean, one_of
from generator.timeline import csv_case, guard
from generator.timeline.case_messages import SHAPES, say
from generator.timeline.model import (
    CaseFile,
    Decision,
    LifeEvent,
    Measure,
    Obligation,
    Offence,
    Penalty,
)
from generator.timeline.vocabulary import (
    CATEGORIES,
    DOMAINES,
    GRAVITES,
    ISSUES,
    JURIDICTIONS,
    JUVENILE_COURTS,
    MESURES,
    NATURES,
    OBLIGATIONS,
    PEINES,
    RESPECTS,
    SENS,
)

TOP_KEYS = ("dossier", "annee_naissance", "date_reference", "faits", "decisions", "mesures", "vie")
OFFENCE_KEYS = (
    "id", "date", "fin", "categorie", "gravite", "libelle", "libelle_personne", "natinf",
)
DECISION_KEYS = ("id", "date", "faits", "juridiction", "nature", "peines")
PENALTY_KEYS = ("type", "quantum", "duree_epreuve")
MEASURE_KEYS = ("type", "debut", "fin", "fin_prevue", "decision", "issue", "obligations")
OBLIGATION_KEYS = ("type", "libelle", "respect")
LIFE_KEYS = ("domaine", "date", "debut", "fin", "libelle", "libelle_personne", "sens")
# Every key of the contract: a repeated key is named only when it is one of these.
CONTRACT_KEYS = frozenset(
    TOP_KEYS + OFFENCE_KEYS + DECISION_KEYS + PENALTY_KEYS + MEASURE_KEYS + OBLIGATION_KEYS
    + LIFE_KEYS
)
# Free-text keys where an unquoted " #" silently cuts the text in YAML.
LABEL_KEYS = ("libelle", "libelle_personne")

DOSSIER_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")
DATE_FORMATS = (
    "AAAA, AAAA-MM ou AAAA-MM-JJ, ou comme un tableur les affiche : MM/AAAA ou JJ/MM/AAAA "
    "(ex. 2012, 2012-03, 2012-03-15, 03/2012 ou 15/03/2012)"
)
_DATE_SHAPES = (
    re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?"),
    re.compile(r"(?:(?P<d>\d{2})/)?(?P<m>\d{2})/(?P<y>\d{4})"),
)

Dated = tuple[datetime.date, str]


class _Skip:
    """A value already reported as wrong: not checked further, and not reported as missing."""


SKIP = _Skip()


def find_case_files(args: list[Path]) -> list[Path]:
    """Files as given, directories expanded to their ``.yaml``/``.yml``/``.csv`` files; sorted."""
    found: set[Path] = set()
    for arg in args:
        if arg.is_dir():
            found.update(
                p for p in arg.iterdir()
                if p.suffix.lower() in (".yaml", ".yml", ".csv") and p.is_file()
            )
        else:
            found.add(arg)  # a missing file is reported by ``load_case``, with its name
    return sorted(found)


def load_case(path: Path, today: datetime.date | None = None, shown: str | None = None) -> CaseFile:
    """Read, guard and validate one case file; raise ``InvalidInput`` with every problem.

    ``shown``: ``display_path(path)`` when the caller has it already (it resolves the path)."""
    shown = display_path(path) if shown is None else shown
    text = _read_text(path, shown)
    is_csv = path.suffix.lower() == ".csv"
    # The guard judges the raw text first: a refused file is never turned into a page, and is
    # not read further, so that no other message can quote what the guard found.
    guarded = _guard(text, path)
    if guarded:
        raise InvalidInput(guarded)
    try:
        located, shape = csv_case.parse(text, shown) if is_csv else (_parse(text, shown), [])
    except InvalidInput as error:
        raise InvalidInput(guarded + error.problems) from None
    checker = _Checker(shown, located, None if is_csv else _yaml_lines(text))
    case = checker.case(path, today or datetime.date.today())
    problems = guarded + shape + checker.problems
    if problems or case is None:
        raise InvalidInput(problems or [Problem(shown, 0, say("invalid"))])
    return case


def _yaml_lines(text: str) -> list[str]:
    """The lines as YAML counts them (``LINE_BREAK``); a plain split when ``\n`` is the only break
    (the same list, ~5× faster)."""
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return LINE_BREAK.split(text)
    return text.split("\n")


def _guard(text: str, path: Path) -> list[Problem]:
    """Findings of the anonymisation guard as located problems (never the value itself)."""
    return guard.to_problems(guard.scan_file_text(text), path)


def _read_text(path: Path, shown: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput([Problem(shown, 0, "fichier introuvable.")]) from None
    except IsADirectoryError:
        raise InvalidInput([Problem(shown, 0, "c'est un dossier, pas un fichier.")]) from None
    except OSError as error:
        reason = error.strerror or "erreur de lecture"
        raise InvalidInput([Problem(shown, 0, f"fichier illisible ({reason}).")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InvalidInput([Problem(shown, line, say("not_utf8"))]) from None


def _parse(text: str, shown: str) -> LocatedData:
    try:
        located = load_located(text, as_text=True)
    except YamlSyntaxError as error:
        raise InvalidInput([Problem(shown, error.line, error.message)]) from None
    if located.data is None:
        raise InvalidInput([Problem(shown, 1, say("empty"))])
    if not isinstance(located.data, dict):
        raise InvalidInput([Problem(shown, 1, say("not_mapping", shape=_describe(located.data)))])
    return located


def _describe(value: Any) -> str:
    """French name of a raw value's shape, for "expected X, found Y" messages."""
    if isinstance(value, dict):
        return SHAPES["mapping"]
    if isinstance(value, list):
        return SHAPES["list"]
    if value is None:
        return SHAPES["empty"]
    return SHAPES["text"]


def _key_name(path: PathKey) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "document"


def parse_date(value: Any) -> Dated | str:
    """``(first day, ISO text at the precision written)`` or a French explanation.

    The explanation never repeats the value. Reading: ``MM`` and ``JJ`` are two digits, as
    office suites show them; the text kept is normalised to ISO (``03/2012`` → "2012-03") so the
    page shows the precision written whatever the form.
    """
    if not isinstance(value, str):
        return say("date_not_text", shape=_describe(value), formats=DATE_FORMATS)
    return _parse_date_text(value.strip())


@functools.lru_cache(maxsize=4096)  # a batch's cases share most of their dates (~70 a case)
def _parse_date_text(text: str) -> Dated | str:
    match = next((m for shape in _DATE_SHAPES if (m := shape.fullmatch(text))), None)
    if match is None:
        return say("date_shape", formats=DATE_FORMATS)
    year, month, day = int(match["y"]), int(match["m"] or 1), int(match["d"] or 1)
    try:
        if year < 1000:
            raise ValueError
        date = datetime.date(year, month, day)
    except ValueError:
        return say("date_impossible", formats=DATE_FORMATS)
    iso = f"{year:04d}" + (f"-{month:02d}" if match["m"] else "") + (f"-{day:02d}" if match["d"] else "")
    return date, iso


class _Checker:
    """Walks the raw structure once, collecting problems and building model objects."""

    def __init__(
        self, shown: str, located: LocatedData, yaml_lines: list[str] | None = None
    ) -> None:
        self.shown = shown
        self.located = located
        self.yaml_lines = yaml_lines  # the YAML source lines; None for a CSV (no comments there)
        self.problems: list[Problem] = []
        # Every date of an event, checked against the year of birth and date_reference at the end.
        self.dated: list[tuple[PathKey, datetime.date]] = []

    # --- reporting ------------------------------------------------------------------------------
    def line(self, path: PathKey) -> int:
        return self.located.line(*path)

    def report(self, path: PathKey, message: str) -> None:
        self.problems.append(Problem(self.shown, self.line(path), message))

    # --- structure ------------------------------------------------------------------------------
    def keys(
        self,
        node: Mapping[str, Any],
        path: PathKey,
        allowed: tuple[str, ...],
        required: Iterable[str],
        where: str = "",
    ) -> None:
        """Unknown keys (never named: it may be an identifier typed at the wrong place) and
        missing required keys of one mapping."""
        for key in node:
            if key in allowed:
                continue
            line = self.line((*path, key))
            birth = say("unknown_key_birth") if (
                guard.is_birth_key(key) and not path
            ) else ""
            # The suggestion is a key of the contract, never the typed key.
            self.report((*path, key), say(
                "unknown_key", line=line, where=where, birth=birth,
                hint=did_you_mean(key, allowed), keys=one_of(allowed),
            ))
        for key in required:
            if key not in node:
                self.report(path, say("missing_key", key=key, where=where))

    def items(self, node: Mapping[str, Any], path: PathKey, key: str) -> list[tuple[PathKey, dict]]:
        """The mapping items of a list (``faits``, ``peines``…); other shapes are reported."""
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report((*path, key), say("not_a_list", key=key, shape=_describe(value)))
            return []
        out = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                out.append(((*path, key, index), item))
            else:
                self.report((*path, key, index), say(
                    "item_not_mapping", key=key, shape=_describe(item)))
        return out

    # --- scalar values --------------------------------------------------------------------------
    def text(self, node: Mapping[str, Any], path: PathKey, key: str) -> str | None | _Skip:
        """Optional free text."""
        value = node.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.report((*path, key), say("not_text", key=key, shape=_describe(value)))
            return SKIP
        if key in LABEL_KEYS:
            self.check_comment((*path, key))
        return value.strip() or None

    def check_comment(self, path: PathKey) -> None:
        """An unquoted label followed by `` #…`` lost that part: YAML read it as a comment.

        Reading: the rule names ``libelle``; it is applied to ``libelle_personne`` too, which
        loses its text the same way.
        """
        end = self.located.value_ends.get(path)
        if self.yaml_lines is None or end is None or not end[2] or end[0] > len(self.yaml_lines):
            return
        if re.match(r"[ \t]+#", self.yaml_lines[end[0] - 1][end[1]:]):
            self.report(path, say("comment_in_label", key=_key_name(path)))

    def choice(
        self, node: Mapping[str, Any], path: PathKey, key: str, vocabulary: Mapping[str, str],
        required: bool = True,
    ) -> str | None | _Skip:
        """A value of a closed vocabulary (a missing required key is reported by ``keys``)."""
        value = node.get(key)
        if value is None:
            if key in node and required:
                self.report((*path, key), say("choice_empty", key=key, values=one_of(vocabulary)))
            return SKIP if required else None
        if isinstance(value, str) and value.strip() in vocabulary:
            return value.strip()
        hint = did_you_mean(value, vocabulary) if isinstance(value, str) else ""
        self.report((*path, key), say(
            "choice_unknown", key=key, hint=hint, values=one_of(vocabulary)))
        return SKIP

    def identifier(self, value: Any, path: PathKey, what: str) -> str | _Skip:
        """An id or a reference to one: a non-empty text, kept as written."""
        if not isinstance(value, str) or not value.strip():
            self.report(path, say(
                "identifier", key=_key_name(path), what=what,
                shape=_describe(value) if value != "" else SHAPES["empty"],
            ))
            return SKIP
        return value.strip()

    def own_id(self, item: Mapping[str, Any], path: PathKey) -> str | _Skip:
        """The ``id`` of a fait or a décision (its absence is reported by ``keys``)."""
        if "id" not in item:
            return SKIP
        return self.identifier(item["id"], (*path, "id"), "un identifiant")

    def date(
        self, node: Mapping[str, Any], path: PathKey, key: str, event: bool = True
    ) -> Dated | None | _Skip:
        """A date (partial allowed); ``event`` dates are checked against birth and reference."""
        if node.get(key) is None:
            if key in node:
                self.report((*path, key), say("date_empty", key=key, formats=DATE_FORMATS))
                return SKIP
            return None
        parsed = parse_date(node[key])
        if isinstance(parsed, str):
            self.report((*path, key), say("date_bad", key=key, reason=parsed))
            return SKIP
        if event:
            self.dated.append(((*path, key), parsed[0]))
        return parsed

    # --- document -------------------------------------------------------------------------------
    def case(self, source: Path, today: datetime.date) -> CaseFile | None:
        data: dict[str, Any] = self.located.data
        for dotted, line in self.located.duplicate_keys:
            name = dotted.rsplit(".", 1)[-1]
            subject = f"« {name} »" if name in CONTRACT_KEYS else "une clé"
            self.problems.append(Problem(self.shown, line, say("duplicate_key", subject=subject)))
        self.keys(data, (), TOP_KEYS, ("dossier", "annee_naissance"))
        dossier = self.dossier(data)
        birth = self.birth_year(data)
        reference = self.date(data, (), "date_reference", event=False)
        if reference is None:
            reference = (today, today.isoformat())
        offences = [self.offence(p, item) for p, item in self.items(data, (), "faits")]
        decisions = [self.decision(p, item) for p, item in self.items(data, (), "decisions")]
        measures = [self.measure(p, item) for p, item in self.items(data, (), "mesures")]
        events = [self.life_event(p, item) for p, item in self.items(data, (), "vie")]
        self.check_ids()
        if not isinstance(birth, _Skip) and not isinstance(reference, _Skip):
            self.check_bounds(birth, reference[0])
        self.check_decisions(data, birth)
        parts = (dossier, birth, reference, *offences, *decisions, *measures, *events)
        if self.problems or any(isinstance(part, _Skip) or part is None for part in parts):
            return None
        return CaseFile(
            dossier=dossier,
            annee_naissance=birth,
            date_reference=reference[0],
            faits=tuple(offences),
            decisions=tuple(decisions),
            mesures=tuple(measures),
            vie=tuple(events),
            source=source,
        )

    def dossier(self, data: Mapping[str, Any]) -> str | _Skip:
        if "dossier" not in data:
            return SKIP
        value = self.identifier(data["dossier"], ("dossier",), "un identifiant pseudonyme")
        if isinstance(value, _Skip):
            return value
        if not DOSSIER_PATTERN.fullmatch(value):
            self.report(("dossier",), say("dossier_pattern"))
            return SKIP
        # Reading: the contract's pattern is the rule; a dossier of digits only ("0123") is
        # valid text, as its "Exact definitions" say. Real file numbers are the guard's job.
        return value

    def birth_year(self, data: Mapping[str, Any]) -> int | _Skip:
        if "annee_naissance" not in data:
            return SKIP
        value = data["annee_naissance"]
        if isinstance(value, str) and re.fullmatch(r"\d{4}", value.strip()):
            return int(value)
        looks_like_a_date = isinstance(value, str) and re.search(r"\d[-/.]\d", value) is not None
        hint = say("birth_year_full_date") if looks_like_a_date else ""
        self.report(("annee_naissance",), say("birth_year", hint=hint))
        return SKIP

    def offence(self, path: PathKey, item: Mapping[str, Any]) -> Offence | _Skip:
        self.keys(item, path, OFFENCE_KEYS, ("id", "date", "categorie", "gravite"), " dans « faits »")
        ident = self.own_id(item, path)
        date = self.date(item, path, "date")
        end = self.date(item, path, "fin")
        self.check_order(path, date, end, "date", "fin")
        categorie = self.choice(item, path, "categorie", CATEGORIES)
        gravite = self.choice(item, path, "gravite", GRAVITES)
        libelle = self.text(item, path, "libelle")
        personne = self.text(item, path, "libelle_personne")
        natinf = self.natinf(item, path)
        values = (ident, date, end, categorie, gravite, libelle, personne, natinf)
        if any(isinstance(v, _Skip) for v in values) or date is None:
            return SKIP
        return Offence(
            ident, date[0], date[1], categorie, gravite, libelle, natinf,
            fin=end[0] if end else None, fin_text=end[1] if end else None,
            libelle_personne=personne,
        )

    def natinf(self, item: Mapping[str, Any], path: PathKey) -> int | None | _Skip:
        value = item.get("natinf")
        if value is None:
            return None
        if isinstance(value, str) and value.strip().isdigit() and int(value) > 0:
            return int(value)
        self.report((*path, "natinf"), say("natinf"))
        return SKIP

    def decision(self, path: PathKey, item: Mapping[str, Any]) -> Decision | _Skip:
        self.keys(item, path, DECISION_KEYS, ("id", "date", "faits", "juridiction"),
                  " dans « decisions »")
        ident = self.own_id(item, path)
        date = self.date(item, path, "date")
        juridiction = self.choice(item, path, "juridiction", JURIDICTIONS)
        nature = self.choice(item, path, "nature", NATURES, required=False) or "condamnation"
        faits = self.judged(item, path)
        penalties = [self.penalty(p, i) for p, i in self.items(item, path, "peines")]
        if nature == "condamnation" and item.get("peines") in (None, []):
            self.report(path if "peines" not in item else (*path, "peines"), say("penalties_missing"))
        if nature == "relaxe" and item.get("peines"):
            self.report((*path, "peines"), say("penalties_of_relaxe"))
        values = (ident, date, juridiction, nature, faits, *penalties)
        if any(isinstance(v, _Skip) for v in values) or date is None:
            return SKIP
        return Decision(ident, date[0], date[1], faits, juridiction, tuple(penalties), nature)

    def judged(self, item: Mapping[str, Any], path: PathKey) -> tuple[str, ...] | _Skip:
        """The ``faits`` of a decision: a list of offence ids (one bare id is accepted)."""
        if "faits" not in item:
            return SKIP
        value = item["faits"]
        refs = value if isinstance(value, list) else [value]
        if not refs or value is None:
            self.report((*path, "faits"), say("judged_empty"))
            return SKIP
        base = (*path, "faits")
        ids = [
            self.identifier(
                ref, (*base, i) if isinstance(value, list) else base, "un identifiant de fait"
            )
            for i, ref in enumerate(refs)
        ]
        if any(isinstance(i, _Skip) for i in ids):
            return SKIP
        return tuple(ids)

    def penalty(self, path: PathKey, item: Mapping[str, Any]) -> Penalty | _Skip:
        self.keys(item, path, PENALTY_KEYS, ("type",), " dans « peines »")
        kind = self.choice(item, path, "type", PEINES)
        quantum = self.text(item, path, "quantum")
        trial = self.text(item, path, "duree_epreuve")
        if any(isinstance(v, _Skip) for v in (kind, quantum, trial)):
            return SKIP
        return Penalty(kind, quantum, trial)

    def measure(self, path: PathKey, item: Mapping[str, Any]) -> Measure | _Skip:
        self.keys(item, path, MEASURE_KEYS, ("type", "debut"), " dans « mesures »")
        kind = self.choice(item, path, "type", MESURES)
        start = self.date(item, path, "debut")
        end = self.date(item, path, "fin")
        planned = self.date(item, path, "fin_prevue", event=False)
        self.check_order(path, start, end, "debut", "fin")
        self.check_order(path, start, planned, "debut", "fin_prevue")
        decision = (
            self.identifier(item["decision"], (*path, "decision"), "un identifiant de décision")
            if item.get("decision") is not None else None
        )
        issue = self.choice(item, path, "issue", ISSUES, required=False)
        self.check_issue(path, issue, end)
        obligations = [self.obligation(p, i) for p, i in self.items(item, path, "obligations")]
        values = (kind, start, end, planned, decision, issue, *obligations)
        if any(isinstance(v, _Skip) for v in values) or start is None:
            return SKIP
        return Measure(
            kind, start[0], start[1], end[0] if end else None, end[1] if end else None,
            decision, issue,
            fin_prevue=planned[0] if planned else None,
            fin_prevue_text=planned[1] if planned else None,
            obligations=tuple(obligations),
        )

    def check_issue(self, path: PathKey, issue: Any, end: Any) -> None:
        """A measure cannot be both running and ended."""
        if issue == "en_cours" and end is not None:
            self.report((*path, "issue"), say("running_with_end"))
        elif issue in ("fin_normale", "revocation") and end is None:
            self.report((*path, "issue"), say("ended_without_end", issue=issue))

    def obligation(self, path: PathKey, item: Mapping[str, Any]) -> Obligation | _Skip:
        # Reading: `respect` is not marked optional in the contract, so it is required.
        self.keys(item, path, OBLIGATION_KEYS, ("type", "respect"), " dans « obligations »")
        kind = self.choice(item, path, "type", OBLIGATIONS)
        libelle = self.text(item, path, "libelle")
        respect = self.choice(item, path, "respect", RESPECTS)
        if any(isinstance(v, _Skip) for v in (kind, libelle, respect)):
            return SKIP
        return Obligation(kind, libelle, respect)

    def life_event(self, path: PathKey, item: Mapping[str, Any]) -> LifeEvent | _Skip:
        self.keys(item, path, LIFE_KEYS, ("domaine",), " dans « vie »")
        domaine = self.choice(item, path, "domaine", DOMAINES)
        point = self.date(item, path, "date")
        start = self.date(item, path, "debut")
        end = self.date(item, path, "fin")
        libelle = self.text(item, path, "libelle")
        personne = self.text(item, path, "libelle_personne")
        sens = self.choice(item, path, "sens", SENS, required=False)
        ok = True
        if "date" in item and "debut" in item:
            self.report((*path, "debut"), say("date_and_start"))
            ok = False
        elif "date" not in item and "debut" not in item:
            self.report(path, say("no_date_nor_start"))
            ok = False
        elif "date" in item and "fin" in item:
            self.report((*path, "fin"), say("end_of_point"))
            ok = False
        else:
            self.check_order(path, start, end, "debut", "fin")
        values = (domaine, point, start, end, libelle, personne, sens)
        if not ok or any(isinstance(v, _Skip) for v in values):
            return SKIP
        first = point or start
        return LifeEvent(
            index=int(path[-1]),
            domaine=domaine,
            debut=first[0],
            debut_text=first[1],
            fin=end[0] if end else None,
            fin_text=end[1] if end else None,
            is_point=point is not None,
            libelle=libelle,
            sens=sens or "neutre",
            libelle_personne=personne,
        )

    # --- cross-checks ---------------------------------------------------------------------------
    def check_order(self, path: PathKey, start: Any, end: Any, start_key: str, end_key: str) -> None:
        if isinstance(start, tuple) and isinstance(end, tuple) and end[0] < start[0]:
            self.report((*path, end_key), say("end_before_start", end=end_key, start=start_key))

    def check_ids(self) -> None:
        """Unique ids across ``faits`` and ``decisions``; every reference resolves."""
        data = self.located.data
        declared: dict[str, PathKey] = {}
        offence_ids: set[str] = set()
        decision_ids: set[str] = set()
        for section, ids in (("faits", offence_ids), ("decisions", decision_ids)):
            for path, item in _section_items(data, section):
                ident = item.get("id")
                if not isinstance(ident, str) or not ident.strip():
                    continue
                ident = ident.strip()
                if ident in declared:
                    first = self.line((*declared[ident], "id"))
                    self.report((*path, "id"), say("duplicate_id", line=first))
                else:
                    declared[ident] = path
                ids.add(ident)
        for path, item in _section_items(data, "decisions"):
            value = item.get("faits")
            refs = value if isinstance(value, list) else [value]
            for index, ref in enumerate(refs):
                ref_path = (*path, "faits", index) if isinstance(value, list) else (*path, "faits")
                if isinstance(ref, str) and ref.strip() and ref.strip() not in offence_ids:
                    self.report(ref_path, say("unknown_offence"))
        for path, item in _section_items(data, "mesures"):
            ref = item.get("decision")
            if isinstance(ref, str) and ref.strip() and ref.strip() not in decision_ids:
                self.report((*path, "decision"), say("unknown_decision"))

    def check_bounds(self, birth: int, reference: datetime.date) -> None:
        """No event before the year of birth or after ``date_reference``."""
        for path, date in self.dated:
            key = _key_name(path)
            if date.year < birth:
                self.report(path, say("before_birth", key=key))
            elif date > reference:
                hint = say("after_reference_end") if key == "fin" else ""
                self.report(path, say("after_reference", key=key, hint=hint))
        if reference.year < birth:
            self.report(("date_reference",), say("reference_before_birth"))

    def check_decisions(self, data: Mapping[str, Any], birth: int | _Skip) -> None:
        """A decision judges offences already started, and a juvenile court offences of minors."""
        starts: dict[str, tuple[datetime.date, PathKey]] = {}
        for path, item in _section_items(data, "faits"):
            parsed = parse_date(item.get("date"))
            if isinstance(item.get("id"), str) and not isinstance(parsed, str):
                starts.setdefault(item["id"].strip(), (parsed[0], path))
        for path, item in _section_items(data, "decisions"):
            parsed = parse_date(item.get("date"))
            value = item.get("faits")
            refs = [r.strip() for r in (value if isinstance(value, list) else [value])
                    if isinstance(r, str) and r.strip() in starts]
            if not isinstance(parsed, str) and any(parsed[0] < starts[r][0] for r in refs):
                self.report((*path, "date"), say("decision_before_offence"))
            # A list or a mapping typed as « juridiction » is reported by ``choice``; it is
            # not a court (and cannot be looked up in a set).
            court = item.get("juridiction")
            if isinstance(court, str) and court in JUVENILE_COURTS and isinstance(birth, int):
                adult = [r for r in refs if starts[r][0].year - birth - 1 > 17]
                for ref in adult:
                    line = self.line((*starts[ref][1], "date"))
                    self.report((*path, "juridiction"), say("juvenile_court_adult", line=line))


def _section_items(data: Mapping[str, Any], key: str) -> list[tuple[PathKey, dict]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [((key, i), item) for i, item in enumerate(value) if isinstance(item, dict)]
