"""``python build.py importer-romin``: ROMIN sheets (Netlify CMS) → Repère tool sheets (issue 17).

The fixture ``tests/fixtures/romin/depot`` is a reconstruction of a ROMIN checkout (ROMIN's own
repository was not available): ``content/fiches/grille-des-emotions.md`` has every problem the
issue lists for ROMIN's published sample sheet; the others use the CMS options of
``public/admin/config.yml`` with the spellings ROMIN writes (``&``, ``/``, ’, capitals).
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.catalogue import romin, romin_convert, romin_mapping
from generator.catalogue import vocabulary as vocab
from generator.catalogue.loader import load_catalogue, split_front_matter
from generator.catalogue.site_build import main
from generator.text import fold

REPO = Path(__file__).resolve().parent.parent
DEPOT = REPO / "tests" / "fixtures" / "romin" / "depot"
EMAILS = ("camille.roussel@justice.fr", "gt-addictions@example.org", "referente.addictions@justice.fr",
          "jean.dupont@justice.fr")


def run(depot: Path, content: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["importer-romin", str(depot), "--content", str(content)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def front(path: Path) -> dict:
    source = split_front_matter(path.read_text(encoding="utf-8"))
    assert source is not None
    return yaml.safe_load(source.front_matter)


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, int, str, str]:
    content = tmp_path / "content"
    (content / "tools").mkdir(parents=True)
    code, out, err = run(DEPOT, content, capsys)
    return content, code, out, err


def test_published_sample_sheet_is_mapped(imported: tuple[Path, int, str, str]) -> None:
    content, code, out, _err = imported
    assert code == 0
    sheet = front(content / "tools" / "grille-des-emotions.md")
    assert sheet["facteurs_risques"] == ["personnalite"]
    assert sheet["modalite"] == ["individuel"]
    assert sheet["stades_changement"] == ["precontemplation", "contemplation"]
    assert sheet["nb_seances"] == "2-5" and "nb_sceances" not in sheet
    assert sheet["cree_le"] == datetime.date(2023, 3, 14)
    assert sheet["facteurs_protecteurs"] == ["Capacité à nommer ses émotions", "Soutien d’un proche"]
    assert sheet["auteur"] == {"nom": "Camille Roussel"}
    assert sheet["supports"] == [{"fichier": "supports/grille-des-emotions-v2.pdf",
                                  "titre": "Grille des émotions v2"}]
    assert (content / "tools" / "supports" / "grille-des-emotions-v2.pdf").read_bytes() == \
        (DEPOT / "public" / "media" / "uploads" / "grille-des-emotions_v2.pdf").read_bytes()
    assert sheet["statut"] == "brouillon"  # ROMIN has no « duree »
    assert "grille-des-emotions.md:8: clé « nb_sceances » renommée « nb_seances »" in out
    assert "« Traits de personnalité antisociale » → personnalite" in out


def test_varied_cms_options_are_mapped(imported: tuple[Path, int, str, str]) -> None:
    content, _code, out, _err = imported
    path = content / "tools" / "le-cercle-des-allies.md"
    sheet = front(path)
    assert sheet["facteurs_risques"] == ["attitudes", "entourage", "famille_couple", "emploi_formation"]
    assert sheet["modalite"] == ["individuel", "collectif"]
    assert sheet["stades_changement"] == ["preparation", "action", "maintien"]  # Détermination → preparation
    assert sheet["nb_seances"] == "10+"
    assert sheet["objectifs"] == ["Identifier ses soutiens", "Repérer les relations à risque"]
    assert sheet["mis_a_jour"] == datetime.date(2023, 1, 15)  # date_modification, a datetime
    assert sheet["auteur"] == {"nom": "Nadia Benali", "role": "CPIP, SPIP du Rhône"}
    assert [support["titre"] for support in sheet["supports"]] == ["Situations à risque", "Schéma cycle"]
    body = path.read_text(encoding="utf-8").split("---", 2)[2]
    assert "\n## Déroulé" in body and "\n# " not in body  # ROMIN's level-1 headings moved down
    assert "cercle-des-allies.md:25: clé « layout » non reprise" in out


def test_result_passes_the_build_check_drafts_included(imported: tuple[Path, int, str, str],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    content = imported[0]
    catalogue = load_catalogue(content, include_drafts=True)
    # Drafts still lacking « duree » are checked but not rendered until it is written.
    imported_sheets = set(catalogue.tools) | {Path(shown).stem for shown in catalogue.incomplete_drafts}
    assert imported_sheets == {"grille-des-emotions", "le-cercle-des-allies",
                               "plan-de-prevention-de-la-rechute"}
    assert all(tool.is_draft for tool in catalogue.tools.values())
    assert main(["--check", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "Fiches valides" in out
    assert "grille-des-emotions.md : brouillon à compléter (non affiché) : « duree »" in out


def test_missing_duree_is_left_to_the_contributor(imported: tuple[Path, int, str, str]) -> None:
    content, _code, out, _err = imported
    sheet = front(content / "tools" / "grille-des-emotions.md")
    # Never guessed: the key is left out, and the draft is listed for its contributor.
    assert "duree" not in sheet and sheet["statut"] == "brouillon"
    assert "Brouillons à compléter" in out
    assert "grille-des-emotions.md : " in out and "« duree »" in out


def test_emails_are_never_imported_nor_printed(imported: tuple[Path, int, str, str]) -> None:
    content, _code, out, err = imported
    written = "".join(path.read_text(encoding="utf-8") for path in (content / "tools").glob("*.md"))
    for text in (written, out, err):
        assert "@" not in text
        assert not any(email in text for email in EMAILS)
    assert "plan-de-prevention.md:23: mode d'emploi : adresse e-mail retirée" in out
    assert "grille-des-emotions.md:19: « auteur » : adresse e-mail non importée" in out
    plan = (content / "tools" / "plan-de-prevention-de-la-rechute.md").read_text(encoding="utf-8")
    assert "écrivez à la référente" in plan and "statut: brouillon" in plan


def test_label_with_a_typo_is_reported_not_guessed(imported: tuple[Path, int, str, str]) -> None:
    content, _code, out, _err = imported
    sheet = front(content / "tools" / "plan-de-prevention-de-la-rechute.md")
    assert sheet["facteurs_risques"] == ["loisirs"]  # « Adictions » left out
    assert sheet["statut"] == "brouillon"
    assert ("plan-de-prevention.md:5: « facteurs_risques » : valeur « Adictions (alcool, stupéfiants, jeux) » "
            "non reconnue, laissée de côté. Vouliez-vous dire « Addictions (alcool, stupéfiants, jeux) » "
            "(addictions) ?") in out


def test_missing_and_disallowed_uploads_are_refused(imported: tuple[Path, int, str, str]) -> None:
    content, _code, out, _err = imported
    supports = content / "tools" / "supports"
    assert sorted(path.name for path in supports.iterdir()) == [
        "agenda-semaine.pdf", "grille-des-emotions-v2.pdf", "schema-cycle.png", "situations-a-risque.txt"]
    sheet = front(content / "tools" / "plan-de-prevention-de-la-rechute.md")
    assert sheet["supports"] == [{"fichier": "supports/agenda-semaine.pdf", "titre": "Agenda semaine"}]
    assert "plan-de-prevention.md:11: « supports » : fichier « /media/uploads/plan-vierge.pdf » introuvable" in out
    assert ("plan-de-prevention.md:12: « supports » : « /media/uploads/fiche-interactive.html » refusé : "
            "type « html » non autorisé") in out


def test_slug_collision_between_romin_sheets(imported: tuple[Path, int, str, str]) -> None:
    content, _code, out, _err = imported
    assert "le-cercle-des-allies-bis.md:2: fiche non importée : même nom de fichier (le-cercle-des-allies.md)" in out
    assert front(content / "tools" / "le-cercle-des-allies.md")["titre"] == "Le cercle des alliés"


def test_reimport_never_replaces_an_existing_sheet(imported: tuple[Path, int, str, str],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    content = imported[0]
    completed = content / "tools" / "grille-des-emotions.md"
    completed.write_text(completed.read_text(encoding="utf-8").replace("statut: brouillon\n", ""),
                         encoding="utf-8")
    before = {path: path.read_bytes() for path in content.rglob("*") if path.is_file()}
    code, out, err = run(DEPOT, content, capsys)
    assert code == 1  # nothing left to import
    assert {path: path.read_bytes() for path in content.rglob("*") if path.is_file()} == before
    assert "grille-des-emotions.md:2: fiche non importée : tools/grille-des-emotions.md existe déjà" in out
    assert "Aucune fiche importée" in err
    assert not [path for path in content.iterdir() if path.name.startswith(".romin")]


def test_existing_support_with_the_same_name_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    (content / "tools" / "supports").mkdir(parents=True)
    (content / "tools" / "supports" / "agenda-semaine.pdf").write_bytes(b"%PDF-1.4 another file")
    code, _out, _err = run(DEPOT, content, capsys)
    assert code == 0
    assert (content / "tools" / "supports" / "agenda-semaine.pdf").read_bytes() == b"%PDF-1.4 another file"
    sheet = front(content / "tools" / "plan-de-prevention-de-la-rechute.md")
    assert sheet["supports"][0]["fichier"] == "supports/agenda-semaine-2.pdf"


def write_depot(root: Path, sheets: dict[str, str]) -> Path:
    (root / "content" / "fiches").mkdir(parents=True)
    (root / "public" / "media" / "uploads").mkdir(parents=True)
    for name, text in sheets.items():
        (root / "content" / "fiches" / name).write_text(text, encoding="utf-8")
    return root


COMPLETE = """---
title: Arbre à problèmes
Modalite: individuelle
facteurs_risques: [problemes familiaux et conjugaux, ADDICTIONS]
stades_changement: contemplation
nb_sceances: 3
resume: Relier un problème à ses causes et à ses conséquences.
duree_seance: 1h30
cree_le: 14/03/2023
---

