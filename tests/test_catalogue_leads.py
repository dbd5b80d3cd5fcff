"""« Pistes dans le catalogue »: life domains of a path → the catalogue's risk-factor pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalogue.vocabulary import RISK_FACTORS
from generator.timeline import cli
from generator.timeline.catalogue_leads import DOMAIN_TO_FACTOR, catalogue_leads, factor_url
from generator.timeline.indicators import compute
from generator.timeline.loader import load_case
from generator.timeline.render import render_page
from generator.timeline.vocabulary import DOMAINES

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dossiers" / "parcours-long.yaml"


def shares(**values: float | None) -> dict:
    return {"nb_faits": 10, "part_faits_periodes_negatives": values}


def test_every_mapped_domain_and_factor_exists() -> None:
    assert set(DOMAIN_TO_FACTOR) <= set(DOMAINES)
    assert set(DOMAIN_TO_FACTOR.values()) <= set(RISK_FACTORS)
    # The list: emploi/formation → emploi_formation, famille_couple, entourage, loisirs, addictions.
    assert DOMAIN_TO_FACTOR["emploi"] == DOMAIN_TO_FACTOR["formation"] == "emploi_formation"
    assert "logement" not in DOMAIN_TO_FACTOR and "sante" not in DOMAIN_TO_FACTOR


def test_only_factors_with_a_share_above_zero_lead_somewhere() -> None:
    leads = catalogue_leads(shares(addictions=0.4, loisirs=0.0, logement=0.5, emploi=None), None)
    assert [lead.factor for lead in leads] == ["addictions"]
    assert leads[0].shares[0].offences == 4 and leads[0].url is None


def test_domains_sharing_a_factor_are_grouped_in_catalogue_order() -> None:
    leads = catalogue_leads(shares(addictions=0.1, formation=0.2, emploi=0.3, entourage=0.5), "../")
    assert [lead.factor for lead in leads] == ["entourage", "emploi_formation", "addictions"]
    assert [item.domain_label for item in leads[1].shares] == ["Formation", "Emploi"]
    assert leads[0].url == "../facteurs/entourage.html"


def test_factor_url() -> None:
    assert factor_url("https://intranet/repere/", "loisirs") == "https://intranet/repere/facteurs/loisirs.html"
    assert factor_url("https://intranet/repere", "loisirs") == "https://intranet/repere/facteurs/loisirs.html"
    assert factor_url(None, "loisirs") is None and factor_url("", "loisirs") is None


@pytest.fixture(scope="module")
def case():
    return load_case(EXAMPLE)


def test_professional_page_links_the_factors_descriptively(case) -> None:
    expected = catalogue_leads(compute(case).to_json(), "https://intranet/repere/")
    assert expected, "the example must have offences during difficult periods"
    page = render_page(case, "professionnel", plotly_js="", catalogue_url="https://intranet/repere/")
    section = page[page.index('id="titre-pistes"'):page.index("</section>", page.index('id="titre-pistes"'))]
    for lead in expected:
        assert f'<a href="https://intranet/repere/facteurs/{lead.factor}.html">' in section
    assert "ont coïncidé avec des périodes difficiles" in section
    assert "risque" not in section.lower().replace("facteurs de risque", "")


def test_without_address_factors_are_named_without_links(case) -> None:
    page = render_page(case, "professionnel", plotly_js="")
    section = page[page.index('id="titre-pistes"'):page.index("</section>", page.index('id="titre-pistes"'))]
    assert "<a " not in section and "--catalogue" in section


def test_person_view_has_no_leads(case) -> None:
    assert "titre-pistes" not in render_page(case, "personne", plotly_js="", catalogue_url="../")


def test_cli_option_and_refusal_of_scripts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([str(EXAMPLE), "-o", str(tmp_path), "--catalogue", "https://intranet/repere/"]) == 0
    page = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert 'href="https://intranet/repere/facteurs/' in page
    assert cli.main([str(EXAMPLE), "-o", str(tmp_path / "x"), "--catalogue", "javascript:alert(1)"]) == 2
    assert "--catalogue" in capsys.readouterr().err and not (tmp_path / "x").exists()
