"""Content files → validated ``Catalogue``, with every problem of every file located.

Reading order: split front-matter from body → parse YAML with lines → check each key
(``validation``) → check what spans files (references, duplicate slugs). Problems are
collected across all files and raised together, so a contributor sees everything at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..located_yaml import LocatedData, YamlSyntaxError, load_located
from ..problems import InvalidInput, Problem, display_path
from ..suggest import did_you_mean
from ..text import fold
from .fields import PROGRAMME_FIELDS, TOOL_FIELDS
from .markdown_body import headings
from .model import Catalogue, Programme, ToolSheet
from .validation import SheetReader

TOOLS_DIR = "tools"
PROGRAMMES_DIR = "programmes"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class SourceText:
    """A sheet file split into its front-matter (with its first line number) and its body."""

    front_matter: str
    front_matter_line: int
    body: str
    body_line: int


def load_catalogue(content_dir: Path) -> Catalogue:
    """Load and validate every sheet under ``content_dir``; raise ``InvalidInput`` with all problems."""
    problems: list[Problem] = []
    tools_dir, programmes_dir = content_dir / TOOLS_DIR, content_dir / PROGRAMMES_DIR
    if not tools_dir.is_dir():
        raise InvalidInput([Problem(display_path(content_dir), 0,
                                    f"dossier « {TOOLS_DIR}/ » introuvable dans le dossier de contenu.")])
    catalogue, references = Catalogue(), []
    tool_files, programme_files = _sheet_files(tools_dir), _sheet_files(programmes_dir)
    for path in tool_files:
        sheet = _load_sheet(path, TOOL_FIELDS, ToolSheet, problems, references)
        _add_unique(catalogue.tools, sheet, path, problems)
    for path in programme_files:
        sheet = _load_sheet(path, PROGRAMME_FIELDS, Programme, problems, references)
        _add_unique(catalogue.programmes, sheet, path, problems)
    # A reference is checked against the files present, valid or not: a sheet with a typo
    # elsewhere still exists, and its own problems are already reported.
    existing = {"programmes": {path.stem for path in programme_files},
                "outils": {path.stem for path in tool_files}}
    problems.extend(reference.problem(existing) for reference in references
                    if reference.slug not in existing[reference.key])
    if problems:
        raise InvalidInput(problems)
    catalogue.tools = dict(sorted(catalogue.tools.items(), key=_title_order))
    catalogue.programmes = dict(sorted(catalogue.programmes.items(), key=_title_order))
    return catalogue


@dataclass(frozen=True)
class Reference:
    """A slug in a sheet's ``programmes`` or ``outils`` list, with where it was written."""

    shown_path: str
    line: int
    key: str  # "programmes" or "outils"
    slug: str

    def problem(self, existing: dict[str, set[str]]) -> Problem:
        kind = "programme" if self.key == "programmes" else "outil"
        return Problem(self.shown_path, self.line,
                       f"« {self.key} » : {kind} « {self.slug} » introuvable."
                       f"{did_you_mean(self.slug, existing[self.key])} "
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


def _load_sheet(path: Path, fields: tuple, model: type, problems: list[Problem],
                references: list[Reference]) -> Any:
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
    reader = SheetReader(path, shown, located)
    values = reader.read(fields)
    references.extend(_references(located, shown, fields))
    slug_problem = _slug_problem(path, shown)
    problems.extend(reader.problems + _heading_problems(source, shown) + slug_problem)
    if reader.problems or slug_problem:
        return None
    return model(slug=path.stem, source=path, body=source.body, **values)


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


def _add_unique(sheets: dict[str, Any], sheet: Any, path: Path, problems: list[Problem]) -> None:
    if sheet is None:
        return
    if sheet.slug in sheets:
        problems.append(Problem(display_path(path), 0, f"identifiant « {sheet.slug} » déjà utilisé par "
                                f"{display_path(sheets[sheet.slug].source)} : renommez l'un des fichiers."))
        return
    sheets[sheet.slug] = sheet


def _references(located: LocatedData, shown: str, fields: tuple) -> list[Reference]:
    found = []
    for field in fields:
        slugs = located.data.get(field.key) if field.refers_to else None
        if isinstance(slugs, list):
            found += [Reference(shown, located.line(field.key, index), field.key, slug)
                      for index, slug in enumerate(slugs) if isinstance(slug, str)]
    return found


def _title_order(item: tuple[str, Any]) -> tuple[str, str]:
    slug, sheet = item
    return fold(sheet.titre), slug
