"""The front-matter contract of every content type, declared once (``shared/spec/tool-sheet.md``).

Each field is an instance of its kind (``kinds.py``). Everything else is derived from these
declarations: the model classes (``model.py``), the validation (``validation.py``), the JSON
Schemas (``json_schema.py``), the key tables of CONTRIBUTING.md (``contributor_docs.py``), the
scaffold of ``nouvelle-fiche``/``nouveau-programme``/``nouvelle-methode`` (``scaffold.py``) and
the catalogue's filters (each field's ``facet``, read by ``facets.facets_of``).

Adding a key: declare it here (and show it in a template). See docs/architecture.md.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from generator.catalogue import vocabulary as vocab
from generator.catalogue.facets import DUREE, FACTEUR, MILIEU, MODALITE, PREUVE, SEANCES, STADE, Facet
from generator.catalogue.kinds import (
    AuthorKind,
    Choice,
    Choices,
    Date,
    Feedbacks,
    Field,
    Integer,
    Minutes,
    References,
    Refs,
    SessionBand,
    Status,
    Supports,
    Text,
    Texts,
)

# The contract says an empty stage list reads « non précisé » (not « tous stades »): such a
# tool is under its own option of the filter instead of under every stage.
UNSPECIFIED = "non_precise"
STAGE_FACET = dataclasses.replace(
    STADE, options={**vocab.STAGES, UNSPECIFIED: "Non précisé"},
    values=lambda stages: list(stages) or [UNSPECIFIED])
ADAPTATION_FACET = Facet("adaptation", "Adaptations", vocab.ADAPTATIONS)

TITRE = Text("titre", "Nom de l'outil, tel qu'il apparaîtra dans les listes.", required=True,
             min_length=3, max_length=120)
RESUME = Text("resume", "Résumé en un paragraphe (400 caractères au plus), affiché dans les listes et "
              "la recherche.", required=True, max_length=400)
MODALITE_FIELD = Choices("modalite", "Entretien individuel et/ou séance collective.", required=True,
                         vocabulary=vocab.MODALITIES, min_items=1, facet=MODALITE)
NIVEAU_PREUVE = Choice("niveau_preuve", "Niveau de preuve de l'efficacité.",
                       vocabulary=vocab.EVIDENCE_LEVELS, facet=PREUVE)
MOTS_CLES = Texts("mots_cles", "Mots-clés libres, pris en compte par la recherche.")
AUTEUR = AuthorKind("auteur", "Rédacteur de la fiche : « nom » (personne ou groupe de travail) et "
                    "« role » (fonction, service). Aucune adresse e-mail n'est nécessaire.")
CREE_LE = Date("cree_le", "Date de création, au format AAAA-MM-JJ.")
MIS_A_JOUR = Date("mis_a_jour", "Date de la dernière relecture, au format AAAA-MM-JJ.")
STATUT = Status("statut", "« publie » (par défaut) ou « brouillon » : un brouillon est vérifié et "
                "visible dans l'aperçu (--serve), jamais dans le site publié ni l'archive.",
                vocabulary=vocab.STATUSES)
PREREQUIS = Text("prerequis", "Ce qu'il faut à l'agent avant d'utiliser l'outil (une formation, une "
                 "licence, un matériel), 400 caractères au plus.", max_length=400)


def methodes_field(facet: Facet | None = None) -> Refs:
    return Refs("methodes", "Méthodes d'intervention appliquées (noms de fichier de content/methodes/, "
                "sans .md).", refers_to="methode", facet=facet)


# The method filter's options are the methods of the catalogue being built (titles, in order).
METHOD_FACET = Facet("methode", "Méthode", {}, catalogue_options=lambda catalogue: {
    slug: method.titre for slug, method in catalogue.methods.items()})

TOOL_FIELDS: tuple[Field, ...] = (
    TITRE,
    RESUME,
    Choices("facteurs_risques", "Facteurs de risque dynamiques travaillés (au moins un).", required=True,
            vocabulary=vocab.RISK_FACTORS, min_items=1, facet=FACTEUR),
    MODALITE_FIELD,
    Minutes("duree", "Durée d'une séance en minutes, préparation comprise : un nombre (45) ou une "
            "fourchette (\"30-45\").", required=True, facet=DUREE),
    SessionBand("nb_seances", "Nombre de séances (1 par défaut).", vocabulary=vocab.SESSION_COUNTS,
                default="1", python_type="str", facet=SEANCES),
    Choices("stades_changement", "Stades du changement (Prochaska et DiClemente) où l'outil est adapté "
            "(vide : « non précisé »).", vocabulary=vocab.STAGES, facet=STAGE_FACET),
    Choices("milieu", "Milieu ouvert et/ou milieu fermé (les deux par défaut).", vocabulary=vocab.SETTINGS,
            default=tuple(vocab.SETTINGS), facet=MILIEU),
    Texts("objectifs", "Ce que la personne suivie doit en retirer."),
    Texts("facteurs_protecteurs", "Facteurs de protection sur lesquels l'outil s'appuie."),
    Text("precautions", "Précautions d'emploi : contre-indications, traumatismes, maîtrise de l'écrit…"),
    Supports("supports", "Fichiers à télécharger : « fichier » (chemin relatif à la fiche) et « titre »."),
    Refs("programmes", "Programmes qui utilisent cet outil (noms de fichier sans .md).", refers_to="programme"),
    NIVEAU_PREUVE,
    MOTS_CLES,
    AUTEUR,
    CREE_LE,
    MIS_A_JOUR,
    Feedbacks("retours", "Retours d'expérience de collègues : « date », « contexte » (fonction et/ou "
              "service, sans nom) et « texte » (1 000 caractères au plus)."),
    PREREQUIS,
    Choices("adaptations", "Utilisable avec une personne qui ne lit ni n'écrit, qui parle peu le "
            "français, ou à distance.", vocabulary=vocab.ADAPTATIONS, facet=ADAPTATION_FACET),
    STATUT,
    methodes_field(METHOD_FACET),
)

PROGRAMME_FIELDS: tuple[Field, ...] = (
    Text("titre", "Nom du programme.", required=True, min_length=3, max_length=120),
    RESUME,
    Choices("facteurs_risques", "Facteurs de risque dynamiques travaillés.", required=True,
            vocabulary=vocab.RISK_FACTORS, min_items=1),
    MODALITE_FIELD,
    Integer("nb_seances", "Nombre de séances du programme.", required=True),
    Integer("duree_seance", "Durée d'une séance, en minutes.", required=True),
    Text("public", "Public visé (par exemple « auteurs de violences conjugales »)."),
    Refs("outils", "Outils utilisés dans le programme (noms de fichier sans .md).", refers_to="outil"),
    NIVEAU_PREUVE,
    MOTS_CLES,
    AUTEUR,
    CREE_LE,
    MIS_A_JOUR,
    STATUT,
    methodes_field(METHOD_FACET),
    PREREQUIS,
)

METHOD_FIELDS: tuple[Field, ...] = (
    Text("titre", "Nom de la méthode d'intervention.", required=True, min_length=3, max_length=120),
    Text("resume", "Résumé en un paragraphe (400 caractères au plus), affiché dans les listes et la "
         "recherche.", required=True, max_length=400),
    Texts("principes", "Principes clés de la méthode, un par ligne."),
    References("references", "Sources (ouvrages, articles, guides officiels) : « titre » et « url » "
               "(adresse complète commençant par https://)."),
    AUTEUR,
    CREE_LE,
    MIS_A_JOUR,
    STATUT,
)


@dataclass(frozen=True, eq=False)  # identity: a declaration is its own key (see model.model_of)
class ContentType:
    """One kind of content file: where it lives, its keys, and how the scaffold starts one."""

    name: str  # what Refs.refers_to names: "outil", "programme", "methode"
    label: str  # French noun for messages: « outil », « programme », « méthode »
    folder: str  # under the content folder
    fields: tuple[Field, ...]
    command: str  # the scaffold's command
    starter_body: str  # Markdown body of a new file; its « À compléter » lines must be replaced

    @property
    def field_keys(self) -> tuple[str, ...]:
        return tuple(field.key for field in self.fields)


TOOL_BODY = """\
## Préparation

