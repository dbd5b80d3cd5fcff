"""Every message of the case-file reading (loader and CSV form), declared once.

The command line (``loader.py``, ``csv_case.py``) and the browser atelier (``atelier-data.js``,
generated from this table) say exactly the same thing: a message is a template with named
fields (``str.format``: ``{{``/``}}`` are literal braces), filled by ``say``. No field ever holds
the file's text: only contract keys, line numbers, vocabulary values and the shape of a value.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- reading the file ---------------------------------------------------------------------
    "invalid": "dossier invalide.",
    "not_utf8": (
        "le fichier n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 "
        "(« Enregistrer sous… », encodage UTF-8) puis relancez."
    ),
    "empty": (
        "le fichier est vide : un dossier contient au moins « dossier » et « annee_naissance »."
    ),
    "not_mapping": (
        "le fichier doit être une liste de clés (« dossier: … », « annee_naissance: … », "
        "« faits: … »…), pas {shape}."
    ),
    # --- dates ------------------------------------------------------------------------------
    "date_not_text": "une date est attendue, pas {shape}. Formats acceptés : {formats}",
    "date_shape": "date mal écrite. Formats acceptés : {formats}",
    "date_impossible": (
        "cette date n'existe pas (jour, mois ou année impossible). Formats acceptés : {formats}"
    ),
    "date_empty": "« {key} » est vide : écrivez une date ({formats}).",
    "date_bad": "« {key} » : {reason}.",
    # --- structure --------------------------------------------------------------------------
    "unknown_key": "clé inconnue ligne {line}{where}.{birth}{hint} Clés possibles : {keys}.",
    "unknown_key_birth": " Seule l'année de naissance est acceptée, avec « annee_naissance ».",
    "missing_key": "« {key} » manque{where} : cette clé est obligatoire.",
    "not_a_list": (
        "« {key} » doit être une liste, chaque élément commençant par « - », pas {shape}."
    ),
    "item_not_mapping": (
        "chaque élément de « {key} » doit être un ensemble de clés (« clé: valeur »), pas {shape}."
    ),
    "not_text": "« {key} » : un texte est attendu, pas {shape}.",
    "comment_in_label": (
        "« {key} » : le texte contient « # » après une espace : YAML lit la suite comme un "
        "commentaire et la supprime. Mettez le libellé entre guillemets "
        '(ex. libelle: "Vol #2 en réunion").'
    ),
    "choice_empty": "« {key} » est vide. Valeurs possibles : {values}.",
    "choice_unknown": "« {key} » : valeur inconnue.{hint} Valeurs possibles : {values}.",
    "identifier": "« {key} » : {what} est attendu (un court texte comme « f1 »), pas {shape}.",
    "duplicate_key": (
        "{subject} apparaît deux fois au même niveau : une seule valeur serait lue, supprimez ou "
        "renommez l'autre."
    ),
    # --- values -----------------------------------------------------------------------------
    "dossier_pattern": (
        "« dossier » : identifiant invalide : 1 à 32 caractères parmi lettres sans accent, "
        "chiffres, « - » et « _ » (ex. EX-2026-001)."
    ),
    "birth_year": "« annee_naissance » : une année sur 4 chiffres est attendue (ex. 1994).{hint}",
    "birth_year_full_date": (
        " Seule l'année est acceptée : une date de naissance complète ne doit pas figurer "
        "dans un dossier."
    ),
    "natinf": "« natinf » : un code NATINF est un nombre entier (ex. 7875).",
    "penalties_missing": (
        "« peines » manque : une condamnation a au moins une peine (ex. « peines: "
        "[{{type: amende, quantum: 300 €}}] »). Pour une relaxe ou un acquittement, "
        "écrivez « nature: relaxe »."
    ),
    "penalties_of_relaxe": (
        "« peines » : une relaxe n'a pas de peine : retirez « peines », ou écrivez "
        "« nature: condamnation »."
    ),
    "judged_empty": (
        "« faits » : indiquez les identifiants des faits jugés par cette décision "
        "(ex. faits: [f1, f2])."
    ),
    "running_with_end": (
        "« issue » : « en_cours » ne va pas avec « fin » : si la mesure est terminée, indiquez "
        "son issue (fin_normale, revocation, incident) ; si elle court encore, retirez « fin »."
    ),
    "ended_without_end": (
        "« issue » : « {issue} » indique une mesure terminée, mais « fin » manque : ajoutez la "
        "date de fin, ou écrivez « issue: en_cours » si la mesure court encore."
    ),
    "date_and_start": (
        "« date » et « debut » ne vont pas ensemble : « date » pour un événement ponctuel, "
        "« debut » (et éventuellement « fin ») pour une période."
    ),
    "no_date_nor_start": (
        "il manque « date » (événement ponctuel) ou « debut » (période) dans « vie »."
    ),
    "end_of_point": (
        "« fin » ne va qu'avec « debut » : pour une période, remplacez « date » par « debut » ; "
        "pour un événement ponctuel, retirez « fin »."
    ),
    # --- cross-checks -----------------------------------------------------------------------
    "end_before_start": (
        "« {end} » précède « {start} » : une période ne peut pas finir avant d'avoir commencé. "
        "Vérifiez les deux dates, ou retirez « {end} »."
    ),
    "duplicate_id": (
        "« id » : cet identifiant est déjà utilisé ligne {line} : chaque fait et chaque décision "
        "a son propre identifiant."
    ),
    "unknown_offence": (
        "« faits » : aucun fait n'a cet identifiant. Écrivez l'« id » d'un fait de la liste "
        "« faits »."
    ),
    "unknown_decision": (
        "« decision » : aucune décision n'a cet identifiant. Écrivez l'« id » d'une décision de la "
        "liste « decisions », ou retirez « decision »."
    ),
    "before_birth": (
        "« {key} » : cette date précède l'année de naissance (« annee_naissance ») : vérifiez "
        "l'une ou l'autre."
    ),
    "after_reference": (
        "« {key} » : cette date est postérieure à la date de référence (« date_reference »).{hint}"
    ),
    "after_reference_end": (
        " Si la période est toujours en cours, retirez « fin » (ou écrivez la date prévue dans "
        "« fin_prevue » pour une mesure)."
    ),
    "reference_before_birth": (
        "« date_reference » précède l'année de naissance (« annee_naissance »)."
    ),
    "decision_before_offence": (
        "« date » : la décision est datée avant le début d'un fait qu'elle juge : vérifiez la date "
        "de la décision et celles des faits jugés."
    ),
    "juvenile_court_adult": (
        "« juridiction » : un tribunal pour enfants ou un juge des enfants juge les faits de "
        "mineurs, mais le fait jugé daté ligne {line} a eu lieu une année où la personne avait au "
        "moins 18 ans. Vérifiez « juridiction », la date du fait ou « annee_naissance »."
    ),
    # --- the CSV form -----------------------------------------------------------------------
    "csv_no_header": (
        "la première ligne doit contenir les noms des colonnes (rubrique, dossier, "
        "annee_naissance, id, date…) : voyez le modèle modele-dossier.csv."
    ),
    "csv_unreadable": (
        "CSV illisible : un guillemet est ouvert mais jamais fermé, ou une cellule est mal "
        "découpée. Réenregistrez le fichier au format CSV depuis le tableur."
    ),
    "csv_no_rubrique": (
        "la colonne « rubrique » manque : chaque ligne dit ce qu'elle décrit (dossier, fait, "
        "decision, peine, mesure, obligation ou vie).{hint}"
    ),
    "csv_same_column": (
        "deux colonnes portent le même nom : une seule valeur serait lue, supprimez ou renommez "
        "l'autre."
    ),
    "csv_unnamed_column": (
        "une cellule est remplie sous une colonne sans nom : donnez un nom à la colonne sur la "
        "première ligne, ou videz la cellule."
    ),
    "csv_empty_rubrique": "la cellule « rubrique » est vide : indiquez {kinds}.",
    "csv_unknown_rubrique": "« rubrique » : valeur inconnue.{hint} Valeurs possibles : {kinds}.",
    "csv_second_dossier": (
        "une seule ligne « dossier » est possible (la première est ligne {line}) : fusionnez-les "
        "ou supprimez celle-ci."
    ),
    "csv_orphan": (
        "une ligne « {kind} » se rattache à la ligne « {parent} » la plus proche au-dessus "
        "d'elle, et il n'y en a pas : placez-la sous sa ligne « {parent} »."
    ),
    "csv_no_dossier": (
        "aucune ligne de rubrique « dossier » : ajoutez-en une, avec les colonnes dossier, "
        "annee_naissance et date_reference."
    ),
}

# The French names of a raw value's shape, for "expected X, found Y" messages.
SHAPES: dict[str, str] = {
    "mapping": "un ensemble de clés",
    "list": "une liste",
    "empty": "une valeur vide",
    "text": "un texte",
}


def say(name: str, **fields: object) -> str:
    """The message ``name`` with its fields filled in."""
    return MESSAGES[name].format(**fields)
