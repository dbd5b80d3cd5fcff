"""One class per kind of front-matter value (Lektor's ``types/`` shape).

A kind knows how to read and check a raw YAML value (``read``, reporting located French
problems through the ``SheetReader``), how to describe itself in JSON Schema (``schema``),
what the new-sheet scaffold writes for it (``placeholder``), the model's default when the key
is absent (``default``), and, when the catalogue can filter on it, its ``facet``.

The declarations of ``fields.py`` are instances of these classes; nothing else in the code
tests what kind a field is.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from generator.catalogue import feedback_check
from generator.catalogue.support_files import SupportRefused, resolve_support
from generator.catalogue.values import Author, Duration, Feedback, Source, Support
from generator.located_yaml import PathKey
from generator.suggest import did_you_mean, one_of
from generator.text import fold

INVALID: Any = object()  # marks a value that produced a problem and must not reach the model
# The scaffold's starter values all begin with this mark; a value that still does is refused.
STARTER_MARK = "À compléter"
STARTER_PATTERN = rf"^(?!\s*{STARTER_MARK})"  # JSON Schema (ECMA-262) regex: not starter text
DURATION_RANGE = re.compile(r"^\s*(\d{1,3})\s*-\s*(\d{1,3})\s*$")
MAX_MINUTES = 600
FEEDBACK_MAX_LENGTH = 1000
# Draft-07 JSON Schema pattern of an ISO date; it catches month 13 even where "format" is ignored.
ISO_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"}


class SheetReader(Protocol):
    """What a kind needs from the reader of one sheet (``validation.SheetReader``)."""

    source: Path  # the sheet's file: supports are found next to it

    def report(self, where: PathKey, message: str) -> None: ...

    def reject_unknown_keys(self, data: dict[str, Any], allowed: Sequence[str], where: PathKey) -> None: ...


@dataclass(frozen=True)
class Field:
    """A front-matter key: its name, French description, and whether it must be there."""

    key: str
    description: str  # French, for contributors (scaffold comments, schema, CONTRIBUTING.md)
    required: bool = False
    default: Any = None  # model value when the key is absent or empty
    facet: Any = None  # a ``facets.Facet`` when the catalogue filters on this key
    python_type: str = "Any"  # annotation of the derived model attribute

    vocabulary: dict[str, str] | None = None  # slug → label, for choice kinds
    refers_to: str | None = None  # content type name, for cross-file references
    is_list = False

    def read(self, reader: SheetReader, value: Any, where: PathKey) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def placeholder(self, today: datetime.date) -> str:
        """YAML text the scaffold writes: a starter value for required keys, empty otherwise."""
        if self.required:
            return json.dumps(f"{STARTER_MARK} : {self.description[0].lower()}{self.description[1:]}",
                              ensure_ascii=False)
        return "[]" if self.is_list else ""

    def expected(self) -> str:
        """What to write, in French: used when a starter value is still there."""
        values = f" Valeurs possibles : {one_of(self.vocabulary)}." if self.vocabulary else ""
        return self.description + values

    def is_starter(self, value: Any) -> bool:
        items = value if isinstance(value, list) else [value]
        return any(isinstance(item, str) and item.strip().startswith(STARTER_MARK) for item in items)


# --- scalars ---------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Text(Field):
    min_length: int = 1
    max_length: int | None = None
    python_type: str = "str | None"

    def read(self, reader: SheetReader, value: Any, where: PathKey) -> Any:
        return read_text(reader, value, where, self.min_length, self.max_length)

    def schema(self) -> dict[str, Any]:
        # The pattern refuses the scaffold's starter text, so editors underline it too.
        schema: dict[str, Any] = {"type": "string", "minLength": self.min_length,
                                  "pattern": STARTER_PATTERN}
        if self.max_length:
            schema["maxLength"] = self.max_length
        return schema


@dataclass(frozen=True, kw_only=True)
class Choice(Field):
    """One slug of a vocabulary, matched ignoring case and accents (« Fermé » is ``ferme``)."""

    vocabulary: dict[str, str]
    python_type: str = "str | None"

    def read(self, reader: SheetReader, value: Any, where: PathKey) -> Any:
        text = _as_choice_text(value)
        by_folded = {fold(slug): slug for slug in self.vocabulary}
        if fold(text) in by_folded:
            return by_folded[fold(text)]
        hint = did_you_mean(fold(text), self.vocabulary) or self.band_hint(value)
        reader.report(where, f"« {name_of(where)} » : valeur « {value} » non reconnue.{hint} "
                      f"Valeurs possibles : {one_of(self.vocabulary)}.")
        return INVALID

    def band_hint(self, value: Any) -> str:
        return ""

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.vocabulary)}

    def placeholder(self, today: datetime.date) -> str:
        return json.dumps(STARTER_MARK, ensure_ascii=False) if self.required else ""


@dataclass(frozen=True, kw_only=True)
class SessionBand(Choice):
    """``nb_seances`` of a tool: a band of session counts; ``3`` gets the band that holds it."""

    def band_hint(self, value: Any) -> str:
        if not isinstance(value, int) or isinstance(value, bool):
            return ""
        band = "1" if value <= 1 else "2-5" if value <= 5 else "6-10" if value <= 10 else "10+"
        return f" Pour {value} séances, écrivez « {band} »."

    def schema(self) -> dict[str, Any]:
        # YAML reads `nb_seances: 1` as a number; the build accepts it as "1".
        return {"enum": [*self.vocabulary, 1]}


@dataclass(frozen=True, kw_only=True)
class Status(Choice):
    """``statut``: a ``brouillon`` sheet is checked and previewed, never published."""

    default: Any = "publie"
    python_type: str = "str"


@dataclass(frozen=True, kw_only=True)
class Integer(Field):
    python_type: str = "int | None"

    def read(self, reader: SheetReader, value: Any, where: PathKey) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            reader.report(where, f"« {self.key} » : « {value} » n'est pas un nombre entier positif. "
                          "Écrivez un nombre sans unité, par exemple 12.")
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": 1}


@dataclass(frozen=True, kw_only=True)
class Minutes(Field):
    """Minutes of one session: a number (45) or an increasing range ("30-45")."""

    python_type: str = "Duration | None"

    def read(self, reader: SheetReader, value: Any, where: PathKey) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_MINUTES:
            return Duration(value, value)
        match = DURATION_RANGE.match(value) if isinstance(value, str) else None
        if match and 0 < int(match[1]) < int(match[2]) <= MAX_MINUTES:
            return Duration(int(match[1]), int(match[2]))
        reader.report(where, f"« {self.key} » : « {value} » n'est pas une durée valide. Attendu : un "
                      f"nombre de minutes (45) ou une fourchette croissante entre guillemets (\"30-45\"), "
                      f"{MAX_MINUTES} min au plus, sans unité.")
        return INVALID

    def schema(self) -> dict[str, Any]:
        return {"oneOf": [{"type": "integer", "minimum": 1, "maximum": MAX_MINUTES},
                          {"type": "string", "pattern": r"^\s*\d{1,3}\s*-\s*\d{1,3}\s*$"}]}


@dataclass(frozen=True, kw_only=True)
class Date(Field):
    python_type: str = "datetime.date | None"

    def read(self, reader: SheetReader, value: Any, where: PathKey) -> Any:
        return read_date(reader, value, where)

    def schema(self) -> dict[str, Any]:
        return dict(ISO_DATE)

    def placeholder(self, today: datetime.date) -> str:
        return today.isoformat()  # creation and review dates of a new sheet are today


# --- lists -----------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Choices(Field):
    """Several slugs of a vocabulary; kept in vocabulary order, repeats dropped."""

    vocabulary: dict[str, str]
    min_items: int = 0
    default: Any = ()
    python_type: str = "tuple[str, ...]"
    is_list = True

    def read(self, reader: SheetReader, value: Any, where: PathKey) -> Any:
        items = as_list(reader, value, where)
        if items is INVALID:
            return INVALID
        if len(items) < self.min_items:
            reader.report(where, f"« {self.key} » doit contenir au moins {self.min_items} valeur(s) "
                          f"parmi {one_of(self.vocabulary)}.")
            return INVALID
        one = Choice(self.key, self.description, vocabulary=self.vocabulary)
        chosen = [one.read(reader, item, (*where, index)) for index, item in enumerate(items)]
        if INVALID in chosen:
            return INVALID
        # Vocabulary order: every page lists "Individuel et Collectif" the same way.
        return tuple(slug for slug in self.vocabulary if slug in chosen)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "minItems": self.min_items, "uniqueItems": True,
                "items": {"enum": list(self.vocabulary)}}

    def placeholder(self, today: datetime.date) -> str:
        return f"[{STARTER_MARK}]" if self.required else "[]"


@dataclass(frozen=True, kw_only=True)
class Texts(Field):
    default: Any = ()
    python_type: str = "tuple[str, ...]"
    is_list = True

    def read(self, reader: SheetReader, value: Any, where: PathKey) -> Any:
        items = as_list(reader, value, where)
        if items is INVALID:
            return INVALID
        texts = [read_text(reader, item, (*where, index)) for index, item in enumerate(items)]
        return INVALID if INVALID in texts else tuple(texts)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string", "minLength": 1}}


@dataclass(frozen=True, kw_only=True)
class Refs(Texts):
    """Slugs of other sheets (``refers_to`` names their content type); existence is checked
    across files by the loader, once every file is known."""

    refers_to: str


@dataclass(frozen=True, kw_only=True)
class Supports(Field):
    default: Any = ()
    python_type: str = "tuple[Support, ...]"
    is_list = True
    KEYS = ("fichier", "titre")

    def read(self, reader: SheetReader, value: Any, where: PathKey) -> Any:
        entries = mappings(reader, value, where, self.KEYS)
        if entries is INVALID:
            return INVALID
        result = []
        for index, entry in entries:
            at = (*where, index)
            fichier = required_text(reader, entry, at, "fichier")
            titre = required_text(reader, entry, at, "titre")
            if fichier is INVALID or titre is INVALID:
                result.append(INVALID)
                continue
            result.append(_support_file(reader, fichier, titre, (*at, "fichier")))
        return INVALID if INVALID in result else tuple(result)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": _object({"fichier": {"type": "string", "minLength": 1},
                                                   "titre": {"type": "string", "minLength": 1}},
                                                  list(self.KEYS))}


@dataclass(frozen=True, kw_only=True)
class Feedbacks(Field):
    default: Any = ()
    python_type: str = "tuple[Feedback, ...]"
    is_list = True
    KEYS = ("date", "contexte", "texte")

    def read(self, reader: SheetReader, value: Any, where: PathKey) -> Any:
        entries = mappings(reader, value, where, self.KEYS)
        if entries is INVALID:
            return INVALID
        result = []
        for index, entry in entries:
            at = (*where, index)
            day = read_date(reader, entry["date"], (*at, "date")) if "date" in entry else INVALID
            if "date" not in entry:
                reader.report(at, "retour d'expérience sans « date » (AAAA-MM-JJ).")
            contexte = required_text(reader, entry, at, "contexte")
            texte = required_text(reader, entry, at, "texte", FEEDBACK_MAX_LENGTH)
            contexte, texte = (_identifies_nobody(reader, value, (*at, key))
                               for value, key in ((contexte, "contexte"), (texte, "texte")))
            parts = (day, contexte, texte)
            result.append(INVALID if INVALID in parts else Feedback(*parts))
        if INVALID in result:
            return INVALID
        return tuple(sorted(result, key=lambda feedback: feedback.date, reverse=True))

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": _object(
            {"date": dict(ISO_DATE), "contexte": {"type": "string", "minLength": 1},
             "texte": {"type": "string", "minLength": 1, "maxLength": FEEDBACK_MAX_LENGTH}},
            list(self.KEYS))}


def _identifies_nobody(reader: SheetReader, value: Any, where: PathKey) -> Any:
    """A feedback field with an e-mail, a phone or a civility + name is refused, not cleaned
    (``feedback_check.py``, shared with the « J'ai utilisé cet outil » form)."""
    if value is INVALID:
        return INVALID
    messages = feedback_check.problems(value)
    for message in messages:
        reader.report(where, f"« {name_of(where)} » : {message[0].lower()}{message[1:]}")
    return INVALID if messages else value


@dataclass(frozen=True, kw_only=True)
class References(Field):
    """Sources of a method: ``{titre, url}``, the address in http(s) only (never ``javascript:``)."""

    default: Any = ()
    python_type: str = "tuple[Source, ...]"
    is_list = True
    KEYS = ("titre", "url")
    URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)

    def read(self, reader: SheetReader, value: Any, where: PathKey) -> Any:
        entries = mappings(reader, value, where, self.KEYS)
        if entries is INVALID:
            return INVALID
        result = []
        for index, entry in entries:
            at = (*where, index)
            titre = required_text(reader, entry, at, "titre")
            url = required_text(reader, entry, at, "url")
            if url is not INVALID and not self.URL.match(url):
                reader.report((*at, "url"), f"« {self.key}.url » : « {url} » n'est pas une adresse web. "
                              "Écrivez une adresse complète qui commence par « https:// » (ou « http:// »).")
                url = INVALID
            result.append(INVALID if INVALID in (titre, url) else Source(titre, url))
        return INVALID if INVALID in result else tuple(result)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": _object(
            {"titre": {"type": "string", "minLength": 1},
             "url": {"type": "string", "pattern": r"^[hH][tT][tT][pP][sS]?://\S+$"}},
            list(self.KEYS))}


