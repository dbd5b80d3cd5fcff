"""Reading one ROMIN sheet (``content/fiches/*.md``) into our keys: the load and convert stages
of ``python build.py importer-romin`` (see ``romin.py`` for the whole import).

Every value goes through ``romin_mapping``; whatever cannot be kept is noted with the line of
the ROMIN file, and no e-mail address ever reaches a note or a value.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from generator.catalogue import romin_mapping as mapping
from generator.catalogue import vocabulary as vocab
from generator.catalogue.fields import TOOL_FIELDS
from generator.catalogue.loader import split_front_matter
from generator.catalogue.markdown_body import headings
from generator.input_limits import MAX_SHEET_BYTES, oversized
from generator.located_yaml import LocatedData, YamlSyntaxError, load_located
from generator.problems import display_path
from generator.text import fold, slugify

SUPPORTS_DIR = "supports"
TOOL_KEYS = tuple(field.key for field in TOOL_FIELDS)
REQUIRED_KEYS = tuple(field.key for field in TOOL_FIELDS if field.required)
RESUME_MAX = 400  # the contract's limit; a longer ROMIN summary goes to the body

# Addresses, including the usual disguises (« nom [at] justice [point] fr », « nom @ justice.fr »).
AT = r"(?:\s?@\s?|\s?[\[(](?:at|arobase)[\])]\s?)"
DOT = r"(?:\.|\s?[\[(](?:dot|point)[\])]\s?)"
EMAIL = re.compile(rf"[\w.+-]+{AT}[\w-]+(?:{DOT}[\w-]+)+", re.I)
MAILTO_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?mailto:[^)]*\)", re.I)
MAILTO_ANCHOR = re.compile(r"<a\s[^>]*href\s*=\s*[\"']?mailto:[^>]*>(.*?)</a\s*>", re.I | re.S)
ANGLE_EMAIL = re.compile(r"<(?:mailto:)?[^<>\s@]+@[^<>\s]+>", re.I)
BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
MINUTES = re.compile(r"^\s*(\d{1,3})\s*(?:min(?:utes?)?\.?)?\s*$", re.I)
MINUTES_RANGE = re.compile(r"^\s*(\d{1,3})\s*(?:-|–|à|a)\s*(\d{1,3})\s*(?:min(?:utes?)?\.?)?\s*$", re.I)
HOURS = re.compile(r"^\s*(\d{1,2})\s*h\s*(\d{0,2})\s*$", re.I)
FRENCH_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")

# Words that support file names often carry without their accents; the sheet's own text and our
# vocabulary labels add theirs (see ``AccentRestorer``).
COMMON_WORDS = ("émotions", "émotion", "séance", "séances", "évaluation", "problèmes", "problème",
                "stratégies", "réseau", "étapes", "étape", "schéma", "répertoire", "activités",
                "pensées", "réflexion", "décision", "décisionnelle", "santé", "sécurité", "modèle",
                "préparation", "présentation", "médiation", "réussite", "échelle", "vidéo",
                "guide", "fiche", "grille", "questionnaire", "support", "annexe", "exercice")


# --- the converted sheet ------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """One line of the report, located in the ROMIN file (never carrying an e-mail address)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass(frozen=True)
class SupportCopy:
    source: Path  # the upload in the ROMIN checkout
    name: str  # file name under content/tools/supports/
    titre: str


@dataclass
class Converted:
    """One ROMIN sheet read into our keys, with everything the report must say about it."""

    source: Path
    shown: str
    values: dict[str, Any] = field(default_factory=dict)  # our key → value, our types
    lines: dict[str, int] = field(default_factory=dict)  # our key → line in the ROMIN file
    body: str = ""
    body_line: int = 1
    supports: list[SupportCopy] = field(default_factory=list)
    mapped: list[Note] = field(default_factory=list)
    left_out: list[Note] = field(default_factory=list)
    romin_draft: bool = False
    slug: str = ""

    @property
    def missing(self) -> list[str]:
        return [key for key in REQUIRED_KEYS if key not in self.values]

    @property
    def draft(self) -> bool:
        return bool(self.missing or self.left_out or self.romin_draft)

    def map(self, line: int, message: str) -> None:
        self.mapped.append(Note(self.shown, line, message))

    def leave_out(self, line: int, message: str) -> None:
        self.left_out.append(Note(self.shown, line, message))


