"""The real build: ``python build.py`` with MkDocs + Material, on good and on faulty content."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.catalogue.site_build import main
from generator.catalogue.vocabulary import RISK_FACTORS

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "catalogue"
pytestmark = pytest.mark.slow


def fingerprint(*roots: Path) -> dict[str, str]:
    files = [path for root in roots for path in ([root] if root.is_file() else root.rglob("*"))]
    return {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in files if path.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    assert main(["--content", str(FIXTURES / "valide"), "--site-dir", str(out / "site")]) == 0
    return out


def test_build_writes_site_and_offline_zip(built: Path) -> None:
    site = built / "site"
    for page in ("index.html", "catalogue.html", "facteurs/addictions.html", "outils/outil-complet.html",
                 "programmes/programme-test.html", "outils/supports/grille.pdf",
                 "assets/search-index.js", "assets/vendor/iframe-worker-shim.js", "assets/catalogue-data.js"):
        assert (site / page).is_file(), page
    with zipfile.ZipFile(built / "dist" / "repere-hors-ligne.zip") as archive:
        names = set(archive.namelist())
    assert "repere-hors-ligne/index.html" in names
    assert "repere-hors-ligne/LISEZ-MOI.txt" in names
    assert len(names) == 1 + sum(1 for path in site.rglob("*") if path.is_file())


def test_no_page_refers_to_anything_outside_the_site(built: Path) -> None:
    for page in (built / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for forbidden in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr"):
            assert forbidden not in text, (page, forbidden)


def test_sheets_stay_out_of_the_global_navigation(built: Path) -> None:
    home = (built / "site" / "catalogue.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary'):]
    assert "outil-complet.html" not in nav
    assert "facteurs/addictions.html" in nav


def test_navigation_lists_every_risk_factor_page() -> None:
    from mkdocs.utils.yaml import yaml_load  # understands mkdocs.yml's !ENV tags

    config = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    factors = next(entry["Facteurs de risque"] for entry in config["nav"] if "Facteurs de risque" in entry)
    assert factors == [f"facteurs/{slug}.md" for slug in RISK_FACTORS]


def test_faulty_content_writes_nothing_and_keeps_the_previous_build(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = fingerprint(built / "site", built / "dist")
    code = main(["--content", str(FIXTURES / "fautif"), "--site-dir", str(built / "site")])
    assert code == 1
    assert fingerprint(built / "site", built / "dist") == before
    err = capsys.readouterr().err
    assert "cle-inconnue.md:4: clé « facteur_risque » inconnue." in err
    assert "Rien n'a été écrit ; le site précédent est inchangé." in err
    assert sorted(path.name for path in built.iterdir()) == ["dist", "site"]  # no temporary leftovers


def test_check_validates_without_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check", "--content", str(FIXTURES / "valide"), "--site-dir", str(tmp_path / "site")]) == 0
    assert list(tmp_path.iterdir()) == []
    assert "Fiches valides : 2 outils, 1 programme." in capsys.readouterr().out


def test_command_line_on_the_starter_content(tmp_path: Path) -> None:
    """The README's command on the repository's own content, as a user runs it."""
    result = subprocess.run([sys.executable, "build.py", "--site-dir", str(tmp_path / "site")],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Site construit : ")
    assert (tmp_path / "dist" / "repere-hors-ligne.zip").is_file()


def test_help_is_in_french() -> None:
    result = subprocess.run([sys.executable, "build.py", "--help"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0
    assert "utilisation : python build.py" in result.stdout
    assert "vérifier les fiches sans rien écrire" in result.stdout


def test_unknown_option_is_a_usage_error_in_french() -> None:
    result = subprocess.run([sys.executable, "build.py", "--verifier"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 2
    assert "arguments non reconnus : --verifier" in result.stderr


def test_site_is_marked_as_ours_and_the_lock_is_gone(built: Path) -> None:
    """The marker lets the next build replace this folder (and only such folders)."""
    from generator.catalogue import publish

    assert (built / "site" / publish.MARKER_NAME).read_text(encoding="utf-8").startswith("Dossier produit par Repère")
    assert not (built / publish.LOCK_NAME).exists()
