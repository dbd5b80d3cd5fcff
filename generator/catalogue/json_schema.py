"""JSON Schemas of every front-matter, generated from the field declarations (``fields.py``).

Editors use them for completion and errors while typing; ``schemas/*.schema.json`` are these
documents, written by ``scripts/generate_contributor_files.py`` and checked for drift by the
tests. The build's own validator stays the reference: a schema cannot express every rule (a
support file must exist, a referenced programme must exist, « Fermé » is read as ``ferme``).
"""

from __future__ import annotations

import json
from typing import Any

from generator.catalogue.fields import METHOD, PROGRAMME, TOOL, ContentType
from generator.catalogue.kinds import Field

SCHEMA_FILES: dict[str, tuple[ContentType, str]] = {
    "fiche-outil.schema.json": (TOOL, "Fiche outil Repère (en-tête YAML)"),
    "fiche-programme.schema.json": (PROGRAMME, "Fiche programme Repère (en-tête YAML)"),
    "fiche-methode.schema.json": (METHOD, "Fiche méthode d'intervention Repère (en-tête YAML)"),
}


def schema_for(fields: tuple[Field, ...], title: str) -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",  # what editor tooling supports best
        "title": title,
        "type": "object",
        "additionalProperties": False,
        "required": [field.key for field in fields if field.required],
        "properties": {field.key: _property(field) for field in fields},
    }


def schema_documents(files: dict[str, tuple[ContentType, str]] | None = None) -> dict[str, str]:
    """File name → JSON text, stable (sorted nowhere, indented) so that diffs stay readable."""
    return {
        name: json.dumps(schema_for(content_type.fields, title), ensure_ascii=False, indent=2) + "\n"
        for name, (content_type, title) in (files or SCHEMA_FILES).items()
    }


def _property(field: Field) -> dict[str, Any]:
    schema = field.schema()
    if not field.required:
        _allow_empty(schema)
    schema["description"] = field.description + _allowed_values(field)
    return schema


def _allow_empty(schema: dict[str, Any]) -> None:
    """An optional key left empty (``precautions:``, as the scaffold writes it) means "not filled"."""
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    elif isinstance(schema.get("type"), str):
        schema["type"] = [schema["type"], "null"]


def _allowed_values(field: Field) -> str:
    if not field.vocabulary:
        return ""
    return " Valeurs : " + ", ".join(f"{slug} ({label})" for slug, label in field.vocabulary.items()) + "."
