"""One table of feedback texts for both sides of the « retours » check.

``tests/test_feedback_check.py`` runs it through the build (``kinds.Feedbacks`` via
``feedback_check``); ``tests/test_feedback_browser.py`` runs it through the form's script in
Chromium. Each row: the text, and the refused kinds (keys of guard_patterns.json "kinds") the
check must find, in ``feedback_check.REFUSED_KINDS`` order. Values are invented.
"""

from __future__ import annotations

FEEDBACK_TABLE: list[tuple[str, list[str]]] = [
    ("Très utile en entretien individuel, à prévoir sur deux séances.", []),
    ("Séance de 45 minutes avec 6 participants en 2025, salle de l'antenne 2.", []),
    ("CPIP, milieu ouvert, SPIP de la Somme", []),
    ("Le juge a validé ; Monsieur le directeur a relu le support.", []),
    ("Prévoir 15 min de plus pour la mise en commun (groupe de 8).", []),
    ("Écrire à camille.martin@justice.fr pour obtenir le support.", ["email"]),
    ("Pour le support : contact-spip@exemple.org", ["email"]),
    ("Appeler le 06 12 34 56 78 avant la séance.", ["phone"]),
    ("Joignable au 01.45.67.89.12 le matin.", ["phone"]),
    ("Numéro direct : +33 6 12 34 56 78.", ["phone"]),
    ("Vu avec M. Martin, très investi dans l'exercice.", ["civility"]),
    ("Madame Durand a beaucoup apprécié la grille.", ["civility"]),
    ("Orienté vers le Dr Lefèvre du CSAPA.", ["civility"]),
    ("Mme Bernard : 06 98 76 54 32, ou bernard@exemple.fr", ["email", "phone", "civility"]),
]
