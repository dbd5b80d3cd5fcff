"""``python build.py importer-romin DEPOT``: ROMIN's tool sheets become Repère tool sheets.

load (``DEPOT/content/fiches/*.md``, with the line of every key) → convert (each value mapped
through ``romin_mapping``, everything left out noted with its ``file:line``) → render (our
front-matter, in the contract's key order) → check (the real loader, on a staged copy) → write
(sheets and supports moved in together; on an I/O failure the ones already moved are removed).

Decisions (issue 17), also in CONTRIBUTING.md « Venir de ROMIN »:
- nothing is guessed: a label we do not know is left out and reported with a "did you mean";
- e-mail addresses are never imported, nor printed: the author's is dropped, one in a text or
  the body is removed, and the sheet is written as a draft with a note « adresse retirée » at
  the ROMIN ``file:line``;
- an existing sheet is never overwritten: a ROMIN sheet whose slug is taken (by an existing sheet
  or by an earlier ROMIN file, in file-name order) is not imported, and the report says why. To
  re-import, delete or rename the existing sheet first (there is no ``--remplacer``: a sheet
  completed by hand must not be lost to a second run);
- a sheet that needs anything from the contributor (a required key ROMIN lacks, such as
  ``duree``, or a value left out) is written with ``statut: brouillon``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import filecmp
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.catalogue import romin_mapping as mapping
from generator.catalogue.fields import TOOL_FIELDS
from generator.catalogue.loader import TOOLS_DIR, load_catalogue
from generator.catalogue.romin_convert import (
    SUPPORTS_DIR,
    TOOL_KEYS,
    Converted,
    Note,
    SupportCopy,
    read_romin_sheet,
    scrub_emails,
)
from generator.failures import os_error_text
from generator.problems import InvalidInput, Problem, display_path, printable
from generator.text import count_of, slugify

FICHES_DIR = Path("content") / "fiches"
HOLDING_DIR = "romin-a-reprendre"  # converted sheets the build would refuse; outside the catalogue
DESCRIPTIONS = {field.key: field.description for field in TOOL_FIELDS}


# --- render -----------------------------------------------------------------------------------------


@dataclass
class Rendered:
    """Our sheet's text, and which of its lines came from which ROMIN line."""

    text: str
    origin: list[tuple[int, int]]  # (first line in our file, line in the ROMIN file), ascending


def render_sheet(sheet: Converted, support_names: dict[SupportCopy, str], today: datetime.date) -> Rendered:
    lines = ["---", f"# Importée de ROMIN ({Path(sheet.shown).name}) le {today.isoformat()}."]
    origin: list[tuple[int, int]] = [(1, 1)]
    if sheet.draft:
        lines += [f"# Brouillon : {' ; '.join(draft_tasks(sheet))}.", "statut: brouillon"]
    for key in TOOL_KEYS:
        if key in sheet.missing:
            lines += [f"# {key} (obligatoire, rien de repris de ROMIN) : {DESCRIPTIONS[key]}", f"# {key}:"]
        if key not in sheet.values:
            continue
        origin.append((len(lines) + 1, sheet.lines.get(key, 1)))
        lines += _yaml_lines(key, _plain(key, sheet.values[key], support_names))
    lines.append("---")
    origin.append((len(lines) + 1, sheet.body_line))
    lines += ["", sheet.body.strip("\n"), ""]
    return Rendered("\n".join(lines), origin)


def draft_tasks(sheet: Converted) -> list[str]:
    """What the contributor must do before removing ``statut: brouillon``, in French."""
    tasks = [f"ajouter « {key} »" for key in sheet.missing]
    tasks += ["revoir les valeurs non reprises (rapport d'import)"] if sheet.left_out else []
    tasks += ["relire (brouillon dans ROMIN)"] if sheet.romin_draft and not tasks else []
    return tasks + ["puis supprimer la ligne « statut: brouillon »"]


def _plain(key: str, value: Any, support_names: dict[SupportCopy, str]) -> Any:
    if key == "supports":
        return [{"fichier": f"{SUPPORTS_DIR}/{support_names[copy]}", "titre": copy.titre} for copy in value]
    return value


def _yaml_lines(key: str, value: Any) -> list[str]:
    text = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False,
                          width=100_000)
    return text.rstrip("\n").split("\n")


def romin_line(rendered: Rendered, our_line: int, body_line: int) -> int:
    """The ROMIN line a problem at ``our_line`` of the written sheet comes from."""
    first, romin = 1, 1
    for start, line in rendered.origin:
        if start > our_line:
            break
        first, romin = start, line
    # Inside the body, lines correspond one to one (the body is copied, not reflowed).
    return romin + (our_line - first - 1) if romin == body_line and our_line > first else romin


