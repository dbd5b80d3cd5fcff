"""The docs tree handed to MkDocs: pages, escaping, the catalogue's data script."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.catalogue.docs_tree import file_size, write_docs_tree
from generator.catalogue.loader import load_catalogue

FIXTURES = Path(__file__).parent / "fixtures" / "catalogue"


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("docs")
    write_docs_tree(load_catalogue(FIXTURES / "valide"), root)
    return root


def test_every_page_is_written(docs: Path) -> None:
    pages = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
    assert pages == sorted([
        "index.md", "catalogue.md", "plan.md", "frise/index.md", "programmes/index.md", "programmes/programme-test.md",
        "outils/outil-complet.md", "outils/outil-minimal.md",
        "methodes/index.md", "methodes/entretien-motivationnel.md", "methodes/modele-rbr.md",
        *(f"facteurs/{slug}.md" for slug in ("attitudes", "personnalite", "entourage", "loisirs",
                                               "famille_couple", "emploi_formation", "addictions")),
    ])
    assert (docs / "outils" / "supports" / "grille.pdf").is_file()
    assert (docs / "assets" / "catalogue.js").is_file()


def test_sheet_text_is_escaped_in_html_and_in_page_meta(docs: Path) -> None:
    page = (docs / "outils" / "outil-complet.md").read_text(encoding="utf-8")
    assert "<ses>" not in page
    # Displayed text goes through typo_fr (issue 14): no-break space before « : », typographic apostrophe.
    assert 'title: "Outil complet\u00a0: l’entreprise &amp; &lt;ses&gt; valeurs"' in page
    assert "l’entreprise &amp; &lt;ses&gt; valeurs" in page


def test_sheet_page_has_header_block_links_and_nested_mode_d_emploi(docs: Path) -> None:
    page = (docs / "outils" / "outil-complet.md").read_text(encoding="utf-8")
    assert "<dt>Dernière relecture</dt><dd>15 janvier 2025</dd>" in page
    assert "CPIP, milieu ouvert, 1er février 2025" in page  # same French dates as the frise pages
    assert '<a href="../facteurs/attitudes.html">Attitudes et croyances favorisant la délinquance</a>' in page
    assert '<a href="supports/grille.pdf" download>Grille à imprimer</a>' in page
    assert "(PDF, 29 octets)" in page
    # The body sits under « Mode d'emploi », its headings one level down (page_html.nested).
    assert '<h2 id="mode-demploi">Mode d’emploi</h2>' in page and '<h3 id="deroule">Déroulé</h3>' in page
    assert 'href="../programmes/programme-test.html"' in page
    # Newest feedback first.
    assert page.index("Plus récent") < page.index("Très utile")


def test_programme_page_lists_tools_declared_on_either_side(docs: Path) -> None:
    page = (docs / "programmes" / "programme-test.md").read_text(encoding="utf-8")
    assert 'href="../outils/outil-complet.html"' in page
    assert 'href="../outils/outil-minimal.html"' in page


def test_factor_page_links_to_the_filtered_catalogue_and_is_out_of_search(docs: Path) -> None:
    page = (docs / "facteurs" / "addictions.md").read_text(encoding="utf-8")
    assert 'href="../catalogue.html#facteur=addictions"' in page
    assert "search:\n  exclude: true" in page
    assert "1 outil et 1 programme travaillent ce facteur." in page


def test_data_script_is_json_that_cannot_close_its_script(docs: Path) -> None:
    script = (docs / "assets" / "catalogue-data.js").read_text(encoding="utf-8")
    assert script.startswith("window.REPERE_CATALOGUE=") and "</" not in script
    data = json.loads(script.removeprefix("window.REPERE_CATALOGUE=").rstrip(";\n").replace("<\\/", "</"))
    tools = {tool["s"]: tool for tool in data["tools"]}
    assert tools["outil-complet"]["duree"] == ["court", "moyen"]
    # The contract: no stage named reads « non précisé », not « tous stades ».
    assert tools["outil-minimal"]["stade"] == ["non_precise"]
    assert data["labels"]["stade"]["non_precise"] == "Non précisé"
    assert tools["outil-complet"]["adaptation"] == ["sans_lecture", "a_distance"]
    assert tools["outil-complet"]["methode"] == ["entretien-motivationnel"]
    assert data["labels"]["methode"] == {"entretien-motivationnel": "Entretien motivationnel",
                                         "modele-rbr": "Modèle Risque-Besoins-Réceptivité"}
    assert set(data["labels"]) == {"facteur", "duree", "modalite", "seances", "stade", "milieu", "preuve",
                                   "adaptation", "methode"}


def read_data_script(docs: Path) -> dict:
    script = (docs / "assets" / "catalogue-data.js").read_text(encoding="utf-8")
    return json.loads(script.removeprefix("window.REPERE_CATALOGUE=").rstrip(";\n").replace("<\\/", "</"))


def test_data_script_gives_the_plan_page_minutes_supports_and_session_bounds(docs: Path) -> None:
    data = read_data_script(docs)
    tools = {tool["s"]: tool for tool in data["tools"]}
    assert tools["outil-complet"]["m"] == [30, 45]
    assert tools["outil-complet"]["sp"] == [
        {"h": "outils/supports/grille.pdf", "t": "Grille à imprimer", "x": "PDF", "o": "29 octets"}]
    assert tools["outil-minimal"]["sp"] == []
    # Every band of nb_seances has bounds; "Plus de 10" has no upper one (the page says "au moins").
    assert set(data["bornes"]) == set(data["sessions"])
    assert data["bornes"]["10+"] == [11, None]
    assert all(low <= high for low, high in data["bornes"].values() if high is not None)


def test_plan_page_is_out_of_search_and_loads_the_data_and_its_script(docs: Path) -> None:
    page = (docs / "plan.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: Mon plan\n")
    assert "search:\n  exclude: true" in page
    assert "N’écrivez ni nom ni détail permettant d’identifier la personne." in page
    assert page.index('src="assets/catalogue-data.js"') < page.index('src="assets/plan-page.js"')
    assert '<input type="checkbox" name="facteur" value="addictions"> Addictions' in page
    assert (docs / "assets" / "plan.js").is_file() and (docs / "assets" / "plan.css").is_file()


def test_plan_buttons_carry_slug_title_and_factors_and_wait_for_javascript(docs: Path) -> None:
    button = ('<button type="button" class="md-button repere-plan-bouton" data-plan-outil="outil-complet" '
              'data-plan-titre="Outil complet\u00a0: l’entreprise &amp; &lt;ses&gt; valeurs" '
              'data-plan-facteurs="attitudes emploi_formation" hidden>Ajouter au plan</button>')
    assert button in (docs / "outils" / "outil-complet.md").read_text(encoding="utf-8")
    assert button in (docs / "facteurs" / "attitudes.md").read_text(encoding="utf-8")
    assert button in (docs / "programmes" / "programme-test.md").read_text(encoding="utf-8")
    # Pages other than the plan do not load the catalogue's data for the button.
    assert "catalogue-data.js" not in (docs / "outils" / "outil-complet.md").read_text(encoding="utf-8")


def test_french_formats() -> None:

    assert file_size(300) == "300 octets"
    assert file_size(84 * 1024) == "84 Ko"
    assert file_size(1_300_000) == "1,2 Mo"


def test_frise_section_has_its_demo_in_both_views_sharing_one_plotly(docs: Path) -> None:
    folder = docs / "frise"
    assert sorted(path.name for path in folder.iterdir()) == [
        "atelier-frise.html", "exemple-personne.html", "exemple-professionnel.html", "index.md",
        "plotly-basic.min.js"]  # the « Atelier frise » (issue 13) sits beside the demo
    professional = (folder / "exemple-professionnel.html").read_text(encoding="utf-8")
    assert '<script src="plotly-basic.min.js"></script>' in professional
    # « Pistes dans le catalogue » links to this very site, relatively (factor pages, or since the
    # frise v2 only recent periods give factor leads, the tool its section suggests).
    assert 'href="../facteurs/' in professional or 'href="../outils/' in professional
    assert "titre-pistes" not in (folder / "exemple-personne.html").read_text(encoding="utf-8")
    index = (folder / "index.md").read_text(encoding="utf-8")
    assert 'href="exemple-professionnel.html"' in index and 'href="exemple-personne.html"' in index


def test_tool_page_shows_new_keys_and_links_its_methods(docs: Path) -> None:
    page = (docs / "outils" / "outil-complet.md").read_text(encoding="utf-8")
    # « Préparer ma séance » lists the three adaptations, each said yes or not stated (issue 14).
    assert "<li class=\"repere-adaptation--oui\">Sans lecture ni écriture&nbsp;: oui</li>" in page
    assert "<li class=\"repere-adaptation--non\">Peu de français&nbsp;: non indiqué</li>" in page
    assert "<li class=\"repere-adaptation--oui\">À distance&nbsp;: oui</li>" in page
    assert "<dt>Prérequis</dt><dd>Formation à l’entretien motivationnel.</dd>" in page
    assert '<a href="../methodes/entretien-motivationnel.html">Entretien motivationnel</a>' in page
    assert "Brouillon" not in page
    minimal = (docs / "outils" / "outil-minimal.md").read_text(encoding="utf-8")
    assert "<dt>Stades du changement</dt><dd>Non précisé</dd>" in minimal
    assert "Tous stades" not in minimal


def test_method_page_lists_the_tools_and_programmes_that_apply_it(docs: Path) -> None:
    page = (docs / "methodes" / "entretien-motivationnel.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "Entretien motivationnel"\n')
    assert "source_path: methodes/entretien-motivationnel.md" in page
    assert "<li>Rouler avec la résistance</li>" in page
    assert '<a href="https://example.org/entretien-motivationnel">Miller et Rollnick' in page
    assert '<h2 id="en-bref">En bref</h2>' in page
    outils = page[page.index(">Outils qui appliquent cette méthode (1)</h2>"):page.index(">Programmes qui")]
    assert 'href="../outils/outil-complet.html"' in outils and "outil-minimal" not in outils
    assert 'href="../programmes/programme-test.html"' in page[page.index(">Programmes qui"):]
    programme = (docs / "programmes" / "programme-test.md").read_text(encoding="utf-8")
    assert '<a href="../methodes/modele-rbr.html">Modèle Risque-Besoins-Réceptivité</a>' in programme


def test_methods_index_and_home_page_entry(docs: Path) -> None:
    index = (docs / "methodes" / "index.md").read_text(encoding="utf-8")
    assert "title: Méthodes d’intervention" in index
    assert index.index("entretien-motivationnel.html") < index.index("modele-rbr.html")  # title order
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert '<a href="methodes/index.html"><strong>Méthodes d’intervention</strong></a>\u00a0: 2 méthodes' in home


def test_a_draft_is_marked_in_the_preview_tree(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valide", tmp_path / "content")
    sheet = tmp_path / "content" / "tools" / "outil-minimal.md"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("duree: 20", "duree: 20\nstatut: Brouillon"),
                     encoding="utf-8")
    assert "outil-minimal" not in load_catalogue(tmp_path / "content").tools
    write_docs_tree(load_catalogue(tmp_path / "content", include_drafts=True), tmp_path / "docs")
    page = (tmp_path / "docs" / "outils" / "outil-minimal.md").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Brouillon</p>' in page
    factor = (tmp_path / "docs" / "facteurs" / "addictions.md").read_text(encoding="utf-8")
    assert '<li class="repere-brouillon">Brouillon</li>' in factor


@pytest.mark.slow
def test_drafts_stay_out_of_the_built_site_and_zip_but_show_in_the_preview(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from generator.catalogue import preview
    from generator.catalogue.site_build import main as build_main

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valide", content)
    draft = content / "tools" / "outil-brouillon.md"
    draft.write_text((content / "tools" / "outil-minimal.md").read_text(encoding="utf-8")
                     .replace("duree: 20", "duree: 20\nstatut: brouillon"), encoding="utf-8")
    method = content / "methodes" / "modele-rbr.md"
    text = method.read_text(encoding="utf-8")
    method.write_text(text.replace("---\n## En bref", "statut: brouillon\n---\n## En bref"), encoding="utf-8")
    assert build_main(["--content", str(content), "--site-dir", str(tmp_path / "site")]) == 0
    site = tmp_path / "site"
    assert (site / "outils" / "outil-minimal.html").is_file()
    assert not (site / "outils" / "outil-brouillon.html").exists()
    assert not (site / "methodes" / "modele-rbr.html").exists()
    with zipfile.ZipFile(tmp_path / "dist" / "repere-hors-ligne.zip") as archive:
        assert not [name for name in archive.namelist() if "brouillon" in name or "modele-rbr" in name]
        every_text = b"".join(archive.read(name) for name in archive.namelist()
                              if name.endswith((".html", ".js", ".json")))
    assert b"outil-brouillon" not in every_text and b"modele-rbr" not in every_text
    # The programme still names the draft method: no link to it is shown.
    assert "modele-rbr" not in (site / "programmes" / "programme-test.html").read_text(encoding="utf-8")

    monkeypatch.setattr(preview, "PREVIEW_DOCS", tmp_path / "preview")
    assert preview.regenerate(content) == []
    page = (tmp_path / "preview" / "outils" / "outil-brouillon.md").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Brouillon</p>' in page
    assert (tmp_path / "preview" / "methodes" / "modele-rbr.md").is_file()
