"""MkDocs' page building on two cores: a helper process builds the last sheet pages (theme template
and file) while MkDocs builds the others, and the site is the same as MkDocs alone would write.

Once the sheet pages skip the Markdown pass (``engine_pages.py``), most of what is left of a
build is the theme: Material's template, rendered page after page on one core. The helper loads
the same configuration, files and navigation, and builds the last ``SHARE`` of the prerendered
pages with MkDocs' own ``_build_page`` (same context, same template, same plugins), writing each
file into the site folder. In the build, a plugin of ours gives those pages an empty template, so
MkDocs renders nothing for them and writes no file; at the end of the build it waits for the
helper and builds itself, with the real template, every page the helper did not confirm. A helper
that fails in any way therefore costs time, never a page. Only used by ``engine.render_site``;
knows MkDocs 1.6's build (``_populate_page``, ``_build_page``).
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

from generator.catalogue import engine_pages

# Of the prerendered pages, the last ones go to the helper. It starts late (imports, reading the
# configuration) while the build also writes the other pages, static files and the theme's own.
SHARE = 0.45
MIN_PAGES = 200  # below this, a second process costs more than it saves
PR_SET_PDEATHSIG = 1  # linux/prctl.h
# A template that renders nothing: MkDocs then writes no file for the page (the helper does).
EMPTY_TEMPLATE = "repere-vide.html"
START = b"go\n"  # the build has cleaned the site folder: the helper may write


class Helper:
    """The helper process, seen from the build."""

    def __init__(self, config_file: Path, docs_dir: Path, site_dir: Path) -> None:
        # A fresh interpreter (not multiprocessing): no fork while the build runs threads, and no
        # re-import of the caller's main script, which ``spawn`` would do.
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(config_file), str(docs_dir), str(site_dir), str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment)

    def start(self) -> None:
        """Let the helper write (the site folder is clean)."""
        with contextlib.suppress(OSError):
            self.process.stdin.write(START)  # type: ignore[union-attr]
            self.process.stdin.flush()  # type: ignore[union-attr]

    def built(self) -> tuple[set[str], list[str]]:
        """Wait for the helper: the pages it built and wrote, and MkDocs' warnings about them."""
        try:
            built, warnings = pickle.load(self.process.stdout)  # type: ignore[arg-type]
            return set(built), list(warnings)
        except Exception:  # noqa: BLE001 - it ended or failed: the build builds its pages
            return set(), []

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                stream.close()  # type: ignore[union-attr]


def worth_it(page_count: int) -> bool:
    """Whether a site of ``page_count`` pages is worth a helper (decided by the build)."""
    return page_count >= MIN_PAGES and int(page_count * SHARE) > 0


def helped_pages(pages: list[str]) -> list[str]:
    """The prerendered pages (in build order) that the helper builds: the last ``SHARE`` of them."""
    return pages[len(pages) - int(len(pages) * SHARE):]


def plugin(helper: Helper) -> Any:
    """A MkDocs plugin that leaves the helper's pages to it, and builds those it did not."""
    from mkdocs.commands.build import _build_page
    from mkdocs.plugins import BasePlugin, event_priority
    from mkdocs.structure.files import InclusionLevel

    class SecondCore(BasePlugin):  # type: ignore[type-arg]
        def __init__(self) -> None:
            super().__init__()
            self.mine: set[str] = set()
            self.state: dict[str, Any] = {}

        def on_nav(self, nav: Any, config: Any, files: Any, **_: Any) -> None:
            self.state.update(nav=nav, files=files)
            helper.start()  # build() cleaned the site folder before reading the files

        @event_priority(-100)
        def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
            if engine_pages.is_prerendered(page):
                self.state.setdefault("prerendered", []).append(page)
            return markdown

        def on_env(self, env: Any, config: Any, files: Any, **_: Any) -> Any:
            # Every page is read: the helper's share is known, and MkDocs must not render it.
            pages = self.state.get("prerendered", [])
            taken = set(helped_pages([page.file.src_uri for page in pages]))
            for page in pages:
                if page.file.src_uri in taken:
                    page.meta["template"] = EMPTY_TEMPLATE
            self.mine = taken
            self.state["env"] = env
            return env

        def on_post_build(self, config: Any, **_: Any) -> None:
            built, warnings = helper.built()
            logger = logging.getLogger("mkdocs.commands.build")
            for warning in warnings:
                logger.warning(warning)
            files = self.state["files"]
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
            for page in self.state.get("prerendered", []):
                if page.file.src_uri in self.mine and page.file.src_uri not in built:
                    page.meta.pop("template", None)  # the helper failed on it: built here
                    _build_page(page, config, doc_files, self.state["nav"], self.state["env"])

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
    stream = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the result on the pipe
    built: list[str] = []
    handler = _Warnings()
    try:
        config, files, nav, env = _prepare(config_file, docs_dir, site_dir)
        logging.getLogger("mkdocs").addHandler(handler)
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        if sys.stdin.buffer.readline() != START:
            return
        _build_share(config, files, nav, env, built)
    except Exception:  # noqa: BLE001 - the build builds what is not confirmed
        pass
    pickle.dump((built, handler.messages), stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


def _build_share(config: Any, files: Any, nav: Any, env: Any, built: list[str]) -> None:
    """Read every page (the navigation shows titles from the front matter), build the share;
    ``built`` lists each page once its file is written."""
    from mkdocs.commands.build import _build_page
    from mkdocs.structure.files import InclusionLevel
    from mkdocs.structure.pages import Page

    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    prerendered = []
    for file in doc_files:
        page = file.page if file.page is not None else Page(None, file, config)
        page.read_source(config)
        if engine_pages.is_prerendered(page):
            prerendered.append(page)
    share = set(helped_pages([page.file.src_uri for page in prerendered]))
    for page in prerendered:
        if page.file.src_uri in share:
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            engine_pages.set_content(page, page.markdown)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
            _build_page(page, config, doc_files, nav, env)
            built.append(page.file.src_uri)


def _prepare(config_file: str, docs_dir: str, site_dir: str) -> tuple[Any, Any, Any, Any]:
    """The configuration, files, navigation and template environment as ``build`` has them."""
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
    nav = config.plugins.on_nav(nav, config=config, files=files)
    env = config.plugins.on_env(env, config=config, files=files)
    return config, files, nav, env


if __name__ == "__main__":
    _helper_main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
