"""argparse speaking French: our users read ``--help`` and usage errors in French."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

# argparse's own words, translated; argparse looks them up through its module-level `_`.
TRANSLATIONS = {
    "usage: ": "utilisation : ",
    "options": "options",
    "positional arguments": "arguments",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "choix invalide : %(value)r (choisir parmi %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}


def _translate(text: str) -> str:
    return TRANSLATIONS.get(text, text)


argparse._ = _translate  # type: ignore[attr-defined]  # argparse has no public hook for this


class FrenchArgumentParser(argparse.ArgumentParser):
    """Exits with 2 on usage errors (the convention of both our commands), in French."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")
