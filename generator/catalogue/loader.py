"""Content files → validated ``Catalogue``, with every problem of every file located.

Reading order: split front-matter from body → parse YAML with lines → check each key
(``validation``) → check what spans files (references, duplicate slugs). Problems are
collected across all files and raised together, so a contributor sees everything at once.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.catalogue import sheet_pool
from generator.catalogue.body_html import checked_body
from generator.catalogue.fields import CONTENT_TYPES, METHOD, PROGRAMME, TOOL, ContentType
from generator.catalogue.kinds import STARTER_MARK
from generator.catalogue.markdown_body import FENCE, headings
from generator.catalogue.model import Catalogue, model_of
from generator.catalogue.support_files import SupportPlace, case_collisions
from generator.catalogue.validation import SheetReader
from generator.file_memo import FileMemo
from generator.located_yaml import LocatedData, YamlSyntaxError, load_located
from generator.problems import InvalidInput, Problem, display_path
from generator.suggest import did_you_mean
from generator.text import fold

TOOLS_DIR = TOOL.folder
PROGRAMMES_DIR = PROGRAMME.folder
METHODS_DIR = METHOD.folder
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass
class SourceText:
    """A sheet file split into its front-matter (with its first line number) and its body."""

    front_matter: str
    front_matter_line: int
    body: str
    body_line: int


def load_catalogue(content_dir: Path, include_drafts: bool = False,
                   content_types: tuple[ContentType, ...] = CONTENT_TYPES, parallel: bool = False,
                   memo: FileMemo[SheetRead] | None = None) -> Catalogue:
    """Load and validate every sheet under ``content_dir``; raise ``InvalidInput`` with all problems.

    Drafts (``statut: brouillon``) are always checked; they are kept only with ``include_drafts``
    (the live preview), so the built site and the zip never carry them. ``parallel``: sheets are
    read on every core (``sheet_pool.py``), for a process that runs no thread yet (the build).
    ``memo`` (``sheet_memo()``): files unchanged since the last call are not read again (the preview).
    """
    problems: list[Problem] = []
    tool_type = next(kind for kind in content_types if kind.name == TOOL.name)
    if not (content_dir / tool_type.folder).is_dir():
        raise InvalidInput([Problem(display_path(content_dir), 0,
                                    f"dossier « {tool_type.folder}/ » introuvable dans le dossier de contenu.")])
    catalogue, references = Catalogue(), []
    # A reference is checked against the files present, valid or not: a sheet with a typo
    # elsewhere still exists, and its own problems are already reported.
    existing: dict[str, set[str]] = {}
    jobs: list[tuple[Path, ContentType]] = []
    for content_type in content_types:
        files = _sheet_files(content_dir / content_type.folder)
        existing[content_type.name] = {path.stem for path in files}
        jobs += [(path, content_type) for path in files]
    with _sheets_read(jobs, parallel, memo) as results:
        for (path, content_type), read in zip(jobs, results, strict=True):
            problems += read.problems
            references += read.references
            catalogue.incomplete_drafts.update(read.incomplete_draft)
            _add_unique(catalogue.sheets_of(content_type), read.sheet, path, problems)
    labels = {kind.name: kind.label for kind in content_types}
    problems.extend(reference.problem(existing, labels) for reference in references
                    if reference.slug not in existing[reference.refers_to])
    problems.extend(_support_collisions(catalogue))
    if problems:
        raise InvalidInput(problems)
    for content_type in content_types:
        sheets = catalogue.sheets_of(content_type)
        kept = {slug: sheet for slug, sheet in sheets.items() if include_drafts or not sheet.is_draft}
        sheets.clear()
        sheets.update(sorted(kept.items(), key=_title_order))
    return catalogue


def _support_collisions(catalogue: Catalogue) -> list[Problem]:
    """Supports whose names differ only by case: one would overwrite the other on Windows (H1b)."""
    places = [(display_path(tool.source), 0, SupportPlace(support.source, support.fichier))
              for tool in catalogue.tools.values() for support in tool.supports]
    return [Problem(*collision) for collision in case_collisions(places)]


def incomplete_draft_notes(catalogue: Catalogue) -> list[str]:
    """French lines naming the drafts left out of every page until their required keys are written."""
    return [f"{shown} : brouillon à compléter (non affiché) : {', '.join(f'« {key} »' for key in keys)} "
            "à écrire avant de publier." for shown, keys in catalogue.incomplete_drafts.items()]


@dataclass(frozen=True)
class Reference:
    """A slug in a sheet's ``programmes``, ``outils`` or ``methodes`` list, with where it was written."""

    shown_path: str
    line: int
    key: str  # the field: "programmes", "outils", "methodes"
    refers_to: str  # the content type's name: "programme", "outil", "methode"
    slug: str

    def problem(self, existing: dict[str, set[str]], labels: dict[str, str]) -> Problem:
        return Problem(self.shown_path, self.line,
                       f"« {self.key} » : {labels[self.refers_to]} « {self.slug} » introuvable."
                       f"{did_you_mean(self.slug, existing[self.refers_to])} "
                       "Indiquez le nom du fichier sans « .md ».")