def safe(value: object) -> str:
    """A ROMIN value as the report may print it: never an e-mail address, never a whole page."""
    text = " ".join(str(value).split())
    if "@" in text or EMAIL.search(text):
        return "(valeur contenant une adresse e-mail, non reproduite)"
    return text if len(text) <= 80 else text[:79] + "…"


def scrub_emails(text: str) -> tuple[str, int]:
    """``text`` without e-mail addresses (mailto links keep their words), and how many went."""
    count = sum(len(pattern.findall(text)) for pattern in (MAILTO_LINK, MAILTO_ANCHOR, ANGLE_EMAIL))
    text = MAILTO_ANCHOR.sub(r"\1", MAILTO_LINK.sub(r"\1", text))
    text = ANGLE_EMAIL.sub("", text)
    count += len(EMAIL.findall(text))
    # Only the gap left inside the line is closed: indentation (nested lists) stays.
    return re.sub(r"(?<=\S)[ \t]{2,}", " ", EMAIL.sub("", text)) if count else text, count


# --- reading one ROMIN value per kind -------------------------------------------------------------


class SheetConverter:
    """Reads one ROMIN front-matter key by key into ``Converted``."""

    def __init__(self, converted: Converted, located: LocatedData, depot: Path) -> None:
        self.out = converted
        self.located = located
        self.depot = depot

    def convert(self) -> None:
        for key, value in self.located.data.items():
            self._key(str(key), value, self.located.line(key))

    def _key(self, key: str, value: Any, line: int) -> None:
        name = mapping.key_name(key)
        if name in mapping.DRAFT_KEYS:
            self.out.romin_draft = self.out.romin_draft or value is True
            self.out.map(line, f"clé « {safe(key)} » : reprise comme « statut: brouillon »"
                         if value is True else f"clé « {safe(key)} » : rien à reprendre")
            return
        ours = mapping.KEY_RENAMES.get(name, name)
        if ours not in READERS:
            hint = difflib.get_close_matches(name, TOOL_KEYS, n=1, cutoff=0.75)
            self.out.leave_out(line, f"clé « {safe(key)} » non reprise : elle n'a pas d'équivalent dans "
                               "Repère" + (f" (vouliez-vous dire « {hint[0]} » ?)" if hint else "") + ".")
            return
        if ours in self.out.values or ours in self.out.lines:
            self.out.leave_out(line, f"clé « {safe(key)} » non reprise : « {ours} » est déjà donnée "
                               f"ligne {self.out.lines[ours]}.")
            return
        self.out.lines[ours] = line
        if ours != key:
            self.out.map(line, f"clé « {safe(key)} » renommée « {ours} »")
        if value is None or value == "" or value == []:
            return
        converted = READERS[ours](self, ours, value, (key,))
        if converted is not None:
            self.out.values[ours] = converted

    def line(self, where: tuple[str | int, ...]) -> int:
        return self.located.line(*where)

    # Each reader returns our value, or None (and a note) when nothing can be kept.

    def text(self, key: str, value: Any, where: tuple[str | int, ...]) -> Any:
        if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
            value = "\n".join(str(item) for item in value)
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.out.leave_out(self.line(where), f"« {key} » non reprise : un texte est attendu.")
            return None
        text = self._scrubbed(str(value).strip(), self.line(where), key)
        if key == "resume" and len(text) > RESUME_MAX:
            self.out.body = f"## Présentation\n\n{text}\n\n{self.out.body}"
            self.out.leave_out(self.line(where), f"« resume » trop long ({len(text)} caractères ; "
                               f"{RESUME_MAX} au plus) : texte placé en tête du mode d'emploi, "
                               "écrivez un résumé plus court.")
            return None
        return text or None

    def texts(self, key: str, value: Any, where: tuple[str | int, ...]) -> Any:
        # Keywords are usually typed « a, b, c »; other texts may hold commas inside an item.
        items = value if isinstance(value, list) else _split_text(value, commas=key == "mots_cles")
        if not isinstance(value, list):
            self.out.map(self.line(where), f"« {key} » : texte découpé en liste ({len(items)} élément(s))")
        kept = []
        for index, item in enumerate(items):
            at = (*where, index) if isinstance(value, list) else where
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self.out.leave_out(self.line(at), f"« {key} » : un élément qui n'est pas un texte est "
                                   "laissé de côté.")
                continue
            text = self._scrubbed(str(item).strip(), self.line(at), key)
            if text:
                kept.append(text)
        return kept or None

    def choices(self, key: str, value: Any, where: tuple[str | int, ...]) -> Any:
        table = mapping.LABELS_BY_KEY[key]
        items = value if isinstance(value, list) else [value]
        if not isinstance(value, list) and key not in mapping.SINGLE_CHOICE_KEYS:
            self.out.map(self.line(where), f"« {key} » : valeur seule mise en liste")
        slugs: list[str] = []
        for index, item in enumerate(items):
            at = (*where, index) if isinstance(value, list) else where
            slugs += self._label(table, item, self.line(at)) or []
        # Vocabulary order, repeats dropped: as the build stores them.
        ordered = [slug for slug in table.vocabulary if slug in slugs]
        if key in mapping.SINGLE_CHOICE_KEYS:
            if len(ordered) > 1:
                self.out.leave_out(self.line(where), f"« {key} » : une seule valeur possible ; "
                                   f"« {ordered[0]} » gardée, les autres laissées de côté.")
            return ordered[0] if ordered else None
        return ordered or None

    def _label(self, table: mapping.LabelTable, item: Any, line: int) -> list[str] | None:
        if table.key == "nb_seances" and isinstance(item, int) and not isinstance(item, bool) and item > 0:
            band = mapping.session_band(item)
            if band != str(item):
                self.out.map(line, f"« nb_seances » : {item} → « {band} »")
            return [band]
        lookup = mapping.lookup_table(table)
        slugs = lookup.get(mapping.label_key(item)) if isinstance(item, str | int) else None
        if slugs is None and isinstance(item, str):  # « Individuelle, Collective » in one string
            parts = [part for part in re.split(r"[;,\n]", item) if part.strip()]
            found = [lookup.get(mapping.label_key(part)) for part in parts]
            slugs = sum(found, ()) if len(parts) > 1 and None not in found else None  # type: ignore[arg-type]
        if slugs is None:
            self.out.leave_out(line, f"« {table.key} » : valeur « {safe(item)} » non reconnue, laissée "
                               f"de côté.{_did_you_mean(item, table)} Valeurs possibles : "
                               f"{', '.join(table.vocabulary)}.")
            return None
        if str(item) not in slugs:
            self.out.map(line, f"« {table.key} » : « {safe(item)} » → {', '.join(slugs)}")
        return list(slugs)

    def date(self, key: str, value: Any, where: tuple[str | int, ...]) -> Any:
        line = self.line(where)
        day = _as_date(value)
        if day is None:
            self.out.leave_out(line, f"« {key} » : « {safe(value)} » n'est pas une date lisible, laissée "
                               "de côté (attendu : AAAA-MM-JJ).")
        elif not (isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)):
            self.out.map(line, f"« {key} » : « {safe(value)} » → {day.isoformat()}")
        return day

    def duration(self, key: str, value: Any, where: tuple[str | int, ...]) -> Any:
        minutes = _as_minutes(value)
        if minutes is None:
            self.out.leave_out(self.line(where), f"« duree » : « {safe(value)} » n'est pas une durée "
                               "lisible, laissée de côté (attendu : minutes, par exemple 45 ou \"30-45\").")
        elif minutes != value:
            self.out.map(self.line(where), f"« duree » : « {safe(value)} » → {minutes}")
        return minutes

    def author(self, key: str, value: Any, where: tuple[str | int, ...]) -> Any:
        people = value if isinstance(value, list) else [value]
        names, roles = [], []
        for index, person in enumerate(people):
            at = (*where, index) if isinstance(value, list) else where
            name, role = self._person(person, at)
            names += [name] if name else []
            roles += [role] if role and role not in roles else []
        if not names:
            self.out.leave_out(self.line(where), "« auteur » : aucun nom à reprendre ; ajoutez « nom » "
                               "(personne ou groupe de travail) si vous le souhaitez.")
            return None
        author = {"nom": ", ".join(names)}
        if roles:
            author["role"] = " ; ".join(roles)
        return author

    def _person(self, person: Any, where: tuple[str | int, ...]) -> tuple[str, str]:
        if isinstance(person, str):
            return self._scrubbed(person.strip(), self.line(where), "auteur"), ""
        if not isinstance(person, dict):
            self.out.leave_out(self.line(where), "« auteur » : valeur illisible, laissée de côté.")
            return "", ""
        parts: dict[str, str] = {}
        for sub_key, sub_value in person.items():
            name, line = mapping.key_name(sub_key), self.line((*where, sub_key))
            if name in mapping.AUTHOR_EMAIL:
                self.out.leave_out(line, "« auteur » : adresse e-mail non importée (Repère n'en garde "
                                   "aucune).")
                continue
            slot = ("prenom" if name in mapping.AUTHOR_FIRST_NAME else "nom" if name in mapping.AUTHOR_LAST_NAME
                    else "role" if name in mapping.AUTHOR_ROLE else None)
            if slot is None or not isinstance(sub_value, str | int) or isinstance(sub_value, bool):
                self.out.leave_out(line, f"« auteur » : clé « {safe(sub_key)} » non reprise (Repère garde "
                                   "« nom » et « role »).")
                continue
            text = self._scrubbed(str(sub_value).strip(), line, "auteur")
            parts[slot] = ", ".join(part for part in (parts.get(slot), text) if part)  # fonction + service
        name = " ".join(part for part in (parts.get("prenom"), parts.get("nom")) if part)
        if parts.get("prenom"):
            self.out.map(self.line(where), "« auteur » : « prenom » et « nom » réunis dans « nom »")
        return name, parts.get("role", "")

    def supports(self, key: str, value: Any, where: tuple[str | int, ...]) -> Any:
        items = value if isinstance(value, list) else [value]
        kept = []
        for index, item in enumerate(items):
            at = (*where, index) if isinstance(value, list) else where
            copy = self._support(item, self.line(at))
            if copy is not None:
                self.out.supports.append(copy)
                kept.append(copy)
        return kept or None

    def _support(self, item: Any, line: int) -> SupportCopy | None:
        path, title = _support_entry(item)
        if not path:
            self.out.leave_out(line, "« supports » : élément sans chemin de fichier, laissé de côté.")
            return None
        if re.match(r"^[a-z][a-z0-9+.-]*:", path, re.I):
            self.out.leave_out(line, f"« supports » : lien « {safe(path)} » non copié (ce n'est pas un "
                               "fichier du dépôt) : citez-le dans le mode d'emploi si besoin.")
            return None
        extension = Path(path).suffix.lower().lstrip(".")
        extension = mapping.SUPPORT_TYPE_RENAMES.get(extension, extension)
        if extension not in mapping.ALLOWED_SUPPORT_TYPES:
            kind = safe(extension) or "sans extension"
            self.out.leave_out(line, f"« supports » : « {safe(path)} » refusé : type « {kind} » "
                               f"non autorisé (types acceptés : {', '.join(mapping.ALLOWED_SUPPORT_TYPES)}).")
            return None
        source = _upload(self.depot, path)
        if source is None:
            self.out.leave_out(line, f"« supports » : fichier « {safe(path)} » introuvable dans le dépôt "
                               "ROMIN (cherché sous public/) : ajoutez-le à content/tools/supports/ "
                               "et à « supports » à la main.")
            return None
        stem = Path(unquote(path)).stem
        name = f"{slugify(stem) or 'support'}.{extension}"
        titre = self._scrubbed(title, line, "supports") if title else ""
        if not titre:
            titre = self.restore_title(stem)
            self.out.map(line, f"« supports » : « {safe(Path(path).name)} » → {SUPPORTS_DIR}/{name}, "
                         f"titre « {safe(titre)} »")
        return SupportCopy(source, name, titre)

    def restore_title(self, stem: str) -> str:
        return title_from_file_name(stem, self.restorer())

    def restorer(self) -> AccentRestorer:
        texts = [self.out.body, *(str(v) for v in self.located.data.values() if isinstance(v, str))]
        return AccentRestorer(texts)

    def _scrubbed(self, text: str, line: int, key: str) -> str:
        clean, removed = scrub_emails(text)
        if removed:
            self.out.leave_out(line, f"« {key} » : adresse e-mail retirée (Repère n'en importe aucune) ; "
                               "relisez le texte à cet endroit.")
        return clean.strip()


