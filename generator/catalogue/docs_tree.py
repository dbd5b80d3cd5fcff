"""Validated catalogue → a plain MkDocs docs tree (Markdown pages, data script, assets).

Everything of ours happens here; the engine (MkDocs + Material, or a successor that reads
``mkdocs.yml``) only renders the tree. Templates live in ``templates/catalogue/``.
"""

from __future__ import annotations

import html
import json
import shutil
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import jinja2
import jinja2.runtime
import markupsafe

from generator import french
from generator.catalogue import feedback_check, page_html
from generator.catalogue import vocabulary as vocab
from generator.catalogue.facets import data_script
from generator.catalogue.filter_data import catalogue_data, tool_facets
from generator.catalogue.frise_section import write_frise_section
from generator.catalogue.kinds import FEEDBACK_MAX_LENGTH
from generator.catalogue.links import CrossLinks, cross_link
from generator.catalogue.model import Catalogue, Support, ToolSheet
from generator.catalogue.support_files import SupportPlace, copy_supports
from generator.catalogue.typography import liste_fr, typo_fr
from generator.settings import DEFAULT as SETTINGS
from generator.settings import PageBrand

TEMPLATES = SETTINGS.templates


def write_docs_tree(catalogue: Catalogue, docs_dir: Path, page_brand: PageBrand | None = None) -> int:
    """Write every page of the catalogue under ``docs_dir``; return the number of pages.

    ``page_brand``: the look of frise pages made in the site (default: the configured one)."""
    links = cross_link(catalogue)
    env = _environment()
    pages: dict[str, str] = {
        "index.md": env.get_template("home.md.j2").render(
            tools_of_factor=links.tools_of_factor, programmes_of_factor=links.programmes_of_factor,
            tool_count=len(catalogue.tools), programme_count=len(catalogue.programmes),
            method_count=len(catalogue.methods)),
        "catalogue.md": env.get_template("catalogue.md.j2").render(
            filter_groups=tool_facets(catalogue), tool_count=len(catalogue.tools)),
        "programmes/index.md": env.get_template("programmes.md.j2").render(
            programmes=list(catalogue.programmes.values())),
        "plan.md": env.get_template("plan.md.j2").render(),
    }
    factor_page = env.get_template("factor.md.j2")
    for slug, label in vocab.RISK_FACTORS.items():
        pages[f"facteurs/{slug}.md"] = factor_page.render(
            slug=slug, label=label, tools=links.tools_of_factor[slug],
            programmes=links.programmes_of_factor[slug])
    tool_page = env.get_template("tool.md.j2")
    for tool in catalogue.tools.values():
        # The body sits under « Mode d'emploi »: its headings one level down.
        pages[f"outils/{tool.slug}.md"] = _with_body(tool_page, page_html.nested(tool.body_html),
            tool=tool, programmes=links.programmes_of_tool[tool.slug], methods=links.methods_of_tool[tool.slug])
    programme_page = env.get_template("programme.md.j2")
    for programme in catalogue.programmes.values():
        pages[f"programmes/{programme.slug}.md"] = _with_body(programme_page, programme.body_html,
            programme=programme, tools=links.tools_of_programme[programme.slug],
            methods=links.methods_of_programme[programme.slug])
    pages.update(_method_pages(catalogue, links, env))
    for relative, text in pages.items():
        _write(docs_dir / relative, text)
    write_frise_section(docs_dir, env, page_brand)
    _write(docs_dir / "assets" / "catalogue-data.js", catalogue_data_script(catalogue, links))
    # « J'ai utilisé cet outil » (templates/assets/retour.js): the build's feedback checks.
    _write(docs_dir / "assets" / "retour-data.js", feedback_check.data_script(FEEDBACK_MAX_LENGTH))
    _write(docs_dir / "assets" / "guard.js", feedback_check.GUARD_SCRIPT.read_text(encoding="utf-8"))
    _copy_supports(catalogue, docs_dir)
    shutil.copytree(TEMPLATES / "assets", docs_dir / "assets", dirs_exist_ok=True)
    return len(pages) + 1  # + the frise section's page


def _method_pages(catalogue: Catalogue, links: CrossLinks, env: jinja2.Environment) -> dict[str, str]:
    """The « Méthodes d'intervention » index and one page per method, listing who applies it."""
    if not catalogue.methods:
        return {}  # no empty index page: the home page mentions methods only when there are some
    method_page = env.get_template("methode.md.j2")
    pages = {"methodes/index.md": env.get_template("methodes.md.j2").render(
        methods=list(catalogue.methods.values()), tools_of_method=links.tools_of_method)}
    for slug, method in catalogue.methods.items():
        pages[f"methodes/{slug}.md"] = _with_body(method_page, method.body_html,
            method=method, tools=links.tools_of_method[slug], programmes=links.programmes_of_method[slug])
    return pages


