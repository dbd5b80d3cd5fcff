"""JSON Schemas of both front-matters, generated from the field declarations (``fields.py``).

Editors use them for completion and errors while typing; ``schemas/*.schema.json`` are these
documents, written by ``python build.py --ecrire-schemas`` and checked for drift by the tests.
The build's own validator stays the reference: a schema cannot express every rule (a support
file must exist, a referenced programme must exist).
"""

from __future__ import annotations

import json
from typing import Any

from .fields import FEEDBACK_MAX_LENGTH, PROGRAMME_FIELDS, TOOL_FIELDS, Field
from .validation import MAX_MINUTES

SCHEMA_FILES = {"fiche-outil.schema.json": TOOL_FIELDS, "fiche-programme.schema.json": PROGRAMME_FIELDS}
TITLES = {"fiche-outil.schema.json": "Fiche outil Repère (en-tête YAML)",
          "fiche-programme.schema.json": "Fiche programme Repère (en-tête YAML)"}
# The pattern catches month 13 or day 32 even in editors that ignore "format".
ISO_DATE = {"type": "string", "format": "date",
            "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"}


def schema_for(fields: tuple[Field, ...], title: str) -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",  # what editor tooling supports best
        "title": title,
        "type": "object",
        "additionalProperties": False,
        "required": [field.key for field in fields if field.required],
        "properties": {field.key: _property(field) for field in fields},
    }


def schema_documents() -> dict[str, str]:
    """File name → JSON text, stable (sorted nowhere, indented) so that diffs stay readable."""
    return {
        name: json.dumps(schema_for(fields, TITLES[name]), ensure_ascii=False, indent=2) + "\n"
        for name, fields in SCHEMA_FILES.items()
    }


def _property(field: Field) -> dict[str, Any]:
    schema = _value_schema(field)
    schema["description"] = field.description + _allowed_values(field)
    return schema


def _value_schema(field: Field) -> dict[str, Any]:
    text = {"type": "string", "minLength": field.min_length}
    if field.max_length:
        text["maxLength"] = field.max_length
    match field.kind:
        case "text":
            return text
        case "choice":
            values: list[Any] = list(field.vocabulary or {})
            # YAML reads `nb_seances: 1` as a number; the build accepts it as "1".
            return {"enum": values + ([1] if "1" in values else [])}
        case "choices":
            return {"type": "array", "minItems": field.min_items, "uniqueItems": True,
                    "items": {"enum": list(field.vocabulary or {})}}
        case "texts" | "refs":
            return {"type": "array", "items": {"type": "string", "minLength": 1}}
        case "integer":
            return {"type": "integer", "minimum": 1}
        case "duration":
            return {"oneOf": [{"type": "integer", "minimum": 1, "maximum": MAX_MINUTES},
                              {"type": "string", "pattern": r"^\s*\d{1,3}\s*-\s*\d{1,3}\s*$"}]}
        case "date":
            return dict(ISO_DATE)
        case "supports":
            return {"type": "array", "items": _object({"fichier": {"type": "string", "minLength": 1},
                                                       "titre": {"type": "string", "minLength": 1}},
                                                      ["fichier", "titre"])}
        case "author":
            return _object({"nom": {"type": "string", "minLength": 1}, "role": {"type": "string"}}, ["nom"])
        case "feedbacks":
            return {"type": "array", "items": _object(
                {"date": dict(ISO_DATE), "contexte": {"type": "string", "minLength": 1},
                 "texte": {"type": "string", "minLength": 1, "maxLength": FEEDBACK_MAX_LENGTH}},
                ["date", "contexte", "texte"])}
    raise ValueError(f"unknown field kind {field.kind!r}")


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": required, "properties": properties}


def _allowed_values(field: Field) -> str:
    if not field.vocabulary:
        return ""
    return " Valeurs : " + ", ".join(f"{slug} ({label})" for slug, label in field.vocabulary.items()) + "."
