"""Load one case file: YAML → validated ``CaseFile``, or ``InvalidInput`` with every problem.

The anonymisation guard runs first on the raw document; then every rule of the case-file spec is
checked and *all* problems are collected, so the officer fixes the file in one pass. Messages say
``path:line: « key » : what was found, what is expected`` in French. A value is echoed only when
it is a short single token (a vocabulary slug, a date, an id): free text may hold personal data,
and a value the guard flagged is never checked further (so never echoed).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.located_yaml import LocatedData, PathKey, YamlSyntaxError, load_located
from generator.problems import InvalidInput, Problem, display_path
from generator.suggest import did_you_mean, one_of
from generator.timeline import guard
from generator.timeline.model import CaseFile, Decision, LifeEvent, Measure, Offence, Penalty
from generator.timeline.vocabulary import (
    CATEGORIES,
    DOMAINES,
    GRAVITES,
    ISSUES,
    JURIDICTIONS,
    MESURES,
    PEINES,
    SENS,
)

TOP_KEYS = ("dossier", "annee_naissance", "date_reference", "faits", "decisions", "mesures", "vie")
OFFENCE_KEYS = ("id", "date", "categorie", "gravite", "libelle", "natinf")
DECISION_KEYS = ("id", "date", "faits", "juridiction", "peines")
PENALTY_KEYS = ("type", "quantum", "duree_epreuve")
MEASURE_KEYS = ("type", "debut", "fin", "decision", "issue")
LIFE_KEYS = ("domaine", "date", "debut", "fin", "libelle", "sens")

DOSSIER_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")
DATE_FORMATS = "AAAA, AAAA-MM ou AAAA-MM-JJ (ex. 2012, 2012-03 ou 2012-03-15)"
_DATE_TEXT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# A value safe to quote back: one short token, no spaces (slugs, dates, ids).
_ECHOABLE = re.compile(r"[\w./-]{1,40}")
_MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


class _Skip:
    """A value the guard flagged: not checked further, and not reported as missing."""


SKIP = _Skip()
Dated = tuple[datetime.date, str]


def find_case_files(args: list[Path]) -> list[Path]:
    """Files as given, directories expanded to their ``*.yaml`` / ``*.yml`` files; sorted."""
    found: set[Path] = set()
    for arg in args:
        if arg.is_dir():
            found.update(p for p in arg.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        else:
            found.add(arg)  # a missing file is reported by ``load_case``, with its name
    return sorted(found)


def load_case(path: Path, today: datetime.date | None = None) -> CaseFile:
    """Read, guard and validate one case file; raise ``InvalidInput`` with every problem."""
    shown = display_path(path)
    text = _read_text(path, shown)
    located = _parse(text, shown)
    findings = guard.scan(located)
    problems = guard.to_problems(findings, located, path)
    flagged = {f.path for f in findings if not f.in_key}
    flagged_keys = {f.path for f in findings if f.in_key}
    checker = _Checker(shown, located, flagged, flagged_keys)
    case = checker.case(path, today or datetime.date.today())
    problems += checker.problems
    if problems or case is None:
        raise InvalidInput(problems or [Problem(shown, 0, "dossier invalide.")])
    return case


def _read_text(path: Path, shown: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput([Problem(shown, 0, "fichier introuvable.")]) from None
    except IsADirectoryError:
        raise InvalidInput([Problem(shown, 0, "c'est un dossier, pas un fichier YAML.")]) from None
    except OSError as error:
        reason = error.strerror or "erreur de lecture"
        raise InvalidInput([Problem(shown, 0, f"fichier illisible ({reason}).")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InvalidInput([Problem(
            shown, line,
            "le fichier n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 "
            "(« Enregistrer sous… », encodage UTF-8) puis relancez.",
        )]) from None


def _parse(text: str, shown: str) -> LocatedData:
    # Impossible dates (2012-02-30) come back as text from load_located, and get a located message.
    try:
        located = load_located(text)
    except YamlSyntaxError as error:
        raise InvalidInput([Problem(shown, error.line, error.message)]) from None
    if located.data is None:
        raise InvalidInput([Problem(
            shown, 1,
            "le fichier est vide : un dossier contient au moins « dossier » et "
            "« annee_naissance ».",
        )])
    if not isinstance(located.data, dict):
        raise InvalidInput([Problem(
            shown, 1,
            "le fichier doit être une liste de clés (« dossier: … », « annee_naissance: … », "
            "« faits: … »…), pas " + _describe(located.data) + ".",
        )])
    return located


def _describe(value: Any) -> str:
    """French name of a YAML value's type, for "expected X, found Y" messages."""
    if isinstance(value, bool):
        return "un booléen (oui/non)"
    if isinstance(value, dict):
        return "un ensemble de clés"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, int | float):
        return "un nombre"
    if isinstance(value, datetime.datetime):
        return "une date avec heure"
    if isinstance(value, datetime.date):
        return "une date"
    return "un texte"


