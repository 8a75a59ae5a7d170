"""The door's OpenAlex quota: a per-second 429 is waited out; only the daily one spends the run.

How OpenAlex words each (issue 20; the *Errors* page; a recorded anonymous 429):
the per-second limit answers ``Retry-After: 1`` and says so; the day's
allowance answers "Insufficient budget" and returns at midnight UTC.
"""

from __future__ import annotations

import pytest

from enrich.errors import RateLimited
from enrich.http.retry import RetryableAnswer
from enrich.settings import Settings
from enrich.sources.openalex._policy import (
    OpenalexQuota,
    is_daily_limit,
    openalex_policy,
    pacing_for,
    seconds_to_midnight_utc,
)
from tests.fakes.openalex import TEST_KEY, FakeOpenalex

URL = "https://api.openalex.org/works"
HEADERS = {"x-ratelimit-remaining-usd": "0.5", "x-ratelimit-reset": "3600"}
PER_SECOND = b'{"error": "Rate limit exceeded", "message": "at most 10 requests per second"}'
DAILY = b'{"error": "Rate limit exceeded", "message": "Insufficient budget"}'
NOON = 1_800_000_000.0 - 1_800_000_000.0 % 86_400 + 43_200  # 12:00 UTC


def test_answers_state_the_allowance_and_other_statuses_pass() -> None:
    quota = OpenalexQuota(lambda: 1000.0)
    quota.observe(URL, HEADERS)
    quota.judge(URL, 500, HEADERS, b"")  # not a quota answer: the door retries it
    quota.judge(URL, 403, HEADERS, b"")  # the client reads a refused key
    state = quota.state()
    assert (state.remaining, state.reset, state.exhausted) == (5000, 4600.0, False)
    assert quota.gate(URL) == 0.0 and quota.notes() == ()


def test_a_per_second_429_is_waited_out_as_told_and_the_run_goes_on() -> None:
    quota = OpenalexQuota(lambda: NOON)
    with pytest.raises(RetryableAnswer) as raised:
        quota.judge(URL, 429, {**HEADERS, "retry-after": "1"}, PER_SECOND)
    assert (raised.value.status, raised.value.wait) == (429, 1.0)
    with pytest.raises(RetryableAnswer) as again:
        quota.judge(URL, 429, HEADERS, PER_SECOND)  # no Retry-After: a second
    assert again.value.wait == 1.0
    assert quota.gate(URL) == 0.0 and not quota.state().exhausted
    assert quota.notes() == (
        "OpenAlex: per-second limit hit 2 time(s) (429); each waited out as told",
    )


def test_the_daily_429_spends_the_day_for_the_rest_of_the_run() -> None:
    quota = OpenalexQuota(lambda: NOON)
    with pytest.raises(RateLimited) as raised:
        quota.judge(URL, 429, {"retry-after": "43200", "x-ratelimit-reset": "43200"}, DAILY)
    assert raised.value.reset_at == NOON + 43_200
    with pytest.raises(RateLimited):
        quota.gate(URL)
    assert quota.state().exhausted
    assert quota.notes() == (
        'OpenAlex: daily allowance spent (429: {"error": "Rate limit exceeded", "message": '
        '"Insufficient budget"}); it returns at midnight UTC; no more OpenAlex requests this '
        "run, their values kept from the last run (stale)",
    )


@pytest.mark.parametrize(
    ("headers", "body", "wait", "daily"),
    [
        ({}, PER_SECOND, 1.0, False),
        ({}, b'{"message": "Please retry in 32s"}', 32.0, False),  # recorded anonymous 429
        ({}, DAILY, None, True),
        ({}, b'{"error": "Daily limit exceeded"}', None, True),  # the Errors page's words
        ({"x-ratelimit-remaining-usd": "0.0000"}, b"{}", None, True),
        ({}, b"{}", 43_200.0, True),  # a wait till midnight is no burst
        ({"x-ratelimit-remaining-usd": "inf"}, b"{}", None, False),  # garbage: not stated
    ],
)
def test_which_limit_a_429_is(
    headers: dict[str, str], body: bytes, wait: float | None, daily: bool
) -> None:
    assert is_daily_limit(headers, body, wait) is daily


@pytest.mark.parametrize("value", ["inf", "nan", "-1e308", "1e999", "9" * 4200, "-1", ""])
def test_rate_limit_headers_that_are_not_numbers_never_raise(value: str) -> None:
    quota = OpenalexQuota(lambda: NOON)
    headers = {
        "x-ratelimit-remaining-usd": value,
        "x-ratelimit-limit-usd": value,
        "x-ratelimit-reset": value,
        "x-ratelimit-cost-usd": value,
        "retry-after": value,
    }
    quota.observe(URL, headers)
    with pytest.raises((RetryableAnswer, RateLimited)) as raised:
        quota.judge(URL, 429, headers, PER_SECOND)
    assert isinstance(raised.value, RetryableAnswer)  # none of them reads as "spent"
    assert raised.value.wait == 1.0
    assert quota.state().remaining is None


def test_the_daily_reset_is_the_next_midnight_utc_when_the_headers_do_not_say() -> None:
    assert seconds_to_midnight_utc(NOON) == 43_200.0
    quota = OpenalexQuota(lambda: NOON)
    with pytest.raises(RateLimited) as raised:
        quota.judge(URL, 429, {"x-ratelimit-reset": "nan"}, DAILY)
    assert raised.value.reset_at == NOON + 43_200.0


def test_requests_are_paced_under_the_per_second_cap_with_and_without_a_key() -> None:
    keyless, keyed = pacing_for(keyed=False), pacing_for(keyed=True)
    assert 1 / keyless.min_spacing <= 10 and 1 / keyed.min_spacing <= 100
    assert not keyless.single_flight and not keyed.single_flight
    with FakeOpenalex() as fake:
        settings = Settings().with_sources(fake.source_settings())
        assert openalex_policy(settings).pacing == keyed
        keyless_settings = Settings().with_sources(fake.source_settings(keyless=True))
        policy = openalex_policy(keyless_settings)
    assert policy.pacing == keyless and policy.auth is None
    assert openalex_policy(settings).auth is not None
    assert openalex_policy(settings).auth.secret == TEST_KEY  # type: ignore[union-attr]
    assert policy.deadline is not None and policy.check_answer is not None
