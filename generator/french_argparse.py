"""argparse speaking French: our users read ``--help`` and usage errors in French.

argparse looks its own words up through gettext (its module-level ``_`` and ``ngettext``) at
the moment it uses them. ``french_messages`` swaps those lookups for our table only while one
of our parsers builds, parses or prints, then restores them, so nothing else in the process
(pytest, say) is affected.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from typing import Any, NoReturn

TRANSLATIONS = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "choix invalide : %(value)r (valeurs possibles : %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "expected at most one argument": "au plus une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s":
        "option ambiguë : %(option)s peut désigner %(matches)s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "ignored explicit argument %r": "valeur ignorée : %r",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
}


@contextlib.contextmanager
def french_messages() -> Iterator[None]:
    """Translate argparse's own messages for the duration of the block."""
    original, original_n = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def translate_n(singular: str, plural: str, count: int) -> str:
        if singular == "expected %s argument":
            return "%s valeurs sont attendues" if count > 1 else "%s valeur est attendue"
        return original_n(singular, plural, count)

    argparse._ = lambda message: TRANSLATIONS.get(message, message)  # type: ignore[attr-defined]
    argparse.ngettext = translate_n  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]
        argparse.ngettext = original_n  # type: ignore[attr-defined]


class FrenchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are French; usage errors exit with 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with french_messages():  # the -h help text is looked up here
            super().__init__(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        with french_messages():
            return super().parse_args(*args, **kwargs)

    def format_usage(self) -> str:
        with french_messages():
            return super().format_usage()

    def format_help(self) -> str:
        with french_messages():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        from generator.problems import printable  # an argument may carry terminal escapes

        self.exit(2, printable(f"{self.prog} : erreur : {message}") + "\n")