READERS = {
    "titre": SheetConverter.text,
    "resume": SheetConverter.text,
    "precautions": SheetConverter.text,
    "prerequis": SheetConverter.text,
    "facteurs_risques": SheetConverter.choices,
    "modalite": SheetConverter.choices,
    "stades_changement": SheetConverter.choices,
    "milieu": SheetConverter.choices,
    "nb_seances": SheetConverter.choices,
    "niveau_preuve": SheetConverter.choices,
    "duree": SheetConverter.duration,
    "objectifs": SheetConverter.texts,
    "facteurs_protecteurs": SheetConverter.texts,
    "mots_cles": SheetConverter.texts,
    "cree_le": SheetConverter.date,
    "mis_a_jour": SheetConverter.date,
    "auteur": SheetConverter.author,
    "supports": SheetConverter.supports,
}


def _did_you_mean(item: Any, table: mapping.LabelTable) -> str:
    spellings = {mapping.label_key(label): label for label in reversed(table.accepted())}
    match = difflib.get_close_matches(mapping.label_key(item), list(spellings), n=1, cutoff=0.6)
    if not match:
        return ""
    label = spellings[match[0]]
    slugs = ", ".join(table.accepted()[label])
    return f" Vouliez-vous dire « {label} » ({slugs}) ? Corrigez la fiche écrite si c'est le cas."