# --- a small mapping -------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class AuthorKind(Field):
    python_type: str = "Author | None"
    KEYS = ("nom", "role")

    def read(self, reader: SheetReader, value: Any, where: PathKey) -> Any:
        if not isinstance(value, dict):
            reader.report(where, f"« {self.key} » doit contenir « nom » et, si possible, « role », "
                          f"chacun sur sa ligne, indentés sous « {self.key}: ».")
            return INVALID
        reader.reject_unknown_keys(value, self.KEYS, where)
        nom = required_text(reader, value, where, "nom")
        role = read_text(reader, value["role"], (*where, "role")) if value.get("role") else None
        if INVALID in (nom, role):
            return INVALID
        return Author(nom=nom, role=role)

    def schema(self) -> dict[str, Any]:
        return _object({"nom": {"type": "string", "minLength": 1}, "role": {"type": "string"}}, ["nom"])


# --- shared readers ----------------------------------------------------------------------------

def read_text(reader: SheetReader, value: Any, where: PathKey, min_length: int = 1,
              max_length: int | None = None) -> Any:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        reader.report(where, f"« {name_of(where)} » doit être un texte, pas {kind_of(value)}.")
        return INVALID
    text = str(value).strip()
    if len(text) < min_length:
        reader.report(where, f"« {name_of(where)} » est trop court ({len(text)} caractère(s) ; "
                      f"au moins {min_length} attendu(s)).")
        return INVALID
    if max_length and len(text) > max_length:
        reader.report(where, f"« {name_of(where)} » est trop long ({len(text)} caractères ; "
                      f"{max_length} au plus). Raccourcissez-le.")
        return INVALID
    return text


