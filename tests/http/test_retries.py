"""Retries: backoff, Retry-After, timeouts, and giving up with a typed error."""

from __future__ import annotations

import email.utils
import time
from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WResponse

from enrich.errors import NetworkError, RetriesExhausted
from enrich.settings import Settings
from tests.http.conftest import Clock, DoorFactory, SleepRecorder

pytestmark = pytest.mark.slow  # waits out a real Retry-After: scheduled first (tests/conftest.py)


def _sequence(*answers: WResponse):  # type: ignore[no-untyped-def]
    """A handler giving these answers in turn, then the last one forever."""
    queue = list(answers)

    def handler(request: Request) -> WResponse:
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return handler


def test_503_then_200_is_retried(
    httpserver: HTTPServer, make_door: DoorFactory, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/api/query").respond_with_handler(
        _sequence(WResponse(b"busy", status=503), WResponse(b"<feed/>"))
    )
    door = make_door()

    response = door.request("arxiv", "GET", httpserver.url_for("/api/query"))

    assert (response.status, response.body, response.cache) == (200, b"<feed/>", "miss")
    assert len(httpserver.log) == 2
    assert len(sleeps.waits) == 1 and 0 <= sleeps.waits[0] <= 0.02  # jittered backoff
    stats = door.stats.service("arxiv")
    assert (stats.requests, stats.retries, stats.misses, stats.errors) == (2, 1, 1, 0)


def test_429_retry_after_seconds_is_honoured(
    httpserver: HTTPServer, make_door: DoorFactory, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/api/query").respond_with_handler(
        _sequence(WResponse(b"", status=429, headers={"Retry-After": "3"}), WResponse(b"ok"))
    )

    response = make_door().request("arxiv", "GET", httpserver.url_for("/api/query"))

    assert (response.status, response.body) == (200, b"ok")
    assert sleeps.waits == [3.0]


def test_retry_after_zero_really_retries_with_the_real_sleep(
    httpserver: HTTPServer, make_door: DoorFactory
) -> None:
    httpserver.expect_request("/p").respond_with_handler(
        _sequence(WResponse(b"", status=429, headers={"Retry-After": "0"}), WResponse(b"ok"))
    )
    door = make_door(sleep=time.sleep)

    response = door.request("pages", "GET", httpserver.url_for("/p"))

    assert response.body == b"ok"
    assert len(httpserver.log) == 2


def test_retry_after_one_second_waits_in_real_time(
    httpserver: HTTPServer, make_door: DoorFactory
) -> None:
    httpserver.expect_request("/p").respond_with_handler(
        _sequence(WResponse(b"", status=503, headers={"Retry-After": "1"}), WResponse(b"ok"))
    )
    door = make_door(sleep=time.sleep, clock=time.time)
    started = time.monotonic()

    response = door.request("pages", "GET", httpserver.url_for("/p"))

    assert response.body == b"ok"
    assert time.monotonic() - started >= 1.0


def test_retry_after_http_date_is_honoured(
    httpserver: HTTPServer, make_door: DoorFactory, sleeps: SleepRecorder, clock: Clock
) -> None:
    when = email.utils.formatdate(clock.now + 5, usegmt=True)
    httpserver.expect_request("/p").respond_with_handler(
        _sequence(WResponse(b"", status=503, headers={"Retry-After": when}), WResponse(b"ok"))
    )

    response = make_door().request("pages", "GET", httpserver.url_for("/p"))

    assert response.body == b"ok"
    assert sleeps.waits == [5.0]


def test_retry_after_beyond_the_budget_gives_up_at_once(
    httpserver: HTTPServer, make_door: DoorFactory, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/p").respond_with_data(
        b"", status=429, headers={"Retry-After": "3600"}
    )
    url = httpserver.url_for("/p")

    with pytest.raises(RetriesExhausted) as raised:
        make_door().request("pages", "GET", url)

    assert (raised.value.status, raised.value.attempts) == (429, 1)
    assert sleeps.waits == []


def test_timeout_then_success(
    threaded_server: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    calls = []

    def handler(request: Request) -> WResponse:
        calls.append(request.path)
        if len(calls) == 1:
            time.sleep(0.5)
        return WResponse(b"late but fine")

    threaded_server.expect_request("/slow").respond_with_handler(handler)
    door = make_door(replace(settings, read_timeout=0.2))

    response = door.request("github", "GET", threaded_server.url_for("/slow"))

    assert (response.status, response.body) == (200, b"late but fine")
    assert len(calls) == 2
    assert door.stats.service("github").retries == 1


def test_exhausted_retries_raise_a_typed_error_naming_service_and_url(
    httpserver: HTTPServer, make_door: DoorFactory, sleeps: SleepRecorder
) -> None:
    httpserver.expect_request("/api/query").respond_with_data(b"down", status=502)
    url = httpserver.url_for("/api/query")
    door = make_door()

    with pytest.raises(RetriesExhausted) as raised:
        door.request("arxiv", "GET", url)

    error = raised.value
    assert (error.service, error.url, error.status, error.attempts) == ("arxiv", url, 502, 4)
    assert "arxiv" in str(error) and url in str(error) and "502" in str(error)
    assert len(httpserver.log) == 4 and len(sleeps.waits) == 3
    assert door.stats.service("arxiv").errors == 1


def test_connection_refused_is_retried_then_typed(
    make_door: DoorFactory, sleeps: SleepRecorder
) -> None:
    import socket

    spare = socket.socket()
    spare.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{spare.getsockname()[1]}/x"  # bound, not listening
    try:
        with pytest.raises(RetriesExhausted) as raised:
            make_door().request("pages", "GET", url)
    finally:
        spare.close()

    assert (raised.value.status, raised.value.attempts) == (None, 4)
    assert "ConnectError" in raised.value.message


def test_errors_are_never_cached(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    httpserver.expect_request("/p").respond_with_handler(
        _sequence(*[WResponse(b"", status=500)] * 4, WResponse(b"good"))
    )
    url = httpserver.url_for("/p")
    door = make_door()
    with pytest.raises(RetriesExhausted):
        door.request("pages", "GET", url)

    after = door.request("pages", "GET", url)

    assert (after.status, after.body, after.cache) == (200, b"good", "miss")
    assert len(httpserver.log) == 5


def test_hopeless_transport_errors_are_typed_and_not_retried(
    httpserver: HTTPServer, make_door: DoorFactory
) -> None:
    httpserver.expect_request("/repos/a/b").respond_with_data(
        b"", status=302, headers={"Location": "ftp://example.org/x"}
    )

    # Refused before the hop (it was httpx's UnsupportedProtocol once sent): typed, asked once.
    with pytest.raises(NetworkError, match=r"refusing redirect to 'ftp://.*http\(s\)") as raised:
        make_door().request("github", "GET", httpserver.url_for("/repos/a/b"))

    assert not isinstance(raised.value, RetriesExhausted)
    assert (raised.value.service, len(httpserver.log)) == ("github", 1)
