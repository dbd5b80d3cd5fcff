"""Faulty machines and hostile surroundings, for both tools (issue 11).

Every attack ends the same way: a French message, a non-zero exit, the previous output as it
was, no traceback, no temporary file or process left behind. Failures a test machine cannot
produce for real (a full disk, a read-only disk: tests run as root, who ignores permissions)
are injected at the last system call before the disk; the others are real.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.catalogue import publish, site_build
from generator.timeline import cli

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "tests" / "fixtures" / "catalogue" / "valide"
CASE = REPO / "tests" / "fixtures" / "frise" / "render" / "vide.yaml"
CASE_ID = "RENDU-VIDE"
GIVE_UP = 120


# ---------------------------------------------------------------------------------------------
# Helpers


def fingerprint(*roots: Path) -> dict[str, str]:
    files = [path for root in roots for path in ([root] if root.is_file() else sorted(root.rglob("*")))]
    return {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in files if path.is_file()}


def assert_french_failure(code: int, err: str) -> None:
    assert code != 0
    assert "Traceback" not in err
    assert err.strip(), "aucun message"
    assert any(word in err for word in (" : ", "Refusé", "erreur", "problème")), err
    assert "\x1b" not in err and "\u202e" not in err  # printable() everywhere


def dot_leftovers(*folders: Path) -> list[str]:
    return sorted(path.name for folder in folders if folder.is_dir() for path in folder.iterdir()
                  if path.name.startswith("."))


def build(capsys: pytest.CaptureFixture[str], content: Path, site: Path) -> tuple[int, str]:
    code = site_build.main(["--content", str(content), "--site-dir", str(site)])
    return code, capsys.readouterr().err


def frise(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    code = cli.main([str(arg) for arg in args])
    return code, capsys.readouterr().err


def case_file(folder: Path, dossier: str = CASE_ID, text: str | None = None) -> Path:
    """A copy of the valid fixture case, possibly under another id or with other text."""
    folder.mkdir(parents=True, exist_ok=True)
    body = CASE.read_text(encoding="utf-8").replace(CASE_ID, dossier) if text is None else text
    path = folder / f"{dossier}.yaml"
    path.write_text(body, encoding="utf-8", errors="surrogatepass")
    return path


@pytest.fixture(scope="module")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("petit")
    assert site_build.main(["--content", str(CATALOGUE), "--site-dir", str(out / "site")]) == 0
    return out


@pytest.fixture
def previous(small_build: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A previous site/ and zip under ``tmp_path``, and their fingerprint."""
    shutil.copytree(small_build / "site", tmp_path / "out" / "site")
    shutil.copytree(small_build / "dist", tmp_path / "out" / "dist")
    site = tmp_path / "out" / "site"
    return site, fingerprint(site, site.parent / "dist")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(CATALOGUE, tmp_path / "contenu")
    return tmp_path / "contenu"


def assert_intact(site: Path, before: dict[str, str]) -> None:
    assert fingerprint(site, site.parent / "dist") == before
    assert dot_leftovers(site.parent, site.parent / "dist") == []


# ---------------------------------------------------------------------------------------------
# The catalogue: outputs that are not ours


def test_site_dir_on_a_folder_that_is_not_a_repere_site_is_refused(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, content: Path) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "rapport.odt").write_bytes(b"ne pas perdre")
    before = fingerprint(precious)
    code, err = build(capsys, content, precious)
    assert_french_failure(code, err)
    assert "n'est pas un site produit par Repère" in err
    assert fingerprint(precious) == before


def test_site_dir_on_the_content_folder_is_refused(capsys: pytest.CaptureFixture[str], content: Path) -> None:
    before = fingerprint(content)
    code, err = build(capsys, content, content)
    assert_french_failure(code, err)
    assert "contient le dossier des fiches" in err
    assert fingerprint(content) == before


def test_site_dir_holding_the_content_folder_is_refused(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, content: Path) -> None:
    before = fingerprint(content)
    code, err = build(capsys, content, tmp_path)
    assert_french_failure(code, err)
    assert fingerprint(content) == before


