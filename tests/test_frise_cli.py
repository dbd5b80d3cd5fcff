"""The ``frise`` command: pages, JSON, batches with refusals, exit codes, French usage."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.timeline import cli

FIXTURES = Path(__file__).parent / "fixtures" / "frise"
RENDER = FIXTURES / "render"
REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "dossiers"
SPEC_KEYS = [  # contract version 2, "Machine-readable output"
    "dossier", "nb_faits", "nb_episodes", "nb_decisions", "nb_condamnations",
    "age_premier_fait", "age_premiere_condamnation", "categories", "nb_categories",
    "indice_diversite", "nb_faits_violents", "dernier_fait_violent", "fait_le_plus_grave",
    "jours_detention", "nb_periodes_detention", "nb_revocations", "nb_incidents", "obligations",
    "jours_liberte", "lambda_par_an", "intervalles", "plus_long_intervalle_jours",
    "jours_depuis_dernier_fait", "jours_depuis_derniere_sortie", "tendance_frequence",
    "tendance_gravite", "liens", "part_episodes_periodes_negatives",
    "part_temps_periodes_negatives",
]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = cli.main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


# --- usage --------------------------------------------------------------------------------------
def test_help_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert out.startswith("utilisation : frise ")
    assert "afficher cette aide et quitter" in out and "--js-partage" in out
    assert "show this help" not in out and "positional arguments" not in out


def test_missing_argument_is_a_french_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert "frise : erreur : arguments obligatoires manquants : DOSSIER" in err
    assert "required" not in err


def test_bad_view_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, RENDER / "vide.yaml", "--vue", "juge")
    assert code == 2
    assert "argument --vue : choix invalide : 'juge'" in err


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, tmp_path / "absent.yaml", "-o", tmp_path / "out")
    assert code == 2
    assert "fichier ou répertoire introuvable" in err
    assert not (tmp_path / "out").exists()


def test_empty_directory_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, tmp_path)
    assert code == 2 and "aucun fichier .yaml" in err


def test_argparse_messages_are_restored_after_use() -> None:
    import argparse

    from generator.french_argparse import french_messages

    with french_messages():
        assert argparse._("usage: ") == "utilisation : "  # type: ignore[attr-defined]
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


# --- pages --------------------------------------------------------------------------------------
def test_one_case_writes_one_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_dir = tmp_path / "pages"
    code, out, err = run(capsys, RENDER / "complet.yaml", "-o", out_dir)
    assert code == 0, err
    assert [p.name for p in out_dir.iterdir()] == ["RENDU-001.html"]
    page = (out_dir / "RENDU-001.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "RENDU-001" in page
    assert out.startswith(f"1 page écrite dans {out_dir.as_posix()}/ (")
    assert out.rstrip().endswith(" s).")
    assert err == ""


def test_default_output_directory_is_frises(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(capsys, RENDER / "vide.yaml")
    assert code == 0
    assert (tmp_path / "frises" / "RENDU-VIDE.html").is_file()


def test_personne_view_has_its_own_file_name(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    code, _, _ = run(capsys, RENDER / "complet.yaml", "--vue", "personne", "-o", tmp_path)
    assert code == 0
    page = (tmp_path / "RENDU-001-personne.html").read_text(encoding="utf-8")
    assert "<title>Votre parcours — dossier RENDU-001</title>" in page


def test_pages_are_private_and_no_temporary_file_remains(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    run(capsys, RENDER, "-o", tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert {"RENDU-001.html", "RENDU-VIDE.html", "RENDU-XSS.html"} <= set(names)
    assert len(names) == len(list(RENDER.glob("*.yaml")))  # no temporary file left
    assert all((tmp_path / n).stat().st_mode & 0o777 == 0o600 for n in names)


def test_batch_writes_valid_cases_and_lists_refused_ones(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    batch = tmp_path / "lot"
    batch.mkdir()
    for name in ("identifiants.yaml", "plusieurs-erreurs.yaml"):
        shutil.copy(FIXTURES / name, batch / name)
    shutil.copy(RENDER / "complet.yaml", batch / "complet.yaml")
    out_dir = tmp_path / "pages"
    code, out, err = run(capsys, batch, "-o", out_dir)
    assert code == 1
    assert [p.name for p in out_dir.iterdir()] == ["RENDU-001.html"]
    assert "1 page écrite" in out and "2 dossiers refusés" in out
    lines = err.splitlines()
    assert lines[-1].startswith("Dossiers refusés : ")
    assert "identifiants.yaml" in lines[-1] and "plusieurs-erreurs.yaml" in lines[-1]
    # Each problem is "path:line: message", in French.
    problems = [line for line in lines[:-1] if line]
    assert problems and all(":" in line.split(" ", 1)[0] for line in problems)
    assert any("numéro de sécurité sociale (NIR)" in line for line in problems)
    # The identifier itself is never printed.
    assert "camille.martin" not in err and "115 005" not in err


def test_duplicate_dossier_ids_in_a_batch_are_refused(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    batch = tmp_path / "lot"
    batch.mkdir()
    shutil.copy(RENDER / "vide.yaml", batch / "a.yaml")
    shutil.copy(RENDER / "vide.yaml", batch / "b.yaml")
    code, out, err = run(capsys, batch, "-o", tmp_path / "pages")
    assert code == 1
    assert "1 page écrite" in out and "1 dossier refusé" in out
    assert "b.yaml:" in err and "même identifiant de dossier que" in err
    assert "RENDU-VIDE" not in err


def test_shared_script_mode_writes_plotly_once(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    code, _, _ = run(capsys, RENDER, "-o", tmp_path, "--js-partage")
    assert code == 0
    shared = tmp_path / "plotly-basic.min.js"
    assert shared.stat().st_size > 1_000_000
    for page in tmp_path.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<script src="plotly-basic.min.js"></script>' in html
        assert page.stat().st_size <= 100_000
    before = shared.stat().st_mtime_ns
    run(capsys, RENDER / "vide.yaml", "-o", tmp_path, "--js-partage")
    assert shared.stat().st_mtime_ns == before  # unchanged: not rewritten


# --- JSON ---------------------------------------------------------------------------------------
def test_json_prints_the_spec_keys_and_writes_nothing(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    code, out, _ = run(capsys, RENDER / "complet.yaml", "--json", "-o", tmp_path / "pages")
    assert code == 0
    document = json.loads(out)
    assert list(document) == SPEC_KEYS
    assert document["dossier"] == "RENDU-001" and document["nb_faits"] == 6
    assert not (tmp_path / "pages").exists()


def test_json_for_several_cases_is_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, RENDER, "--json")
    assert code == 0
    documents = json.loads(out)
    dossiers = [d["dossier"] for d in documents]
    assert len(dossiers) == len(list(RENDER.glob("*.yaml")))
    assert {"RENDU-001", "RENDU-VIDE", "RENDU-XSS"} <= set(dossiers)


def test_json_values_follow_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, EXAMPLES / "appel-relaxe.yaml", "--json")
    assert code == 0
    document = json.loads(out)
    assert document["nb_decisions"] == 4 and document["nb_condamnations"] == 2  # appeal, relaxe
    assert document["nb_episodes"] == 3  # f2 and f3 share a date
    assert document["age_premier_fait"] == {"min": 23, "max": 24}
    assert document["fait_le_plus_grave"] == {"id": "f4", "gravite": "delit", "date": "2023-05-01"}
    assert all(isinstance(link["fait"], str) for link in document["liens"])
    assert list(document["tendance_frequence"]) == [
        "recent", "avant", "episodes_recent", "episodes_avant", "jours_liberte_recent",
        "jours_liberte_avant",
    ]


def test_json_of_a_csv_case_equals_its_yaml(capsys: pytest.CaptureFixture[str]) -> None:
    _, from_yaml, _ = run(capsys, EXAMPLES / "semi-liberte.yaml", "--json")
    code, from_csv, _ = run(capsys, EXAMPLES / "csv" / "semi-liberte.csv", "--json")
    assert code == 0
    assert json.loads(from_csv) == json.loads(from_yaml)
    assert json.loads(from_csv)["nb_periodes_detention"] == 1  # détention then semi-liberté


def test_folder_of_csv_files(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, EXAMPLES / "csv", "--json")
    assert code == 0
    assert len(json.loads(out)) == len(list((EXAMPLES / "csv").glob("*.csv")))


def test_invalid_csv_exits_1_with_located_messages(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    path = tmp_path / "cas.csv"
    path.write_text("rubrique;dossier;annee_naissance\ndossier;EX-1;19xx\n", encoding="utf-8")
    code, out, err = run(capsys, path, "--json")
    assert code == 1 and out == ""
    assert "cas.csv:2: « annee_naissance » : une année sur 4 chiffres est attendue" in err
    assert "19xx" not in err


def test_folder_without_case_files_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    code, _, err = run(capsys, tmp_path, "--json")
    assert code == 2
    assert "aucun fichier .yaml, .yml ou .csv" in err


def test_json_with_a_refused_case_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, RENDER / "vide.yaml", FIXTURES / "identifiants.yaml", "--json")
    assert code == 1
    assert [d["dossier"] for d in json.loads(out)] == ["RENDU-VIDE"]
    assert "identifiants.yaml:10:" in err


# --- progress and summary -----------------------------------------------------------------------
class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_for_a_batch() -> None:
    terminal = Terminal()
    progress = cli.Progress(4, terminal)
    progress.step()
    progress.message("fichier.yaml:3: problème")
    progress.step()
    progress.clear()
    text = terminal.getvalue()
    assert "\r" + "█" * 7 + "·" * 23 + " 1/4" in text
    assert "fichier.yaml:3: problème\n" in text
    assert " 2/4" in text and text.endswith("\r\x1b[K")
    piped = io.StringIO()
    cli.Progress(4, piped).step()
    assert piped.getvalue() == ""
    single = Terminal()
    cli.Progress(1, single).step()
    assert single.getvalue() == ""


def test_batch_without_terminal_has_no_progress_bar(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    _, _, err = run(capsys, RENDER, "-o", tmp_path)
    assert "\r" not in err


@pytest.mark.parametrize(
    ("written", "refused", "expected"),
    [(3, 1, "3 pages écrites dans frises/, 1 dossier refusé (0,4 s)."),
     (1, 0, "1 page écrite dans frises/ (0,4 s)."),
     (0, 2, "0 page écrite, 2 dossiers refusés (0,4 s).")],
)
def test_summary_line(written: int, refused: int, expected: str) -> None:
    assert cli.summary(written, refused, Path("frises"), 0.42) == expected


# --- entry points and start-up cost -------------------------------------------------------------
def python(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=REPO,
                          env=env, check=False)


def test_python_dash_m_generator_frise(tmp_path: Path) -> None:
    result = python("-m", "generator", "frise", str(RENDER / "vide.yaml"), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "RENDU-VIDE.html").is_file()
    helped = python("-m", "generator", "frise", "--help")
    assert helped.stdout.startswith("utilisation : python -m generator frise ")


def test_python_dash_m_generator_unknown_command() -> None:
    result = python("-m", "generator", "frize")
    assert result.returncode == 2
    assert "commande inconnue : frize" in result.stderr


@pytest.mark.parametrize(
    ("args", "forbidden"),
    [(["--help"], ("jinja2", "plotly", "yaml", "generator.timeline.render")),
     ([str(RENDER / "complet.yaml"), "--json"], ("jinja2", "plotly", "generator.timeline.render"))],
)
def test_help_and_json_import_only_what_they_need(args: list[str], forbidden: tuple[str, ...]) -> None:
    code = (
        "import sys, contextlib, io\n"
        "from generator.timeline import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    cli.main({args!r})\n"
        f"print([m for m in {forbidden!r} if m in sys.modules])\n"
    )
    result = python("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_pages_never_import_plotly_py(tmp_path: Path) -> None:
    code = (
        "import sys, contextlib, io\n"
        "from generator.timeline import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    cli.main([{str(RENDER / 'complet.yaml')!r}, '-o', {str(tmp_path)!r}])\n"
        "print([m for m in ('plotly', 'pandas') if m in sys.modules])\n"
    )
    result = python("-c", code)
    assert result.stdout.strip() == "[]", result.stderr


def test_missing_plotly_bundle_is_reported_before_any_page(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.timeline import render

    monkeypatch.setattr(render, "PLOTLY_BUNDLE", tmp_path / "absent.js")
    render.plotly_bundle_bytes.cache_clear()
    try:
        code, _, err = run(capsys, RENDER / "vide.yaml", "-o", tmp_path / "pages")
    finally:
        render.plotly_bundle_bytes.cache_clear()
    assert code == 1
    assert "npm ci" in err
    assert not list((tmp_path / "pages").glob("*.html"))
