"""frise batches on a process pool: the serial outputs in the serial order, a failing case refused
alone, bounded work in flight, and workers that never outlive the parent (generator/timeline/batch.py)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator.timeline import batch, cli, render

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "dossiers"
GIVE_UP = 60  # seconds: a hung pool fails the test instead of hanging it


def lot(folder: Path) -> Path:
    """Every example, plus a broken YAML file, a guard refusal, a duplicate id and a CSV case."""
    folder.mkdir()
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copyfile(path, folder / path.name)
    shutil.copyfile(EXAMPLES / "premier-fait.yaml", folder / "zz-doublon.yaml")
    shutil.copyfile(EXAMPLES / "modele-dossier.csv", folder / "modele-dossier.csv")
    (folder / "casse.yaml").write_text("dossier: [non fermé\nannee_naissance: 1990\n", encoding="utf-8")
    text = (EXAMPLES / "desistance.yaml").read_text(encoding="utf-8")
    (folder / "identifiant.yaml").write_text(
        text.replace("dossier:", "# joindre au 06 47 91 38 25\ndossier:", 1).replace("EX-", "TEL-"),
        encoding="utf-8")
    return folder


def frise(capsys: pytest.CaptureFixture[str], cases: Path, outdir: Path, *options: str) -> tuple[int, str, str]:
    code = cli.main([str(cases), "-o", str(outdir), *options])
    out, err = capsys.readouterr()
    return code, re.sub(r"\(\d+,\d s\)", "(durée)", out).replace(outdir.as_posix(), "SORTIE"), err


def pages(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def no_workers_left(timeout: float = 10) -> bool:
    import multiprocessing

    deadline = time.monotonic() + timeout
    while multiprocessing.active_children():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("options", [[], ["--js-partage"], ["--vue", "personne"]])
def test_pool_writes_and_says_what_the_serial_loop_does(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        options: list[str]) -> None:
    cases = lot(tmp_path / "lot")
    monkeypatch.setattr(batch, "worker_count", lambda count: 1)
    serial = frise(capsys, cases, tmp_path / "serie", *options)
    used: list[int] = []
    real_count = batch.worker_count

    def three(count: int) -> int:
        used.append(count)
        return 3  # more workers than cores, so that cases finish out of order

    monkeypatch.setattr(batch, "worker_count", three)
    pooled = frise(capsys, cases, tmp_path / "pool", *options)
    monkeypatch.setattr(batch, "worker_count", real_count)
    assert used == [len(list(cases.iterdir()))]
    assert pooled == serial
    code, out, err = serial
    assert code == 1
    assert "casse.yaml:2:" in err and "identifiant.yaml" in err and "zz-doublon.yaml" in err
    assert err.index("casse.yaml") < err.index("identifiant.yaml") < err.index("zz-doublon.yaml")
    assert "06 47" not in err and "TEL-" not in err  # never the refused file's content
    assert pages(tmp_path / "pool") == pages(tmp_path / "serie")
    assert len([name for name in pages(tmp_path / "pool") if name.endswith(".html")]) == 11
    assert no_workers_left()


def test_one_failing_case_never_stops_the_others(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cases = tmp_path / "lot"
    cases.mkdir()
    for path in sorted(EXAMPLES.glob("*.yaml")):
        shutil.copyfile(path, cases / path.name)
    parent = os.getpid()
    real_parts = render.render_parts

    def faulty(case: object, *args: object) -> tuple[str, str]:
        dossier = case.dossier  # type: ignore[attr-defined]
        if dossier == "EX-2026-002":  # premier-fait.yaml: a Python error
            raise KeyError("CONTENU-DU-DOSSIER")
        if dossier == "EX-2026-003" and os.getpid() != parent:  # a crash below Python: the worker dies
            os._exit(70)
        return real_parts(case, *args)

    monkeypatch.setattr(render, "render_parts", faulty)
    monkeypatch.setattr(batch, "worker_count", lambda count: 2)
    code, out, err = frise(capsys, cases, tmp_path / "frises")
    assert code == 1
    written = sorted(path.name for path in (tmp_path / "frises").iterdir())
    assert len(written) == 8 and "EX-2026-002.html" not in written
    assert not [name for name in written if name.startswith(".")]  # no temporary file
    assert "premier-fait.yaml: erreur interne inattendue (KeyError)" in err
    assert "CONTENU-DU-DOSSIER" not in err and "EX-2026" not in err
    crashed = [line for line in err.splitlines() if "s'est arrêté" in line]
    assert len(crashed) == 1
    assert "8 pages écrites" in out and "2 dossiers refusés" in out
    assert no_workers_left()


def double(item: int) -> int:
    time.sleep((item * 7 % 5) / 500)  # later items often finish first
    if item == 13:
        os._exit(3)  # this worker dies: only item 13 is lost
    return item * 2


def test_results_come_back_in_order_and_a_dead_worker_costs_its_item_only() -> None:
    with batch.ordered_results(double, range(40), 3, crashed=lambda item: -item) as results:
        assert list(results) == [-13 if item == 13 else item * 2 for item in range(40)]
    assert no_workers_left()


def refuse_five(item: int) -> int:
    if item == 5:
        raise OSError(28, "No space left on device")
    return item


def test_an_error_of_the_machine_reaches_the_caller_and_ends_the_pool() -> None:
    seen = []
    with pytest.raises(OSError), batch.ordered_results(refuse_five, range(100), 2, crashed=int) as results:
        seen.extend(results)
    assert seen == [0, 1, 2, 3, 4]
    assert no_workers_left()


def test_work_handed_out_ahead_is_bounded(tmp_path: Path) -> None:
    """A caller that stops reading holds the workers back: no result piles up behind it."""
    started = tmp_path / "commencés"
    started.mkdir()

    with batch.ordered_results(Touch(started), range(200), 2, crashed=int) as results:
        next(results)
        time.sleep(1)  # the workers could do all 200 items meanwhile if nothing held them
        done = len(list(started.iterdir()))
    assert done <= (batch.IN_FLIGHT_PER_WORKER * 2 + 1) * batch.CHUNK  # far from the 200 items


class Touch:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, item: int) -> int:
        (self.folder / str(item)).touch()
        return item


def test_workers_end_with_the_parent(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import multiprocessing, os, signal, sys, time
        from generator.timeline import batch

        def slow(item):
            if item >= batch.CHUNK:  # the first chunk comes back, the others keep the workers busy
                time.sleep(120)
            return item

        if __name__ == "__main__":
            with batch.ordered_results(slow, range(10), 2, crashed=int) as results:
                next(results)
                print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
                os.kill(os.getpid(), signal.SIGKILL)
    """)
    (tmp_path / "parent.py").write_text(script, encoding="utf-8")
    run = subprocess.run([sys.executable, str(tmp_path / "parent.py")], cwd=REPO, capture_output=True,
                         text=True, timeout=GIVE_UP, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == -signal.SIGKILL
    workers = [int(pid) for pid in run.stdout.split()]
    assert len(workers) == 2
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived its parent"
        time.sleep(0.05)


def alive(pid: int) -> bool:
    """Running (an exited orphan may stay a zombie until init reaps it: that counts as ended)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.parametrize(("cases", "cores", "expected"), [(300, 2, 2), (1, 8, 1), (3, 8, 1), (10, 8, 5),
                                                          (10_000, 1, 1)])
def test_one_worker_per_core_and_none_idle(cases: int, cores: int, expected: int) -> None:
    assert batch.worker_count(cases, cores) == expected


def test_a_worker_forgets_its_temporary_pages_when_it_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages written but never put in place (the parent died, or stopped reading) do not stay."""
    from generator.timeline import temporaries

    monkeypatch.setattr(temporaries, "_written", temporaries.collections.deque(maxlen=8))
    monkeypatch.setattr(temporaries, "_ended", False)
    token = temporaries.run_token()
    kept = temporaries.write(tmp_path, token, [b"<html>", b"page"])
    lost = temporaries.write(tmp_path, token, [b"<html>"])
    assert Path(kept).read_bytes() == b"<html>page" and oct(Path(kept).stat().st_mode & 0o777) == "0o600"
    assert cli.TEMPORARY.fullmatch(Path(kept).name)
    os.replace(kept, tmp_path / "page.html")  # what the parent does with a settled page
    temporaries.forget_all()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["page.html"]
    assert not Path(lost).exists()
    with pytest.raises(OSError):  # an ending worker writes nothing more
        temporaries.write(tmp_path, token, [b"x"])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["page.html"]


def test_the_parent_removes_only_what_is_left_of_its_own_run(tmp_path: Path) -> None:
    from generator.timeline import temporaries

    mine, other = temporaries.run_token(), temporaries.run_token()
    (tmp_path / f".frise-{mine}abc.tmp").write_bytes(b"x")
    (tmp_path / f".frise-{other}abc.tmp").write_bytes(b"x")  # another frise running in the same folder
    (tmp_path / f".frise-{mine}lien.tmp").symlink_to(tmp_path / f".frise-{other}abc.tmp")
    temporaries.remove_left(tmp_path, mine)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([f".frise-{mine}lien.tmp",
                                                                       f".frise-{other}abc.tmp"])


def test_a_killed_batch_leaves_no_temporary_page(tmp_path: Path) -> None:
    """The parent is killed while its workers write: they remove the pages it never renamed."""
    cases = tmp_path / "lot"
    cases.mkdir()
    for number in range(60):
        shutil.copyfile(EXAMPLES / "parcours-long.yaml", cases / f"c{number:03d}.yaml")
        text = (cases / f"c{number:03d}.yaml").read_text(encoding="utf-8")
        (cases / f"c{number:03d}.yaml").write_text(text.replace("dossier: ", f"dossier: C{number:03d}", 1),
                                                   encoding="utf-8")
    out = tmp_path / "frises"
    run = subprocess.Popen([sys.executable, "-m", "generator", "frise", str(cases), "-o", str(out)],
                           cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    started = time.monotonic()
    while not (out.is_dir() and len(list(out.glob("*.html"))) >= 3) and run.poll() is None:
        assert time.monotonic() - started < GIVE_UP
        time.sleep(0.002)
    run.send_signal(signal.SIGKILL)
    run.wait()
    time.sleep(2 * batch.WATCH_SECONDS + 1)  # the workers see it and end
    assert [path.name for path in out.iterdir() if path.name.startswith(".frise-")] == []