def test_site_dir_that_is_a_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            content: Path) -> None:
    target = tmp_path / "site"
    target.write_text("un fichier", encoding="utf-8")
    code, err = build(capsys, content, target)
    assert_french_failure(code, err)
    assert target.read_text(encoding="utf-8") == "un fichier"


def test_site_dir_through_a_symlink_is_checked_at_its_target(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path, content: Path) -> None:
    """A link to a folder that is not ours is refused like the folder itself; link and target kept."""
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "notes.txt").write_text("à garder", encoding="utf-8")
    link = tmp_path / "lien"
    link.symlink_to(precious, target_is_directory=True)
    code, err = build(capsys, content, link)
    assert_french_failure(code, err)
    assert link.is_symlink()
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "à garder"
    with pytest.raises(publish.OutputRefused, match="lien symbolique"):  # never replaced itself
        publish.check_outputs(link, tmp_path / "dist" / "x.zip", content)


def test_zip_path_that_is_a_folder_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                              content: Path) -> None:
    (tmp_path / "out" / "dist" / "repere-hors-ligne.zip").mkdir(parents=True)
    code, err = build(capsys, content, tmp_path / "out" / "site")
    assert_french_failure(code, err)
    assert not (tmp_path / "out" / "site").exists()


def test_an_empty_folder_and_a_previous_site_are_accepted(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, content: Path, previous) -> None:
    site, _ = previous
    assert (site / publish.MARKER_NAME).is_file()
    (tmp_path / "vide").mkdir()
    assert publish.is_repere_site(tmp_path / "vide")
    assert publish.is_repere_site(site)


# ---------------------------------------------------------------------------------------------
# The catalogue: two builds at once


def test_a_second_build_while_one_runs_is_refused(capsys: pytest.CaptureFixture[str], content: Path,
                                                  previous) -> None:
    site, before = previous
    with publish.build_lock(site.parent):
        code, err = build(capsys, content, site)
    assert_french_failure(code, err)
    assert "une construction est déjà en cours" in err
    assert_intact(site, before)


