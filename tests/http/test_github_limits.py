"""GitHub: quota headers, secondary limits, primary exhaustion, renames."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response as WResponse

from enrich.assembly import door_policies
from enrich.errors import RateLimited
from enrich.http.policy import QuotaFactory
from enrich.http.ratelimit import HeaderQuota, QuotaRules
from enrich.settings import Settings
from enrich.sources.github._policy import github_policy, resource_of
from tests.http.conftest import Clock, DoorFactory, SleepRecorder

SECONDARY = {
    "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you "
    "try again.",
    "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
}
PRIMARY = {
    "message": "API rate limit exceeded for installation ID 1.",
    "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
}


def _limit_headers(remaining: int, reset: float) -> dict[str, str]:
    return {
        "x-ratelimit-limit": "1000",
        "x-ratelimit-remaining": str(remaining),
        "x-ratelimit-used": str(1000 - remaining),
        "x-ratelimit-reset": str(int(reset)),
        "x-ratelimit-resource": "core",
    }


def _quota(rules: QuotaRules) -> QuotaFactory:
    return lambda clock: HeaderQuota(rules, clock)


def _json(body: object, status: int = 200, headers: dict[str, str] | None = None) -> WResponse:
    return WResponse(
        json.dumps(body), status=status, headers=headers, content_type="application/json"
    )


def test_quota_headers_are_read_on_every_answer(
    httpserver: HTTPServer, make_door: DoorFactory, clock: Clock
) -> None:
    httpserver.expect_request("/repos/a/b").respond_with_handler(
        lambda r: _json({"id": 1}, headers=_limit_headers(998, clock.now + 600))
    )
    door = make_door()

    door.request("github", "GET", httpserver.url_for("/repos/a/b"))

    quota = door.stats.quota("github")
    assert (quota.remaining, quota.reset, quota.exhausted) == (998, int(clock.now + 600), False)
    assert quota.resources == (("core", 998, float(int(clock.now + 600))),)


def test_secondary_limit_with_retry_after_waits_and_retries(
    httpserver: HTTPServer, make_door: DoorFactory, sleeps: SleepRecorder, clock: Clock
) -> None:
    answers = [
        _json(SECONDARY, 403, {"retry-after": "2", **_limit_headers(900, clock.now + 600)}),
        _json({"full_name": "a/b"}, 200, _limit_headers(899, clock.now + 600)),
    ]
    httpserver.expect_request("/repos/a/b").respond_with_handler(lambda r: answers.pop(0))
    door = make_door()

    response = door.request("github", "GET", httpserver.url_for("/repos/a/b"))

    assert (response.status, response.json()) == (200, {"full_name": "a/b"})
    assert sleeps.waits == [2.0]
    assert door.stats.service("github").retries == 1


def test_secondary_limit_message_without_retry_after_waits_the_advised_time(
    httpserver: HTTPServer,
    make_door: DoorFactory,
    sleeps: SleepRecorder,
    clock: Clock,
    settings: Settings,
) -> None:
    answers = [
        _json(SECONDARY, 403, _limit_headers(900, clock.now + 600)),
        _json({"full_name": "a/b"}),
    ]
    httpserver.expect_request("/repos/a/b").respond_with_handler(lambda r: answers.pop(0))
    github = github_policy(settings)
    rules = QuotaRules("github", "GitHub", 60.0, 1.5, resource_of=resource_of("x"))
    policies = {**door_policies(settings), "github": replace(github, quota=_quota(rules))}
    door = make_door(policies=policies)

    response = door.request("github", "GET", httpserver.url_for("/repos/a/b"))

    assert response.status == 200
    assert sleeps.waits == [1.5]


def test_plain_403_is_final(httpserver: HTTPServer, make_door: DoorFactory) -> None:
    httpserver.expect_request("/repos/a/b").respond_with_json(
        {"message": "Resource not accessible by integration"}, status=403
    )

    response = make_door().request("github", "GET", httpserver.url_for("/repos/a/b"))

    assert response.status == 403
    assert len(httpserver.log) == 1


def test_primary_limit_within_the_allowed_wait_waits_for_reset(
    httpserver: HTTPServer, make_door: DoorFactory, sleeps: SleepRecorder, clock: Clock
) -> None:
    answers = [
        _json(PRIMARY, 403, _limit_headers(0, clock.now + 30)),
        _json({"full_name": "a/b"}, 200, _limit_headers(999, clock.now + 3600)),
    ]
    httpserver.expect_request("/repos/a/b").respond_with_handler(lambda r: answers.pop(0))
    door = make_door()  # max_rate_limit_wait defaults to 60 s

    response = door.request("github", "GET", httpserver.url_for("/repos/a/b"))

    assert response.status == 200
    assert sleeps.waits[-1] == pytest.approx(31.0)  # until the reset, plus a second of margin
    assert door.stats.quota("github").exhausted is False


def test_primary_limit_exhausted_raises_and_blocks_later_calls_without_a_socket(
    httpserver: HTTPServer, make_door: DoorFactory, sleeps: SleepRecorder, clock: Clock
) -> None:
    reset = clock.now + 3600
    httpserver.expect_request("/repos/a/b").respond_with_handler(
        lambda r: _json(PRIMARY, 429, _limit_headers(0, reset))
    )
    httpserver.expect_request("/repos/c/d").respond_with_json({"full_name": "c/d"})
    door = make_door()

    with pytest.raises(RateLimited) as first:
        door.request("github", "GET", httpserver.url_for("/repos/a/b"))
    with pytest.raises(RateLimited) as later:
        door.request("github", "GET", httpserver.url_for("/repos/c/d"))

    assert first.value.reset_at == int(reset) and later.value.reset_at == int(reset)
    assert [r.path for r, _ in httpserver.log] == ["/repos/a/b"]
    assert sleeps.waits == []
    state = door.stats
    assert (state.quota("github").exhausted, state.quota("github").remaining) == (True, 0)
    assert len(state.notes) == 1 and "no more GitHub requests" in state.notes[0]
    assert state.service("github").errors == 2


def test_known_empty_quota_is_not_asked(
    httpserver: HTTPServer, make_door: DoorFactory, clock: Clock, settings: Settings
) -> None:
    httpserver.expect_request("/repos/a/b").respond_with_handler(
        lambda r: _json({"full_name": "a/b"}, 200, _limit_headers(0, clock.now + 3600))
    )
    httpserver.expect_request("/repos/c/d").respond_with_json({"full_name": "c/d"})
    door = make_door()
    door.request("github", "GET", httpserver.url_for("/repos/a/b"))  # the last unit

    with pytest.raises(RateLimited):
        door.request("github", "GET", httpserver.url_for("/repos/c/d"))

    assert [r.path for r, _ in httpserver.log] == ["/repos/a/b"]
    assert door.request("github", "GET", httpserver.url_for("/repos/a/b")).cache == "hit"


def test_rename_301_is_followed_and_recorded(
    httpserver: HTTPServer, make_door: DoorFactory
) -> None:
    base = httpserver.url_for("")
    httpserver.expect_request("/repos/old/name").respond_with_json(
        {"message": "Moved Permanently", "url": f"{base}/repositories/42"},
        status=301,
        headers={"Location": f"{base}/repositories/42"},
    )
    httpserver.expect_request("/repositories/42").respond_with_json(
        {"id": 42, "full_name": "new/name"}
    )

    response = make_door().request("github", "GET", httpserver.url_for("/repos/old/name"))

    assert response.json() == {"id": 42, "full_name": "new/name"}
    assert response.final_url == f"{base}/repositories/42"
    assert response.redirects == ((301, httpserver.url_for("/repos/old/name")),)


@pytest.mark.parametrize("reset", ["99999999999999", "9" * 5000, "-5", "soon", "1e999", "²"])
def test_an_absurd_reset_header_never_raises_anything_but_a_limit(
    httpserver: HTTPServer, make_door: DoorFactory, clock: Clock, reset: str
) -> None:
    headers = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset}
    answers = [_json(PRIMARY, 403, headers), _json({"full_name": "a/b"}, 200, headers)]
    httpserver.expect_request("/repos/a/b").respond_with_handler(lambda r: answers.pop(0))
    door = make_door()

    response = door.request("github", "GET", httpserver.url_for("/repos/a/b"))

    assert response.status == 200  # the unusable reset is ignored: retried at once
    assert door.stats.quota("github").reset is None
    json.dumps(door.stats.to_dict())
