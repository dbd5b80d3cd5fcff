"""Property-based tests (hypothesis) of both parsers: whatever the input, never a crash.

Sheets (``load_catalogue``) and case files (``load_case``) are fed random text and bytes,
random YAML documents, and mutations of the real valid files (lines deleted, duplicated,
swapped, re-indented, truncated; quotes, colons, tabs and odd unicode inserted; values
replaced by other types). Each call must return a model or raise ``InvalidInput`` whose
problems are located (a path, a line that exists) and written in French; any other exception
fails. The two command-line tools are run on a few mutants: no traceback on the terminal.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.catalogue.fields import PROGRAMME_FIELDS, TOOL_FIELDS
from generator.catalogue.loader import load_catalogue
from generator.problems import InvalidInput
from generator.timeline.loader import LIFE_KEYS, MEASURE_KEYS, OFFENCE_KEYS, TOP_KEYS, load_case

REPO = Path(__file__).resolve().parent.parent
VALID_CONTENT = REPO / "tests" / "fixtures" / "catalogue" / "valide"
TODAY = datetime.date(2026, 6, 1)  # case files are checked against "today": fixed, for replays

# Enough examples to meet the odd cases, few enough for CI. On a developer's machine each run
# explores new inputs (and replays past failures from .hypothesis/); in CI the examples are
# fixed, so that a submission is never blocked by a crash its change did not cause.
QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
IN_CI = bool(os.environ.get("CI"))
PROPERTY = settings(max_examples=150, deadline=None, derandomize=IN_CI, suppress_health_check=QUIET)
THROUGH_CLI = settings(max_examples=6, deadline=None, derandomize=IN_CI, suppress_health_check=QUIET)


def read_sources(*patterns: str) -> list[str]:
    paths = sorted(path for pattern in patterns for path in REPO.glob(pattern))
    assert paths, patterns
    return [path.read_text(encoding="utf-8") for path in paths]


# By name: hypothesis prints a strategy's arguments, and the files themselves are long.
SOURCES = {
    "outils": read_sources("tests/fixtures/catalogue/valide/tools/*.md", "content/tools/*.md"),
    "programmes": read_sources("tests/fixtures/catalogue/valide/programmes/*.md", "content/programmes/*.md"),
    "dossiers": read_sources("examples/dossiers/*.yaml", "tests/fixtures/frise/*.yaml",
                             "tests/fixtures/frise/render/*.yaml"),
}


# --- what a good failure looks like -------------------------------------------------------------

QUOTED = re.compile(r"«[^»]*»")  # values echoed back from the input: not ours to translate
FRENCH = re.compile(r"[àâçéèêëîïôûù]|\b(le|la|les|l'|de|des|du|d'|un|une|il|est|et|ou|dans|pas|doit|manque|"
                    r"clé|valeur|fichier|dossier|invalide|introuvable|inconnue?)\b", re.IGNORECASE)
ENGLISH = re.compile(r"\b(expected|found|while|could not|unacceptable|not allowed|string|"
                     r"Traceback|Error|invalid literal|exceeds)\b", re.IGNORECASE)
LINE_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # what YAML counts as a new line


def check_outcome(load: Callable[[], object], written: Path, text: str) -> object | None:
    """The model, or None after checking that every problem is located and in French."""
    try:
        return load()
    except InvalidInput as invalid:
        assert invalid.problems
        last_line = len(LINE_BREAKS.findall(text)) + 1
        for problem in invalid.problems:
            assert problem.path, problem
            assert isinstance(problem.line, int) and problem.line >= 0, problem
            if problem.path.endswith(written.name):  # a line of the file we wrote exists in it
                assert problem.line <= last_line, (problem, last_line)
            ours = QUOTED.sub("", problem.message)
            assert ours.strip(), problem
            assert FRENCH.search(ours), f"message pas en français : {problem}"
            assert not ENGLISH.search(ours), f"message en anglais : {problem}"
        return None


# --- strategies ---------------------------------------------------------------------------------

ODD_TEXT = st.lists(
    st.one_of(
        st.sampled_from(list(":-[]{}\"'#&*!|>%@`,?\t\\ \n") + ["---", "...", "\r\n", "\ufeff", "é", "«", "»"]),
        st.characters(codec="utf-8"),
    ),
    max_size=20,
).map("".join)

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
    st.dates(), st.datetimes(), st.sampled_from(["", "~", ".nan", "-.inf", "2024-13-45", "30-45", "10+",
                                                 "0x1F", "1_000", "yes", "non", "addictions", "f1"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)
SHEET_KEYS = sorted({field.key for field in (*TOOL_FIELDS, *PROGRAMME_FIELDS)}
                    | {"fichier", "titre", "nom", "role", "date", "contexte", "texte"})
CASE_KEYS = sorted({*TOP_KEYS, *OFFENCE_KEYS, *MEASURE_KEYS, *LIFE_KEYS, "peines", "type", "quantum"})

# YAML scalars of every type, as text, to replace a value of a real file.
REPLACEMENTS = st.one_of(
    ODD_TEXT,
    VALUES.map(lambda value: yaml.safe_dump(value, allow_unicode=True, default_flow_style=True).strip()),
    st.sampled_from([
        "9" * 5000, "!!int x", "!!float x", "!!bool peut-être", "!!binary zz", "!!python/object:os.system x",
        "&ancre [*ancre]", "*inconnu", "[" * 300, "{" * 300, "|", ">-", "'non fermé", "\"non fermé",
        "2024-02-30", "2012-02-30T10:00:00", "1e999", "-", "? x", "{a: 1}", "[]", "[a, [b, {c: d}]]",
        "\x00", "\x07", "\ud7ff", "\U0001f600", "a: b: c", "'''", "#", "%YAML 1.1",
    ]),
)


def _delete(draw: st.DrawFn, lines: list[str]) -> list[str]:
    index = draw(st.integers(0, len(lines) - 1))
    return lines[:index] + lines[index + 1:]


def _duplicate(draw: st.DrawFn, lines: list[str]) -> list[str]:
    index = draw(st.integers(0, len(lines) - 1))
    return lines[:index + 1] + lines[index:]


def _swap(draw: st.DrawFn, lines: list[str]) -> list[str]:
    first, second = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines = list(lines)
    lines[first], lines[second] = lines[second], lines[first]
    return lines


def _reindent(draw: st.DrawFn, lines: list[str]) -> list[str]:
    index = draw(st.integers(0, len(lines) - 1))
    indent = draw(st.sampled_from(["", " ", "   ", "    ", "\t", " \t", "      "]))
    return lines[:index] + [indent + lines[index].lstrip()] + lines[index + 1:]


def _insert(draw: st.DrawFn, lines: list[str]) -> list[str]:
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    at = draw(st.integers(0, len(line)))
    return lines[:index] + [line[:at] + draw(ODD_TEXT) + line[at:]] + lines[index + 1:]


def _replace_value(draw: st.DrawFn, lines: list[str]) -> list[str]:
    keyed = [index for index, line in enumerate(lines) if ":" in line]
    if not keyed:
        return lines
    index = draw(st.sampled_from(keyed))
    key = lines[index].split(":", 1)[0]
    return lines[:index] + [f"{key}: {draw(REPLACEMENTS)}"] + lines[index + 1:]


def _truncate(draw: st.DrawFn, lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    return text[:draw(st.integers(0, len(text)))].split("\n")


MUTATIONS = (_delete, _duplicate, _swap, _reindent, _insert, _replace_value, _truncate)


@st.composite
def mutants(draw: st.DrawFn, kind: str) -> str:
    """A real valid file, mutated one to five times, with odd line endings or a BOM sometimes."""
    lines = draw(st.sampled_from(SOURCES[kind])).split("\n")
    for _ in range(draw(st.integers(1, 5))):
        if lines:
            lines = draw(st.sampled_from(MUTATIONS))(draw, lines)
    ending = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    return draw(st.sampled_from(["", "\ufeff"])) + ending.join(lines)


@st.composite
def random_documents(draw: st.DrawFn, keys: list[str], front_matter: bool) -> str:
    """A YAML mapping of known and unknown keys with values of any type."""
    data = draw(st.dictionaries(st.one_of(st.sampled_from(keys), st.text(max_size=12)), VALUES, max_size=8))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{text}---\n## Déroulé\n" if front_matter else text


def random_sheets() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=200),
        st.builds(lambda head, body: f"---\n{head}\n---\n{body}", ODD_TEXT, ODD_TEXT),
        random_documents(SHEET_KEYS, front_matter=True),
    )


def random_cases() -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=200), ODD_TEXT, random_documents(CASE_KEYS, front_matter=False))


# --- the catalogue ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def content_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture content plus the starter supports, so that mutants of real sheets can pass."""
    content = tmp_path_factory.mktemp("proprietes") / "contenu"
    shutil.copytree(VALID_CONTENT, content)
    shutil.copytree(REPO / "content" / "tools" / "supports", content / "tools" / "supports", dirs_exist_ok=True)
    return content