def test_the_lock_is_released_when_its_holder_is_killed(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from generator.catalogue import "
         "publish\nwith publish.build_lock(Path(sys.argv[1])):\n    print('ok', flush=True); time.sleep(60)",
         str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ok"
    with pytest.raises(publish.OutputRefused), publish.build_lock(tmp_path):
        pass
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    with publish.build_lock(tmp_path):  # the system released it with the process
        assert (tmp_path / publish.LOCK_NAME).exists()
    assert not (tmp_path / publish.LOCK_NAME).exists()


def test_two_real_builds_at_once_never_publish_a_partial_site(tmp_path: Path, content: Path) -> None:
    site = tmp_path / "out" / "site"
    runs = [subprocess.Popen([sys.executable, "build.py", "--content", str(content), "--site-dir", str(site)],
                             cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [(run.wait(timeout=GIVE_UP), *run.communicate()) for run in runs]
    codes = sorted(code for code, _, _ in results)
    assert codes[0] == 0, results
    for code, _, err in results:
        assert "Traceback" not in err
        if code:
            assert "une construction est déjà en cours" in err
    assert len(list((site / "outils").glob("*.html"))) == 2
    assert dot_leftovers(site.parent, site.parent / "dist") == []


# ---------------------------------------------------------------------------------------------
# The catalogue: a faulty machine


@pytest.mark.parametrize(("code", "words"), [
    (errno.ENOSPC, "disque plein (ENOSPC)"),
    (errno.EROFS, "lecture seule (EROFS)"),
    (errno.EACCES, "permission refusée (EACCES)"),
])
def test_disk_failures_while_writing_the_zip(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                             content: Path, previous, code: int, words: str) -> None:
    site, before = previous

    def failing_zip(site_dir: Path, zip_path: Path) -> None:
        zip_path.write_bytes(b"PK")  # half written, then the disk says no
        raise OSError(code, os.strerror(code), str(zip_path))

    monkeypatch.setattr(publish, "write_zip", failing_zip)
    exit_code, err = build(capsys, content, site)
    assert_french_failure(exit_code, err)
    assert words in err
    assert "le site précédent est inchangé" in err
    assert_intact(site, before)


def test_full_disk_while_mkdocs_writes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                       content: Path, previous) -> None:
    site, before = previous

    def failing_render(config: Path, docs: Path, site_dir: Path) -> list[str]:
        (site_dir / "outils").mkdir(parents=True)
        (site_dir / "outils" / "moitie.html").write_text("<html", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(site_build, "render_site", failing_render)
    exit_code, err = build(capsys, content, site)
    assert_french_failure(exit_code, err)
    assert "disque plein" in err and "No space" not in err
    assert_intact(site, before)


def test_over_long_output_name(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: Path) -> None:
    code, err = build(capsys, content, tmp_path / ("s" * 300) / "site")
    assert_french_failure(code, err)
    assert "nom de fichier trop long (ENAMETOOLONG)" in err


def test_unexpected_error_says_nothing_of_the_content(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, content: Path, previous) -> None:
    site, before = previous

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("TEXTE-DE-LA-FICHE")

    monkeypatch.setattr(site_build, "prepare_docs", broken)
    code, err = build(capsys, content, site)
    assert_french_failure(code, err)
    assert "erreur interne inattendue (ValueError)" in err and "TEXTE-DE-LA-FICHE" not in err
    assert_intact(site, before)


# ---------------------------------------------------------------------------------------------
# The catalogue: hostile content


def test_oversized_sheet_is_refused_before_parsing(capsys: pytest.CaptureFixture[str], content: Path,
                                                   previous) -> None:
    site, before = previous
    sheet = content / "tools" / "outil-minimal.md"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "mot " * 200_000, encoding="utf-8")
    code, err = build(capsys, content, site)
    assert_french_failure(code, err)
    assert "outil-minimal.md: fichier trop gros (800 ko) : 500 ko au plus par fiche" in err
    assert_intact(site, before)


def test_deeply_nested_markdown_list(capsys: pytest.CaptureFixture[str], content: Path, previous) -> None:
    """Markdown recurses once per level: refused at the first line too deep, not a RecursionError."""
    site, before = previous
    sheet = content / "tools" / "outil-minimal.md"
    lines = sheet.read_text(encoding="utf-8").count("\n")
    nested = "\n".join("    " * depth + "- niveau" for depth in range(400))
    sheet.write_text(sheet.read_text(encoding="utf-8") + nested + "\n", encoding="utf-8")
    code, err = build(capsys, content, site)
    assert_french_failure(code, err)
    assert f"outil-minimal.md:{lines + 13}: listes ou citations imbriquées sur plus de 12 niveaux" in err
    assert_intact(site, before)


def test_limits_and_the_loaders_problems_come_together(capsys: pytest.CaptureFixture[str], content: Path,
                                                        previous) -> None:
    """Every problem of every file in one run: a text limit does not hide another sheet's mistake."""
    site, before = previous
    deep = content / "tools" / "outil-minimal.md"
    deep.write_text(deep.read_text(encoding="utf-8") + "\n".join("    " * depth + "- niveau" for depth in range(20))
                    + "\n", encoding="utf-8")
    other = content / "tools" / "outil-complet.md"
    other.write_text(other.read_text(encoding="utf-8").replace("titre:", "titr:", 1), encoding="utf-8")
    code, err = build(capsys, content, site)
    assert_french_failure(code, err)
    assert "outil-minimal.md:" in err and "imbriquées" in err
    assert "outil-complet.md:" in err and "titr" in err
    assert_intact(site, before)


def test_brackets_that_would_take_hours_are_refused_at_once(
        capsys: pytest.CaptureFixture[str], content: Path, previous) -> None:
    """Python-Markdown is quadratic in the "[" of a paragraph: 400 KB of them would take hours."""
    site, before = previous
    sheet = content / "tools" / "outil-minimal.md"
    lines = sheet.read_text(encoding="utf-8").count("\n")
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n" + "![" * 200_000 + "\n", encoding="utf-8")
    started = time.monotonic()
    code, err = build(capsys, content, site)
    assert time.monotonic() - started < 10
    assert_french_failure(code, err)
    assert f"outil-minimal.md:{lines + 2}: paragraphe avec plus de 200 crochets" in err
    assert_intact(site, before)


def test_over_long_sheet_name_is_refused_before_mkdocs(capsys: pytest.CaptureFixture[str], content: Path,
                                                       previous) -> None:
    site, before = previous
    shutil.copyfile(content / "tools" / "outil-minimal.md", content / "tools" / ("a" * 252 + ".md"))
    code, err = build(capsys, content, site)
    assert_french_failure(code, err)
    assert "nom de fichier trop long : 120 caractères au plus" in err
    assert_intact(site, before)


def test_a_named_pipe_as_a_sheet_does_not_block_the_build(capsys: pytest.CaptureFixture[str], content: Path,
                                                           previous) -> None:
    site, before = previous
    os.mkfifo(content / "tools" / "tube.md")
    code, err = build(capsys, content, site)
    assert_french_failure(code, err)
    assert "tube.md: n'est pas un fichier ordinaire" in err
    assert_intact(site, before)


def test_lone_surrogate_in_a_sheet(capsys: pytest.CaptureFixture[str], content: Path, previous) -> None:
    site, before = previous
    sheet = content / "tools" / "outil-minimal.md"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        "resume: Seulement les clés obligatoires.", 'resume: "Seulement \\ud800 les clés."'), encoding="utf-8")
    code, err = build(capsys, content, site)
    assert_french_failure(code, err)
    assert "outil-minimal.md:3: « \\ud800 » est un demi-codet isolé" in err
    assert_intact(site, before)


def test_terminal_escapes_in_file_names_are_shown_escaped(
        capsys: pytest.CaptureFixture[str], content: Path, previous) -> None:
    site, before = previous
    (content / "tools" / "\x1b[2J\u202eevil.md").write_text("---\ntitre: [\n---\n", encoding="utf-8")
    code, err = build(capsys, content, site)
    assert_french_failure(code, err)
    assert "\\x1b[2J\\u202eevil.md" in err
    assert_intact(site, before)


def test_leftovers_of_a_killed_build_are_cleaned_but_not_foreign_files(
        capsys: pytest.CaptureFixture[str], content: Path, previous) -> None:
    site, _ = previous
    for name in (".site.docs-999999", ".site.new-999999"):
        (site.parent / name).mkdir()
        (site.parent / name / "index.md").write_text("reste", encoding="utf-8")
    (site.parent / "dist" / ".repere-hors-ligne.zip.new-999999").write_bytes(b"PK")
    (site.parent / ".site.sauvegarde").mkdir()  # not one of our names: kept
    code, err = build(capsys, content, site)
    assert code == 0, err
    assert dot_leftovers(site.parent, site.parent / "dist") == [".site.sauvegarde"]


def test_the_build_writes_no_temporary_folder_elsewhere(tmp_path: Path, content: Path) -> None:
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    result = subprocess.run([sys.executable, "build.py", "--content", str(content), "--site-dir",
                             str(tmp_path / "out" / "site")], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "TMPDIR": str(private_tmp)}, timeout=GIVE_UP)
    assert result.returncode == 0, result.stderr
    # (Jinja's bytecode cache of the frise templates is a cache, meant to stay.)
    assert [path.name for path in private_tmp.iterdir() if not path.name.startswith("_jinja2-cache")] == []


