"""MkDocs' page building on two cores: a helper process builds sheet pages (theme template and
file) while MkDocs builds the others, and the site is the same as MkDocs alone would write.

Once the sheet pages skip the Markdown pass (``engine_pages.py``), most of what is left of a
build is the theme: Material's template, rendered page after page on one core. The helper loads
the same configuration, files and navigation and builds prerendered pages with MkDocs' own
``_build_page`` (same context, same template, same plugins), writing each file into the site
folder. The two share the pages as they go: MkDocs takes them from the first, the helper from the
last, and each page is *claimed* first (a file created with ``O_EXCL`` in a folder of claims: one
of the two wins), so however late the helper starts or slow it runs, no page is built twice and
none waits for it. For a page the helper claimed, MkDocs renders an empty template and writes no
file; at the end of the build it waits for the helper and builds itself, with the real template,
every claimed page the helper did not confirm. A helper that fails in any way therefore costs
time, never a page. Only used by ``engine.render_site``; knows MkDocs 1.6's build
(``config._current_page``, ``_build_page``).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import logging
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from generator.catalogue import engine_pages

MIN_PAGES = 200  # below this, a second process costs more than it saves
PR_SET_PDEATHSIG = 1  # linux/prctl.h
# A template that renders nothing: MkDocs then writes no file for the page (the helper does).
EMPTY_TEMPLATE = "repere-vide.html"
START = b"go\n"  # the build has cleaned the site folder: the helper may write


class Claims:
    """Who builds which page: the first process to create the page's claim file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def claim(self, src_uri: str) -> bool:
        name = hashlib.sha1(src_uri.encode("utf-8"), usedforsecurity=False).hexdigest()
        try:
            os.close(os.open(self.folder / name, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        return True


class Helper:
    """The helper process, seen from the build."""

    def __init__(self, config_file: Path, docs_dir: Path, site_dir: Path) -> None:
        self.claims = Claims(Path(tempfile.mkdtemp(prefix="repere-pages-")))
        # A fresh interpreter (not multiprocessing): no fork while the build runs threads, and no
        # re-import of the caller's main script, which ``spawn`` would do.
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(config_file), str(docs_dir), str(site_dir), str(os.getpid()),
             str(self.claims.folder)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment)

    def start(self) -> None:
        """Let the helper write (the site folder is clean)."""
        with contextlib.suppress(OSError):
            self.process.stdin.write(START)  # type: ignore[union-attr]
            self.process.stdin.flush()  # type: ignore[union-attr]

    def built(self) -> tuple[set[str], list[str]]:
        """Wait for the helper: the pages it built and wrote, and MkDocs' warnings about them."""
        with contextlib.suppress(OSError):
            self.process.stdin.close()  # type: ignore[union-attr] - "no more pages": it stops claiming
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
        shutil.rmtree(self.claims.folder, ignore_errors=True)


def worth_it(page_count: int) -> bool:
    """Whether a site of ``page_count`` pages is worth a helper (decided by the build)."""
    return page_count >= MIN_PAGES


def plugin(helper: Helper) -> Any:
    """A MkDocs plugin that claims each prerendered page before building it, leaves those the
    helper claimed to it, and builds at the end those it did not confirm."""
    from mkdocs.commands.build import _build_page
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import InclusionLevel

    class SecondCore(BasePlugin):  # type: ignore[type-arg]
        def __init__(self) -> None:
            super().__init__()
            self.left: list[Any] = []  # pages the helper claimed
            self.state: dict[str, Any] = {}

        def on_nav(self, nav: Any, config: Any, files: Any, **_: Any) -> None:
            self.state.update(nav=nav, files=files)
            helper.start()  # build() cleaned the site folder before reading the files

        def on_env(self, env: Any, config: Any, files: Any, **_: Any) -> Any:
            self.state["env"] = env
            real = env.get_template

            def get_template(name: Any, *arguments: Any, **options: Any) -> Any:
                page = config._current_page  # set by _build_page before it asks for the page's template
                if (page is not None and not self.state.get("fallback")
                        and name == page.meta.get("template", "main.html") and engine_pages.is_prerendered(page)
                        and not helper.claims.claim(page.file.src_uri)):
                    self.left.append(page)
                    return real(EMPTY_TEMPLATE)
                return real(name, *arguments, **options)

            env.get_template = get_template
            return env

        def on_post_build(self, config: Any, **_: Any) -> None:
            if not self.left:  # the helper claimed nothing (it had not started): no need to wait
                return
            built, warnings = helper.built()
            logger = logging.getLogger("mkdocs.commands.build")
            for warning in warnings:
                logger.warning(warning)
            doc_files = self.state["files"].documentation_pages(inclusion=InclusionLevel.is_included)
            self.state["fallback"] = True  # no claim any more: the real template
            for page in self.left:
                if page.file.src_uri not in built:  # the helper failed on it: built here
                    _build_page(page, config, doc_files, self.state["nav"], self.state["env"])

    return SecondCore()


# --- in the helper process ----------------------------------------------------------------------


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _helper_main(config_file: str, docs_dir: str, site_dir: str, parent: int, claims: str) -> None:
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
        if sys.stdin.buffer.readline() == START:
            _build_from_the_end(config, files, nav, env, Claims(Path(claims)), built)
    except Exception:  # noqa: BLE001 - the build builds what is not confirmed
        pass
    pickle.dump((built, handler.messages), stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


def _build_from_the_end(config: Any, files: Any, nav: Any, env: Any, claims: Claims, built: list[str]) -> None:
    """Build prerendered pages from the last one back, until a page is already claimed (the build
    got there first: every page before it is the build's); ``built`` lists each page once its
    file is written."""
    from mkdocs.commands.build import _build_page
    from mkdocs.structure.files import InclusionLevel
    from mkdocs.structure.pages import Page

    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for page in nav.pages:  # the navigation shows their titles (front matter)
        page.read_source(config)
    for file in reversed(doc_files):
        page = file.page if file.page is not None else Page(None, file, config)
        if page.markdown is None:
            page.read_source(config)
        if not engine_pages.is_prerendered(page):
            continue
        if not claims.claim(file.src_uri):
            return
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        engine_pages.set_content(page, page.markdown)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        _build_page(page, config, doc_files, nav, env)
        built.append(file.src_uri)


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
    engine_pages.share_partials(env, nav)  # as the build's own plugin does (engine_pages.plugin)
    return config, files, nav, env


if __name__ == "__main__":
    _helper_main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
