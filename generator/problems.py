"""Located problems in user input, reported as ``path:line: message`` in French.

Both flows (catalogue content and case files) collect every problem of every file before
stopping, so they share this one type instead of raising at the first error.

Every message either tool prints goes through ``printable``: a file name or a quoted value
could otherwise carry terminal escape sequences (recolouring or clearing the terminal) or
bidirectional/zero-width characters (making a message read differently from what it says).
"""

from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

# C0 controls except tab and newline, DEL and C1 controls, bidi embeddings/overrides/isolates and
# marks, zero-width characters, line/paragraph separators, BOM, and lone surrogates (which cannot
# even be encoded for the terminal). The no-break spaces of French typography stay as they are.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
    "\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every invisible or terminal-controlling character written as ``\\xNN``/``\\uNNNN``."""
    return _UNPRINTABLE.sub(_escape, text)


def report(text: str, stream: TextIO | None = None) -> None:
    """Print one message (on stderr by default), made printable."""
    print(printable(text), file=sys.stderr if stream is None else stream)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in one input file; ``line`` is 1-based (0 when the file has no line)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"
        return printable(text)


def display_path(path: Path, root: Path | None = None) -> str:
    """Path as the user typed it relative to ``root`` (or the working folder) when possible."""
    for base in (root, None):  # None: the working folder
        try:
            resolved_base = base.resolve() if base is not None else _resolved_folder(os.getcwd())
            return path.resolve().relative_to(resolved_base).as_posix()
        except (ValueError, OSError):
            continue
    return path.as_posix()


@functools.lru_cache(maxsize=4)
def _resolved_folder(folder: str) -> Path:
    # The working folder, resolved once per process rather than once per file: a batch of
    # thousands of case files resolved the same folder (an lstat per component) for each.
    return Path(folder).resolve()


class InvalidInput(Exception):
    """Raised once, after collecting, when input has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problème(s)")
        self.problems = sorted(problems)
