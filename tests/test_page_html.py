"""Sheet pages as finished HTML (generator/catalogue/page_html.py, engine_pages.py): what the Markdown
pass of the whole page used to do, done on the HTML, and the built pages' tables of contents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.catalogue import page_html, site_build
from generator.catalogue.body_html import render

FIXTURES = Path(__file__).parent / "fixtures" / "catalogue"


def test_body_headings_go_one_level_down_but_code_stays() -> None:
    body = render("## A\n\n```\n<h2>pas un titre</h2>\n```\n\n###### F\n\n<h3>brut</h3>\n")
    nested = page_html.nested(body)
    assert '<h3 id="a">A</h3>' in nested and '<h6 id="f">F</h6>' in nested and "<h4>brut</h4>" in nested
    assert "&lt;h2&gt;pas un titre&lt;/h2&gt;" in nested


def test_a_body_heading_never_takes_an_id_of_the_page() -> None:
    page = (f'<h2 id="objectifs">Objectifs</h2>{page_html.BODY_MARK}'
            '<h2 id="retours">Retours</h2><h2 id="a-propos">À propos</h2>')
    body = render("## Objectifs\n\n## Retours\n\n## Retours\n\n## Suite\n")
    assembled = page_html.assemble(page, body)
    ids = page_html.ids(assembled)
    assert len(ids) == len(set(ids)) == 7  # every id once on the page
    # The page's own anchors never move; the body's colliding headings take the next free suffix.
    assert ids[0] == "objectifs" and ids[-2:] == ["retours", "a-propos"] and ids[4] == "suite"
    assert ids[1] == "objectifs_1" and set(ids[2:4]) == {"retours_1", "retours_2"}
    assert page_html.BODY_MARK not in assembled


def test_headings_are_listed_with_their_text() -> None:
    found = page_html.headings('<h2 id="x">Un <em>titre</em>\n long</h2><h3>sans id</h3><h3 id="y">Y &amp; Z</h3>')
    assert [(h.level, h.id, h.name) for h in found] == [(2, "x", "Un titre long"), (3, "y", "Y &amp; Z")]


def test_links_to_other_markdown_pages_point_to_their_html_page() -> None:
    html = render("[a](autre.md#suite) [b](../programmes/p.md) [c](https://exemple.fr/x.md) [d](#ici)\n")
    assert 'href="autre.html#suite"' in html and 'href="../programmes/p.html"' in html
    assert 'href="https://exemple.fr/x.md"' in html and 'href="#ici"' in html


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    assert site_build.main(["--content", str(FIXTURES / "valide"), "--site-dir", str(out / "site")]) == 0
    return out / "site"


def test_a_prerendered_page_has_its_table_of_contents(site: Path) -> None:
    page = (site / "outils" / "outil-complet.html").read_text(encoding="utf-8")
    toc = page[page.index('data-md-type="toc"'):page.index('class="md-content"')]
    links = re.findall(r'href="#([^"]+)"', toc)
    # The page's sections and, nested under « Mode d'emploi », the body's own headings.
    assert links[:2] == ["preparer-ma-seance", "objectifs"]
    assert "mode-demploi" in links and "deroule" in links and links[-1] == "a-propos"
    assert links.index("deroule") > links.index("mode-demploi")


def test_the_body_is_published_as_the_allow_list_checked_it(site: Path) -> None:
    page = (site / "outils" / "outil-complet.html").read_text(encoding="utf-8")
    assert '<h2 id="mode-demploi">Mode d’emploi</h2>' in page and '<h3 id="deroule">Déroulé</h3>' in page
    assert "markdown=" not in page  # no Markdown attribute left for the browser to see


def test_navigation_rendered_once_per_folder_changes_no_byte(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """engine_pages.share_partials: the same pages as when the theme renders every navigation."""
    from generator.catalogue import engine_pages

    monkeypatch.setattr(engine_pages, "share_partials", lambda env, nav: None)
    assert site_build.main(["--content", str(FIXTURES / "valide"), "--site-dir", str(tmp_path / "site")]) == 0
    cache_buster = re.compile(rb"\?v=\d+")  # the build time, in every page
    pages = sorted(path.relative_to(site) for path in site.rglob("*.html"))
    assert len(pages) > 20 and "outils" in {page.parts[0] for page in pages}
    different = [page for page in pages if cache_buster.sub(b"", (site / page).read_bytes())
                 != cache_buster.sub(b"", (tmp_path / "site" / page).read_bytes())]
    assert different == []
