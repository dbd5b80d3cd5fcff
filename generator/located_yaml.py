"""YAML loading that remembers the line of every key and list item.

PyYAML's ``safe_load`` drops positions, but every message we print must say ``path:line``.
We compose the node tree once, construct the data from it, and walk the same tree to record
the line of each path (``("supports", 0, "fichier")`` → 12). Duplicate keys, which PyYAML
silently resolves to the last value, are reported since a contributor never means them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

PathKey = tuple[str | int, ...]


@dataclass
class LocatedData:
    """Parsed YAML data plus the 1-based line of each key path."""

    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)
    first_line: int = 1
    # Only with ``as_text=True``: where each scalar value ends (1-based line, 0-based column) and
    # whether it was written plain (unquoted), so a caller can look at the rest of its line.
    value_ends: dict[PathKey, tuple[int, int, bool]] = field(default_factory=dict)

    def line(self, *path: str | int) -> int:
        """Line of ``path``, or of its nearest located parent."""
        key: PathKey = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.first_line


class YamlSyntaxError(Exception):
    """Invalid YAML, with the 1-based line of the problem and a French explanation."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


# Sheets and case files nest three or four levels; PyYAML composes recursively, so a runaway
# "[[[[…" would end in a RecursionError instead of a located message.
MAX_DEPTH = 50
LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # what YAML counts as a new line


class _Refused(yaml.MarkedYAMLError):
    """Valid YAML that we refuse, with the French hint to print and where it starts."""

    def __init__(self, hint: str, mark: yaml.Mark) -> None:
        super().__init__(problem=hint, problem_mark=mark)
        self.hint = hint


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps an impossible date (``2024-13-01``) as text instead of crashing,
    so that the validator can report it with its line like any other bad value; it refuses,
    with a located error, what PyYAML would let through as a Python crash or a cycle."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
        try:
            # Named base, not super(): _FastLoader borrows this method (another class hierarchy).
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(self, node)
        except ValueError:
            return self.construct_scalar(node)

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        # An alias (*name) repeats an anchored value: no sheet or case file needs one, and an
        # alias inside its own anchor is a cycle that the line walk and the checks would follow
        # forever (or, nested, an exponential blow-up). A "*" value is nearly always unquoted text.
        if self.check_event(yaml.AliasEvent):
            raise _Refused("une valeur ne peut pas commencer par « * » (alias YAML) : mettez-la entre "
                           "guillemets", self.peek_event().start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(f"plus de {MAX_DEPTH} niveaux imbriqués (crochets, accolades ou "
                               "indentation) : simplifiez cette valeur", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> object:
        # PyYAML lets Python errors through for values it cannot convert: "!!int x",
        # "!!bool peut-être", or an integer longer than Python's 4,300-digit limit.
        try:
            return yaml.constructor.SafeConstructor.construct_object(self, node, deep)
        except (ValueError, TypeError, KeyError, OverflowError):
            raise _Refused("valeur illisible (nombre trop long ou type « !! » impossible) : mettez-la "
                           "entre guillemets", node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


# libyaml's C parser composes ~10x faster than PyYAML's Python one, which is most of the time of
# loading thousands of sheets or a batch of case files. It cannot carry the alias and depth guards
# of ``_Loader.compose_node``: the composed tree is checked instead (no alias, i.e. no node reached
# twice, and shallow nesting), and anything it refuses goes to ``_Loader`` for the located French
# message. A "*" or "&" inside text ("Andrews & Bonta", "*Making Good*") keeps the fast path.
_CSafeLoader = getattr(yaml, "CSafeLoader", None)
MAX_FAST_INDENT = 2 * MAX_DEPTH


if _CSafeLoader is not None:
    class _FastLoader(_CSafeLoader):  # type: ignore[misc, valid-type]
        construct_yaml_timestamp = _Loader.construct_yaml_timestamp
        construct_object = _Loader.construct_object

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _FastLoader.construct_yaml_timestamp)


# libyaml composes recursively in C, without Python's recursion limit: past this many brackets
# the text goes to the guarded loader. Below it, the composed tree's depth is measured instead
# (a case file with 60 decisions has 60 "[f1]" lists, yet a depth of 4).
MAX_FAST_BRACKETS = 5000


def _fast_path_allowed(text: str) -> bool:
    if _CSafeLoader is None:
        return False
    if text.count("[") + text.count("{") > MAX_FAST_BRACKETS:
        return False
    return all(len(line) - len(line.lstrip(" ")) <= MAX_FAST_INDENT for line in text.split("\n"))


def _needs_guarded_loader(node: yaml.Node) -> bool:
    """True when the tree nests deeper than ``MAX_DEPTH`` or uses an alias (a node reached twice).

    Walked without recursion, each node once: linear in the size of the text, whatever it holds.
    """
    stack = [(node, 1)]
    seen: set[int] = set()
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH or id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))
    return False


