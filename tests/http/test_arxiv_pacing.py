"""arXiv: one request in flight and a minimum gap, across threads and doors."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WResponse

from enrich.http.policy import Pacing, ServicePolicy
from enrich.settings import Settings
from enrich.sources.arxiv import ArxivSettings
from tests.http.conftest import DoorFactory

pytestmark = pytest.mark.slow  # waits out real pacing gaps: scheduled first (tests/conftest.py)

DELAY = 0.2


def test_spacing_and_single_flight_under_concurrent_callers(
    threaded_server: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    spans: list[tuple[float, float]] = []
    lock = threading.Lock()

    def handler(request: Request) -> WResponse:
        start = time.monotonic()
        time.sleep(0.03)  # in flight long enough for an overlap to show
        with lock:
            spans.append((start, time.monotonic()))
        return WResponse(request.args["id_list"].encode())

    threaded_server.expect_request("/api/query").respond_with_handler(handler)
    paced = settings.with_source(ArxivSettings, delay=DELAY)
    doors = [make_door(paced, sleep=time.sleep, clock=time.time) for _ in range(2)]
    url = threaded_server.url_for("/api/query")

    def ask(n: int) -> bytes:
        door = doors[n % 2]  # two doors share the process-wide pacer
        return door.request("arxiv", "GET", url, params={"id_list": f"2401.{n:05d}"}).body

    with ThreadPoolExecutor(max_workers=6) as pool:
        bodies = list(pool.map(ask, range(6)))

    assert bodies == [f"2401.{n:05d}".encode() for n in range(6)]
    spans.sort()
    assert len(spans) == 6
    gaps = [later[0] - earlier[1] for earlier, later in pairwise(spans)]
    assert min(gaps) >= DELAY  # server marks lie inside the client's, so this is a lower bound
    assert all(gap > 0 for gap in gaps)  # never two in flight


def test_cache_hits_do_not_wait(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    httpserver.expect_request("/api/query").respond_with_data(b"<feed/>")
    door = make_door(settings.with_source(ArxivSettings, delay=DELAY), sleep=time.sleep)
    url = httpserver.url_for("/api/query")
    door.request("arxiv", "GET", url)
    started = time.monotonic()

    hits = [door.request("arxiv", "GET", url).cache for _ in range(5)]

    assert hits == ["hit"] * 5
    assert time.monotonic() - started < DELAY


def test_spacing_without_single_flight_lets_requests_overlap(
    threaded_server: HTTPServer, make_door: DoorFactory
) -> None:
    """A policy may space request starts without holding one slot (e.g. a per-second limit)."""
    spaced = ServicePolicy(
        name="spaced", freshness=0.0, max_body_bytes=1_000, pacing=Pacing(0.1, False)
    )
    starts: list[float] = []
    in_flight = [0, 0]  # now, peak
    lock = threading.Lock()

    def handler(request: Request) -> WResponse:
        with lock:
            starts.append(time.monotonic())
            in_flight[0] += 1
            in_flight[1] = max(in_flight)
        time.sleep(0.3)  # long enough for the next start to overlap
        with lock:
            in_flight[0] -= 1
        return WResponse(b"ok")

    threaded_server.expect_request("/spaced").respond_with_handler(handler)
    door = make_door(policies={"spaced": spaced}, sleep=time.sleep)
    url = threaded_server.url_for("/spaced")

    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(lambda n: door.request("spaced", "GET", f"{url}?n={n}"), range(3)))

    starts.sort()
    assert in_flight[1] >= 2  # overlapping: no single flight
    # yet starts are spaced (unpaced they would be ~1 ms apart); the margin is for the
    # arrival jitter of a loaded machine: starts 0.05 s apart once arrived 0.037 s apart
    assert min(b - a for a, b in pairwise(starts)) >= 0.07
