"""The only module that knows MkDocs: render a plain docs tree into a site folder, or serve it.

Kept to one function so that the engine can be swapped (MkDocs 2, Zensical) without any
other module moving. Warnings of the engine are returned for the build summary.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
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


def serve(config_file: Path, docs_dir: Path, host: str, watched: Path,
          before_build: Callable[[], object], after_build: Callable[[Path], object]) -> None:
    """Serve ``docs_dir`` with live reload; on each change under ``watched`` (the content folder):
    ``before_build()`` (the preview rewrites the pages that changed), a dirty build (only the
    pages whose file changed are rendered again), ``after_build(site_dir)``, then the browsers
    reload. MkDocs' own ``serve`` reloads its configuration and would drop our plugins, and it
    watches the docs tree only after our rewrite: ``serve`` drives MkDocs' server itself."""
    from mkdocs.livereload import LiveReloadServer

    site_dir = Path(tempfile.mkdtemp(prefix="repere-apercu-"))
    docs_dir.mkdir(parents=True, exist_ok=True)  # MkDocs refuses a configuration without it
    address = _configuration(config_file, docs_dir, site_dir, host).dev_addr
    url = f"http://{address.host}:{address.port}/"

    def builder() -> None:
        try:
            before_build()
            _dirty_build(_configuration(config_file, docs_dir, site_dir, host), url)
            after_build(site_dir)
        except Exception as error:  # noqa: BLE001 - the server keeps serving the last good site
            print(f"Aperçu : la mise à jour a échoué ({type(error).__name__}) ; la dernière version "
                  "reste affichée. Signalez-le aux mainteneurs de Repère.", file=sys.stderr)

    server = LiveReloadServer(builder=builder, host=address.host, port=address.port, root=str(site_dir),
                              polling_interval=POLL_SECONDS)
    server.error_handler = lambda code: _error_page(site_dir, code)
    try:
        builder()
        server.watch(str(watched))
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


# How often the preview looks for saved files (a stat of each): a save is seen within this delay.
POLL_SECONDS = 0.2


def _configuration(config_file: Path, docs_dir: Path, site_dir: Path, host: str) -> Any:
    from mkdocs.config import load_config

    try:
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                             dev_addr=host)
    except Exception as error:  # MkDocs' own configuration errors: a bug of ours, not of the sheets
        raise EngineError(str(error)) from error
    config.plugins["repere-html"] = engine_pages.plugin()  # sheet pages: no Markdown pass
    return config


def _dirty_build(config: Any, url: str) -> None:
    """Render only the pages whose file is newer than their output (the preview wrote only those)."""
    from mkdocs.commands.build import build

    logger = logging.getLogger("mkdocs.commands.build")
    quiet = _WithoutDirtyWarning()
    logger.addFilter(quiet)
    try:
        build(config, serve_url=url, dirty=True)
    finally:
        logger.removeFilter(quiet)


class _WithoutDirtyWarning(logging.Filter):
    # MkDocs warns that a dirty build may have stale navigation: the preview rewrites every page
    # whose navigation or lists changed, so the warning would only be noise on every save.
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build")


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
