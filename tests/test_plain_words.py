"""The words of the page: indicator cards for both views and the personne view's sentences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.timeline import plain_words
from generator.timeline.indicators import compute, offence_free_gaps, offence_links
from generator.timeline.loader import load_case
from generator.timeline.model import CaseFile, LifeEvent, Offence

RENDER = Path(__file__).parent / "fixtures" / "frise" / "render"
JARGON = ("λ", "lambda", "diversité", "indice", "pente", "risque", "score", "probabilit")


def offence(ident: str, when: date) -> Offence:
    return Offence(ident, when, when.isoformat()[:7], "vol", "delit", None, None)


def job(index: int, start: date, end: date | None, label: str | None = "CDD") -> LifeEvent:
    return LifeEvent(index, "emploi", start, start.isoformat()[:7], end,
                     end.isoformat()[:7] if end else None, False, label, "positif")


def case_of(faits, vie=(), reference=date(2020, 1, 1)) -> CaseFile:
    return CaseFile("EX-T", 1990, reference, tuple(faits), (), (), tuple(vie), Path("t.yaml"))


def test_professional_cards_cover_every_indicator_with_a_definition() -> None:
    case = load_case(RENDER / "complet.yaml")
    cards = plain_words.professional_cards(compute(case).to_json(), case)
    labels = [card.label for card in cards]
    assert "Indice de diversité" in labels and "Fréquence λ" in labels
    assert all(card.definition.endswith(".") for card in cards)
    by_label = {card.label: card for card in cards}
    assert by_label["Faits"].value == "6"
    assert by_label["Temps en détention"].value == "1\u00a0377\u00a0jours"
    assert by_label["Temps en détention"].note == "≈ 3\u00a0ans et 9\u00a0mois"
    assert by_label["Fréquence λ"].value == "0,55 par an"
    # The last violent offence is shown as written in the file (month), not as a made-up day.
    assert "le dernier : février 2017." in by_label["Faits violents"].definition


def test_person_cards_have_no_jargon() -> None:
    case = load_case(RENDER / "complet.yaml")
    cards = plain_words.person_cards(compute(case).to_json())
    text = " ".join(f"{c.label} {c.value} {c.definition}" for c in cards).lower()
    for word in JARGON:
        assert word not in text
    assert "3\u00a0ans et 9\u00a0mois" in text  # time in custody, in years and months


def test_gap_sentence_names_the_positive_period_alongside() -> None:
    case = case_of(
        [offence("a", date(2013, 1, 1)), offence("b", date(2015, 6, 1))],
        [job(0, date(2013, 3, 1), date(2015, 3, 1), "CDD en logistique")],
    )
    (first, current) = plain_words.gap_sentences(case, offence_free_gaps(case))
    assert first == ("Entre 2013 et 2015, pas de nouvelle infraction pendant "
                     "2\u00a0ans et 5\u00a0mois, période où vous aviez un emploi "
                     "(CDD en logistique).")
    # The last gap runs to the reference date: told in the present, with "Depuis".
    assert current.startswith("Depuis 2015, pas de nouvelle infraction")


def test_short_gaps_without_support_are_not_told() -> None:
    case = case_of([offence("a", date(2016, 1, 1)), offence("b", date(2017, 3, 1)),
                    offence("c", date(2019, 12, 1))])
    sentences = plain_words.gap_sentences(case, offence_free_gaps(case))
    # 2016→2017 (14 months, nothing alongside) is left out; 2017→2019 (33 months) is told;
    # the current gap (1 month) is under a year.
    assert len(sentences) == 1 and sentences[0].startswith("Entre 2017 et 2019")


def test_running_support_is_told_in_the_present() -> None:
    case = case_of([offence("a", date(2014, 1, 1))], [job(0, date(2014, 6, 1), None, None)])
    (sentence,) = plain_words.gap_sentences(case, offence_free_gaps(case))
    assert sentence.endswith("période où vous avez un emploi.")


def test_links_say_how_each_event_relates_to_the_offence() -> None:
    case = load_case(RENDER / "complet.yaml")
    links = plain_words.offence_links(case, offence_links(case))
    june_2016 = next(link for link in links if link.offence.id == "f4")
    relations = {event.libelle: event.relation for event in june_2016.events}
    assert relations == {
        "CDD en logistique": "terminé peu avant",  # ended 2016-03, offence 2016-06
        "Séparation": "peu avant",  # point event 2016-04
        "Consommation de cannabis": "en cours",
    }
    sentence = plain_words.person_link_sentence(june_2016)
    assert sentence.startswith("À ce moment-là dans votre vie : CDD en logistique (emploi, positif")
    lonely = next(link for link in links if link.offence.id == "f3")
    assert plain_words.person_link_sentence(lonely) == "Rien n'est noté dans votre vie à ce moment-là."


def test_negative_share_sentences_count_offences() -> None:
    case = load_case(RENDER / "complet.yaml")
    sentences = plain_words.negative_share_sentences(compute(case).to_json())
    assert "Logement : 2\u00a0faits sur 6 (33 %) commis pendant une période difficile." in sentences


def test_custody_sentence() -> None:
    case = load_case(RENDER / "complet.yaml")
    assert plain_words.custody_sentence(compute(case).to_json()) == (
        "Vous avez passé 3\u00a0ans et 9\u00a0mois en détention au total, en 2\u00a0périodes.")
    assert plain_words.custody_sentence(compute(load_case(RENDER / "vide.yaml")).to_json()) is None