def _compose_fast(text: str, as_text: bool = False) -> tuple[yaml.Node | None, Any] | None:
    """(node, data) from libyaml, or None when the text must go through the guarded loader."""
    if not _fast_path_allowed(text):
        return None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        if _needs_guarded_loader(node):
            return None  # the guarded loader says where, in French
        data = loader.construct_document(node)  # also refuses "!!int mille" in text mode
        return node, (_as_text(node) if as_text else data)
    except Exception:  # noqa: BLE001 - any refusal: the guarded loader reports it in French
        return None
    finally:
        loader.dispose()


def load_located(text: str, line_offset: int = 0, as_text: bool = False) -> LocatedData:
    """Parse one YAML document; ``line_offset`` shifts lines (front-matter inside a file).

    With ``as_text``, every scalar is kept as the text written (an unquoted ``0123`` stays
    "0123", ``+33…`` keeps its ``+``, ``2012-03-15`` stays text); a plain empty, ``~`` or ``null``
    is None. Mappings and lists are built as usual (a repeated key keeps its last value).
    """
    if as_text:
        located = _load_text_fast(text, line_offset)
        if located is not None:
            return located
    fast = _compose_fast(text, as_text=True) if as_text else _compose_fast(text)
    try:
        if fast is not None:
            node, data = fast
        else:
            loader = _Loader(text)
            try:
                node = loader.get_single_node()
                data = loader.construct_document(node) if node is not None else None
                if as_text and node is not None:
                    # Constructed anyway, so that a tagged value YAML cannot read ("!!int
                    # mille") is refused with its line, as in the default mode.
                    data = _as_text(node)
            finally:
                loader.dispose()
    except _Refused as error:
        raise YamlSyntaxError(error.problem_mark.line + 1 + line_offset, f"YAML invalide : {error.hint}.") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        raise YamlSyntaxError(line, _french_yaml_message(error, line_offset)) from None
    except yaml.reader.ReaderError as error:  # a control character, often pasted from elsewhere
        line = len(LINE_BREAK.findall(text, 0, error.position)) + 1 + line_offset
        raise YamlSyntaxError(line, f"YAML invalide : caractère invisible interdit (U+{error.character:04X}) : "
                              "supprimez-le ou retapez la ligne.") from None
    except yaml.YAMLError:
        raise YamlSyntaxError(1 + line_offset, "YAML illisible : vérifiez la syntaxe du fichier.") from None
    located = LocatedData(data=data, first_line=1 + line_offset)
    if node is not None:
        _record_lines(node, (), located, line_offset, as_text)
    return located


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


# Text mode in one pass (a batch of case files spends most of its YAML time here): libyaml
# composes without resolving plain scalars to types (BaseResolver: every untagged scalar is a
# string), then a single walk over the tree checks depth and aliases, builds the text data and
# records the lines. The constructor is never run: anything unusual (an explicit tag such as
# "!!int mille", a list used as a key, an alias, deep nesting, a syntax error) gives up and goes
# through the full path below, which refuses it with its French message as before.
if _CSafeLoader is not None:
    class _FastTextLoader(yaml.cyaml.CParser, yaml.constructor.SafeConstructor,  # type: ignore[misc]
                          yaml.resolver.BaseResolver):
        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.BaseResolver.__init__(self)

        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            # BaseResolver's answer without its lookups (no implicit or path resolvers here):
            # libyaml asks for every node, ~400 times a case file.
            return _DEFAULT_TAGS[kind]


_STR_TAG, _SEQ_TAG, _MAP_TAG = (yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
                                yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
                                yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG)


_DEFAULT_TAGS = {yaml.ScalarNode: _STR_TAG, yaml.SequenceNode: _SEQ_TAG, yaml.MappingNode: _MAP_TAG}


class _GiveUp(Exception):
    """The one-pass text load met something that the full path must judge."""


def _load_text_fast(text: str, line_offset: int) -> LocatedData | None:
    if not _fast_path_allowed(text):
        return None
    loader = _FastTextLoader(text)
    try:
        node = loader.get_single_node()
        located = LocatedData(data=None, first_line=1 + line_offset)
        if node is not None:
            located.data = _TextWalk(located, line_offset).value(node, (), 1)
        return located
    except Exception:  # noqa: BLE001 - syntax errors and odd trees: the full path reports them
        return None
    finally:
        loader.dispose()


