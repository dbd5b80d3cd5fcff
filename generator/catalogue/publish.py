"""Atomic publication: the new site and zip replace the old ones only once complete.

A build that fails or is killed leaves the previous ``site/`` and zip exactly as they were:
we write next to them under temporary names and swap with renames at the very end. Two builds
into the same folder take turns through a lock file (``fcntl.flock``: the system releases it
when the process dies, even by SIGKILL), and a build only ever replaces a folder that a
previous build marked as a Repère site.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

from generator.catalogue import fast_zip
from generator.problems import display_path

ZIP_TOP_FOLDER = "repere-hors-ligne"
# A fixed timestamp makes the zip reproducible: same content, same bytes.
ZIP_TIMESTAMP = (2024, 1, 1, 0, 0, 0)
# The optional Matomo snippet (templates/overrides/partials/repere-mesure.html) between these marks.
MEASURE_START = b"<!-- mesure-audience:debut -->"
MEASURE_BLOCK = re.compile(rb"<!-- mesure-audience:debut -->.*?<!-- mesure-audience:fin -->\n?", re.S)
# Links that need the internet (the forge, the State's sites in the footer), between these marks:
# kept on the intranet, removed from the zip the same way as the measure.
INTRANET_START = b"<!-- intranet-seulement:debut -->"
INTRANET_BLOCK = re.compile(rb"[ \t]*<!-- intranet-seulement:debut -->.*?<!-- intranet-seulement:fin -->\n?", re.S)
# MkDocs writes the 404 page's links from the site root ("/assets/…"), which a file opened from
# the zip cannot follow; in the zip it sits at the root, so the same paths, relative, work.
ROOT_LINK = re.compile(rb'((?:href|src|data-root|data-resumes)=")/(?!/)')
README_OFFLINE = """Repère - version hors ligne

1. Décompressez ce fichier (clic droit, « Extraire tout »).
2. Ouvrez le dossier « repere-hors-ligne », puis double-cliquez sur « index.html ».

Tout fonctionne sans connexion : recherche, filtres du catalogue, supports à télécharger.
Aucune donnée n'est envoyée sur internet.
"""


# Written into every site we build: only a folder holding it (or an empty one) is ever replaced.
MARKER_NAME = ".repere-site"
MARKER_TEXT = ("Dossier produit par Repère (python build.py). Il est remplacé en entier à chaque "
               "construction : n'y rangez rien d'autre.\n")
LOCK_NAME = ".repere-construction.lock"
# Our temporary names, and only ours: .<target>.new-<pid>, .old-<pid>, .docs-<pid>.
TEMPORARY_LABELS = ("new", "old", "docs")


class OutputRefused(Exception):
    """The output path cannot be used (not ours, or a build is running there); French message."""


def check_outputs(site_dir: Path, zip_path: Path, content_dir: Path) -> None:
    """Refuse a site folder that a build would destroy without it being ours."""
    shown = display_path(site_dir)
    if site_dir.is_symlink():
        raise OutputRefused(f"{shown} est un lien symbolique : donnez le vrai dossier du site.")
    resolved, content = site_dir.resolve(), content_dir.resolve()
    if resolved == content or resolved in content.parents or content in resolved.parents:
        raise OutputRefused(f"{shown} contient le dossier des fiches ou est contenu dedans : le site "
                            "remplacerait les fiches. Choisissez un dossier de sortie à part.")
    if site_dir.exists() and not site_dir.is_dir():
        raise OutputRefused(f"{shown} existe et n'est pas un dossier : rien n'a été remplacé.")
    if site_dir.is_dir() and not is_repere_site(site_dir):
        raise OutputRefused(f"{shown} existe et n'est pas un site produit par Repère (pas de fichier "
                            f"{MARKER_NAME}) : il n'a pas été remplacé. Donnez un dossier vide, "
                            "absent ou un site Repère précédent.")
    if zip_path.is_symlink() or (zip_path.exists() and not zip_path.is_file()):
        raise OutputRefused(f"{display_path(zip_path)} existe et n'est pas un fichier ordinaire : "
                            "l'archive n'a pas été remplacée.")


def is_repere_site(folder: Path) -> bool:
    """Ours (marked, or built before the marker existed), or empty."""
    if (folder / MARKER_NAME).is_file() or not any(folder.iterdir()):
        return True
    return (folder / "index.html").is_file() and (folder / "assets" / "catalogue-data.js").is_file()


def mark(site_dir: Path) -> None:
    (site_dir / MARKER_NAME).write_text(MARKER_TEXT, encoding="utf-8")


@contextlib.contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder/.repere-construction.lock`` for the whole build, or refuse at once.

    The file is removed at the end (no leftover); a build that opened it just before that
    removal re-checks that the file it locked is still the one at that path.
    """
    path = folder / LOCK_NAME
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise OutputRefused(f"une construction est déjà en cours dans {display_path(folder)} "
                                "(fichier " + LOCK_NAME + ") : attendez qu'elle se termine, puis "
                                "relancez.") from None
        try:
            current = os.stat(path, follow_symlinks=False).st_ino == os.fstat(handle).st_ino
        except FileNotFoundError:
            current = False
        if current:
            break
        os.close(handle)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(handle)


