"""The import graph has no loop, and the low layers and side rooms import nothing above them.

Read from the source text (late imports inside functions count: a late
import hides a loop, it does not remove it). The figures before issue 22:
2 loops, 28 modules (settings <-> every source through the registry;
findings/history <-> pipeline).
"""

from __future__ import annotations

import pytest

from tests.architecture.imports import Graph, import_graph, loops

# Nothing here may import these (or anything under them).
ABOVE = ("enrich.pipeline", "enrich.sources")
LOW_AND_SIDE = (
    "enrich.settings",
    "enrich.http",
    "enrich.findings",
    "enrich.history",
    "enrich.fix",
)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return import_graph()


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_import_graph_has_no_loop(graph: Graph) -> None:
    assert loops(graph) == []


@pytest.mark.parametrize("low", LOW_AND_SIDE)
def test_no_arrow_runs_up_from_the_low_layers_and_side_rooms(graph: Graph, low: str) -> None:
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if _under(module, low)
        for target in targets
        if any(_under(target, high) for high in ABOVE)
    )
    assert upward == []


def test_the_graph_sees_late_imports_and_parent_packages() -> None:
    """The reader itself: a loop through a late import and a package __init__ is found."""
    assert loops({"a": frozenset({"b"}), "b": frozenset({"a"}), "c": frozenset()}) == [["a", "b"]]
    graph = import_graph()
    assert "enrich.sources.registry" in graph["enrich.assembly"]
    assert "enrich.sources" in graph["enrich.assembly"]  # the parent package's __init__ runs
