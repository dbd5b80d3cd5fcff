"""The spreadsheet form of a case file (CSV, as Excel or LibreOffice save it) → raw structure.

One row per entry, its kind in the column ``rubrique``; the other columns are the keys of that
entry, named as in YAML. This module only reshapes rows into the structure a YAML file gives
(mappings, lists, text as written) with each CSV row number as the line, so that the loader's
one checker judges both forms with the same messages. It never judges a value itself, and like
the loader its messages never repeat a cell's text.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from generator.located_yaml import LocatedData, PathKey
from generator.problems import InvalidInput, Problem
from generator.suggest import did_you_mean, one_of
from generator.timeline.case_messages import say

RUBRIQUE = "rubrique"
# Row kind → the list it goes to; ``peine`` and ``obligation`` go under the nearest row above.
SECTIONS = {"fait": "faits", "decision": "decisions", "mesure": "mesures", "vie": "vie"}
CHILDREN = {"peine": ("decision", "peines"), "obligation": ("mesure", "obligations")}
KINDS = ("dossier", "fait", "decision", "peine", "mesure", "obligation", "vie")
LIST_SEPARATOR = re.compile(r"[\s,]+")


@dataclass
class _Parent:
    path: PathKey
    node: dict[str, Any]


def detect_separator(header: str) -> str:
    """``;`` (French Excel) or ``,``: the one the header row uses most (``;`` on a tie)."""
    return "," if header.count(",") > header.count(";") else ";"


def parse(text: str, shown: str) -> tuple[LocatedData, list[Problem]]:
    """The raw case structure of a CSV text and the problems of its shape (not of its values)."""
    header_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_separator(header_line))
    rows = _numbered_rows(reader, shown)
    if not rows or not any(cell.strip() for cell in rows[0][1]):
        raise InvalidInput([Problem(shown, 1, say("csv_no_header"))])
    header = [cell.strip() for cell in rows[0][1]]
    problems = _header_problems(header, shown)
    if problems:
        raise InvalidInput(problems)
    builder = _Builder(shown, header)
    for line, cells in rows[1:]:
        builder.row(line, cells)
    return builder.located(), builder.problems


def _numbered_rows(reader: Any, shown: str) -> list[tuple[int, list[str]]]:
    """Rows with the line each starts on (a quoted cell may span several lines)."""
    rows = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error:
        raise InvalidInput([Problem(shown, reader.line_num or 1, say("csv_unreadable"))]) from None
    return rows


def _header_problems(header: list[str], shown: str) -> list[Problem]:
    problems = []
    if RUBRIQUE not in header:
        problems.append(Problem(shown, 1, say(
            "csv_no_rubrique", hint=did_you_mean_any(header, [RUBRIQUE]))))
    named = [name for name in header if name]
    if len(set(named)) != len(named):
        problems.append(Problem(shown, 1, say("csv_same_column")))
    return problems


def did_you_mean_any(names: list[str], allowed: list[str]) -> str:
    """A suggestion from ``allowed`` for the first name near one of them (never the name)."""
    for name in names:
        hint = did_you_mean(name, allowed)
        if hint:
            return hint
    return ""


class _Builder:
    """Accumulates rows into the YAML-shaped structure, with the lines of every path."""

    def __init__(self, shown: str, header: list[str]) -> None:
        self.shown = shown
        self.header = header
        self.data: dict[str, Any] = {}
        self.lines: dict[PathKey, int] = {}
        self.problems: list[Problem] = []
        self.parents: dict[str, _Parent] = {}
        self.dossier_line: int | None = None

    def row(self, line: int, cells: list[str]) -> None:
        values = {
            name: cell.strip()
            for name, cell in zip(self.header, cells, strict=False)
            if cell.strip()
        }
        extra = [cell for cell in cells[len(self.header):] if cell.strip()]
        if not values and not extra:
            return  # empty rows are ignored
        if extra or any(not name for name in values):
            self.report(line, say("csv_unnamed_column"))
        values.pop("", None)
        kind = values.pop(RUBRIQUE, None)
        if kind is None:
            self.report(line, say("csv_empty_rubrique", kinds=one_of(KINDS)))
        elif kind == "dossier":
            self.dossier(line, values)
        elif kind in SECTIONS:
            self.entry(line, SECTIONS[kind], kind, values)
        elif kind in CHILDREN:
            self.child(line, kind, values)
        else:
            self.report(line, say(
                "csv_unknown_rubrique", hint=did_you_mean(kind, KINDS), kinds=one_of(KINDS)))

    def report(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.shown, line, message))

    def dossier(self, line: int, values: dict[str, str]) -> None:
        if self.dossier_line is not None:
            self.report(line, say("csv_second_dossier", line=self.dossier_line))
            return
        self.dossier_line = line
        for key, value in values.items():
            self.data[key] = value
            self.lines[(key,)] = line

    def entry(self, line: int, section: str, kind: str, values: dict[str, str]) -> None:
        items = self.data.setdefault(section, [])
        self.lines.setdefault((section,), line)
        path: PathKey = (section, len(items))
        node = self.node(line, path, values, list_key="faits" if kind == "decision" else None)
        items.append(node)
        self.parents[kind] = _Parent(path, node)

    def child(self, line: int, kind: str, values: dict[str, str]) -> None:
        parent_kind, key = CHILDREN[kind]
        parent = self.parents.get(parent_kind)
        if parent is None:
            self.report(line, say("csv_orphan", kind=kind, parent=parent_kind))
            return
        items = parent.node.setdefault(key, [])
        self.lines.setdefault((*parent.path, key), line)
        path = (*parent.path, key, len(items))
        items.append(self.node(line, path, values))

    def node(
        self, line: int, path: PathKey, values: dict[str, str], list_key: str | None = None
    ) -> dict[str, Any]:
        """One entry: its cells as keys, ``faits`` split into a list of ids."""
        self.lines[path] = line
        node: dict[str, Any] = {}
        for key, value in values.items():
            self.lines[(*path, key)] = line
            if key == list_key:
                ids = [part for part in LIST_SEPARATOR.split(value) if part]
                for index in range(len(ids)):
                    self.lines[(*path, key, index)] = line
                node[key] = ids
            else:
                node[key] = value
        return node

    def located(self) -> LocatedData:
        if self.dossier_line is None:
            self.report(1, say("csv_no_dossier"))
        return LocatedData(data=self.data, lines=dict(self.lines), first_line=1)