def split_front_matter(text: str) -> SourceText | None:
    """Split ``---``-delimited front-matter from the body; None when the file has none."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            rest = "\n".join(lines[index + 1:])
            blank_lines = len(rest) - len(rest.lstrip("\n"))
            return SourceText(
                front_matter="\n".join(lines[1:index]),
                front_matter_line=2,
                body=rest.strip("\n") + "\n",
                body_line=index + 2 + blank_lines,
            )
    return None


def _sheet_files(folder: Path) -> list[Path]:
    # Supports live in sub-folders next to the sheets; only top-level Markdown files are sheets.
    # ".MD" counts too (Windows editors), which is how two files can claim the same slug.
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.is_file() and path.suffix.lower() == ".md")


@dataclass
class SheetRead:
    """What reading one file gave: its sheet (None when invalid or an incomplete draft), its
    problems, its references to other sheets, and the keys it lacks if it is an incomplete draft."""

    sheet: Any
    problems: list[Problem]
    references: list[Reference]
    incomplete_draft: dict[str, tuple[str, ...]]


def read_sheet(job: tuple[Path, ContentType]) -> SheetRead:
    """One sheet file, read and checked on its own (in a worker process when the build is parallel)."""
    return read_sheet_at(*job)


def read_sheet_at(path: Path, content_type: ContentType) -> SheetRead:
    problems: list[Problem] = []
    references: list[Reference] = []
    incomplete_draft: dict[str, tuple[str, ...]] = {}
    sheet = _load_sheet(path, content_type, problems, references, incomplete_draft)
    return SheetRead(sheet, problems, references, incomplete_draft)


def _sheets_read(jobs: list[tuple[Path, ContentType]], parallel: bool,
                 memo: FileMemo[SheetRead] | None) -> Any:
    if memo is not None:
        return contextlib.nullcontext([memo(path, content_type) for path, content_type in jobs])
    return sheet_pool.mapped(read_sheet, jobs) if parallel else contextlib.nullcontext(map(read_sheet, jobs))


def sheet_memo() -> FileMemo[SheetRead]:
    """Sheets read once and re-read when their file changes (the live preview). A sheet's result
    also depends on its support files (sizes, existence): clear it when anything else changed."""
    return FileMemo(read_sheet_at)


def _load_sheet(path: Path, content_type: ContentType, problems: list[Problem],
                references: list[Reference], incomplete_drafts: dict[str, tuple[str, ...]]) -> Any:
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(shown, 0, "le fichier n'est pas encodé en UTF-8 : réenregistrez-le "
                                "en UTF-8 depuis votre éditeur."))
        return None
    source = split_front_matter(text)
    if source is None:
        problems.append(Problem(shown, 1, "en-tête absent : la fiche doit commencer par une ligne "
                                "« --- », suivie des clés, puis d'une autre ligne « --- »."))
        return None
    try:
        located = load_located(source.front_matter, line_offset=source.front_matter_line - 1)
    except YamlSyntaxError as error:
        problems.append(Problem(shown, error.line, error.message))
        return None
    if not isinstance(located.data, dict):
        problems.append(Problem(shown, source.front_matter_line,
                                "l'en-tête doit être une suite de lignes « clé: valeur »."))
        return None
    reader = SheetReader(path, shown, located, content_type.command)
    values = reader.read(content_type.fields)
    references.extend(_references(located, shown, content_type))
    slug_problem = _slug_problem(path, shown)
    body = checked_body(source.body, shown, source.body_line)  # HTML allow-list (body_html.py)
    body_problems = (_heading_problems(source, shown) + _starter_body_problems(source, shown, content_type)
                     + body.problems)
    problems.extend(reader.problems + body_problems + slug_problem)
    if reader.problems or slug_problem or body.html is None:
        return None
    if reader.missing_in_draft:
        # A valid draft that still lacks required keys: nothing to render yet, not an error.
        incomplete_drafts[shown] = tuple(reader.missing_in_draft)
        return None
    # Only declared keys reach ``values`` and the model has exactly those: no TypeError possible.
    return model_of(content_type)(slug=path.stem, source=path, body=source.body, body_html=body.html, **values)


def _slug_problem(path: Path, shown: str) -> list[Problem]:
    if SLUG.match(path.stem):
        return []
    return [Problem(shown, 0, f"nom de fichier « {path.name} » invalide : minuscules sans accents, "
                    "chiffres et tirets seulement (par exemple « balance-decisionnelle.md »).")]


def _heading_problems(source: SourceText, shown: str) -> list[Problem]:
    """Body headings start at ``##``: the page title (``#``) comes from ``titre``."""
    return [
        Problem(shown, source.body_line + index,
                "titre de niveau 1 (« # ») dans le mode d'emploi : le titre de la page vient de "
                "« titre » ; commencez les intertitres à « ## ».")
        for index, level in headings(source.body) if level == 1
    ]