def session_processes(session: int) -> list[int]:
    """Processes of a session, read from /proc (psutil is not installed)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def test_a_killed_build_leaves_no_process(tmp_path: Path, content: Path) -> None:
    site = tmp_path / "out" / "site"
    run = subprocess.Popen([sys.executable, "build.py", "--content", str(content), "--site-dir", str(site)],
                           cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    started = time.monotonic()
    while not list(site.parent.glob(".site.docs-*")) and run.poll() is None:
        assert time.monotonic() - started < GIVE_UP
        time.sleep(0.005)
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10
    while session_processes(run.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session_processes(run.pid) == []


# ---------------------------------------------------------------------------------------------
# The frise


def test_frise_output_that_is_a_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "frises"
    target.write_text("mes notes", encoding="utf-8")
    code, err = frise(capsys, CASE, "-o", target)
    assert_french_failure(code, err)
    assert target.read_text(encoding="utf-8") == "mes notes"


def test_frise_never_follows_a_planted_symlink(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "frises", tmp_path / "ailleurs.txt"
    out.mkdir()
    elsewhere.write_text("cible", encoding="utf-8")
    (out / f"{CASE_ID}.html").symlink_to(elsewhere)
    for pid in range(os.getpid() - 50, os.getpid() + 400):  # the old predictable temporary names
        (out / f".{CASE_ID}.html.{pid}.tmp").symlink_to(elsewhere)
    code, err = frise(capsys, CASE, "-o", out)
    assert_french_failure(code, err)
    assert "n'est pas un répertoire de frises" in err and CASE_ID not in err
    assert elsewhere.read_text(encoding="utf-8") == "cible"
    assert (out / f"{CASE_ID}.html").is_symlink()
    assert not [path for path in out.iterdir() if path.name.startswith(".frise-")]


def test_a_symlink_planted_at_the_last_moment_is_never_followed(tmp_path: Path) -> None:
    """Between the folder check and the write: the page's own path is checked again, never followed."""
    elsewhere = tmp_path / "ailleurs.txt"
    elsewhere.write_text("cible", encoding="utf-8")
    (tmp_path / "page.html").symlink_to(elsewhere)
    with pytest.raises(cli.NotOurs):
        cli.write_atomic(tmp_path / "page.html", b"<html>")
    assert elsewhere.read_text(encoding="utf-8") == "cible"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["ailleurs.txt", "page.html"]


