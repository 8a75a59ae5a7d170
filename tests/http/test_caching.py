"""Caching and conditional requests, against a real loopback server."""

from __future__ import annotations

from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WResponse

from enrich.settings import Settings
from enrich.sources.github import GithubSettings
from tests.http.conftest import Clock, DoorFactory

HOUR = 3600.0


def _requests_to(server: HTTPServer, path: str) -> list[Request]:
    return [request for request, _ in server.log if request.path == path]


def test_fresh_hit_sends_no_request(httpserver: HTTPServer, make_door: DoorFactory) -> None:
    httpserver.expect_request("/repos/a/b").respond_with_json({"n": 1})
    door = make_door()
    url = httpserver.url_for("/repos/a/b")

    first = door.request("github", "GET", url)
    second = door.request("github", "GET", url)

    assert (first.status, first.json(), first.cache) == (200, {"n": 1}, "miss")
    assert (second.status, second.json(), second.cache) == (200, {"n": 1}, "hit")
    assert len(_requests_to(httpserver, "/repos/a/b")) == 1
    github = door.stats.service("github")
    assert (github.requests, github.misses, github.hits) == (1, 1, 1)


def test_stale_with_etag_is_revalidated_by_304(
    httpserver: HTTPServer, make_door: DoorFactory, clock: Clock
) -> None:
    def handler(request: Request) -> WResponse:
        if request.headers.get("If-None-Match") == 'W/"v1"':
            return WResponse(status=304, headers={"ETag": 'W/"v1"'})
        return WResponse(b'{"stars": 7}', headers={"ETag": 'W/"v1"'})

    httpserver.expect_request("/repos/a/b").respond_with_handler(handler)
    door = make_door()
    url = httpserver.url_for("/repos/a/b")
    door.request("github", "GET", url)
    clock.advance(7 * HOUR)  # past the 6 h GitHub freshness

    again = door.request("github", "GET", url)

    assert (again.status, again.body, again.cache) == (200, b'{"stars": 7}', "revalidated")
    sent = _requests_to(httpserver, "/repos/a/b")
    assert [r.headers.get("If-None-Match") for r in sent] == [None, 'W/"v1"']
    assert door.request("github", "GET", url).cache == "hit"  # the 304 made it fresh again
    assert door.stats.service("github").revalidated == 1


def test_stale_with_last_modified_sends_if_modified_since(
    httpserver: HTTPServer, make_door: DoorFactory, clock: Clock
) -> None:
    stamp = "Wed, 21 Oct 2026 07:28:00 GMT"

    def handler(request: Request) -> WResponse:
        if request.headers.get("If-Modified-Since") == stamp:
            return WResponse(status=304)
        return WResponse(b"<html>page</html>", headers={"Last-Modified": stamp})

    httpserver.expect_request("/page").respond_with_handler(handler)
    door = make_door()
    url = httpserver.url_for("/page")
    door.request("pages", "GET", url)
    clock.advance(25 * HOUR)

    again = door.request("pages", "GET", url)

    assert (again.status, again.body, again.cache) == (200, b"<html>page</html>", "revalidated")
    sent = _requests_to(httpserver, "/page")
    assert [r.headers.get("If-Modified-Since") for r in sent] == [None, stamp]


def test_stale_without_validators_is_fetched_again(
    httpserver: HTTPServer, make_door: DoorFactory, clock: Clock
) -> None:
    bodies = iter([b"old", b"new"])
    httpserver.expect_request("/page").respond_with_handler(lambda r: WResponse(next(bodies)))
    door = make_door()
    url = httpserver.url_for("/page")
    door.request("pages", "GET", url)
    clock.advance(25 * HOUR)

    again = door.request("pages", "GET", url)

    assert (again.body, again.cache) == (b"new", "miss")
    assert door.request("pages", "GET", url).body == b"new"


def test_freshness_argument_overrides_the_default(
    httpserver: HTTPServer, make_door: DoorFactory, clock: Clock
) -> None:
    httpserver.expect_request("/api/query").respond_with_data(b"<feed/>")
    door = make_door()
    url = httpserver.url_for("/api/query")
    door.request("arxiv", "GET", url, params={"search_query": "ti:x"}, freshness=60)
    clock.advance(61)

    again = door.request("arxiv", "GET", url, params={"search_query": "ti:x"}, freshness=60)

    assert again.cache == "miss"
    assert len(_requests_to(httpserver, "/api/query")) == 2


def test_params_are_part_of_the_key(httpserver: HTTPServer, make_door: DoorFactory) -> None:
    httpserver.expect_request("/api/query").respond_with_handler(
        lambda r: WResponse(r.args["id_list"].encode())
    )
    door = make_door()
    url = httpserver.url_for("/api/query")

    one = door.request("arxiv", "GET", url, params={"id_list": "2401.00001"})
    two = door.request("arxiv", "GET", url, params={"id_list": "2401.00002"})

    assert (one.body, one.cache, two.body, two.cache) == (
        b"2401.00001",
        "miss",
        b"2401.00002",
        "miss",
    )
    assert one.url == url


