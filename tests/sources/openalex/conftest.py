"""One fake OpenAlex for the module, and a door that serves only OpenAlex, per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from enrich.assembly import build_door
from enrich.http.client import NetworkDoor
from enrich.http.policy import ServicePolicy
from enrich.settings import Settings
from enrich.sources.openalex import OpenalexSettings
from enrich.sources.openalex._policy import openalex_policy
from tests.fakes.openalex import FakeOpenalex
from tests.fakes.openalex_seed import SEED_WORKS


@pytest.fixture(scope="module")
def openalex() -> Iterator[FakeOpenalex]:
    with FakeOpenalex(SEED_WORKS, merged={"W1000000001": "W4311000001"}) as fake:
        yield fake


@pytest.fixture
def fake(openalex: FakeOpenalex) -> FakeOpenalex:
    """The shared fake, as on a fresh day: no requests recorded, a full allowance."""
    openalex.reset(allowance_usd=1.0)
    return openalex


def openalex_settings(tmp_path: Path, fake: FakeOpenalex, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "cache_dir": tmp_path / "cache",
        "max_attempts": 2,
        "sources": (OpenalexSettings.from_environment(fake.env()),),
        **overrides,
    }
    return Settings(**values)


def openalex_door(settings: Settings, policy: ServicePolicy | None = None) -> NetworkDoor:
    """A door serving only OpenAlex (``policy``: another than the real one), waits skipped."""
    policy = policy or openalex_policy(settings)
    return build_door(settings, {"openalex": policy}, sleep=lambda s: None)