def temporary_sibling(target: Path, label: str) -> Path:
    """A fresh path next to ``target`` (same disk, so the final rename is atomic)."""
    path = target.parent / f".{target.name}.{label}-{os.getpid()}"
    remove(path)
    return path


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def clean_leftovers(target: Path) -> None:
    """Remove temporary files of builds that were killed before their swap (called under the lock).

    Only names of our own pattern are touched: ``.<target>.new-<pid>`` and the like.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:{'|'.join(TEMPORARY_LABELS)})-\d+")
    if not target.parent.is_dir():
        return
    for leftover in target.parent.iterdir():
        if pattern.fullmatch(leftover.name):
            remove(leftover)


def recover(target: Path) -> None:
    """Put back the previous ``target`` if a build was killed between the two renames of its swap.

    ``swap_in`` moves the old folder aside before moving the new one in: a SIGKILL between the two
    leaves no ``target`` at all, and the previous one under its ``.old`` name, complete.
    """
    if target.exists():
        return
    previous = sorted(target.parent.glob(f".{target.name}.old-*"), key=lambda path: path.stat().st_mtime)
    if previous:
        os.replace(previous[-1], target)


def write_zip(site_dir: Path, zip_path: Path) -> None:
    """Zip ``site_dir`` under one top folder, with a French read-me, deterministically."""
    files = [path for path in sorted(site_dir.rglob("*")) if path.is_file()]
    entries: list[fast_zip.Entry] = [(f"{ZIP_TOP_FOLDER}/LISEZ-MOI.txt", README_OFFLINE.encode)]
    entries += [(f"{ZIP_TOP_FOLDER}/{path.relative_to(site_dir).as_posix()}", functools.partial(offline_copy, path))
                for path in files]
    if fast_zip.fits(len(entries), sum(path.stat().st_size for path in files)):
        fast_zip.write(zip_path, entries, ZIP_TIMESTAMP)  # compressed on every core
        return
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, read in entries:  # ZIP64: too many or too large files for fast_zip
            _add(archive, name, read())


def offline_copy(path: Path) -> bytes:
    """The file as the zip holds it: pages lose the intranet's audience measure and internet links."""
    data = path.read_bytes()
    if path.suffix == ".html" and MEASURE_START in data:
        data = MEASURE_BLOCK.sub(b"", data)
    if path.suffix == ".html" and INTRANET_START in data:
        data = INTRANET_BLOCK.sub(b"", data)
    if path.name == "404.html" and path.parent.joinpath(MARKER_NAME).exists():
        data = ROOT_LINK.sub(rb"\1", data)
    return data


def swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` (file or folder) by ``new``; the old one is removed after the swap."""
    if new.is_file():
        os.replace(new, target)
        return
    old = temporary_sibling(target, "old")
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    remove(old)


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)