def _with_body(template: jinja2.Template, body_html: str, **values: object) -> str:
    """A sheet page: the template around the body's HTML, converted once when it was checked."""
    return page_html.assemble(template.render(body=markupsafe.Markup(page_html.BODY_MARK), **values),
                              body_html)


def catalogue_data_script(catalogue: Catalogue, links: CrossLinks) -> str:
    """The one data file of the browser's filters and cards (``generator/catalogue/facets.py``)."""
    return data_script("REPERE_CATALOGUE", _typographic_labels(catalogue_data(catalogue, _tool_card)))


def _typographic_labels(data: dict) -> dict:
    """The filters' legends and labels as the page shows them: through typo_fr (« Plus d’une heure »)."""
    data["groups"] = [{**group, "legend": typo_fr(group["legend"]),
                       "options": [[value, typo_fr(label)] for value, label in group["options"]]}
                      for group in data["groups"]]
    data["labels"] = {name: {value: typo_fr(label) for value, label in labels.items()}
                      for name, labels in data["labels"].items()}
    data["sessions"] = {band: typo_fr(label) for band, label in data["sessions"].items()}
    return data


def _tool_card(tool: ToolSheet) -> dict[str, object]:
    """What a catalogue card and the "Mon plan" page show of a tool, under short keys."""
    return {"s": tool.slug, "t": typo_fr(tool.titre), "r": typo_fr(tool.resume), "d": tool.duree.label,
            "n": len(tool.retours),
            # Last review (ISO), for the lists' « dernière relecture » sort (assets/catalogue.js).
            "u": (tool.mis_a_jour or tool.cree_le).isoformat() if (tool.mis_a_jour or tool.cree_le) else "",
            # For the "Mon plan" page: minutes of one session (low, high) and the supports.
            "m": [tool.duree.low, tool.duree.high], "sp": [_support_entry(support) for support in tool.supports]}


def _support_entry(support: Support) -> dict[str, str]:
    """A support as the plan page links it: address from the site root, title, type, size."""
    return {"h": "outils/" + urllib.parse.quote(support.fichier), "t": typo_fr(support.titre),
            "x": support.extension, "o": file_size(support.size_bytes)}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "catalogue"),
        autoescape=True,  # every sheet value is escaped; only the Markdown body is marked safe
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(
        label=lambda slug, labels: labels[slug],
        meta_string=meta_string,
        french_date=french.full_date,
        file_size=file_size,
        url_path=lambda path: urllib.parse.quote(path),
        typo_fr=typo_fr,  # French typography of every displayed value (typography.py)
        liste_fr=liste_fr,
    )
    env.globals.update(
        factors=vocab.RISK_FACTORS, short_factors=vocab.RISK_FACTOR_SHORT, stages=vocab.STAGES,
        stages_short={k: v.split(" (")[0] for k, v in vocab.STAGES.items()},
        modalities=vocab.MODALITIES, settings=vocab.SETTINGS, evidence=vocab.EVIDENCE_LEVELS,
        sessions=vocab.SESSION_COUNTS, adaptations=vocab.ADAPTATIONS,
    )
    env.globals["tool_card"] = _once_per_tool(env.get_template("_cards.j2").module.tool_card)
    return env


def _once_per_tool(card: jinja2.runtime.Macro) -> Callable[[ToolSheet, str], markupsafe.Markup]:
    """A tool's card is the same on every list that shows it (a factor page, a programme, a method):
    rendered once (a tool sits on several lists; at 1,000 sheets, 5,000 cards)."""
    cards: dict[tuple[str, str], markupsafe.Markup] = {}

    def tool_card(tool: ToolSheet, root: str) -> markupsafe.Markup:
        key = (tool.slug, root)
        if key not in cards:
            cards[key] = card(tool, root)
        return cards[key]

    return tool_card


def meta_string(text: str) -> markupsafe.Markup:
    """A page-meta value: a JSON string (valid YAML), HTML-escaped beforehand because MkDocs
    and Material put ``title`` and ``description`` into the page without escaping them."""
    # Apostrophes stay as they are (search tokenises titles); the templates quote with ".
    escaped = html.escape(str(text), quote=False).replace('"', "&quot;")
    return markupsafe.Markup(json.dumps(escaped, ensure_ascii=False))


def file_size(size: int) -> str:
    """``« 84 Ko »``, ``« 1,2 Mo »``: French units and decimal comma."""
    if size < 1024:
        return f"{size} octets"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} Ko"
    return f"{size / 1024 / 1024:.1f} Mo".replace(".", ",")


def _copy_supports(catalogue: Catalogue, docs_dir: Path) -> None:
    # `fichier` is the resolved path under supports/ (support_files.resolve_support, H1b).
    copy_supports((SupportPlace(support.source, support.fichier)
                   for tool in catalogue.tools.values() for support in tool.supports), docs_dir / "outils")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
