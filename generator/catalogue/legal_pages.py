"""The three pages every page's footer links to: accessibility statement, legal notice, personal data.

Rendered from ``templates/catalogue/{accessibilite,mentions-legales,donnees-personnelles}.md.j2``
into the docs tree, at its root (the footer links them relatively, from the zip too).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import jinja2

from generator import french
from generator.catalogue.brand import Brand
from generator.catalogue.typography import liste_fr, typo_fr
from generator.settings import DEFAULT as SETTINGS

LEGAL_PAGES = {
    "accessibilite.md": "accessibilite.md.j2",
    "mentions-legales.md": "mentions-legales.md.j2",
    "donnees-personnelles.md": "donnees-personnelles.md.j2",
}


def write_legal_pages(docs_dir: Path, brand: Brand, today: datetime.date | None = None) -> int:
    """Write the pages; return how many."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(SETTINGS.templates / "catalogue"),
                             autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters.update(typo_fr=typo_fr, liste_fr=liste_fr, french_date=french.full_date)
    ministry = _running_text(brand.ministry)
    values = {
        "state": brand.state,
        # In running text: « le ministère de la Justice » (no capital on « ministère »).
        "publisher": f"le {ministry}" if brand.state else "le service qui publie ce catalogue",
        "publisher_of": f"du {ministry}" if brand.state else "du service qui publie ce catalogue",
        "today": today or datetime.date.today(),
    }
    for page, template in LEGAL_PAGES.items():
        (docs_dir / page).write_text(env.get_template(template).render(**values), encoding="utf-8")
    return len(LEGAL_PAGES)


def _running_text(name: str) -> str:
    """« Ministère de la Justice » → « ministère de la Justice » (French capitalisation of
    institutions: the generic word is lower-case inside a sentence)."""
    for generic in ("Ministère", "Secrétariat", "Direction"):
        if name.startswith(generic + " "):
            return generic.lower() + name[len(generic):]
    return name
