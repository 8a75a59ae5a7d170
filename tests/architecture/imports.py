"""The import graph of ``src/enrich``, read from the source text (no import runs).

Every ``import`` counts, late ones inside functions included (a late import
is a loop hidden from the interpreter, not a loop gone), and those under
``if TYPE_CHECKING:`` are left out (they never run). ``python -m
tests.architecture.imports`` prints the loops (strongly connected groups
of more than one module) and their sizes.
"""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "enrich"

Graph = Mapping[str, frozenset[str]]


def module_names(root: Path = SOURCE) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__``)."""
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            yield from (n for child in node.orelse for n in _imports_of(child))
            continue
        yield from _imports_of(node)


def _imports_of(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    else:
        yield from _imports(node)


def _targets(node: ast.Import | ast.ImportFrom, here: str, is_package: bool) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        parts = here.split(".")
        keep = len(parts) - node.level + (1 if is_package else 0)
        base = ".".join([*parts[:keep], *([base] if base else [])])
    yield base
    yield from (f"{base}.{alias.name}" for alias in node.names)


def _with_parents(module: str) -> Iterator[str]:
    """Importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__`` first.

    A module's own packages are left out of its imports (they are already
    running when it is imported); another package's ``__init__`` is not.
    """
    parts = module.split(".")
    yield from (".".join(parts[:end]) for end in range(1, len(parts) + 1))


@functools.cache
def import_graph(root: Path = SOURCE) -> dict[str, frozenset[str]]:
    """Module -> the package's modules importing it runs (its parent packages too;
    a name imported from a package is the package unless it is a module of its own)."""
    modules = module_names(root)
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        wanted = set()
        for node in _imports(tree):
            for target in _targets(node, name, is_package):
                if target in modules:
                    wanted.update(_with_parents(target))
        wanted -= set(_with_parents(name))  # its own packages run first, whoever imports it
        graph[name] = frozenset(wanted)
    return graph


def loops(graph: Graph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), largest first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups, key=lambda g: (-len(g), g))


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    found = loops(import_graph(root))
    print(f"{len(found)} loop(s), {sum(map(len, found))} module(s) in loops")
    for group in found:
        print(f"  {len(group)}: {', '.join(group)}")


if __name__ == "__main__":
    main()
