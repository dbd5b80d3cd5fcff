"""The only module that knows MkDocs: render a plain docs tree into a site folder, or serve it.

Kept to one function so that the engine can be swapped (MkDocs 2, Zensical) without any
other module moving. Warnings of the engine are returned for the build summary.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.catalogue import engine_pages


class EngineError(Exception):
    """The engine failed on a tree we wrote: a bug of ours, not of the contributor."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_site(config_file: Path, docs_dir: Path, site_dir: Path) -> list[str]:
    """Run MkDocs on ``docs_dir`` into ``site_dir``; return its warning messages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler, previous_level = _Collect(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir),
                             site_dir=str(site_dir))
        config.plugins["repere-html"] = engine_pages.plugin()  # sheet pages: no Markdown pass
        with _second_core(config_file, docs_dir, site_dir) as helper:
            if helper is not None:  # the last pages' Markdown on the second core (engine_second_core)
                from generator.catalogue import engine_second_core

                config.plugins["repere-second-coeur"] = engine_second_core.plugin(helper)
            build(config)
    except MkDocsException as error:
        raise EngineError(str(error)) from error
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
    return handler.messages


@contextlib.contextmanager
def _second_core(config_file: Path, docs_dir: Path, site_dir: Path) -> Iterator[Any]:
    """A Markdown helper process when the machine has a second core and the site is large."""
    from generator.catalogue import engine_second_core

    pages = sum(1 for _ in docs_dir.rglob("*.md"))
    if (os.cpu_count() or 1) < 2 or not engine_second_core.worth_it(pages):
        yield None
        return
    helper = engine_second_core.Helper(config_file, docs_dir, site_dir)
    try:
        yield helper
    finally:
        helper.close()


def serve(config_file: Path, docs_dir: Path, host: str) -> None:
    """MkDocs' live-reloading server on ``docs_dir`` (the preview rewrites that tree)."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    try:
        # Dirty builds: only pages whose Markdown changed are rendered again (the preview rewrites
        # only the files that differ): a saved sheet re-renders its own page and the lists it changed.
        mkdocs_serve(config_file=str(config_file), docs_dir=str(docs_dir), dev_addr=host, livereload=True,
                     build_type="dirty")
    except MkDocsException as error:
        raise EngineError(str(error)) from error
