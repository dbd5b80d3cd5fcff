"""The closed vocabularies of the case-file spec (version 2), as ordered slug → French label mappings.

The order is the spec's order: it is the order of "Valeurs possibles" in error messages and of
legends on the page. Labels are what a person followed reads, so they stay plain and respectful.
This module is the one declaration of the vocabularies: ``VOCABULARIES`` gathers them by key so
they can be exported as data for the browser atelier, never declared a second time.
"""

from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "homicide": "Atteintes à la vie",
    "violences": "Violences volontaires",
    "violences_conjugales": "Violences conjugales et intrafamiliales",
    "sexuelles": "Infractions sexuelles",
    "menaces_outrages": "Menaces, outrages, rébellion",
    "vol": "Vols et recels",
    "vol_violence": "Vols avec violence",
    "escroquerie": "Escroqueries, abus de confiance, faux",
    "destructions": "Destructions et dégradations",
    "stupefiants": "Stupéfiants",
    "routier": "Infractions routières",
    "armes": "Armes",
    "autorite_justice": (
        "Atteintes à l'autorité de la justice (évasion, non-respect d'obligations)"
    ),
    "autre": "Autre",
}

# Version 2: threats, insults and rebellion (menaces_outrages) are not "violent" any more.
VIOLENT_CATEGORIES: frozenset[str] = frozenset(
    {
        "homicide",
        "violences",
        "violences_conjugales",
        "sexuelles",
        "vol_violence",
    }
)

GRAVITES: dict[str, str] = {
    "contravention": "Contravention",
    "delit": "Délit",
    "crime": "Crime",
}

# Ordinal scores for the gravity trend (spec: contravention 1, délit 2, crime 3).
GRAVITY_SCORE: dict[str, int] = {"contravention": 1, "delit": 2, "crime": 3}

JURIDICTIONS: dict[str, str] = {
    "tribunal_correctionnel": "Tribunal correctionnel",
    "cour_assises": "Cour d'assises",
    "cour_criminelle": "Cour criminelle départementale",
    "tribunal_police": "Tribunal de police",
    "tribunal_enfants": "Tribunal pour enfants",
    "juge_enfants": "Juge des enfants",
    "cour_appel": "Cour d'appel",
    "autre": "Autre juridiction",
}

PEINES: dict[str, str] = {
    "emprisonnement": "Emprisonnement ferme",
    "sursis_simple": "Sursis simple",
    "sursis_probatoire": "Sursis probatoire",
    "ddse": "Détention à domicile sous surveillance électronique",
    "tig": "Travail d'intérêt général",
    "amende": "Amende",
    "jours_amende": "Jours-amende",
    "stage": "Stage",
    "suspension_permis": "Suspension du permis de conduire",
    "mesure_educative": "Mesure éducative",
    "autre": "Autre peine",
}

MESURES: dict[str, str] = {
    "detention": "Détention",
    "detention_provisoire": "Détention provisoire",
    "sursis_probatoire": "Sursis probatoire",
    "ddse": "Détention à domicile sous surveillance électronique",
    "semi_liberte": "Semi-liberté",
    "placement_exterieur": "Placement à l'extérieur",
    "liberation_conditionnelle": "Libération conditionnelle",
    "tig": "Travail d'intérêt général",
    "controle_judiciaire": "Contrôle judiciaire",
    "suivi_socio_judiciaire": "Suivi socio-judiciaire",
    "autre": "Autre mesure",
}

ISSUES: dict[str, str] = {
    "fin_normale": "Fin normale",
    "revocation": "Révocation",
    "incident": "Incident",
    "en_cours": "En cours",
}

DOMAINES: dict[str, str] = {
    "emploi": "Emploi",
    "formation": "Formation",
    "logement": "Logement",
    "famille_couple": "Famille et couple",
    "entourage": "Entourage",
    "loisirs": "Loisirs",
    "addictions": "Addictions",
    "sante": "Santé",
    "autre": "Autre",
}

SENS: dict[str, str] = {
    "positif": "Positif",
    "negatif": "Difficile",
    "neutre": "Neutre",
}

NATURES: dict[str, str] = {
    "condamnation": "Condamnation",
    "relaxe": "Relaxe ou acquittement",
}

OBLIGATIONS: dict[str, str] = {
    "soins": "Obligation de soins",
    "travail_formation": "Travail ou formation",
    "indemnisation_victimes": "Indemnisation des victimes",
    "interdiction_contact": "Interdiction de contact",
    "interdiction_paraitre": "Interdiction de paraître",
    "residence": "Obligation de résidence",
    "stage": "Stage",
    "autre": "Autre obligation",
}

RESPECTS: dict[str, str] = {
    "respectee": "Respectée",
    "partiellement": "Partiellement respectée",
    "non_respectee": "Non respectée",
    "en_cours": "En cours",
}

# Mesure types whose periods are custody (their union is "time in custody"); people in
# semi-liberté are "écroués détenus" and count as in custody (version 2).
CUSTODY_TYPES: frozenset[str] = frozenset({"detention", "detention_provisoire", "semi_liberte"})

# Courts that judge acts of minors (age cap and the juvenile-court coherence rule).
JUVENILE_COURTS: frozenset[str] = frozenset({"tribunal_enfants", "juge_enfants"})

# Every closed vocabulary by the key that takes it, for export (browser atelier, docs).
VOCABULARIES: dict[str, dict[str, str]] = {
    "categorie": CATEGORIES,
    "gravite": GRAVITES,
    "juridiction": JURIDICTIONS,
    "nature": NATURES,
    "peine.type": PEINES,
    "mesure.type": MESURES,
    "issue": ISSUES,
    "obligation.type": OBLIGATIONS,
    "respect": RESPECTS,
    "domaine": DOMAINES,
    "sens": SENS,
}