def load_sheet(content: Path, folder: str, data: bytes) -> object | None:
    """Write the sheet as ``<folder>/mutant.md`` among the valid ones and load the catalogue."""
    target = content / folder / "mutant.md"
    target.write_bytes(data)
    try:
        return check_outcome(lambda: load_catalogue(content), target, data.decode("utf-8", errors="replace"))
    finally:
        target.unlink()


@PROPERTY
@given(text=mutants("outils"))
def test_mutated_tool_sheets(content_dir: Path, text: str) -> None:
    load_sheet(content_dir, "tools", text.encode("utf-8", errors="surrogatepass"))


@PROPERTY
@given(text=mutants("programmes"))
def test_mutated_programme_sheets(content_dir: Path, text: str) -> None:
    load_sheet(content_dir, "programmes", text.encode("utf-8", errors="surrogatepass"))


@PROPERTY
@given(text=random_sheets())
@example(text="---\na: &a [*a]\n---\n")
@example(text="---\nduree: " + "9" * 5000 + "\n---\n")
@example(text="---\ntitre: !!int x\n---\n")
@example(text="---\nmodalite: !!bool peut-être\n---\n")
@example(text="---\ntitre: \x07\n---\n")
@example(text="---\n" + "[" * 2000 + "\n---\n")
@example(text="---\nsupports:\n  - fichier: " + "x" * 300 + "\n    titre: Long\n---\n")
@example(text="---\nsupports:\n  - fichier: \"a\\0b\"\n    titre: Nul\n---\n")
def test_random_sheets(content_dir: Path, text: str) -> None:
    load_sheet(content_dir, "tools", text.encode("utf-8", errors="surrogatepass"))


