"""Located problems in user input, reported as ``path:line: message`` in French.

Both flows (catalogue content and case files) collect every problem of every file before
stopping, so they share this one type instead of raising at the first error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in one input file; ``line`` is 1-based (0 when the file has no line)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


def display_path(path: Path, root: Path | None = None) -> str:
    """Path as the user typed it relative to ``root`` (or the working folder) when possible."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


class InvalidInput(Exception):
    """Raised once, after collecting, when input has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problème(s)")
        self.problems = sorted(problems)
