"""Rate limits told by ``x-ratelimit-*`` headers (GitHub's, and services copying them).

Every answer carries ``x-ratelimit-remaining``/``-reset``; the tracker keeps
the last values per resource (GitHub: REST ``core``, ``search``, ``graphql``
are separate buckets; ``resource_of`` maps a URL to its bucket). Two kinds of
limit answer 403 or 429:

- **secondary** (``Retry-After``, or the documented ``secondary_message``,
  GitHub's "secondary rate limit"): wait as told (or ``secondary_wait``,
  GitHub advises a minute) and try again;
- **primary** (``x-ratelimit-remaining: 0``): wait for the reset if it is
  within ``max_rate_limit_wait``; otherwise stop asking the service for the
  rest of the run. The door then raises :class:`~enrich.errors.RateLimited`
  for every request to it without opening a socket, sources keep their last
  known values, and a note says so in the run report.

The same gate stops a request before it is sent when the last answer already
said the bucket is empty and the reset is still ahead. A reset that is not a
plausible epoch time (garbage, or ``99999999999999``) is ignored, never an
exception: headers are server input.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from enrich.errors import RateLimited
from enrich.http.retry import RetryableAnswer, parse_retry_after
from enrich.http.stats import QuotaState

RESET_MARGIN = 1.0  # seconds after the announced reset before asking again (clock skew)
LATEST_RESET = 32_503_680_000  # 3000-01-01: later "resets" are garbage, not times
_DIGITS = 20  # longer numbers are garbage too, and int() of huge strings is slow


def _int(value: str | None) -> int | None:
    text = (value or "").strip()
    if not text or len(text) > _DIGITS or not text.isascii():
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _reset(value: str | None) -> float | None:
    """An ``x-ratelimit-reset`` epoch second, or ``None`` when absent or implausible."""
    number = _int(value)
    return float(number) if number is not None and 0 <= number <= LATEST_RESET else None


def _when(epoch: float) -> str:
    return datetime.fromtimestamp(min(max(epoch, 0.0), LATEST_RESET), UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )


@dataclass(frozen=True)
class QuotaRules:
    """One service's rate-limit conventions (the parts that differ between services)."""

    label: str  # service name used in errors and notes, e.g. "github"
    title: str  # as people write it, e.g. "GitHub"
    max_wait: float  # wait this long for a reset, no longer
    secondary_wait: float  # wait after a secondary limit that names no Retry-After
    secondary_message: str = "secondary rate limit"
    resource_of: Callable[[str], str] = lambda url: "core"


class HeaderQuota:
    """Thread-safe view of one service's quota for one door (a :class:`QuotaHandler`)."""

    def __init__(self, rules: QuotaRules, clock: Callable[[], float]) -> None:
        self._rules = rules
        self._max_wait = rules.max_wait
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[int, float]] = {}
        self._last: tuple[int, float] | None = None
        self._exhausted_until: float | None = None
        self._notes: list[str] = []

    def notes(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._notes)

    def observe(self, url: str, headers: Mapping[str, str]) -> None:
        """Record the quota headers of one answer (if it has them)."""
        resource = self._rules.resource_of(url)
        remaining = _int(headers.get("x-ratelimit-remaining"))
        reset = _reset(headers.get("x-ratelimit-reset"))
        if remaining is None or reset is None:
            return
        with self._lock:
            self._buckets[resource] = (remaining, float(reset))
            self._last = (remaining, float(reset))

    def gate(self, url: str) -> float:
        """Seconds to wait before sending (0: go); raise when the service is off for the run."""
        resource = self._rules.resource_of(url)
        with self._lock:
            if self._exhausted_until is not None:
                raise self._refusal(url, self._exhausted_until)
            remaining, reset = self._buckets.get(resource, (1, 0.0))
        if remaining > 0:
            return 0.0
        wait = reset + RESET_MARGIN - self._clock()
        if wait <= 0:
            return 0.0
        if wait > self._max_wait:
            self._give_up(resource, url, reset)
        with self._lock:
            self._buckets.pop(resource, None)  # unknown again once we have waited
        return wait

    def judge(self, url: str, status: int, headers: Mapping[str, str], body: bytes) -> None:
        """Raise for a rate-limit answer (403/429): retry after a wait, or give up."""
        if status not in (403, 429):
            return
        rules = self._rules
        retry_after = parse_retry_after(headers.get("retry-after"), self._clock())
        if _int(headers.get("x-ratelimit-remaining")) == 0 and retry_after is None:
            reset = _reset(headers.get("x-ratelimit-reset")) or self._clock()
            if reset + RESET_MARGIN - self._clock() > self._max_wait:
                self._give_up(rules.resource_of(url), url, reset)
            # No wait here: the gate before the next attempt waits for the reset.
            raise RetryableAnswer(status, f"{rules.title} primary rate limit", 0.0, budgeted=False)
        said = body[:65536].decode("utf-8", "replace").lower()
        if retry_after is not None or rules.secondary_message in said:
            wait = rules.secondary_wait if retry_after is None else retry_after
            raise RetryableAnswer(status, f"{rules.title} secondary rate limit", wait)

    def _give_up(self, resource: str, url: str, reset: float) -> None:
        with self._lock:
            self._exhausted_until = reset
            title = self._rules.title
            note = (
                f"{title} quota ({resource}) exhausted until {_when(reset)}, beyond the allowed "
                f"wait of {self._max_wait:g} s: no more {title} requests this run"
            )
            if note not in self._notes:
                self._notes.append(note)
        raise self._refusal(url, reset)

    def _refusal(self, url: str, reset: float) -> RateLimited:
        title = self._rules.title
        message = f"{title} quota exhausted until {_when(reset)}; not asking again this run"
        return RateLimited(self._rules.label, url, message, reset_at=reset)

    def state(self) -> QuotaState:
        with self._lock:
            remaining, reset = self._last if self._last else (None, None)
            resources = tuple(sorted((name, n, t) for name, (n, t) in self._buckets.items()))
            return QuotaState(
                remaining=remaining,
                reset=reset,
                exhausted=self._exhausted_until is not None,
                resources=resources,
            )
