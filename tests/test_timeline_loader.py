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
    assert d2.nature == "condamnation"  # default
    assert [p.quantum for p in d2.peines] == ["500 €", "50 jours-amende à 10 €", "1 an"]
    assert case.decisions[0].peines[0].duree_epreuve == "2 ans"
    running = case.mesures[2]
    assert running.fin is None and running.fin_text is None
    assert running.end(case.date_reference) == case.date_reference
    assert case.mesures[1].is_custody and running.is_custody  # semi-liberté is custody (v2)
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


def test_ids_and_dossier_are_text_as_written(tmp_path: Path) -> None:
    text = "dossier: EX-0123\nannee_naissance: 1990\ndate_reference: 2026-11-01\n" + (
        "faits:\n  - id: 0123\n    date: 2012\n    categorie: vol\n    gravite: delit\n"
        "  - id: 1\n    date: 2012\n    categorie: vol\n    gravite: delit\n"
        "decisions:\n  - id: 2.0\n    date: 2013\n    faits: [0123, 1]\n    juridiction: autre\n"
        "    peines: [{type: amende, quantum: 0500}]\n"
    )
    case = load_case(write(tmp_path, text))
    assert [o.id for o in case.faits] == ["0123", "1"]  # not 83 (YAML 1.1 octal) nor 1 (int)
    assert case.decisions[0].id == "2.0"
    assert case.decisions[0].faits == ("0123", "1")
    assert case.decisions[0].peines[0].quantum == "0500"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2012", (datetime.date(2012, 1, 1), "2012")),
        ("2012-03", (datetime.date(2012, 3, 1), "2012-03")),
        ("2012-03-15", (datetime.date(2012, 3, 15), "2012-03-15")),
        ("2012-02-29", (datetime.date(2012, 2, 29), "2012-02-29")),
        ("03/2012", (datetime.date(2012, 3, 1), "2012-03")),
        ("15/03/2012", (datetime.date(2012, 3, 15), "2012-03-15")),
        (" 2012 ", (datetime.date(2012, 1, 1), "2012")),
    ],
)
def test_parse_date_accepts_the_five_forms(value: object, expected: object) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("2012-13", "cette date n'existe pas"),
        ("2012-02-30", "cette date n'existe pas"),
        ("2013-02-29", "cette date n'existe pas"),
        ("30/02/2019", "cette date n'existe pas"),
        ("13/2012", "cette date n'existe pas"),
        ("2019/03", "date mal écrite"),
        ("3/2019", "date mal écrite"),
        ("2012-3", "date mal écrite"),
        ("15.03.2012", "date mal écrite"),
        ("mars 2012", "date mal écrite"),
        ("2012-03-01 10:00:00", "date mal écrite"),
        ([2012], "pas une liste"),
    ],
)
def test_parse_date_explains_what_is_wrong_without_the_value(value: object, hint: str) -> None:
    result = parse_date(value)
    assert isinstance(result, str) and hint in result
    assert "MM/AAAA ou JJ/MM/AAAA" in result
    assert not isinstance(value, str) or value.strip() not in result


def test_impossible_unquoted_date_is_located_not_a_traceback(tmp_path: Path) -> None:
    text = HEADER + OFFENCE.replace("2012-03", "2012-02-30") + "    libelle: x\n    natinf: -3\n"
    found = messages(write(tmp_path, text))
    assert len(found) == 2
    assert found[0].startswith("cas.yaml:6: « date » : cette date n'existe pas")
    assert "2012-02-30" not in found[0]
    assert found[1] == "cas.yaml:10: « natinf » : un code NATINF est un nombre entier (ex. 7875)."


def test_impossible_month_is_reported(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE.replace("2012-03", "2012-13"))
    assert message.startswith("cas.yaml:6: « date » : cette date n'existe pas")


def test_date_with_time_is_refused(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE.replace("2012-03", "2012-03-01 10:00:00"))
    assert ":6: « date » : date mal écrite. Formats acceptés" in message


def test_office_suite_dates_are_accepted(tmp_path: Path) -> None:
    text = HEADER + OFFENCE.replace("2012-03", "03/2012") + "    fin: 15/06/2012\n"
    offence = load_case(write(tmp_path, text)).faits[0]
    assert (offence.date, offence.fin) == (datetime.date(2012, 3, 1), datetime.date(2012, 6, 15))


