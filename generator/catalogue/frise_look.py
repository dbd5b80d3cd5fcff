"""The site's look on the « Frise » section's demo pages: the site's header bar, and with the
State brand its font and colours (issue 14).

The demo pages are the ``frise`` command's own pages (``generator/timeline/render.py``), written
into the docs tree by ``frise_section``; they are not MkDocs pages, so they get the site's header
here: a navigation bar back to the catalogue (after the page's skip link, which stays first),
and two small stylesheets of ours. Their Content-Security-Policy gains only what those need:
stylesheets and fonts from the site itself. Pages made by the ``frise`` command are unchanged.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from generator.catalogue.brand import DSFR_TARGET, Brand
from generator.catalogue.frise_section import DEMO_PAGES

SKIP_LINK = re.compile(r'(<a class="evitement"[^>]*>[^<]*</a>)')
# As the page writes it (quotes escaped in the attribute).
STYLE_SOURCE = "style-src &#39;unsafe-inline&#39;"
STYLE_AND_FONTS = "style-src &#39;self&#39; file: &#39;unsafe-inline&#39;; font-src &#39;self&#39; file:"


def dress_demo_pages(docs_dir: Path, brand: Brand, site_name: str = "Repère") -> None:
    folder = docs_dir / "frise"
    for name in DEMO_PAGES.values():
        path = folder / name
        if path.is_file():
            path.write_text(dressed(path.read_text(encoding="utf-8"), brand, site_name), encoding="utf-8")


def dressed(page: str, brand: Brand, site_name: str) -> str:
    """The page with the site's stylesheets, policy allowances and header bar."""
    links = '<link rel="stylesheet" href="../assets/frise-site.css">\n'
    if brand.state:
        links += (f'<link rel="stylesheet" href="../{DSFR_TARGET}/logo.main.min.css">\n'
                  '<link rel="stylesheet" href="../assets/frise-dsfr.css">\n')
    page = page.replace(STYLE_SOURCE, STYLE_AND_FONTS, 1)
    page = page.replace("</head>", links + "</head>", 1)
    return SKIP_LINK.sub(lambda match: match.group(1) + "\n" + header_bar(brand, site_name), page, count=1)


def header_bar(brand: Brand, site_name: str) -> str:
    name = html.escape(site_name)
    logo = '<span class="fr-logo repere-site__logo">République<br>française</span>' if brand.state else ""
    ministry = f'<span class="repere-site__ministere">{html.escape(brand.ministry)}</span>' if brand.state else ""
    return (f'<nav class="repere-site" aria-label="Site {name}">\n'
            f'<a class="repere-site__marque" href="../index.html">{logo}<span class="repere-site__service">'
            f'<span class="repere-site__nom">{name}</span>{ministry}</span></a>\n'
            '<ul class="repere-site__liens">'
            '<li><a href="../catalogue.html">Catalogue</a></li>'
            '<li><a href="index.html">Frise</a></li>'
            '<li><a href="../plan.html">Mon plan</a></li></ul>\n'
            '</nav>')
