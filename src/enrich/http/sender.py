"""Sending one logical request: retries, deadline, quota, pacing, hops.

Split from :mod:`enrich.http.client` so the door reads as cache decisions
and this module as the network side. Everything per service comes from its
:class:`~enrich.http.policy.ServicePolicy`; the state that outlives one
request (quota handlers, host limiters, services that never answer, hosts
that outlasted a deadline) lives here, one :class:`Sender` per door.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from typing import Any

import httpx
from tenacity import RetryCallState

from enrich.errors import NetworkError, NotAsked, UnsafeURL
from enrich.http.hops import HostLimiter, hop_guard
from enrich.http.pacing import pacer_for
from enrich.http.policy import QuotaHandler, ServicePolicy
from enrich.http.retry import (
    RETRY_STATUSES,
    RetryableAnswer,
    RetryLimits,
    parse_retry_after,
    run_with_retries,
)
from enrich.http.safety import Resolver
from enrich.http.stats import StatsRecorder
from enrich.http.transport import (
    LIBRARY_ERRORS,
    BodyCap,
    Fetched,
    Outgoing,
    RequestTimer,
    fetch,
)
from enrich.http.types import CacheOutcome
from enrich.http.urls import parsed_url
from enrich.http.wire import Wire
from enrich.redact import redact
from enrich.settings import Settings

log = logging.getLogger("enrich.http")


def log_exchange(
    service: str,
    method: str,
    url: str,
    status: int | None,
    outcome: str,
    attempt: int,
    ms: float,
) -> None:
    """One DEBUG line per exchange or cache answer (credentials redacted)."""
    if log.isEnabledFor(logging.DEBUG):
        log.debug(
            "%s %s %s status=%s cache=%s attempt=%d %.0fms",
            service,
            method,
            redact(url),
            status,
            outcome,
            attempt,
            ms,
        )


def _timed_out(error: BaseException) -> bool:
    return isinstance(error.__cause__, httpx.TimeoutException)


def _host(service: str, url: str) -> tuple[str, str, int | None]:
    parsed = parsed_url(url)
    return service, parsed.host.lower(), parsed.port


class Sender:
    """Sends requests for one door; thread-safe where the door needs it."""

    def __init__(
        self,
        settings: Settings,
        policies: Mapping[str, ServicePolicy],
        wire: Wire,
        stats: StatsRecorder,
        *,
        sleep: Callable[[float], None],
        clock: Callable[[], float],
        resolve: Resolver,
        backoff: float,
        note: Callable[[str], None] = lambda line: None,
    ) -> None:
        self._settings = settings
        self._note = note
        self._wire = wire
        self._stats = stats
        self._sleep = sleep
        self._clock = clock
        self._resolve = resolve
        self._limits = RetryLimits(settings.max_attempts, settings.max_retry_wait, backoff)
        self.quotas: dict[str, QuotaHandler] = {
            name: p.quota(clock) for name, p in policies.items() if p.quota
        }
        self._limiters = {
            name: HostLimiter(p.concurrency) for name, p in policies.items() if p.concurrency
        }
        # Consecutive requests per service that got no answer at all; services given up.
        self._unreachable: dict[str, int] = {}
        self.gave_up: set[str] = set()
        # Hosts that outlasted a request's deadline: not asked again this run.
        self._hung_hosts: set[tuple[str, str, int | None]] = set()
        self._lock = threading.Lock()

    def send(
        self, policy: ServicePolicy, url: str, out: Outgoing, outcome: CacheOutcome
    ) -> Fetched:
        """Send with retries; give up a service (or host) that cannot be reached at all."""
        name, give_up = policy.name, policy.give_up_unreachable
        try:
            _ = parsed_url(url).host  # every later step parses it and reads its host (IDNA)
        except (httpx.InvalidURL, ValueError) as error:
            raise UnsafeURL(name, url, f"not a valid URL: {error}") from None
        with self._lock:
            unreachable = self._unreachable.get(name, 0)
        if give_up is not None and unreachable >= give_up:
            with self._lock:
                self.gave_up.add(name)
            raise NotAsked(name, url, f"not asked: {give_up} requests in a row could not connect")
        self._refuse_hung(name, url)
        timer = RequestTimer(policy.deadline.seconds) if policy.deadline else None
        try:
            fetched = self._with_retries(policy, url, out, outcome, timer)
        except NetworkError as error:
            if isinstance(error.__cause__, httpx.TransportError):
                self._stats.add(name, unreachable=1)
            with self._lock:
                if give_up is not None and isinstance(error.__cause__, httpx.TransportError):
                    self._unreachable[name] = self._unreachable.get(name, 0) + 1
                hung = timer is not None and timer.timed_out and _timed_out(error)
                if timer is not None and hung:
                    self._hung_hosts.add(_host(name, timer.timed_out[-1]))
            if timer is not None and hung:
                where = httpx.URL(timer.timed_out[-1]).netloc.decode("ascii", "replace")
                self._note(
                    f"{name}: {where} did not answer within {timer.seconds:g} s; "
                    "not asked again this run"
                )
            raise
        with self._lock:
            self._unreachable[name] = 0
        return fetched

    def gave_up_on(self) -> tuple[str, ...]:
        """The services not asked any more this run (requests in a row got no answer), sorted."""
        with self._lock:
            return tuple(sorted(self.gave_up))

    def _refuse_hung(self, service: str, url: str) -> None:
        """Raise for a host that outlasted a deadline earlier this run (checked per hop)."""
        with self._lock:
            hung = _host(service, url) in self._hung_hosts
        if hung:
            where = httpx.URL(url).netloc.decode("ascii", "replace")
            message = f"not asked: {where} outlasted the deadline earlier this run"
            raise NotAsked(service, url, message)

    def _with_retries(
        self,
        policy: ServicePolicy,
        url: str,
        out: Outgoing,
        outcome: CacheOutcome,
        timer: RequestTimer | None,
    ) -> Fetched:
        service = policy.name
        limits = self._limits
        if policy.deadline is not None and timer is not None:
            end = lambda: timer.end  # noqa: E731 - read when tenacity decides
            limits = replace(limits, deadline=end, timeout_retries=policy.deadline.timeout_retries)

        def attempt(number: int) -> Fetched:
            return self._attempt(policy, url, out, f"{outcome}#{number}", timer)

        def count_retry(state: RetryCallState) -> None:
            self._stats.add(service, retries=1)
            error = state.outcome.exception() if state.outcome else None
            if log.isEnabledFor(logging.DEBUG):
                said = redact(f"{error}: {url}")
                log.debug("%s retry in %.2fs after %s", service, state.upcoming_sleep, said)

        try:
            return run_with_retries(
                attempt,
                service=service,
                url=url,
                limits=limits,
                sleep=self._sleep,
                before_sleep=count_retry,
            )
        except LIBRARY_ERRORS as error:  # not worth retrying: still a typed, named failure
            raise NetworkError(service, url, f"{type(error).__name__}: {error}") from error

    def _attempt(
        self,
        policy: ServicePolicy,
        url: str,
        out: Outgoing,
        label: str,
        timer: RequestTimer | None,
    ) -> Fetched:
        service = policy.name
        quota = self.quotas.get(service)
        if quota is not None:
            wait = quota.gate(url)
            if wait > 0:
                self._sleep(wait)
        with self._pacing_slot(policy):
            fetched = fetch(
                self._wire,
                service,
                url,
                out,
                max_redirects=policy.max_redirects,
                cap=BodyCap(policy.max_body_bytes, policy.truncate_over_cap),
                hop_guard=hop_guard(
                    policy,
                    self._limiters.get(service),
                    allow_private_hosts=self._settings.allow_private_hosts,
                    resolve=self._resolve,
                    refuse=self._refuse_hung if policy.deadline else None,
                ),
                on_exchange=lambda m, u, status, size, ms: self._exchanged(
                    service, m, u, status, size, ms, label
                ),
                timer=timer,
            )
        if quota is not None:
            quota.observe(url, fetched.headers)
            quota.judge(url, fetched.status, fetched.headers, fetched.body)
        if fetched.status in RETRY_STATUSES:
            asked = parse_retry_after(fetched.headers.get("retry-after"), self._clock())
            raise RetryableAnswer(fetched.status, f"{service} answered {fetched.status}", asked)
        if policy.check_answer is not None and fetched.status // 100 == 2:
            reason = policy.check_answer(fetched.status, fetched.headers, fetched.body)
            if reason is not None:
                raise RetryableAnswer(fetched.status, redact(f"{service}: {reason}"))
        return fetched

    def _pacing_slot(self, policy: ServicePolicy) -> AbstractContextManager[Any]:
        pacing = policy.pacing
        if pacing is None:
            return nullcontext()
        return pacer_for(policy.name).slot(
            pacing.min_spacing, single_flight=pacing.single_flight, sleep=self._sleep
        )

    def _exchanged(
        self, service: str, method: str, url: str, status: int, size: int, ms: float, label: str
    ) -> None:
        self._stats.add(service, requests=1, bytes=size)
        outcome, _, attempt = label.partition("#")
        log_exchange(service, method, url, status, outcome, int(attempt), ms)
