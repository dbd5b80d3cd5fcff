"""The site's « Frise » section, from the unzipped offline site: demo drawn, links to the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import screenshot
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_demo_frise_opens_from_the_zip_and_leads_to_the_catalogue(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((starter_site / "index.html").as_uri())
    page.get_by_role("link", name="Frise du parcours").first.click()
    expect(page).to_have_url(re.compile(r"frise/index\.html$"))
    page.get_by_role("link", name="Vue professionnelle").click()
    page.wait_for_selector("#frise-graphique .main-svg")
    assert page.locator("#frise-graphique .scatterlayer .trace, #frise-graphique .barlayer .trace").count() > 5
    screenshot(page, "frise-demo-professionnel")
    # « Pistes dans le catalogue »: a factor page (current or recent difficult period) or the
    # catalogue's own timeline tool, whichever the demo case leads to first.
    lead = page.locator("section.pistes a").first
    target = lead.get_attribute("href")
    lead.click()
    expect(page).to_have_url(re.compile(re.escape(target.removeprefix("..")) + "$"))
    assert page.locator("h1").inner_text() in {label for label in (
        "Attitudes et croyances favorisant la délinquance", "Traits de personnalité antisociale",
        "Entourage social facilitant la commission d’infractions", "Absence de loisirs pro-sociaux",
        "Problèmes familiaux et conjugaux", "Problèmes d’ordre scolaire ou professionnel",
        "Addictions (alcool, stupéfiants, jeux)", "Ligne de vie")}
    assert errors == []
    assert log.external() == []
