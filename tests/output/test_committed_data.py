"""The enriched files committed in ``data/enriched/`` keep to today's schema.

Renderers read the committed JSON and trust its schema; a model change that
forgets to refresh the committed data would hand them a file the schema
refuses. (Refresh: ``python -m enrich run`` — offline it writes every slot
``skipped`` — then commit.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enrich.output.schema import validation_errors

ENRICHED = Path(__file__).resolve().parents[2] / "data" / "enriched"
FILES = sorted(ENRICHED.glob("*.json"))


def test_there_is_committed_data() -> None:
    assert FILES, f"no enriched file in {ENRICHED}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_committed_file_keeps_to_the_schema(path: Path) -> None:
    assert validation_errors(json.loads(path.read_bytes())) == []
