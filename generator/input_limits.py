"""Size limits of input files, checked before any file is parsed.

The YAML and Markdown libraries are not linear on every input (deeply nested lists or
brackets, huge flow mappings): a file far larger than any real one is refused up front, with
its size and the limit, so that a mistake (a 2 GB log saved as a sheet) ends in a French
message within a second instead of filling memory. Documented in docs/contribuer.md.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from generator import french
from generator.problems import InvalidInput, Problem, display_path

T = TypeVar("T")

# A real sheet is a few kilobytes; the largest starter sheet is under 10 KB.
MAX_SHEET_BYTES = 500_000
# A real case file (decades of events) is a few tens of kilobytes.
MAX_CASE_BYTES = 1_000_000
# Python-Markdown (the engine's Markdown) takes time quadratic in the number of "[" of a paragraph
# (2,000 take a second, 500 KB of them would take hours), and recurses once per level of nested
# lists or quotes. A real paragraph has a few links; a real list three levels.
MAX_BRACKETS_PER_PARAGRAPH = 200
MAX_NESTING = 12
# A sheet's name becomes a page name (<slug>.html) inside a site that may sit deep in a folder
# tree or a zip extracted on Windows: 255 bytes is the hard limit of most file systems.
MAX_NAME_BYTES = 120
_LIST_ITEM = re.compile(r"(?P<indent>[ \t]*)(?P<quotes>(?:>[ \t]?)*)[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
# A YAML escape of a UTF-16 surrogate ("\ud800"): the text would hold a lone surrogate, which
# no page can be written with.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_QUOTES = re.compile(r"[ \t]*(?P<quotes>(?:>[ \t]?)+)")


def _size_text(size: int) -> str:
    return f"{french.number(size / 1_000_000, 1)} Mo" if size >= 1_000_000 else f"{size // 1000} ko"


def oversized(paths: Iterable[Path], limit: int, what: str) -> list[Problem]:
    """A problem for each file above ``limit`` bytes or that is not a regular file (a named pipe or
    ``/dev/zero`` would block the reader or never end); unreadable files are left to the loader."""
    problems = []
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            continue
        size = status.st_size
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
            problems.append(Problem(display_path(path), 0, "n'est pas un fichier ordinaire (tube, "
                                    "périphérique…) : il n'a pas été lu."))
        elif size > limit:
            problems.append(Problem(display_path(path), 0,
                                    f"fichier trop gros ({_size_text(size)}) : {_size_text(limit)} au plus "
                                    f"par {what}. Vérifiez qu'il s'agit bien du bon fichier."))
    return problems


def markdown_problems(path: Path) -> list[Problem]:
    """Paragraphs with too many ``[``, lists or quotes nested too deep, escaped lone surrogates; located."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return []  # the loader says why, with the file's name
    problems: list[Problem] = []
    shown, brackets, start, deep_reported = display_path(path), 0, 1, False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            brackets, start = 0, number + 1
            continue
        brackets += line.count("[")
        if brackets > MAX_BRACKETS_PER_PARAGRAPH:
            problems.append(Problem(shown, start, f"paragraphe avec plus de {MAX_BRACKETS_PER_PARAGRAPH} "
                                    "crochets « [ » : coupez-le en plusieurs paragraphes."))
            brackets = -len(text)  # once per paragraph
        if found := _SURROGATE_ESCAPE.search(line):
            problems.append(Problem(shown, number, f"« {found[0]} » est un demi-codet isolé (surrogate UTF-16), "
                                    "impossible à écrire dans une page : tapez le caractère lui-même."))
        if not deep_reported and _depth(line) > MAX_NESTING:
            problems.append(Problem(shown, number, f"listes ou citations imbriquées sur plus de {MAX_NESTING} "
                                    "niveaux : simplifiez la structure."))
            deep_reported = True
    return problems


def _depth(line: str) -> int:
    """Nesting level of a list item or quote line (4 columns of indentation per level, as Markdown)."""
    item = _LIST_ITEM.match(line)
    quotes = item or _QUOTES.match(line)
    if not quotes:
        return 0
    indent = len(item["indent"].expandtabs(4)) // 4 + 1 if item else 0
    return indent + quotes["quotes"].count(">")


def sheet_file_problems(path: Path) -> list[Problem]:
    """What makes a sheet unsafe to read at all: its name, its size, its kind (a pipe…)."""
    if len(path.stem.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        return [Problem(display_path(path), 0, f"nom de fichier trop long : {MAX_NAME_BYTES} "
                        "caractères au plus avant « .md ». Raccourcissez-le.")]
    return oversized([path], MAX_SHEET_BYTES, "fiche")


def sheet_problems(paths: Iterable[Path]) -> list[Problem]:
    """Every limit of a sheet: name, size and kind first (such a file is not read), then its text."""
    problems = []
    for path in paths:
        problems.extend(sheet_file_problems(path) or markdown_problems(path))
    return problems


def load_within_limits(paths: Iterable[Path], load: Callable[[], T], extra: Sequence[Problem] = (),
                       text_problems: Callable[[Path], list[Problem]] = markdown_problems) -> T:
    """``load()``, with the sheets' limits checked first and every problem raised together.

    A file unsafe to read stops everything before ``load``. The text limits (Markdown nesting and
    brackets, surrogates) only bite when the engine renders, so the loader still runs and its
    problems come with them: a contributor sees every problem of every file in one run.
    ``text_problems``: the text limits of one file (the preview passes a ``FileMemo`` of them).
    """
    blocking, textual = [], list(extra)
    for path in paths:
        unsafe = sheet_file_problems(path)
        blocking.extend(unsafe)
        if not unsafe:
            textual.extend(text_problems(path))
    if blocking:
        raise InvalidInput(blocking + textual)
    try:
        loaded = load()
    except InvalidInput as invalid:
        raise InvalidInput(textual + invalid.problems) from None
    except Exception:
        if textual:  # the loader tripped on what the limits already explain
            raise InvalidInput(textual) from None
        raise
    if textual:
        raise InvalidInput(textual)
    return loaded
