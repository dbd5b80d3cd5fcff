"""The contract declared once (``generator/catalogue/fields.py``): adding a key or a filter is one
declaration, and every derived thing follows (model, validation, schema, scaffold, guide, filters)."""

from __future__ import annotations

import dataclasses
import datetime
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from generator.catalogue import fields
from generator.catalogue.contributor_docs import key_table
from generator.catalogue.docs_tree import catalogue_data_script, write_docs_tree
from generator.catalogue.facets import Facet
from generator.catalogue.fields import CONTENT_TYPES, METHOD, PROGRAMME, TOOL
from generator.catalogue.filter_data import tool_facets
from generator.catalogue.json_schema import schema_for
from generator.catalogue.kinds import STARTER_MARK, Choices
from generator.catalogue.links import cross_link
from generator.catalogue.loader import load_catalogue, split_front_matter
from generator.catalogue.model import model_of
from generator.catalogue.scaffold import create_sheet, sheet_text
from generator.located_yaml import load_located
from generator.problems import InvalidInput

FIXTURES = Path(__file__).parent / "fixtures" / "catalogue"
AUDIENCES = {"majeurs": "Personnes majeures", "mineurs": "Mineurs"}
NEW_FIELD = Choices("public_cible", "Public avec lequel l'outil a été éprouvé.", vocabulary=AUDIENCES,
                    facet=Facet("public", "Public", AUDIENCES))
EXTENDED_TOOL = dataclasses.replace(TOOL, fields=(*TOOL.fields, NEW_FIELD))
EXTENDED_TYPES = (EXTENDED_TOOL, PROGRAMME, METHOD)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "valide", tmp_path / "content")
    sheet = tmp_path / "content" / "tools" / "outil-minimal.md"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("duree: 20", "duree: 20\npublic_cible: [Mineurs]"),
                     encoding="utf-8")
    return tmp_path / "content"


def test_a_key_added_to_the_declaration_is_loaded_checked_and_documented(content: Path) -> None:
    # Without the declaration, the key is unknown (a located problem, never a TypeError).
    with pytest.raises(InvalidInput) as raised:
        load_catalogue(content)
    assert [problem.message.split(".")[0] for problem in raised.value.problems] == [
        "clé « public_cible » inconnue"]
    catalogue = load_catalogue(content, content_types=EXTENDED_TYPES)
    assert catalogue.tools["outil-minimal"].public_cible == ("mineurs",)
    assert catalogue.tools["outil-complet"].public_cible == ()  # the kind's default
    schema = schema_for(EXTENDED_TOOL.fields, "x")
    assert schema["properties"]["public_cible"]["items"] == {"enum": ["majeurs", "mineurs"]}
    text = sheet_text(EXTENDED_TOOL.fields, "Titre", datetime.date(2026, 1, 1), "")
    assert "\n# public_cible (facultatif) : Public avec lequel l'outil a été éprouvé.\n" in text
    assert "\n# Valeurs possibles : majeurs, mineurs.\npublic_cible: []\n" in text
    assert "| `public_cible` | non | Public avec lequel l'outil a été éprouvé. | `majeurs` (Personnes majeures)" in (
        key_table(EXTENDED_TOOL.fields))


def test_a_facet_added_to_a_field_reaches_the_filters_and_the_data_file(
        content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fields, "TOOL_FIELDS", EXTENDED_TOOL.fields)
    catalogue = load_catalogue(content, content_types=EXTENDED_TYPES)
    assert "public" in [facet.name for facet in tool_facets(catalogue)]
    script = catalogue_data_script(catalogue, cross_link(catalogue))
    data = json.loads(script.removeprefix("window.REPERE_CATALOGUE=").rstrip(";\n").replace("<\\/", "</"))
    assert data["labels"]["public"] == AUDIENCES
    assert {tool["s"]: tool["public"] for tool in data["tools"]} == {"outil-complet": [], "outil-minimal": ["mineurs"]}
    write_docs_tree(catalogue, tmp_path / "docs")
    page = (tmp_path / "docs" / "catalogue.md").read_text(encoding="utf-8")
    assert '<input type="checkbox" name="public" value="mineurs"> Mineurs' in page


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda kind: kind.name)
def test_models_are_exactly_the_declared_keys(content_type: fields.ContentType) -> None:
    model = model_of(content_type)
    attributes = [field.name for field in dataclasses.fields(model)]
    assert attributes == ["slug", "source", "body", "body_html",
                          *(f.key for f in content_type.fields if f.required),
                          *(f.key for f in content_type.fields if not f.required)]
    keys = [field.key for field in content_type.fields]
    assert len(keys) == len(set(keys)), "a key declared twice"


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda kind: kind.name)
def test_every_required_key_has_a_starter_value_that_the_build_refuses(
        content_type: fields.ContentType, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valide", tmp_path / "content")
    path = create_sheet(tmp_path / "content", "Nouvelle entrée", content_type=content_type)
    with pytest.raises(InvalidInput) as raised:
        load_catalogue(tmp_path / "content")
    refused = {problem.message.split(" »")[0].removeprefix("« ") for problem in raised.value.problems
               if "texte de départ" in problem.message and problem.message.startswith("« ")}
    assert refused == {field.key for field in content_type.fields if field.required} - {"titre"}
    assert all(problem.path.endswith(path.name) for problem in raised.value.problems)
    assert STARTER_MARK in content_type.starter_body
    # Editors underline the same keys: the JSON Schema refuses the starter values too.
    split = split_front_matter(path.read_text(encoding="utf-8"))
    assert split is not None
    header = json.loads(json.dumps(load_located(split.front_matter).data, default=str))
    validator = jsonschema.Draft7Validator(schema_for(content_type.fields, "x"))
    assert {error.absolute_path[0] for error in validator.iter_errors(header)} == refused


def test_the_declarations_name_existing_content_types() -> None:
    names = {kind.name for kind in CONTENT_TYPES}
    targets = {field.refers_to for kind in CONTENT_TYPES for field in kind.fields if field.refers_to}
    assert targets == {"outil", "programme", "methode"} and targets <= names
    assert {kind.command for kind in CONTENT_TYPES} == {"nouvelle-fiche", "nouveau-programme", "nouvelle-methode"}