def _split_text(value: Any, commas: bool = False) -> list[Any]:
    """``facteurs_protecteurs`` written as one text: one item per line, bullet or semicolon."""
    if not isinstance(value, str):
        return [value]
    items = []
    for line in value.replace("\r", "\n").split("\n"):
        pieces = re.split(r"[;,]" if commas else ";", line)
        items += [part for part in (BULLET.sub("", piece).strip() for piece in pieces) if part]
    return items


def _as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if match := FRENCH_DATE.match(text):
        text = f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    for parse in (datetime.date.fromisoformat, lambda t: datetime.datetime.fromisoformat(t).date()):
        try:
            return parse(text)
        except ValueError:
            continue
    return None


def _as_minutes(value: Any) -> int | str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= 600 else None
    if not isinstance(value, str):
        return None
    if match := MINUTES.match(value):
        minutes = int(match[1])
        return minutes if 0 < minutes <= 600 else None
    if match := MINUTES_RANGE.match(value):
        low, high = int(match[1]), int(match[2])
        return f"{low}-{high}" if 0 < low < high <= 600 else None
    if match := HOURS.match(value):
        minutes = 60 * int(match[1]) + int(match[2] or 0)
        return minutes if 0 < minutes <= 600 else None
    return None


def _support_entry(item: Any) -> tuple[str, str]:
    """(path, title) of one ROMIN support: a bare path, or a mapping with a file and a title."""
    if isinstance(item, str):
        return item.strip(), ""
    if isinstance(item, dict):
        keys = {mapping.key_name(key): value for key, value in item.items()}
        path = next((keys[k] for k in ("fichier", "file", "chemin", "path", "url", "lien", "media", "support",
                                       "document") if isinstance(keys.get(k), str)), "")
        # Any other key whose value looks like an upload path (ROMIN's list field names vary).
        path = path or next((value for value in keys.values() if isinstance(value, str)
                             and (value.startswith("/") or "/uploads/" in value)), "")
        title = next((keys[k] for k in ("titre", "title", "nom", "name", "label")
                      if isinstance(keys.get(k), str)), "")
        return path.strip(), title.strip()
    return "", ""


