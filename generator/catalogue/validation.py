"""Front-matter values checked against the field declarations and converted to model values.

A ``SheetReader`` walks one sheet's front-matter, collects every problem with its line
(it never stops at the first one), and returns the converted values of the valid keys.
How each value is read is up to its field's kind (``kinds.py``); the reader holds what is
common to all keys: duplicates, unknown keys, absent required keys, starter text left over.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.catalogue.kinds import INVALID, STARTER_MARK, Field
from generator.located_yaml import LocatedData, PathKey
from generator.problems import Problem
from generator.suggest import did_you_mean, one_of
from generator.text import fold

__all__ = ["INVALID", "SheetReader"]


class SheetReader:
    """Reads one sheet's front-matter; ``problems`` lists everything wrong with it."""

    def __init__(self, source: Path, shown_path: str, located: LocatedData,
                 command: str = "nouvelle-fiche") -> None:
        self.source = source
        self.shown_path = shown_path
        self.located = located
        self.command = command  # the scaffold that writes this kind of file, named in messages
        self.problems: list[Problem] = []
        # Required keys a draft leaves out (issue 17: an imported sheet is a draft until its
        # contributor adds what the source lacked); such a draft is checked but never rendered.
        self.missing_in_draft: list[str] = []

    def report(self, where: PathKey, message: str) -> None:
        self.problems.append(Problem(self.shown_path, self.located.line(*where), message))

    def read(self, fields: Sequence[Field]) -> dict[str, Any]:
        """Converted values of the present, valid keys; problems for everything else."""
        data = self.located.data
        for key, line in self.located.duplicate_keys:
            self.problems.append(Problem(self.shown_path, line,
                                         f"la clé « {key} » apparaît deux fois : gardez-en une seule."))
        self.reject_unknown_keys(data, [field.key for field in fields], ())
        values: dict[str, Any] = {}
        draft = isinstance(data.get("statut"), str) and fold(data["statut"]).strip() == "brouillon"
        for field in fields:
            # An empty value or list means "not filled": optional keys then take their default.
            value = data.get(field.key)
            if value is None or (value == [] and not field.required):
                if field.required and draft and field.key != "titre":
                    self.missing_in_draft.append(field.key)
                elif field.required:
                    self.report((), f"clé obligatoire « {field.key} » absente. {field.description}")
                continue
            if field.is_starter(value):
                self.report((field.key,), f"« {field.key} » : texte de départ « {STARTER_MARK} » de "
                            f"« {self.command} » encore présent. Écrivez à la place : {field.expected()}")
                continue
            converted = field.read(self, value, (field.key,))
            if converted is not INVALID:
                values[field.key] = converted
        return values

    def reject_unknown_keys(self, data: dict[str, Any], allowed: Sequence[str], where: PathKey) -> None:
        for key in data:
            if key not in allowed:
                self.report((*where, key), f"clé « {key} » inconnue.{did_you_mean(key, allowed)} "
                            f"Clés possibles : {one_of(allowed)}.")
