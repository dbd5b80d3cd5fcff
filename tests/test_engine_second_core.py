"""MkDocs' page building on two cores (generator/catalogue/engine_second_core.py): the helper's pages
are the pages MkDocs would have written, and a failing helper only costs time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.catalogue import engine_second_core, site_build

CONTENT = Path(__file__).parent / "fixtures" / "catalogue" / "valide"
CACHE_BUSTER = re.compile(rb"\?v=\d+")  # the build time, in every page


def build(out: Path) -> dict[str, bytes]:
    assert site_build.main(["--content", str(CONTENT), "--site-dir", str(out / "site")]) == 0
    return {path.relative_to(out / "site").as_posix(): CACHE_BUSTER.sub(b"", path.read_bytes())
            for path in sorted((out / "site").rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The site as MkDocs renders it on one core (the fixture is far below ``MIN_PAGES``)."""
    return build(tmp_path_factory.mktemp("seul"))


def test_the_helpers_pages_are_the_pages_mkdocs_renders(
        alone: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_second_core, "MIN_PAGES", 1)
    served: list[str] = []
    real = engine_second_core.Helper.built

    def built(self: engine_second_core.Helper) -> tuple[set[str], list[str]]:
        found = real(self)
        served.extend(found[0])
        return found

    monkeypatch.setattr(engine_second_core.Helper, "built", built)
    real_claim = engine_second_core.Claims.claim

    def claim(self: engine_second_core.Claims, src_uri: str) -> bool:
        # The build leaves the tool pages to the helper, as when the helper got there first (it
        # claims them in its own process); on this small site it would otherwise take few pages.
        return not src_uri.startswith("outils/") and real_claim(self, src_uri)

    monkeypatch.setattr(engine_second_core.Claims, "claim", claim)
    helped = build(tmp_path)
    assert {"outils/outil-complet.md", "outils/outil-minimal.md"} <= set(served)
    assert helped.keys() == alone.keys()
    assert [name for name in alone if helped[name] != alone[name]] == []


def test_pages_the_helper_did_not_build_are_built_by_mkdocs(
        alone: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper that dies half-way (here: confirms nothing) costs no page."""
    monkeypatch.setattr(engine_second_core, "MIN_PAGES", 1)
    monkeypatch.setattr(engine_second_core.Helper, "built", lambda self: (set(), []))
    assert build(tmp_path) == alone


def test_a_helper_that_fails_only_costs_time(
        alone: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_second_core, "MIN_PAGES", 1)
    monkeypatch.setattr(engine_second_core, "__name__", "module.qui.n.existe.pas")  # the helper cannot start
    assert build(tmp_path) == alone


def test_small_sites_and_single_cores_need_no_helper() -> None:
    assert not engine_second_core.worth_it(50)
    assert engine_second_core.worth_it(1000)


def test_a_page_is_claimed_once(tmp_path: Path) -> None:
    """The build and the helper each claim a page before building it: only one of them wins."""
    first, second = engine_second_core.Claims(tmp_path), engine_second_core.Claims(tmp_path)
    assert first.claim("outils/a.md") and not second.claim("outils/a.md") and not first.claim("outils/a.md")
    assert second.claim("outils/b.md")


def test_the_zip_written_on_every_core_is_the_zip_zipfile_writes(tmp_path: Path) -> None:
    """generator/catalogue/fast_zip.py: same bytes as zipfile's deflate, entry for entry."""
    import zipfile

    from generator.catalogue import fast_zip

    entries = [(f"dossier/fichier-{number}.html", (f"<p>page {number} é</p>" * number).encode)
               for number in range(150)] + [("dossier/accentué.txt", "".encode)]
    fast_zip.write(tmp_path / "rapide.zip", entries, (2024, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(tmp_path / "lent.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, read in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(info, read())
    assert (tmp_path / "rapide.zip").read_bytes() == (tmp_path / "lent.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "rapide.zip") as archive:
        assert archive.testzip() is None
        assert archive.read("dossier/fichier-3.html") == "<p>page 3 é</p>".encode() * 3
