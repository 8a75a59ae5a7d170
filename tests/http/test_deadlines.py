"""A page check has a total deadline (retries included, a timeout retried at most
once), and a host that outlasted it is not asked again in the run."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WResponse

from enrich.errors import NetworkError
from enrich.settings import Settings
from enrich.sources.pages import PagesSettings
from tests.fakes.hung import HungServer
from tests.http.conftest import DoorFactory, SleepRecorder

pytestmark = pytest.mark.slow  # waits out real deadlines: scheduled first (tests/conftest.py)


@pytest.fixture(scope="module")
def hung() -> Iterator[HungServer]:
    server = HungServer().start()
    yield server
    server.stop()


def test_a_hung_page_costs_one_deadline_not_five_read_timeouts(
    hung: HungServer, make_door: DoorFactory, settings: Settings
) -> None:
    door = make_door(
        settings.with_overrides(read_timeout=5.0).with_source(PagesSettings, deadline=0.6)
    )
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
    door = make_door(
        settings.with_overrides(read_timeout=0.3).with_source(PagesSettings, deadline=20.0)
    )
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
    door = make_door(
        settings.with_overrides(read_timeout=0.3).with_source(PagesSettings, deadline=0.5)
    )
    with pytest.raises(NetworkError):
        door.request("pages", "GET", hung.url("/a"))
    before = hung.accepted

    started = time.monotonic()
    with pytest.raises(NetworkError, match="outlasted the deadline"):
        door.request("pages", "GET", hung.url("/b"))

    assert time.monotonic() - started < 0.1
    assert hung.accepted == before
    assert door.request("pages", "GET", httpserver.url_for("/ok")).body == b"fine"  # other hosts
    assert door.stats.notes == (
        f"pages: 127.0.0.1:{hung.port} did not answer within 0.5 s; not asked again this run",
    )


def test_apis_have_no_page_deadline(
    hung: HungServer, make_door: DoorFactory, settings: Settings
) -> None:
    door = make_door(
        settings.with_overrides(read_timeout=0.2, max_attempts=2).with_source(
            PagesSettings, deadline=0.01
        )
    )
    before = hung.accepted

    with pytest.raises(NetworkError):
        door.request("github", "GET", hung.url("/repos/a/b"))

    assert hung.accepted - before == 2  # its own attempts, not the pages' deadline


def test_the_deadline_is_configurable_and_defaults_to_30_seconds() -> None:
    assert Settings().of(PagesSettings).deadline == 30.0
    assert PagesSettings.from_environment({"ENRICH_PAGE_DEADLINE": "12.5"}).deadline == 12.5


def _slow(seconds: float) -> Callable[[Request], WResponse]:
    def handler(request: Request) -> WResponse:
        time.sleep(seconds)  # the page's own slowness, not a wait in the test
        return WResponse(b"<title>slow</title>", content_type="text/html")

    return handler


def test_waiting_for_a_busy_host_does_not_count_against_the_deadline(
    threaded_server: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    threaded_server.expect_request("/slow").respond_with_handler(_slow(0.3))
    door = make_door(settings.with_source(PagesSettings, deadline=0.6, concurrency_per_host=1))
    url = threaded_server.url_for("/slow")

    with ThreadPoolExecutor(3) as pool:
        bodies = list(pool.map(lambda _: door.request("pages", "GET", url).body, range(3)))

    assert bodies == [b"<title>slow</title>"] * 3  # the third waited ~0.6 s for its slot


def test_requests_queued_for_a_host_that_hangs_do_not_each_wait_a_deadline(
    hung: HungServer, make_door: DoorFactory, settings: Settings
) -> None:
    door = make_door(
        settings.with_overrides(read_timeout=5.0).with_source(
            PagesSettings, deadline=0.5, concurrency_per_host=1
        )
    )
    before = hung.accepted

    def check(n: int) -> str:
        try:
            door.request("pages", "GET", hung.url(f"/{n}"))
        except NetworkError as error:
            return error.message
        return "answered"

    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        messages = list(pool.map(check, range(4)))

    assert time.monotonic() - started < 1.5  # one deadline, not four in a row
    assert hung.accepted - before == 1
    assert sum("outlasted the deadline" in m for m in messages) == 3


def test_a_body_that_drips_forever_is_stopped_at_the_deadline(
    threaded_server: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    def drip() -> Iterator[bytes]:
        while True:
            time.sleep(0.05)  # the server's pace: each byte well within the read timeout
            yield b"."

    threaded_server.expect_request("/drip").respond_with_handler(
        lambda r: WResponse(drip(), content_type="text/html")
    )
    door = make_door(
        settings.with_overrides(read_timeout=5.0).with_source(PagesSettings, deadline=0.5)
    )

    started = time.monotonic()
    with pytest.raises(NetworkError, match="deadline passed while reading"):
        door.request("pages", "GET", threaded_server.url_for("/drip"))

    assert time.monotonic() - started < 1.5