# --- the whole import ---------------------------------------------------------------------------------


class ImportFailed(Exception):
    """Nothing could be imported: a French message for the user."""


@dataclass
class Held:
    """A converted sheet the build would refuse: written apart, with the build's reasons."""

    sheet: Converted
    reasons: list[Note]
    path: Path


@dataclass
class ImportReport:
    """What the import did, for the French report (``render_report``)."""

    read: int = 0
    written: list[tuple[Converted, Path]] = field(default_factory=list)
    refused: list[Note] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    supports: list[Path] = field(default_factory=list)

    @property
    def imported(self) -> list[Converted]:
        return [sheet for sheet, _path in self.written] + [held.sheet for held in self.held]

    @property
    def drafts(self) -> list[tuple[Converted, Path]]:
        return [(sheet, path) for sheet, path in self.written if sheet.draft]


def import_romin(depot: Path, content_dir: Path, today: datetime.date | None = None) -> ImportReport:
    """Convert every ROMIN sheet of ``depot`` and write the importable ones into ``content_dir``."""
    depot, files = find_sheets(depot)
    report = ImportReport(read=len(files))
    sheets = _with_slugs(files, depot, content_dir / TOOLS_DIR, report)
    names = _support_names(sheets, content_dir / TOOLS_DIR / SUPPORTS_DIR)
    day = today or datetime.date.today()
    content_dir.mkdir(parents=True, exist_ok=True)  # a new catalogue may start from ROMIN
    rendered = {slug: render_sheet(sheet, names, day) for slug, sheet in sheets.items()}
    staging = Path(tempfile.mkdtemp(prefix=".romin-import-", dir=content_dir))
    try:
        _stage(staging, sheets, rendered, names)
        # A draft may leave out required keys (the loader lists it as incomplete): nothing is made up.
        _hold_invalid(_problems(staging, sheets), sheets, rendered, content_dir / HOLDING_DIR, report)
        _move_in(staging, content_dir, sheets, names, report)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def find_sheets(depot: Path) -> tuple[Path, list[Path]]:
    """(checkout root, ROMIN sheet files) for the folder the user gave."""
    if not depot.is_dir():
        raise ImportFailed(f"{display_path(depot)} : dossier introuvable. Indiquez le dossier du dépôt "
                           "ROMIN (celui qui contient content/fiches/ et public/media/uploads/).")
    if depot.name == "fiches" and depot.parent.name == "content":  # the sheets' folder itself
        depot = depot.parent.parent
    # The first of these folders that exists is ROMIN's (a README.md at the root is no sheet).
    folder = next(depot / name for name in mapping.FICHES_FOLDERS if (depot / name).is_dir())
    files = _markdown_files(folder)
    if files:
        return depot, files
    raise ImportFailed(f"{display_path(depot)} : aucune fiche ROMIN (.md) dans « {FICHES_DIR.as_posix()}/ ». "
                       "Indiquez le dossier du dépôt ROMIN (celui qui contient content/fiches/ et "
                       "public/media/uploads/).")


def _markdown_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.is_file() and path.suffix.lower() == ".md")


def _with_slugs(files: list[Path], depot: Path, tools: Path, report: ImportReport) -> dict[str, Converted]:
    existing = {path.stem.lower() for path in tools.glob("*") if path.suffix.lower() == ".md"} \
        if tools.is_dir() else set()
    sheets: dict[str, Converted] = {}
    for path in files:
        sheet = read_romin_sheet(path, depot)
        if isinstance(sheet, Note):
            report.refused.append(sheet)
            continue
        title = sheet.values.get("titre")
        slug = slugify(title) if isinstance(title, str) else ""
        line = sheet.lines.get("titre", 1)
        if len(str(title or "").strip()) < 3 or not slug:
            report.refused.append(Note(sheet.shown, line, "fiche non importée : « titre » absent ou trop court "
                                       "(3 caractères au moins) ; le nom de la fiche vient du titre."))
        elif slug in existing:
            report.refused.append(Note(sheet.shown, line, f"fiche non importée : {TOOLS_DIR}/{slug}.md existe "
                                       "déjà dans Repère (rien n'est remplacé). Supprimez ou renommez la fiche "
                                       "existante pour réimporter celle-ci."))
        elif slug in sheets:
            report.refused.append(Note(sheet.shown, line, f"fiche non importée : même nom de fichier "
                                       f"({slug}.md) que {sheets[slug].shown} ; changez l'un des deux titres "
                                       "dans ROMIN, puis relancez."))
        else:
            sheets[slug] = sheet
    return sheets


