"""The seven dynamic risk factors (RNR model), slug → label: shared by the catalogue and the frise.

Neutral ground so that neither package imports the other for them: the catalogue files its
sheets under these factors, the frise's « Pistes dans le catalogue » links to their pages.
Order matters: it is the order shown on the site (home page, filters, header blocks).
"""

from __future__ import annotations

RISK_FACTORS: dict[str, str] = {
    "attitudes": "Attitudes et croyances favorisant la délinquance",
    "personnalite": "Traits de personnalité antisociale",
    "entourage": "Entourage social facilitant la commission d'infractions",
    "loisirs": "Absence de loisirs pro-sociaux",
    "famille_couple": "Problèmes familiaux et conjugaux",
    "emploi_formation": "Problèmes d'ordre scolaire ou professionnel",
    "addictions": "Addictions (alcool, stupéfiants, jeux)",
}
