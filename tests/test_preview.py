"""``python build.py --serve``: the preview tree follows the content, with the build's own words."""

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


def test_valid_content_writes_the_preview_tree(content: Path) -> None:
    assert preview.regenerate(content) == []
    assert (preview.PREVIEW_DOCS / "outils" / "outil-complet.md").is_file()
    assert (preview.PREVIEW_DOCS / "assets" / "vendor" / "iframe-worker-shim.js").is_file()


def test_a_mistake_keeps_the_last_good_pages_and_shows_the_problems(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    preview.regenerate(content)
    sheet = content / "tools" / "outil-minimal.md"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("duree: 20", "duree: vingt"), encoding="utf-8")
    problems = preview.regenerate(content)
    assert [problem.line for problem in problems] == [6]
    # Same words in the terminal and in the page as in the build.
    assert str(problems[0]) in capsys.readouterr().err
    home = (preview.PREVIEW_DOCS / "index.md").read_text(encoding="utf-8")
    assert home.startswith("---\n")
    assert "1 problème(s) dans les fiches" in home and "« duree » : « vingt »" in home
    assert (preview.PREVIEW_DOCS / "outils" / "outil-minimal.md").is_file()
    # Fixed: the banner goes away.
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("duree: vingt", "duree: 20"), encoding="utf-8")
    assert preview.regenerate(content) == []
    assert "problème(s)" not in (preview.PREVIEW_DOCS / "index.md").read_text(encoding="utf-8")


def test_the_preview_applies_the_builds_limits(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A paragraph that would keep MkDocs busy for hours is refused in the preview too, at once."""
    preview.regenerate(content)
    sheet = content / "tools" / "outil-minimal.md"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n" + "[" * 100_000 + "\n", encoding="utf-8")
    problems = preview.regenerate(content)
    assert "paragraphe avec plus de 200 crochets « [ »" in [problem.message.split(" : ")[0] for problem in problems]
    assert "paragraphe avec plus de 200 crochets" in (preview.PREVIEW_DOCS / "index.md").read_text(encoding="utf-8")