def test_frise_refuses_a_folder_that_is_not_a_frise_output(capsys: pytest.CaptureFixture[str],
                                                          tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "courrier.odt").write_bytes(b"ne pas toucher")
    code, err = frise(capsys, CASE, "-o", documents)
    assert_french_failure(code, err)
    assert "n'est pas un répertoire de frises (1 élément(s)" in err
    assert [path.name for path in documents.iterdir()] == ["courrier.odt"]


def test_frise_accepts_its_own_folder_and_its_inputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A folder of frises (and of this run's own case files) is a frise output."""
    folder = tmp_path / "cas"
    path = case_file(folder)
    assert frise(capsys, path, "-o", folder)[0] == 0
    assert frise(capsys, path, "-o", folder, "--js-partage")[0] == 0
    names = sorted(entry.name for entry in folder.iterdir() if entry.name not in cli.SHARED_FONT_NAMES)
    assert names == [f"{CASE_ID}.html", f"{CASE_ID}.yaml", "plotly-basic.min.js"]
    assert frise(capsys, path, "-o", folder, "--js-partage")[0] == 0  # fonts and script are frise's own


def test_frise_keeps_a_foreign_file_under_a_page_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "frises"
    out.mkdir()
    (out / f"{CASE_ID}.html").write_text("<p>ma page à moi</p>", encoding="utf-8")
    code, err = frise(capsys, CASE, "-o", out)
    assert_french_failure(code, err)
    assert (out / f"{CASE_ID}.html").read_text(encoding="utf-8") == "<p>ma page à moi</p>"
    with pytest.raises(cli.NotOurs):  # and the page itself is checked again before writing
        cli.write_atomic(out / f"{CASE_ID}.html", b"<html>")


def test_frise_replaces_its_own_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "frises"
    assert frise(capsys, CASE, "-o", out)[0] == 0
    assert frise(capsys, CASE, "-o", out)[0] == 0
    assert sorted(path.name for path in out.iterdir()) == [f"{CASE_ID}.html"]


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "disque plein (ENOSPC)"),
                                             (errno.EROFS, "lecture seule (EROFS)")])
def test_frise_disk_failure_keeps_the_previous_page(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch, code: int, words: str) -> None:
    out = tmp_path / "frises"
    assert frise(capsys, CASE, "-o", out)[0] == 0
    before = fingerprint(out)
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle: int, mode: str) -> None:
            self.stream = real_fdopen(handle, mode)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, data: bytes) -> int:
            self.stream.write(data[:100])
            raise OSError(code, os.strerror(code))

    monkeypatch.setattr(cli.os, "fdopen", FullDisk)
    exit_code, err = frise(capsys, CASE, "-o", out)
    assert_french_failure(exit_code, err)
    assert words in err and CASE_ID not in err
    assert fingerprint(out) == before  # the old page, and no temporary file


