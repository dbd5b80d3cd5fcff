"""Loading and validating sheets: every rule of shared/spec/tool-sheet.md, located in French."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest

from generator.catalogue.loader import incomplete_draft_notes, load_catalogue, split_front_matter
from generator.catalogue.model import Duration
from generator.problems import InvalidInput

FIXTURES = Path(__file__).parent / "fixtures" / "catalogue"
MINIMAL = """\
titre: Outil minimal
resume: Seulement les clés obligatoires.
facteurs_risques: [addictions]
modalite: [individuel]
duree: 20
"""


def write_sheet(root: Path, front_matter: str, body: str = "## Déroulé\n", name: str = "outil") -> Path:
    path = root / "tools" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{textwrap.dedent(front_matter)}---\n{body}", encoding="utf-8")
    return path


def problems_of(root: Path) -> list[str]:
    with pytest.raises(InvalidInput) as raised:
        load_catalogue(root)
    return [str(problem) for problem in raised.value.problems]


def test_valid_fixture_loads_every_key() -> None:
    catalogue = load_catalogue(FIXTURES / "valide")
    tool = catalogue.tools["outil-complet"]
    assert tool.duree == Duration(30, 45)
    assert tool.nb_seances == "2-5"
    assert tool.milieu == ("ouvert",)
    assert tool.supports[0].extension == "PDF"
    assert tool.auteur and tool.auteur.role == "CPIP"
    assert tool.mis_a_jour == datetime.date(2025, 1, 15)
    # Feedback is shown newest first whatever the order in the file.
    assert [feedback.date.year for feedback in tool.retours] == [2025, 2025]
    assert tool.retours[0].date > tool.retours[1].date
    assert catalogue.programmes["programme-test"].outils == ("outil-minimal",)


def test_defaults_of_optional_keys() -> None:
    tool = load_catalogue(FIXTURES / "valide").tools["outil-minimal"]
    assert tool.nb_seances == "1"
    assert tool.milieu == ("ouvert", "ferme")
    assert tool.stades_changement == ()


def test_faulty_fixture_reports_every_problem_of_every_file_in_one_run() -> None:
    messages = problems_of(FIXTURES / "fautif")
    files = {message.split(":")[0] for message in messages}
    assert len(files) == 6
    expected = [
        "cle-inconnue.md:4: clé « facteur_risque » inconnue. Vouliez-vous dire « facteurs_risques » ?",
        "valeurs-hors-vocabulaire.md:4: « facteurs_risques » : valeur « addiction » non reconnue. "
        "Vouliez-vous dire « addictions » ?",
        "valeurs-hors-vocabulaire.md:7: « nb_seances » : valeur « 3 » non reconnue. "
        "Pour 3 séances, écrivez « 2-5 ».",
        "valeurs-hors-vocabulaire.md:10: « cree_le » : « 2024-13-01 » n'est pas une date valide.",
        "yaml-invalide.md:5: YAML invalide : liste entre crochets ouverte ligne 4",
        "support-manquant.md:8: support « supports/absent.pdf » introuvable",
        "support-manquant.md:10: « programmes » : programme « programme-fantome » introuvable.",
        "support-manquant.md:12: titre de niveau 1",
        "programme-incomplet.md:6: « outils » : outil « cle-inconnu » introuvable. "
        "Vouliez-vous dire « cle-inconnue » ?",
        "programme-incomplet.md:2: clé obligatoire « nb_seances » absente.",
        "Mauvais_Nom.md: nom de fichier « Mauvais_Nom.md » invalide",
    ]
    for start in expected:
        assert any(start in message for message in messages), start


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        (MINIMAL.replace("titre: Outil minimal", "titre: Ab"), "« titre » est trop court"),
        (MINIMAL.replace("Seulement les clés obligatoires.", "x" * 401), "« resume » est trop long (401"),
        (MINIMAL.replace("[addictions]", "[]"), "doit contenir au moins 1 valeur"),
        (MINIMAL.replace("[addictions]", "addictions"), "doit être une liste : écrivez [addictions]"),
        (MINIMAL.replace("duree: 20", 'duree: "45-30"'), "fourchette croissante"),
        (MINIMAL.replace("duree: 20", "duree: 0"), "n'est pas une durée valide"),
        (MINIMAL + "milieu: [prison]\n", "« milieu » : valeur « prison » non reconnue"),
        (MINIMAL + "objectifs: {a: b}\n", "« objectifs » doit être une liste"),
        (MINIMAL + "auteur: Jean\n", "« auteur » doit contenir « nom »"),
        (MINIMAL + "auteur:\n  nom: Groupe\n  mail: x\n", "clé « mail » inconnue"),
        (MINIMAL + "supports:\n  - fichier: a.pdf\n", "clé « titre » manquante"),
        (MINIMAL + "supports:\n  - fichier: ../../secret.pdf\n    titre: x\n", "sort du dossier des fiches"),
        (MINIMAL + "retours:\n  - date: 2025-01-01\n    contexte: CPIP\n    texte: " + "x" * 1001 + "\n",
         "« retours.texte » est trop long (1001"),
        (MINIMAL + "retours:\n  - contexte: CPIP\n    texte: bien\n", "sans « date »"),
        (MINIMAL + "titre: doublon\n", "la clé « titre » apparaît deux fois"),
        ("- juste\n- une liste\n", "l'en-tête doit être une suite de lignes « clé: valeur »"),
    ],
)
def test_each_rule_is_checked(tmp_path: Path, front_matter: str, expected: str) -> None:
    write_sheet(tmp_path, front_matter)
    messages = problems_of(tmp_path)
    assert any(expected in message for message in messages), messages
    assert all(message.startswith("outil.md:") or "/outil.md:" in message for message in messages)


def test_missing_front_matter_is_explained(tmp_path: Path) -> None:
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "outil.md").write_text("# Juste un titre\n", encoding="utf-8")
    assert any("doit commencer par une ligne « --- »" in message for message in problems_of(tmp_path))


def test_not_utf8_is_explained(tmp_path: Path) -> None:
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "outil.md").write_bytes("---\ntitre: é\n---\n".encode("latin-1"))
    assert any("UTF-8" in message for message in problems_of(tmp_path))


def test_missing_tools_folder(tmp_path: Path) -> None:
    assert any("« tools/ » introuvable" in message for message in problems_of(tmp_path))


def test_windows_line_endings_and_bom_are_accepted(tmp_path: Path) -> None:
    text = "\ufeff---\r\n" + MINIMAL.replace("\n", "\r\n") + "---\r\n## Déroulé\r\n"
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "outil.md").write_text(text, encoding="utf-8")
    assert load_catalogue(tmp_path).tools["outil"].titre == "Outil minimal"


def test_heading_inside_code_fence_is_not_a_heading(tmp_path: Path) -> None:
    write_sheet(tmp_path, MINIMAL, body="## Exemple\n\n```\n# pas un titre\n```\n")
    assert "outil" in load_catalogue(tmp_path).tools


def test_body_line_numbers_count_blank_lines(tmp_path: Path) -> None:
    write_sheet(tmp_path, MINIMAL, body="\n\n## Bien\n# Mal\n")
    # ---, 5 keys, ---, two blank lines, "## Bien": the "# Mal" heading is line 11.
    assert any(message.endswith("intertitres à « ## ».") and ":11:" in message
               for message in problems_of(tmp_path))


def test_split_front_matter_keeps_the_body() -> None:
    split = split_front_matter("---\na: 1\n---\n\nTexte\n")
    assert split is not None
    assert (split.front_matter, split.front_matter_line, split.body, split.body_line) == ("a: 1", 2, "Texte\n", 5)
    assert split_front_matter("pas d'en-tête\n") is None


def test_duplicate_slug_is_refused(tmp_path: Path) -> None:
    # "budget.md" and "budget.MD" would be one file once unzipped on Windows.
    write_sheet(tmp_path, MINIMAL, name="budget")
    (tmp_path / "tools" / "budget.MD").write_text((tmp_path / "tools" / "budget.md").read_text())
    assert any("identifiant « budget » déjà utilisé" in message for message in problems_of(tmp_path))


def test_tools_are_sorted_by_title_ignoring_accents(tmp_path: Path) -> None:
    write_sheet(tmp_path, MINIMAL.replace("Outil minimal", "Zèbre"), name="a")
    write_sheet(tmp_path, MINIMAL.replace("Outil minimal", "Écoute active"), name="b")
    write_sheet(tmp_path, MINIMAL.replace("Outil minimal", "Budget"), name="c")
    assert [tool.titre for tool in load_catalogue(tmp_path).tools.values()] == ["Budget", "Écoute active", "Zèbre"]


# --- the updated contract (issues 14/15) ---------------------------------------------------------

def test_vocabulary_values_ignore_case_and_accents_and_are_stored_as_slugs(tmp_path: Path) -> None:
    write_sheet(tmp_path, MINIMAL.replace("[individuel]", "[Collectif, INDIVIDUEL]")
                + "milieu: [Fermé]\nniveau_preuve: À_Évaluer\nadaptations: [Peu_de_Français, sans_lecture]\n"
                + "stades_changement: [Précontemplation]\n")
    tool = load_catalogue(tmp_path).tools["outil"]
    assert tool.milieu == ("ferme",)
    assert tool.modalite == ("individuel", "collectif")
    assert tool.niveau_preuve == "a_evaluer"
    assert tool.adaptations == ("sans_lecture", "peu_de_francais")
    assert tool.stades_changement == ("precontemplation",)


def test_new_tool_keys_and_their_defaults(tmp_path: Path) -> None:
    write_sheet(tmp_path, MINIMAL + "prerequis: Formation EM de deux jours.\n")
    tool = load_catalogue(tmp_path).tools["outil"]
    assert tool.prerequis == "Formation EM de deux jours."
    assert (tool.statut, tool.methodes, tool.adaptations) == ("publie", (), ())


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        (MINIMAL + "prerequis: " + "x" * 401 + "\n", "outil.md:7: « prerequis » est trop long (401"),
        (MINIMAL + "adaptations: [illettrisme]\n", "outil.md:7: « adaptations » : valeur « illettrisme » non "
         "reconnue. Valeurs possibles : « sans_lecture », « peu_de_francais » ou « a_distance »."),
        (MINIMAL + "statut: brouilon\n", "outil.md:7: « statut » : valeur « brouilon » non reconnue. "
         "Vouliez-vous dire « brouillon » ?"),
        (MINIMAL + "milieu: [fermée]\n", "« milieu » : valeur « fermée » non reconnue. Vouliez-vous dire « ferme » ?"),
        (MINIMAL + "methodes: entretien\n", "« methodes » doit être une liste"),
    ],
)
def test_new_keys_are_checked(tmp_path: Path, front_matter: str, expected: str) -> None:
    write_sheet(tmp_path, front_matter)
    assert any(expected in message for message in problems_of(tmp_path)), problems_of(tmp_path)


def write_method(root: Path, front_matter: str, name: str = "entretien-motivationnel") -> Path:
    path = root / "methodes" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{textwrap.dedent(front_matter)}---\n## En bref\n", encoding="utf-8")
    return path


METHOD = "titre: Entretien motivationnel\nresume: Un style de conversation.\n"


def test_methods_load_and_unknown_method_references_are_located_with_a_suggestion(tmp_path: Path) -> None:
    write_method(tmp_path, METHOD + "principes: [Empathie]\nreferences:\n  - titre: Guide\n    url: https://example.org/g\n")
    write_sheet(tmp_path, MINIMAL + "methodes: [entretien-motivationnel]\n")
    catalogue = load_catalogue(tmp_path)
    method = catalogue.methods["entretien-motivationnel"]
    assert method.principes == ("Empathie",) and method.references[0].url == "https://example.org/g"
    assert catalogue.tools["outil"].methodes == ("entretien-motivationnel",)
    write_sheet(tmp_path, MINIMAL + "methodes:\n  - entretien-motivationel\n")
    messages = problems_of(tmp_path)
    assert len(messages) == 1
    assert messages[0].endswith("outil.md:8: « methodes » : méthode « entretien-motivationel » introuvable. "
                                "Vouliez-vous dire « entretien-motivationnel » ? "
                                "Indiquez le nom du fichier sans « .md ».")


def test_programmes_take_statut_methodes_and_prerequis(tmp_path: Path) -> None:
    write_sheet(tmp_path, MINIMAL)
    write_method(tmp_path, METHOD)
    path = tmp_path / "programmes" / "prog.md"
    path.parent.mkdir()
    path.write_text("---\ntitre: Programme\nresume: r\nfacteurs_risques: [addictions]\nmodalite: [collectif]\n"
                    "nb_seances: 8\nduree_seance: 90\nstatut: publie\nmethodes: [entretien-motivationnel]\n"
                    "prerequis: Animateurs formés.\n---\n## Séances\n", encoding="utf-8")
    programme = load_catalogue(tmp_path).programmes["prog"]
    assert (programme.methodes, programme.prerequis) == (("entretien-motivationnel",), "Animateurs formés.")


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        (METHOD + "references:\n  - titre: x\n    url: javascript:alert(1)\n",
         "entretien-motivationnel.md:6: « references.url » : « javascript:alert(1) » n'est pas une adresse web."),
        (METHOD + "references:\n  - url: https://example.org\n", "« references » : clé « titre » manquante."),
        (METHOD + "principes: Empathie\n", "« principes » doit être une liste"),
        (METHOD + "duree: 20\n", "clé « duree » inconnue."),
        ("titre: Méthode\n", "clé obligatoire « resume » absente."),
    ],
)
def test_method_rules(tmp_path: Path, front_matter: str, expected: str) -> None:
    write_sheet(tmp_path, MINIMAL)
    write_method(tmp_path, front_matter)
    messages = problems_of(tmp_path)
    assert any(expected in message for message in messages), messages


def test_drafts_are_checked_but_left_out_unless_asked_for(tmp_path: Path) -> None:
    write_sheet(tmp_path, MINIMAL)
    write_sheet(tmp_path, MINIMAL + "statut: brouillon\n", name="brouillon")
    write_method(tmp_path, METHOD + "statut: brouillon\n")
    catalogue = load_catalogue(tmp_path)
    assert list(catalogue.tools) == ["outil"] and catalogue.methods == {}
    preview = load_catalogue(tmp_path, include_drafts=True)
    assert preview.tools["brouillon"].is_draft and not preview.tools["outil"].is_draft
    assert list(preview.methods) == ["entretien-motivationnel"]
    # A draft is still checked, and a published sheet may already name it.
    write_sheet(tmp_path, MINIMAL + "statut: brouillon\nduree: vingt\n", name="brouillon")
    assert any("brouillon.md:" in message for message in problems_of(tmp_path))


def test_a_draft_may_leave_out_required_keys_and_is_then_listed_not_rendered(tmp_path: Path) -> None:
    write_sheet(tmp_path, MINIMAL)
    write_sheet(tmp_path, MINIMAL.replace("duree: 20\n", "") + "statut: Brouillon\n", name="importee")
    preview = load_catalogue(tmp_path, include_drafts=True)
    assert list(preview.tools) == ["outil"]
    assert [(Path(shown).name, keys) for shown, keys in preview.incomplete_drafts.items()] == [
        ("importee.md", ("duree",))]
    assert incomplete_draft_notes(preview)[0].endswith(
        "importee.md : brouillon à compléter (non affiché) : « duree » à écrire avant de publier.")
    # What is written is still checked, and a published sheet must have every required key.
    write_sheet(tmp_path, MINIMAL.replace("duree: 20\n", "").replace("[individuel]", "[seul]")
                + "statut: brouillon\n", name="importee")
    assert any("importee.md:5: « modalite »" in message for message in problems_of(tmp_path)), \
        problems_of(tmp_path)
    write_sheet(tmp_path, MINIMAL.replace("duree: 20\n", ""), name="importee")
    assert any("clé obligatoire « duree » absente" in message for message in problems_of(tmp_path))


def test_starter_text_is_refused_with_what_to_write_instead(tmp_path: Path) -> None:
    write_sheet(tmp_path, MINIMAL.replace("Seulement les clés obligatoires.", '"À compléter : un résumé."')
                .replace("[addictions]", "[À compléter]"),
                body="## Déroulé\n\n1. À compléter : première étape.\n\n```\nÀ compléter dans un bloc de code\n```\n")
    messages = problems_of(tmp_path)
    assert any("outil.md:3: « resume » : texte de départ « À compléter » de « nouvelle-fiche » encore présent. "
               "Écrivez à la place : Résumé en un paragraphe" in message for message in messages), messages
    assert any("outil.md:4: « facteurs_risques » : texte de départ" in message
               and "Valeurs possibles : « attitudes »" in message for message in messages), messages
    assert any("outil.md:10: texte de départ « À compléter » de « nouvelle-fiche » encore présent" in message
               for message in messages), messages
    assert len(messages) == 3  # the code block is left alone
