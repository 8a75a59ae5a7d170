"""A policy's answer check: arXiv's 200 with a cut-off or falsely empty feed is
retried like a 5xx and never cached (sources/arxiv/_policy.py)."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response as WResponse

from enrich.assembly import door_policies
from enrich.errors import RetriesExhausted
from enrich.settings import Settings
from tests.http.conftest import DoorFactory

ATOM = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<feed xmlns="http://www.w3.org/2005/Atom" '
    'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" '
    'xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
    "<title>arXiv Query</title>\n"
    "<opensearch:totalResults>{total}</opensearch:totalResults>\n"
    "{entries}</feed>\n"
)
ENTRY = (
    "<entry><id>http://arxiv.org/abs/2401.00001v1</id>"
    "<published>2024-01-01T00:00:00Z</published>"
    "<title>A Paper</title><summary>About it.</summary>"
    "<author><name>A. Author</name></author></entry>\n"
)
GOOD = ATOM.format(total=1, entries=ENTRY).encode()
CUT_OFF = GOOD[: len(GOOD) // 2]
FALSELY_EMPTY = ATOM.format(total=1, entries="").encode()
TRULY_EMPTY = ATOM.format(total=0, entries="").encode()


def _feeds(*bodies: bytes) -> list[WResponse]:
    return [WResponse(body, content_type="application/atom+xml") for body in bodies]


@pytest.fixture
def checked(make_door: DoorFactory, settings: Settings) -> DoorFactory:
    """Doors with the real policies, arXiv's answer check included."""
    return lambda: make_door(policies=door_policies(settings))


@pytest.mark.parametrize("bad", [CUT_OFF, FALSELY_EMPTY, b""], ids=["cut-off", "empty", "no body"])
def test_an_unusable_feed_is_retried_and_not_cached(
    httpserver: HTTPServer, checked: DoorFactory, bad: bytes
) -> None:
    answers = _feeds(bad, GOOD)
    httpserver.expect_request("/api/query").respond_with_handler(lambda r: answers.pop(0))
    door = checked()
    url = httpserver.url_for("/api/query")

    response = door.request("arxiv", "GET", url, params={"id_list": "2401.00001"})

    assert response.body == GOOD
    assert door.stats.service("arxiv").retries == 1
    assert door.request("arxiv", "GET", url, params={"id_list": "2401.00001"}).cache == "hit"


def test_a_feed_that_stays_cut_off_fails_and_is_not_cached(
    httpserver: HTTPServer, checked: DoorFactory
) -> None:
    httpserver.expect_request("/api/query").respond_with_handler(lambda r: _feeds(CUT_OFF)[0])
    door = checked()
    url = httpserver.url_for("/api/query")

    with pytest.raises(RetriesExhausted, match="unreadable feed"):
        door.request("arxiv", "GET", url)
    sent = len(httpserver.log)
    with pytest.raises(RetriesExhausted):
        door.request("arxiv", "GET", url)

    assert sent == 4 and len(httpserver.log) == 8  # max_attempts each time: nothing cached


def test_a_truly_empty_result_is_an_answer(httpserver: HTTPServer, checked: DoorFactory) -> None:
    httpserver.expect_request("/api/query").respond_with_handler(lambda r: _feeds(TRULY_EMPTY)[0])
    door = checked()

    response = door.request("arxiv", "GET", httpserver.url_for("/api/query"))

    assert (response.body, door.stats.service("arxiv").retries) == (TRULY_EMPTY, 0)
