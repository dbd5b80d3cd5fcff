"""The words of the page (v2): cards with counts and exposure, withheld figures, « au même
moment », and the personne view's short sentences (15 words at most, on every example)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.timeline import plain_words
from generator.timeline.indicators import compute
from generator.timeline.loader import load_case
from generator.timeline.render import render_page

RENDER = Path(__file__).parent / "fixtures" / "frise" / "render"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "dossiers"
FIXTURES = Path(__file__).parent / "fixtures" / "frise"
JARGON = ("λ", "lambda", "diversité", "indice", "pente", "moindres carrés", "risque", "score",
          "probabilit", "natinf", "violente", "violences physiques", "sursis probatoire",
          "révocation", "juridiction", "épreuve", "passage à l’acte", "passages à l’acte")
FEELINGS = ("compte pour vous", "vous aimez", "vous sentez", "vous tenez à", "vous êtes heureux",
            "vous regrettez", "votre famille compte")
NBSP = "\u00a0"


def every_case() -> list[Path]:
    """Every example and every valid fixture (invalid ones are the loader's tests)."""
    paths = sorted(EXAMPLES.glob("*.yaml")) + sorted(RENDER.glob("*.yaml"))
    for path in sorted(FIXTURES.glob("*.yaml")):
        try:
            load_case(path)
        except Exception:  # refused on purpose (identifiers, errors): no page to read
            continue
        paths.append(path)
    return paths


def cards_of(name: str) -> dict[str, plain_words.Card]:
    case = load_case(RENDER / f"{name}.yaml")
    return {card.label: card for card in plain_words.professional_cards(compute(case), case)}


def test_every_rate_says_its_counts_and_exposure() -> None:
    cards = cards_of("complet")
    frequency = cards["Fréquence"]
    assert frequency.value == "0,46 par an"
    assert frequency.note == f"5 passages à l’acte en 10{NBSP}ans et 11{NBSP}mois de liberté"
    recent = cards["Fréquence récente"]
    assert recent.note == ("0 passage à l’acte sur les 3 dernières années "
                           f"(1{NBSP}096 jours, dont 1{NBSP}096 en liberté)")
    assert recent.definition.startswith("Avant ces 3 ans\u00a0: 0,63 par an (5 passages à l’acte en")
    assert all(card.definition.endswith(".") for card in cards.values())


def test_withheld_figures_say_why() -> None:
    case = load_case(EXAMPLES / "premier-fait.yaml")
    cards = {c.label: c for c in plain_words.professional_cards(compute(case), case)}
    assert cards["Fréquence"].value == "non calculée"
    assert cards["Fréquence"].note.startswith("moins de 3 passages à l’acte")
    assert cards["Tendance de la gravité"].value == "non calculée"
    assert cards["Tendance de la gravité"].note == "moins de 5 passages à l’acte"
    assert "moins de 10 faits" in cards["Catégories d’infractions"].note


def test_liberty_threshold_is_said_in_days() -> None:
    assert plain_words._withheld_rate(4, 200) == "moins de 365 jours en liberté"


def test_diversity_index_only_from_ten_offences_categories_always() -> None:
    cards = cards_of("complet")
    categories = cards["Catégories d’infractions"]
    assert categories.value == "6 sur 14"
    assert "vols et recels 1" in categories.definition
    assert "0," not in categories.note  # 6 offences: the index is not shown


def test_most_serious_offence_beside_the_gravity_trend() -> None:
    cards = cards_of("complet")
    assert cards["Fait le plus grave"].value == "crime, février 2017"
    assert cards["Tendance de la gravité"].value == "−0,011 par an"


def test_since_last_offence_is_the_last_gap_everywhere() -> None:
    case = load_case(RENDER / "complet.yaml")
    ind = compute(case)
    cards = {c.label: c for c in plain_words.professional_cards(ind, case)}
    rows = plain_words.gap_rows(ind)
    assert rows[-1].current and rows[-1].days == ind.jours_depuis_dernier_fait
    assert cards["Depuis le dernier fait"].value == f"2{NBSP}130{NBSP}jours en liberté"
    assert cards["Depuis la dernière sortie"].value == f"2{NBSP}436{NBSP}jours"
    assert "(date de référence)" in rows[-1].end


def test_since_release_while_in_custody() -> None:
    case = load_case(EXAMPLES / "en-detention.yaml")
    cards = {c.label: c for c in plain_words.professional_cards(compute(case), case)}
    assert cards["Depuis la dernière sortie"].value == "en détention"


def test_obligations_card_counts_each_respect_value() -> None:
    cards = cards_of("v2")
    assert cards["Obligations"].value == "5"
    assert cards["Obligations"].note == ("2 respectées, 1 partiellement respectée, "
                                         "1 non respectée, 1 en cours")


def test_same_time_is_timing_never_cause() -> None:
    case = load_case(RENDER / "complet.yaml")
    items = plain_words.same_time(compute(case), "professionnel")
    june_2016 = next(item for item in items if item.offence.id == "f4")
    assert [t.words for t in june_2016.same_time] == [
        "Addictions\u00a0: Consommation de cannabis (difficile)"]
    assert {t.event.libelle for t in june_2016.shortly_before} == {"CDD en logistique",
                                                                  "Séparation"}
    assert june_2016.when == "Juin 2016"


def test_difficult_periods_show_both_shares() -> None:
    case = load_case(RENDER / "v2.yaml")
    sentences = plain_words.difficult_period_sentences(compute(case))
    assert ("Addictions\u00a0: 2 passages à l’acte sur 5 (40\u00a0%) pendant des périodes difficiles "
            "qui couvrent 33\u00a0% du temps en liberté.") in sentences


def test_person_cards_have_no_jargon() -> None:
    case = load_case(RENDER / "complet.yaml")
    cards = plain_words.person_cards(compute(case))
    text = " ".join(f"{c.label} {c.value} {c.definition}" for c in cards).lower()
    for word in JARGON:
        assert word not in text
    assert f"3{NBSP}ans et 9{NBSP}mois" in text  # time in prison, in years and months
    assert "à 17 ou 18\u00a0ans" in text


def test_person_gaps_use_the_same_numbers_as_the_table() -> None:
    case = load_case(RENDER / "complet.yaml")
    ind = compute(case)
    sentences = plain_words.person_gap_sentences(ind)
    assert sentences[-1] == f"Depuis 2021\u00a0: 5{NBSP}ans et 10{NBSP}mois sans nouveau fait."
    assert f"Entre 2013 et 2016\u00a0: 1{NBSP}an et 10{NBSP}mois dehors sans nouveau fait." in sentences


def test_strengths_are_named_as_facts_in_the_persons_words() -> None:
    case = load_case(RENDER / "v2.yaml")
    assert plain_words.strengths(case, compute(case)) == [
        "Travail\u00a0: Un travail de magasinier, depuis mars 2022."]


class Prose(HTMLParser):
    """The sentences of a page: text of paragraphs, list items, headings, captions and cards
    (tables and scripts excluded: cells are data, not sentences)."""

    PROSE = {"p", "li", "h1", "h2", "h3", "figcaption", "dt", "dd", "button"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.blocks: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.PROSE:
            self.blocks.append("")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if {"table", "script", "style"} & set(self.stack):
            return
        if self.stack and self.blocks and set(self.stack) & self.PROSE:
            self.blocks[-1] += data

    def sentences(self) -> list[str]:
        found = []
        for block in self.blocks:
            for sentence in re.split(r"(?<=[.!?…])\s+", " ".join(block.split())):
                if sentence:
                    found.append(sentence)
        return found


def words(sentence: str) -> list[str]:
    return [w for w in re.split(r"[\s\u00a0]+", sentence) if re.search(r"\w", w)]


@pytest.mark.parametrize("path", every_case(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_person_view_sentences_have_at_most_15_words(path: Path) -> None:
    html = render_page(load_case(path), "personne", plotly_js="")
    sentences = Prose(html).sentences()
    assert sentences
    long = [s for s in sentences if len(words(s)) > 15]
    assert long == []


@pytest.mark.parametrize("path", every_case(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_person_view_has_no_ids_jargon_or_guessed_feelings(path: Path) -> None:
    case = load_case(path)
    html = render_page(case, "personne", plotly_js="")
    text = " ".join(Prose(html).sentences()).lower()
    table = html[html.index('id="tableau-chronologique"'):]
    for word in JARGON + FEELINGS:
        assert word not in text, word
    for ident in {o.id for o in case.faits} | {d.id for d in case.decisions}:
        assert not re.search(rf"(?<![\w-]){re.escape(ident.lower())}(?![\w-])", text), ident
        assert f"id {ident}" not in table and f"décision {ident}" not in table
    assert "violente" not in html and "NATINF" not in html
