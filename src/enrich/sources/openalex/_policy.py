"""How the door treats OpenAlex: freshness, body cap, and a day's allowance that runs out.

OpenAlex prices requests from a daily allowance (see ``_allowance`` for the
terms and where they were read) and answers **429 when the day's allowance
is spent**. That is not a wait-and-retry limit: the allowance returns at
midnight UTC, hours away. So the quota handler turns the first 429 into
:class:`~enrich.errors.RateLimited`, and its gate refuses every later
OpenAlex request of the run without a socket; the source marks those
lookups skipped and the pipeline keeps last run's values, stale. Other
failures (500s, timeouts) are retried by the door as for any service.

No pacing: OpenAlex allows 100 requests a second and a run sends a few
dozen. The key travels as the ``api_key`` query parameter, as OpenAlex
documents: a query :class:`~enrich.http.policy.Auth`, which the door adds
to the wire URL only, after the cache key is taken, so the key is in no
cache entry, logged URL or reason (and it is redacted like every secret).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping

from enrich.errors import RateLimited
from enrich.http.policy import Auth, ServicePolicy
from enrich.http.stats import QuotaState
from enrich.settings import DAY, Settings
from enrich.sources.openalex._allowance import PRICE_USD, Allowance, RequestKind
from enrich.sources.openalex._settings import OpenalexSettings

SERVICE = "openalex"
RECORD_FRESHNESS = 7 * DAY  # citation counts move slowly; the allowance is daily
SEARCH_FRESHNESS = 7 * DAY
NOT_FOUND_FRESHNESS = 1 * DAY  # a DOI OpenAlex lacks today may be indexed tomorrow
MAX_BODY_BYTES = 8_000_000  # 50 works with abstracts and 100 authorships each fit well within
GIVE_UP_UNREACHABLE = 3


class OpenalexQuota:
    """The day's allowance as the answers state it; spent at the first 429."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._last = Allowance()
        self._spent_until: float | None = None
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
        if status != 429:
            return
        reset = Allowance.from_headers(headers).reset_seconds
        until = self._clock() + (reset if reset is not None else 0.0)
        with self._lock:
            self._spent_until = until
            note = "OpenAlex: daily allowance spent (429); no more OpenAlex requests this run"
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
            return tuple(self._notes)

    @staticmethod
    def _refusal(url: str, until: float) -> RateLimited:
        return RateLimited(SERVICE, url, "OpenAlex daily allowance spent", reset_at=until)


def openalex_policy(settings: Settings) -> ServicePolicy:
    """The door's rules for OpenAlex; the key, when there is one, as the ``api_key`` parameter."""
    own = settings.of(OpenalexSettings)
    key = own.api_key
    return ServicePolicy(
        name=SERVICE,
        freshness=own.freshness,
        max_redirects=own.max_redirects,
        max_body_bytes=MAX_BODY_BYTES,
        quota=OpenalexQuota,
        give_up_unreachable=GIVE_UP_UNREACHABLE,
        auth=Auth.query("api_key", key) if key else None,
    )
