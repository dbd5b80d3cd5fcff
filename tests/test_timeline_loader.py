"""The case-file loader: every rule of the spec, every problem reported at once, in French."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from generator.problems import InvalidInput
from generator.timeline.loader import find_case_files, load_case, parse_date

FIXTURES = Path(__file__).parent / "fixtures" / "frise"
EXAMPLES = Path(__file__).parent.parent / "examples" / "dossiers"

HEADER = "dossier: EX-T-01\nannee_naissance: 1990\ndate_reference: 2026-11-01\n"
OFFENCE = "faits:\n  - id: f1\n    date: 2012-03\n    categorie: vol\n    gravite: delit\n"


def write(tmp_path: Path, text: str, name: str = "cas.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    """All problems of a file that must be refused, as printed (``path:line: message``)."""
    with pytest.raises(InvalidInput) as caught:
        load_case(path)
    return [str(problem) for problem in caught.value.problems]


def only(tmp_path: Path, text: str) -> str:
    """The single problem of a file."""
    found = messages(write(tmp_path, text))
    assert len(found) == 1, found
    return found[0]


# --- a valid file -------------------------------------------------------------------------------
def test_complete_file_builds_the_model() -> None:
    case = load_case(FIXTURES / "complet.yaml")
    assert case.dossier == "EX-2024-017"
    assert case.annee_naissance == 1994
    assert case.date_reference == datetime.date(2026, 11, 1)
    assert [o.id for o in case.faits] == ["f1", "f2", "f3", "f4"]
    f1, f2, f3, f4 = case.faits
    # Partial dates are their first day; the text as written is kept.
    assert (f1.date, f1.date_text) == (datetime.date(2012, 3, 1), "2012-03")
    assert (f2.date, f2.date_text) == (datetime.date(2014, 1, 1), "2014")
    assert (f3.date, f3.date_text) == (datetime.date(2016, 6, 15), "2016-06-15")
    assert (f4.date, f4.date_text) == (datetime.date(2018, 1, 20), "2018-01-20")  # quoted
    assert f1.natinf == 7875 and f1.libelle == "Vol à l'étalage"
    assert f2.natinf is None
    d2 = case.decisions[1]
    assert d2.faits == ("f2", "f3")
    assert [p.quantum for p in d2.peines] == ["500 €", "50 jours-amende à 10 €", "1 an"]
    assert case.decisions[0].peines[0].duree_epreuve == "2 ans"
    running = case.mesures[2]
    assert running.fin is None and running.fin_text is None
    assert running.end(case.date_reference) == case.date_reference
    assert case.mesures[1].is_custody and not running.is_custody
    point = case.vie[1]
    assert point.is_point and point.fin is None and point.index == 1
    assert point.sens == "neutre"  # default
    assert point.end(case.date_reference) == point.debut
    assert case.vie[2].end(case.date_reference) == case.date_reference
    assert case.source == FIXTURES / "complet.yaml"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_load(path: Path) -> None:
    case = load_case(path)
    assert case.dossier.startswith("EX-2026-")
    assert case.date_reference == datetime.date(2026, 11, 1)


def test_there_are_at_least_five_examples() -> None:
    names = {p.name for p in EXAMPLES.glob("*.yaml")}
    assert {"parcours-long.yaml", "premier-fait.yaml", "desistance.yaml", "en-detention.yaml"} <= names
    assert len(names) >= 5


def test_date_reference_defaults_to_today(tmp_path: Path) -> None:
    path = write(tmp_path, "dossier: EX-1\nannee_naissance: 1990\n")
    case = load_case(path, today=datetime.date(2025, 5, 4))
    assert case.date_reference == datetime.date(2025, 5, 4)
    assert case.faits == () and case.vie == ()


def test_empty_lists_are_accepted(tmp_path: Path) -> None:
    case = load_case(write(tmp_path, HEADER + "faits:\ndecisions: []\nmesures:\nvie: []\n"))
    assert case.faits == case.decisions == case.mesures == case.vie == ()


def test_integer_ids_are_read_as_text(tmp_path: Path) -> None:
    text = HEADER + (
        "faits:\n  - id: 1\n    date: 2012\n    categorie: vol\n    gravite: delit\n"
        "decisions:\n  - id: 2\n    date: 2013\n    faits: [1]\n    juridiction: autre\n"
    )
    case = load_case(write(tmp_path, text))
    assert case.faits[0].id == "1" and case.decisions[0].faits == ("1",)


# --- dates --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2012, (datetime.date(2012, 1, 1), "2012")),
        ("2012", (datetime.date(2012, 1, 1), "2012")),
        ("2012-03", (datetime.date(2012, 3, 1), "2012-03")),
        ("2012-03-15", (datetime.date(2012, 3, 15), "2012-03-15")),
        (datetime.date(2012, 3, 15), (datetime.date(2012, 3, 15), "2012-03-15")),
        ("2012-02-29", (datetime.date(2012, 2, 29), "2012-02-29")),
    ],
)
def test_parse_date_accepts_the_three_formats(value: object, expected: object) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("2012-13", "le mois 13 n'existe pas"),
        ("2012-02-30", "le 30 février 2012 n'existe pas"),
        ("2013-02-29", "le 29 février 2013 n'existe pas"),
        ("03/2012", "AAAA, AAAA-MM ou AAAA-MM-JJ"),
        ("2012-3", "AAAA, AAAA-MM ou AAAA-MM-JJ"),
        ("mars 2012", "AAAA, AAAA-MM ou AAAA-MM-JJ"),
        (datetime.datetime(2012, 3, 1, 10, 0), "sans heure"),
        (True, "booléen"),
        ([2012], "une liste"),
    ],
)
def test_parse_date_explains_what_is_wrong(value: object, hint: str) -> None:
    result = parse_date(value)
    assert isinstance(result, str) and hint in result


def test_impossible_unquoted_date_is_located_not_a_traceback(tmp_path: Path) -> None:
    # PyYAML itself fails on an unquoted 2012-02-30; the other problems must still be reported.
    text = HEADER + OFFENCE.replace("2012-03", "2012-02-30") + "    libelle: x\n    natinf: -3\n"
    found = messages(write(tmp_path, text))
    assert found == [
        "cas.yaml:6: « date » : « 2012-02-30 » : le 30 février 2012 n'existe pas.",
        "cas.yaml:10: « natinf » : un code NATINF est un nombre entier (ex. 7875).",
    ]


def test_impossible_month_is_reported(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE.replace("2012-03", "2012-13"))
    assert message.startswith("cas.yaml:6: « date » : « 2012-13 » : le mois 13 n'existe pas")


def test_date_with_time_is_refused(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE.replace("2012-03", "2012-03-01 10:00:00"))
    assert ":6: « date » : une date sans heure est attendue" in message


# --- structure ----------------------------------------------------------------------------------
def test_every_problem_is_reported_at_once() -> None:
    found = messages(FIXTURES / "plusieurs-erreurs.yaml")
    expected_fragments = [
        ":6: « date » : « 2012-13 » : le mois 13 n'existe pas",
        ":7: « categorie » : valeur « vols » inconnue. Vouliez-vous dire « vol » ?",
        ":9: « id » : l'identifiant « f1 » est déjà utilisé (ligne 5)",
        ":11: « categori » : clé inconnue dans « faits ». Vouliez-vous dire « categorie » ?",
        ":12: « gravite » : valeur « delits » inconnue. Vouliez-vous dire « delit » ?",
        ":9: « categorie » manque dans « faits »",
        ":16: « faits » : aucun fait n'a l'identifiant « f9 ».",
        ":17: « juridiction » : valeur « tribunal » inconnue.",
        ":21: « fin » (2014-01) précède « debut » (2014-06)",
        ":22: « decision » : aucune décision n'a l'identifiant « d7 ».",
        ":26: « date » et « debut » ne vont pas ensemble",
    ]
    for fragment in expected_fragments:
        assert any(fragment in message for message in found), (fragment, found)
    assert len(found) == len(expected_fragments)


def test_vocabulary_message_lists_the_allowed_values(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE.replace("gravite: delit", "gravite: délit"))
    assert message == (
        "cas.yaml:8: « gravite » : valeur « délit » inconnue. Vouliez-vous dire « delit » ? "
        "Valeurs possibles : « contravention », « delit » ou « crime »."
    )


def test_vocabulary_without_close_value_still_lists_values(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE.replace("categorie: vol", "categorie: zzz"))
    assert "Vouliez-vous dire" not in message
    assert "Valeurs possibles : « homicide », « violences »" in message
    assert "« autorite_justice » ou « autre »." in message


def test_free_text_in_a_vocabulary_key_is_not_quoted(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE.replace("categorie: vol", "categorie: Vol chez M. X"))
    assert message.startswith("cas.yaml:7: « categorie » : valeur inconnue. Valeurs possibles")
    assert "Vol chez M. X" not in message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (HEADER + "nom: x\n", ":4: « nom » : clé inconnue. Clés possibles : « dossier »"),
        (HEADER + "fait:\n", ":4: « fait » : clé inconnue. Vouliez-vous dire « faits » ?"),
        (HEADER + OFFENCE + "    natinff: 1\n",
         ":9: « natinff » : clé inconnue dans « faits ». Vouliez-vous dire « natinf » ?"),
        (HEADER + OFFENCE + "decisions:\n  - id: d1\n    date: 2013\n    faits: [f1]\n"
         "    juridiction: autre\n    peine: []\n",
         ":14: « peine » : clé inconnue dans « decisions ». Vouliez-vous dire « peines » ?"),
        (HEADER + OFFENCE + "decisions:\n  - id: d1\n    date: 2013\n    faits: [f1]\n"
         "    juridiction: autre\n    peines:\n      - type: tig\n        quantun: 140 h\n",
         ":16: « quantun » : clé inconnue dans « peines ». Vouliez-vous dire « quantum » ?"),
        (HEADER + "mesures:\n  - type: tig\n    debut: 2012\n    issu: incident\n",
         ":7: « issu » : clé inconnue dans « mesures ». Vouliez-vous dire « issue » ?"),
        (HEADER + "vie:\n  - domaine: emploi\n    date: 2012\n    sense: positif\n",
         ":7: « sense » : clé inconnue dans « vie ». Vouliez-vous dire « sens » ?"),
    ],
)
def test_unknown_keys_at_every_level(tmp_path: Path, text: str, fragment: str) -> None:
    assert fragment in only(tmp_path, text)


def test_date_of_birth_key_says_only_the_year_is_accepted(tmp_path: Path) -> None:
    # Two messages for one line: the key is unknown, and its value is personal data.
    unknown, guarded = messages(write(tmp_path, HEADER + "date_naissance: 1990-03-12\n"))
    assert unknown.startswith("cas.yaml:4: « date_naissance » : clé inconnue.")
    assert "Seule l'année de naissance est acceptée" in unknown
    assert "« annee_naissance »" in unknown
    assert guarded.startswith(
        "cas.yaml:4: « date_naissance » semble contenir une date de naissance complète."
    )
    assert "1990" not in unknown + guarded


def test_date_of_birth_key_without_a_date_is_still_explained(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + "ddn: inconnue\n")
    assert "Seule l'année de naissance est acceptée" in message


def test_full_date_in_annee_naissance_is_refused_without_echo(tmp_path: Path) -> None:
    found = messages(write(tmp_path, "dossier: EX-1\nannee_naissance: 1990-03-12\n"))
    assert found and all("1990-03-12" not in m for m in found)
    assert any("date de naissance complète" in m and ":2:" in m for m in found)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("annee_naissance: 1990\n", ":1: « dossier » manque : cette clé est obligatoire."),
        ("dossier: EX-1\n", ":1: « annee_naissance » manque : cette clé est obligatoire."),
        (HEADER + "faits:\n  - date: 2012\n    categorie: vol\n    gravite: delit\n",
         ":5: « id » manque dans « faits »"),
        (HEADER + "faits:\n  - id: f1\n    categorie: vol\n    gravite: delit\n",
         ":5: « date » manque dans « faits »"),
        (HEADER + OFFENCE + "decisions:\n  - id: d1\n    date: 2013\n    juridiction: autre\n",
         ":10: « faits » manque dans « decisions »"),
        (HEADER + "mesures:\n  - type: tig\n", ":5: « debut » manque dans « mesures »"),
        (HEADER + "mesures:\n  - debut: 2012\n", ":5: « type » manque dans « mesures »"),
        (HEADER + "vie:\n  - date: 2012\n", ":5: « domaine » manque dans « vie »"),
    ],
)
def test_missing_required_keys(tmp_path: Path, text: str, fragment: str) -> None:
    assert fragment in only(tmp_path, text)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("dossier: EX-1\nannee_naissance: dix-neuf\n",
         ":2: « annee_naissance » : une année sur 4 chiffres est attendue (ex. 1994)."),
        ("dossier: EX-1\nannee_naissance: true\n", ":2: « annee_naissance » : une année"),
        (HEADER + "faits: f1\n", ":4: « faits » doit être une liste, chaque élément commençant par « - »"),
        (HEADER + "faits:\n  - f1\n", ":5: chaque élément de « faits » doit être un ensemble de clés"),
        (HEADER + "vie: {domaine: emploi}\n", ":4: « vie » doit être une liste"),
        (HEADER + OFFENCE + "    libelle: [a, b]\n", ":9: « libelle » : un texte est attendu"),
        (HEADER + OFFENCE + "    natinf: sept\n", ":9: « natinf » : un code NATINF est un nombre"),
        (HEADER + OFFENCE + "decisions:\n  - id: d1\n    date: 2013\n    faits: []\n"
         "    juridiction: autre\n", ":12: « faits » : indiquez les identifiants des faits jugés"),
        (HEADER + OFFENCE + "decisions:\n  - id: d1\n    date: 2013\n    faits: [f1]\n"
         "    juridiction: autre\n    peines: amende\n", ":14: « peines » doit être une liste"),
        (HEADER + "faits:\n  - id: [f1]\n    date: 2012\n    categorie: vol\n    gravite: delit\n",
         ":5: « id » : un identifiant est attendu"),
    ],
)
def test_wrong_types(tmp_path: Path, text: str, fragment: str) -> None:
    assert fragment in only(tmp_path, text)


def test_empty_optional_values_are_absent(tmp_path: Path) -> None:
    text = HEADER + "vie:\n  - domaine: emploi\n    date: 2012\n    sens:\n    libelle:\n"
    event = load_case(write(tmp_path, text)).vie[0]
    assert event.sens == "neutre" and event.libelle is None


def test_bare_id_is_accepted_for_the_judged_offences(tmp_path: Path) -> None:
    text = HEADER + OFFENCE + (
        "decisions:\n  - id: d1\n    date: 2013\n    faits: f1\n    juridiction: autre\n"
    )
    assert load_case(write(tmp_path, text)).decisions[0].faits == ("f1",)


@pytest.mark.parametrize("value", ["EX 2024", "dossier/1", "É-1", "A" * 33, "''"])
def test_dossier_pattern(tmp_path: Path, value: str) -> None:
    message = only(tmp_path, f"dossier: {value}\nannee_naissance: 1990\n")
    assert message.startswith("cas.yaml:1: « dossier » :")
    if value != "''":
        assert value not in message


def test_dossier_of_32_characters_is_accepted(tmp_path: Path) -> None:
    case = load_case(write(tmp_path, f"dossier: {'a_B-9' * 6}xy\nannee_naissance: 1990\n"))
    assert len(case.dossier) == 32


def test_numeric_dossier_is_refused(tmp_path: Path) -> None:
    message = only(tmp_path, "dossier: 2024017\nannee_naissance: 1990\n")
    assert "uniquement de chiffres" in message and "2024017" not in message


def test_ids_are_unique_across_offences_and_decisions(tmp_path: Path) -> None:
    text = HEADER + OFFENCE + (
        "decisions:\n  - id: f1\n    date: 2013\n    faits: [f1]\n    juridiction: autre\n"
    )
    assert ":10: « id » : l'identifiant « f1 » est déjà utilisé (ligne 5)" in only(tmp_path, text)


def test_unresolved_reference_suggests_and_lists(tmp_path: Path) -> None:
    text = HEADER + OFFENCE + (
        "decisions:\n  - id: d1\n    date: 2013\n    faits: [f11]\n    juridiction: autre\n"
    )
    assert only(tmp_path, text) == (
        "cas.yaml:12: « faits » : aucun fait n'a l'identifiant « f11 ». "
        "Vouliez-vous dire « f1 » ? Identifiants déclarés dans « faits » : « f1 »."
    )


def test_measure_decision_must_exist(tmp_path: Path) -> None:
    text = HEADER + "mesures:\n  - type: tig\n    debut: 2012\n    decision: d1\n"
    message = only(tmp_path, text)
    assert ":7: « decision » : aucune décision n'a l'identifiant « d1 »." in message
    assert "Aucun identifiant n'est déclaré dans « decisions »." in message


def test_fin_may_equal_debut_but_not_precede_it(tmp_path: Path) -> None:
    same = HEADER + "mesures:\n  - type: detention\n    debut: 2012-03\n    fin: 2012-03\n"
    assert load_case(write(tmp_path, same)).mesures[0].fin == datetime.date(2012, 3, 1)
    before = HEADER + "vie:\n  - domaine: emploi\n    debut: 2012-03-02\n    fin: 2012-03\n"
    assert ":7: « fin » (2012-03) précède « debut » (2012-03-02)" in only(tmp_path, before)


def test_no_event_before_the_year_of_birth(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE.replace("2012-03", "1989-12"))
    assert message == "cas.yaml:6: « date » : la date 1989-12 précède l'année de naissance (1990)."
    # The year of birth itself is fine.
    load_case(write(tmp_path, HEADER + OFFENCE.replace("2012-03", "1990")))


def test_no_event_after_date_reference(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE.replace("2012-03", "2026-11-02"))
    assert ":6: « date » : la date 2026-11-02 est postérieure à la date de référence" in message
    # A partial date resolved to its first day is on the reference date: accepted.
    load_case(write(tmp_path, HEADER + OFFENCE.replace("2012-03", "2026-11")))


def test_future_fin_says_to_remove_it(tmp_path: Path) -> None:
    text = HEADER + "mesures:\n  - type: sursis_probatoire\n    debut: 2025-01\n    fin: 2027-01\n"
    message = only(tmp_path, text)
    assert "postérieure à la date de référence (2026-11-01)" in message
    assert "retirez « fin »" in message


@pytest.mark.parametrize(
    ("item", "fragment"),
    [
        ("  - domaine: emploi\n    libelle: CDI\n",
         ":5: il manque « date » (événement ponctuel) ou « debut »"),
        ("  - domaine: emploi\n    date: 2012\n    debut: 2012\n", ":7: « date » et « debut » ne vont pas"),
        ("  - domaine: emploi\n    date: 2012\n    fin: 2013\n", ":7: « fin » ne va qu'avec « debut »"),
    ],
)
def test_life_event_has_date_or_debut(tmp_path: Path, item: str, fragment: str) -> None:
    assert fragment in only(tmp_path, HEADER + "vie:\n" + item)


def test_duplicate_keys_are_reported(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE + "    gravite: crime\n")
    assert message.startswith("cas.yaml:9: « gravite » apparaît deux fois au même niveau")


# --- unreadable files ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "cas.yaml:1: le fichier est vide"),
        ("# rien\n", "cas.yaml:1: le fichier est vide"),
        ("- a\n- b\n", "cas.yaml:1: le fichier doit être une liste de clés"),
        ("juste du texte\n", "pas un texte"),
        ("dossier: [EX\n", "cas.yaml:2: YAML invalide"),
    ],
)
def test_empty_or_not_a_mapping(tmp_path: Path, content: str, fragment: str) -> None:
    assert fragment in only(tmp_path, content)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cas.yaml"
    path.write_bytes("dossier: EX-1\nannee_naissance: 1990\nvie:\n  - libelle: é\n".encode("latin-1"))
    found = messages(path)
    assert found == [
        "cas.yaml:4: le fichier n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 "
        "(« Enregistrer sous… », encodage UTF-8) puis relancez."
    ]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "cas.yaml"
    path.write_bytes("\ufeffdossier: EX-1\nannee_naissance: 1990\n".encode())
    assert load_case(path).dossier == "EX-1"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert messages(tmp_path / "absent.yaml") == ["absent.yaml: fichier introuvable."]
    assert messages(tmp_path) == [".: c'est un dossier, pas un fichier YAML."]


@pytest.fixture(autouse=True)
def _inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages show paths relative to the working folder: run each test from ``tmp_path``."""
    monkeypatch.chdir(tmp_path)


# --- finding files -------------------------------------------------------------------------------
def test_find_case_files_expands_directories(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("x: 1\n")
    (tmp_path / "a.yml").write_text("x: 1\n")
    (tmp_path / "notes.txt").write_text("x\n")
    (tmp_path / "sub").mkdir()
    single = tmp_path / "sub" / "c.yaml"
    single.write_text("x: 1\n")
    found = find_case_files([tmp_path, single, tmp_path / "b.yaml"])
    assert found == sorted([tmp_path / "a.yml", tmp_path / "b.yaml", single])
