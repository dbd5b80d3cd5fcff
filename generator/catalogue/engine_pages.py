"""Pages written as finished HTML (front matter ``prerendered: true``) skip MkDocs' Markdown pass.

The sheet pages (``page_html.py``) are HTML around a body that was converted once, when the
allow-list checked it. Converting them again, as Markdown holding raw HTML, was most of a build's
time (Python-Markdown parses every raw HTML block with ``html.parser``). For those pages the
page's ``render`` is replaced by one that takes the HTML as it is and gives the theme what
``Page.render`` would have computed: the content, the table of contents (from the headings that
carry an id, as the ``toc`` extension lists them) and the anchors present.

The theme's navigation and tabs are the same on every page outside the navigation in one folder
(the sheets: nothing is active, links are relative to the folder): ``share_partials`` renders
them once per folder (a third of the theme's time per sheet page). Only used by ``engine.py`` and
its helpers; knows MkDocs 1.6's page model and how Jinja includes a template.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

from markdown.extensions.toc import nest_toc_tokens

from generator.catalogue.page_html import PRERENDERED_KEY, headings, ids


def is_prerendered(page: Any) -> bool:
    return bool(page.meta.get(PRERENDERED_KEY))


def take_as_html(page: Any) -> None:
    """Make ``page.render`` publish ``page.markdown`` (HTML already) as the page's content."""

    def render(config: Any, files: Any) -> None:  # noqa: ARG001 - Page.render's signature
        set_content(page, page.markdown or "")

    page.render = render


def set_content(page: Any, content: str) -> None:
    """What ``Page.render`` sets, for a page whose content is ``content`` (HTML)."""
    from mkdocs.structure.toc import get_toc

    tokens = [{"level": heading.level, "id": heading.id, "name": heading.name}
              for heading in headings(content)]
    page.content = content
    page.toc = get_toc(nest_toc_tokens(tokens))
    page._title_from_render = None  # the title is the front matter's (every sheet page has one)
    page.present_anchor_ids = set(ids(content))
    page.links_to_anchors = {}


# Partials whose output, for a page outside the navigation, depends only on the page's folder.
SHARED_PARTIALS = ("partials/nav.html", "partials/tabs.html")


def share_partials(env: Any, nav: Any) -> None:
    """Render the navigation and the tabs once per folder for the pages outside the navigation."""
    in_nav = {id(page) for page in nav.pages}
    for name in SHARED_PARTIALS:
        template = env.get_template(name)
        # ``{% include %}`` iterates the included template's ``root_render_func``.
        template.root_render_func = _once_per_folder(template.root_render_func, in_nav)


def _once_per_folder(render: Callable[[Any], Iterator[str]], in_nav: set[int]) -> Callable[[Any], Iterator[str]]:
    rendered: dict[str, str] = {}

    def once(context: Any) -> Iterator[str]:
        page = context.get("page")
        if page is None or id(page) in in_nav or not isinstance(getattr(page, "url", None), str):
            yield from render(context)
            return
        folder = posixpath.dirname(page.url)
        if folder not in rendered:
            rendered[folder] = "".join(render(context))
        yield rendered[folder]

    return once


def plugin() -> Any:
    """A MkDocs plugin that publishes prerendered pages without converting them, and renders the
    navigation of pages outside it once per folder."""
    from mkdocs.plugins import BasePlugin, event_priority

    class Prerendered(BasePlugin):  # type: ignore[type-arg]
        nav: Any = None

        @event_priority(-100)  # after any plugin that would change the source
        def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
            if is_prerendered(page):
                take_as_html(page)
            return markdown

        def on_nav(self, nav: Any, **_: Any) -> None:
            self.nav = nav

        @event_priority(-100)
        def on_env(self, env: Any, **_: Any) -> Any:
            share_partials(env, self.nav)
            return env

    return Prerendered()