def _quoted(value: Any) -> str | None:
    """``« value »`` when safe to quote back (one short token), else None."""
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    if not isinstance(value, dict | list) and _ECHOABLE.fullmatch(text):
        return f"« {text} »"
    return None


def _echo(value: Any) -> str:
    """The value quoted when safe, else a neutral subject for a sentence."""
    return _quoted(value) or "la valeur indiquée"


def _with(value: Any) -> str:
    """`` « value »`` to insert after a noun when safe, else nothing ("l'identifiant « f1 »")."""
    quoted = _quoted(value)
    return f" {quoted}" if quoted else ""


def _key_name(path: PathKey) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "document"


def parse_date(value: Any) -> Dated | str:
    """``(first day, text as written)`` or a French explanation of what is wrong."""
    if isinstance(value, bool):
        return f"une date au format {DATE_FORMATS} est attendue, pas un booléen"
    if isinstance(value, datetime.datetime):
        return f"une date sans heure est attendue, au format {DATE_FORMATS}"
    if isinstance(value, datetime.date):
        return value, value.isoformat()
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        return f"une date au format {DATE_FORMATS} est attendue, pas {_describe(value)}"
    match = _DATE_TEXT.fullmatch(text)
    if not match:
        return f"{_echo(text)} n'est pas une date au format {DATE_FORMATS}"
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    if year < 1000:
        return f"{_echo(text)} : année impossible"
    if not 1 <= month <= 12:
        return f"{_echo(text)} : le mois {month} n'existe pas (mois de 01 à 12)"
    try:
        return datetime.date(year, month, day), text
    except ValueError:
        return f"{_echo(text)} : le {day} {_MONTH_NAMES[month - 1]} {year} n'existe pas"