def _starter_body_problems(source: SourceText, shown: str, content_type: ContentType) -> list[Problem]:
    """Lines of the scaffold's body plan (« À compléter : … ») still in the body."""
    problems, in_fence = [], False
    for index, line in enumerate(source.body.split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and LIST_MARKER.sub("", line).strip().startswith(STARTER_MARK):
            problems.append(Problem(shown, source.body_line + index,
                                    f"texte de départ « {STARTER_MARK} » de « {content_type.command} » "
                                    "encore présent : remplacez cette ligne par votre texte (elle dit ce "
                                    "qu'il faut y écrire), ou supprimez-la."))
    return problems


def _add_unique(sheets: dict[str, Any], sheet: Any, path: Path, problems: list[Problem]) -> None:
    if sheet is None:
        return
    if sheet.slug in sheets:
        problems.append(Problem(display_path(path), 0, f"identifiant « {sheet.slug} » déjà utilisé par "
                                f"{display_path(sheets[sheet.slug].source)} : renommez l'un des fichiers."))
        return
    sheets[sheet.slug] = sheet


def _references(located: LocatedData, shown: str, content_type: ContentType) -> list[Reference]:
    found = []
    for field in content_type.fields:
        slugs = located.data.get(field.key) if field.refers_to else None
        if isinstance(slugs, list):
            found += [Reference(shown, located.line(field.key, index), field.key, field.refers_to, slug)
                      for index, slug in enumerate(slugs)
                      if isinstance(slug, str) and not slug.startswith(STARTER_MARK)]
    return found


def _title_order(item: tuple[str, Any]) -> tuple[str, str]:
    slug, sheet = item
    return fold(sheet.titre), slug
