"""generator/file_memo.py: a result is reused while its file is unchanged, computed again after."""

from __future__ import annotations

import os
from pathlib import Path

from generator.file_memo import FileMemo


def test_a_result_is_computed_again_only_when_the_file_changed(tmp_path: Path) -> None:
    calls: list[Path] = []

    def size_of(path: Path) -> int:
        calls.append(path)
        return len(path.read_text(encoding="utf-8"))

    memo = FileMemo(size_of)
    sheet = tmp_path / "fiche.md"
    sheet.write_text("abc", encoding="utf-8")
    assert memo(sheet) == 3 and memo(sheet) == 3 and len(calls) == 1
    sheet.write_text("abcdef", encoding="utf-8")
    assert memo(sheet) == 6 and len(calls) == 2
    status = sheet.stat()  # same size, only the modification time moves (an editor's save)
    sheet.write_text("ABCDEF", encoding="utf-8")
    os.utime(sheet, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    assert memo(sheet) == 6 and len(calls) == 3
    memo.clear()
    assert memo(sheet) == 6 and len(calls) == 4


def test_a_missing_file_is_never_remembered(tmp_path: Path) -> None:
    calls: list[int] = []
    memo = FileMemo(lambda path: calls.append(1) or path.exists())
    gone = tmp_path / "absente.md"
    assert memo(gone) is False and memo(gone) is False and len(calls) == 2
