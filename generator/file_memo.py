"""A function of a file, computed again only when the file changed: the live preview's memory.

The preview re-checks the whole content folder on every save; at 1,000 sheets, reading and checking
every file again took seconds for a change to one of them. A result is kept with the file's size,
modification time and inode, and reused while they stay the same. Only for a long-lived process
that watches files (the preview): a one-shot build reads everything once anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

Result = TypeVar("Result")
Signature = tuple[int, int, int]


class FileMemo(Generic[Result]):
    """``function(path, *arguments)``, remembered per file while the file is unchanged."""

    def __init__(self, function: Callable[..., Result]) -> None:
        self.function = function
        self.results: dict[Path, tuple[Signature | None, Result]] = {}

    def __call__(self, path: Path, *arguments: object) -> Result:
        signature = _signature(path)
        known = self.results.get(path)
        if signature is not None and known is not None and known[0] == signature:
            return known[1]
        result = self.function(path, *arguments)
        self.results[path] = (signature, result)
        return result

    def clear(self) -> None:
        self.results.clear()


def _signature(path: Path) -> Signature | None:
    try:
        status = path.stat()
    except OSError:
        return None  # never remembered: the function reports the missing file each time
    return status.st_mtime_ns, status.st_size, status.st_ino
