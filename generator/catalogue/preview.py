"""Live preview for contributors: ``python build.py --serve``.

MkDocs' own server watches the docs tree; we watch the content folder, re-run the same
load-and-validate step as the build on every change, and rewrite the tree. Problems are
printed in the terminal and shown at the top of the home page, in the same words as the build.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import threading
import time
from pathlib import Path

from generator.catalogue.engine import serve as engine_serve
from generator.catalogue.loader import incomplete_draft_notes, load_catalogue
from generator.catalogue.prepared_docs import prepare_docs
from generator.catalogue.search_index import search_index_files
from generator.input_limits import load_within_limits
from generator.problems import InvalidInput, Problem, printable, report
from generator.settings import DEFAULT

# Beside mkdocs.yml (its docs_dir), in the checkout or the current folder of an installed copy.
PREVIEW_DOCS = DEFAULT.mkdocs_config.parent / ".build-docs"
# The search index's files (relative to the docs tree), written after the pages.
_search_files: set[str] = set()
POLL_SECONDS = 0.2  # a saved sheet is seen within this delay (a stat of each file)


def serve(content_dir: Path, config_file: Path, host: str = "127.0.0.1:8000") -> int:
    regenerate(content_dir)
    watcher = threading.Thread(target=_watch, args=(content_dir,), daemon=True)
    watcher.start()
    print(f"Aperçu : http://{host}/ (Ctrl+C pour arrêter). Les fiches sont revérifiées à chaque "
          "enregistrement.")
    engine_serve(config_file, PREVIEW_DOCS, host)
    return 0


def regenerate(content_dir: Path) -> list[Problem]:
    """Rewrite the preview tree; on invalid content keep the last good tree and show the problems."""
    try:
        catalogue = load_within_limits(  # same limits as the build; drafts: preview only
            sorted(content_dir.rglob("*.md")), lambda: load_catalogue(content_dir, include_drafts=True))
    except InvalidInput as invalid:
        for problem in invalid.problems:
            report(str(problem))
        _show_problems_on_home(invalid.problems)
        return invalid.problems
    fresh = PREVIEW_DOCS.with_name(".build-docs.new")
    shutil.rmtree(fresh, ignore_errors=True)
    # The pages first, the search index after (seconds at 1,000 sheets): a saved sheet shows sooner.
    prepare_docs(catalogue, fresh, with_search_index=False)
    _update(PREVIEW_DOCS, fresh, keep=_search_files)
    for relative, text in search_index_files(catalogue).items():
        _search_files.add(relative)
        target = PREVIEW_DOCS / relative
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    print(f"Aperçu à jour : {len(catalogue.tools)} outils, {len(catalogue.programmes)} programmes.")
    for note in incomplete_draft_notes(catalogue):
        print(printable(note))
    return []


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


def _snapshot(content_dir: Path) -> dict[Path, float]:
    return {path: path.stat().st_mtime for path in content_dir.rglob("*") if path.is_file()}


def _watch(content_dir: Path) -> None:
    seen = _snapshot(content_dir)
    while True:
        time.sleep(POLL_SECONDS)
        current = _snapshot(content_dir)
        if current != seen:
            seen = current
            regenerate(content_dir)
