"""Controlled vocabularies of the tool-sheet contract (``shared/spec/tool-sheet.md``), slug → label.

Order matters: it is the order shown on the site (home page, filters, header blocks).
"""

from __future__ import annotations

from generator.risk_factors import RISK_FACTORS  # noqa: F401 - shared with the frise (neutral module)

# Short labels for buttons, filters and badges, where the RPO1 label is too long.
RISK_FACTOR_SHORT: dict[str, str] = {
    "attitudes": "Attitudes",
    "personnalite": "Personnalité",
    "entourage": "Entourage",
    "loisirs": "Loisirs",
    "famille_couple": "Famille et couple",
    "emploi_formation": "Emploi et formation",
    "addictions": "Addictions",
}

STAGES: dict[str, str] = {
    "precontemplation": "Précontemplation",
    "contemplation": "Contemplation",
    "preparation": "Préparation (détermination)",
    "action": "Action",
    "maintien": "Maintien et prévention de la rechute",
}

MODALITIES: dict[str, str] = {"individuel": "Individuel", "collectif": "Collectif"}

SETTINGS: dict[str, str] = {"ouvert": "Milieu ouvert", "ferme": "Milieu fermé"}

EVIDENCE_LEVELS: dict[str, str] = {
    "demontre": "Efficacité démontrée",
    "prometteur": "Prometteur",
    "a_evaluer": "À évaluer",
}

SESSION_COUNTS: dict[str, str] = {
    "1": "1 séance",
    "2-5": "2 à 5 séances",
    "6-10": "6 à 10 séances",
    "10+": "Plus de 10 séances",
}

# Responsivity: the tool works with a person who cannot read or write, speaks little French, or remotely.
ADAPTATIONS: dict[str, str] = {
    "sans_lecture": "Sans lecture ni écriture",
    "peu_de_francais": "Peu de français",
    "a_distance": "À distance",
}

STATUSES: dict[str, str] = {"publie": "Publié", "brouillon": "Brouillon"}
