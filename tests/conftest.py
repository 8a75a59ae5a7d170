"""Shared test configuration.

No test may reach the internet: ``pytest-socket`` (configured in
``pyproject.toml`` with ``--allow-hosts=127.0.0.1,::1,localhost``) refuses any
connection to another address, and ``test_network_guard.py`` proves it.
Fixtures for one area live in that area's own test files or in ``tests/fakes``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED_LIST = REPO_ROOT / "data" / "raw" / "awesome-avatar.md"


@pytest.fixture
def seed_list() -> Path:
    return SEED_LIST
