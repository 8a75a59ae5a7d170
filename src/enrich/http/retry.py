"""When to try a request again, and how long to wait first (tenacity).

Retried: connection errors, timeouts and connections cut mid-answer
(:data:`RETRY_ERRORS`) and answers
the door classifies as :class:`RetryableAnswer` (429, 500, 502, 503, 504, and
GitHub's rate limits). Everything else, any other 4xx included, is final;
so are a host name that does not resolve and a TLS certificate that fails
verification, though both arrive as connection errors.

The wait is the server's when it gives one (``Retry-After`` in seconds or as
an HTTP date), else exponential backoff with full jitter so that many clients
do not come back in step. Each request has a cap on attempts and on the total
time spent waiting; a server asking for a longer wait than the budget allows
ends the request at once rather than stalling the run. Waits the caller marks
as unbudgeted (a GitHub primary reset already checked against its own cap)
do not count against the budget.

A policy may also set a deadline for the whole request (retries and waits
included) and a cap on how often a timeout is tried again: a page that
accepts connections and never answers must not hold the run for five full
read timeouts.
"""

from __future__ import annotations

import email.utils
import math
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import httpx
from tenacity import RetryCallState, RetryError, Retrying, retry_if_exception
from tenacity.wait import wait_random_exponential

from enrich.errors import RetriesExhausted

T = TypeVar("T")

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
LONGEST_RETRY_AFTER = (
    366 * 86_400.0
)  # a longer Retry-After is garbage; the budget refuses it anyway
# Transient transport failures. Not UnsupportedProtocol, LocalProtocolError or
# ProxyError: trying those again cannot help.
RETRY_ERRORS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)


def _caused_by(error: BaseException | None, kind: type[BaseException]) -> bool:
    seen = 0
    while error is not None and seen < 8:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def name_not_resolved(error: BaseException | None) -> bool:
    """Whether a transport error is a host name that did not resolve.

    Not retried: a name that is not in DNS does not appear within the few
    seconds of a backoff, and a list can hold dozens of dead domains.
    """
    return _caused_by(error, socket.gaierror)


def certificate_refused(error: BaseException | None) -> bool:
    """Whether a transport error is a TLS certificate that failed verification.

    Not retried: an expired or wrong certificate stays so for the run.
    """
    return _caused_by(error, ssl.SSLCertVerificationError)


def _retryable(error: BaseException) -> bool:
    if isinstance(error, RetryableAnswer):
        return True
    if not isinstance(error, RETRY_ERRORS):
        return False
    return not (name_not_resolved(error) or certificate_refused(error))


class RetryableAnswer(Exception):
    """A final-looking answer that should be tried again."""

    def __init__(
        self, status: int, reason: str, wait: float | None = None, *, budgeted: bool = True
    ) -> None:
        self.status = status
        self.reason = reason
        self.wait = wait  # seconds the server asked for; None: use backoff
        self.budgeted = budgeted
        super().__init__(f"HTTP {status}: {reason}")


@dataclass(frozen=True)
class RetryLimits:
    max_attempts: int
    max_total_wait: float  # seconds of budgeted waiting per request
    backoff: float  # base of the exponential backoff (seconds)
    deadline: Callable[[], float | None] | None = (
        None  # time.monotonic() of the deadline, once known
    )
    timeout_retries: int | None = None  # how often a timed-out attempt is repeated


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP date)."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:  # "inf", "nan", "-1e308", "1e999": server text, never a wait or an exception
        return (
            min(seconds, LONGEST_RETRY_AFTER) if math.isfinite(seconds) and seconds >= 0 else None
        )
    try:
        when = email.utils.parsedate_to_datetime(text)
        return min(max(0.0, when.timestamp() - now), LONGEST_RETRY_AFTER)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


class _Budget:
    """Per-request bookkeeping tenacity's callbacks share: the wait chosen, the time spent."""

    def __init__(self, limits: RetryLimits) -> None:
        self.limits = limits
        self.spent = 0.0
        self.timeouts = 0
        self.pending = (0.0, True)
        self._backoff = wait_random_exponential(
            multiplier=limits.backoff, max=max(limits.backoff, limits.max_total_wait)
        )

    def wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, RetryableAnswer) and error.wait is not None:
            self.pending = (error.wait, error.budgeted)
        else:
            left = max(0.0, self.limits.max_total_wait - self.spent)
            self.pending = (min(self._backoff(state), left), True)
        return self.pending[0]

    def stop(self, state: RetryCallState) -> bool:
        wait, budgeted = self.pending
        limits = self.limits
        if state.attempt_number >= limits.max_attempts:
            return True
        if isinstance(state.outcome.exception() if state.outcome else None, httpx.TimeoutException):
            self.timeouts += 1
            if limits.timeout_retries is not None and self.timeouts > limits.timeout_retries:
                return True
        end = limits.deadline() if limits.deadline is not None else None
        if end is not None and time.monotonic() + wait >= end:
            return True
        if budgeted and self.spent + wait > self.limits.max_total_wait:
            return True
        if budgeted:
            self.spent += wait
        return False


def _describe(error: BaseException | None) -> tuple[str, int | None]:
    if isinstance(error, RetryableAnswer):
        return str(error), error.status
    if error is None:
        return "unknown failure", None
    return f"{type(error).__name__}: {error}", None


def run_with_retries(
    attempt: Callable[[int], T],
    *,
    service: str,
    url: str,
    limits: RetryLimits,
    sleep: Callable[[float], None],
    before_sleep: Callable[[RetryCallState], None] | None = None,
) -> T:
    """Call ``attempt(n)`` (n from 1) until it returns, retrying per the policy.

    Raises :class:`RetriesExhausted` naming the service, URL and last failure.
    Exceptions that are not retryable pass through unchanged.
    """
    budget = _Budget(limits)
    retrying = Retrying(
        retry=retry_if_exception(_retryable),
        wait=budget.wait,
        stop=budget.stop,
        sleep=sleep,
        before_sleep=before_sleep,
    )
    count = 0

    def numbered() -> T:
        nonlocal count
        count += 1
        return attempt(count)

    try:
        return retrying(numbered)
    except RetryError as error:
        last = error.last_attempt
        message, status = _describe(last.exception())
        raise RetriesExhausted(
            service, url, f"gave up: {message}", status=status, attempts=last.attempt_number
        ) from last.exception()
