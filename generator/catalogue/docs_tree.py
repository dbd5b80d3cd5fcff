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
from dataclasses import dataclass, field
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


@dataclass
class RenderMemo:
    """What the live preview keeps between two saves (``update_pages``): a sheet page whose inputs
    (the sheet and the sheets it lists) are equal to the last ones is not rendered again, nor a
    tool's card; a page whose text is the one last written is not written again (MkDocs' server
    then renders only the pages that changed)."""

    env: jinja2.Environment | None = None
    pages: dict[str, tuple[object, str]] = field(default_factory=dict)  # page → (inputs, text)
    cards: dict[tuple[str, str], tuple[ToolSheet, markupsafe.Markup]] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # file → text last written


def write_docs_tree(catalogue: Catalogue, docs_dir: Path, page_brand: PageBrand | None = None,
                    memo: RenderMemo | None = None) -> int:
    """Write every page of the catalogue under ``docs_dir``; return the number of pages.

    ``page_brand``: the look of frise pages made in the site (default: the configured one).
    ``memo``: remembers what was written, for ``update_pages``."""
    memo = memo if memo is not None else RenderMemo()
    files = _generated_files(catalogue, memo)
    for relative, text in files.items():
        _write(docs_dir / relative, text)
    memo.written = files
    write_frise_section(docs_dir, _env(memo), page_brand)
    # « J'ai utilisé cet outil » (templates/assets/retour.js): the build's feedback checks.
    _write(docs_dir / "assets" / "retour-data.js", feedback_check.data_script(FEEDBACK_MAX_LENGTH))
    _write(docs_dir / "assets" / "guard.js", feedback_check.GUARD_SCRIPT.read_text(encoding="utf-8"))
    _copy_supports(catalogue, docs_dir)
    shutil.copytree(TEMPLATES / "assets", docs_dir / "assets", dirs_exist_ok=True)
    return sum(relative.endswith(".md") for relative in files) + 1  # + the frise section's page


def update_pages(catalogue: Catalogue, docs_dir: Path, memo: RenderMemo) -> list[str]:
    """After ``write_docs_tree`` with the same ``memo``: rewrite only the pages (and the data file)
    that changed, remove those of sheets that are gone; return the files written or removed.
    Supports, assets and the frise section are not touched: call ``write_docs_tree`` when they may
    have changed."""
    files = _generated_files(catalogue, memo)
    changed = [relative for relative, text in files.items() if memo.written.get(relative) != text]
    for relative in changed:
        _write(docs_dir / relative, files[relative])
    gone = [relative for relative in memo.written if relative not in files]
    for relative in gone:
        (docs_dir / relative).unlink(missing_ok=True)
    memo.written = files
    return changed + gone


def _generated_files(catalogue: Catalogue, memo: RenderMemo) -> dict[str, str]:
    """Every page of the tree that comes from the sheets, and the browser's data file."""
    links = cross_link(catalogue)
    env = _env(memo)
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
        programmes, methods = links.programmes_of_tool[tool.slug], links.methods_of_tool[tool.slug]
        pages[f"outils/{tool.slug}.md"] = _remembered(
            memo, f"outils/{tool.slug}.md", (tool, tuple(programmes), tuple(methods)),
            # The body sits under « Mode d'emploi »: its headings one level down.
            lambda tool=tool, programmes=programmes, methods=methods: _with_body(
                tool_page, page_html.nested(tool.body_html), tool=tool, programmes=programmes, methods=methods))
    programme_page = env.get_template("programme.md.j2")
    for programme in catalogue.programmes.values():
        tools, methods = links.tools_of_programme[programme.slug], links.methods_of_programme[programme.slug]
        pages[f"programmes/{programme.slug}.md"] = _remembered(
            memo, f"programmes/{programme.slug}.md", (programme, tuple(tools), tuple(methods)),
            lambda programme=programme, tools=tools, methods=methods: _with_body(
                programme_page, programme.body_html, programme=programme, tools=tools, methods=methods))
    pages.update(_method_pages(catalogue, links, env))
    pages["assets/catalogue-data.js"] = catalogue_data_script(catalogue, links)
    return pages


def _remembered(memo: RenderMemo, page: str, inputs: object, render: Callable[[], str]) -> str:
    """``render()``, or the text rendered last time from equal ``inputs``."""
    known = memo.pages.get(page)
    if known is not None and known[0] == inputs:
        return known[1]
    text = render()
    memo.pages[page] = (inputs, text)
    return text


def _env(memo: RenderMemo) -> jinja2.Environment:
    if memo.env is None:
        memo.env = _environment(memo.cards)
    return memo.env


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


def _environment(cards: dict[tuple[str, str], tuple[ToolSheet, markupsafe.Markup]] | None = None) -> jinja2.Environment:
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
    env.globals["tool_card"] = _once_per_tool(env.get_template("_cards.j2").module.tool_card,
                                              {} if cards is None else cards)
    return env


def _once_per_tool(card: jinja2.runtime.Macro, cards: dict[tuple[str, str], tuple[ToolSheet, markupsafe.Markup]],
                   ) -> Callable[[ToolSheet, str], markupsafe.Markup]:
    """A tool's card is the same on every list that shows it (a factor page, a programme, a method):
    rendered once (a tool sits on several lists; at 1,000 sheets, 5,000 cards), and again only
    when the tool changed (``cards`` outlives a call in the preview)."""

    def tool_card(tool: ToolSheet, root: str) -> markupsafe.Markup:
        known = cards.get((tool.slug, root))
        if known is None or known[0] != tool:
            known = cards[(tool.slug, root)] = (tool, card(tool, root))
        return known[1]

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
