"""How the door treats OpenAlex: pacing, deadline, answer check, and two kinds of 429.

OpenAlex's limits, as its documents and its answers state them (read
2026-12-06; ``_allowance`` has the prices and the header names):

- **Per second.** The current API reference gives 100 requests a second for
  every plan (*Authentication & Pricing*, "Rate Limits" table,
  https://developers.openalex.org/api-reference/authentication); the older
  page still served gives "max 10 requests every second"
  (ourresearch/openalex-docs ``how-to-use-the-api/rate-limits-and-authentication.md``),
  and a keyless run of ours met a 429 after 19 requests at 23 a second
  (issue 20). So requests are paced under the cap that applies:
  :data:`KEYLESS_PER_SECOND` without a key, :data:`KEYED_PER_SECOND` with
  one, each used to :data:`PACE_SHARE` only (other clients may share the
  address). Such a 429 says ``Retry-After: 1`` (a recorded anonymous-search
  429 said ``Retry-After: 32`` and "Please retry in 32s"): the door waits as
  told and goes on (:class:`~enrich.http.retry.RetryableAnswer`).
- **Per day.** A 429 whose message speaks of the budget or the day
  ("Insufficient budget"; the *Errors* page: "429 Daily limit exceeded"),
  whose headers say nothing is left (``X-RateLimit-Remaining-USD`` below the
  cheapest request), or whose wait runs past :data:`LONGEST_PER_SECOND_WAIT`
  is the daily allowance spent until midnight UTC. That one stops OpenAlex
  for the run: :class:`~enrich.errors.RateLimited` now and from the gate for
  every later request, the source marks the lookups skipped (the pipeline
  keeps last run's values, stale), and the run report says which limit.

Every request has an overall deadline (:func:`enrich.http.deadlines.api_deadline`),
and a 2xx whose body is not a works answer of the right JSON types
(``_works.works_shape``) is retried like a 5xx and never cached.

The key travels as the ``api_key`` query parameter, as OpenAlex documents: a
query :class:`~enrich.http.policy.Auth`, which the door adds to the wire URL
only, after the cache key is taken, so the key is in no cache entry, logged
URL or reason (and it is redacted like every secret).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

from enrich.errors import RateLimited
from enrich.http.answers import json_check
from enrich.http.deadlines import api_deadline
from enrich.http.policy import Auth, Pacing, ServicePolicy
from enrich.http.retry import RetryableAnswer, parse_retry_after
from enrich.http.stats import QuotaState
from enrich.redact import redact
from enrich.settings import DAY, Settings
from enrich.sources.openalex._allowance import PRICE_USD, Allowance, RequestKind
from enrich.sources.openalex._settings import OpenalexSettings
from enrich.sources.openalex._works import works_shape

SERVICE = "openalex"
RECORD_FRESHNESS = OpenalexSettings.freshness  # citation counts move slowly; the allowance is daily
SEARCH_FRESHNESS = 7 * DAY
NOT_FOUND_FRESHNESS = 1 * DAY  # a DOI OpenAlex lacks today may be indexed tomorrow
MAX_BODY_BYTES = 8_000_000  # 50 works with abstracts and 100 authorships each fit well within
GIVE_UP_UNREACHABLE = 3
KEYLESS_PER_SECOND = 10  # the older rate-limit page, and what a keyless run met
KEYED_PER_SECOND = 100  # the current API reference, every plan
PACE_SHARE = 0.8  # use at most this share of the cap
PER_SECOND_WAIT = 1.0  # when a per-second 429 names no wait
LONGEST_PER_SECOND_WAIT = 300.0  # a longer wait is the day's allowance, not a burst
DAILY_WORDS = ("budget", "daily", "per day", "midnight")


def pacing_for(keyed: bool) -> Pacing:
    """Start-to-start spacing under the per-second cap that applies."""
    cap = KEYED_PER_SECOND if keyed else KEYLESS_PER_SECOND
    return Pacing(
        1.0 / (cap * PACE_SHARE),
        single_flight=False,
        reason=f"OpenAlex serves {cap} requests a second {'with' if keyed else 'without'} a key",
    )


def seconds_to_midnight_utc(now: float) -> float:
    """When OpenAlex's daily allowance comes back: the next midnight UTC."""
    moment = datetime.fromtimestamp(now, UTC)
    midnight = (moment + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - moment).total_seconds()


