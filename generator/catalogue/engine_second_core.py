"""MkDocs' Markdown pass on two cores: a helper process renders the last pages while MkDocs renders
the first ones, and hands back exactly what ``Page.render`` would have computed.

Converting Markdown (with the raw HTML of our pages) is most of a build's time and MkDocs does it
page after page on one core. The helper loads the same configuration and files, renders the last
``SHARE`` of the documentation pages with MkDocs' own ``Page.render`` (same extensions, same link
rewriting and warnings), and sends each result in order. In the build, a plugin of ours (first in
each event) replaces those pages' Markdown by nothing and their content by the helper's, with the
table of contents, anchors and warnings that went with it. If the helper fails in any way, the
build renders the remaining pages itself: the site is the same, only slower. Only used by
``engine.render_site``; knows MkDocs 1.6's page model.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

# Of the documentation pages, the last ones go to the helper. It starts late (imports, reading the
# configuration) and shares its core with the search index: a bit less than half.
SHARE = 0.42
MIN_PAGES = 200  # below this, a second process costs more than it saves
PR_SET_PDEATHSIG = 1  # linux/prctl.h

Result = tuple[str, dict[str, Any] | None, list[str]]  # page src_uri, what render computed, warnings


class Helper:
    """The helper process, seen from the build: results in page order, or None once it failed."""

    def __init__(self, config_file: Path, docs_dir: Path, site_dir: Path) -> None:
        # A fresh interpreter (not multiprocessing): no fork while the build runs threads, and no
        # re-import of the caller's main script, which ``spawn`` would do.
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(config_file), str(docs_dir), str(site_dir), str(os.getpid())],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment)
        self.receiver = self.process.stdout
        self.failed = False
        self.taken: set[str] | None = None  # the pages it renders: its first message
        self.pending: dict[str, Result] = {}

    def _read(self) -> None:
        try:
            uri, payload, warnings = pickle.load(self.receiver)  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - it ended or failed: the build renders what is left
            self.failed = True
            return
        if self.taken is None:
            self.taken = set(payload or ())
        else:
            self.pending[uri] = (uri, payload, warnings)

    def takes(self, src_uri: str) -> bool:
        """Whether the helper renders this page (known once it sent its list, first)."""
        while self.taken is None and not self.failed:
            self._read()
        return self.taken is not None and src_uri in self.taken

    def result(self, src_uri: str) -> Result | None:
        """The helper's result for ``src_uri`` (waiting for it), or None: the build renders it."""
        while src_uri not in self.pending and not self.failed:
            self._read()
        return self.pending.pop(src_uri, None)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        with contextlib.suppress(OSError):
            self.process.stdout.close()  # type: ignore[union-attr]


def worth_it(page_count: int) -> bool:
    """Whether a site of ``page_count`` pages is worth a helper (decided by the build)."""
    return page_count >= MIN_PAGES and int(page_count * SHARE) > 0


def helped_pages(pages: list[str]) -> list[str]:
    """The pages (in build order) that the helper renders: the last ``SHARE`` of them."""
    return pages[len(pages) - int(len(pages) * SHARE):]


def plugin(helper: Helper) -> Any:
    """A MkDocs plugin that takes the helper's pages from it (first in each of its two events)."""
    from mkdocs.plugins import BasePlugin, event_priority

    class SecondCore(BasePlugin):  # type: ignore[type-arg]
        def __init__(self) -> None:
            super().__init__()
            self.results: dict[str, dict[str, Any]] = {}
            self.logger = logging.getLogger("mkdocs.structure.pages")

        @event_priority(100)
        def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
            uri = page.file.src_uri
            if not helper.takes(uri):
                return markdown
            result = helper.result(uri)
            if result is None or result[1] is None:
                return markdown  # the helper failed: rendered here, as without it
            _, payload, warnings = result
            for warning in warnings:  # where MkDocs would have logged them, in page order
                self.logger.warning(warning)
            self.results[uri] = payload
            return ""

        @event_priority(100)
        def on_page_content(self, html: str, page: Any, files: Any, **_: Any) -> str:
            payload = self.results.pop(page.file.src_uri, None)
            if payload is None:
                return html
            page.toc = payload["toc"]
            page._title_from_render = payload["title"]
            page.present_anchor_ids = payload["anchors"]
            if payload["links"] is not None:
                page.links_to_anchors = {files.get_file_from_path(uri): links
                                         for uri, links in payload["links"].items()
                                         if files.get_file_from_path(uri) is not None}
            return payload["content"]

    return SecondCore()


# --- in the helper process ----------------------------------------------------------------------


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _helper_main(config_file: str, docs_dir: str, site_dir: str, parent: int) -> None:
    with contextlib.suppress(OSError, AttributeError):  # end with the build, even a killed one
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        return
    try:
        config, files = _prepare(config_file, docs_dir, site_dir)
    except Exception:  # noqa: BLE001 - the build renders everything itself
        return
    from mkdocs.structure.files import InclusionLevel
    from mkdocs.structure.pages import Page

    stream = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but results on the pipe

    def send(message: Result) -> None:
        pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
        stream.flush()

    documentation = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
    mine = set(helped_pages([file.src_uri for file in documentation]))
    send(("", sorted(mine), []))  # type: ignore[arg-type]
    handler = _Warnings()
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    for file in documentation:
        if file.src_uri not in mine:
            continue
        handler.messages = []
        try:
            page = file.page if file.page is not None else Page(None, file, config)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)
            payload: dict[str, Any] | None = {
                "content": page.content, "toc": page.toc, "title": page._title_from_render,
                "anchors": page.present_anchor_ids,
                "links": None if page.links_to_anchors is None else
                {to_file.src_uri: links for to_file, links in page.links_to_anchors.items()},
            }
        except Exception:  # noqa: BLE001 - this page is rendered by the build, which reports it
            payload = None
        send((file.src_uri, payload, handler.messages))


def _prepare(config_file: str, docs_dir: str, site_dir: str) -> tuple[Any, Any]:
    """The configuration and files as ``mkdocs.commands.build.build`` has them before pages."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the build reports config warnings once
    config = load_config(config_file=config_file, docs_dir=docs_dir, site_dir=site_dir)
    config = config.plugins.on_config(config)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    config.plugins.on_nav(nav, config=config, files=files)
    return config, files


if __name__ == "__main__":
    _helper_main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