@PROPERTY
@given(data=st.binary(max_size=200))
def test_random_bytes_as_a_sheet(content_dir: Path, data: bytes) -> None:
    load_sheet(content_dir, "tools", b"---\n" + data)


def test_a_valid_sheet_still_loads(content_dir: Path) -> None:
    """The harness itself: an unmutated sheet gives a catalogue (so mutants can pass too)."""
    source = (VALID_CONTENT / "tools" / "outil-complet.md").read_bytes()
    catalogue = load_sheet(content_dir, "tools", source)
    assert catalogue is not None and "mutant" in catalogue.tools


# --- case files ---------------------------------------------------------------------------------

def load_case_text(folder: Path, data: bytes) -> object | None:
    target = folder / "dossier.yaml"
    target.write_bytes(data)
    return check_outcome(lambda: load_case(target, today=TODAY), target, data.decode("utf-8", errors="replace"))


@PROPERTY
@given(text=mutants("dossiers"))
def test_mutated_case_files(tmp_path: Path, text: str) -> None:
    load_case_text(tmp_path, text.encode("utf-8", errors="surrogatepass"))


@PROPERTY
@given(text=random_cases())
@example(text="faits: &a [*a]\n")
@example(text="vie: &a\n  - domaine: emploi\n    libelle: *a\n")
@example(text="dossier: EX-1\nannee_naissance: " + "9" * 5000 + "\n")
@example(text="dossier: !!float x\n")
@example(text="dossier: EX-1\nannee_naissance: 1990\nfaits: [" + "[" * 2000 + "]\n")
@example(text="dossier: \x00\n")
def test_random_case_files(tmp_path: Path, text: str) -> None:
    load_case_text(tmp_path, text.encode("utf-8", errors="surrogatepass"))


@PROPERTY
@given(data=st.binary(max_size=200))
def test_random_bytes_as_a_case_file(tmp_path: Path, data: bytes) -> None:
    load_case_text(tmp_path, data)


def test_a_valid_case_file_still_loads(tmp_path: Path) -> None:
    case = load_case_text(tmp_path, (REPO / "examples" / "dossiers" / "premier-fait.yaml").read_bytes())
    assert case is not None and case.dossier == "EX-2026-002"


# --- the command-line tools, as a user runs them ------------------------------------------------

# The installed console script, as the README runs it; the module when not installed.
FRISE = ([Path(sys.executable).parent / "frise"] if (Path(sys.executable).parent / "frise").exists()
         else ["-m", "generator.timeline.cli"])


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    command = list(map(str, args))
    if not command[0].endswith("frise"):
        command.insert(0, sys.executable)
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True,
                          env=env, timeout=120)


def assert_clean_failure(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), (result.returncode, result.stderr)


