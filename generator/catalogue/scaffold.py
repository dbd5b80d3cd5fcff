"""``python build.py nouvelle-fiche "Titre"`` (and ``nouveau-programme``, ``nouvelle-methode``):
a new file with every key, commented, ready to fill.

The comments and starter values come from the field declarations, so the scaffold says exactly
what the build checks. Required keys get a starter value beginning with « À compléter », and the
body a plan with « À compléter » lines: the build refuses them until they are replaced, so a
sheet is never published half written, and the messages say what to write instead.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from generator.catalogue.fields import METHOD, PROGRAMME, TOOL, ContentType
from generator.catalogue.kinds import Field
from generator.text import slugify


class ScaffoldError(Exception):
    """A French explanation of why no file was created."""


def create_sheet(content_dir: Path, title: str, programme: bool = False,
                 today: datetime.date | None = None, content_type: ContentType | None = None) -> Path:
    """Write the new file and return its path; refuse an empty slug or an existing file."""
    content_type = content_type or (PROGRAMME if programme else TOOL)
    slug = slugify(title)
    if len(title.strip()) < 3 or not slug:
        raise ScaffoldError("titre trop court : donnez au moins 3 caractères, par exemple "
                            "« Balance décisionnelle ».")
    folder = content_dir / content_type.folder
    path = folder / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path.as_posix()} existe déjà : choisissez un autre titre, ou modifiez "
                            "la fiche existante.")
    text = sheet_text(content_type.fields, title.strip(), today or datetime.date.today(),
                      content_type.starter_body)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def create_method(content_dir: Path, title: str, today: datetime.date | None = None) -> Path:
    return create_sheet(content_dir, title, today=today, content_type=METHOD)


def sheet_text(fields: tuple[Field, ...], title: str, today: datetime.date, body: str) -> str:
    lines = ["---"]
    for field in fields:
        lines += [f"# {line}" for line in _comment(field)]
        # The title is the one value the command knows; every other starter value is the kind's.
        value = json.dumps(title, ensure_ascii=False) if field.key == "titre" else field.placeholder(today)
        lines.append(f"{field.key}: {value}".rstrip())
    lines += ["---", "", body]
    return "\n".join(lines)


def _comment(field: Field) -> list[str]:
    status = "obligatoire" if field.required else "facultatif"
    lines = [f"{field.key} ({status}) : {field.description}"]
    if field.vocabulary:
        lines.append("Valeurs possibles : " + ", ".join(field.vocabulary) + ".")
    return lines
