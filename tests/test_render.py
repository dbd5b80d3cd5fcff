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
    # data: and blob: images only: what plotly's PNG export draws through; nothing remote.
    # Fonts: Marianne embedded as data: URLs (the State brand of mkdocs.yml, issue 14).
    assert csp["content"] == (
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:"
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
    assert figures["frise-graphique"] == build_figure(case, compute(case), "professionnel")
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
    table = table[:table.index("</table>")]
    assert table.count("<tr>") == expected + 1  # plus the header row
    assert "<caption>Tout le contenu de la frise" in table
    assert table.count('<th scope="col">') == 5
    assert '<time datetime="2012-03-01">mars 2012</time>' in table
    assert '<time datetime="2013-11-20">20/11/2013</time>' in table  # day-precise: JJ/MM/AAAA
    assert "en cours" in table  # the running socio-judicial follow-up


def test_professional_view_explains_each_indicator(complet: str) -> None:
    words = Page(complet).words
    for label in ("Fréquence", "Fréquence récente", "Tendance de la gravité", "Fait le plus grave",
                  "Depuis le dernier fait", "Depuis la dernière sortie", "Temps en liberté",
                  "Intervalles sans fait", "Au même moment"):
        assert label in words
    assert "5 passages à l’acte en 10 ans et 11 mois de liberté" in words
    assert "sur les 3 dernières années (1 096 jours, dont 1 096 en liberté)" in words
    assert ("Addictions : 2 passages à l’acte sur 5 (40 %) pendant des périodes difficiles qui "
            "couvrent 12 % du temps en liberté.") in words
    assert "λ" not in words and "Intervalle actuel" not in words


def test_the_card_and_the_gap_table_show_the_same_number(complet: str) -> None:
    words = Page(complet).words
    assert "Depuis le dernier fait 2 130 jours en liberté" in words
    table = complet[complet.index('id="titre-intervalles"'):]
    table = table[:table.index("</table>")]
    assert '<tr class="intervalle-actuel">' in table
    last_row = table[table.index('<tr class="intervalle-actuel">'):]
    assert 'data-titre="Jours en liberté">2\u00a0130</td>' in last_row


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_timing_is_never_called_a_cause(view: str) -> None:
    words = Page(page_of("v2", view)).words.lower()
    for phrase in ("lié à", "liés", "à cause de", "relié", "en raison de", "provoqu"):
        assert phrase not in words
    assert "au même moment" in words and "peu avant" in words


def test_measures_table_has_planned_ends_and_obligations() -> None:
    html = page_of("v2")
    section = html[html.index('id="titre-mesures"'):]
    section = section[:section.index("</section>")]
    assert "janvier 2027 (à venir)" in section
    assert "Obligation de soins (Suivi en addictologie) : partiellement respectée" in section
    assert "Indemnisation des victimes : non respectée" in section
    assert "Contrôle judiciaire" in section and section.count("Sursis probatoire") == 2


def test_controls_are_buttons_hidden_until_the_script_runs(complet: str) -> None:
    page = Page(complet)
    buttons = page.all("button")
    presets = [b for b in buttons if "data-plage" in b]
    lanes = [b for b in buttons if "data-ligne" in b]
    assert [json.loads(b["data-plage"]) for b in presets][0][0] < "2011-06-01"
    assert len(presets) == 3 and all(b["type"] == "button" for b in presets)
    assert {b["data-ligne"] for b in lanes} >= {"faits", "decisions", "detention", "mesures"}
    assert all(b["aria-pressed"] == "true" for b in lanes)
    (copy,) = [b for b in buttons if b.get("data-copier") == "tableau-chronologique"]
    assert "hidden" in copy  # shown by the script (nothing to copy with)
    (status,) = [p for p in page.all("p") if p.get("id") == "frise-annonce"]
    assert status["aria-live"] == "polite" and status["role"] == "status"


def test_leads_start_from_current_and_recent_periods() -> None:
    html = page_of("v2", catalogue_url="https://intranet/repere/")
    section = html[html.index('id="titre-pistes"'):]
    section = section[:section.index("</section>")]
    # Current difficult period with a factor: entourage; without one: housing; past: alcohol.
    assert '<a href="https://intranet/repere/facteurs/entourage.html">' in section
    assert "facteurs/addictions.html" not in section
    past = section[section.index("Périodes difficiles passées"):]
    assert "Consommation d&#39;alcool quotidienne" in past
    assert "Hébergement précaire" in section[:section.index("Périodes difficiles passées")]
    supports = section[section.index("Appuis actuels"):]
    assert "CDI de magasinier" in supports
    assert '<a href="https://intranet/repere/outils/ligne-de-vie.html">Ligne de vie</a>' in section


def test_personne_view_speaks_plainly() -> None:
    html = page_of("v2", "personne")
    assert "<title>Votre parcours — dossier RENDU-V2</title>" in html
    words = Page(html).words
    lowered = words.lower()
    for jargon in ("λ", "diversité", "pente", "lambda", "moindres carrés", "violente",
                   "passages à l’acte", "sursis probatoire", "natinf"):
        assert jargon not in lowered
    assert "Des violences sur ma compagne" in words  # libelle_personne, not the officer's words
    assert "Violences habituelles" not in words
    assert "Travail : Un travail de magasinier, depuis mars 2022." in words  # a strength, named
    assert "Depuis juin 2024 : 2 ans et 5 mois sans nouveau fait." in words
    assert "Pistes dans le catalogue" not in words


@pytest.mark.parametrize("view", ["professionnel", "personne"])
def test_the_page_never_scores_or_predicts(view: str) -> None:
    words = Page(page_of("complet", view)).words.lower()
    assert "risque" not in words and "probabilit" not in words
    assert "prévision" in words or "prévoit rien" in words  # the page says it does not


def test_case_without_offences_renders() -> None:
    html = page_of("vide")
    page = Page(html)
    assert "frise-gravite" not in page.figures()
    assert "Aucun fait n’est noté dans ce dossier." in page.words


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
