"""Fixtures for the network door's tests: settings in a temporary cache, a fake
clock for cache ages, a sleep recorder, and a threaded loopback server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from enrich.assembly import build_door, door_policies
from enrich.http.client import NetworkDoor
from enrich.http.policy import ServicePolicy
from enrich.settings import Settings
from enrich.sources.arxiv import ArxivSettings
from tests.fakes.server import QuickStopHTTPServer


class Clock:
    """A wall clock the test moves by hand (cache ages, quota resets)."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class SleepRecorder:
    """Records the door's waits instead of sleeping (the waits are asserted)."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        cache_dir=tmp_path / "cache",
        max_attempts=4,
        max_retry_wait=10.0,
        connect_timeout=2.0,
        read_timeout=2.0,
        allow_private_hosts=True,  # the test servers live on 127.0.0.1
        sources=(ArxivSettings(delay=0.0),),
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


DoorFactory = Callable[..., NetworkDoor]


def plain_policies(settings: Settings) -> dict[str, ServicePolicy]:
    """The real policies, but arXiv's answer check off: these tests send the
    paced service arbitrary bodies (test_answer_checks.py tests the check)."""
    policies = door_policies(settings)
    return {**policies, "arxiv": replace(policies["arxiv"], check_answer=None)}


@pytest.fixture
def make_door(settings: Settings, clock: Clock, sleeps: SleepRecorder) -> Iterator[DoorFactory]:
    """Build doors on the test settings (overridable); all closed at teardown.

    A door is one run's: what it stores is all in the cache once it closes
    (:mod:`enrich.http.writebehind`). A new door stands for a later run, so the
    doors before it store what they hold first; they stay open for tests that
    go on using them.
    """
    doors: list[NetworkDoor] = []

    def factory(settings_: Settings | None = None, **options: Any) -> NetworkDoor:
        for earlier in doors:
            earlier.flush()
        options.setdefault("clock", clock)
        options.setdefault("sleep", sleeps)
        options.setdefault("backoff", 0.01)
        options.setdefault("policies", plain_policies(settings_ or settings))
        door = build_door(settings_ or settings, **options)
        doors.append(door)
        return door

    yield factory
    for door in doors:
        door.close()


@pytest.fixture
def threaded_server() -> Iterator[HTTPServer]:
    """A loopback server answering requests concurrently."""
    server = QuickStopHTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()
