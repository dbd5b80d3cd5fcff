#!/usr/bin/env python3
"""Regenerate what contributors' tools read from the field declarations:
``schemas/*.schema.json`` and the key tables of ``CONTRIBUTING.md``.

Run after changing ``generator/catalogue/fields.py``; the tests fail until you do.
"""

from __future__ import annotations

from pathlib import Path

from generator.catalogue.contributor_docs import refresh_generated_sections
from generator.catalogue.json_schema import schema_documents

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    schemas = REPO / "schemas"
    schemas.mkdir(exist_ok=True)
    for name, text in schema_documents().items():
        (schemas / name).write_text(text, encoding="utf-8")
    guide = REPO / "CONTRIBUTING.md"
    guide.write_text(refresh_generated_sections(guide.read_text(encoding="utf-8")), encoding="utf-8")
    print("schemas/ et CONTRIBUTING.md à jour.")


if __name__ == "__main__":
    main()