def test_frise_over_long_output_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, err = frise(capsys, CASE, "-o", tmp_path / ("f" * 300))
    assert_french_failure(code, err)
    assert "nom de fichier trop long (ENAMETOOLONG)" in err


def test_frise_oversized_case_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = case_file(tmp_path / "cas")
    path.write_text(path.read_text(encoding="utf-8") + "# " + "x" * 1_100_000 + "\n", encoding="utf-8")
    code, err = frise(capsys, path, "-o", tmp_path / "frises")
    assert_french_failure(code, err)
    assert "fichier trop gros (1,1 Mo) : 1,0 Mo au plus par dossier" in err.replace("\u00a0", " ")
    assert not list((tmp_path / "frises").glob("*.html"))


@pytest.mark.parametrize("endless", ["/dev/zero", "tube.yaml"])
def test_frise_endless_or_blocking_input(capsys: pytest.CaptureFixture[str], tmp_path: Path, endless: str) -> None:
    path = Path(endless) if endless.startswith("/") else tmp_path / endless
    if endless == "tube.yaml":  # a named pipe nobody writes to: reading it would wait forever
        os.mkfifo(path)
    code, err = frise(capsys, path, "-o", tmp_path / "frises")
    assert_french_failure(code, err)
    assert "n'est pas un fichier ordinaire" in err