def _upload(depot: Path, path: str) -> Path | None:
    """The file ROMIN's ``/media/uploads/x.pdf`` names, inside the checkout, or None."""
    relative = unquote(path).replace("\\", "/").lstrip("/")
    root = depot.resolve()
    candidates = [root / base / relative for base in mapping.UPLOAD_ROOTS]
    candidates += [root / folder / Path(relative).name for folder in mapping.UPLOAD_FOLDERS]
    for candidate in candidates:
        candidate = candidate.resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    return None


class AccentRestorer:
    """Gives an accent-free word of a file name back its accents, from the words of texts."""

    def __init__(self, texts: list[str]) -> None:
        words = Counter(re.findall(r"[^\W\d_]+", " ".join([*texts, *COMMON_WORDS, *_labels()])))
        self.forms: dict[str, str] = {}
        for word, _count in words.most_common():
            if word.lower() == word:
                self.forms.setdefault(fold(word), word)

    def __call__(self, word: str) -> str:
        lower = word.lower()
        if lower != fold(lower) or lower not in self.forms:  # already accented, or unknown
            return word
        restored = self.forms[lower]
        return restored[:1].upper() + restored[1:] if word[:1].isupper() else restored


def _labels() -> list[str]:
    return [label for table in (vocab.RISK_FACTORS, vocab.STAGES) for label in table.values()]


