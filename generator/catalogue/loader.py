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

from ..located_yaml import YamlSyntaxError, load_located
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
    catalogue = Catalogue()
    for path in _sheet_files(tools_dir):
        sheet = _load_sheet(path, TOOL_FIELDS, ToolSheet, problems)
        _add_unique(catalogue.tools, sheet, path, problems)
    for path in _sheet_files(programmes_dir):
        sheet = _load_sheet(path, PROGRAMME_FIELDS, Programme, problems)
        _add_unique(catalogue.programmes, sheet, path, problems)
    problems.extend(check_references(catalogue))
    if problems:
        raise InvalidInput(problems)
    catalogue.tools = dict(sorted(catalogue.tools.items(), key=lambda item: _sort_key(item[1].titre)))
    catalogue.programmes = dict(sorted(catalogue.programmes.items(),
                                       key=lambda item: _sort_key(item[1].titre)))
    return catalogue


def check_references(catalogue: Catalogue) -> list[Problem]:
    """Every ``programmes`` slug of a tool and every ``outils`` slug of a programme must exist."""
    problems = []
    for tool in catalogue.tools.values():
        problems += _dangling(tool.source, "programmes", tool.programmes, catalogue.programmes)
    for programme in catalogue.programmes.values():
        problems += _dangling(programme.source, "outils", programme.outils, catalogue.tools)
    return problems


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
    return sorted(folder.glob("*.md")) if folder.is_dir() else []


def _load_sheet(path: Path, fields: tuple, model: type, problems: list[Problem]) -> Any:
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


def _dangling(source: Path, key: str, slugs: tuple[str, ...], existing: dict[str, Any]) -> list[Problem]:
    problems = []
    for index, slug in enumerate(slugs):
        if slug not in existing:
            kind = "programme" if key == "programmes" else "outil"
            hint = did_you_mean(slug, existing)
            problems.append(Problem(display_path(source), _line_of(source, key, index),
                                    f"« {key} » : {kind} « {slug} » introuvable.{hint} "
                                    "Indiquez le nom du fichier sans « .md »."))
    return problems


def _line_of(source: Path, key: str, index: int) -> int:
    """Line of ``key[index]`` in a sheet (re-read: only needed for the rare dangling reference)."""
    split = split_front_matter(source.read_text(encoding="utf-8"))
    if split is None:
        return 0
    located = load_located(split.front_matter, line_offset=split.front_matter_line - 1)
    return located.line(key, index)


def _sort_key(title: str) -> str:
    return fold(title)
