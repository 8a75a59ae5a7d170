"""Hosts that do not exist and APIs that cannot be reached cost seconds, not retry budgets."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer

from enrich.errors import NetworkError, RetriesExhausted
from enrich.settings import Settings
from tests.http.conftest import DoorFactory, SleepRecorder

_HELD: list[socket.socket] = []  # bound for the whole module, so no other server takes them


@pytest.fixture(autouse=True, scope="module")
def _release_ports() -> Iterator[None]:
    yield
    while _HELD:
        _HELD.pop().close()


def _closed_port() -> int:
    """A port that refuses connections: bound and never listening, and kept bound.

    (Closing the probe freed the port for the next server any worker started, and a
    test then and again met an answer where it expected a refusal.)
    """
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    _HELD.append(probe)
    return int(probe.getsockname()[1])


def test_a_name_that_does_not_resolve_is_not_retried(
    make_door: DoorFactory, settings: Settings, sleeps: SleepRecorder
) -> None:
    lookups: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        lookups.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    door = make_door(replace(settings, allow_private_hosts=False), resolve=resolve)
    with pytest.raises(NetworkError) as error:
        door.request("pages", "GET", "https://gone.example/page")
    assert "cannot resolve gone.example" in str(error.value)
    assert not isinstance(error.value, RetriesExhausted)
    assert (lookups, sleeps.waits) == (["gone.example"], [])


def test_an_api_that_never_answers_is_given_up_after_three_requests(
    make_door: DoorFactory, settings: Settings
) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/api/query"
    door = make_door(replace(settings, max_attempts=2))
    for _ in range(3):
        with pytest.raises(RetriesExhausted):
            door.request("arxiv", "GET", url, params={"id_list": "2104.11116"})
    with pytest.raises(NetworkError, match="not asked: 3 requests in a row could not connect"):
        door.request("arxiv", "GET", url, params={"id_list": "2008.10010"})
    assert door.stats.service("arxiv").requests == 0  # nothing was ever answered
    assert door.stats.service("arxiv").unreachable == 3  # the fourth was not sent
    assert door.stats.gave_up == ("arxiv",) and door.stats.to_dict()["gave_up"] == ["arxiv"]
    heard = door.reachability("pages")
    assert (heard.answered, heard.silent, heard.network_down) == (frozenset(), {"arxiv"}, True)
    assert door.reachability("arxiv").silent == frozenset()  # the asker's own silence is not news


def test_one_answer_anywhere_means_the_network_is_up(
    make_door: DoorFactory, settings: Settings, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/ok").respond_with_data("<feed/>")
    door = make_door(replace(settings, max_attempts=1))
    with pytest.raises(RetriesExhausted):
        door.request("github", "GET", f"http://127.0.0.1:{_closed_port()}/repos/a/b")
    assert door.request("arxiv", "GET", httpserver.url_for("/ok")).status == 200
    heard = door.reachability("pages", wait=5.0)  # evidence is there: no wait
    assert (heard.answered, heard.silent, heard.network_down) == ({"arxiv"}, {"github"}, False)


def test_an_answer_resets_the_count(
    make_door: DoorFactory, settings: Settings, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/ok").respond_with_data("<feed/>")
    closed = f"http://127.0.0.1:{_closed_port()}/api/query"
    door = make_door(replace(settings, max_attempts=1))
    for _ in range(2):
        with pytest.raises(RetriesExhausted):
            door.request("arxiv", "GET", closed)
    assert door.request("arxiv", "GET", httpserver.url_for("/ok")).status == 200
    for _ in range(2):
        with pytest.raises(RetriesExhausted):
            door.request("arxiv", "GET", closed, params={"n": "again"})
    assert door.request("arxiv", "GET", httpserver.url_for("/ok"), freshness=0).status == 200
