"""The front-matter keys of tool and programme sheets, declared once.

The validator, the JSON Schemas, the contributor guide and the new-sheet scaffold all read
these declarations, so the documentation of a key cannot drift from what the build accepts.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import vocabulary as vocab


@dataclass(frozen=True)
class Field:
    key: str
    kind: str  # text, choice, choices, duration, integer, texts, date, supports, author, feedbacks, refs
    required: bool
    description: str  # French, for contributors
    vocabulary: dict[str, str] | None = None
    max_length: int | None = None
    min_length: int = 1
    min_items: int = 0
    refers_to: str | None = None  # "outils" or "programmes" for cross-file references


TITRE = Field("titre", "text", True, "Nom de l'outil, tel qu'il apparaîtra dans les listes.",
              min_length=3, max_length=120)
RESUME = Field("resume", "text", True,
               "Résumé en un paragraphe (400 caractères au plus), affiché dans les listes et la recherche.",
               max_length=400)
FACTEURS = Field("facteurs_risques", "choices", True,
                 "Facteurs de risque dynamiques travaillés (au moins un).",
                 vocabulary=vocab.RISK_FACTORS, min_items=1)
MODALITE = Field("modalite", "choices", True, "Entretien individuel et/ou séance collective.",
                 vocabulary=vocab.MODALITIES, min_items=1)
NIVEAU_PREUVE = Field("niveau_preuve", "choice", False, "Niveau de preuve de l'efficacité.",
                      vocabulary=vocab.EVIDENCE_LEVELS)
MOTS_CLES = Field("mots_cles", "texts", False, "Mots-clés libres, pris en compte par la recherche.")
AUTEUR = Field("auteur", "author", False,
               "Rédacteur de la fiche : « nom » (personne ou groupe de travail) et « role » "
               "(fonction, service). Aucune adresse e-mail n'est nécessaire.")
CREE_LE = Field("cree_le", "date", False, "Date de création, au format AAAA-MM-JJ.")
MIS_A_JOUR = Field("mis_a_jour", "date", False, "Date de la dernière relecture, au format AAAA-MM-JJ.")

TOOL_FIELDS: tuple[Field, ...] = (
    TITRE,
    RESUME,
    FACTEURS,
    MODALITE,
    Field("duree", "duration", True,
          "Durée d'une séance en minutes, préparation comprise : un nombre (45) "
          "ou une fourchette (\"30-45\")."),
    Field("nb_seances", "choice", False, "Nombre de séances (1 par défaut).",
          vocabulary=vocab.SESSION_COUNTS),
    Field("stades_changement", "choices", False,
          "Stades du changement (Prochaska et DiClemente) où l'outil est adapté.",
          vocabulary=vocab.STAGES),
    Field("milieu", "choices", False,
          "Milieu ouvert et/ou milieu fermé (les deux par défaut).", vocabulary=vocab.SETTINGS),
    Field("objectifs", "texts", False, "Ce que la personne suivie doit en retirer."),
    Field("facteurs_protecteurs", "texts", False, "Facteurs de protection sur lesquels l'outil s'appuie."),
    Field("precautions", "text", False,
          "Précautions d'emploi : contre-indications, traumatismes, maîtrise de l'écrit…"),
    Field("supports", "supports", False,
          "Fichiers à télécharger : « fichier » (chemin relatif à la fiche) et « titre »."),
    Field("programmes", "refs", False, "Programmes qui utilisent cet outil (noms de fichier sans .md).",
          refers_to="programmes"),
    NIVEAU_PREUVE,
    MOTS_CLES,
    AUTEUR,
    CREE_LE,
    MIS_A_JOUR,
    Field("retours", "feedbacks", False,
          "Retours d'expérience de collègues : « date », « contexte » (fonction et/ou service, "
          "sans nom) et « texte » (1 000 caractères au plus)."),
)

PROGRAMME_FIELDS: tuple[Field, ...] = (
    Field("titre", "text", True, "Nom du programme.", min_length=3, max_length=120),
    RESUME,
    Field("facteurs_risques", "choices", True, "Facteurs de risque dynamiques travaillés.",
          vocabulary=vocab.RISK_FACTORS, min_items=1),
    MODALITE,
    Field("nb_seances", "integer", True, "Nombre de séances du programme."),
    Field("duree_seance", "integer", True, "Durée d'une séance, en minutes."),
    Field("public", "text", False, "Public visé (par exemple « auteurs de violences conjugales »)."),
    Field("outils", "refs", False, "Outils utilisés dans le programme (noms de fichier sans .md).",
          refers_to="outils"),
    NIVEAU_PREUVE,
    MOTS_CLES,
    AUTEUR,
    CREE_LE,
    MIS_A_JOUR,
)

SUPPORT_KEYS = ("fichier", "titre")
AUTHOR_KEYS = ("nom", "role")
FEEDBACK_KEYS = ("date", "contexte", "texte")
FEEDBACK_MAX_LENGTH = 1000
