"""OpenAlex's API key travels in the URL, yet never lands on disk or in a log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from enrich.sources.openalex import OpenalexSettings, OpenalexSource
from tests.fakes.openalex import TEST_KEY, FakeOpenalex
from tests.sources.openalex.conftest import openalex_door, openalex_settings
from tests.sources.openalex.test_source import AUDIO2MOTION, DINET, SADTALKER


def test_the_key_is_sent_but_never_cached_or_logged(
    tmp_path: Path, fake: FakeOpenalex, caplog: pytest.LogCaptureFixture
) -> None:
    settings = openalex_settings(tmp_path, fake)
    assert settings.of(OpenalexSettings).api_key == TEST_KEY
    caplog.set_level(logging.DEBUG, logger="enrich")
    with openalex_door(settings) as door:
        outcome = OpenalexSource(door, settings).resolve([SADTALKER, DINET, AUDIO2MOTION])
    assert fake.count() >= 2 and all(r.args.get("api_key") == TEST_KEY for r in fake.requests)
    assert outcome.slots["sad"].record is not None
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert files, "the run cached nothing"
    holding = [p.name for p in files if TEST_KEY.encode() in p.read_bytes()]
    assert holding == []
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("enrich")]
    assert any(m.startswith("openalex GET") for m in ours)  # logged, without the key
    assert not [m for m in ours if TEST_KEY in m]
