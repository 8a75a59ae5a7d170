"""The fixture list enriched once per line-ending style, fakes kept up to count requests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.findings.world import World, world


@pytest.fixture(scope="module", params=["\n", "\r\n"], ids=["lf", "crlf"])
def enriched_world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """A run of the fixture list written with LF or CRLF endings; the list is not yet fixed."""
    with world(tmp_path_factory.mktemp("fix"), newline=request.param) as made:
        summary = made.run()
        assert not summary.failed, summary.lists[0].error
        yield made
