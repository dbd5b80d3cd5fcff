"""The starter « Méthodes d'intervention » (content/methodes/): the eight pages the catalogue
ships, what each holds (summary, principles, references, five-minute body, French typography),
and their links with the tools and programmes, both ways, in the built site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.catalogue.links import cross_link
from generator.catalogue.loader import load_catalogue

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
METHODS = ("modele-rbr", "entretien-motivationnel", "approche-cognitivo-comportementale",
           "modele-des-vies-satisfaisantes", "desistance", "stades-du-changement",
           "pratiques-correctionnelles-fondamentales", "travail-avec-le-reseau")
HEADINGS = ("## En bref", "## Ce que dit la recherche", "## Dans l'entretien", "## Points de vigilance")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(CONTENT)


def body_of(slug: str) -> str:
    # The Markdown after the front-matter's closing line.
    return (CONTENT / "methodes" / f"{slug}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_the_eight_methods_are_there(catalogue) -> None:
    assert sorted(catalogue.methods) == sorted(METHODS)


@pytest.mark.parametrize("slug", METHODS)
def test_each_method_page_is_complete(catalogue, slug: str) -> None:
    method = catalogue.methods[slug]
    assert len(method.resume) <= 400
    assert 4 <= len(method.principes) <= 7
    assert all("\n" not in principle and len(principle) <= 140 for principle in method.principes)
    assert method.references and all(ref.url.startswith("https://") for ref in method.references)
    assert method.auteur.nom == "Groupe de travail Repère" and method.auteur.role
    assert method.cree_le and method.mis_a_jour
    body = body_of(slug)
    for heading in HEADINGS:
        assert heading in body, heading
    words = len(body.split())
    assert 500 <= words <= 900, words  # five minutes of reading


@pytest.mark.parametrize("slug", METHODS)
def test_french_typography(slug: str) -> None:
    text = (CONTENT / "methodes" / f"{slug}.md").read_text(encoding="utf-8")
    assert not re.search(r" [:;!?](\s|$|\")", text), "espace ordinaire avant : ; ! ?"
    assert "« " not in text and " »" not in text, "espace ordinaire dans les guillemets"


@pytest.mark.parametrize("slug", METHODS)
def test_no_promise_of_effect(slug: str) -> None:
    # Effects are "associated with", with their source; nothing is promised.
    text = body_of(slug).lower()
    for promise in ("garantit", "prouvé que", "réduit la récidive de", "efficacité démontrée", "100 %"):
        assert promise not in text, promise


def test_every_method_is_applied_by_at_least_two_tools(catalogue) -> None:
    links = cross_link(catalogue)
    for slug in METHODS:
        assert len(links.tools_of_method[slug]) >= 2, slug


def test_programmes_name_methods_too(catalogue) -> None:
    assert all(programme.methodes for programme in catalogue.programmes.values())


@pytest.mark.slow
def test_the_site_links_methods_and_tools_both_ways(starter_site: Path, catalogue) -> None:
    index = (starter_site / "methodes" / "index.html").read_text(encoding="utf-8")
    for slug in METHODS:
        page = starter_site / "methodes" / f"{slug}.html"
        html = page.read_text(encoding="utf-8")
        assert f'href="{slug}.html"' in index or f'href="../methodes/{slug}.html"' in index
        for tool in catalogue.tools.values():
            link = f'href="../outils/{tool.slug}.html"'
            back = f'href="../methodes/{slug}.html"'
            tool_html = (starter_site / "outils" / f"{tool.slug}.html").read_text(encoding="utf-8")
            assert (link in html) == (slug in tool.methodes), (slug, tool.slug)
            assert (back in tool_html) == (slug in tool.methodes), (tool.slug, slug)
        for programme in catalogue.programmes.values():
            if slug in programme.methodes:
                assert f'href="../programmes/{programme.slug}.html"' in html
                programme_html = (starter_site / "programmes" / f"{programme.slug}.html").read_text(encoding="utf-8")
                assert f'href="../methodes/{slug}.html"' in programme_html
        for reference in catalogue.methods[slug].references:
            assert f'href="{reference.url}"' in html