def test_every_problem_is_reported_at_once() -> None:
    found = messages(FIXTURES / "plusieurs-erreurs.yaml")
    expected_fragments = [
        ":6: « date » : cette date n'existe pas",
        ":7: « categorie » : valeur inconnue. Vouliez-vous dire « vol » ?",
        ":9: « id » : cet identifiant est déjà utilisé ligne 5",
        ":11: clé inconnue ligne 11 dans « faits ». Vouliez-vous dire « categorie » ?",
        ":12: « gravite » : valeur inconnue. Vouliez-vous dire « delit » ?",
        ":9: « categorie » manque dans « faits »",
        ":14: « peines » manque : une condamnation a au moins une peine",
        ":16: « faits » : aucun fait n'a cet identifiant.",
        ":17: « juridiction » : valeur inconnue.",
        ":21: « fin » précède « debut »",
        ":22: « decision » : aucune décision n'a cet identifiant.",
        ":26: « date » et « debut » ne vont pas ensemble",
    ]
    for fragment in expected_fragments:
        assert any(fragment in message for message in found), (fragment, found)
    assert len(found) == len(expected_fragments)
    # No message repeats the file's own text.
    for value in ("2012-13", "vols", "delits", "f9", "tribunal »", "d7", "2014-01"):
        assert all(value not in message for message in found), value


def test_vocabulary_message_lists_the_allowed_values(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE.replace("gravite: delit", "gravite: délit"))
    assert message == (
        "cas.yaml:8: « gravite » : valeur inconnue. Vouliez-vous dire « delit » ? "
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
        (HEADER + "nom: x\n", ":4: clé inconnue ligne 4. Clés possibles : « dossier »"),
        (HEADER + "fait:\n", ":4: clé inconnue ligne 4. Vouliez-vous dire « faits » ?"),
        (HEADER + OFFENCE + "    natinff: 1\n",
         ":9: clé inconnue ligne 9 dans « faits ». Vouliez-vous dire « natinf » ?"),
        (HEADER + OFFENCE + "decisions:\n  - id: d1\n    date: 2013\n    faits: [f1]\n"
         "    juridiction: autre\n    nature: relaxe\n    peine: []\n",
         ":15: clé inconnue ligne 15 dans « decisions ». Vouliez-vous dire « peines » ?"),
        (HEADER + OFFENCE + "decisions:\n  - id: d1\n    date: 2013\n    faits: [f1]\n"
         "    juridiction: autre\n    peines:\n      - type: tig\n        quantun: 140 h\n",
         ":16: clé inconnue ligne 16 dans « peines ». Vouliez-vous dire « quantum » ?"),
        (HEADER + "mesures:\n  - type: tig\n    debut: 2012\n    issu: incident\n",
         ":7: clé inconnue ligne 7 dans « mesures ». Vouliez-vous dire « issue » ?"),
        (HEADER + "mesures:\n  - type: tig\n    debut: 2012\n    obligations:\n"
         "      - type: soins\n        respect: respectee\n        respet: x\n",
         ":10: clé inconnue ligne 10 dans « obligations ». Vouliez-vous dire « respect » ?"),
        (HEADER + "vie:\n  - domaine: emploi\n    date: 2012\n    sense: positif\n",
         ":7: clé inconnue ligne 7 dans « vie ». Vouliez-vous dire « sens » ?"),
    ],
)
def test_unknown_keys_at_every_level(tmp_path: Path, text: str, fragment: str) -> None:
    message = only(tmp_path, text)
    assert fragment in message
    for typed in ("nom", "fait »", "natinff", "peine »", "quantun", "issu »", "respet", "sense"):
        assert typed not in message


def test_unknown_key_is_never_repeated(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + "Dupont Jean: 3\n")
    assert message.startswith("cas.yaml:4: clé inconnue ligne 4.")
    assert "Dupont" not in message and "Vouliez-vous dire" not in message


def test_date_of_birth_key_says_only_the_year_is_accepted(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + "date_naissance: inconnue\n")
    assert message.startswith("cas.yaml:4: clé inconnue ligne 4.")
    assert "Seule l'année de naissance est acceptée" in message
    assert "« annee_naissance »" in message
    assert "date_naissance" not in message
    # With a full date the guard refuses the file, and nothing else is said about it.
    refused = only(tmp_path, HEADER + "date_naissance: 1990-03-12\n")
    assert "date de naissance complète" in refused and "1990-03" not in refused


def test_date_of_birth_key_without_a_date_is_still_explained(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + "ddn: inconnue\n")
    assert "Seule l'année de naissance est acceptée" in message
    assert "ddn" not in message


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
        (HEADER + OFFENCE + "decisions:\n  - id: d1\n    date: 2013\n    juridiction: autre\n"
         "    nature: relaxe\n", ":10: « faits » manque dans « decisions »"),
        (HEADER + "mesures:\n  - type: tig\n    debut: 2012\n    obligations:\n"
         "      - type: soins\n", ":8: « respect » manque dans « obligations »"),
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
         "    juridiction: autre\n    nature: relaxe\n",
         ":12: « faits » : indiquez les identifiants des faits jugés"),
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
        "    nature: relaxe\n"
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


