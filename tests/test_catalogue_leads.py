"""« Pistes dans le catalogue » (v2): from current and recent difficult periods to the catalogue's
risk-factor pages; past periods apart; current positive periods as supports; timeline tools."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

import pytest

from generator.catalogue.vocabulary import RISK_FACTORS
from generator.timeline import cli
from generator.timeline.catalogue_leads import (
    DOMAIN_TO_FACTOR,
    TIMELINE_TOOLS,
    catalogue_leads,
    factor_url,
)
from generator.timeline.indicators import compute
from generator.timeline.loader import load_case
from generator.timeline.model import LifeEvent
from generator.timeline.render import render_page
from generator.timeline.vocabulary import DOMAINES

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "dossiers" / "parcours-long.yaml"
V2 = Path(__file__).parent / "fixtures" / "frise" / "render" / "v2.yaml"


def period(index: int, domain: str, start: str, end: str | None, sens: str = "negatif") -> LifeEvent:
    first = datetime.date.fromisoformat(start + "-01")
    last = datetime.date.fromisoformat(end + "-01") if end else None
    return LifeEvent(index, domain, first, start, last, end, False, f"période {index}", sens)


def leads_for(*events: LifeEvent, url: str | None = None):
    case = replace(load_case(V2), vie=tuple(events))
    return catalogue_leads(case, compute(case), url)


def test_every_mapped_domain_and_factor_exists() -> None:
    assert set(DOMAIN_TO_FACTOR) <= set(DOMAINES)
    assert set(DOMAIN_TO_FACTOR.values()) <= set(RISK_FACTORS)
    assert DOMAIN_TO_FACTOR["emploi"] == DOMAIN_TO_FACTOR["formation"] == "emploi_formation"
    assert "logement" not in DOMAIN_TO_FACTOR and "sante" not in DOMAIN_TO_FACTOR


def test_only_current_and_recent_difficult_periods_lead_somewhere() -> None:
    """Reference 2026-11-01: running → lead; ended within 365 days → lead; older → past."""
    leads = leads_for(
        period(0, "addictions", "2024-01", None),  # running
        period(1, "entourage", "2024-01", "2026-03"),  # ended 8 months before: recent
        period(2, "emploi", "2005-01", "2009-01"),  # ended in 2009: past, listed apart
        period(3, "loisirs", "2020-01", None, "positif"),  # running positive: a support
    )
    assert [lead.factor for lead in leads.leads] == ["entourage", "addictions"]
    assert "terminée depuis moins d’un an" in leads.leads[0].periods[0]
    assert "en cours" in leads.leads[1].periods[0]
    assert len(leads.past) == 1 and leads.past[0].startswith("Emploi\u00a0: période 2 (janvier 2005")
    assert leads.supports == ("Loisirs\u00a0: période 3 (depuis janvier 2020, en cours)",)


def test_domains_without_a_factor_are_named_apart() -> None:
    leads = leads_for(period(0, "logement", "2025-01", None))
    assert leads.leads == () and leads.other_current[0].startswith("Logement\u00a0: période 0")


def test_domains_sharing_a_factor_are_grouped_in_catalogue_order() -> None:
    leads = leads_for(period(0, "formation", "2025-01", None), period(1, "emploi", "2025-02", None),
                      period(2, "entourage", "2025-03", None), url="../")
    assert [lead.factor for lead in leads.leads] == ["entourage", "emploi_formation"]
    assert len(leads.leads[1].periods) == 2
    assert leads.leads[0].url == "../facteurs/entourage.html"


def test_timeline_tools_are_offered_when_the_catalogue_has_them() -> None:
    assert all((REPO / "content" / "tools" / f"{slug}.md").exists() for slug in TIMELINE_TOOLS)
    leads = leads_for(period(0, "addictions", "2025-01", None), url="https://intranet/repere")
    assert [(tool.title, tool.url) for tool in leads.tools] == [
        ("Ligne de vie", "https://intranet/repere/outils/ligne-de-vie.html")]


def test_nothing_to_say_means_no_section() -> None:
    leads = leads_for(period(0, "addictions", "2001-01", "2002-01", "positif"))
    assert not leads
    page = render_page(replace(load_case(V2), vie=()), "professionnel", plotly_js="")
    assert "titre-pistes" not in page


def test_factor_url() -> None:
    assert factor_url("https://intranet/repere/", "loisirs") == "https://intranet/repere/facteurs/loisirs.html"
    assert factor_url("https://intranet/repere", "loisirs") == "https://intranet/repere/facteurs/loisirs.html"
    assert factor_url(None, "loisirs") is None and factor_url("", "loisirs") is None


@pytest.fixture(scope="module")
def case():
    return load_case(EXAMPLE)


def section_of(page: str) -> str:
    start = page.index('id="titre-pistes"')
    return page[start:page.index("</section>", start)]


def test_professional_page_links_the_factors_descriptively(case) -> None:
    expected = catalogue_leads(case, compute(case), "https://intranet/repere/")
    assert expected, "the example must have something to say"
    page = render_page(case, "professionnel", plotly_js="", catalogue_url="https://intranet/repere/")
    section = section_of(page)
    for lead in expected.leads:
        assert f'<a href="https://intranet/repere/facteurs/{lead.factor}.html">' in section
    assert "périodes difficiles en cours ou terminées depuis moins d’un an" in section
    assert "risque" not in section.lower().replace("facteurs de risque", "")


def test_without_address_factors_are_named_without_links(case) -> None:
    section = section_of(render_page(case, "professionnel", plotly_js=""))
    assert "<a " not in section and "--catalogue" in section


def test_person_view_has_no_leads(case) -> None:
    assert "titre-pistes" not in render_page(case, "personne", plotly_js="", catalogue_url="../")


def test_cli_option_and_refusal_of_scripts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([str(V2), "-o", str(tmp_path), "--catalogue", "https://intranet/repere/"]) == 0
    page = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert 'href="https://intranet/repere/facteurs/' in page
    assert cli.main([str(EXAMPLE), "-o", str(tmp_path / "x"), "--catalogue", "javascript:alert(1)"]) == 2
    assert "--catalogue" in capsys.readouterr().err and not (tmp_path / "x").exists()