def read_date(reader: SheetReader, value: Any, where: PathKey) -> Any:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    reader.report(where, f"« {name_of(where)} » : « {value} » n'est pas une date valide. "
                  "Attendu : AAAA-MM-JJ, par exemple 2025-03-14.")
    return INVALID


def as_list(reader: SheetReader, value: Any, where: PathKey) -> Any:
    if isinstance(value, list):
        return value
    if isinstance(value, str | int) and not isinstance(value, bool):
        reader.report(where, f"« {where[0]} » doit être une liste : écrivez [{value}] "
                      f"ou une ligne « - {value} » par valeur.")
    else:
        reader.report(where, f"« {where[0]} » doit être une liste, pas {kind_of(value)}.")
    return INVALID


def mappings(reader: SheetReader, value: Any, where: PathKey, keys: tuple[str, ...]) -> Any:
    items = as_list(reader, value, where)
    if items is INVALID:
        return INVALID
    entries = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            reader.report((*where, index), f"chaque élément de « {where[0]} » doit avoir les clés "
                          f"{one_of(keys)}.")
            return INVALID
        reader.reject_unknown_keys(item, keys, (*where, index))
        entries.append((index, item))
    return entries


def required_text(reader: SheetReader, entry: dict[str, Any], where: PathKey, key: str,
                  max_length: int | None = None) -> Any:
    if entry.get(key) in (None, ""):
        reader.report(where, f"« {where[0]} » : clé « {key} » manquante.")
        return INVALID
    return read_text(reader, entry[key], (*where, key), max_length=max_length)


def _support_file(reader: SheetReader, fichier: str, titre: str, where: PathKey) -> Any:
    # One resolution (symlinks followed) for the check, the link and the copy: support_files (H1b).
    try:
        place = resolve_support(reader.source, fichier)
    except SupportRefused as refused:
        reader.report(where, str(refused))
        return INVALID
    return Support(fichier=place.relative, titre=titre, source=place.source)


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": required, "properties": properties}


def name_of(where: PathKey) -> str:
    return ".".join(str(part) for part in where if not isinstance(part, int)) or "valeur"


def kind_of(value: Any) -> str:
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
