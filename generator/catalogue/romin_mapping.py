"""ROMIN → Repère: every ROMIN key and label we know, declared once, next to our vocabularies.

ROMIN (the Netlify CMS catalogue SPIP staff used before Repère) keeps one Markdown file per tool
in ``content/fiches/`` and writes the *labels* of its CMS options into them, not slugs. This
module says what each label means in our vocabulary (``vocabulary.py``): the importer
(``romin.py``) and the « Venir de ROMIN » section of CONTRIBUTING.md both read it.

The real ROMIN ``public/admin/config.yml`` was not available when this was written (no copy in
the code index we could search): the labels below are those quoted in issue 17 plus the
spellings a Netlify CMS select would plausibly carry (``&``, ``/``, typographic apostrophes).
Matching is tolerant (see ``label_key``), so a spelling variant of a known label still maps;
anything else is reported with a "did you mean", never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.catalogue import vocabulary as vocab
from generator.text import fold

# --- keys ------------------------------------------------------------------------------------

# ROMIN key (folded, ``-`` and spaces as ``_``) → our key. Keys already spelled like ours need no
# line: the contract took ROMIN's names. The first line is ROMIN's own typo; the others are
# spellings seen in Netlify CMS configurations of similar catalogues.
KEY_RENAMES: dict[str, str] = {
    "nb_sceances": "nb_seances",
    "nombre_seances": "nb_seances",
    "nombre_de_seances": "nb_seances",
    "title": "titre",
    "description": "resume",
    "facteur_risque": "facteurs_risques",
    "facteurs_risque": "facteurs_risques",
    "facteur_risques": "facteurs_risques",
    "facteurs_de_risque": "facteurs_risques",
    "stade_changement": "stades_changement",
    "stades_de_changement": "stades_changement",
    "stade_de_changement": "stades_changement",
    "stades": "stades_changement",
    "modalites": "modalite",
    "support": "supports",
    "date": "cree_le",
    "date_creation": "cree_le",
    "cree": "cree_le",
    "modifie_le": "mis_a_jour",
    "mis_a_jour_le": "mis_a_jour",
    "date_modification": "mis_a_jour",
    "date_mise_a_jour": "mis_a_jour",
    "objectif": "objectifs",
    "facteur_protecteur": "facteurs_protecteurs",
    "mots_clefs": "mots_cles",
    "motscles": "mots_cles",
    "tags": "mots_cles",
    "precaution": "precautions",
    "precautions_emploi": "precautions",
    "precautions_d_emploi": "precautions",
    "milieux": "milieu",
    "duree_seance": "duree",
    "duree_de_la_seance": "duree",
    "pre_requis": "prerequis",
}

# Keys of ROMIN's author block (``auteur: {prenom, nom, email}``) and what becomes of them.
AUTHOR_FIRST_NAME = ("prenom",)
AUTHOR_LAST_NAME = ("nom",)
AUTHOR_ROLE = ("role", "fonction", "structure", "service")
AUTHOR_EMAIL = ("email", "e_mail", "mail", "courriel", "adresse_mail")  # never imported

# ``draft: true`` (Netlify CMS editorial workflow, Hugo) means the sheet was not published.
DRAFT_KEYS = ("draft", "brouillon")


def key_name(key: object) -> str:
    """Folded key spelling used for lookups: ``Nb-Sceances`` → ``nb_sceances``."""
    return re.sub(r"[^a-z0-9]+", "_", fold(str(key))).strip("_")


# --- labels ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelTable:
    """The ROMIN labels of one of our vocabulary keys, each with the slug(s) it stands for."""

    key: str  # our key
    vocabulary: dict[str, str]  # our slugs → our labels
    romin: dict[str, tuple[str, ...]]  # ROMIN label → our slugs (several for « X et Y » options)
    also: dict[str, str] | None = None  # our other labels (short ones), slug → label

    def accepted(self) -> dict[str, tuple[str, ...]]:
        """Every spelling we map: ROMIN's labels, then our own labels and slugs."""
        table = dict(self.romin)
        for labels in (self.vocabulary, self.also or {}):
            for slug, label in labels.items():
                table.setdefault(label, (slug,))
                table.setdefault(slug, (slug,))
        return table


