"""Support files: one resolution for check, link and copy (generator/catalogue/support_files.py).

The refusals (outside paths, symlinks, html/svg…) are in tests/hostile/test_catalogue_hostile.py;
here: what is accepted, where it lands, and the copy's own guard.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.catalogue.support_files import (
    ALLOWED_TYPES,
    SupportPlace,
    SupportRefused,
    case_collisions,
    copy_supports,
    resolve_support,
)


@pytest.fixture
def tools(tmp_path: Path) -> Path:
    folder = tmp_path / "content" / "tools"
    (folder / "supports" / "sous-dossier").mkdir(parents=True)
    (folder / "outil.md").write_text("---\n---\n", encoding="utf-8")
    for name in ("grille.pdf", "photo.JPEG", "sous-dossier/tableau.ods"):
        (folder / "supports" / name).write_bytes(b"x")
    return folder


@pytest.mark.parametrize("fichier, relative", [
    ("supports/grille.pdf", "supports/grille.pdf"),
    ("./supports/../supports/grille.pdf", "supports/grille.pdf"),
    ("supports/photo.JPEG", "supports/photo.JPEG"),
    ("supports/sous-dossier/tableau.ods", "supports/sous-dossier/tableau.ods"),
])
def test_accepted_supports_land_at_their_resolved_place(tools: Path, fichier: str, relative: str) -> None:
    place = resolve_support(tools / "outil.md", fichier)
    assert place.relative == relative
    assert place.source == (tools / relative).resolve()


def test_a_symlink_inside_supports_lands_where_it_points(tools: Path) -> None:
    os.symlink(tools / "supports" / "grille.pdf", tools / "supports" / "alias.pdf")
    assert resolve_support(tools / "outil.md", "supports/alias.pdf").relative == "supports/grille.pdf"


def test_types_are_the_contracts_plus_jpeg() -> None:
    assert set(ALLOWED_TYPES) == {"pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "txt", "png", "jpg",
                                  "jpeg"}


def test_a_missing_support_says_where_it_was_looked_for(tools: Path) -> None:
    with pytest.raises(SupportRefused, match=r"introuvable \(cherché dans tools/supports/absent.pdf\)"):
        resolve_support(tools / "outil.md", "supports/absent.pdf")


def test_copy_writes_each_support_once_at_its_place(tools: Path, tmp_path: Path) -> None:
    place = resolve_support(tools / "outil.md", "supports/sous-dossier/tableau.ods")
    pages = tmp_path / "docs" / "outils"
    copy_supports([place, place], pages)  # a support shared by two sheets
    assert (pages / "supports" / "sous-dossier" / "tableau.ods").read_bytes() == b"x"


def test_copy_refuses_a_place_outside_supports(tools: Path, tmp_path: Path) -> None:
    forged = SupportPlace(tools / "supports" / "grille.pdf", "supports/../../evade.pdf")
    with pytest.raises(ValueError):
        copy_supports([forged], tmp_path / "docs" / "outils")
    assert not (tmp_path / "docs" / "evade.pdf").exists()


def test_names_that_differ_only_by_case_collide(tools: Path) -> None:
    (tools / "supports" / "Grille.pdf").write_bytes(b"y")
    places = [("a.md", 8, resolve_support(tools / "outil.md", "supports/grille.pdf")),
              ("b.md", 9, resolve_support(tools / "outil.md", "supports/Grille.pdf")),
              ("c.md", 9, resolve_support(tools / "outil.md", "supports/grille.pdf"))]
    [(shown, line, message)] = case_collisions(places)
    assert (shown, line) == ("b.md", 9) and "majuscules" in message
