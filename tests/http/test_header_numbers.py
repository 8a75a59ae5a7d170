"""Rate-limit headers are server text: ``inf``, ``nan``, ``-1e308``, 4,200 digits or a date
in the year 99999 never become a wait, an allowance or an exception."""

from __future__ import annotations

import pytest

from enrich.errors import RateLimited
from enrich.http.ratelimit import HeaderQuota, QuotaRules
from enrich.http.retry import LONGEST_RETRY_AFTER, RetryableAnswer, parse_retry_after

GARBAGE = ["inf", "-inf", "nan", "-1e308", "1e999", "9" * 4200, "-1", "0x10", "Fri, 31 Dec 99999"]


@pytest.mark.parametrize("value", GARBAGE)
def test_a_retry_after_that_is_no_number_of_seconds_is_none(value: str) -> None:
    assert parse_retry_after(value, 1_800_000_000.0) is None


def test_plausible_retry_afters_are_read_and_capped() -> None:
    assert parse_retry_after("1", 0.0) == 1.0
    assert parse_retry_after("1e12", 0.0) == LONGEST_RETRY_AFTER
    assert (
        parse_retry_after("Thu, 01 Jan 2099 00:00:00 GMT", 1_800_000_000.0) == LONGEST_RETRY_AFTER
    )


@pytest.mark.parametrize("value", GARBAGE)
def test_github_quota_headers_that_are_no_numbers_never_raise(value: str) -> None:
    quota = HeaderQuota(QuotaRules("github", "GitHub", 60.0, 60.0), lambda: 1_800_000_000.0)
    headers = {"x-ratelimit-remaining": value, "x-ratelimit-reset": value, "retry-after": value}
    quota.observe("https://api.github.com/x", headers)
    assert quota.gate("https://api.github.com/x") == 0.0
    with pytest.raises((RetryableAnswer, RateLimited)):
        quota.judge("https://api.github.com/x", 403, headers, b"secondary rate limit")
