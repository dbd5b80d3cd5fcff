"""The HTML page: standalone, escaped, accessible structure, both views, shared-script mode."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.timeline import render
from generator.timeline.figure import build_figure
from generator.timeline.indicators import compute
from generator.timeline.loader import load_case

RENDER = Path(__file__).parent / "fixtures" / "frise" / "render"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "dossiers"


class Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.headings: list[int] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))
        if tag == "style":
            self._in_style = True
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif not self._in_style:
            self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())

    def figures(self) -> dict:
        (text,) = [text for attrs, text in self.scripts if attrs.get("id") == "frise-donnees"]
        return json.loads(text)


def page_of(name: str, view: str = "professionnel", folder: Path = RENDER, **options) -> str:
    return render.render_page(load_case(folder / f"{name}.yaml"), view, **options)


@pytest.fixture(scope="module")
def complet() -> str:
    return page_of("complet")


def test_page_is_french_with_a_title_and_a_strict_csp(complet: str) -> None:
    page = Page(complet)
    assert complet.startswith("<!DOCTYPE html>")
    assert page.all("html")[0]["lang"] == "fr"
    assert "<title>Frise du parcours judiciaire — dossier RENDU-001</title>" in complet
    (csp,) = [m for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp["content"] == (
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
    )


def test_standalone_page_inlines_everything(complet: str) -> None:
    page = Page(complet)
    assert not [attrs for attrs in page.all("script") if attrs.get("src")]
    assert not page.all("link") and not page.all("img") and not page.all("iframe")
    bundle = render.plotly_bundle()
    assert bundle in complet
    assert len(complet.encode()) <= 1_400_000


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_stays_under_the_size_budget(path: Path) -> None:
    html = render.render_page(load_case(path))
    assert len(html.encode()) <= 1_400_000


def test_shared_script_page_is_small_and_loads_plotly_beside_it() -> None:
    html = page_of("complet", shared_script_src=render.SHARED_SCRIPT_NAME)
    page = Page(html)
    sources = [attrs["src"] for attrs in page.all("script") if attrs.get("src")]
    assert sources == ["plotly-basic.min.js"]
    (csp,) = [m for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert "script-src 'self' file: 'unsafe-inline';" in csp["content"]
    assert render.plotly_bundle()[:2000] not in html
    assert len(html.encode()) <= 100_000


def test_embedded_figures_are_the_built_figures(complet: str) -> None:
    case = load_case(RENDER / "complet.yaml")
    figures = Page(complet).figures()
    assert figures["frise-graphique"] == build_figure(case, compute(case).to_json(), "professionnel")
    assert "frise-gravite" in figures


def test_script_json_cannot_close_its_script_element() -> None:
    text = str(render.script_json({"a": "</script><!-- & \u2028\u2029 >"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_hostile_strings_come_out_inert(view: str) -> None:
    html = page_of("xss", view)
    page = Page(html)
    bundle = render.plotly_bundle()
    ours = html.replace(bundle, "")
    # Three scripts: the figure data, plotly.js, our drawing code; nothing injected.
    assert len(page.all("script")) == 3
    assert not page.all("img") and not page.all("svg")
    assert not [attrs for _, attrs in page.tags if any(k.startswith("on") for k in attrs)]
    for needle in ("<script>alert", "<img src=x", "<svg onload", "<b>gras</b>"):
        assert needle not in ours
    # The strings are shown as text in the page...
    assert "</script><script>alert(1)</script>" in page.words
    assert "<img src=x onerror=alert(4)>" in page.words
    # ...and the figure JSON holds them HTML-escaped for plotly.js' labels, with no raw "<".
    (data,) = [text for attrs, text in page.scripts if attrs.get("id") == "frise-donnees"]
    assert "<" not in data and "\u2028" not in data
    hovers = json.dumps(json.loads(data), ensure_ascii=False)
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in hovers


def test_headings_are_in_order(complet: str) -> None:
    levels = Page(complet).headings
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_chart_is_a_labelled_group_that_points_to_the_table(complet: str) -> None:
    page = Page(complet)
    (chart,) = [attrs for attrs in page.all("div") if attrs.get("id") == "frise-graphique"]
    # Not aria-hidden as a whole: its modebar buttons must stay reachable (the drawing itself
    # is hidden by the page script once drawn: see the browser test).
    assert chart["role"] == "group" and "tableau chronologique" in chart["aria-label"]
    assert "aria-hidden" not in chart
    assert '<a href="#chronologie">Le tableau chronologique</a> reprend tout' in complet
    assert [attrs for attrs in page.all("h2") if attrs.get("id") == "chronologie"]


def test_chronological_table_holds_everything_in_date_order() -> None:
    case = load_case(RENDER / "complet.yaml")
    rows = render.chronology(case, "professionnel")
    expected = len(case.faits) + len(case.decisions) + len(case.mesures) + len(case.vie)
    assert len(rows) == expected
    keys = [row.sort_key for row in rows]
    assert keys == sorted(keys)
    html = render.render_page(case)
    table = html[html.index('id="chronologie"'):]
    assert table.count("<tr>") == expected + 1  # plus the header row
    assert "<caption>Tout le contenu de la frise" in table
    assert table.count('<th scope="col">') == 5
    assert '<time datetime="2012-03">mars 2012</time>' in table
    assert "en cours" in table  # the running socio-judicial follow-up


def test_professional_view_explains_each_indicator(complet: str) -> None:
    words = Page(complet).words
    for label in ("Indice de diversité", "Fréquence λ", "Tendance de la gravité",
                  "Intervalle actuel", "Temps en liberté"):
        assert label in words
    assert "Logement : 2 faits sur 6 (33 %) commis pendant une période difficile." in words
    assert "Intervalles sans fait" in words


def test_personne_view_speaks_plainly() -> None:
    html = page_of("complet", "personne")
    assert "<title>Votre parcours — dossier RENDU-001</title>" in html
    words = Page(html).words.lower()
    for jargon in ("λ", "diversité", "pente", "lambda", "moindres carrés"):
        assert jargon not in words
    assert ("entre 2013 et 2016, pas de nouvelle infraction pendant 1 an et 10 mois hors "
            "détention, période où vous aviez un emploi (cdd en logistique).") in words
    assert "à ce moment-là dans votre vie" in words


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_the_page_never_scores_or_predicts(view: str) -> None:
    words = Page(page_of("complet", view)).words.lower()
    assert "risque" not in words and "probabilit" not in words
    assert "prévision" in words or "prévoit rien" in words  # the page says it does not


def test_case_without_offences_renders() -> None:
    html = page_of("vide")
    page = Page(html)
    assert "frise-gravite" not in page.figures()
    assert "Aucun fait n'est noté dans ce dossier." in page.words


def test_missing_bundle_says_to_run_npm_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(render, "PLOTLY_BUNDLE", tmp_path / "absent.js")
    render.plotly_bundle.cache_clear()
    render.plotly_bundle_bytes.cache_clear()
    try:
        with pytest.raises(render.MissingBundle, match="npm ci"):
            render.plotly_bundle()
    finally:
        render.plotly_bundle.cache_clear()
        render.plotly_bundle_bytes.cache_clear()


def test_inline_plotly_copy_can_be_given() -> None:
    html = page_of("vide", plotly_js="/* copie */")
    assert "<script>/* copie */</script>" in html


def test_unknown_view_is_refused() -> None:
    with pytest.raises(ValueError):
        page_of("vide", "juge")


@pytest.mark.parametrize("shared", [None, render.SHARED_SCRIPT_NAME])
def test_page_bytes_are_the_page_in_utf8(shared: str | None) -> None:
    case = load_case(RENDER / "complet.yaml")
    page = render.render_page(case, "personne", shared_script_src=shared)
    assert render.render_page_bytes(case, "personne", shared) == page.encode("utf-8")
    assert "<frise-plotly-bundle/>" not in page


def test_a_case_string_cannot_pose_as_the_bundle_slot(tmp_path: Path) -> None:
    text = (RENDER / "vide.yaml").read_text(encoding="utf-8")
    hostile = tmp_path / "slot.yaml"
    hostile.write_text(text.replace("libelle: CAP cuisine", 'libelle: "<frise-plotly-bundle/>"'),
                       encoding="utf-8")
    html = render.render_page(load_case(hostile), plotly_js="/*BUNDLE*/")
    assert html.count("/*BUNDLE*/") == 1
    assert "&lt;frise-plotly-bundle/&gt;" in html
