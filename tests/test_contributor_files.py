"""What contributors use: generated schemas and guide, the new-sheet scaffold, pipelines, templates."""

from __future__ import annotations

import datetime
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.catalogue.contributor_docs import refresh_generated_sections
from generator.catalogue.fields import METHOD
from generator.catalogue.json_schema import schema_documents
from generator.catalogue.loader import load_catalogue, split_front_matter
from generator.catalogue.scaffold import ScaffoldError, create_sheet
from generator.catalogue.site_build import main as build_main
from generator.catalogue.site_build import parser as build_parser
from generator.located_yaml import load_located
from generator.problems import InvalidInput, display_path
from generator.text import slugify

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "catalogue"
REMARK = REPO / "node_modules" / ".bin" / "remark"


# --- generated files cannot drift from the field declarations ---------------------------------

def test_committed_schemas_are_what_the_fields_declare() -> None:
    for name, text in schema_documents().items():
        assert (REPO / "schemas" / name).read_text(encoding="utf-8") == text, (
            f"schemas/{name} est périmé : lancez scripts/generate_contributor_files.py")


def test_contributing_key_tables_are_what_the_fields_declare() -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert refresh_generated_sections(guide) == guide, "lancez scripts/generate_contributor_files.py"
    assert "| `facteurs_risques` | oui |" in guide and "| `duree_seance` | oui |" in guide


def front_matter_as_json(path: Path) -> object:
    """A sheet's header as an editor sees it: YAML dates are plain ISO strings."""
    split = split_front_matter(path.read_text(encoding="utf-8"))
    assert split is not None
    return json.loads(json.dumps(load_located(split.front_matter).data, default=str))


@pytest.mark.parametrize(("folder", "schema"), [("tools", "fiche-outil.schema.json"),
                                                ("programmes", "fiche-programme.schema.json"),
                                                ("methodes", "fiche-methode.schema.json")])
def test_schemas_accept_the_starter_content(folder: str, schema: str) -> None:
    validator = jsonschema.Draft7Validator(json.loads((REPO / "schemas" / schema).read_text()))
    sheets = sorted((REPO / "content" / folder).glob("*.md"))
    sheets += sorted((FIXTURES / "valide" / folder).glob("*.md"))
    assert sheets
    for sheet in sheets:
        errors = [error.message for error in validator.iter_errors(front_matter_as_json(sheet))]
        assert errors == [], sheet.name


def test_tool_schema_rejects_what_the_build_rejects() -> None:
    validator = jsonschema.Draft7Validator(json.loads((REPO / "schemas" / "fiche-outil.schema.json").read_text()))
    bad = front_matter_as_json(FIXTURES / "fautif" / "tools" / "valeurs-hors-vocabulaire.md")
    paths = {tuple(error.absolute_path) for error in validator.iter_errors(bad)}
    assert {("facteurs_risques", 0), ("modalite", 0), ("duree",), ("nb_seances",), ("stades_changement", 1),
            ("niveau_preuve",), ("cree_le",)} <= paths
    unknown = front_matter_as_json(FIXTURES / "fautif" / "tools" / "cle-inconnue.md")
    assert any("facteur_risque" in error.message for error in validator.iter_errors(unknown))


