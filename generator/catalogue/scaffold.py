"""``python build.py nouvelle-fiche "Titre"``: a new sheet with every key, commented, ready to fill.

The comments come from the field declarations, so the scaffold says exactly what the build checks.
A freshly generated sheet is valid as it is (the tests build one), so a contributor can preview
it at once and fill it in step by step.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from ..text import slugify
from .fields import PROGRAMME_FIELDS, TOOL_FIELDS, Field
from .loader import PROGRAMMES_DIR, TOOLS_DIR


class ScaffoldError(Exception):
    """A French explanation of why no file was created."""


TOOL_BODY = """\
## Préparation

Ce qu'il faut prévoir avant la séance (supports à imprimer, durée, lieu).

## Déroulé

1. Première étape, avec une formulation possible : « … »
2. Deuxième étape.
3. Troisième étape.

## Points de vigilance

- Ce qui peut mal se passer, et comment réagir.

## Exploitation en entretien

Comment reprendre ce qui a été produit lors des entretiens suivants.
"""

PROGRAMME_BODY = """\
## Présentation

À qui s'adresse le programme, ses objectifs, son cadre.

## Organisation des séances

1. Séance 1 : …
2. Séance 2 : …

## Évaluation

Comment le programme est évalué (questionnaires, bilan individuel).
"""


def create_sheet(content_dir: Path, title: str, programme: bool = False,
                 today: datetime.date | None = None) -> Path:
    """Write the new sheet and return its path; refuse an empty slug or an existing file."""
    slug = slugify(title)
    if len(title.strip()) < 3 or not slug:
        raise ScaffoldError("titre trop court : donnez au moins 3 caractères, par exemple "
                            "« Balance décisionnelle ».")
    folder = content_dir / (PROGRAMMES_DIR if programme else TOOLS_DIR)
    path = folder / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path.as_posix()} existe déjà : choisissez un autre titre, ou modifiez "
                            "la fiche existante.")
    fields = PROGRAMME_FIELDS if programme else TOOL_FIELDS
    text = sheet_text(fields, title.strip(), today or datetime.date.today(),
                      PROGRAMME_BODY if programme else TOOL_BODY)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sheet_text(fields: tuple[Field, ...], title: str, today: datetime.date, body: str) -> str:
    lines = ["---"]
    for field in fields:
        lines += [f"# {line}" for line in _comment(field)]
        lines.append(f"{field.key}: {_placeholder(field, title, today)}".rstrip())
    lines += ["---", "", body]
    return "\n".join(lines)


def _comment(field: Field) -> list[str]:
    status = "obligatoire" if field.required else "facultatif"
    lines = [f"{field.key} ({status}) : {field.description}"]
    if field.vocabulary:
        lines.append("Valeurs possibles : " + ", ".join(field.vocabulary) + ".")
    return lines


LIST_KINDS = frozenset({"choices", "texts", "refs", "supports", "feedbacks"})


def _placeholder(field: Field, title: str, today: datetime.date) -> str:
    """A valid value for required keys; empty (meaning "not filled") for optional ones."""
    if field.key == "titre":
        return json.dumps(title, ensure_ascii=False)
    if field.key in ("cree_le", "mis_a_jour"):
        return today.isoformat()
    if not field.required:
        return "[]" if field.kind in LIST_KINDS else ""
    required = {
        "resume": '"À compléter : ce que fait l\'outil, pour qui, en une ou deux phrases."',
        "facteurs_risques": "[attitudes]",
        "modalite": "[individuel]",
        "duree": "45",
        "nb_seances": "1",
        "duree_seance": "60",
    }
    return required[field.key]
