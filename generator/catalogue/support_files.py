"""Where a sheet's supports come from and where they land on the site.

A support (``fichier`` in the front-matter, relative to the sheet) is resolved once, symlinks
included, and everything else uses that one answer: the check (inside ``content/tools/supports/``,
an allowed type), the link on the page and the copy into the docs tree (at the resolved
location, ``outils/supports/…``). Checking one path and copying another is how a symlinked folder
plus ``../`` once wrote outside the site.

Nothing can land on a generated page: supports only ever land under ``outils/supports/`` and
their types exclude ``.md`` and ``.html``. Two supports can only share an output path if they
are the same file (shared by two sheets: copied once), except for names that differ only by case,
which collide once the offline zip is unpacked on Windows: ``case_collisions`` reports them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

SUPPORTS_DIR = "supports"
# The contract's types, and « jpeg » as the other spelling of jpg. Never html, svg (both can
# carry script), md (a page) or anything a browser would run.
ALLOWED_TYPES = ("pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "txt", "png", "jpg", "jpeg")
ADVICE = "Placez le fichier dans le dossier « supports/ » à côté des fiches (content/tools/supports/)."


@dataclass(frozen=True)
class SupportPlace:
    """A support file resolved: ``source`` on disk, ``relative`` its path from the sheets' folder
    (``supports/…``, POSIX), which is also its path from the sheet pages (``outils/``) on the site."""

    source: Path
    relative: str


class SupportRefused(ValueError):
    """A support the contract refuses; the message is French and names ``fichier`` as written."""


def resolve_support(sheet: Path, fichier: str) -> SupportPlace:
    """Resolve ``fichier`` (as written in ``sheet``); raise ``SupportRefused`` with the reason."""
    tools_dir = sheet.parent
    if _is_absolute(fichier):
        raise SupportRefused(f"support « {fichier} » : chemin absolu. Écrivez le chemin relatif à la fiche, "
                             f"par exemple « supports/grille.pdf ». {ADVICE}")
    try:
        root = (tools_dir / SUPPORTS_DIR).resolve()
        target = (tools_dir / fichier).resolve()
        inside = target.is_relative_to(root) and target != root
        present = inside and target.is_file()
    except (OSError, ValueError, RuntimeError):  # too long, NUL character, symlink loop
        raise SupportRefused(f"support « {fichier} » : nom de fichier impossible (trop long, avec un "
                             "caractère interdit ou un lien symbolique en boucle). Renommez le fichier "
                             "et corrigez le chemin.") from None
    if not inside:
        raise SupportRefused(f"support « {fichier} » : le chemin sort du dossier des fiches ou de son "
                             f"dossier « supports/ » (liens symboliques suivis). {ADVICE}")
    if not present:
        raise SupportRefused(f"support « {fichier} » introuvable (cherché dans "
                             f"{(Path(tools_dir.name) / fichier).as_posix()}). Ajoutez le fichier ou "
                             "corrigez le chemin, relatif à la fiche.")
    kind = target.suffix.lower().lstrip(".")
    if kind not in ALLOWED_TYPES:
        shown = f"« .{kind} »" if kind else "sans extension"
        raise SupportRefused(f"support « {fichier} » : type de fichier {shown} non autorisé (un fichier "
                             "html ou svg peut contenir du code). Types permis : "
                             f"{', '.join(ALLOWED_TYPES)}.")
    return SupportPlace(target, PurePosixPath(SUPPORTS_DIR, *target.relative_to(root).parts).as_posix())


def case_collisions(places: Iterable[tuple[str, int, SupportPlace]]) -> list[tuple[str, int, str]]:
    """(shown path, line, message) for supports whose site paths differ only by case."""
    first: dict[str, SupportPlace] = {}
    problems = []
    for shown, line, place in places:
        seen = first.setdefault(place.relative.casefold(), place)
        if seen.relative != place.relative:
            problems.append((shown, line, f"support « {place.relative} » : même nom, aux majuscules près, "
                             f"que « {seen.relative} » ; une fois l'archive hors ligne décompressée sous "
                             "Windows, l'un écraserait l'autre. Renommez l'un des deux fichiers."))
    return problems


def copy_supports(places: Iterable[SupportPlace], pages_dir: Path) -> None:
    """Copy each support to its resolved place under ``pages_dir`` (``outils/``), once each."""
    root = (pages_dir / SUPPORTS_DIR).resolve()
    done: set[str] = set()
    for place in places:
        if place.relative in done:  # a support shared by several sheets
            continue
        done.add(place.relative)
        target = pages_dir / place.relative
        # Belt and braces: `relative` comes from resolve_support, always under supports/.
        if not target.resolve().is_relative_to(root):
            raise ValueError(f"support hors du dossier des supports : {place.relative}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(place.source, target)


def _is_absolute(fichier: str) -> bool:
    return (fichier.startswith(("/", "\\")) or PurePosixPath(fichier).is_absolute()
            or PureWindowsPath(fichier).is_absolute() or PureWindowsPath(fichier).drive != "")
