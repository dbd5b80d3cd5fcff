"""The anonymisation guard: direct identifiers are refused, named by kind, never quoted back.

All identifiers below are fictitious. NIR keys were computed as 97 − (number mod 97), with the
standard 2A → 19 / 2B → 18 substitution for Corsica.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.located_yaml import load_located
from generator.problems import InvalidInput
from generator.timeline import guard
from generator.timeline.loader import load_case

FIXTURES = Path(__file__).parent / "fixtures" / "frise"
HEADER = "dossier: EX-T-01\nannee_naissance: 1990\ndate_reference: 2026-11-01\n"
ADVICE = (
    "Les dossiers doivent être anonymisés : retirez cette donnée puis relancez. "
    "(La valeur n'est pas reproduite ici.)"
)


@pytest.fixture(autouse=True)
def _inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def refused(tmp_path: Path, libelle: str, key: str = "libelle") -> list[str]:
    """Every message for a case file whose one life event carries ``libelle``."""
    quoted = libelle.replace('"', '\\"')
    text = HEADER + f'vie:\n  - domaine: autre\n    date: 2012\n    {key}: "{quoted}"\n'
    path = tmp_path / "cas.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_case(path)
    return [str(problem) for problem in caught.value.problems]


def assert_refused(tmp_path: Path, text: str, kind: str, secret: str) -> None:
    """Refused with one message that names the line, the key and the kind, not the value."""
    found = refused(tmp_path, text)
    article = "un" if kind.startswith("numéro") else "une"
    assert found == [f"cas.yaml:7: « libelle » semble contenir {article} {kind}. {ADVICE}"]
    assert secret not in found[0]
    # Not even a fragment of the digits (e.g. the part after a space).
    for chunk in secret.replace(".", " ").replace("/", " ").split():
        if len(chunk) >= 4:
            assert chunk not in found[0]


# --- one test per kind --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "nir",
    [
        "1 94 03 75 115 005 97",  # with spaces
        "194037511500597",  # without spaces
        "2 94 03 2A 004 005 39",  # Corsica, 2A → 19
        "294032B00400566",  # Corsica, 2B → 18
        "1.85.05.78.006.084.91",  # dots
    ],
)
def test_nir_with_a_valid_key_is_refused(tmp_path: Path, nir: str) -> None:
    assert_refused(tmp_path, f"Personne immatriculée {nir}", guard.NIR, nir)


def test_nir_typed_as_a_yaml_integer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cas.yaml"
    path.write_text(HEADER + "vie:\n  - domaine: autre\n    date: 2012\n    libelle: 185057800608491\n")
    with pytest.raises(InvalidInput) as caught:
        load_case(path)
    (message,) = map(str, caught.value.problems)
    assert guard.NIR in message and "185057800608491" not in message


@pytest.mark.parametrize("number", ["1 94 03 75 115 005 42", "194037511500598", "594037511500597"])
def test_fifteen_digits_with_a_wrong_key_or_sex_digit_are_not_a_nir(number: str) -> None:
    assert guard.NIR not in guard.identifier_kinds(number)


@pytest.mark.parametrize(
    "email", ["camille.martin@example.org", "c.martin+spip@mail.example.fr", "x_y@z-z.co.uk"]
)
def test_email_is_refused(tmp_path: Path, email: str) -> None:
    assert_refused(tmp_path, f"Écrire à {email}", guard.EMAIL, email)


@pytest.mark.parametrize(
    "phone",
    ["06 12 34 56 78", "0612345678", "06.12.34.56.78", "01-23-45-67-89", "+33 6 12 34 56 78",
     "+33612345678", "0033 1 23 45 67 89", "+33 (0)6 12 34 56 78"],
)
def test_french_phone_number_is_refused(tmp_path: Path, phone: str) -> None:
    assert_refused(tmp_path, f"Joignable au {phone} le matin", guard.PHONE, phone)


@pytest.mark.parametrize(
    "address",
    ["12 rue des Lilas", "3 bis avenue Jean Jaurès", "5, boulevard de la Liberté", "7 bd Voltaire",
     "14 impasse du Moulin", "2 allée des Tilleuls", "8 place de la République", "1 chemin Vert",
     "45 route de Lyon", "9 quai Saint-Vincent", "21 cours Lafayette", "3 lieu-dit Les Granges",
     "6 av. Foch", "4 résidence Les Pins", "11 square Marcel Pagnol"],
)
def test_street_address_is_refused(tmp_path: Path, address: str) -> None:
    assert_refused(tmp_path, f"Hébergé au {address}, 69000", guard.ADDRESS, address)


@pytest.mark.parametrize(
    "text",
    ["Née le 12/03/1994 à Lyon", "né le 12 mars 1994", "Né(e) le 1er avril 1994", "DDN : 12/03/1994",
     "date de naissance 12.03.1994", "naissance : 1994-03-12", "né 12/3/94", "12/03/1994 (naissance)"],
)
def test_full_date_of_birth_is_refused(tmp_path: Path, text: str) -> None:
    assert_refused(tmp_path, text, guard.BIRTH_DATE, "1994")


def test_full_date_in_annee_naissance_names_the_kind(tmp_path: Path) -> None:
    path = tmp_path / "cas.yaml"
    path.write_text("dossier: EX-1\nannee_naissance: '12/03/1994'\n")
    with pytest.raises(InvalidInput) as caught:
        load_case(path)
    found = [str(p) for p in caught.value.problems]
    assert any(f"« annee_naissance » semble contenir une {guard.BIRTH_DATE}" in m for m in found)
    assert all("1994" not in m for m in found)


@pytest.mark.parametrize(
    "text", ["écrou 123456", "Écrou n° 123456", "N° d'écrou : 123456", "ecrou numéro 98765"]
)
def test_numero_d_ecrou_is_refused(tmp_path: Path, text: str) -> None:
    assert_refused(tmp_path, f"Détenu, {text}", guard.ECROU, text.split()[-1])


@pytest.mark.parametrize(
    "text",
    ["parquet 23123000456", "N° PARQUET : 23/123/456", "n° parquet 23 123 000456",
     "numéro de parquet : 23123000456"],
)
def test_numero_de_parquet_is_refused(tmp_path: Path, text: str) -> None:
    assert_refused(tmp_path, f"Procédure {text}", guard.PARQUET, text.split()[-1])


@pytest.mark.parametrize(
    ("dossier", "kind"),
    [("23123000456", guard.PARQUET), ("P23123000456", guard.PARQUET),
     ("ECROU-123456", guard.ECROU), ("0612345678", guard.PHONE), ("194037511500597", guard.NIR)],
)
def test_dossier_that_looks_like_a_real_number_is_refused(
    tmp_path: Path, dossier: str, kind: str
) -> None:
    path = tmp_path / "cas.yaml"
    path.write_text(f"dossier: {dossier}\nannee_naissance: 1990\n")
    with pytest.raises(InvalidInput) as caught:
        load_case(path)
    found = [str(p) for p in caught.value.problems]
    assert f"cas.yaml:1: « dossier » semble contenir un {kind}. {ADVICE}" in found
    assert all(dossier not in message for message in found)


# --- where it looks -----------------------------------------------------------------------------
def test_every_identifier_of_a_file_is_reported_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        load_case(FIXTURES / "identifiants.yaml")
    found = {(p.line, p.message.split(" semble contenir ")[1].split(".")[0])
             for p in caught.value.problems}
    assert found == {
        (10, "un " + guard.NIR),
        (15, "une " + guard.EMAIL),
        (23, "un " + guard.PHONE),
        (32, "une " + guard.ADDRESS),
        (35, "une " + guard.BIRTH_DATE),
        (38, "un " + guard.ECROU),
        (41, "un " + guard.PARQUET),
    }
    text = (FIXTURES / "identifiants.yaml").read_text(encoding="utf-8")
    secrets = ["75 115 005 97", "camille.martin", "06 12 34", "rue des Lilas", "12/03/1994",
               "123456", "23123000456"]
    assert all(secret in text for secret in secrets)
    for problem in caught.value.problems:
        assert all(secret not in problem.message for secret in secrets)


@pytest.mark.parametrize("key", ["quantum", "duree_epreuve", "categorie", "id"])
def test_any_text_key_is_scanned(tmp_path: Path, key: str) -> None:
    path = tmp_path / "cas.yaml"
    path.write_text(HEADER + (
        "faits:\n  - id: f1\n    date: 2012\n    categorie: vol\n    gravite: delit\n"
        "decisions:\n  - id: d1\n    date: 2013\n    faits: [f1]\n    juridiction: autre\n"
        "    peines:\n      - type: sursis_probatoire\n        quantum: 6 mois\n"
        "        duree_epreuve: 2 ans\n"
    ).replace(f"{key}: ", f"{key}: x@example.org #", 1))
    with pytest.raises(InvalidInput) as caught:
        load_case(path)
    found = [str(p) for p in caught.value.problems]
    assert any(f"« {key} » semble contenir une {guard.EMAIL}" in m for m in found), found
    assert all("example.org" not in m for m in found)


def test_identifier_in_a_key_is_refused_and_not_quoted(tmp_path: Path) -> None:
    path = tmp_path / "cas.yaml"
    path.write_text(HEADER + "vie:\n  - domaine: autre\n    date: 2012\n    06 12 34 56 78: appeler\n")
    with pytest.raises(InvalidInput) as caught:
        load_case(path)
    found = [str(p) for p in caught.value.problems]
    assert found == [f"cas.yaml:7: une clé sous « vie » semble contenir un {guard.PHONE}. {ADVICE}"]


def test_find_identifiers_works_on_located_data() -> None:
    located = load_located("dossier: EX-1\nvie:\n  - libelle: écrire à a@b.fr\n")
    (problem,) = guard.find_identifiers(located, Path("x.yaml"))
    assert (problem.path, problem.line) == ("x.yaml", 3)
    assert guard.EMAIL in problem.message and "a@b.fr" not in problem.message


# --- no false positives on ordinary content ------------------------------------------------------
def test_ordinary_case_file_passes() -> None:
    case = load_case(FIXTURES / "complet.yaml")
    assert len(case.faits) == 4


@pytest.mark.parametrize(
    "text",
    ["Vol à l'étalage", "140 h", "500 €", "6 mois", "2 ans", "50 jours-amende à 10 €", "7875",
     "Naissance de sa fille", "Né en 1994", "Condamné le 12/03/2015", "Écroué en 2015",
     "Levée d'écrou le 2015-03-02", "Levée d'écrou en 2015", "Parquet de Lyon en 2015",
     "Stage de 3 semaines, 20 cours de code", "2 places d'hébergement", "Place Bellecour",
     "Sorti le 2015-03-02", "Libéré le 12 mars 2019", "CDD de 35 h par semaine",
     "Relevé d'identité 2019", "Appel 23 mai 2019", "Excès de vitesse de 25 km/h",
     "Dette de 12 345,67 €",
     "1 94 03 75 115 005 42", "Année 2012, puis 2013-2014"],
)
def test_ordinary_text_is_not_an_identifier(text: str) -> None:
    assert guard.identifier_kinds(text) == []


def test_natinf_and_years_are_not_scanned_as_text() -> None:
    located = load_located("faits:\n  - natinf: 7875\n    date: 2012\n")
    assert guard.scan(located) == []


@pytest.mark.parametrize(
    "text",
    ["1" + " " * 20000 + "x", "a" * 20000, "1" * 20000 + "x", "né" + " " * 20000 + "1",
     "a." * 10000 + "@", "12/03/1994" + " " * 20000 + "x", "écrou" + " " * 20000 + "1234"],
)
def test_long_pathological_text_is_scanned_quickly(text: str) -> None:
    # A regex with overlapping unbounded blanks once took minutes on "1" followed by blanks.
    import time

    start = time.perf_counter()
    guard.identifier_kinds(text)
    assert time.perf_counter() - start < 2
