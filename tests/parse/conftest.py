"""Fixtures for the parser tests: the seed list and the hand-written hard cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.models import ParsedList
from enrich.parse.markdown import parse_list
from tests.conftest import SEED_LIST

FIXTURES = Path(__file__).parent / "fixtures"
SEED_PATH = "data/raw/awesome-avatar.md"


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.fixture(scope="module")
def seed_text() -> str:
    return read(SEED_LIST)


@pytest.fixture(scope="module")
def seed(seed_text: str) -> ParsedList:
    return parse_list(seed_text, SEED_PATH)


@pytest.fixture(scope="module")
def hard_text() -> str:
    return read(FIXTURES / "hard_cases.md")


@pytest.fixture(scope="module")
def dialect_text() -> str:
    return read(FIXTURES / "other_dialect.md")
