"""One function over many case files, on every core, results in input order.

``frise`` builds each page in a worker process and keeps everything that decides what the user
sees (duplicate ids, renames, messages, the progress bar, the summary) in the parent, in the order
of the case files: a run prints and writes exactly what the serial loop did. Workers hold one case
at a time, so memory stays bounded however long the batch; a worker never outlives the parent.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Chunk = tuple[list[Any], BaseException | None]  # results of a chunk's items, then what stopped it

# Below this many cases per worker, starting the pool (~20 ms a worker) costs more than it saves.
MIN_CASES_PER_WORKER = 2
# Items per hand-over to a worker, and hand-overs in flight per worker ahead of the one the caller
# waits for: enough to keep every worker busy, few enough that pending results stay a few pages.
CHUNK = 4
IN_FLIGHT_PER_WORKER = 2
# How often a worker checks that its parent still exists (its only job once the parent died).
WATCH_SECONDS = 0.2


def machine_cores() -> int:
    """Cores this process may run on (a container or ``taskset`` may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(cases: int, cores: int | None = None) -> int:
    """Workers for ``cases`` case files: one per core, never idle ones; 1 means no pool at all."""
    cores = machine_cores() if cores is None else cores
    return max(1, min(cores, cases // MIN_CASES_PER_WORKER))


@contextlib.contextmanager
def ordered_results(function: Callable[[Item], Result], items: Iterable[Item], workers: int,
                    crashed: Callable[[Item], Result],
                    at_worker_end: Callable[[], None] | None = None) -> Iterator[Iterator[Result]]:
    """``map(function, items)``, spread over ``workers`` processes when there is more than one.

    Results come back in the order of ``items`` as soon as each is ready. At most
    ``IN_FLIGHT_PER_WORKER`` chunks of ``CHUNK`` items per worker are handed out ahead of the one
    the caller waits for, so results never pile up in memory (a slow disk on the caller's side holds the workers
    back instead). An exception raised by ``function`` reaches the caller; a worker that dies
    (a crash in C, the kernel's out-of-memory killer) costs only its own item, whose result is
    ``crashed(item)``. Leaving the block early (an error, Ctrl-C) cancels what has not started.
    ``at_worker_end`` runs in each worker as it ends, or as soon as it sees its parent gone.
    """
    if workers <= 1:
        yield map(function, items)
        return
    results = _pooled(function, iter(items), workers, crashed, at_worker_end)
    try:
        yield results
    finally:
        results.close()  # runs its ``finally``: the executor is shut down


def _pooled(function: Callable[[Item], Result], items: Iterator[Item], workers: int,
            crashed: Callable[[Item], Result], at_end: Callable[[], None] | None) -> Iterator[Result]:
    # Items go to the workers ``CHUNK`` at a time: each hand-over costs the parent a few thread
    # switches (submit, result), which would otherwise weigh on every few-millisecond case.
    # After a worker died, the items whose results were lost run again one at a time in a fresh
    # single worker: the one that kills it again is the culprit, and only it is given up.
    lost: collections.deque[Item] = collections.deque()
    while True:
        alone = bool(lost)
        size, limit = (1, 1) if alone else (CHUNK, IN_FLIGHT_PER_WORKER * workers)
        executor = ProcessPoolExecutor(1 if alone else workers, mp_context=_context(),
                                       initializer=_start_worker, initargs=(os.getpid(), at_end))
        pending: collections.deque[tuple[list[Item], Future[Chunk]]] = collections.deque()
        drained = False
        try:
            while True:
                while len(pending) < limit:
                    chunk = [lost.popleft()] if alone and lost else [] if alone else list(islice(items, size))
                    if not chunk:
                        break
                    pending.append((chunk, _submit(executor, function, chunk)))
                if not pending:
                    drained = True
                    break
                chunk, future = pending[0]
                try:
                    results = future.result()
                except BrokenProcessPool:  # a worker died (it may not be this chunk's)
                    if alone:  # the only item in flight: it killed its worker
                        pending.popleft()
                        yield crashed(chunk[0])
                    lost.extendleft(reversed([item for waiting, _ in pending for item in waiting]))
                    break  # a fresh executor: this one cannot run anything any more
                pending.popleft()
                done, error = results
                yield from done
                if error is not None:
                    raise error
        finally:
            # Every item done: the idle workers end at once, and are waited for (Python 3.11's
            # executor, left running, may print a traceback at exit: a closed wake-up pipe).
            # Otherwise (an error, Ctrl-C, a dead worker) nothing more is waited for.
            executor.shutdown(wait=drained, cancel_futures=not drained)
        if not alone and not lost:
            return  # every item done


def _run_chunk(function: Callable[[Item], Result], chunk: list[Item]) -> Chunk:
    """In a worker: the results of a few items, one after the other, up to the first exception
    (the caller gets the results before it, then the exception, as with a serial loop)."""
    results: list[Result] = []
    for item in chunk:
        try:
            results.append(function(item))
        except Exception as error:  # noqa: BLE001 - handed to the caller, in order
            return results, error
    return results, None


def _submit(executor: ProcessPoolExecutor, function: Callable[[Item], Result],
            chunk: list[Item]) -> Future[Chunk]:
    """The future of ``chunk``; already failed when the executor broke before taking it."""
    try:
        return executor.submit(_run_chunk, function, chunk)
    except BrokenProcessPool as error:
        future: Future[Chunk] = Future()
        future.set_exception(error)
        return future


def _context() -> multiprocessing.context.BaseContext:
    # fork on Linux: workers start in a few milliseconds with the templates, the plotly bundle and
    # the imported modules already in memory (shared copy-on-write, frozen out of the GC). Elsewhere
    # the platform's default (spawn): each worker imports what it needs on its first case.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _start_worker(parent: int, at_end: Callable[[], None] | None) -> None:
    # Ctrl-C reaches the whole process group: the parent alone handles it (and ends the pool), so
    # that the user sees one « interrompu » and no worker traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if at_end is not None:
        from multiprocessing.util import Finalize

        Finalize(None, at_end, exitpriority=10)  # run as the worker ends normally
    threading.Thread(target=_watch_parent, args=(parent, at_end), name="parent-watch", daemon=True).start()


def _watch_parent(parent: int, at_end: Callable[[], None] | None) -> None:
    """End this worker as soon as its parent is gone (killed, or crashed past its ``finally``).

    Pool workers would otherwise wait forever on a task queue that nobody feeds any more. On
    POSIX an orphan is re-parented, so its parent id changes; on Windows ``parent_process`` holds
    a handle on the parent that tells whether it still runs.
    """
    watched = multiprocessing.parent_process()
    while True:
        time.sleep(WATCH_SECONDS)
        gone = (not watched.is_alive()) if os.name == "nt" and watched else os.getppid() != parent
        if gone:
            if at_end is not None:
                at_end()
            os._exit(1)
