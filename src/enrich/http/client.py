"""The one door to the network.

Why one door
------------
Every byte the pipeline sends or receives (arXiv, GitHub REST and GraphQL,
project pages) passes through :class:`NetworkDoor.request`. Caching,
conditional requests, retries, arXiv pacing, GitHub quota, page safety and
counting are then decided once, in one place, and hold for every caller: a
source cannot forget the arXiv delay or fetch a private address, a warm run
is served from one cache, and the run report's counts are complete.

Why the ``arxiv`` and PyGithub libraries do not fetch
-----------------------------------------------------
Both libraries own their own HTTP session (``requests``) with behaviour this
project cannot accept: ``arxiv`` has no timeout, retries a 400 with a fixed
wait and paces per client object only; PyGithub may sleep up to an hour on a
primary limit and has no cache. Routing their sessions through an adapter
would still leave their retry loops running on top of ours. So the sources
use the libraries for what they are good at, building queries and parsing
and modelling answers, while the door does the fetching: a source builds a
URL or GraphQL body, calls :meth:`NetworkDoor.request`, and hands the bytes
to the library's parser (or its own).

How a request goes
------------------
1. ``pages`` URLs must be http(s) (checked even offline).
2. Cacheable requests (GET, or POST with a ``cache_key``) look in the cache
   (:mod:`enrich.http.cache`): ``--offline`` answers from it however old or
   raises :class:`~enrich.errors.OfflineMiss` without a socket; a fresh entry
   is served as a ``hit``; a stale one with ``ETag``/``Last-Modified`` is
   revalidated, and a 304 refreshes it (``revalidated``).
3. Otherwise the request is sent under :mod:`enrich.http.retry` (backoff,
   ``Retry-After``, capped attempts and wait), per service:
   arXiv holds the process-wide :mod:`~enrich.http.pacing` slot; GitHub passes
   the :mod:`~enrich.http.ratelimit` gate and gets the token; pages pass the
   :mod:`~enrich.http.safety` check on every hop and bounded concurrency.
4. 2xx answers are stored; 404/410 are stored as short-lived negative
   answers; errors never are. The key is service + method + full URL (with
   ``params``) + ``cache_key``; request headers are not part of it, and the
   GitHub token (added here as ``Authorization: Bearer``) never reaches the
   cache or another host.

Every exchange is logged at DEBUG on ``enrich.http`` and counted in
:attr:`NetworkDoor.stats`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace
from types import TracebackType
from typing import Any

import httpx
from tenacity import RetryCallState

from enrich.errors import NetworkError, OfflineMiss
from enrich.http.cache import ResponseCache, StoredAnswer, answer_key, open_cache, save_last_run
from enrich.http.pacing import ARXIV_PACER
from enrich.http.ratelimit import GithubQuota, github_resource
from enrich.http.retry import (
    RETRY_STATUSES,
    RetryableAnswer,
    RetryLimits,
    parse_retry_after,
    run_with_retries,
)
from enrich.http.safety import Resolver, check_address, check_scheme, system_resolver
from enrich.http.stats import DoorStats, StatsRecorder
from enrich.http.transport import Fetched, Outgoing, fetch
from enrich.http.types import CacheOutcome, Door, Response, Service
from enrich.settings import Settings

log = logging.getLogger("enrich.http")

NEGATIVE_STATUSES = frozenset({404, 410})
# An API (arXiv, GitHub) that gave no answer at all this many requests in a
# row (each after its own retries) is not asked again this run: on a machine
# without a network the run ends in seconds, not after every retry budget.
UNREACHABLE_AFTER = 3


def build_http_client(settings: Settings) -> httpx.Client:
    """The shared transport: explicit timeouts, our User-Agent, no automatic redirects."""
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.connect_timeout + settings.read_timeout,
    )
    return httpx.Client(
        timeout=timeout,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
    )


class _PageLimiter:
    """Bounded concurrency for project pages: overall and per host."""

    def __init__(self, overall: int, per_host: int) -> None:
        self.overall = threading.BoundedSemaphore(overall)
        self._per_host = per_host
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def host(self, url: str) -> threading.BoundedSemaphore:
        name = httpx.URL(url).host.lower()
        with self._lock:
            return self._hosts.setdefault(name, threading.BoundedSemaphore(self._per_host))


class NetworkDoor:
    """Implements :class:`enrich.http.types.Door`. Thread-safe; one per run.

    ``sleep`` (retry and rate-limit waits, arXiv gaps), ``clock`` (wall clock
    for cache ages and quota resets) and ``resolve`` (DNS for the
    private-address check) are injectable for tests. ``backoff`` is the base
    of the exponential backoff; ``github_secondary_wait`` is GitHub's
    advised wait after a secondary limit that names no ``Retry-After``.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        resolve: Resolver = system_resolver,
        backoff: float = 1.0,
        github_secondary_wait: float = 60.0,
    ) -> None:
        self.settings = settings
        self._http = client or build_http_client(settings)
        self._cache = ResponseCache(open_cache(settings))
        self._sleep = sleep
        self._clock = clock
        self._resolve = resolve
        # Consecutive requests per API service that got no answer at all.
        self._unreachable: dict[Service, int] = {}
        self._limits = RetryLimits(settings.max_attempts, settings.max_retry_wait, backoff)
        self._stats = StatsRecorder()
        self._quota = GithubQuota(settings.max_rate_limit_wait, github_secondary_wait, clock)
        self._pages = _PageLimiter(settings.page_concurrency, settings.page_concurrency_per_host)
        self._closed = False

    # -- the Door protocol -------------------------------------------------

    def request(
        self,
        service: Service,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        json_body: Any = None,
        form: Mapping[str, str] | None = None,
        freshness: float | None = None,
        cache_key: str | None = None,
    ) -> Response:
        """See :meth:`enrich.http.types.Door.request`."""
        method = method.upper()
        full_url = str(httpx.URL(url).copy_merge_params(params)) if params else url
        if service == "pages":
            check_scheme(service, full_url)
        cacheable = method == "GET" or cache_key is not None
        key = answer_key(service, method, full_url, cache_key or "") if cacheable else None
        stored = self._cache.get_answer(key) if key else None
        if self.settings.offline:
            return self._offline(service, method, url, full_url, stored)
        if stored is not None and self._is_fresh(stored, freshness):
            self._stats.add(service, hits=1)
            self._log(service, method, full_url, stored.status, "hit", 0, 0.0)
            return _response(stored, url, "hit")
        outcome: CacheOutcome = "miss" if cacheable else "bypass"
        out = Outgoing(method, self._headers(service, headers, stored), json_body, form)
        try:
            fetched = self._send(service, full_url, out, outcome)
        except NetworkError:
            self._stats.add(service, errors=1)
            raise
        return self._settle(service, method, url, full_url, key, stored, fetched)

    def recall(self, service: Service, key: str, freshness: float | None = None) -> Any | None:
        """See :meth:`enrich.http.types.Door.recall`."""
        if self.settings.refresh and not self.settings.offline:
            self._stats.add(service, item_misses=1)
            return None
        found = self._cache.get_item(service, key)
        fresh_for = self._default_freshness(service) if freshness is None else freshness
        if found is None or not (self.settings.offline or self._clock() - found[0] < fresh_for):
            self._stats.add(service, item_misses=1)
            return None
        self._stats.add(service, item_hits=1)
        return found[1]

    def remember(self, service: Service, key: str, value: Any) -> None:
        """See :meth:`enrich.http.types.Door.remember`."""
        self._cache.put_item(service, key, value, self._clock())

    # -- reporting and lifetime -------------------------------------------

    @property
    def stats(self) -> DoorStats:
        """A frozen snapshot of the counters, the GitHub quota, and report notes."""
        snapshot = self._stats.snapshot(self._quota.state())
        missing = tuple(
            f"offline: {stats.offline_misses} {name} request(s) not in the cache"
            for name, stats in snapshot.services
            if stats.offline_misses
        )
        notes = tuple(dict.fromkeys((*snapshot.notes, *self._quota.notes, *missing)))
        return DoorStats(services=snapshot.services, github=snapshot.github, notes=notes)

    def close(self) -> None:
        """Save this run's counters for ``cache stats``; close the cache and connections."""
        if self._closed:
            return
        self._closed = True
        save_last_run(self.settings.cache_dir, self.stats.to_dict())
        self._cache.close()
        self._http.close()

    def __enter__(self) -> NetworkDoor:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # -- cache decisions ----------------------------------------------------

    def _default_freshness(self, service: Service) -> float:
        fresh = self.settings.freshness
        return {"arxiv": fresh.arxiv_record, "github": fresh.github, "pages": fresh.pages}[service]

    def _is_fresh(self, stored: StoredAnswer, freshness: float | None) -> bool:
        if self.settings.refresh:
            return False
        fresh_for = self._default_freshness(stored.service) if freshness is None else freshness
        if stored.status in NEGATIVE_STATUSES:
            fresh_for = min(fresh_for, self.settings.freshness.not_found)
        return self._clock() - stored.stored_at < fresh_for

    def _offline(
        self,
        service: Service,
        method: str,
        url: str,
        full_url: str,
        stored: StoredAnswer | None,
    ) -> Response:
        if stored is None:
            self._stats.add(service, offline_misses=1)
            self._log(service, method, full_url, None, "offline-miss", 0, 0.0)
            raise OfflineMiss(service, full_url)
        self._stats.add(service, offline_hits=1)
        self._log(service, method, full_url, stored.status, "offline", 0, 0.0)
        return _response(stored, url, "offline")

    def _settle(
        self,
        service: Service,
        method: str,
        url: str,
        full_url: str,
        key: str | None,
        stored: StoredAnswer | None,
        fetched: Fetched,
    ) -> Response:
        """Turn a fetched answer into the caller's response, updating the cache."""
        if fetched.status == 304 and stored is not None:
            refreshed = _revalidated(stored, fetched, self._clock())
            if key is not None:
                self._cache.put_answer(key, refreshed)
            self._stats.add(service, revalidated=1)
            return _response(refreshed, url, "revalidated")
        answer = _stored_from(service, method, full_url, fetched, self._clock())
        if key is None:
            return _response(answer, url, "bypass")
        self._stats.add(service, misses=1)
        if fetched.status // 100 == 2 or fetched.status in NEGATIVE_STATUSES:
            self._cache.put_answer(key, answer)
        return _response(answer, url, "miss")

    def _headers(
        self, service: Service, given: Mapping[str, str] | None, stored: StoredAnswer | None
    ) -> dict[str, str]:
        headers = dict(given or {})
        names = {name.lower() for name in headers}
        if service == "github" and self.settings.github_token and "authorization" not in names:
            headers["Authorization"] = f"Bearer {self.settings.github_token}"
        if stored is not None and stored.method == "GET":
            if stored.etag:
                headers["If-None-Match"] = stored.etag
            if stored.last_modified:
                headers["If-Modified-Since"] = stored.last_modified
        return headers

    # -- sending --------------------------------------------------------------

    def _send(self, service: Service, url: str, out: Outgoing, outcome: CacheOutcome) -> Fetched:
        """Send with retries; an API that cannot be reached at all is given up for the run."""
        if self._unreachable.get(service, 0) >= UNREACHABLE_AFTER:
            raise NetworkError(
                service, url, f"not asked: {UNREACHABLE_AFTER} requests in a row could not connect"
            )
        try:
            fetched = self._send_with_retries(service, url, out, outcome)
        except NetworkError as error:
            if service != "pages" and isinstance(error.__cause__, httpx.TransportError):
                self._unreachable[service] = self._unreachable.get(service, 0) + 1
            raise
        self._unreachable[service] = 0
        return fetched

    def _send_with_retries(
        self, service: Service, url: str, out: Outgoing, outcome: CacheOutcome
    ) -> Fetched:
        def attempt(number: int) -> Fetched:
            return self._attempt(service, url, out, f"{outcome}#{number}")

        def count_retry(state: RetryCallState) -> None:
            self._stats.add(service, retries=1)
            error = state.outcome.exception() if state.outcome else None
            log.debug("%s retry in %.2fs after %s: %s", service, state.upcoming_sleep, error, url)

        try:
            return run_with_retries(
                attempt,
                service=service,
                url=url,
                limits=self._limits,
                sleep=self._sleep,
                before_sleep=count_retry,
            )
        except httpx.HTTPError as error:  # not worth retrying: still a typed, named failure
            raise NetworkError(service, url, f"{type(error).__name__}: {error}") from error

    def _attempt(self, service: Service, url: str, out: Outgoing, label: str) -> Fetched:
        resource = github_resource(url, self.settings.github_graphql_url)
        if service == "github":
            wait = self._quota.gate(resource, url)
            if wait > 0:
                self._sleep(wait)
        with self._service_slot(service):
            fetched = fetch(
                self._http,
                service,
                url,
                out,
                max_redirects=self.settings.page_max_redirects,
                max_bytes=self.settings.page_max_bytes if service == "pages" else None,
                hop_guard=self._hop_guard(service),
                on_exchange=lambda m, u, status, size, ms: self._exchanged(
                    service, m, u, status, size, ms, label
                ),
            )
        if service == "github":
            self._quota.observe(resource, fetched.headers)
            self._quota.judge(resource, url, fetched.status, fetched.headers, fetched.body)
        if fetched.status in RETRY_STATUSES:
            asked = parse_retry_after(fetched.headers.get("retry-after"), self._clock())
            raise RetryableAnswer(fetched.status, f"{service} answered {fetched.status}", asked)
        return fetched

    def _service_slot(self, service: Service) -> AbstractContextManager[Any]:
        if service == "arxiv":
            return ARXIV_PACER.slot(self.settings.arxiv_delay, sleep=self._sleep)
        return nullcontext()  # pages take their slots per hop, in _hop_guard

    def _hop_guard(self, service: Service) -> Callable[[str], AbstractContextManager[None]]:
        if service != "pages":
            return lambda url: nullcontext()

        @contextmanager
        def guard(url: str) -> Iterator[None]:
            if self.settings.allow_private_hosts:
                check_scheme(service, url)
            else:
                check_address(service, url, self._resolve)
            # The host's slot first, then one of the overall slots: a request
            # waiting for a busy host must not hold an overall slot, or a run
            # of same-host URLs starves every other host (measured: 2.3x slower).
            with self._pages.host(url), self._pages.overall:
                yield

        return guard

    def _exchanged(
        self, service: Service, method: str, url: str, status: int, size: int, ms: float, label: str
    ) -> None:
        self._stats.add(service, requests=1, bytes=size)
        outcome, _, attempt = label.partition("#")
        self._log(service, method, url, status, outcome, int(attempt), ms)

    def _log(
        self,
        service: Service,
        method: str,
        url: str,
        status: int | None,
        outcome: str,
        attempt: int,
        ms: float,
    ) -> None:
        log.debug(
            "%s %s %s status=%s cache=%s attempt=%d %.0fms",
            service,
            method,
            url,
            status,
            outcome,
            attempt,
            ms,
        )


