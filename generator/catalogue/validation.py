"""Front-matter values checked against the field declarations and converted to model values.

A ``SheetReader`` walks one sheet's front-matter, collects every problem with its line
(it never stops at the first one), and returns the converted values of the valid keys.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..located_yaml import LocatedData, PathKey
from ..problems import Problem
from ..suggest import did_you_mean, one_of
from .fields import (
    AUTHOR_KEYS,
    FEEDBACK_KEYS,
    FEEDBACK_MAX_LENGTH,
    SUPPORT_KEYS,
    Field,
)
from .model import Author, Duration, Feedback, Support

INVALID = object()  # marks a value that produced a problem and must not reach the model
DURATION_RANGE = re.compile(r"^\s*(\d{1,3})\s*-\s*(\d{1,3})\s*$")
MAX_MINUTES = 600


class SheetReader:
    """Reads one sheet's front-matter; ``problems`` lists everything wrong with it."""

    def __init__(self, source: Path, shown_path: str, located: LocatedData) -> None:
        self.source = source
        self.shown_path = shown_path
        self.located = located
        self.problems: list[Problem] = []

    def report(self, where: PathKey, message: str) -> None:
        self.problems.append(Problem(self.shown_path, self.located.line(*where), message))

    def read(self, fields: Sequence[Field]) -> dict[str, Any]:
        """Converted values of the present, valid keys; problems for everything else."""
        data = self.located.data
        for key, line in self.located.duplicate_keys:
            self.problems.append(Problem(self.shown_path, line,
                                         f"la clé « {key} » apparaît deux fois : gardez-en une seule."))
        by_key = {field.key: field for field in fields}
        self._reject_unknown_keys(data, by_key, ())
        values: dict[str, Any] = {}
        for field in fields:
            # An empty value or list means "not filled": optional keys then take their default.
            value = data.get(field.key)
            if value is None or (value == [] and not field.required):
                if field.required:
                    self.report((), f"clé obligatoire « {field.key} » absente. {field.description}")
                continue
            converted = PARSERS[field.kind](self, field, value, (field.key,))
            if converted is not INVALID:
                values[field.key] = converted
        return values

    def _reject_unknown_keys(self, data: dict[str, Any], allowed: Sequence[str], where: PathKey) -> None:
        for key in data:
            if key not in allowed:
                self.report((*where, key), f"clé « {key} » inconnue.{did_you_mean(key, allowed)} "
                            f"Clés possibles : {one_of(allowed)}.")

    # --- one method per kind of value -------------------------------------------------------

    def text(self, field: Field, value: Any, where: PathKey, max_length: int | None = None) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.report(where, f"« {_name(where)} » doit être un texte, pas {_kind_of(value)}.")
            return INVALID
        text = str(value).strip()
        limit = max_length or field.max_length
        if len(text) < field.min_length:
            self.report(where, f"« {_name(where)} » est trop court ({len(text)} caractère(s) ; "
                        f"au moins {field.min_length} attendu(s)).")
            return INVALID
        if limit and len(text) > limit:
            self.report(where, f"« {_name(where)} » est trop long ({len(text)} caractères ; "
                        f"{limit} au plus). Raccourcissez-le.")
            return INVALID
        return text

    def choice(self, field: Field, value: Any, where: PathKey) -> Any:
        assert field.vocabulary is not None
        text = _as_choice_text(value)
        if text in field.vocabulary:
            return text
        hint = did_you_mean(text, field.vocabulary) or _session_band_hint(field, value)
        self.report(where, f"« {_name(where)} » : valeur « {value} » non reconnue.{hint} "
                    f"Valeurs possibles : {one_of(field.vocabulary)}.")
        return INVALID

    def choices(self, field: Field, value: Any, where: PathKey) -> Any:
        items = self._as_list(value, where)
        if items is INVALID:
            return INVALID
        if len(items) < field.min_items:
            self.report(where, f"« {field.key} » doit contenir au moins {field.min_items} valeur(s) "
                        f"parmi {one_of(field.vocabulary or {})}.")
            return INVALID
        chosen = [self.choice(field, item, (*where, index)) for index, item in enumerate(items)]
        if INVALID in chosen:
            return INVALID
        # Vocabulary order, repeats dropped: every page lists "Individuel et Collectif" the same way.
        return tuple(value for value in field.vocabulary or {} if value in chosen)

    def texts(self, field: Field, value: Any, where: PathKey) -> Any:
        items = self._as_list(value, where)
        if items is INVALID:
            return INVALID
        texts = [self.text(field, item, (*where, index)) for index, item in enumerate(items)]
        return INVALID if INVALID in texts else tuple(texts)

    def refs(self, field: Field, value: Any, where: PathKey) -> Any:
        # Existence is checked later, across files (see ``links.check_references``).
        return self.texts(field, value, where)

    def integer(self, field: Field, value: Any, where: PathKey) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.report(where, f"« {field.key} » : « {value} » n'est pas un nombre entier positif. "
                        "Écrivez un nombre sans unité, par exemple 12.")
            return INVALID
        return value

    def duration(self, field: Field, value: Any, where: PathKey) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_MINUTES:
            return Duration(value, value)
        match = DURATION_RANGE.match(value) if isinstance(value, str) else None
        if match and 0 < int(match[1]) < int(match[2]) <= MAX_MINUTES:
            return Duration(int(match[1]), int(match[2]))
        self.report(where, f"« duree » : « {value} » n'est pas une durée valide. Attendu : un nombre "
                    f"de minutes (45) ou une fourchette croissante entre guillemets (\"30-45\"), "
                    f"{MAX_MINUTES} min au plus, sans unité.")
        return INVALID

    def date(self, field: Field, value: Any, where: PathKey) -> Any:
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.report(where, f"« {_name(where)} » : « {value} » n'est pas une date valide. "
                    "Attendu : AAAA-MM-JJ, par exemple 2025-03-14.")
        return INVALID

    def supports(self, field: Field, value: Any, where: PathKey) -> Any:
        entries = self._mappings(value, where, SUPPORT_KEYS)
        if entries is INVALID:
            return INVALID
        result = []
        for index, entry in entries:
            at = (*where, index)
            fichier = self._required_text(field, entry, at, "fichier")
            titre = self._required_text(field, entry, at, "titre")
            if fichier is INVALID or titre is INVALID:
                result.append(INVALID)
                continue
            result.append(self._support_file(fichier, titre, (*at, "fichier")))
        return INVALID if INVALID in result else tuple(result)

    def author(self, field: Field, value: Any, where: PathKey) -> Any:
        if not isinstance(value, dict):
            self.report(where, "« auteur » doit contenir « nom » et, si possible, « role », "
                        "chacun sur sa ligne, indentés sous « auteur: ».")
            return INVALID
        self._reject_unknown_keys(value, AUTHOR_KEYS, where)
        nom = self._required_text(field, value, where, "nom")
        role = self.text(field, value["role"], (*where, "role")) if value.get("role") else None
        if INVALID in (nom, role):
            return INVALID
        return Author(nom=nom, role=role)

    def feedbacks(self, field: Field, value: Any, where: PathKey) -> Any:
        entries = self._mappings(value, where, FEEDBACK_KEYS)
        if entries is INVALID:
            return INVALID
        result = []
        for index, entry in entries:
            at = (*where, index)
            day = self.date(field, entry["date"], (*at, "date")) if "date" in entry else INVALID
            if "date" not in entry:
                self.report(at, "retour d'expérience sans « date » (AAAA-MM-JJ).")
            contexte = self._required_text(field, entry, at, "contexte")
            texte = self._required_text(field, entry, at, "texte", FEEDBACK_MAX_LENGTH)
            parts = (day, contexte, texte)
            result.append(INVALID if INVALID in parts else Feedback(*parts))
        if INVALID in result:
            return INVALID
        return tuple(sorted(result, key=lambda feedback: feedback.date, reverse=True))

    # --- shared pieces -----------------------------------------------------------------------

    def _as_list(self, value: Any, where: PathKey) -> Any:
        if isinstance(value, list):
            return value
        if isinstance(value, str | int) and not isinstance(value, bool):
            self.report(where, f"« {where[0]} » doit être une liste : écrivez [{value}] "
                        f"ou une ligne « - {value} » par valeur.")
        else:
            self.report(where, f"« {where[0]} » doit être une liste, pas {_kind_of(value)}.")
        return INVALID

    def _mappings(self, value: Any, where: PathKey, keys: Sequence[str]) -> Any:
        items = self._as_list(value, where)
        if items is INVALID:
            return INVALID
        entries = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                self.report((*where, index), f"chaque élément de « {where[0]} » doit avoir les clés "
                            f"{one_of(keys)}.")
                return INVALID
            self._reject_unknown_keys(item, keys, (*where, index))
            entries.append((index, item))
        return entries

    def _required_text(self, field: Field, entry: dict[str, Any], where: PathKey, key: str,
                       max_length: int | None = None) -> Any:
        if entry.get(key) in (None, ""):
            self.report(where, f"« {where[0]} » : clé « {key} » manquante.")
            return INVALID
        return self.text(field, entry[key], (*where, key), max_length)

    def _support_file(self, fichier: str, titre: str, where: PathKey) -> Any:
        # Supports stay inside the sheets' folder so that the same relative path works on the site.
        try:
            target = (self.source.parent / fichier).resolve()
            inside = target.is_relative_to(self.source.parent.resolve())
            present = inside and target.is_file()
        except (OSError, ValueError):  # a name longer than the disk allows, or with a NUL character
            self.report(where, f"support « {fichier} » : nom de fichier impossible (trop long ou avec un "
                        "caractère interdit). Renommez le fichier et corrigez le chemin.")
            return INVALID
        if not inside:
            self.report(where, f"support « {fichier} » : le chemin sort du dossier des fiches. "
                        "Placez le fichier dans le dossier « supports/ » à côté des fiches.")
            return INVALID
        if not present:
            self.report(where, f"support « {fichier} » introuvable (cherché dans "
                        f"{_relative_hint(self.source.parent, fichier)}). Ajoutez le fichier ou "
                        "corrigez le chemin, relatif à la fiche.")
            return INVALID
        return Support(fichier=fichier, titre=titre, source=target)


