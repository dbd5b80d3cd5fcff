"""Internal link check over the built starter site (the offline zip, unzipped).

Every local ``href``/``src``/``srcset``/``data``/``poster`` of every page must name a file of the
site (relative to the page, percent-decoded, without ?query or #fragment), and every #fragment
must name an element ``id`` (or ``name``) of its target page. External addresses are not ours
to check (the offline tests already prove that pages make no request outside ``file://``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.slow

URL_ATTRIBUTES = {"href", "src", "data", "poster", "action"}
NOT_LOCAL = ("http:", "https:", "mailto:", "tel:", "data:", "javascript:", "blob:", "about:")
# Fragments read by our scripts, not element ids: the catalogue's filters (catalogue.js) and
# Material's #__… toggles (drawer, search) are state, not anchors.
SCRIPT_FRAGMENTS = ("facteur=", "duree=", "modalite=", "seances=", "stade=", "milieu=", "preuve=", "__")


# The web server's "not found" page answers for a missing address at any depth, so MkDocs gives
# it links from the host's root (/assets/…); it is never opened from the offline zip. Anywhere
# else a root-absolute link is a bug: from file:// it points at the root of the disk.
ERROR_PAGE = "404.html"


class PageLinks(HTMLParser):
    """The local links and the ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and tag != "meta":
                self.ids.add(value)
            elif name in URL_ATTRIBUTES and not (tag == "link" and ("rel", "canonical") in attrs):
                self.links.append(value.strip())
            elif name == "srcset":
                self.links += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def parse(page: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def local_targets(site: Path, page: Path, links: list[str]) -> Iterator[tuple[str, Path, str]]:
    """(link as written, file it names, fragment) for every local link of ``page``."""
    for link in links:
        if not link or link.lower().startswith(NOT_LOCAL) or link.startswith("//"):
            continue
        parts = urlsplit(link)
        if parts.scheme:  # another scheme we do not serve (file: would be an absolute path)
            yield link, Path("/schéma-inattendu"), ""
            continue
        path = unquote(parts.path)
        if not path:  # "#anchor" or "?query": this page
            yield link, page, unquote(parts.fragment)
            continue
        if path.startswith("/") and page.relative_to(site).as_posix() != ERROR_PAGE:
            yield link, Path("/chemin-absolu"), ""  # from file:// this is the disk's root
            continue
        base = "" if path.startswith("/") else page.parent.relative_to(site).as_posix()
        yield link, site / posixpath.normpath(posixpath.join(base, path.lstrip("/"))), unquote(parts.fragment)


@pytest.fixture(scope="module")
def pages(starter_site: Path) -> dict[Path, PageLinks]:
    found = {page: parse(page) for page in sorted(starter_site.rglob("*.html"))}
    assert len(found) > 40  # home, factors, catalogue, tools, programmes, frise…
    return found


def test_every_local_link_names_a_file_of_the_site(starter_site: Path, pages: dict[Path, PageLinks]) -> None:
    site = starter_site.resolve()
    broken = []
    checked = 0
    for page, parsed in pages.items():
        for link, target, _ in local_targets(starter_site, page, parsed.links):
            checked += 1
            inside = target.resolve().is_relative_to(site)
            if not inside or not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(starter_site)} : {link}")
    assert checked > 1000  # every page links its stylesheets, scripts, tabs, cards…
    assert broken == [], "\n".join(broken)


def test_every_fragment_names_an_anchor_of_its_page(starter_site: Path, pages: dict[Path, PageLinks]) -> None:
    broken = []
    checked = 0
    for page, parsed in pages.items():
        for link, target, fragment in local_targets(starter_site, page, parsed.links):
            if not fragment or fragment.startswith(SCRIPT_FRAGMENTS) or target.suffix != ".html":
                continue
            checked += 1
            anchors = pages.get(target) or (parse(target) if target.is_file() else PageLinks())
            if fragment not in anchors.ids:
                broken.append(f"{page.relative_to(starter_site)} : {link}")
    assert checked > 50  # tables of contents, skip links
    assert broken == [], "\n".join(broken)


def test_the_checker_sees_a_broken_link(tmp_path: Path) -> None:
    """The checker itself: a missing file, an escaping path and an encoded name are told apart."""
    (tmp_path / "outils").mkdir()
    (tmp_path / "outils" / "fiche d'évaluation.pdf").write_bytes(b"%PDF")
    page = tmp_path / "outils" / "page.html"
    page.write_text('<a href="fiche%20d%27%C3%A9valuation.pdf">ok</a><a href="absent.pdf">non</a>'
                    '<img src="../../hors-du-site.png"><a href="https://exemple.fr/x">externe</a>'
                    '<a href="#haut">ancre</a>', encoding="utf-8")
    found = {link: target for link, target, _ in local_targets(tmp_path, page, parse(page).links)}
    assert found["fiche%20d%27%C3%A9valuation.pdf"].is_file()
    assert not found["absent.pdf"].exists()
    assert not found["../../hors-du-site.png"].resolve().is_relative_to(tmp_path.resolve())
    assert "https://exemple.fr/x" not in found
    assert found["#haut"] == page