def test_numeric_dossier_is_text_as_written(tmp_path: Path) -> None:
    # Contract v2: "an unquoted 0123 is "0123"" for dossier as for ids.
    case = load_case(write(tmp_path, "dossier: 0123\nannee_naissance: 1990\n"))
    assert case.dossier == "0123"


def test_ids_are_unique_across_offences_and_decisions(tmp_path: Path) -> None:
    text = HEADER + OFFENCE + (
        "decisions:\n  - id: f1\n    date: 2013\n    faits: [f1]\n    juridiction: autre\n"
        "    nature: relaxe\n"
    )
    message = only(tmp_path, text)
    assert ":10: « id » : cet identifiant est déjà utilisé ligne 5" in message
    assert "f1" not in message


def test_unresolved_reference_names_neither_the_reference_nor_the_ids(tmp_path: Path) -> None:
    text = HEADER + OFFENCE + (
        "decisions:\n  - id: d1\n    date: 2013\n    faits: [f11]\n    juridiction: autre\n"
        "    nature: relaxe\n"
    )
    assert only(tmp_path, text) == (
        "cas.yaml:12: « faits » : aucun fait n'a cet identifiant. Écrivez l'« id » d'un fait "
        "de la liste « faits »."
    )


def test_measure_decision_must_exist(tmp_path: Path) -> None:
    text = HEADER + "mesures:\n  - type: tig\n    debut: 2012\n    decision: d1\n"
    message = only(tmp_path, text)
    assert ":7: « decision » : aucune décision n'a cet identifiant." in message
    assert "d1" not in message


def test_fin_may_equal_debut_but_not_precede_it(tmp_path: Path) -> None:
    same = HEADER + "mesures:\n  - type: detention\n    debut: 2012-03\n    fin: 2012-03\n"
    assert load_case(write(tmp_path, same)).mesures[0].fin == datetime.date(2012, 3, 1)
    before = HEADER + "vie:\n  - domaine: emploi\n    debut: 2012-03-02\n    fin: 2012-03\n"
    message = only(tmp_path, before)
    assert ":7: « fin » précède « debut »" in message
    assert "2012" not in message


def test_no_event_before_the_year_of_birth(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE.replace("2012-03", "1989-12"))
    assert message == (
        "cas.yaml:6: « date » : cette date précède l'année de naissance (« annee_naissance ») : "
        "vérifiez l'une ou l'autre."
    )
    # The year of birth itself is fine.
    load_case(write(tmp_path, HEADER + OFFENCE.replace("2012-03", "1990")))


def test_no_event_after_date_reference(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE.replace("2012-03", "2026-11-02"))
    assert ":6: « date » : cette date est postérieure à la date de référence" in message
    assert "2026" not in message
    # A partial date resolved to its first day is on the reference date: accepted.
    load_case(write(tmp_path, HEADER + OFFENCE.replace("2012-03", "2026-11")))


def test_future_fin_says_to_remove_it(tmp_path: Path) -> None:
    text = HEADER + "mesures:\n  - type: sursis_probatoire\n    debut: 2025-01\n    fin: 2027-01\n"
    message = only(tmp_path, text)
    assert "postérieure à la date de référence (« date_reference »)" in message
    assert "retirez « fin »" in message and "fin_prevue" in message


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


def test_duplicate_unknown_key_is_not_named(tmp_path: Path) -> None:
    found = messages(write(tmp_path, HEADER + "Durand: 1\nDurand: 2\n"))
    assert any(m.startswith("cas.yaml:5: une clé apparaît deux fois") for m in found)
    assert all("Durand" not in m for m in found)


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
    assert messages(tmp_path) == [".: c'est un dossier, pas un fichier."]


