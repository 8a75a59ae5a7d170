"""One mapping from a door failure to a slot status (sources/interface.door_failure), used by all.

A toy fifth source once wrote its own and turned ``--offline`` into ``error``
instead of ``skipped``; only an end-to-end byte comparison caught it. Here
the mapping is checked once, and every source package is checked to use it
and to catch none of the door's errors by their own names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from enrich.errors import (
    NetworkError,
    NotAsked,
    OfflineMiss,
    RateLimited,
    RetriesExhausted,
    UnsafeURL,
)
from enrich.models import SlotStatus
from enrich.sources.interface import OFFLINE_REASON, door_failure
from enrich.sources.registry import SOURCES

SOURCES_DIR = Path(__file__).resolve().parents[2] / "src" / "enrich" / "sources"
URL = "http://127.0.0.1:9/x"


@pytest.mark.parametrize(
    ("error", "status", "reason", "spent"),
    [
        (OfflineMiss("s", URL), SlotStatus.SKIPPED, OFFLINE_REASON, False),
        (
            NotAsked("s", URL, "host gave up"),
            SlotStatus.SKIPPED,
            "Toy not asked: host gave up",
            False,
        ),
        (
            RateLimited("s", URL, "limit", reset_at=None),
            SlotStatus.SKIPPED,
            "Toy quota spent: limit",
            True,
        ),
        (
            RetriesExhausted("s", URL, "HTTP 503", attempts=5),
            SlotStatus.ERROR,
            "Toy request failed: HTTP 503 (after 5 attempt(s))",
            False,
        ),
        (
            UnsafeURL("s", URL, "private address"),
            SlotStatus.ERROR,
            "Toy request failed: private address (after 0 attempt(s))",
            False,
        ),
    ],
    ids=["offline", "not-asked", "quota", "retries", "unsafe"],
)
def test_each_door_failure_has_one_status_and_wording(
    error: NetworkError, status: SlotStatus, reason: str, spent: bool
) -> None:
    failed = door_failure("Toy", error)
    assert (failed.status, failed.reason, failed.quota_spent) == (status, reason, spent)
    assert failed.skipped is (status is SlotStatus.SKIPPED)


def _source_modules(name: str) -> list[Path]:
    folder = SOURCES_DIR / name
    return sorted(folder.glob("*.py")) if folder.is_dir() else []


def _caught_names(tree: ast.AST) -> set[str]:
    caught = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            kinds = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            caught |= {kind.id for kind in kinds if isinstance(kind, ast.Name)}
    return caught


@pytest.mark.parametrize("name", [spec.name for spec in SOURCES])
def test_every_source_maps_door_failures_through_the_one_helper(name: str) -> None:
    modules = _source_modules(name)
    assert modules, f"no package for the source {name!r}"
    texts = {path.name: path.read_text(encoding="utf-8") for path in modules}
    assert any("door_failure(" in text for text in texts.values()), name
    for file, text in texts.items():
        own = _caught_names(ast.parse(text)) & {"OfflineMiss", "RateLimited", "NotAsked"}
        assert not own, f"{name}/{file} maps {sorted(own)} itself instead of door_failure"
