"""A page check has a total deadline (retries included, a timeout retried at most
once), and a host that outlasted it is not asked again in the run."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from enrich.errors import NetworkError
from enrich.settings import Settings, from_environment
from tests.fakes.hung import HungServer
from tests.http.conftest import DoorFactory, SleepRecorder


@pytest.fixture(scope="module")
def hung() -> Iterator[HungServer]:
    server = HungServer().start()
    yield server
    server.stop()


def test_a_hung_page_costs_one_deadline_not_five_read_timeouts(
    hung: HungServer, make_door: DoorFactory, settings: Settings
) -> None:
    door = make_door(settings.with_overrides(read_timeout=5.0, page_deadline=0.6))
    before = hung.accepted

    started = time.monotonic()
    with pytest.raises(NetworkError, match="ReadTimeout"):
        door.request("pages", "GET", hung.url("/slow"))
    took = time.monotonic() - started

    assert 0.5 < took < 1.5  # not 5 attempts x 5 s
    assert hung.accepted - before == 1


def test_a_timeout_is_tried_again_at_most_once(
    hung: HungServer, make_door: DoorFactory, settings: Settings, sleeps: SleepRecorder
) -> None:
    door = make_door(settings.with_overrides(read_timeout=0.3, page_deadline=20.0))
    before = hung.accepted

    started = time.monotonic()
    with pytest.raises(NetworkError):
        door.request("pages", "GET", hung.url("/slow"))

    assert hung.accepted - before == 2  # max_attempts is 4: the timeout cap stopped it
    assert time.monotonic() - started < 2.0
    assert door.stats.service("pages").retries == 1


def test_a_host_that_outlasted_the_deadline_is_not_asked_again(
    hung: HungServer, make_door: DoorFactory, settings: Settings, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/ok").respond_with_data(b"fine")
    door = make_door(settings.with_overrides(read_timeout=0.3, page_deadline=0.5))
    with pytest.raises(NetworkError):
        door.request("pages", "GET", hung.url("/a"))
    before = hung.accepted

    started = time.monotonic()
    with pytest.raises(NetworkError, match="outlasted the deadline"):
        door.request("pages", "GET", hung.url("/b"))

    assert time.monotonic() - started < 0.1
    assert hung.accepted == before
    assert door.request("pages", "GET", httpserver.url_for("/ok")).body == b"fine"  # other hosts


def test_apis_have_no_page_deadline(
    hung: HungServer, make_door: DoorFactory, settings: Settings
) -> None:
    door = make_door(settings.with_overrides(read_timeout=0.2, page_deadline=0.01, max_attempts=2))
    before = hung.accepted

    with pytest.raises(NetworkError):
        door.request("github", "GET", hung.url("/repos/a/b"))

    assert hung.accepted - before == 2  # its own attempts, not the pages' deadline


def test_the_deadline_is_configurable_and_defaults_to_30_seconds() -> None:
    assert Settings().page_deadline == 30.0
    assert from_environment({"ENRICH_PAGE_DEADLINE": "12.5"}).page_deadline == 12.5