@pytest.fixture(autouse=True)
def _inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages show paths relative to the working folder: run each test from ``tmp_path``."""
    monkeypatch.chdir(tmp_path)


def test_find_case_files_expands_directories(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("x: 1\n")
    (tmp_path / "a.yml").write_text("x: 1\n")
    (tmp_path / "c.csv").write_text("rubrique\n")
    (tmp_path / "notes.txt").write_text("x\n")
    (tmp_path / "sub").mkdir()
    single = tmp_path / "sub" / "c.yaml"
    single.write_text("x: 1\n")
    found = find_case_files([tmp_path, single, tmp_path / "b.yaml"])
    assert found == sorted([tmp_path / "a.yml", tmp_path / "b.yaml", tmp_path / "c.csv", single])

# --- version 2 fields and coherence rules --------------------------------------------------------
DECISION = "decisions:\n  - id: d1\n    date: 2013\n    faits: [f1]\n    juridiction: {court}\n"


def test_version_2_fields_are_read(tmp_path: Path) -> None:
    text = HEADER + OFFENCE + (
        "    fin: 2012-09\n    libelle: Violences habituelles\n"
        "    libelle_personne: Des coups, plusieurs fois\n"
        + DECISION.format(court="tribunal_correctionnel") + "    nature: relaxe\n"
        "mesures:\n  - type: sursis_probatoire\n    debut: 2013-02\n    fin_prevue: 2028-02\n"
        "    issue: en_cours\n    obligations:\n      - type: soins\n"
        "        libelle: Suivi en addictologie\n        respect: partiellement\n"
        "      - type: interdiction_contact\n        respect: respectee\n"
        "vie:\n  - domaine: emploi\n    debut: 2014\n    libelle: CDD\n"
        "    libelle_personne: Un travail\n"
    )
    case = load_case(write(tmp_path, text))
    offence = case.faits[0]
    assert (offence.fin, offence.fin_text) == (datetime.date(2012, 9, 1), "2012-09")
    assert offence.libelle_personne == "Des coups, plusieurs fois"
    assert case.decisions[0].nature == "relaxe" and case.decisions[0].peines == ()
    measure = case.mesures[0]
    assert measure.fin_prevue == datetime.date(2028, 2, 1)  # after date_reference: allowed
    assert [(o.type, o.libelle, o.respect) for o in measure.obligations] == [
        ("soins", "Suivi en addictologie", "partiellement"),
        ("interdiction_contact", None, "respectee"),
    ]
    assert case.vie[0].libelle_personne == "Un travail"


def test_offence_fin_cannot_precede_its_date(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE + "    fin: 2012-01\n")
    assert message.startswith("cas.yaml:9: « fin » précède « date »")


def test_planned_end_cannot_precede_debut(tmp_path: Path) -> None:
    text = HEADER + "mesures:\n  - type: tig\n    debut: 2012-03\n    fin_prevue: 2012-01\n"
    assert only(tmp_path, text).startswith("cas.yaml:7: « fin_prevue » précède « debut »")


def test_decision_cannot_precede_the_offences_it_judges(tmp_path: Path) -> None:
    text = HEADER + OFFENCE + DECISION.format(court="autre").replace("2013", "2012-02") + (
        "    peines: [{type: amende}]\n"
    )
    message = only(tmp_path, text)
    assert message.startswith("cas.yaml:11: « date » : la décision est datée avant le début")


def test_conviction_needs_a_penalty_and_acquittal_has_none(tmp_path: Path) -> None:
    bare = HEADER + OFFENCE + DECISION.format(court="autre")
    message = only(tmp_path, bare)
    assert message.startswith("cas.yaml:10: « peines » manque : une condamnation a au moins une peine")
    assert "nature: relaxe" in message
    empty = bare + "    peines: []\n"
    assert only(tmp_path, empty).startswith("cas.yaml:14: « peines » manque")
    relaxe = bare + "    nature: relaxe\n    peines:\n      - type: amende\n"
    assert only(tmp_path, relaxe).startswith("cas.yaml:15: « peines » : une relaxe n'a pas de peine")
    unknown = bare + "    nature: acquitte\n"
    message = only(tmp_path, unknown)
    assert "« nature » : valeur inconnue." in message and "acquitte" not in message


@pytest.mark.parametrize(
    ("lines", "fragment"),
    [
        ("    fin: 2013\n    issue: en_cours\n", ":8: « issue » : « en_cours » ne va pas avec « fin »"),
        ("    issue: fin_normale\n", ":7: « issue » : « fin_normale » indique une mesure terminée"),
        ("    issue: revocation\n", ":7: « issue » : « revocation » indique une mesure terminée"),
    ],
)
def test_issue_and_fin_agree(tmp_path: Path, lines: str, fragment: str) -> None:
    text = HEADER + "mesures:\n  - type: tig\n    debut: 2012\n" + lines
    assert fragment in only(tmp_path, text)


def test_issue_incident_may_go_with_or_without_fin(tmp_path: Path) -> None:
    text = HEADER + "mesures:\n  - type: tig\n    debut: 2012\n    issue: incident\n"
    assert load_case(write(tmp_path, text)).mesures[0].issue == "incident"


def test_juvenile_court_judges_offences_of_minors_only(tmp_path: Path) -> None:
    # Born 1990: an offence in 2008 (2008 − 1990 − 1 = 17) may go to a juvenile court,
    # one in 2009 (18) may not.
    minor = HEADER + OFFENCE.replace("2012-03", "2008-06") + DECISION.format(
        court="tribunal_enfants") + "    peines: [{type: mesure_educative}]\n"
    assert load_case(write(tmp_path, minor)).decisions[0].juridiction == "tribunal_enfants"
    adult = minor.replace("2008-06", "2009-06").replace("tribunal_enfants", "juge_enfants")
    message = only(tmp_path, adult)
    assert message.startswith("cas.yaml:13: « juridiction » : un tribunal pour enfants ou un juge")
    assert "daté ligne 6" in message


def test_unquoted_label_with_a_hash_is_refused(tmp_path: Path) -> None:
    message = only(tmp_path, HEADER + OFFENCE + "    libelle: Vol #3 à Zorgville\n")
    assert message.startswith("cas.yaml:9: « libelle » : le texte contient « # »")
    assert "guillemets" in message and "Zorgville" not in message
    quoted = HEADER + OFFENCE + '    libelle: "Vol #2 en réunion"\n'
    assert load_case(write(tmp_path, quoted)).faits[0].libelle == "Vol #2 en réunion"
    glued = HEADER + OFFENCE + "    libelle: Vol#2\n"  # no space before #: not a comment
    assert load_case(write(tmp_path, glued)).faits[0].libelle == "Vol#2"
    person = HEADER + "vie:\n  - domaine: emploi\n    date: 2012\n    libelle_personne: a #b\n"
    assert ":7: « libelle_personne » : le texte contient « # »" in only(tmp_path, person)


def test_obligation_vocabularies(tmp_path: Path) -> None:
    text = HEADER + "mesures:\n  - type: tig\n    debut: 2012\n    obligations:\n" + (
        "      - type: soin\n        respect: ok\n"
    )
    found = messages(write(tmp_path, text))
    assert any(":8: « type » : valeur inconnue. Vouliez-vous dire « soins » ?" in m for m in found)
    assert any(":9: « respect » : valeur inconnue." in m for m in found)
    assert len(found) == 2


def test_no_message_repeats_the_file_text(tmp_path: Path) -> None:
    secret = "Zorglub"
    text = (
        f"dossier: EX-1\nannee_naissance: 1990\ndate_reference: 2026-11-01\n{secret}: 1\n"
        f"faits:\n  - id: {secret}\n    date: {secret}\n    categorie: {secret}\n"
        f"    gravite: {secret}\n    natinf: {secret}\n    {secret}x: 2\n"
        f"decisions:\n  - id: {secret}\n    date: 2013\n    faits: [{secret}9]\n"
        f"    juridiction: {secret}\n    nature: {secret}\n"
        f"mesures:\n  - type: {secret}\n    debut: 2012\n    decision: {secret}8\n"
        f"    issue: {secret}\n"
        f"vie:\n  - domaine: {secret}\n    date: 2012\n    sens: {secret}\n"
    )
    found = messages(write(tmp_path, text))
    assert len(found) >= 12
    assert all(secret.lower() not in m.lower() for m in found), found


def test_located_yaml_as_text_keeps_scalars_as_written() -> None:
    from generator.located_yaml import load_located

    located = load_located(
        'a: 0123\nb: +33647913825\nc: 2012-03-15\nd:\ne: ~\nf: ""\ng: [1, oui]\nh: 1_000\n',
        as_text=True,
    )
    assert located.data == {
        "a": "0123", "b": "+33647913825", "c": "2012-03-15", "d": None, "e": None, "f": "",
        "g": ["1", "oui"], "h": "1_000",
    }
    assert located.lines[("g", 1)] == 7
    assert located.value_ends[("a",)] == (1, 7, True)  # line, column after the value, plain
    assert located.value_ends[("f",)][2] is False  # quoted
    # The default mode is unchanged for the catalogue.
    assert load_located("a: 0123\n").data == {"a": 83}


def test_as_text_fast_and_guarded_loaders_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import located_yaml

    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))]
    texts.append(HEADER + OFFENCE + "    libelle: Vol #2\n    natinf: 0123\n    fin: ~\n")
    fast = [located_yaml.load_located(text, as_text=True) for text in texts]
    monkeypatch.setattr(located_yaml, "_compose_fast", lambda text, as_text=False: None)
    guarded = [located_yaml.load_located(text, as_text=True) for text in texts]
    for one, other in zip(fast, guarded, strict=True):
        assert (one.data, one.lines, one.value_ends) == (other.data, other.lines, other.value_ends)