@THROUGH_CLI
@given(text=mutants("outils"))
@example(text="---\ntitre: &a [*a]\nresume: " + "9" * 5000 + "\n---\n")
def test_build_check_never_prints_a_traceback(content_dir: Path, text: str) -> None:
    target = content_dir / "tools" / "mutant.md"
    target.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        assert_clean_failure(run("build.py", "--check", "--content", content_dir))
    finally:
        target.unlink()


@THROUGH_CLI
@given(text=mutants("dossiers"))
@example(text="dossier: EX-1\nfaits: &a [*a]\nannee_naissance: !!int x\n")
def test_frise_never_prints_a_traceback(tmp_path: Path, text: str) -> None:
    target = tmp_path / "dossier.yaml"
    target.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    assert_clean_failure(run(*FRISE, target, "--json"))


# --- crashes found by the properties above, one regression test each ----------------------------

def sheet_problems(content: Path, front_matter: str) -> list[str]:
    target = content / "tools" / "mutant.md"
    target.write_text(f"---\n{front_matter}---\n## Déroulé\n", encoding="utf-8")
    try:
        with pytest.raises(InvalidInput) as raised:
            load_catalogue(content)
    finally:
        target.unlink()
    return [f"{problem.line}: {problem.message}" for problem in raised.value.problems
            if problem.path.endswith("mutant.md")]


MINIMAL = "titre: Outil\nresume: Résumé.\nfacteurs_risques: [addictions]\nmodalite: [individuel]\n"


@pytest.mark.parametrize("value, message", [
    # PyYAML raised ValueError (Python's 4,300-digit limit on int()), ValueError, KeyError.
    ("9" * 5000, "valeur illisible (nombre trop long ou type « !! » impossible)"),
    ("!!int trente", "valeur illisible (nombre trop long ou type « !! » impossible)"),
    ("!!bool peut-être", "valeur illisible (nombre trop long ou type « !! » impossible)"),
    # An alias of its own anchor: a cycle, then RecursionError in the line walk.
    ("&boucle [*boucle]", "une valeur ne peut pas commencer par « * » (alias YAML)"),
    # RecursionError in PyYAML's composer.
    ("[" * 400, "plus de 50 niveaux imbriqués"),
    # An English message from PyYAML's reader ("unacceptable character #x0007").
    ("\"sonnerie \x07\"", "caractère invisible interdit (U+0007)"),
])
def test_unreadable_yaml_values_are_located_french_problems(content_dir: Path, value: str, message: str) -> None:
    problems = sheet_problems(content_dir, f"{MINIMAL}duree: {value}\n")
    assert len(problems) == 1 and problems[0].startswith(f"6: YAML invalide : {message}"), problems


def test_an_alias_blow_up_is_refused_before_any_expansion(content_dir: Path) -> None:
    # Nine levels of ten aliases would be walked 10**9 times by the line recorder.
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"] + [
        f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]" for level in range(1, 10)]
    problems = sheet_problems(content_dir, MINIMAL + "duree: 30\n" + "\n".join(levels) + "\n")
    assert problems == ["8: YAML invalide : une valeur ne peut pas commencer par « * » (alias YAML) : "
                        "mettez-la entre guillemets."]


@pytest.mark.parametrize("name", ["supports/" + "x" * 300 + ".pdf", "supports/a\\0b.pdf"])
def test_an_impossible_support_file_name_is_a_problem(content_dir: Path, name: str) -> None:
    # OSError (file name too long) and ValueError (embedded null byte) from pathlib.
    problems = sheet_problems(content_dir, f"{MINIMAL}duree: 30\nsupports:\n  - fichier: \"{name}\"\n"
                                           "    titre: Grille\n")
    assert len(problems) == 1 and problems[0].startswith("8: support « ")
    assert "nom de fichier impossible (trop long, avec un caractère interdit" in problems[0]


@pytest.mark.parametrize("text, line", [
    ("dossier: EX-1\nannee_naissance: 1990\nfaits: &f [*f]\n", 3),  # the guard walked the cycle forever
    ("dossier: EX-1\nannee_naissance: !!int mille\n", 2),
])
def test_case_files_with_unreadable_yaml_are_refused_with_a_line(tmp_path: Path, text: str, line: int) -> None:
    target = tmp_path / "dossier.yaml"
    target.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as raised:
        load_case(target, today=TODAY)
    (problem,) = raised.value.problems
    assert problem.line == line and problem.message.startswith("YAML invalide : ")
