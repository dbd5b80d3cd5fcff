"""Generated parts of CONTRIBUTING.md and the JSON Schemas, from the field declarations.

``scripts/generate_contributor_files.py`` rewrites them; ``tests/test_contributor_files.py``
fails when a committed copy differs from what the declarations give, so they cannot drift.
"""

from __future__ import annotations

import re

from generator.catalogue.fields import METHOD, PROGRAMME, TOOL
from generator.catalogue.kinds import Field
from generator.catalogue.romin_mapping import contributor_table as romin_table

SECTIONS = {"cles-outil": TOOL.fields, "cles-programme": PROGRAMME.fields, "cles-methode": METHOD.fields}
# Generated sections that are not key tables: name → function giving the Markdown.
OTHER_SECTIONS = {"venir-de-romin": romin_table}
MARKERS = re.compile(r"(<!-- debut:(?P<name>[a-z-]+) -->\n).*?(<!-- fin:(?P=name) -->)", re.S)


def key_table(fields: tuple[Field, ...]) -> str:
    rows = ["| clé | obligatoire | ce qu'elle contient | valeurs possibles |", "|---|---|---|---|"]
    for field in fields:
        values = ", ".join(f"`{slug}` ({label})" for slug, label in (field.vocabulary or {}).items())
        rows.append(f"| `{field.key}` | {'oui' if field.required else 'non'} | {field.description} | "
                    f"{values or '—'} |")
    return "\n".join(rows)


def refresh_generated_sections(text: str) -> str:
    """Replace the content between each ``<!-- debut:NAME -->`` / ``<!-- fin:NAME -->`` pair."""
    return MARKERS.sub(lambda match: match[1] + _section(match["name"]) + "\n" + match[3], text)


def _section(name: str) -> str:
    return OTHER_SECTIONS[name]() if name in OTHER_SECTIONS else key_table(SECTIONS[name])
