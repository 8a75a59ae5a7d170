"""Every service's answers are capped (decompressed size included), and an answer
over the cap is a typed failure, never cached, read in bounded memory."""

from __future__ import annotations

import tracemalloc
import zlib
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response as WResponse

from enrich.errors import AnswerTooLarge
from enrich.settings import Settings
from enrich.sources.arxiv import ArxivSettings
from enrich.sources.github import GithubSettings
from enrich.sources.pages import PagesSettings
from tests.fakes.hostile import gzip_bomb
from tests.http.conftest import DoorFactory

CAP = 200_000
BOMB = gzip_bomb(50 * 1024 * 1024)  # ~50 KB that expand to 50 MB


@pytest.fixture
def capped(settings: Settings) -> Settings:
    return (
        settings.with_source(ArxivSettings, max_bytes=CAP)
        .with_source(GithubSettings, max_bytes=CAP)
        .with_source(PagesSettings, max_bytes=CAP)
    )


def _endless() -> Iterator[bytes]:
    while True:
        yield b"<entry>" + b"x" * 65_536 + b"</entry>"


@pytest.mark.parametrize("service", ["arxiv", "github"])
def test_an_api_answer_over_the_cap_fails_and_is_not_cached(
    httpserver: HTTPServer, make_door: DoorFactory, capped: Settings, service: str
) -> None:
    httpserver.expect_request("/big").respond_with_data(b"x" * (CAP + 1))
    door = make_door(capped)

    for _ in range(2):
        with pytest.raises(AnswerTooLarge, match="larger than 200,000 bytes"):
            door.request(service, "GET", httpserver.url_for("/big"))

    assert len(httpserver.log) == 2  # asked again: the failure was not cached
    assert door.stats.service(service).errors == 2


def test_an_answer_at_the_cap_is_whole(
    httpserver: HTTPServer, make_door: DoorFactory, capped: Settings
) -> None:
    httpserver.expect_request("/full").respond_with_data(b"y" * CAP)

    response = make_door(capped).request("github", "GET", httpserver.url_for("/full"))

    assert (len(response.body), response.truncated) == (CAP, False)


@pytest.mark.parametrize("service", ["arxiv", "github"])
def test_a_gzip_bomb_is_stopped_at_the_cap_in_bounded_memory(
    httpserver: HTTPServer, make_door: DoorFactory, capped: Settings, service: str
) -> None:
    httpserver.expect_request("/bomb").respond_with_data(BOMB, headers={"Content-Encoding": "gzip"})
    door = make_door(capped)

    tracemalloc.start()
    try:
        with pytest.raises(AnswerTooLarge):
            door.request(service, "GET", httpserver.url_for("/bomb"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    # The cap plus a few decompression steps, not the 50 MB inside (the loopback
    # server's thread is traced too and sometimes adds ~10 MB of its own).
    assert peak < 25_000_000


def test_a_deflate_answer_within_the_cap_is_decoded(
    httpserver: HTTPServer, make_door: DoorFactory, capped: Settings
) -> None:
    text = b'{"feed": "' + b"abc" * 10_000 + b'"}'
    httpserver.expect_request("/zlib").respond_with_data(
        zlib.compress(text), headers={"Content-Encoding": "deflate"}
    )
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    httpserver.expect_request("/raw").respond_with_data(
        raw.compress(text) + raw.flush(), headers={"Content-Encoding": "deflate"}
    )
    door = make_door(capped)

    assert door.request("github", "GET", httpserver.url_for("/zlib")).body == text
    assert door.request("github", "GET", httpserver.url_for("/raw")).body == text


def test_an_endless_body_is_cut_off(
    httpserver: HTTPServer, make_door: DoorFactory, capped: Settings
) -> None:
    httpserver.expect_request("/endless").respond_with_handler(lambda r: WResponse(_endless()))

    with pytest.raises(AnswerTooLarge):
        make_door(capped).request("arxiv", "GET", httpserver.url_for("/endless"))


def test_a_page_over_the_cap_is_truncated_but_not_cached(
    httpserver: HTTPServer, make_door: DoorFactory, capped: Settings
) -> None:
    httpserver.expect_request("/page").respond_with_data(
        BOMB, headers={"Content-Encoding": "gzip", "Content-Type": "text/html"}
    )
    door = make_door(capped)

    first = door.request("pages", "GET", httpserver.url_for("/page"))
    second = door.request("pages", "GET", httpserver.url_for("/page"))

    assert (len(first.body), first.truncated) == (CAP, True)
    assert (second.cache, len(httpserver.log)) == ("miss", 2)


def test_the_default_caps_fit_the_largest_honest_answers() -> None:
    defaults = Settings()
    arxiv, github, pages = (defaults.of(k) for k in (ArxivSettings, GithubSettings, PagesSettings))
    # 100 arXiv records with long abstracts, 50 GraphQL repositories: well under 1 MB each.
    assert 1_000_000 < arxiv.max_bytes <= 50_000_000
    assert 1_000_000 < github.max_bytes <= 50_000_000
    assert pages.max_bytes == 2_000_000


def test_the_door_asks_only_for_encodings_it_decodes_in_bounded_steps(
    httpserver: HTTPServer, make_door: DoorFactory
) -> None:
    httpserver.expect_request("/x").respond_with_data(b"ok")

    make_door().request("github", "GET", httpserver.url_for("/x"))

    assert httpserver.log[0][0].headers["Accept-Encoding"] == "gzip, deflate"