## Déroulé

Dessinez l'arbre.
"""


def test_complete_sheet_is_published_and_exact_counts_are_banded(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    depot = write_depot(tmp_path / "romin", {"arbre.md": COMPLETE})
    content = tmp_path / "content"
    (content / "tools").mkdir(parents=True)
    code, out, _err = run(depot, content, capsys)
    assert code == 0, out
    sheet = front(content / "tools" / "arbre-a-problemes.md")
    assert "statut" not in sheet
    assert sheet["modalite"] == ["individuel"]
    assert sheet["facteurs_risques"] == ["famille_couple", "addictions"]
    assert sheet["stades_changement"] == ["contemplation"]
    assert sheet["nb_seances"] == "2-5" and sheet["duree"] == 90
    assert sheet["cree_le"] == datetime.date(2023, 3, 14)
    assert "arbre.md:6: « nb_seances » : 3 → « 2-5 »" in out
    assert load_catalogue(content).tools["arbre-a-problemes"].titre == "Arbre à problèmes"


def test_romin_draft_flag_and_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    depot = write_depot(tmp_path / "romin", {
        "brouillon.md": COMPLETE.replace("title: Arbre à problèmes", "title: En cours\ndraft: true"),
        "sans-entete.md": "Juste du texte.\n",
        "yaml-casse.md": "---\ntitre: [ouvert\n---\n",
        "enorme.md": "---\ntitre: Énorme\n---\n" + "x" * 600_000,
    })
    content = tmp_path / "content"
    (content / "tools").mkdir(parents=True)
    code, out, _err = run(depot, content, capsys)
    assert code == 0
    assert front(content / "tools" / "en-cours.md")["statut"] == "brouillon"
    assert "sans-entete.md:1: fichier non importé : pas d'en-tête" in out
    assert "yaml-casse.md:2: fichier non importé : YAML invalide" in out
    assert "enorme.md: fichier non importé : fichier trop gros" in out


def test_no_romin_folder_is_an_error_and_writes_nothing(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    (content / "tools").mkdir(parents=True)
    code, out, err = run(tmp_path / "nulle-part", content, capsys)
    assert code == 1 and out == ""
    assert "nulle-part : dossier introuvable" in err
    assert list(content.rglob("*")) == [content / "tools"]


def test_io_failure_writes_no_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    (content / "tools").mkdir(parents=True)
    real_replace, calls = os.replace, []

    def failing_replace(source: object, target: object) -> None:
        calls.append(target)
        if len(calls) == 5:  # the four supports are in, the first sheet fails
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(romin.os, "replace", failing_replace)
    code, out, err = run(DEPOT, content, capsys)
    assert code == 1 and len(calls) == 5
    assert "aucune fiche n'a été importée" in err
    assert sorted(path.name for path in content.rglob("*")) == ["supports", "tools"]


def test_usage_errors_and_help_are_french() -> None:
    command = [sys.executable, "build.py", "importer-romin"]
    missing = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert missing.returncode == 2 and "arguments obligatoires manquants : DEPOT" in missing.stderr
    helped = subprocess.run([*command, "--help"], cwd=REPO, capture_output=True, text=True)
    assert helped.returncode == 0 and "dossier du dépôt ROMIN" in helped.stdout
    assert "aucune adresse e-mail n'est importée" in helped.stdout.lower().replace("\n", " ").replace("  ", " ")


# --- the declaration -------------------------------------------------------------------------------


def test_every_romin_label_maps_to_slugs_of_our_vocabulary() -> None:
    for table in romin_mapping.LABEL_TABLES:
        lookup = romin_mapping.lookup_table(table)
        for label, slugs in table.romin.items():
            assert set(slugs) <= set(table.vocabulary), (table.key, label)
            # Tolerance: case, accents, ' or ’, & or et, / or ou.
            for variant in (label, label.upper(), fold(label), label.replace("’", "'"),
                            label.replace("&", "et"), label.replace("/", "ou")):
                assert lookup[romin_mapping.label_key(variant)] == slugs, variant


def test_no_two_spellings_of_different_values_collide() -> None:
    for table in romin_mapping.LABEL_TABLES:
        seen: dict[str, tuple[str, ...]] = {}
        for label, slugs in table.accepted().items():
            key = romin_mapping.label_key(label)
            assert seen.setdefault(key, slugs) == slugs, (table.key, label)


def test_renamed_keys_and_vocabulary_keys_are_keys_of_the_contract() -> None:
    keys = set(romin_convert.TOOL_KEYS)
    assert set(romin_mapping.KEY_RENAMES.values()) <= keys
    assert {table.key for table in romin_mapping.LABEL_TABLES} <= keys
    assert set(romin_convert.READERS) <= keys
    assert set(romin_mapping.ALLOWED_SUPPORT_TYPES).isdisjoint({"html", "htm", "svg"})


def test_issue_labels_map_as_the_issue_says() -> None:
    expected = {
        ("stades_changement", "Détermination"): ("preparation",),
        ("stades_changement", "Maintien et prévention de la rechute"): ("maintien",),
        ("nb_seances", "Entre 6 et 10"): ("6-10",),
        ("nb_seances", "Plus de 10"): ("10+",),
        ("modalite", "Individuelle et collective"): ("individuel", "collectif"),
        ("facteurs_risques", "problemes d'ordre scolaire ou professionnel"): ("emploi_formation",),
    }
    for (key, label), slugs in expected.items():
        table = romin_mapping.LABELS_BY_KEY[key]
        assert romin_mapping.lookup_table(table)[romin_mapping.label_key(label)] == slugs
    assert set(vocab.RISK_FACTORS) == {slug for slugs in romin_mapping.LABELS_BY_KEY["facteurs_risques"]
                                       .romin.values() for slug in slugs}


def test_support_titles_from_file_names() -> None:
    restore = romin_convert.AccentRestorer(["Une séance sur les émotions et le réseau."])
    assert romin_convert.title_from_file_name("grille-des-emotions_v2", restore) == "Grille des émotions v2"
    assert romin_convert.title_from_file_name("Reseau%20relationnel", restore) == "Réseau relationnel"


def test_protective_factors_text_becomes_a_list() -> None:
    assert romin_convert._split_text("- Un travail\n* Une famille; des amis\n\n1. Un projet") == [
        "Un travail", "Une famille", "des amis", "Un projet"]


def test_contributing_lists_the_romin_mapping() -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "## 10. Venir de ROMIN" in guide
    assert romin_mapping.contributor_table() in guide


def test_fixture_depot_is_left_untouched(imported: tuple[Path, int, str, str]) -> None:
    assert not [path for path in DEPOT.rglob("*") if path.name.startswith(".romin")]
    assert shutil.which("git") is None or subprocess.run(
        ["git", "status", "--porcelain", "--", str(DEPOT)], cwd=REPO, capture_output=True, text=True).stdout == ""


def test_sheet_whose_only_factor_has_a_typo_is_kept_and_the_site_still_builds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typo = COMPLETE.replace("[problemes familiaux et conjugaux, ADDICTIONS]", "Traits de personalité antisocial")
    depot = write_depot(tmp_path / "romin", {"arbre.md": typo})
    content = tmp_path / "content"
    (content / "tools").mkdir(parents=True)
    code, out, _err = run(depot, content, capsys)
    assert code == 0
    assert ("arbre.md:4: « facteurs_risques » : valeur « Traits de personalité antisocial » non reconnue, "
            "laissée de côté. Vouliez-vous dire « Traits de personnalité antisociale » (personnalite) ?") in out
    # Written as a draft if the build accepts a draft without risk factor, else apart, outside the
    # catalogue, with the build's reason: never lost, never guessed, and the site still builds.
    written = [content / "tools" / "arbre-a-problemes.md", content / romin.HOLDING_DIR / "arbre-a-problemes.md"]
    assert [path.exists() for path in written].count(True) == 1
    sheet = front(next(path for path in written if path.exists()))
    assert sheet["statut"] == "brouillon" and "facteurs_risques" not in sheet
    if written[1].exists():
        assert f"{romin.HOLDING_DIR}/arbre-a-problemes.md ← " in out and "facteurs_risques" in out
    assert main(["--check", "--content", str(content)]) == 0


@pytest.mark.parametrize("layout", ["two-folders", "sheets-folder"])
def test_copies_of_romin_folders_are_read_too(layout: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    if layout == "two-folders":  # « une copie de ses dossiers content/fiches/ et public/media/uploads/ »
        given = tmp_path / "copie"
        shutil.copytree(DEPOT / "content" / "fiches", given / "fiches")
        shutil.copytree(DEPOT / "public" / "media" / "uploads", given / "uploads")
    else:
        shutil.copytree(DEPOT, tmp_path / "romin")
        given = tmp_path / "romin" / "content" / "fiches"
    content = tmp_path / "content"
    (content / "tools").mkdir(parents=True)
    code, _out, _err = run(given, content, capsys)
    assert code == 0
    assert front(content / "tools" / "grille-des-emotions.md")["supports"][0]["titre"] == "Grille des émotions v2"


def test_email_scrubbing_catches_disguised_addresses_and_keeps_the_words() -> None:
    cases = {
        "Écrivez à jean.dupont@justice.fr pour le support.": "Écrivez à pour le support.",
        "Contact : marie.durand [at] justice [point] fr": "Contact : ",
        "Voir [la référente](mailto:ref@spip.fr).": "Voir la référente.",
        '<a href="mailto:ref@spip.fr">la référente</a>': "la référente",
        "    - sous-liste <ref@spip.fr> gardée": "    - sous-liste gardée",
    }
    for text, expected in cases.items():
        assert romin_convert.scrub_emails(text) == (expected, 1), text
    assert romin_convert.scrub_emails("Le rendez-vous a lieu à 10 h.") == ("Le rendez-vous a lieu à 10 h.", 0)