def title_from_file_name(stem: str, restore: AccentRestorer) -> str:
    """``grille-des-emotions_v2`` → « Grille des émotions v2 »."""
    words = [restore(word) for word in re.split(r"[\s_\-.]+", unquote(stem)) if word]
    title = " ".join(words)
    return title[:1].upper() + title[1:] if title else "Support"


# --- one ROMIN file --------------------------------------------------------------------------------


def read_romin_sheet(path: Path, depot: Path) -> Converted | Note:
    """The converted sheet, or the one note saying why this file cannot be imported at all."""
    shown = display_path(path)
    too_big = oversized([path], MAX_SHEET_BYTES, "fiche")
    if too_big:  # the same limit as our own sheets: the parsers are not linear on every input
        return Note(shown, 0, f"fichier non importé : {too_big[0].message}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return Note(shown, 0, "fichier non importé : il n'est pas encodé en UTF-8.")
    except OSError as error:
        return Note(shown, 0, f"fichier non importé : lecture impossible ({error.strerror}).")
    source = split_front_matter(text)
    if source is None:
        return Note(shown, 1, "fichier non importé : pas d'en-tête « --- » en première ligne.")
    try:
        located = load_located(source.front_matter, line_offset=source.front_matter_line - 1)
    except YamlSyntaxError as error:
        return Note(shown, error.line, f"fichier non importé : {error.message}")
    if not isinstance(located.data, dict):
        return Note(shown, source.front_matter_line, "fichier non importé : l'en-tête n'est pas une suite "
                    "de lignes « clé: valeur ».")
    converted = Converted(path, shown, body=source.body, body_line=source.body_line)
    converted.body = _convert_body(converted, source.body)
    SheetConverter(converted, located, depot).convert()
    return converted


def _convert_body(out: Converted, body: str) -> str:
    lines = body.split("\n")
    for index, line in enumerate(lines):
        clean, removed = scrub_emails(line)
        if removed:
            lines[index] = clean
            out.leave_out(out.body_line + index, "mode d'emploi : adresse e-mail retirée (Repère n'en "
                          "importe aucune) ; relisez la phrase.")
        if "/media/uploads/" in line:
            out.leave_out(out.body_line + index, "mode d'emploi : lien vers un fichier de ROMIN "
                          "(/media/uploads/…) non copié ; ajoutez le fichier aux supports et corrigez le lien.")
    body = "\n".join(lines)
    if any(level == 1 for _index, level in headings(body)):
        levels = dict(headings(body))
        lines = body.split("\n")
        for index, level in levels.items():
            lines[index] = "#" + lines[index] if level < 6 else lines[index]
        out.map(out.body_line + min(i for i, level in levels.items() if level == 1),
                "mode d'emploi : intertitres décalés d'un niveau (« # » → « ## ») ; le titre de la page "
                "vient de « titre »")
        body = "\n".join(lines)
    return body
