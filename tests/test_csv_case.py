"""The spreadsheet form of a case file: the same case, and the same messages, as its YAML."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from generator.problems import InvalidInput
from generator.timeline.csv_case import detect_separator
from generator.timeline.indicators import compute
from generator.timeline.loader import load_case

EXAMPLES = Path(__file__).parent.parent / "examples" / "dossiers"
CSV_EXAMPLES = sorted((EXAMPLES / "csv").glob("*.csv"))

HEADER = "rubrique;dossier;annee_naissance;date_reference;id;date;fin;categorie;gravite;libelle;faits;juridiction;nature;type;quantum;debut;decision;issue;respect;domaine;sens\n"  # noqa: E501
DOSSIER = "dossier;EX-T-01;1990;01/11/2026" + ";" * 17 + "\n"


def row(**cells: str) -> str:
    """One row of ``HEADER`` with the given cells."""
    names = HEADER.strip().split(";")
    unknown = set(cells) - set(names)
    assert not unknown, unknown
    return ";".join(cells.get(name, "") for name in names) + "\n"


def write(tmp_path: Path, text: str, name: str = "cas.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def messages(path: Path) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        load_case(path)
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture(autouse=True)
def _inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _same_case(a: object, b: object) -> bool:
    return dataclasses.replace(a, source=Path("x")) == dataclasses.replace(b, source=Path("x"))


# --- the examples -----------------------------------------------------------------------------------
def test_every_new_example_exists_in_both_forms() -> None:
    stems = {p.stem for p in CSV_EXAMPLES}
    new = {"violences-habituelles", "appel-relaxe", "semi-liberte", "obligations", "fin-prevue"}
    assert new <= stems
    assert all((EXAMPLES / f"{stem}.yaml").is_file() for stem in stems)


@pytest.mark.parametrize("path", CSV_EXAMPLES, ids=lambda p: p.stem)
def test_csv_example_is_the_same_case_as_its_yaml(path: Path) -> None:
    from_csv = load_case(path)
    from_yaml = load_case(EXAMPLES / f"{path.stem}.yaml")
    assert compute(from_csv).to_json() == compute(from_yaml).to_json()
    assert _same_case(from_csv, from_yaml)


def test_template_has_every_column_and_one_row_per_kind() -> None:
    path = EXAMPLES / "modele-dossier.csv"
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert rows[0][0] == "rubrique"
    assert set(rows[0]) >= {
        "dossier", "annee_naissance", "date_reference", "id", "date", "fin", "categorie",
        "gravite", "libelle", "libelle_personne", "natinf", "faits", "juridiction", "nature",
        "type", "quantum", "duree_epreuve", "debut", "fin_prevue", "decision", "issue",
        "respect", "domaine", "sens",
    }
    assert [r[0] for r in rows[1:]] == [
        "dossier", "fait", "decision", "peine", "mesure", "obligation", "vie",
    ]
    case = load_case(path)  # the template itself is a valid case
    assert case.mesures[0].obligations[0].respect == "respectee"
    assert case.decisions[0].peines[0].type == "sursis_probatoire"


# --- reading ----------------------------------------------------------------------------------------
def test_separator_is_detected_from_the_header_row() -> None:
    assert detect_separator("rubrique;dossier;id") == ";"
    assert detect_separator("rubrique,dossier,id") == ","
    assert detect_separator("rubrique") == ";"


def test_comma_separated_without_bom_and_semicolon_with_bom_give_the_same_case(
    tmp_path: Path,
) -> None:
    semicolon = HEADER + DOSSIER + row(rubrique="fait", id="f1", date="2012-03",
                                        categorie="vol", gravite="delit", libelle="Vol; puis fuite")
    comma = semicolon.replace(";", ",").replace("Vol, puis fuite", '"Vol; puis fuite"')
    a = load_case(write(tmp_path, semicolon.replace("Vol; puis fuite", '"Vol; puis fuite"'),
                        "a.csv", bom=True))
    b = load_case(write(tmp_path, comma, "b.csv"))
    assert a.faits[0].libelle == b.faits[0].libelle == "Vol; puis fuite"
    assert _same_case(a, b)


def test_children_attach_to_the_nearest_row_above_and_lists_split(tmp_path: Path) -> None:
    text = HEADER + DOSSIER + (
        row(rubrique="fait", id="f1", date="2012", categorie="vol", gravite="delit")
        + row(rubrique="fait", id="f2", date="2013", categorie="vol", gravite="delit")
        + "\n;;;;;;;;\n"  # empty rows are ignored
        + row(rubrique="decision", id="d1", date="2014", faits="f1, f2", juridiction="autre")
        + row(rubrique="peine", type="amende", quantum="300 €")
        + row(rubrique="decision", id="d2", date="2015", faits="f1 f2", juridiction="cour_appel")
        + row(rubrique="peine", type="tig", quantum="70 h")
        + row(rubrique="peine", type="stage")
        + row(rubrique="mesure", type="tig", debut="2015", decision="d2")
        + row(rubrique="obligation", type="soins", respect="en_cours")
        + row(rubrique="vie", domaine="emploi", date="2016")
    )
    case = load_case(write(tmp_path, text))
    assert [d.faits for d in case.decisions] == [("f1", "f2"), ("f1", "f2")]
    assert [[p.type for p in d.peines] for d in case.decisions] == [["amende"], ["tig", "stage"]]
    assert case.mesures[0].obligations[0].type == "soins"
    assert case.mesures[0].fin is None  # an empty cell is an absent key
    assert case.vie[0].is_point and case.vie[0].index == 0
    assert compute(case).nb_condamnations == 1


def test_hash_in_a_csv_label_is_plain_text(tmp_path: Path) -> None:
    text = HEADER + DOSSIER + row(rubrique="fait", id="f1", date="2012", categorie="vol",
                                  gravite="delit", libelle="Vol #2 en réunion")
    assert load_case(write(tmp_path, text)).faits[0].libelle == "Vol #2 en réunion"


def test_ids_stay_text(tmp_path: Path) -> None:
    text = HEADER + DOSSIER + (
        row(rubrique="fait", id="0123", date="2012", categorie="vol", gravite="delit")
        + row(rubrique="decision", id="1", date="2013", faits="0123", juridiction="autre",
              nature="relaxe")
    )
    case = load_case(write(tmp_path, text))
    assert case.faits[0].id == "0123" and case.decisions[0].faits == ("0123",)


# --- errors -----------------------------------------------------------------------------------------
def test_errors_have_the_yaml_messages_at_the_csv_row(tmp_path: Path) -> None:
    text = HEADER + DOSSIER + (
        row(rubrique="fait", id="f1", date="2019/03", categorie="vols", gravite="delit")
        + row(rubrique="decision", id="f1", date="2013", faits="f9", juridiction="autre")
    )
    found = messages(write(tmp_path, text))
    assert found == [
        "cas.csv:3: « categorie » : valeur inconnue. Vouliez-vous dire « vol » ? Valeurs "
        "possibles : « homicide », « violences », « violences_conjugales », « sexuelles », "
        "« menaces_outrages », « vol », « vol_violence », « escroquerie », « destructions », "
        "« stupefiants », « routier », « armes », « autorite_justice » ou « autre ».",
        "cas.csv:3: « date » : date mal écrite. Formats acceptés : AAAA, AAAA-MM ou AAAA-MM-JJ, "
        "ou comme un tableur les affiche : MM/AAAA ou JJ/MM/AAAA (ex. 2012, 2012-03, "
        "2012-03-15, 03/2012 ou 15/03/2012).",
        "cas.csv:4: « faits » : aucun fait n'a cet identifiant. Écrivez l'« id » d'un fait de "
        "la liste « faits ».",
        "cas.csv:4: « id » : cet identifiant est déjà utilisé ligne 3 : chaque fait et chaque "
        "décision a son propre identifiant.",
        "cas.csv:4: « peines » manque : une condamnation a au moins une peine (ex. « peines: "
        "[{type: amende, quantum: 300 €}] »). Pour une relaxe ou un acquittement, écrivez "
        "« nature: relaxe ».",
    ]


def test_rows_are_numbered_as_in_the_file_with_multiline_cells(tmp_path: Path) -> None:
    text = HEADER + DOSSIER + (
        row(rubrique="vie", domaine="emploi", date="2012", libelle='"Un CDD\nsur deux lignes"')
        + row(rubrique="vie", domaine="emplois", date="2012")
    )
    assert messages(write(tmp_path, text)) == [
        "cas.csv:5: « domaine » : valeur inconnue. Vouliez-vous dire « emploi » ? Valeurs "
        "possibles : « emploi », « formation », « logement », « famille_couple », "
        "« entourage », « loisirs », « addictions », « sante » ou « autre »."
    ]


def test_a_cell_in_a_column_foreign_to_the_row_kind_is_an_unknown_key(tmp_path: Path) -> None:
    header = HEADER.strip() + ";Durand\n"
    text = header + DOSSIER.strip() + ";\n" + (
        row(rubrique="fait", id="f1", date="2012", categorie="vol", gravite="delit",
            domaine="emploi").strip() + ";\n"
        + row(rubrique="vie", domaine="emploi", date="2012").strip() + ";Jean\n"
    )
    found = messages(write(tmp_path, text))
    assert found == [
        "cas.csv:3: clé inconnue ligne 3 dans « faits ». Clés possibles : « id », « date », "
        "« fin », « categorie », « gravite », « libelle », « libelle_personne » ou « natinf ».",
        "cas.csv:4: clé inconnue ligne 4 dans « vie ». Clés possibles : « domaine », « date », "
        "« debut », « fin », « libelle », « libelle_personne » ou « sens ».",
    ]


def test_misspelt_column_gets_a_did_you_mean(tmp_path: Path) -> None:
    text = "rubrique;dossier;annee_naissance;id;date;categori;gravite\n" + (
        "dossier;EX-1;1990;;;;\nfait;;;f1;2012;vol;delit\n"
    )
    found = messages(write(tmp_path, text))
    assert any(
        m.startswith("cas.csv:3: clé inconnue ligne 3 dans « faits ». Vouliez-vous dire "
                     "« categorie » ?") for m in found
    ), found


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (HEADER + DOSSIER + row(rubrique="peine", type="amende"),
         "cas.csv:3: une ligne « peine » se rattache à la ligne « decision » la plus proche"),
        (HEADER + DOSSIER + row(rubrique="obligation", type="soins", respect="respectee"),
         "cas.csv:3: une ligne « obligation » se rattache à la ligne « mesure »"),
        (HEADER + DOSSIER + row(rubrique="faits", id="f1"),
         "cas.csv:3: « rubrique » : valeur inconnue. Vouliez-vous dire « fait » ?"),
        (HEADER + DOSSIER + row(id="f1"), "cas.csv:3: la cellule « rubrique » est vide"),
        (HEADER + DOSSIER + DOSSIER, "cas.csv:3: une seule ligne « dossier » est possible"),
        (HEADER + row(rubrique="vie", domaine="emploi", date="2012"),
         "cas.csv:1: aucune ligne de rubrique « dossier »"),
        ("rubriqe;dossier\ndossier;EX-1\n",
         "cas.csv:1: la colonne « rubrique » manque : chaque ligne dit ce qu'elle décrit"),
        ("rubrique;id;id\n", "cas.csv:1: deux colonnes portent le même nom"),
        ("", "cas.csv:1: la première ligne doit contenir les noms des colonnes"),
        (HEADER + DOSSIER + 'fait;"f1\n', "cas.csv:"),
    ],
)
def test_shape_errors(tmp_path: Path, text: str, fragment: str) -> None:
    found = messages(write(tmp_path, text))
    assert any(m.startswith(fragment) for m in found), found


def test_no_csv_message_repeats_a_cell(tmp_path: Path) -> None:
    secret = "Zorglub"
    header = HEADER.strip() + f";{secret}\n"
    text = header + DOSSIER.strip() + ";\n" + (
        row(rubrique=secret, id=secret).strip() + ";\n"
        + row(rubrique="fait", id=secret, date=secret, categorie=secret, gravite=secret).strip()
        + f";{secret}\n"
        + row(rubrique="decision", id="d1", date="2013", faits=secret, juridiction=secret).strip()
        + ";\n"
    )
    found = messages(write(tmp_path, text))
    assert len(found) >= 6
    assert all(secret.lower() not in m.lower() for m in found), found