def _message(body: bytes) -> str:
    return body[:4096].decode("utf-8", "replace")


def is_daily_limit(headers: Mapping[str, str], body: bytes, wait: float | None) -> bool:
    """Whether a 429 is the day's allowance spent (else a per-second burst limit)."""
    said = _message(body).lower()
    if any(word in said for word in DAILY_WORDS):
        return True
    left = Allowance.from_headers(headers).remaining_usd
    if left is not None and left < PRICE_USD[RequestKind.FILTER]:
        return True
    return wait is not None and wait > LONGEST_PER_SECOND_WAIT


class OpenalexQuota:
    """The day's allowance as the answers state it; spent at the daily 429 only."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._last = Allowance()
        self._spent_until: float | None = None
        self._per_second = 0  # per-second 429s waited out
        self._notes: list[str] = []

    def gate(self, url: str) -> float:
        with self._lock:
            until = self._spent_until
        if until is not None:
            raise self._refusal(url, until)
        return 0.0

    def observe(self, url: str, headers: Mapping[str, str]) -> None:
        allowance = Allowance.from_headers(headers)
        if allowance.stated:
            with self._lock:
                self._last = allowance

    def judge(self, url: str, status: int, headers: Mapping[str, str], body: bytes) -> None:
        """A per-second 429 is waited out; the daily one stops OpenAlex for the run."""
        if status != 429:
            return
        now = self._clock()
        wait = parse_retry_after(headers.get("retry-after"), now)
        if not is_daily_limit(headers, body, wait):
            with self._lock:
                self._per_second += 1
            raise RetryableAnswer(
                429, "OpenAlex per-second limit", PER_SECOND_WAIT if wait is None else wait
            )
        reset = Allowance.from_headers(headers).reset_seconds
        if reset is None or reset > DAY:
            reset = seconds_to_midnight_utc(now)
        until = now + reset
        said = redact(" ".join(_message(body).split())[:200]) or "no message"
        with self._lock:
            self._spent_until = until
            note = (
                f"OpenAlex: daily allowance spent (429: {said}); it returns at midnight UTC; "
                "no more OpenAlex requests this run, their values kept from the last run (stale)"
            )
            if note not in self._notes:
                self._notes.append(note)
        raise self._refusal(url, until)

    def state(self) -> QuotaState:
        """``remaining``: how many filter requests the stated allowance still pays for."""
        with self._lock:
            remaining = self._last.remaining_usd
            reset = self._last.reset_seconds
            return QuotaState(
                remaining=None
                if remaining is None
                else int(remaining / PRICE_USD[RequestKind.FILTER]),
                reset=None if reset is None else self._clock() + reset,
                exhausted=self._spent_until is not None,
            )

    def notes(self) -> tuple[str, ...]:
        with self._lock:
            waited = self._per_second
            notes = tuple(self._notes)
        if waited:
            notes += (
                f"OpenAlex: per-second limit hit {waited} time(s) (429); each waited out as told",
            )
        return notes

    @staticmethod
    def _refusal(url: str, until: float) -> RateLimited:
        message = "daily allowance spent (429); it returns at midnight UTC"
        return RateLimited(SERVICE, url, message, reset_at=until)


def openalex_policy(settings: Settings) -> ServicePolicy:
    """The door's rules for OpenAlex; the key, when there is one, as the ``api_key`` parameter."""
    own = settings.of(OpenalexSettings)
    key = own.api_key
    return ServicePolicy(
        name=SERVICE,
        freshness=own.freshness,
        max_redirects=own.max_redirects,
        max_body_bytes=MAX_BODY_BYTES,
        pacing=pacing_for(keyed=bool(key)),
        quota=OpenalexQuota,
        give_up_unreachable=GIVE_UP_UNREACHABLE,
        auth=Auth.query("api_key", key) if key else None,
        deadline=api_deadline(settings),
        check_answer=json_check(works_shape),
    )
