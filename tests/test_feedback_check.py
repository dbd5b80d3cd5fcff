"""The build refuses a feedback (``retours``) that identifies someone: e-mail, phone, civility +
name, in ``contexte`` or ``texte`` (``generator/catalogue/feedback_check.py``), with a located
French message that never repeats the value; the same table runs in the browser form
(``tests/test_feedback_browser.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.catalogue import feedback_check
from generator.catalogue.kinds import FEEDBACK_MAX_LENGTH
from generator.catalogue.loader import load_catalogue
from generator.problems import InvalidInput
from tests.feedback_table import FEEDBACK_TABLE

SHEET = """\
---
titre: Outil avec retour
resume: Une fiche minimale pour un retour d'expérience.
facteurs_risques: [addictions]
modalite: [individuel]
duree: 20
retours:
  - date: 2026-11-30
    contexte: {contexte}
    texte: {texte}
---
## Déroulé
"""


def write(root: Path, texte: str, contexte: str = "CPIP, milieu ouvert") -> Path:
    path = root / "tools" / "outil.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    # JSON strings are YAML double-quoted scalars: the value arrives exactly as written.
    path.write_text(SHEET.format(contexte=json.dumps(contexte, ensure_ascii=False),
                                 texte=json.dumps(texte, ensure_ascii=False)), encoding="utf-8")
    return path


@pytest.mark.parametrize("text, kinds", FEEDBACK_TABLE)
def test_the_shared_table_in_python(text: str, kinds: list[str]) -> None:
    assert feedback_check.findings(text) == kinds


@pytest.mark.parametrize("text, kinds", FEEDBACK_TABLE)
@pytest.mark.parametrize("field, line", [("texte", 10), ("contexte", 9)])
def test_the_build_refuses_texte_and_contexte_as_the_table_says(
        tmp_path: Path, text: str, kinds: list[str], field: str, line: int) -> None:
    values = {"texte": "Utile.", "contexte": "CPIP", field: text}
    path = write(tmp_path, **values)
    if not kinds:
        assert getattr(load_catalogue(tmp_path).tools["outil"].retours[0], field) == text
        return
    with pytest.raises(InvalidInput) as raised:
        load_catalogue(tmp_path)
    # One located message per kind, made of constant words only: the value is never repeated.
    expected = []
    for kind in kinds:
        message = feedback_check.refusal_message(kind)
        expected.append(f"{path}:{line}: « retours.{field} » : {message[0].lower()}{message[1:]}")
    assert sorted(str(problem) for problem in raised.value.problems) == sorted(expected)


def test_messages_name_the_kind_and_the_fix() -> None:
    assert feedback_check.refusal_message("email").startswith("Une adresse e-mail semble figurer dans ce champ")
    assert feedback_check.refusal_message("civility").startswith("Un nom précédé d'une civilité")
    assert "retirez-le," in feedback_check.refusal_message("phone")
    assert "retirez-la," in feedback_check.refusal_message("email")


def test_the_length_limit_still_applies(tmp_path: Path) -> None:
    write(tmp_path, "a" * FEEDBACK_MAX_LENGTH)
    assert len(load_catalogue(tmp_path).tools["outil"].retours[0].texte) == FEEDBACK_MAX_LENGTH
    write(tmp_path, "a" * (FEEDBACK_MAX_LENGTH + 1))
    with pytest.raises(InvalidInput) as raised:
        load_catalogue(tmp_path)
    assert "trop long (1001 caractères ; 1000 au plus)" in str(raised.value.problems[0])


def test_the_page_data_is_the_python_declaration() -> None:
    script = feedback_check.data_script(FEEDBACK_MAX_LENGTH)
    retour = json.loads(script.split("window.RepereRetourData = ", 1)[1].rsplit(";", 1)[0])
    assert retour == feedback_check.browser_data(FEEDBACK_MAX_LENGTH)
    assert list(retour["kinds"]) == list(feedback_check.REFUSED_KINDS)
    assert retour["maxLength"] == FEEDBACK_MAX_LENGTH
    guard_data = json.loads(script.split("window.RepereGuardData = ", 1)[1].split(";\nwindow.RepereRetourData", 1)[0])
    assert guard_data["patterns"].keys() >= {"email", "phone_at", "civility"}