def remark(*args: str) -> subprocess.CompletedProcess[str]:
    if not REMARK.exists():
        if os.environ.get("CI"):
            pytest.fail("node_modules absent : lancez npm ci")
        pytest.skip("node_modules absent")
    return subprocess.run([str(REMARK), *args, "--quiet", "--frail", "--no-stdout", "--no-color"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def test_editor_check_accepts_the_starter_content() -> None:
    result = remark("content")
    assert result.returncode == 0, result.stderr


def test_editor_check_underlines_a_wrong_value(tmp_path: Path) -> None:
    sheet = REPO / "content" / "tools" / "zz-test-editeur.md"
    sheet.write_text("---\ntitre: Essai\nresume: x\nfacteurs_risques: [addiction]\nmodalite: [individuel]\n"
                     "duree: 20\n---\n## Déroulé\n", encoding="utf-8")
    try:
        result = remark(str(sheet.relative_to(REPO)))
    finally:
        sheet.unlink()
    assert result.returncode == 1
    assert "4:" in result.stderr and "allowed values" in result.stderr


# --- the new-sheet scaffold --------------------------------------------------------------------

@pytest.mark.parametrize(("title", "slug"), [
    ("Balance décisionnelle", "balance-decisionnelle"),
    ("L'arbre à problèmes", "l-arbre-a-problemes"),
    ("  Œuvre  collective : « Été » 2026 !", "oeuvre-collective-ete-2026"),
    ("Gestion de la colère (TCC)", "gestion-de-la-colere-tcc"),
])
def test_slug_from_title(title: str, slug: str) -> None:
    assert slugify(title) == slug


STARTER_VALUES = {  # what a contributor writes in place of the scaffold's « À compléter »
    "resume": '"Un résumé rédigé."', "facteurs_risques": "[attitudes]", "modalite": "[individuel]",
    "duree": "45", "nb_seances": "8", "duree_seance": "60",
}


def fill_in(path: Path) -> None:
    """Replace every starter value and starter line of a scaffolded file, as a contributor would."""
    lines = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        key = line.split(":")[0]
        if "À compléter" in line and key in STARTER_VALUES:
            line = f"{key}: {STARTER_VALUES[key]}"
        elif "À compléter" in line:
            line = "Texte rédigé."
        lines.append(line)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_new_sheet_has_every_key_commented_and_its_starter_text_is_refused(tmp_path: Path) -> None:
    # The contract: the starter text of nouvelle-fiche is an error while it is there.
    shutil.copytree(FIXTURES / "valide", tmp_path / "content")
    path = create_sheet(tmp_path / "content", "L'arbre à problèmes", today=datetime.date(2026, 11, 23))
    assert path == tmp_path / "content" / "tools" / "l-arbre-a-problemes.md"
    text = path.read_text(encoding="utf-8")
    for key in ("titre", "resume", "facteurs_risques", "modalite", "duree", "nb_seances", "milieu",
                "supports", "programmes", "retours", "prerequis", "adaptations", "statut", "methodes"):
        assert f"\n# {key} (" in text and f"\n{key}:" in text, key
    assert "## Déroulé" in text
    with pytest.raises(InvalidInput) as raised:
        load_catalogue(tmp_path / "content")
    messages = [str(problem) for problem in raised.value.problems]
    lines = text.split("\n")
    for key in ("resume", "facteurs_risques", "modalite", "duree"):
        line = next(number for number, line in enumerate(lines, 1) if line.startswith(f"{key}:"))
        assert any(message.startswith(f"{display_path(path)}:{line}: « {key} » : texte de départ "
                                      "« À compléter » de « nouvelle-fiche » encore présent. Écrivez à la place :")
                   for message in messages), key
    assert any("Valeurs possibles : « attitudes »" in message for message in messages)
    body_line = next(number for number, line in enumerate(lines, 1) if line.startswith("1. À compléter"))
    assert any(message.startswith(f"{display_path(path)}:{body_line}: texte de départ") for message in messages)
    fill_in(path)
    tool = load_catalogue(tmp_path / "content").tools["l-arbre-a-problemes"]
    assert tool.titre == "L'arbre à problèmes"
    assert tool.milieu == ("ouvert", "ferme")  # empty optional list → default
    assert tool.statut == "publie" and tool.methodes == () and tool.adaptations == ()
    assert tool.mis_a_jour == datetime.date(2026, 11, 23)


def test_new_programme_and_new_method_are_valid_once_filled_in(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valide", tmp_path / "content")
    programme = create_sheet(tmp_path / "content", "Programme été", programme=True)
    method = create_sheet(tmp_path / "content", "Approche narrative", content_type=METHOD)
    assert method == tmp_path / "content" / "methodes" / "approche-narrative.md"
    with pytest.raises(InvalidInput) as raised:
        load_catalogue(tmp_path / "content")
    files = {problem.path.rsplit("/", 1)[-1] for problem in raised.value.problems}
    assert files == {"programme-ete.md", "approche-narrative.md"}
    assert any("« nouvelle-methode »" in problem.message for problem in raised.value.problems)
    fill_in(programme)
    fill_in(method)
    catalogue = load_catalogue(tmp_path / "content")
    assert catalogue.programmes["programme-ete"].nb_seances == 8
    assert catalogue.methods["approche-narrative"].titre == "Approche narrative"


def test_existing_sheet_is_never_overwritten(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valide", tmp_path / "content")
    existing = tmp_path / "content" / "tools" / "outil-minimal.md"
    before = existing.read_bytes()
    with pytest.raises(ScaffoldError, match="existe déjà"):
        create_sheet(tmp_path / "content", "Outil minimal")
    assert existing.read_bytes() == before
    with pytest.raises(ScaffoldError, match="trop court"):
        create_sheet(tmp_path / "content", "!!")


@pytest.mark.slow
def test_a_generated_sheet_builds_into_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES / "valide", tmp_path / "content")
    content, site = str(tmp_path / "content"), str(tmp_path / "site")
    assert build_main(["--content", content, "nouvelle-fiche", "Ma nouvelle fiche"]) == 0
    assert "Fiche créée : " in capsys.readouterr().out
    assert build_main(["--content", content, "nouvelle-fiche", "Ma nouvelle fiche"]) == 1
    assert "existe déjà" in capsys.readouterr().err
    assert build_main(["--content", content, "--site-dir", site]) == 1  # starter text still there
    assert "texte de départ « À compléter »" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
    fill_in(tmp_path / "content" / "tools" / "ma-nouvelle-fiche.md")
    assert build_main(["--content", content, "--site-dir", site]) == 0
    page = (tmp_path / "site" / "outils" / "ma-nouvelle-fiche.html").read_text(encoding="utf-8")
    assert "Ma nouvelle fiche" in page and "Proposer une modification" in page
    assert "/edit/main/content/tools/ma-nouvelle-fiche.md" in page


# --- review pipelines and templates -------------------------------------------------------------

def pipeline_commands() -> list[str]:
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    github = yaml.safe_load((REPO / ".github" / "workflows" / "catalogue.yml").read_text(encoding="utf-8"))
    commands = [line for job in gitlab.values() if isinstance(job, dict) for line in job.get("script", [])]
    commands += [step["run"] for job in github["jobs"].values() for step in job["steps"] if "run" in step]
    return commands


def test_pipelines_check_on_review_and_publish_on_main() -> None:
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "python build.py --check" in gitlab["verifier-fiches"]["script"]
    assert gitlab["construire-site"]["artifacts"]["paths"] == ["site/", "dist/repere-hors-ligne.zip"]
    assert gitlab["construire-site"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    github = yaml.safe_load((REPO / ".github" / "workflows" / "catalogue.yml").read_text(encoding="utf-8"))
    assert set(github[True]) == {"pull_request", "push"}  # YAML 1.1 reads the key `on` as True
    assert "python build.py --check" in [step.get("run") for step in github["jobs"]["verifier-fiches"]["steps"]]
    upload = github["jobs"]["construire-site"]["steps"][-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert "dist/repere-hors-ligne.zip" in upload["with"]["path"]


def test_pipeline_build_commands_exist_and_run() -> None:
    builds = [shlex.split(command) for command in pipeline_commands() if command.startswith("python build.py")]
    assert len(builds) == 4
    for command in builds:
        build_parser().parse_args(command[2:])  # exits (failing the test) on an unknown option
    checks = {tuple(command) for command in builds if "--check" in command}
    assert checks == {("python", "build.py", "--check")}
    result = subprocess.run([sys.executable, "build.py", "--check"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    commands = pipeline_commands()
    assert any(command.startswith("npm ci") for command in commands) and (REPO / "package-lock.json").is_file()
    assert any(command.startswith("pip install") and "-e ." in command for command in commands)


def test_merge_request_templates_carry_the_same_checklist() -> None:
    gitlab = (REPO / ".gitlab" / "merge_request_templates" / "Fiche.md").read_text(encoding="utf-8")
    github = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert gitlab == github
    assert gitlab.count("- [ ]") >= 8 and "Aucune donnée personnelle" in gitlab