class _TextWalk:
    """``_as_text`` and ``_record_lines(..., ends=True)`` of the tree, in one pass, guarded."""

    def __init__(self, out: LocatedData, offset: int) -> None:
        self.out = out
        self.offset = offset + 1
        self.seen: set[int] = set()

    def value(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        if depth > MAX_DEPTH or id(node) in self.seen:
            raise _GiveUp  # too deep, or an alias (a node reached twice)
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR_TAG:
                raise _GiveUp  # an explicit tag: the constructor must accept it or refuse it
            mark = node.end_mark
            self.out.value_ends[path] = (mark.line + self.offset, mark.column, not node.style)
            return None if not node.style and node.value in _NULLS else node.value
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
            items = []
            for index, item in enumerate(node.value):
                self.out.lines[(*path, index)] = item.start_mark.line + self.offset
                items.append(self.value(item, (*path, index), depth + 1))
            return items
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
            return self.mapping(node, path, depth)
        raise _GiveUp

    def mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG or depth >= MAX_DEPTH:
                raise _GiveUp
            key = key_node.value
            line = key_node.start_mark.line + self.offset
            if key in result:
                self.out.duplicate_keys.append((".".join(map(str, (*path, key))), line))
            self.out.lines[(*path, key)] = line
            result[key] = self.value(value_node, (*path, key), depth + 1)
        return result


def _as_text(node: yaml.Node) -> Any:
    """The document with every scalar as its written text (see ``load_located``)."""
    if isinstance(node, yaml.MappingNode):
        return {_key_text(k): _as_text(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_as_text(item) for item in node.value]
    if not node.style and node.value in _NULLS:  # plain: None from PyYAML, "" from libyaml
        return None
    return node.value


def _key_text(node: yaml.Node) -> str:
    # A list or mapping used as a key ("? [a, b]") has no text: it is reported as an unknown key.
    return node.value if isinstance(node, yaml.ScalarNode) else "?"


def _record_lines(
    node: yaml.Node, path: PathKey, out: LocatedData, offset: int, ends: bool = False
) -> None:
    if ends and isinstance(node, yaml.ScalarNode):
        mark = node.end_mark
        out.value_ends[path] = (mark.line + 1 + offset, mark.column, not node.style)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                out.duplicate_keys.append((".".join(map(str, (*path, key))), line))
            seen.add(key)
            out.lines[(*path, key)] = line
            _record_lines(value_node, (*path, key), out, offset, ends)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out.lines[(*path, index)] = item.start_mark.line + 1 + offset
            _record_lines(item, (*path, index), out, offset, ends)


def _french_yaml_message(error: yaml.MarkedYAMLError, line_offset: int) -> str:
    """Explain the most common YAML mistakes of non-developers in French."""
    problem = (error.problem or "").lower()
    if "\\t" in (error.problem or ""):  # PyYAML prints the tab escaped, as a backslash and a t
        hint = "une tabulation est utilisée pour indenter : remplacez-la par des espaces"
    elif "mapping values are not allowed" in problem:
        hint = ("deux-points inattendu : mettez la valeur entre guillemets "
                "si elle contient « : », ou vérifiez l'indentation")
    elif "could not find expected ':'" in problem:
        hint = "il manque « : » après une clé, ou une ligne est mal indentée"
    elif "found character" in problem:
        hint = "caractère interdit en début de valeur : mettez la valeur entre guillemets"
    elif "did not find expected key" in problem or "expected <block end>" in problem:
        hint = "indentation incohérente : alignez cette ligne sur les clés du même niveau"
    elif "found undefined alias" in problem or "found unhashable key" in problem:
        hint = "valeur mal formée : mettez-la entre guillemets"
    elif "flow sequence" in str(error.context or "").lower():
        opened = error.context_mark.line + 1 + line_offset if error.context_mark else None
        hint = (f"liste entre crochets ouverte {f'ligne {opened} ' if opened else ''}mais pas "
                "fermée : ajoutez « ] » à la fin, et séparez les valeurs par des virgules")
    elif "while scanning a quoted scalar" in str(error.context or "").lower():
        hint = "guillemet ouvert mais jamais fermé"
    else:
        hint = "syntaxe incorrecte : vérifiez l'indentation, les deux-points et les guillemets"
    return f"YAML invalide : {hint}."
