"""Sheets read on every core: one function over many files, results in the files' order.

Reading a sheet (YAML with positions, the contract's checks, its body converted and checked
against the allow-list) takes a few milliseconds of pure Python, the same for every file and
independent of the others: at 1,000 sheets it is a third of a build on one core. Worker processes
are forked (Linux), so they start in milliseconds with everything imported; results come back
pickled, in order, so messages and the catalogue are exactly those of the serial loop.

Only for a process that runs no thread yet (forking a threaded process can copy a held lock):
the build, not the live preview.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many files, a second process costs more than it saves (a fork, pickling the results).
MIN_ITEMS = 64
# Items per hand-over: a few hundred microseconds of pickling for each of the worker's replies.
CHUNKS_PER_WORKER = 8
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextlib.contextmanager
def mapped(function: Callable[[Item], Result], items: list[Item]) -> Iterator[Iterable[Result]]:
    """``map(function, items)``, on every core when it is worth it (Linux, enough items)."""
    workers = min(cores(), len(items) // (MIN_ITEMS // 2))
    if workers < 2 or not sys.platform.startswith("linux"):
        yield map(function, items)
        return
    global _TASK
    chunk = max(1, len(items) // (workers * CHUNKS_PER_WORKER))
    # The workers are forked with the function and the items already in memory: only indices go
    # to them (the items need not be picklable: a content type holds functions), results come back.
    _TASK = (function, items)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=start_worker, initargs=(os.getpid(),)) as pool:
            yield pool.map(_run, range(len(items)), chunksize=chunk)
    finally:
        _TASK = None


_TASK: tuple[Callable, list] | None = None


def _run(index: int) -> object:
    function, items = _TASK  # type: ignore[misc] - set before the fork
    return function(items[index])


def start_worker(parent: int) -> None:
    """In a worker of the build: end with the build, even when the build is killed (SIGKILL leaves
    no time to stop it, and it would wait on its pipe forever; Linux only, elsewhere the pipe's
    EOF); Ctrl-C is the build's to handle (one « interrompu », no worker traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before prctl took effect
        os._exit(1)
