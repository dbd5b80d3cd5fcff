"""Size limits of input files, checked before any file is parsed.

The YAML and Markdown libraries are not linear on every input (deeply nested lists or
brackets, huge flow mappings): a file far larger than any real one is refused up front, with
its size and the limit, so that a mistake (a 2 GB log saved as a sheet) ends in a French
message within a second instead of filling memory. Documented in docs/contribuer.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator import french
from generator.problems import Problem, display_path

# A real sheet is a few kilobytes; the largest starter sheet is under 10 KB.
MAX_SHEET_BYTES = 500_000
# A real case file (decades of events) is a few tens of kilobytes.
MAX_CASE_BYTES = 1_000_000


def _size_text(size: int) -> str:
    return f"{french.number(size / 1_000_000, 1)} Mo" if size >= 1_000_000 else f"{size // 1000} ko"


def oversized(paths: Iterable[Path], limit: int, what: str) -> list[Problem]:
    """A problem for each file above ``limit`` bytes (unreadable files are left to the loader)."""
    problems = []
    for path in paths:
        try:
            size = path.stat().st_size
        except OSError:
            continue
        if size > limit:
            problems.append(Problem(display_path(path), 0,
                                    f"fichier trop gros ({_size_text(size)}) : {_size_text(limit)} au plus "
                                    f"par {what}. Vérifiez qu'il s'agit bien du bon fichier."))
    return problems
