"""A deterministic zip whose entries are compressed on every core.

``zipfile`` compresses entry after entry under its lock, on one core: at 1,000 sheets that is over a
second of the build. zlib lets other threads run while it compresses, so here the entries are
compressed by a few threads, in order, and written as a plain zip (deflate, no ZIP64: callers
check ``fits``): the same names, data, timestamp and permissions as ``zipfile`` would write.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from pathlib import Path

LEVEL = 6  # zlib's default, as zipfile's ZIP_DEFLATED
MAX_ENTRIES = 0xFFFF  # beyond (or past 4 GB), ZIP64 is needed: callers use zipfile instead
MAX_BYTES = 0xFFFFFFFF
WINDOW = 64  # entries compressed ahead of the one being written: bounded memory
PERMISSIONS = 0o644 << 16  # rw-r--r--, as publish.py always wrote them

Entry = tuple[str, Callable[[], bytes]]  # name in the zip, how to get its data


def fits(count: int, total_bytes: int) -> bool:
    return count < MAX_ENTRIES and total_bytes < MAX_BYTES


def write(target: Path, entries: Iterable[Entry], timestamp: tuple[int, int, int, int, int, int]) -> None:
    """Write ``entries`` in their order into ``target``, compressed by one thread per core."""
    date = (timestamp[0] - 1980) << 9 | timestamp[1] << 5 | timestamp[2]
    time = timestamp[3] << 11 | timestamp[4] << 5 | timestamp[5] // 2
    central: list[bytes] = []
    with target.open("wb") as stream, ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for name, crc, size, data in _compressed(pool, entries):
            encoded, flags = _name(name)
            offset = stream.tell()
            fields = (20, flags, 8, time, date, crc, len(data), size, len(encoded))
            stream.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded)
            stream.write(data)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 3 << 8 | 20, *fields, 0, 0, 0, 0,
                                       PERMISSIONS, offset) + encoded)
        start = stream.tell()
        stream.write(b"".join(central))
        stream.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                                 stream.tell() - start, start, 0))


def _compressed(pool: ThreadPoolExecutor, entries: Iterable[Entry]) -> Iterator[tuple[str, int, int, bytes]]:
    """(name, crc32, size, deflated data) of each entry, in order, ``WINDOW`` at a time."""
    pending = iter(entries)
    while window := list(islice(pending, WINDOW)):
        yield from pool.map(_deflate, window)


def _deflate(entry: Entry) -> tuple[str, int, int, bytes]:
    name, read = entry
    data = read()
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return name, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush()


def _name(name: str) -> tuple[bytes, int]:
    """The name's bytes and flags: UTF-8 (flag 0x800) only when it is not ASCII, as zipfile does."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800