def _support_names(sheets: dict[str, Converted], folder: Path) -> dict[SupportCopy, str]:
    """A file name under ``supports/`` per upload: the same upload once, no existing file replaced
    (an identical existing file is reused)."""
    names: dict[SupportCopy, str] = {}
    by_source: dict[Path, str] = {}
    taken = {path.name.lower() for path in folder.iterdir()} if folder.is_dir() else set()
    for sheet in sheets.values():
        for copy in sheet.supports:
            if copy.source in by_source:
                names[copy] = by_source[copy.source]
                continue
            stem, extension = copy.name.rsplit(".", 1)
            name, number = copy.name, 1
            while name.lower() in taken and not _same_file(folder / name, copy.source):
                number += 1
                name = f"{stem}-{number}.{extension}"
            taken.add(name.lower())
            names[copy] = by_source[copy.source] = name
    return names


def _same_file(existing: Path, source: Path) -> bool:
    return existing.is_file() and filecmp.cmp(existing, source, shallow=False)


def _stage(staging: Path, sheets: dict[str, Converted], rendered: dict[str, Rendered],
           names: dict[SupportCopy, str]) -> None:
    supports = staging / TOOLS_DIR / SUPPORTS_DIR
    supports.mkdir(parents=True)
    for copy, name in names.items():
        if not (supports / name).exists():
            shutil.copyfile(copy.source, supports / name)
    for slug, text in rendered.items():
        (staging / TOOLS_DIR / f"{slug}.md").write_text(text.text, encoding="utf-8")


def _problems(staging: Path, sheets: dict[str, Converted]) -> dict[str, list[Problem]]:
    """The real loader's problems with the staged sheets, by slug."""
    try:
        load_catalogue(staging)
        return {}
    except InvalidInput as invalid:
        found: dict[str, list[Problem]] = {}
        for problem in invalid.problems:
            slug = Path(problem.path).stem
            if Path(problem.path).suffix == ".md" and slug in sheets:
                found.setdefault(slug, []).append(problem)
        return found


def _hold_invalid(problems: dict[str, list[Problem]], sheets: dict[str, Converted],
                  rendered: dict[str, Rendered], holding: Path, report: ImportReport) -> None:
    """A sheet the build would refuse (no risk factor left, say) stays out of the catalogue: it is
    written apart, in ``romin-a-reprendre/``, so that nothing is lost and the site still builds."""
    for slug, found in problems.items():
        sheet = sheets.pop(slug)
        reasons = [Note(sheet.shown, romin_line(rendered[slug], problem.line, sheet.body_line)
                        if problem.line else 0, _scrub_message(problem.message)) for problem in found]
        if (holding / f"{slug}.md").exists():
            report.refused.append(Note(sheet.shown, sheet.lines.get("titre", 1), f"fiche non importée : "
                                       f"{HOLDING_DIR}/{slug}.md existe déjà (rien n'est remplacé)."))
            report.refused += reasons
        else:
            report.held.append(Held(sheet, reasons, holding / f"{slug}.md"))
            sheet.slug = slug


def _scrub_message(message: str) -> str:
    return scrub_emails(message)[0]


def _move_in(staging: Path, content_dir: Path, sheets: dict[str, Converted],
             names: dict[SupportCopy, str], report: ImportReport) -> None:
    """Move staged files into place; on any I/O error, remove the ones already moved."""
    tools, moved = content_dir / TOOLS_DIR, []
    held = {held.sheet.slug: held for held in report.held}
    targets = [(slug, tools / f"{slug}.md") for slug in sheets]
    targets += [(slug, held[slug].path) for slug in held]
    wanted = {names[copy] for sheet in [*sheets.values(), *(h.sheet for h in report.held)]
              for copy in sheet.supports}
    try:
        (tools / SUPPORTS_DIR).mkdir(parents=True, exist_ok=True)
        for name in sorted(wanted):
            target = tools / SUPPORTS_DIR / name
            if not target.exists():
                os.replace(staging / TOOLS_DIR / SUPPORTS_DIR / name, target)
                moved.append(target)
        for slug, target in targets:
            if target.exists():  # appeared since we looked: never replace a sheet
                raise FileExistsError(target)
            target.parent.mkdir(exist_ok=True)
            os.replace(staging / TOOLS_DIR / f"{slug}.md", target)
            moved.append(target)
    except OSError as error:
        for path in reversed(moved):
            path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            (content_dir / HOLDING_DIR).rmdir()  # only when we created it empty
        report.held.clear()
        raise ImportFailed(f"écriture impossible ({error.strerror or error}) : aucune fiche n'a été "
                           "importée, rien n'a été modifié.") from None
    report.written = [(sheet, tools / f"{slug}.md") for slug, sheet in sheets.items()]
    report.supports = [path for path in moved if path.parent.name == SUPPORTS_DIR]


