"""One enriched run of the fixture list for the whole module: servers started once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.findings.world import World, world


@pytest.fixture(scope="package")
def enriched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[World, dict[str, Any]]]:
    """The fixture list after one run: the world (fakes still up) and the enriched JSON."""
    with world(tmp_path_factory.mktemp("findings")) as made:
        summary = made.run()
        assert not summary.failed, summary.lists[0].error
        document = json.loads((made.root / "enriched" / "fixtures.json").read_text("utf-8"))
        yield made, document