ParserMethod = Callable[[SheetReader, Field, Any, PathKey], Any]
PARSERS: dict[str, ParserMethod] = {
    "text": SheetReader.text,
    "choice": SheetReader.choice,
    "choices": SheetReader.choices,
    "texts": SheetReader.texts,
    "refs": SheetReader.refs,
    "integer": SheetReader.integer,
    "duration": SheetReader.duration,
    "date": SheetReader.date,
    "supports": SheetReader.supports,
    "author": SheetReader.author,
    "feedbacks": SheetReader.feedbacks,
}


def _name(where: PathKey) -> str:
    return ".".join(str(part) for part in where if not isinstance(part, int)) or "valeur"


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "un ensemble de clés"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, bool):
        return "un booléen (oui/non)"
    return f"« {value} »"


def _as_choice_text(value: Any) -> str:
    # YAML reads `nb_seances: 1` as the integer 1; the vocabulary slug is the text "1".
    return str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""


def _session_band_hint(field: Field, value: Any) -> str:
    """``nb_seances: 3`` is a common slip: suggest the band that contains 3."""
    if field.key != "nb_seances" or not isinstance(value, int) or isinstance(value, bool):
        return ""
    band = "1" if value <= 1 else "2-5" if value <= 5 else "6-10" if value <= 10 else "10+"
    return f" Pour {value} séances, écrivez « {band} »."


def _relative_hint(folder: Path, fichier: str) -> str:
    return (Path(folder.name) / fichier).as_posix()
