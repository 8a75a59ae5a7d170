"""--offline: answers only from the cache, however old, and never opens a socket."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from enrich.errors import OfflineMiss
from enrich.settings import Settings
from tests.http.conftest import Clock, DoorFactory


def test_offline_serves_the_cache_however_old(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings, clock: Clock
) -> None:
    httpserver.expect_request("/repos/a/b").respond_with_json({"stars": 3})
    url = httpserver.url_for("/repos/a/b")
    make_door().request("github", "GET", url)
    clock.advance(365 * 24 * 3600.0)
    offline = make_door(settings.with_overrides(offline=True))

    response = offline.request("github", "GET", url)

    assert (response.status, response.json(), response.cache) == (200, {"stars": 3}, "offline")
    assert len(httpserver.log) == 1
    assert offline.stats.service("github").offline_hits == 1


def test_offline_without_cache_raises_and_sends_nothing(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    httpserver.expect_request("/api/query").respond_with_data(b"<feed/>")
    offline = make_door(settings.with_overrides(offline=True))
    url = httpserver.url_for("/api/query")

    with pytest.raises(OfflineMiss) as raised:
        offline.request("arxiv", "GET", url, params={"id_list": "2401.00001"})
    with pytest.raises(OfflineMiss):
        offline.request("github", "POST", url, json_body={"query": "{}"})  # uncacheable

    assert raised.value.url == f"{url}?id_list=2401.00001"
    assert httpserver.log == []
    stats = offline.stats
    assert (stats.service("arxiv").offline_misses, stats.service("arxiv").requests) == (1, 0)
    assert stats.service("github").offline_misses == 1
