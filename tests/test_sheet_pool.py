"""Sheets read on every core (generator/catalogue/sheet_pool.py) give the catalogue and the messages
of the serial loop, in the same order."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.catalogue import sheet_pool
from generator.catalogue.loader import load_catalogue
from generator.problems import InvalidInput

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.generate_content import generate  # noqa: E402

SHEETS = 2 * sheet_pool.MIN_ITEMS


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(SHEETS, tmp_path_factory.mktemp("contenu") / "contenu")


def test_the_pool_is_used_and_gives_the_serial_catalogue(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if sheet_pool.cores() < 2 or not sys.platform.startswith("linux"):
        monkeypatch.setattr(sheet_pool, "cores", lambda: 2)  # the pool itself, even on one core
    forked: list[int] = []
    real = sheet_pool.ProcessPoolExecutor

    def counting(workers: int, **options: object) -> object:
        forked.append(workers)
        return real(workers, **options)

    monkeypatch.setattr(sheet_pool, "ProcessPoolExecutor", counting)
    parallel = load_catalogue(content, parallel=True)
    assert forked and forked[0] >= 2
    serial = load_catalogue(content)
    assert list(parallel.tools) == list(serial.tools) and len(serial.tools) >= SHEETS - 5
    assert parallel.tools == serial.tools and parallel.programmes == serial.programmes


def test_every_problem_comes_in_the_serial_order(content: Path) -> None:
    tools = sorted((content / "tools").glob("*.md"))
    for broken in (tools[3], tools[40], tools[-1]):
        text = broken.read_text(encoding="utf-8")
        broken.write_text(text.replace("duree_minutes:", "duree_minute:", 1).replace(
            "facteurs_risques:", "facteurs_risques:\n  - inconnu", 1), encoding="utf-8")
    with pytest.raises(InvalidInput) as serial:
        load_catalogue(content)
    with pytest.raises(InvalidInput) as parallel:
        load_catalogue(content, parallel=True)
    assert len(serial.value.problems) >= 3
    assert [str(problem) for problem in parallel.value.problems] == [str(problem) for problem in serial.value.problems]