class _Checker:
    """Walks the document once, collecting problems and building model objects."""

    def __init__(
        self, shown: str, located: LocatedData, flagged: set[PathKey], flagged_keys: set[PathKey]
    ) -> None:
        self.shown = shown
        self.located = located
        self.flagged = flagged
        self.flagged_keys = flagged_keys
        self.problems: list[Problem] = []
        # Every date of an event, checked against the year of birth and date_reference at the end.
        self.dated: list[tuple[PathKey, datetime.date, str]] = []

    # --- reporting ------------------------------------------------------------------------------
    def report(self, path: PathKey, message: str) -> None:
        self.problems.append(Problem(self.shown, self.located.line(*path), message))

    # --- structure ------------------------------------------------------------------------------
    def keys(
        self,
        node: Mapping[Any, Any],
        path: PathKey,
        allowed: tuple[str, ...],
        required: Iterable[str],
        where: str = "",
    ) -> None:
        """Unknown keys (with a suggestion) and missing required keys of one mapping."""
        for key in node:
            name = str(key)
            if name in allowed:
                continue
            if (*path, name) in self.flagged_keys:
                continue  # the guard already refused it; do not quote it back
            if guard.is_birth_key(name):
                self.report((*path, name), (
                    f"« {name} » : clé inconnue. Seule l'année de naissance est acceptée, avec la "
                    "clé « annee_naissance » (ex. annee_naissance: 1994) : une date de naissance "
                    "complète ne doit pas figurer dans un dossier."
                ))
                continue
            shown = f"« {name} »" if _ECHOABLE.fullmatch(name) else "une clé"
            self.report((*path, name), (
                f"{shown} : clé inconnue{where}.{did_you_mean(name, allowed)}"
                f" Clés possibles : {one_of(allowed)}."
            ))
        for key in required:
            if key not in node:
                self.report(path, f"« {key} » manque{where} : cette clé est obligatoire.")

    def items(
        self, node: Mapping[str, Any], path: PathKey, key: str
    ) -> list[tuple[PathKey, dict]]:
        """The mapping items of a list (``faits``, ``peines``…); other shapes are reported."""
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report((*path, key), (
                f"« {key} » doit être une liste, chaque élément commençant par « - », "
                f"pas {_describe(value)}."
            ))
            return []
        out = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                out.append(((*path, key, index), item))
            else:
                self.report((*path, key, index), (
                    f"chaque élément de « {key} » doit être un ensemble de clés "
                    f"(« clé: valeur »), pas {_describe(item)}."
                ))
        return out

    # --- scalar values --------------------------------------------------------------------------
    def text(self, node: Mapping[str, Any], path: PathKey, key: str) -> str | None | _Skip:
        """Optional free text; numbers are accepted as text (``quantum: 500``)."""
        value = node.get(key)
        if (*path, key) in self.flagged:
            return SKIP
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.report((*path, key), f"« {key} » : un texte est attendu, pas {_describe(value)}.")
            return SKIP
        text = str(value).strip()
        return text or None

    def choice(
        self, node: Mapping[str, Any], path: PathKey, key: str, vocabulary: Mapping[str, str],
        required: bool = True,
    ) -> str | None | _Skip:
        """A value of a closed vocabulary (a missing required key is reported by ``keys``)."""
        value = node.get(key)
        if (*path, key) in self.flagged:
            return SKIP
        if value is None:
            if key in node and required:
                self.report((*path, key), (
                    f"« {key} » est vide. Valeurs possibles : {one_of(vocabulary)}."
                ))
            return SKIP if required else None
        if isinstance(value, str) and value.strip() in vocabulary:
            return value.strip()
        self.report((*path, key), (
            f"« {key} » : valeur{_with(value)} inconnue.{did_you_mean(value, vocabulary)}"
            f" Valeurs possibles : {one_of(vocabulary)}."
        ))
        return SKIP

    def identifier(self, value: Any, path: PathKey, what: str) -> str | _Skip:
        """An id or a reference to one: a short text (a YAML integer is read as text)."""
        if path in self.flagged:
            return SKIP
        if isinstance(value, bool) or not isinstance(value, str | int) or not str(value).strip():
            self.report(path, (
                f"« {_key_name(path)} » : {what} est attendu (un court texte comme « f1 »), "
                f"pas {_describe(value) if value is not None else 'une valeur vide'}."
            ))
            return SKIP
        return str(value).strip()

    def own_id(self, item: Mapping[str, Any], path: PathKey) -> str | _Skip:
        """The ``id`` of a fait or a décision (its absence is reported by ``keys``)."""
        if "id" not in item:
            return SKIP
        return self.identifier(item["id"], (*path, "id"), "un identifiant")

    def date(
        self, node: Mapping[str, Any], path: PathKey, key: str, event: bool = True
    ) -> Dated | None | _Skip:
        """A date (partial allowed); ``event`` dates are checked against birth and reference."""
        if key not in node:
            return None
        if (*path, key) in self.flagged:
            return SKIP
        parsed = parse_date(node[key])
        if isinstance(parsed, str):
            self.report((*path, key), f"« {key} » : {parsed}.")
            return SKIP
        if event:
            self.dated.append(((*path, key), *parsed))
        return parsed

    # --- document -------------------------------------------------------------------------------
    def case(self, source: Path, today: datetime.date) -> CaseFile | None:
        data: dict[str, Any] = self.located.data
        for dotted, line in self.located.duplicate_keys:
            name = dotted.rsplit(".", 1)[-1]
            self.problems.append(Problem(self.shown, line, (
                f"« {name} » apparaît deux fois au même niveau : une seule valeur serait lue, "
                "supprimez ou renommez l'autre."
            )))
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
            self.check_bounds(birth, reference)
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
        # The value is never quoted here: it may be a real file number typed by mistake.
        if not DOSSIER_PATTERN.fullmatch(value):
            self.report(("dossier",), (
                "« dossier » : identifiant invalide : 1 à 32 caractères parmi lettres sans accent, "
                "chiffres, « - » et « _ » (ex. EX-2026-001)."
            ))
            return SKIP
        if value.isdigit():
            self.report(("dossier",), (
                "« dossier » : un identifiant fait uniquement de chiffres peut être un vrai numéro "
                "(écrou, parquet, dossier) : utilisez un pseudonyme comme EX-2026-001."
            ))
            return SKIP
        return value

    def birth_year(self, data: Mapping[str, Any]) -> int | _Skip:
        if "annee_naissance" not in data or ("annee_naissance",) in self.flagged:
            return SKIP
        value = data["annee_naissance"]
        if isinstance(value, str) and re.fullmatch(r"\d{4}", value.strip()):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
            looks_like_a_date = isinstance(value, datetime.date) or (
                isinstance(value, str) and re.search(r"\d[-/.]\d", value) is not None
            )
            hint = (
                " Seule l'année est acceptée : une date de naissance complète ne doit pas figurer "
                "dans un dossier." if looks_like_a_date else ""
            )
            self.report(("annee_naissance",), (
                f"« annee_naissance » : une année sur 4 chiffres est attendue (ex. 1994).{hint}"
            ))
            return SKIP
        return value

    def offence(self, path: PathKey, item: Mapping[str, Any]) -> Offence | _Skip:
        required = ("id", "date", "categorie", "gravite")
        self.keys(item, path, OFFENCE_KEYS, required, " dans « faits »")
        ident = self.own_id(item, path)
        date = self.date(item, path, "date")
        categorie = self.choice(item, path, "categorie", CATEGORIES)
        gravite = self.choice(item, path, "gravite", GRAVITES)
        libelle = self.text(item, path, "libelle")
        natinf = self.natinf(item, path)
        values = (ident, date, categorie, gravite, libelle, natinf)
        if any(isinstance(v, _Skip) for v in values) or date is None:
            return SKIP
        return Offence(ident, date[0], date[1], categorie, gravite, libelle, natinf)

    def natinf(self, item: Mapping[str, Any], path: PathKey) -> int | None | _Skip:
        value = item.get("natinf")
        if value is None:
            return None
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.report((*path, "natinf"), (
                "« natinf » : un code NATINF est un nombre entier (ex. 7875)."
            ))
            return SKIP
        return value

    def decision(self, path: PathKey, item: Mapping[str, Any]) -> Decision | _Skip:
        self.keys(item, path, DECISION_KEYS, ("id", "date", "faits", "juridiction"),
                  " dans « decisions »")
        ident = self.own_id(item, path)
        date = self.date(item, path, "date")
        juridiction = self.choice(item, path, "juridiction", JURIDICTIONS)
        faits = self.judged(item, path)
        penalties = [self.penalty(p, i) for p, i in self.items(item, path, "peines")]
        values = (ident, date, juridiction, faits, *penalties)
        if any(isinstance(v, _Skip) for v in values) or date is None:
            return SKIP
        return Decision(ident, date[0], date[1], faits, juridiction, tuple(penalties))

    def judged(self, item: Mapping[str, Any], path: PathKey) -> tuple[str, ...] | _Skip:
        """The ``faits`` of a decision: a list of offence ids (one bare id is accepted)."""
        if "faits" not in item:
            return SKIP
        value = item["faits"]
        refs = value if isinstance(value, list) else [value]
        if not refs or value is None:
            self.report((*path, "faits"), (
                "« faits » : indiquez les identifiants des faits jugés par cette décision "
                "(ex. faits: [f1, f2])."
            ))
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
        self.check_order(path, start, end)
        decision = (
            self.identifier(item["decision"], (*path, "decision"), "un identifiant de décision")
            if item.get("decision") is not None else None
        )
        issue = self.choice(item, path, "issue", ISSUES, required=False)
        values = (kind, start, end, decision, issue)
        if any(isinstance(v, _Skip) for v in values) or start is None:
            return SKIP
        return Measure(
            kind, start[0], start[1], end[0] if end else None, end[1] if end else None,
            decision, issue,
        )

    def life_event(self, path: PathKey, item: Mapping[str, Any]) -> LifeEvent | _Skip:
        self.keys(item, path, LIFE_KEYS, ("domaine",), " dans « vie »")
        domaine = self.choice(item, path, "domaine", DOMAINES)
        point = self.date(item, path, "date")
        start = self.date(item, path, "debut")
        end = self.date(item, path, "fin")
        libelle = self.text(item, path, "libelle")
        sens = self.choice(item, path, "sens", SENS, required=False)
        ok = True
        if "date" in item and "debut" in item:
            self.report((*path, "debut"), (
                "« date » et « debut » ne vont pas ensemble : « date » pour un événement ponctuel, "
                "« debut » (et éventuellement « fin ») pour une période."
            ))
            ok = False
        elif "date" not in item and "debut" not in item:
            self.report(path, (
                "il manque « date » (événement ponctuel) ou « debut » (période) dans « vie »."
            ))
            ok = False
        elif "date" in item and "fin" in item:
            self.report((*path, "fin"), (
                "« fin » ne va qu'avec « debut » : pour une période, remplacez « date » par "
                "« debut » ; pour un événement ponctuel, retirez « fin »."
            ))
            ok = False
        else:
            self.check_order(path, start, end)
        values = (domaine, point, start, end, libelle, sens)
        if not ok or any(isinstance(v, _Skip) for v in values):
            return SKIP
        first = point or start
        index = path[-1]
        return LifeEvent(
            index=index,
            domaine=domaine,
            debut=first[0],
            debut_text=first[1],
            fin=end[0] if end else None,
            fin_text=end[1] if end else None,
            is_point=point is not None,
            libelle=libelle,
            sens=sens or "neutre",
        )

    # --- cross-checks ---------------------------------------------------------------------------
    def check_order(self, path: PathKey, start: Any, end: Any) -> None:
        if isinstance(start, tuple) and isinstance(end, tuple) and end[0] < start[0]:
            self.report((*path, "fin"), (
                f"« fin » ({end[1]}) précède « debut » ({start[1]}) : une période ne peut pas "
                "finir avant d'avoir commencé."
            ))

    def check_ids(self) -> None:
        """Unique ids across ``faits`` and ``decisions``; every reference resolves."""
        data = self.located.data
        declared: dict[str, PathKey] = {}
        offence_ids: list[str] = []
        decision_ids: list[str] = []
        for section, ids in (("faits", offence_ids), ("decisions", decision_ids)):
            for path, item in self._section_items(data, section):
                ident = item.get("id")
                if (*path, "id") in self.flagged or not isinstance(ident, str | int):
                    continue
                ident = str(ident).strip()
                if ident in declared:
                    first = self.located.line(*declared[ident], "id")
                    self.report((*path, "id"), (
                        f"« id » : l'identifiant{_with(ident)} est déjà utilisé (ligne {first}) : "
                        "chaque fait et chaque décision a son propre identifiant."
                    ))
                else:
                    declared[ident] = path
                ids.append(ident)
        for path, item in self._section_items(data, "decisions"):
            value = item.get("faits")
            refs = value if isinstance(value, list) else [value]
            for index, ref in enumerate(refs):
                ref_path = (*path, "faits", index) if isinstance(value, list) else (*path, "faits")
                self._resolve(ref, ref_path, offence_ids, "aucun fait", "faits")
        for path, item in self._section_items(data, "mesures"):
            if item.get("decision") is not None:
                self._resolve(item["decision"], (*path, "decision"), decision_ids,
                              "aucune décision", "decisions")

    def _section_items(self, data: Mapping[str, Any], key: str) -> list[tuple[PathKey, dict]]:
        value = data.get(key)
        if not isinstance(value, list):
            return []
        return [((key, i), item) for i, item in enumerate(value) if isinstance(item, dict)]

    def _resolve(self, ref: Any, path: PathKey, known: list[str], none: str, section: str) -> None:
        if path in self.flagged or isinstance(ref, bool) or not isinstance(ref, str | int):
            return
        ref = str(ref).strip()
        if not ref or ref in known:
            return
        listing = f" Identifiants déclarés dans « {section} » : {one_of(known)}." if known else (
            f" Aucun identifiant n'est déclaré dans « {section} »."
        )
        self.report(path, (
            f"« {_key_name(path)} » : {none} n'a l'identifiant{_with(ref)}."
            f"{did_you_mean(ref, known)}{listing}"
        ))

    def check_bounds(self, birth: int, reference: Dated) -> None:
        """No event before the year of birth or after ``date_reference``."""
        for path, date, text in self.dated:
            key = _key_name(path)
            if date.year < birth:
                self.report(path, (
                    f"« {key} » : la date {text} précède l'année de naissance ({birth})."
                ))
            elif date > reference[0]:
                hint = (
                    " Si la période est toujours en cours, retirez « fin »." if key == "fin" else ""
                )
                self.report(path, (
                    f"« {key} » : la date {text} est postérieure à la date de référence "
                    f"({reference[1]}).{hint}"
                ))
        if reference[0].year < birth:
            self.report(("date_reference",), (
                f"« date_reference » ({reference[1]}) précède l'année de naissance ({birth})."
            ))