À compléter : ce qu'il faut prévoir avant la séance (supports à imprimer, durée, lieu).

## Déroulé

1. À compléter : première étape, avec une formulation possible.
2. À compléter : deuxième étape.

## Points de vigilance

- À compléter : ce qui peut mal se passer, et comment réagir.

## Exploitation en entretien

À compléter : comment reprendre ce qui a été produit lors des entretiens suivants.
"""

PROGRAMME_BODY = """\
## Présentation

À compléter : à qui s'adresse le programme, ses objectifs, son cadre.

## Organisation des séances

1. À compléter : séance 1.
2. À compléter : séance 2.

## Évaluation

À compléter : comment le programme est évalué (questionnaires, bilan individuel).
"""

METHOD_BODY = """\
## En bref

À compléter : la méthode en quelques phrases, pour un agent qui veut la réviser en cinq minutes.

## Mise en œuvre en entretien

À compléter : comment l'appliquer concrètement, avec une formulation possible.

## Pour aller plus loin

À compléter : formations, ressources internes.
"""

TOOL = ContentType("outil", "outil", "tools", TOOL_FIELDS, "nouvelle-fiche", TOOL_BODY)
PROGRAMME = ContentType("programme", "programme", "programmes", PROGRAMME_FIELDS, "nouveau-programme",
                        PROGRAMME_BODY)
METHOD = ContentType("methode", "méthode", "methodes", METHOD_FIELDS, "nouvelle-methode", METHOD_BODY)
CONTENT_TYPES: tuple[ContentType, ...] = (TOOL, PROGRAMME, METHOD)