LABEL_TABLES: tuple[LabelTable, ...] = (
    LabelTable("modalite", vocab.MODALITIES, {
        "Individuelle": ("individuel",),
        "Collective": ("collectif",),
        "Individuelle et collective": ("individuel", "collectif"),
    }),
    LabelTable("facteurs_risques", vocab.RISK_FACTORS, {
        "Attitudes & croyances favorisant la délinquance": ("attitudes",),
        "Attitudes / croyances / valeurs antisociales": ("attitudes",),
        "Attitudes antisociales": ("attitudes",),
        "Traits de personnalité antisociale": ("personnalite",),
        "Personnalité antisociale": ("personnalite",),
        "Entourage social facilitant la commission d’infractions": ("entourage",),
        "Fréquentations antisociales": ("entourage",),
        "Absence de loisirs pro-sociaux": ("loisirs",),
        "Loisirs / activités récréatives": ("loisirs",),
        "Problèmes familiaux / conjugaux": ("famille_couple",),
        "Situation familiale & conjugale": ("famille_couple",),
        "Problèmes d’ordre scolaire / professionnel": ("emploi_formation",),
        "Scolarité / emploi": ("emploi_formation",),
        "Addictions (alcool, stupéfiants, jeux)": ("addictions",),
        "Addictions": ("addictions",),
        "Toxicomanie / alcoolisme": ("addictions",),
    }, also=vocab.RISK_FACTOR_SHORT),
    LabelTable("stades_changement", vocab.STAGES, {
        "Précontemplation": ("precontemplation",),
        "Contemplation": ("contemplation",),
        "Détermination": ("preparation",),
        "Préparation": ("preparation",),
        "Action": ("action",),
        "Maintien": ("maintien",),
        "Maintien et prévention de la rechute": ("maintien",),
    }),
    LabelTable("nb_seances", vocab.SESSION_COUNTS, {
        "1": ("1",),
        "Une séance": ("1",),
        "Entre 2 et 5": ("2-5",),
        "De 2 à 5": ("2-5",),
        "Entre 6 et 10": ("6-10",),
        "De 6 à 10": ("6-10",),
        "Plus de 10": ("10+",),
    }),
    LabelTable("milieu", vocab.SETTINGS, {
        "Ouvert": ("ouvert",),
        "Fermé": ("ferme",),
        "Milieu ouvert et milieu fermé": ("ouvert", "ferme"),
        "Les deux": ("ouvert", "ferme"),
    }),
    LabelTable("niveau_preuve", vocab.EVIDENCE_LEVELS, {
        "Démontré": ("demontre",),
        "Efficacité démontrée": ("demontre",),
        "Prometteur": ("prometteur",),
        "À évaluer": ("a_evaluer",),
        "Non évalué": ("a_evaluer",),
    }),
)

LABELS_BY_KEY: dict[str, LabelTable] = {table.key: table for table in LABEL_TABLES}

# Keys whose value is one slug (the others are lists of slugs).
SINGLE_CHOICE_KEYS = frozenset({"nb_seances", "niveau_preuve"})

# Words dropped when comparing labels: ROMIN writes « & » and « / » where we write « et »/« ou »,
# and a session count may or may not say « séances ».
IGNORED_WORDS = frozenset({"et", "ou", "seance", "seances"})


def label_key(text: object) -> str:
    """Comparison form of a label: case, accents, apostrophes (' ’), ``&``/``et``/``/``/``ou``,
    hyphens, spaces and the word « séances » all ignored. « Problèmes d’ordre scolaire /
    professionnel » and « problemes d'ordre scolaire ou professionnel » give the same key."""
    words = re.findall(r"[a-z0-9+]+", fold(str(text)))
    return "".join(word for word in words if word not in IGNORED_WORDS)


def lookup_table(table: LabelTable) -> dict[str, tuple[str, ...]]:
    """``label_key`` → slugs, for every accepted spelling of ``table``."""
    return {label_key(label): slugs for label, slugs in table.accepted().items()}


def session_band(count: int) -> str:
    """An exact number of sessions (``nb_sceances: 3``) → its band (``2-5``)."""
    return "1" if count <= 1 else "2-5" if count <= 5 else "6-10" if count <= 10 else "10+"




# --- uploads -----------------------------------------------------------------------------------

# The contract's allow-list of support types (never html or svg, which can carry script).
ALLOWED_SUPPORT_TYPES = ("pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "txt", "png", "jpg")
# Extensions renamed on copy: the same type under the contract's spelling.
SUPPORT_TYPE_RENAMES = {"jpeg": "jpg"}
# Where ROMIN's sheets are, under the folder given to the command: a checkout, a copy of its two
# folders side by side, or the sheets' folder itself (then the checkout is two levels up).
FICHES_FOLDERS = ("content/fiches", "fiches", ".")
# Where ROMIN's ``/media/uploads/…`` paths live: the path under these folders of the checkout…
UPLOAD_ROOTS = ("public", "static", ".")
# …or, for a copy of the uploads folder alone, the file name in one of these.
UPLOAD_FOLDERS = ("public/media/uploads", "static/media/uploads", "media/uploads", "uploads")


# --- documentation -------------------------------------------------------------------------------


def contributor_table() -> str:
    """Markdown tables of the « Venir de ROMIN » section of CONTRIBUTING.md."""
    rows = ["| clé dans ROMIN | clé dans Repère |", "|---|---|"]
    rows += [f"| `{romin}` | `{ours}` |" for romin, ours in KEY_RENAMES.items()]
    rows += ["", "| clé | valeur dans ROMIN | devient |", "|---|---|---|"]
    for table in LABEL_TABLES:
        for label, slugs in table.romin.items():
            rows.append(f"| `{table.key}` | {label} | {', '.join(f'`{slug}`' for slug in slugs)} |")
    return "\n".join(rows)
