"""GitHub's rate limits, as its headers describe them.

Every GitHub answer carries ``x-ratelimit-remaining``/``-reset``/``-resource``;
the tracker keeps the last values per resource (REST ``core``, ``search``,
``graphql`` are separate buckets). Two kinds of limit answer 403 or 429:

- **secondary** (``Retry-After``, or the documented "secondary rate limit"
  message): wait as told (or a minute, GitHub's advice) and try again;
- **primary** (``x-ratelimit-remaining: 0``): wait for the reset if it is
  within ``max_rate_limit_wait``; otherwise stop asking GitHub for the rest of
  the run. The door then raises :class:`~enrich.errors.RateLimited` for every
  GitHub request without opening a socket, sources keep their last known
  values, and a note says so in the run report.

The same gate stops a request before it is sent when the last answer already
said the bucket is empty and the reset is still ahead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from enrich.errors import RateLimited
from enrich.http.retry import RetryableAnswer, parse_retry_after
from enrich.http.stats import QuotaState

SECONDARY_MESSAGE = "secondary rate limit"
RESET_MARGIN = 1.0  # seconds after the announced reset before asking again (clock skew)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _when(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class GithubQuota:
    """Thread-safe view of GitHub's quota for one door."""

    def __init__(self, max_wait: float, secondary_wait: float, clock: Callable[[], float]) -> None:
        self._max_wait = max_wait
        self._secondary_wait = secondary_wait
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[int, float]] = {}
        self._last: tuple[int, float] | None = None
        self._exhausted_until: float | None = None
        self.notes: list[str] = []

    def observe(self, resource: str, headers: Mapping[str, str]) -> None:
        """Record the quota headers of one answer (if it has them)."""
        remaining = _int(headers.get("x-ratelimit-remaining"))
        reset = _int(headers.get("x-ratelimit-reset"))
        if remaining is None or reset is None:
            return
        with self._lock:
            self._buckets[resource] = (remaining, float(reset))
            self._last = (remaining, float(reset))

    def gate(self, resource: str, url: str) -> float:
        """Seconds to wait before sending (0: go); raise when GitHub is off for the run."""
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

    def judge(
        self, resource: str, url: str, status: int, headers: Mapping[str, str], body: bytes
    ) -> None:
        """Raise for a rate-limit answer (403/429): retry after a wait, or give up."""
        if status not in (403, 429):
            return
        retry_after = parse_retry_after(headers.get("retry-after"), self._clock())
        if _int(headers.get("x-ratelimit-remaining")) == 0 and retry_after is None:
            reset = float(_int(headers.get("x-ratelimit-reset")) or self._clock())
            if reset + RESET_MARGIN - self._clock() > self._max_wait:
                self._give_up(resource, url, reset)
            # No wait here: the gate before the next attempt waits for the reset.
            raise RetryableAnswer(status, "GitHub primary rate limit", 0.0, budgeted=False)
        if retry_after is not None or SECONDARY_MESSAGE in body.decode("utf-8", "replace").lower():
            wait = self._secondary_wait if retry_after is None else retry_after
            raise RetryableAnswer(status, "GitHub secondary rate limit", wait)

    def _give_up(self, resource: str, url: str, reset: float) -> None:
        with self._lock:
            self._exhausted_until = reset
            note = (
                f"GitHub quota ({resource}) exhausted until {_when(reset)}, beyond the allowed "
                f"wait of {self._max_wait:g} s: no more GitHub requests this run"
            )
            if note not in self.notes:
                self.notes.append(note)
        raise self._refusal(url, reset)

    def _refusal(self, url: str, reset: float) -> RateLimited:
        message = f"GitHub quota exhausted until {_when(reset)}; not asking again this run"
        return RateLimited("github", url, message, reset_at=reset)

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


def github_resource(url: str, graphql_url: str) -> str:
    """Which bucket a GitHub URL draws from."""
    if url.split("?", 1)[0].rstrip("/") == graphql_url.rstrip("/"):
        return "graphql"
    return "search" if "/search/" in url else "core"
