"""Atomic publication: the new site and zip replace the old ones only once complete.

A build that fails or is killed leaves the previous ``site/`` and zip exactly as they were:
we write next to them under temporary names and swap with renames at the very end.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

ZIP_TOP_FOLDER = "repere-hors-ligne"
# A fixed timestamp makes the zip reproducible: same content, same bytes.
ZIP_TIMESTAMP = (2024, 1, 1, 0, 0, 0)
# The optional Matomo snippet (templates/overrides/partials/repere-mesure.html) between these marks.
MEASURE_START = b"<!-- mesure-audience:debut -->"
MEASURE_BLOCK = re.compile(rb"<!-- mesure-audience:debut -->.*?<!-- mesure-audience:fin -->\n?", re.S)
README_OFFLINE = """Repère - version hors ligne

1. Décompressez ce fichier (clic droit, « Extraire tout »).
2. Ouvrez le dossier « repere-hors-ligne », puis double-cliquez sur « index.html ».

Tout fonctionne sans connexion : recherche, filtres du catalogue, supports à télécharger.
Aucune donnée n'est envoyée sur internet.
"""


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
    """Remove temporary folders of builds that were killed before their swap."""
    for leftover in target.parent.glob(f".{target.name}.*-*"):
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
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        _add(archive, f"{ZIP_TOP_FOLDER}/LISEZ-MOI.txt", README_OFFLINE.encode("utf-8"))
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                relative = path.relative_to(site_dir).as_posix()
                _add(archive, f"{ZIP_TOP_FOLDER}/{relative}", offline_copy(path))


def offline_copy(path: Path) -> bytes:
    """The file as the zip holds it: pages lose the intranet's audience measure, if any."""
    data = path.read_bytes()
    if path.suffix == ".html" and MEASURE_START in data:
        data = MEASURE_BLOCK.sub(b"", data)
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
