"""Every request is logged at DEBUG and counted; the counts reach the report."""

from __future__ import annotations

import json
import logging

import pytest
from pytest_httpserver import HTTPServer

from enrich.assembly import door_policies
from enrich.errors import OfflineMiss
from enrich.settings import Settings
from tests.http.conftest import DoorFactory


def test_each_request_is_logged_with_its_outcome(
    httpserver: HTTPServer, make_door: DoorFactory, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request("/p").respond_with_data(b"hello")
    door = make_door()
    url = httpserver.url_for("/p")

    with caplog.at_level(logging.DEBUG, logger="enrich.http"):
        door.request("pages", "GET", url)
        door.request("pages", "GET", url)

    lines = [r.getMessage() for r in caplog.records if r.name == "enrich.http"]
    assert len(lines) == 2
    assert lines[0].startswith(f"pages GET {url} status=200 cache=miss attempt=1 ")
    assert lines[0].endswith("ms")
    assert lines[1] == f"pages GET {url} status=200 cache=hit attempt=0 0ms"


def test_stats_snapshot_is_json_ready_and_frozen(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    httpserver.expect_request("/p").respond_with_data(b"12345")
    door = make_door()
    door.request("pages", "GET", httpserver.url_for("/p"))
    door.request("pages", "GET", httpserver.url_for("/p"))
    offline = make_door(settings.with_overrides(offline=True))
    with pytest.raises(OfflineMiss):
        offline.request("arxiv", "GET", httpserver.url_for("/q"))

    report = door.stats.to_dict()
    json.dumps(report)
    pages = report["services"]["pages"]

    assert list(report) == ["services", "quotas", "notes", "gave_up"]
    assert sorted(report["services"]) == sorted(door_policies(settings))
    assert (pages["requests"], pages["hits"], pages["misses"], pages["bytes"]) == (1, 1, 1, 5)
    assert pages["hit_rate"] == 0.5
    assert report["quotas"]["github"] == {
        "remaining": None,
        "reset": None,
        "exhausted": False,
        "resources": {},
    }
    assert offline.stats.notes == ("offline: 1 arxiv request(s) not in the cache",)
    with pytest.raises(AttributeError):
        door.stats.notes = ()  # type: ignore[misc]
