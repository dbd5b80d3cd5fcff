"""The site's « Frise » section: what the timeline tool is, and a live demo built from an example.

The demo is rendered at build time from a fictional case of ``examples/dossiers/`` (never from
a real case file) with the same renderer as the ``frise`` command, in both views, sharing one
copy of plotly.js. Its « Pistes dans le catalogue » links point to this site, relatively.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from generator.browser_libs import PLOTLY_BASIC, library_file
from generator.settings import DEFAULT as SETTINGS
from generator.settings import NEUTRAL_BRAND, PageBrand
from generator.timeline.atelier import PAGE_NAME as ATELIER_PAGE
from generator.timeline.atelier import write_atelier
from generator.timeline.loader import load_case
from generator.timeline.render import SHARED_SCRIPT_NAME, render_page

DEMO_CASE = SETTINGS.demo_case
DEMO_PAGES = {"professionnel": "exemple-professionnel.html", "personne": "exemple-personne.html"}


def write_frise_section(docs_dir: Path, env: jinja2.Environment, page_brand: PageBrand | None = None) -> None:
    """The « Frise » section; ``page_brand`` is the site's look, for the page the atelier saves."""
    folder = docs_dir / "frise"
    folder.mkdir(parents=True, exist_ok=True)
    case = load_case(DEMO_CASE)
    for view, name in DEMO_PAGES.items():
        # Rendered without a brand of their own: frise_look dresses them with the site's header
        # bar and, with the State brand, the site's Marianne and DSFR colours (one bloc-marque).
        page = render_page(case, view, shared_script_src=SHARED_SCRIPT_NAME, catalogue_url="..",
                           brand=NEUTRAL_BRAND)
        (folder / name).write_text(page, encoding="utf-8")
    shutil.copyfile(library_file(*PLOTLY_BASIC), folder / SHARED_SCRIPT_NAME)
    write_atelier(folder / ATELIER_PAGE, page_brand)  # the « Atelier frise »: one self-contained page
    text = env.get_template("frise.md.j2").render(pages=DEMO_PAGES, dossier=case.dossier,
                                                    atelier=ATELIER_PAGE)
    (folder / "index.md").write_text(text, encoding="utf-8")
