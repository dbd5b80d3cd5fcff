"""Live preview for contributors: ``python build.py --serve``.

MkDocs' server (driven by ``engine.serve``) watches the content folder; on every save we re-run
the same load-and-validate step as the build and rewrite the tree, then MkDocs renders again the
pages whose file changed. Problems are printed in the terminal and shown at the top of the home
page, in the same words as the build.

A save must show in about a second at 1,000 sheets, so nothing is done again that the save did not
change: sheets and their text limits are re-read only when their file changed (``FileMemo``), a
page is rendered again only when its sheet or the sheets it lists changed, and written only when
its text changed (``docs_tree.update_pages``); the search index (seconds at that size) is
computed after the pages are shown, and reaches the browser with the next reload. When anything
but a sheet changed (a support file, the thesaurus), the whole tree is written again.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from generator.catalogue.docs_tree import RenderMemo, update_pages
from generator.catalogue.engine import serve as engine_serve
from generator.catalogue.loader import SheetRead, incomplete_draft_notes, load_catalogue, sheet_memo
from generator.catalogue.model import Catalogue
from generator.catalogue.prepared_docs import prepare_docs
from generator.catalogue.search_index import search_index_files
from generator.file_memo import FileMemo
from generator.input_limits import load_within_limits, markdown_problems
from generator.problems import InvalidInput, Problem, printable, report
from generator.settings import DEFAULT

# Beside mkdocs.yml (its docs_dir), in the checkout or the current folder of an installed copy.
PREVIEW_DOCS = DEFAULT.mkdocs_config.parent / ".build-docs"
# The search index's files (relative to the docs tree), written after the pages.
_search_files: set[str] = set()


@dataclass
class _Memory:
    """What the running preview keeps from one save to the next."""

    docs: Path | None = None  # the tree the pages below were written to
    pages: RenderMemo = field(default_factory=RenderMemo)
    sheets: FileMemo[SheetRead] = field(default_factory=sheet_memo)
    limits: FileMemo[list[Problem]] = field(default_factory=lambda: FileMemo(markdown_problems))
    other_files: dict[Path, tuple[int, int]] = field(default_factory=dict)  # supports, thesaurus…
    catalogue: Catalogue | None = None
    generation: int = 0  # one more at each save: a late search index of an older save is dropped
    indexed: int = -1  # the generation whose search index is written


_memory = _Memory()


def serve(content_dir: Path, config_file: Path, host: str = "127.0.0.1:8000") -> int:
    print(f"Aperçu : http://{host}/ (Ctrl+C pour arrêter). Les fiches sont revérifiées à chaque "
          "enregistrement.")
    engine_serve(config_file, PREVIEW_DOCS, host, watched=content_dir,
                 before_build=lambda: regenerate(content_dir, with_search_index=_memory.catalogue is None),
                 after_build=_search_index_later)
    return 0


def regenerate(content_dir: Path, with_search_index: bool = True) -> list[Problem]:
    """Rewrite the preview tree; on invalid content keep the last good tree and show the problems."""
    global _memory
    if _memory.docs != PREVIEW_DOCS:  # another tree (tests): start afresh
        _memory = _Memory(docs=PREVIEW_DOCS)
    _memory.generation += 1
    sheets = sorted(content_dir.rglob("*.md"))
    others_changed = _other_files_changed(content_dir)
    if others_changed:  # a sheet's result depends on its supports: read every sheet again
        _memory.sheets.clear()
    try:
        catalogue = load_within_limits(  # same limits as the build; drafts: preview only
            sheets, lambda: load_catalogue(content_dir, include_drafts=True, memo=_memory.sheets),
            text_problems=_memory.limits)
    except InvalidInput as invalid:
        for problem in invalid.problems:
            report(str(problem))
        _show_problems_on_home(invalid.problems)
        _memory.pages.written.pop("index.md", None)  # the banner goes with the next good save
        return invalid.problems
    if _memory.catalogue is None or others_changed or not PREVIEW_DOCS.is_dir():
        _write_whole_tree(catalogue)
    else:
        update_pages(catalogue, PREVIEW_DOCS, _memory.pages)
    _memory.catalogue = catalogue
    if with_search_index:
        _write_files(search_index_files(catalogue), [PREVIEW_DOCS])
        _memory.indexed = _memory.generation
    print(f"Aperçu à jour : {len(catalogue.tools)} outils, {len(catalogue.programmes)} programmes.")
    for note in incomplete_draft_notes(catalogue):
        print(printable(note))
    return []


def _write_whole_tree(catalogue: Catalogue) -> None:
    fresh = PREVIEW_DOCS.with_name(".build-docs.new")
    shutil.rmtree(fresh, ignore_errors=True)
    _memory.pages = RenderMemo()
    prepare_docs(catalogue, fresh, with_search_index=False, memo=_memory.pages)
    _update(PREVIEW_DOCS, fresh, keep=_search_files)


def _search_index_later(site_dir: Path) -> None:
    """The search index of the catalogue just shown, computed in the background (seconds at 1,000
    sheets) and written into the tree and the served site, unless a newer save came meanwhile."""
    catalogue, generation = _memory.catalogue, _memory.generation
    if catalogue is None or _memory.indexed == generation:
        return

    def write() -> None:
        files = search_index_files(catalogue)
        if generation == _memory.generation:
            _write_files(files, [PREVIEW_DOCS, site_dir])
            _memory.indexed = generation

    threading.Thread(target=write, name="index-de-recherche", daemon=True).start()


def _write_files(files: dict[str, str], roots: list[Path]) -> None:
    for relative, text in files.items():
        _search_files.add(relative)
        for root in roots:
            target = root / relative
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")


def _other_files_changed(content_dir: Path) -> bool:
    """Whether any file of the content folder but the sheets changed since the last call."""
    current = {}
    for path in content_dir.rglob("*"):
        if path.suffix.lower() != ".md" and path.is_file():
            status = path.stat()
            current[path] = (status.st_mtime_ns, status.st_size)
    changed = current != _memory.other_files
    _memory.other_files = current
    return changed


def _update(docs: Path, fresh: Path, keep: set[str]) -> None:
    """Make ``docs`` equal to ``fresh``, touching only the files that differ.

    MkDocs' server rebuilds in dirty mode (``engine.serve``): a page is rendered again only when
    its file is newer than its output. Rewriting the whole tree on every save would make it
    render every sheet (20 s at 1,000 sheets); a saved sheet changes one page, plus the lists
    that show it when its title or summary moved. Files named in ``keep`` (written apart) stay.
    """
    if not docs.is_dir():
        fresh.rename(docs)
        return
    kept: set[Path] = set()
    for source in fresh.rglob("*"):
        if not source.is_file():
            continue
        relative = source.relative_to(fresh)
        kept.add(relative)
        target = docs / relative
        if not target.is_file() or not _same_bytes(source, target):
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    for old in sorted(docs.rglob("*"), reverse=True):  # files first, then the folders they leave empty
        if old.is_file() and old.relative_to(docs) not in kept and old.relative_to(docs).as_posix() not in keep:
            old.unlink()
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()
    shutil.rmtree(fresh, ignore_errors=True)


def _same_bytes(one: Path, other: Path) -> bool:
    return one.stat().st_size == other.stat().st_size and one.read_bytes() == other.read_bytes()


def _show_problems_on_home(problems: list[Problem]) -> None:
    """Put the problems at the top of the home page (after its front-matter)."""
    home = PREVIEW_DOCS / "index.md"
    PREVIEW_DOCS.mkdir(parents=True, exist_ok=True)
    text = home.read_text(encoding="utf-8") if home.exists() else "---\ntitle: Accueil\n---\n"
    text = re.sub(r"\n<!-- erreurs -->.*?<!-- /erreurs -->\n", "\n", text, flags=re.S)
    items = "".join(f"<li><code>{html.escape(str(problem))}</code></li>" for problem in problems)
    banner = (f'\n<!-- erreurs -->\n<div class="admonition danger"><p class="admonition-title">'
              f"{len(problems)} problème(s) dans les fiches : l'aperçu montre la dernière version "
              f"valide.</p><ul>{items}</ul></div>\n<!-- /erreurs -->\n")
    head, separator, rest = text.partition("\n---\n")
    home.write_text(head + separator + banner + rest, encoding="utf-8")