def _stored_from(
    service: Service, method: str, url: str, fetched: Fetched, now: float
) -> StoredAnswer:
    return StoredAnswer(
        service=service,
        method=method,
        url=url,
        final_url=fetched.final_url,
        status=fetched.status,
        headers=dict(fetched.headers),
        body=fetched.body,
        stored_at=now,
        etag=fetched.headers.get("etag"),
        last_modified=fetched.headers.get("last-modified"),
        redirects=fetched.redirects,
        truncated=fetched.truncated,
    )


def _revalidated(stored: StoredAnswer, fetched: Fetched, now: float) -> StoredAnswer:
    """The stored answer, made fresh again by a 304 (and its validators updated)."""
    return replace(
        stored,
        stored_at=now,
        etag=fetched.headers.get("etag") or stored.etag,
        last_modified=fetched.headers.get("last-modified") or stored.last_modified,
    )


def _response(stored: StoredAnswer, url: str, outcome: CacheOutcome) -> Response:
    return Response(
        service=stored.service,
        method=stored.method,
        url=url,
        final_url=stored.final_url,
        status=stored.status,
        headers=dict(stored.headers),
        body=stored.body,
        cache=outcome,
        redirects=stored.redirects,
        truncated=stored.truncated,
    )


def build_door(settings: Settings, **options: Any) -> NetworkDoor:
    """The door for a run. ``options`` are :class:`NetworkDoor`'s test hooks."""
    return NetworkDoor(settings, **options)


def _conforms(door: NetworkDoor) -> Door:
    """Lets mypy prove that :class:`NetworkDoor` implements the :class:`Door` protocol."""
    return door
