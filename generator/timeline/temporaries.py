"""The pages of a batch, written by the workers under temporary names, put in place by the parent.

A worker writes each page beside its final name, as ``.frise-<run><random>.tmp`` (created
exclusively, never through a link, readable by its owner only); the parent, which alone decides
in the order of the case files (duplicate ids, a foreign file at the page's name), renames it or
removes it. So a page crosses no pipe, and the parent's work per case is a rename.

Nothing of a run may stay behind (a temporary page is personal data): every worker remembers the
names it wrote lately and removes those still there when it ends or when its parent is gone (a
killed ``frise``); the parent removes what is left of its run at the end (``remove_left``), e.g.
the pages of a worker that died before handing them over.
"""

from __future__ import annotations

import collections
import contextlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path

PREFIX, SUFFIX = ".frise-", ".tmp"  # cli.TEMPORARY recognises them
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)

# The names this process wrote and may not have seen put in place. Bounded: the parent hands out a
# bounded number of cases ahead (batch.py), so older names were renamed or removed long ago.
_lock = threading.Lock()
_written: collections.deque[str] = collections.deque(maxlen=4096)
_ended = False


def run_token() -> str:
    """A new run's mark, at the start of its temporary names (letters and digits only)."""
    return os.urandom(6).hex()


def write(folder: Path, token: str, parts: Sequence[bytes]) -> str:
    """Write ``parts`` into a new temporary file of ``folder``; its name. Nothing is left on error."""
    while True:
        name = str(folder / f"{PREFIX}{token}{os.urandom(6).hex()}{SUFFIX}")
        with _lock:  # remembered before it exists, so that ``forget_all`` cannot miss it
            if _ended:
                raise OSError("frise s'arrête")  # the parent is gone: this process ends now
            _written.append(name)
            try:
                handle = os.open(name, _FLAGS, 0o600)
            except FileExistsError:
                continue  # 2⁻⁴⁸: another name
        break
    try:
        with os.fdopen(handle, "wb") as stream:
            for part in parts:
                stream.write(part)
    except BaseException:
        discard(name)
        raise
    return name


def discard(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


def forget_all() -> None:
    """Remove every temporary page this process wrote that is still there (renamed ones are not:
    their names no longer exist), and write no other. For a worker that ends."""
    global _ended
    with _lock:
        _ended = True
        while _written:
            discard(_written.pop())


def remove_left(folder: Path, token: str) -> None:
    """Remove what is left of run ``token`` in ``folder`` (regular files of that run only)."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(PREFIX + token) and entry.name.endswith(SUFFIX) \
                    and entry.is_file(follow_symlinks=False):
                discard(entry.path)
