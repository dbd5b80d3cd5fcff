"""The anonymisation guard (version 2): every identifier format in every place of a case file is
refused with its kind and its line, the value is never repeated, and ordinary content passes.

The matrix (identifier formats × separators × Unicode spaces × full-width digits × overseas
prefixes × civility titles, × places in the file) lives in ``tests/guard_table.py``, shared with
the differential test of the JavaScript twin.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from guard_table import PASSES, PLACES, Sample, fragments, matrix, pass_files, place

from bench.guard_bench import adversarial
from generator.problems import InvalidInput
from generator.timeline import guard
from generator.timeline.cli import main
from generator.timeline.loader import load_case

REPO = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).parent / "hostile" / "guard"
ARTICLE = {kind: ("Un" if kind.startswith(("numéro", "nom")) else "Une") for kind in guard.KINDS.values()}


def scan(text: str) -> list[guard.Finding]:
    """What the loader does: the birth year read first, then the raw text judged."""
    return guard.scan_text(text, guard.read_birth_year(text))


# --- the matrix, judged by the guard ------------------------------------------------------------
@pytest.mark.parametrize("where", PLACES)
def test_every_identifier_format_is_found_in_every_place(where: str) -> None:
    missed = []
    cases = [case for case in matrix() if case[1] == where]
    assert cases
    for sample, _, _, text, line in cases:
        found = scan(text)
        if guard.Finding(line, sample.kind) not in found:
            missed.append((sample.text, line, found))
        # Nothing else in the file is taken for an identifier.
        assert {f.kind for f in found} == {sample.kind}, (sample.text, found)
    assert not missed


def test_the_matrix_covers_every_kind_and_place() -> None:
    cases = matrix()
    assert {sample.kind for sample, *_ in cases} == set(guard.KINDS.values())
    assert {where for _, where, *_ in cases} == set(PLACES)
    assert len(cases) > 900


def test_ordinary_content_passes_in_every_place() -> None:
    flagged = [(text, scan(text)) for _, text in pass_files()]
    assert [item for item in flagged if item[1]] == []


@pytest.mark.parametrize("text", PASSES)
def test_ordinary_text_is_not_an_identifier(text: str) -> None:
    assert guard.scan_text(text, 1990) == []


def test_example_and_fixture_cases_pass() -> None:
    fixtures = REPO / "tests" / "fixtures" / "frise"
    files = sorted((REPO / "examples" / "dossiers").glob("*.*")) + [
        p for p in sorted([*fixtures.glob("*.yaml"), *fixtures.glob("*.csv")])
        if p.name != "identifiants.yaml"
    ]
    assert files
    for path in files:
        assert scan(path.read_text(encoding="utf-8")) == [], path.name


# --- rules one by one -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "number", ["1 94 03 75 115 005 42", "194037511500598", "594037511500597", "2 94 03 2C 004 005 39"]
)
def test_a_wrong_key_or_sex_digit_is_not_a_nir(number: str) -> None:
    assert guard.scan_text(number, None) == []


def test_thirteen_characters_need_valid_positions() -> None:
    assert guard.scan_text("1 94 03 75 115 005", None) == [guard.Finding(1, guard.NIR)]
    assert guard.scan_text("1 94 13 75 115 005", None) == []  # month 13
    assert guard.scan_text("5 94 03 75 115 005", None) == []  # sex digit 5
    assert guard.scan_text("1 94 03 00 115 005", None) == []  # department 00
    assert guard.scan_text("1 94 03 96 115 005", None) == []  # department 96
    assert guard.scan_text("1 94 03 2B 115 005", None) == [guard.Finding(1, guard.NIR)]
    assert guard.scan_text("1 94 03 99 115 005", None) == [guard.Finding(1, guard.NIR)]  # abroad


def test_a_date_in_the_birth_year_is_a_full_date_of_birth() -> None:
    assert guard.scan_text("date: 1994-05-02", 1994) == [guard.Finding(1, guard.BIRTH_DATE)]
    assert guard.scan_text("date: 1994-05-02", 1990) == []
    assert guard.scan_text("date: 1994-05", 1994) == []  # month precision only
    assert guard.scan_text("date: 05/1994", 1994) == []


def test_a_birth_word_joins_a_date_within_three_words_of_the_same_field() -> None:
    assert guard.scan_text("né à Lyon le 12/03/1994", None)
    assert guard.scan_text("né à Lyon, France, le 12/03/1994", None) == []  # 4 words
    # A child's birth in one field and an event date in the next are not joined.
    assert guard.scan_text("    date: 2015-06-12\n    libelle: Naissance de sa fille\n", None) == []
    assert guard.scan_text("vie;;2015-06-12;Naissance de sa fille\n", None) == []
    assert guard.scan_text("vie,,2015-06-12,Naissance de sa fille\n", None) == []


def test_a_year_after_ecrou_is_not_a_number_unless_announced() -> None:
    assert guard.scan_text("levée d'écrou en 2015", None) == []
    assert guard.scan_text("écrou n° 2015", None) == [guard.Finding(1, guard.ECROU)]
    assert guard.scan_text("écroué le 12/03/2015, libéré en 2016", None) == []
    assert guard.scan_text("écroué sous le numéro de dossier 184523", None) == []  # 4 words


def test_lines_are_counted_like_yaml_and_the_finding_is_where_the_value_starts() -> None:
    text = "a: 1\r\nb: 2\rc: 3\u2028libelle: |\n  Tél 06 47 91\n  38 25\n"
    assert guard.scan_text(text, None) == [guard.Finding(5, guard.PHONE)]


@pytest.mark.parametrize(
    "written",
    ['"06\\_47\\_91\\_38\\_25"', '"\\x30\\x36 47 91 38 25"', '"\\u0030\\u0036 47 91 38 25"',
     '"06\\t47\\t91\\t38\\t25"', '"0647\\\n      913825"'],
)
def test_yaml_escapes_are_read_as_yaml_reads_them(written: str) -> None:
    assert guard.scan_text(f"libelle: {written}\n", None) == [guard.Finding(1, guard.PHONE)]


def test_invisible_characters_do_not_split_an_identifier() -> None:
    for invisible in ("\u200b", "\u00ad", "\u2060", "\ufeff"):
        text = f"06{invisible}47 91 38 25"
        assert guard.scan_text(text, None) == [guard.Finding(1, guard.PHONE)]


def test_findings_are_one_per_line_and_kind_in_line_order() -> None:
    text = "x: 06 47 91 38 25 et 06 47 91 38 26\n# M. Dupont\ny: a@b.fr, 0647913825\n"
    assert guard.scan_text(text, None) == [
        guard.Finding(1, guard.PHONE), guard.Finding(2, guard.CIVILITY),
        guard.Finding(3, guard.EMAIL), guard.Finding(3, guard.PHONE),
    ]


@pytest.mark.parametrize(
    ("text", "year"),
    [("dossier: EX\nannee_naissance: 1994\n", 1994), ("annee_naissance: '1994' # x\n", 1994),
     ("annee_naissance: １９９４\n", 1994), ("annee_naissance: 12/03/1994\n", None),
     ("rubrique;dossier;annee_naissance\ndossier;EX;1994\n", 1994),
     ('"rubrique","annee_naissance"\n"dossier","1994"\n', 1994), ("dossier: EX\n", None), ("", None)],
)
def test_birth_year_is_read_from_the_raw_text(text: str, year: int | None) -> None:
    assert guard.read_birth_year(text) == year


# --- messages -------------------------------------------------------------------------------------
def test_problems_name_file_line_and_kind_never_the_value(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (problem,) = guard.to_problems([guard.Finding(7, guard.PHONE)], tmp_path / "cas.yaml")
    assert str(problem) == (
        "cas.yaml:7: Un numéro de téléphone semble figurer à cette ligne (la valeur n'est pas "
        "reproduite ici). Un dossier doit être anonymisé\u00a0: retirez cette donnée ou "
        "remplacez-la par l'identifiant pseudonyme (ex. EX-2026-001), puis relancez."
    )
    for kind in guard.KINDS.values():
        assert guard.message(guard.Finding(1, kind)).startswith(f"{ARTICLE[kind]} {kind} semble")


def _write_place(folder: Path, where: str, cases: list[tuple[Sample, str, str, str, int]]) -> list:
    expected = []
    for index, (sample, _, suffix, text, line) in enumerate(cases):
        name = f"{where}-{index:03d}{suffix}"
        (folder / name).write_text(text, encoding="utf-8")
        expected.append((name, line, sample))
    return expected


@pytest.mark.parametrize("where", PLACES)
def test_frise_refuses_every_file_and_repeats_no_value(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    cases = [case for case in matrix() if case[1] == where]
    folder = tmp_path / "cas"
    folder.mkdir()
    expected = _write_place(folder, where, cases)
    out = tmp_path / "frises"
    assert main([str(folder), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    for name, line, sample in expected:
        assert f"cas/{name}:{line}: {ARTICLE[sample.kind]} {sample.kind} semble" in captured.err
    written = "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file()
    ) if out.exists() else ""
    for sample in {case[0] for case in cases}:
        for piece in fragments(sample.secret):
            assert piece not in captured.err, (sample.text, piece)
            assert piece not in captured.out, (sample.text, piece)
            assert piece not in written, (sample.text, piece)


def test_load_case_refuses_with_the_guard_problems_only(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    sample = Sample(guard.NIR, "194037511500597", number=True)
    suffix, text, line = place(sample, "unquoted_number")
    path = tmp_path / f"cas{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_case(path)
    messages = [str(p) for p in caught.value.problems]
    assert f"cas.yaml:{line}: Un {guard.NIR} semble figurer à cette ligne" in "\n".join(messages)
    assert all("1940375" not in m and "0597" not in m for m in messages)


# --- no message of the timeline tools repeats the file's content ---------------------------------
SECRET_NIR = "2 85 11 69 123 456 87"
SECRET_PHONE = "06 47 91 38 25"
HEADER = "dossier: EX-T-01\nannee_naissance: 1990\ndate_reference: 2026-11-01\n"
FAIT = "  - id: f1\n    date: 2012-03\n    categorie: vol\n    gravite: delit\n"
LEAKS = {
    "duplicate_key_value": HEADER + f"faits:\n{FAIT}    libelle: x\n    libelle: \"{SECRET_NIR}\"\n",
    "duplicate_key_with_phone": HEADER + f"faits:\n{FAIT}    libelle: \"{SECRET_PHONE}\"\n"
    f"    libelle: \"{SECRET_PHONE}\"\n",
    "duplicate_key_name": HEADER + f"faits:\n{FAIT}    \"{SECRET_PHONE}\": a\n    \"{SECRET_PHONE}\": b\n",
    "unknown_key": HEADER + f"faits:\n{FAIT}    \"{SECRET_NIR}\": oui\n",
    "unknown_key_value": HEADER + f"faits:\n{FAIT}    remarque: {SECRET_PHONE}\n",
    "bad_date": HEADER + f"faits:\n  - id: f1\n    date: \"{SECRET_PHONE}\"\n    categorie: vol\n"
    "    gravite: delit\n",
    "bad_date_unquoted": HEADER + "faits:\n  - id: f1\n    date: 0647913825\n    categorie: vol\n"
    "    gravite: delit\n",
    "bad_ref": HEADER + f"faits:\n{FAIT}decisions:\n  - id: d1\n    date: 2013\n"
    f"    faits: [\"{SECRET_NIR}\"]\n    juridiction: autre\n    peines:\n      - type: amende\n",
    "bad_id": HEADER + f"faits:\n  - id: \"{SECRET_PHONE}\"\n    date: 2012\n    categorie: vol\n"
    "    gravite: delit\n",
    "duplicate_id": HEADER + f"faits:\n  - id: {SECRET_PHONE.replace(' ', '')}\n    date: 2012\n"
    f"    categorie: vol\n    gravite: delit\n  - id: {SECRET_PHONE.replace(' ', '')}\n    date: 2013\n"
    "    categorie: vol\n    gravite: delit\n",
    "bad_vocabulary": HEADER + f"faits:\n  - id: f1\n    date: 2012\n    categorie: \"{SECRET_NIR}\"\n"
    "    gravite: delit\n",
    "dossier_id": f"dossier: {SECRET_PHONE.replace(' ', '')}\nannee_naissance: 1990\n",
    "birth_year": "dossier: EX-T-01\nannee_naissance: 12/03/1994\n",
    "yaml_syntax": HEADER + f"faits:\n  - id: f1\n    libelle: [\"{SECRET_NIR}\"\n",
    "csv_unknown_column": f"rubrique;dossier;annee_naissance;\"{SECRET_PHONE}\"\ndossier;EX-T-01;1990;x\n",
    "csv_bad_cell": "rubrique;dossier;annee_naissance;id;date;categorie;gravite\n"
    f"dossier;EX-T-01;1990;;;;\nfait;;;f1;{SECRET_PHONE};vol;delit\n",
}


@pytest.mark.parametrize("name", sorted(LEAKS))
def test_no_message_repeats_an_identifier(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    suffix = ".csv" if name.startswith("csv") else ".yaml"
    path = tmp_path / f"cas{suffix}"
    path.write_text(LEAKS[name], encoding="utf-8")
    assert main([str(path), "-o", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert f"cas{suffix}:" in captured.err
    for secret in (SECRET_NIR, SECRET_PHONE, "12/03/1994"):
        for piece in fragments(secret):
            assert piece not in captured.err + captured.out, (piece, captured.err)


# Values the guard lets through (a surname alone is not a direct identifier it can tell) still
# never come back in a message: the loader names the line and the key, not the text.
NAME = "Lefebvre"
UNGUARDED = {
    "unknown_key": HEADER + f"faits:\n{FAIT}    {NAME}: oui\n",
    "unknown_key_value": HEADER + f"faits:\n{FAIT}    remarque: {NAME}\n",
    "duplicate_key": HEADER + f"faits:\n{FAIT}    libelle: {NAME}\n    libelle: {NAME}\n",
    "bad_date": HEADER + f"faits:\n  - id: f1\n    date: {NAME}\n    categorie: vol\n    gravite: delit\n",
    "bad_ref": HEADER + f"faits:\n{FAIT}decisions:\n  - id: d1\n    date: 2013\n    faits: [{NAME}]\n"
    "    juridiction: autre\n    peines:\n      - type: amende\n",
    "bad_measure_ref": HEADER + f"faits:\n{FAIT}mesures:\n  - type: tig\n    debut: 2013\n"
    f"    decision: {NAME}\n",
    "bad_vocabulary": HEADER + f"faits:\n  - id: f1\n    date: 2012\n    categorie: {NAME}\n"
    "    gravite: delit\n",
    "bad_dossier": f"dossier: {NAME} Jean\nannee_naissance: 1990\n",
    "wrong_type": HEADER + f"faits:\n  - id: f1\n    date: 2012\n    categorie: vol\n"
    f"    gravite: delit\n    natinf: {NAME}\n",
    "csv_unknown_column": f"rubrique;dossier;annee_naissance;{NAME}\ndossier;EX-T-01;1990;x\n",
    "csv_bad_cell": "rubrique;dossier;annee_naissance;id;date;categorie;gravite\n"
    f"dossier;EX-T-01;1990;;;;\nfait;;;f1;{NAME};vol;delit\n",
}


@pytest.mark.parametrize("name", sorted(UNGUARDED))
def test_no_message_repeats_a_value_the_guard_lets_through(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    suffix = ".csv" if name.startswith("csv") else ".yaml"
    path = tmp_path / f"cas{suffix}"
    path.write_text(UNGUARDED[name], encoding="utf-8")
    assert guard.scan_text(UNGUARDED[name], 1990) == []
    assert main([str(path), "-o", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert f"cas{suffix}:" in captured.err
    assert NAME not in captured.err + captured.out, captured.err


# --- hostile fixtures -----------------------------------------------------------------------------
def _hostile() -> list[tuple[str, dict]]:
    expected = json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8"))
    return sorted(expected.items())


@pytest.mark.parametrize(("name", "spec"), _hostile())
def test_hostile_fixture(
    name: str, spec: dict, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = HOSTILE / name
    found = [[f.line, f.kind] for f in scan(path.read_text(encoding="utf-8"))]
    assert found == [[line, guard.KINDS[kind]] for line, kind in spec["findings"]]
    monkeypatch.chdir(HOSTILE)
    code = main([name, "--json"])
    captured = capsys.readouterr()
    assert code == (1 if spec["findings"] else 0)
    for secret in spec.get("secrets", []):
        for piece in fragments(secret):
            assert piece not in captured.err + captured.out, piece


# --- cost -----------------------------------------------------------------------------------------
def _best_time(text: str) -> float:
    """Best CPU time of three passes (CPU time: other jobs on the machine do not inflate it)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        guard.scan_text(text, 1994)
        best = min(best, time.process_time() - start)
    return best


def test_cost_is_linear_in_the_size_of_the_file() -> None:
    # A ratio, not an absolute time (the machine is shared): ten times the text must cost about
    # ten times as much; a quadratic pass would cost a hundred times.
    small, large = adversarial(40_000), adversarial(400_000)
    ratio = _best_time(large) / _best_time(small)
    assert ratio < 25, ratio