def test_404_is_cached_briefly_as_a_negative_answer(
    httpserver: HTTPServer, make_door: DoorFactory, clock: Clock
) -> None:
    httpserver.expect_request("/repos/gone/x").respond_with_json(
        {"message": "Not Found", "status": "404"}, status=404
    )
    door = make_door()
    url = httpserver.url_for("/repos/gone/x")

    first = door.request("github", "GET", url)
    cached = door.request("github", "GET", url)
    clock.advance(2 * HOUR)  # inside GitHub's 6 h, past a 1 h not_found
    short = make_door(_with_not_found(door.settings, HOUR), clock=clock)
    expired = short.request("github", "GET", url)

    assert (first.status, first.cache, cached.status, cached.cache) == (404, "miss", 404, "hit")
    assert (expired.status, expired.cache) == (404, "miss")
    assert len(_requests_to(httpserver, "/repos/gone/x")) == 2


def _with_not_found(settings: Settings, seconds: float) -> Settings:
    from dataclasses import replace

    return replace(settings, freshness=replace(settings.freshness, not_found=seconds))


def test_other_4xx_is_returned_not_retried_not_cached(
    httpserver: HTTPServer, make_door: DoorFactory
) -> None:
    httpserver.expect_request("/api/query").respond_with_data(b"<feed>Error</feed>", status=400)
    door = make_door()
    url = httpserver.url_for("/api/query")

    first = door.request("arxiv", "GET", url)
    second = door.request("arxiv", "GET", url)

    assert (first.status, first.cache, second.status, second.cache) == (400, "miss", 400, "miss")
    assert len(_requests_to(httpserver, "/api/query")) == 2
    assert door.stats.service("arxiv").retries == 0


def test_post_is_cached_only_with_a_cache_key(
    httpserver: HTTPServer, make_door: DoorFactory
) -> None:
    httpserver.expect_request("/graphql", method="POST").respond_with_handler(
        lambda r: WResponse(r.get_data())
    )
    door = make_door()
    url = httpserver.url_for("/graphql")
    body = {"query": "{ viewer { login } }"}

    plain = [door.request("github", "POST", url, json_body=body).cache for _ in range(2)]
    keyed = [door.request("github", "POST", url, json_body=body, cache_key="q1") for _ in range(2)]

    assert plain == ["bypass", "bypass"]
    assert [r.cache for r in keyed] == ["miss", "hit"]
    assert keyed[1].json() == body
    assert len(_requests_to(httpserver, "/graphql")) == 3


def test_refresh_ignores_freshness_but_still_revalidates(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    def handler(request: Request) -> WResponse:
        if request.headers.get("If-None-Match") == '"e1"':
            return WResponse(status=304)
        return WResponse(b"body", headers={"ETag": '"e1"'})

    httpserver.expect_request("/page").respond_with_handler(handler)
    url = httpserver.url_for("/page")
    make_door().request("pages", "GET", url)
    refreshing = make_door(settings.with_overrides(refresh=True))

    again = refreshing.request("pages", "GET", url)

    assert (again.body, again.cache) == (b"body", "revalidated")
    assert len(_requests_to(httpserver, "/page")) == 2


def test_github_token_is_sent_as_bearer(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    httpserver.expect_request("/rate_limit").respond_with_json({})
    door = make_door(
        settings.with_overrides(user_agent="enrich-test/1").with_source(
            GithubSettings, token="t0ken"
        )
    )

    door.request("github", "GET", httpserver.url_for("/rate_limit"))

    request = httpserver.log[0][0]
    assert request.headers.get("Authorization") == "Bearer t0ken"
    assert request.headers.get("User-Agent") == "enrich-test/1"


def test_a_source_may_keep_its_404s_longer_than_the_run_wide_not_found(
    httpserver: HTTPServer, make_door: DoorFactory, clock: Clock
) -> None:
    """Hugging Face's 404 (a paper it lacks) is kept its three days; GitHub's the 20 hours."""
    httpserver.expect_request("/api/papers/2301.00001").respond_with_data(b"", status=404)
    httpserver.expect_request("/repos/gone/x").respond_with_data(b"", status=404)
    paper, repo = httpserver.url_for("/api/papers/2301.00001"), httpserver.url_for("/repos/gone/x")
    door = make_door()
    door.request("huggingface", "GET", paper)
    door.request("github", "GET", repo)
    clock.advance(49 * HOUR)  # past the run's 20 h of not_found, inside three days
    assert door.request("huggingface", "GET", paper).cache == "hit"
    assert door.request("github", "GET", repo).cache == "miss"
    clock.advance(24 * HOUR)
    assert door.request("huggingface", "GET", paper).cache == "miss"
