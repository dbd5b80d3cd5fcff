"""The import graph of ``generator/``: no cycle between modules, none between packages, one style.

Imports are read with ``ast`` (deferred imports inside functions included: a cycle hidden in a
function still ties two modules together), so the test needs no import of the code itself.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# Only the engine may import MkDocs (the live preview included): the engine can then be swapped.
# The engine is engine.py and its private helpers engine_*.py (engine_pages.py: prerendered pages;
# engine_second_core.py: pages built on a second core), which nothing outside the engine may import.
ENGINE_ONLY = ("mkdocs", "material")
ENGINE_MODULE = "generator.catalogue.engine"
ROOT_GUESS = re.compile(r"__file__\)?(?:\.resolve\(\))?\.parents?\b|REPO_ROOT")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> list[tuple[str, int]]:
    """Absolute names of everything ``path`` imports (``from x import y`` gives ``x.y`` and ``x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names.append((base, node.lineno))
            names.extend((f"{base}.{alias.name}", node.lineno) for alias in node.names)
    return names


def graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py") if "_data" not in path.parts}
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target, _ in imported(path):
            if target in modules and target != name:
                edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def package_of(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 else parts[0]


def test_no_import_cycle_between_modules() -> None:
    assert cycles(graph()) == []


def test_no_import_cycle_between_packages() -> None:
    """``catalogue`` and ``timeline`` may both use the top-level modules, not each other both ways."""
    packages: dict[str, set[str]] = {}
    for source, targets in graph().items():
        packages.setdefault(package_of(source), set())
        for target in targets:
            if package_of(target) != package_of(source) and package_of(target) != "generator":
                packages[package_of(source)].add(package_of(target))
            packages.setdefault(package_of(target), set())
    assert cycles(packages) == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_imports_are_absolute() -> None:
    relative = [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                for path in PACKAGE.rglob("*.py") if "_data" not in path.parts
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and node.level]
    assert relative == []


def is_engine(module: str) -> bool:
    return module == ENGINE_MODULE or module.startswith(ENGINE_MODULE + "_")


def test_only_the_engine_imports_mkdocs() -> None:
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{line}"
                 for path in PACKAGE.rglob("*.py") if "_data" not in path.parts
                 and not is_engine(module_name(path))
                 for name, line in imported(path) if name.split(".")[0] in ENGINE_ONLY]
    assert offenders == []


def test_the_engines_helpers_are_private_to_it() -> None:
    # The engine's modules may share its helpers (engine_second_core builds prerendered pages as
    # engine_pages does); nothing else may.
    offenders = [f"{source} imports {target}" for source, targets in graph().items() if not is_engine(source)
                 for target in targets if is_engine(target) and target != ENGINE_MODULE]
    assert offenders == []


def test_no_module_guesses_the_repository_root() -> None:
    """Only ``generator/settings.py`` knows where the checkout or the package data is."""
    offenders = [str(path.relative_to(PACKAGE.parent)) for path in PACKAGE.rglob("*.py")
                 if path.name != "settings.py" and "_data" not in path.parts
                 and ROOT_GUESS.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