# --- report --------------------------------------------------------------------------------------------


def render_report(report: ImportReport) -> str:
    sheets = report.imported
    refused = len({note.path for note in report.refused})
    lines = [f"Import ROMIN : {count_of(report.read, 'fiche')} lue(s), "
             f"{count_of(len(report.written), 'fiche')} écrite(s) dont "
             f"{count_of(len(report.drafts), 'brouillon')}, {count_of(len(report.held), 'fiche')} à "
             f"reprendre, {count_of(len(report.supports), 'support')} copié(s), "
             f"{count_of(refused, 'fiche')} non importée(s)."]
    if report.written:
        lines += ["", "Fiches écrites :"]
        lines += [f"  {display_path(path)} ← {sheet.shown}{' (brouillon)' if sheet.draft else ''}"
                  for sheet, path in report.written]
    sections = (
        ("Valeurs converties :", [note for sheet in sheets for note in sheet.mapped]),
        ("Valeurs non reprises (à vérifier dans la fiche écrite) :",
         [note for sheet in sheets for note in sheet.left_out]),
        ("Fiches non importées :", report.refused),
    )
    for title, notes in sections:
        if notes:
            lines += ["", title, *(f"  {note}" for note in sorted(notes, key=_note_order))]
    if report.held:
        lines += ["", f"Fiches à reprendre, écrites à part dans {HOLDING_DIR}/ (hors du catalogue : la "
                  "vérification les refuserait) ; corrigez-les, puis déplacez-les dans tools/ :"]
        for held in report.held:
            lines.append(f"  {display_path(held.path)} ← {held.sheet.shown}")
            lines += [f"    {note}" for note in held.reasons]
    if report.drafts:
        lines += ["", "Brouillons à compléter (statut: brouillon : visibles dans l'aperçu, pas dans le site) :"]
        lines += [f"  {display_path(path)} : {' ; '.join(draft_tasks(sheet))}."
                  for sheet, path in report.drafts]
    return "\n".join(lines)


def _note_order(note: Note) -> tuple[str, int]:
    return note.path, note.line


# --- command line ----------------------------------------------------------------------------------------


def add_command(commands: Any) -> None:
    """Declare ``importer-romin`` on ``python build.py``'s sub-commands."""
    command = commands.add_parser(
        "importer-romin", help="importer les fiches d'un dépôt ROMIN (Netlify CMS)",
        description="Lit DEPOT/content/fiches/*.md et DEPOT/public/media/uploads/ (un dépôt ROMIN, ou une "
                    "copie de ces deux dossiers) et écrit des fiches Repère dans content/tools/, avec leurs "
                    "supports dans content/tools/supports/. Les libellés de ROMIN sont convertis dans le "
                    "vocabulaire de Repère ; ce qui ne peut pas l'être est signalé (fichier:ligne) et la "
                    "fiche est écrite en brouillon. Aucune fiche existante n'est remplacée ; aucune adresse "
                    "e-mail n'est importée.",
        epilog="Codes de sortie : 0 fiches importées (même en brouillon), 1 aucune fiche importée ou "
               "erreur, 2 commande mal écrite. Exemple : « python build.py importer-romin ../romin ».")
    command.add_argument("depot", metavar="DEPOT", type=Path, help="dossier du dépôt ROMIN")
    command.add_argument("--content", metavar="DOSSIER", type=Path, default=argparse.SUPPRESS,
                         help="dossier des fiches Repère où écrire (défaut : content/)")


def run(depot: Path, content_dir: Path) -> int:
    try:
        report = import_romin(depot, content_dir)
    except ImportFailed as failed:
        print(printable(f"Erreur : {failed}"), file=sys.stderr)
        return 1
    except OSError as error:
        print(printable(f"Erreur : import impossible ({os_error_text(error)}) ; rien n'a été écrit."),
              file=sys.stderr)
        return 1
    print(printable(render_report(report)))
    if not report.written and not report.held:
        print("\nAucune fiche importée.", file=sys.stderr)
        return 1
    print("\nVérifiez le résultat avec « python build.py --check », complétez les brouillons dans "
          "l'aperçu (« python build.py --serve »).")
    return 0
