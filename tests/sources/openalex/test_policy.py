"""The door's OpenAlex quota: the day is spent at the first 429, and stays spent for the run."""

from __future__ import annotations

import pytest

from enrich.errors import RateLimited
from enrich.sources.openalex._policy import OpenalexQuota

URL = "https://api.openalex.org/works"
HEADERS = {"x-ratelimit-remaining-usd": "0.5", "x-ratelimit-reset": "3600"}


def test_answers_state_the_allowance_and_other_statuses_pass() -> None:
    quota = OpenalexQuota(lambda: 1000.0)
    quota.observe(URL, HEADERS)
    quota.judge(URL, 500, HEADERS, b"")  # not a quota answer: the door retries it
    quota.judge(URL, 403, HEADERS, b"")  # the client reads a refused key
    state = quota.state()
    assert (state.remaining, state.reset, state.exhausted) == (5000, 4600.0, False)
    assert quota.gate(URL) == 0.0 and quota.notes() == ()


def test_a_429_spends_the_day_for_the_rest_of_the_run() -> None:
    quota = OpenalexQuota(lambda: 1000.0)
    with pytest.raises(RateLimited) as raised:
        quota.judge(URL, 429, {"x-ratelimit-reset": "7200"}, b'{"error": "Rate limit exceeded"}')
    assert raised.value.reset_at == 8200.0
    with pytest.raises(RateLimited):
        quota.gate(URL)
    assert quota.state().exhausted
    assert quota.notes() == (
        "OpenAlex: daily allowance spent (429); no more OpenAlex requests this run",
    )