def test_frise_deeply_nested_brackets(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = case_file(tmp_path / "cas", text="dossier: PROFOND\nfaits: " + "[" * 5000 + "]" * 5000 + "\n")
    code, err = frise(capsys, path, "-o", tmp_path / "frises")
    assert_french_failure(code, err)
    assert not list((tmp_path / "frises").glob("*.html"))


def test_frise_lone_surrogate_is_never_echoed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = CASE.read_text(encoding="utf-8").replace(CASE_ID, "SURROGAT")
    text = text.replace("CAP cuisine", '"CAP \\ud800 SECRET"')
    assert "\\ud800 SECRET" in text
    path = case_file(tmp_path / "cas", "SURROGAT", text)
    code, err = frise(capsys, path, "-o", tmp_path / "frises")
    assert "Traceback" not in err and "SECRET" not in err
    assert code in (0, 1)
    if code:
        assert_french_failure(code, err)


def test_frise_year_9999_refuses_that_case_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = CASE.read_text(encoding="utf-8").replace("date_reference: 2026-11-01", "date_reference: 9999-12-31")
    assert "9999-12-31" in text
    odd = case_file(tmp_path / "cas", "AN-9999", text.replace(CASE_ID, "AN-9999"))
    code, err = frise(capsys, odd, CASE, "-o", tmp_path / "frises")
    assert_french_failure(code, err)
    assert "AN-9999.yaml" in err  # located at the file, and the other case is still written
    assert [path.name for path in (tmp_path / "frises").iterdir()] == [f"{CASE_ID}.html"]


def test_printable_escapes_what_could_fool_a_terminal_and_keeps_french_typography() -> None:
    from generator.problems import Problem, printable

    assert printable("a\x1b[31mb\x9bc\x07d\re") == "a\\x1b[31mb\\x9bc\\x07d\\x0de"
    assert printable("\u202eabc\u2066\u200b\ufeff\ud800") == "\\u202eabc\\u2066\\u200b\\ufeff\\ud800"
    french = "« clé » : valeur\u00a0; 1\u202f000 — l’outil\n\tsuite"
    assert printable(french) == french
    assert str(Problem("f\x1b.md", 3, "m\u202e")) == "f\\x1b.md:3: m\\u202e"


def test_frise_terminal_escapes_in_a_file_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "\x1b]0;titre\x07\u202edossier.yaml"
    path.write_text("dossier: [\n", encoding="utf-8")
    code, err = frise(capsys, path, "-o", tmp_path / "frises")
    assert_french_failure(code, err)
    assert "\\x1b]0;titre\\x07\\u202edossier.yaml" in err


@pytest.mark.parametrize("command", [["build.py"], ["-m", "generator", "frise", "cas.yaml"], ["-m", "generator"]])
def test_escapes_in_arguments_are_shown_escaped(command: list[str]) -> None:
    result = subprocess.run([sys.executable, *command, "--\x1b[2J\u202e"], cwd=REPO, capture_output=True,
                            text=True, timeout=GIVE_UP)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b[2J\\u202e" in result.stderr


def test_frise_unexpected_error_says_nothing_of_the_case(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from generator.timeline import render

    def broken(*args: object, **kwargs: object) -> bytes:
        raise KeyError("CONTENU-DU-DOSSIER")

    monkeypatch.setattr(render, "render_parts", broken)  # what frise calls (the bundle is joined as it writes)
    code, err = frise(capsys, CASE, "-o", tmp_path / "frises")
    assert_french_failure(code, err)
    assert "erreur interne inattendue (KeyError)" in err
    assert "CONTENU-DU-DOSSIER" not in err and CASE_ID not in err


def test_frise_page_names_of_both_views_never_collide(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "frises"
    assert frise(capsys, case_file(tmp_path / "a", "X"), "--vue", "personne", "-o", out)[0] == 0
    assert frise(capsys, case_file(tmp_path / "b", "X-personne"), "-o", out)[0] == 0
    assert sorted(path.name for path in out.iterdir()) == ["X-personne.html", "X-personne.professionnel.html"]
    assert "Votre parcours" in (out / "X-personne.html").read_text(encoding="utf-8")
    assert cli.page_name("X-PERSONNE", "professionnel") == "X-PERSONNE.professionnel.html"


def test_frise_killed_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "frises"
    cases = [case_file(tmp_path / "lot", f"LOT-{number:03d}") for number in range(40)]
    run = subprocess.Popen([sys.executable, "-m", "generator", "frise", str(tmp_path / "lot"), "-o", str(out)],
                           cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    started = time.monotonic()
    while not (out.is_dir() and any(out.iterdir())) and run.poll() is None:
        assert time.monotonic() - started < GIVE_UP
        time.sleep(0.002)
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10  # the batch's workers end with it
    while session_processes(run.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session_processes(run.pid) == []
    # A killed run may leave at most the one temporary file it was writing, with a random name
    # that no later run can be tricked into following; the next run ends cleanly.
    leftovers = [path for path in out.iterdir() if path.name.startswith(".frise-")]
    assert len(leftovers) <= 1
    for leftover in leftovers:  # as if the run had been killed a while ago
        os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    result = subprocess.run([sys.executable, "-m", "generator", "frise", str(tmp_path / "lot"), "-o", str(out)],
                            cwd=REPO, capture_output=True, text=True, timeout=GIVE_UP)
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("LOT-*.html"))) == len(cases)
    assert not [path for path in out.iterdir() if path.name.startswith(".frise-")]  # the next run cleans up


def test_frise_cleans_only_its_own_stale_temporaries(tmp_path: Path) -> None:
    old = time.time() - 3600
    for name in (".frise-abc123.tmp", ".frise-recent.tmp", ".autre.tmp", "notes.frise-x.tmp"):
        (tmp_path / name).write_bytes(b"x")
        if name != ".frise-recent.tmp":
            os.utime(tmp_path / name, (old, old))
    (tmp_path / ".frise-lien.tmp").symlink_to(tmp_path / "notes.frise-x.tmp")
    cli.clean_stale_temporaries(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        ".autre.tmp", ".frise-lien.tmp", ".frise-recent.tmp", "notes.frise-x.tmp"]


def test_fcntl_lock_is_advisory_only_between_builds(tmp_path: Path) -> None:
    """The lock file never blocks anything but another build (an editor can still open it)."""
    with publish.build_lock(tmp_path):
        with (tmp_path / publish.LOCK_NAME).open("rb") as stream:
            assert stream.read() == b""
        handle = os.open(tmp_path / publish.LOCK_NAME, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(handle)
