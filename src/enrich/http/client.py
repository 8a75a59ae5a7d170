"""The one door to the network.

Why one door
------------
Every byte the pipeline sends or receives (arXiv, GitHub REST and GraphQL,
project pages, OpenAlex, any later source) passes through
:meth:`NetworkDoor.request`. Caching, conditional requests, retries, pacing,
quotas, page safety and counting are then decided once, in one place, and
hold for every caller: a source cannot forget the arXiv delay or fetch a
private address, a warm run is served from one cache, and the run report's
counts are complete.

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

What differs per service
------------------------
Nothing here names a service, and nothing here imports a source. The door
is built with a mapping name -> :class:`~enrich.http.policy.ServicePolicy`
(each source package builds its own, ``enrich.sources.<name>._policy``;
:mod:`enrich.assembly` gathers them for a run) and every per-service
decision (freshness, pacing, quota, body cap, redirect limit, credentials,
address guard, deadline, answer check) is read from the policy.

How a request goes
------------------
1. URLs of services with untrusted URLs (pages) must be http(s) (checked
   even offline).
2. Cacheable requests (GET, or POST with a ``cache_key``) look in the cache
   (:mod:`enrich.http.cache`): ``--offline`` answers from it however old or
   raises :class:`~enrich.errors.OfflineMiss` without a socket; a fresh entry
   is served as a ``hit``; a stale one with ``ETag``/``Last-Modified`` is
   revalidated, and a 304 refreshes it (``revalidated``).
3. Otherwise :mod:`enrich.http.sender` sends it under :mod:`enrich.http.retry` (backoff,
   ``Retry-After``, capped attempts and wait, the policy's deadline), per
   policy: a paced service holds its process-wide :mod:`~enrich.http.pacing`
   slot; a service with a quota passes its gate (:mod:`~enrich.http.ratelimit`);
   credentials are added; untrusted URLs pass the :mod:`~enrich.http.safety`
   check on every hop (connecting to the checked address) and bounded
   concurrency (:mod:`~enrich.http.hops`); bodies are capped.
4. 2xx answers the policy's answer check accepts are stored (redacted, see
   :mod:`enrich.http.answers`), and a stored one it refuses is not served; 404/410 are
   stored as short-lived negative answers; errors and answers over the cap
   never are. The key is service + method + full URL (with ``params``) +
   ``cache_key``; request headers are not part of it, and credentials never
   reach the cache, the logs (:mod:`enrich.redact`) or another origin (a
   credential sent as a query parameter is added to the wire URL only).

Every exchange is logged at DEBUG on ``enrich.http`` and counted in
:attr:`NetworkDoor.stats`.
"""

from __future__ import annotations

import math
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import cache, lru_cache
from types import TracebackType
from typing import Any
from urllib.parse import urlencode

import httpx

from enrich.errors import NetworkError, OfflineMiss
from enrich.http.answers import revalidated, stored_from, to_response, usable
from enrich.http.cache import ResponseCache, StoredAnswer, answer_key, item_key, save_last_run
from enrich.http.policy import Policies, ServicePolicy
from enrich.http.safety import Resolver, check_scheme, system_resolver
from enrich.http.sender import Sender, log_exchange
from enrich.http.stats import DoorStats, StatsRecorder
from enrich.http.stillness import Stillness, StillnessWatch
from enrich.http.transport import Fetched, Outgoing
from enrich.http.types import AheadURL, CacheOutcome, Door, Reachability, Response
from enrich.http.wire import Wire
from enrich.redact import add_secret
from enrich.settings import Settings

NEGATIVE_STATUSES = frozenset({404, 410})


@cache
def verified_tls_context() -> ssl.SSLContext:
    """The process's one TLS context, verifying against the CA bundle (``SSL_CERT_FILE`` and
    ``SSL_CERT_DIR`` honoured, as httpx does).

    Why shared: httpx builds a new context for every client, and loading the CA bundle
    costs about 20 ms of CPU each time; a test suite that builds hundreds of doors spent
    a sixth of its CPU there. A context is safe to share across clients and threads.
    """
    return httpx.create_ssl_context()


def build_wire(
    settings: Settings,
    *,
    direct: httpx.BaseTransport | None = None,
    verify: ssl.SSLContext | None = None,
) -> Wire:
    """The door's network: explicit timeouts, our User-Agent, redirects left to the door.

    ``direct`` and ``verify``: a test's own network and trusted certificate.
    """
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.connect_timeout + settings.read_timeout,
    )
    return Wire(
        timeout=timeout,
        user_agent=settings.user_agent,
        verify=verify or verified_tls_context(),
        direct=direct,
    )


class NetworkDoor:
    """Implements :class:`enrich.http.types.Door`. Thread-safe; one per run.

    ``policies`` are the services it serves (name -> policy). ``sleep``
    (retry and rate-limit waits, pacing gaps), ``clock`` (wall clock for
    cache ages and quota resets) and ``resolve`` (DNS for the private-address
    check) are injectable for tests. ``backoff`` is the base of the
    exponential backoff.
    """

    def __init__(
        self,
        settings: Settings,
        policies: Policies,
        *,
        wire: Wire | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        resolve: Resolver = system_resolver,
        backoff: float = 1.0,
    ) -> None:
        self.settings = settings
        self._policies = dict(policies)
        for policy in self._policies.values():
            add_secret(policy.auth.secret if policy.auth else None)
        self._wire = wire or build_wire(settings)
        self._notes: list[str] = []
        self._lock = threading.Lock()
        self._cache = ResponseCache(settings.cache_dir, self._note)
        self._watch = StillnessWatch()
        self._watched_generation: str | None = None  # the cache's token when the watch began
        self._clock = clock
        self._stats = StatsRecorder(self._policies)
        self._sender = Sender(
            settings,
            self._policies,
            self._wire,
            self._stats,
            sleep=sleep,
            clock=clock,
            resolve=resolve,
            backoff=backoff,
            note=self._note,
        )
        self._quotas = self._sender.quotas
        self._closed = False
        self._settled = threading.Condition()  # notified whenever a sent request ends
        self._in_flight: Counter[str] = Counter()  # requests on the wire, per service

    # -- the Door protocol -------------------------------------------------

    def request(
        self,
        service: str,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        json_body: Any = None,
        freshness: float | None = None,
        cache_key: str | None = None,
    ) -> Response:
        """See :meth:`enrich.http.types.Door.request`."""
        policy = self._policy(service)
        method = method.upper()
        full_url = _full_url(url, params)
        if policy.untrusted_urls:
            check_scheme(service, full_url)
        cacheable = method == "GET" or cache_key is not None
        key = answer_key(service, method, full_url, cache_key or "") if cacheable else None
        stored = self._cache.get_answer(key) if key else None
        if stored is not None and not usable(policy.check_answer, stored):
            stored = None  # stored before the check refused such bodies: never served again
        if self.settings.offline:
            return self._offline(service, method, url, full_url, stored)
        if stored is not None and self._is_fresh(stored, freshness):
            self._watch.served(self._fresh_until(stored, freshness))
            self._stats.add(service, hits=1)
            log_exchange(service, method, full_url, stored.status, "hit", 0, 0.0)
            return to_response(stored, url, "hit")
        outcome: CacheOutcome = "miss" if cacheable else "bypass"
        auth_params = policy.auth.params() if policy.auth else {}
        out = Outgoing(method, self._headers(policy, headers, stored), json_body, auth_params)
        with self._settled:
            self._in_flight[service] += 1
        self._watch.sending()
        try:
            fetched = self._sender.send(policy, full_url, out, outcome)
        except NetworkError:
            self._stats.add(service, errors=1)
            self._watch.unrepeatable()  # asked again by a rerun: nothing of it was kept
            raise
        finally:
            with self._settled:
                self._in_flight[service] -= 1
                self._settled.notify_all()
        return self._settle(service, method, url, full_url, key, stored, fetched, freshness)

    def recall(self, service: str, key: str, freshness: float | None = None) -> Any | None:
        """See :meth:`enrich.http.types.Door.recall`."""
        if self.settings.refresh and not self.settings.offline:
            self._stats.add(service, item_misses=1)
            return None
        found = self._cache.get_item(service, key)
        fresh_for = self._policy(service).freshness if freshness is None else freshness
        self._watch.read_with(service, fresh_for)
        if found is None or not (self.settings.offline or self._clock() - found[0] < fresh_for):
            self._stats.add(service, item_misses=1)
            return None
        self._stats.add(service, item_hits=1)
        self._watch.served(found[0] + fresh_for)
        return found[1]

    def read_ahead(
        self, service: str, keys: Iterable[str] = (), urls: Iterable[AheadURL] = ()
    ) -> None:
        """See :meth:`enrich.http.types.Door.read_ahead`."""
        if self.settings.refresh and not self.settings.offline:
            return  # nothing stored will be served
        wanted = [item_key(service, key) for key in keys]
        for url in urls:
            full_url = _full_url(url) if isinstance(url, str) else _full_url(*url)
            wanted.append(answer_key(service, "GET", full_url))
        if wanted:
            self._cache.hold(wanted)

    def remember(self, service: str, key: str, value: Any) -> None:
        """See :meth:`enrich.http.types.Door.remember`."""
        now = self._clock()
        self._cache.put_item(service, key, value, now)
        self._watch.remembered(service, now, self._policy(service).freshness)

    def reachability(self, other_than: str, wait: float = 0.0) -> Reachability:
        """See :meth:`enrich.http.types.Door.reachability`."""
        deadline = time.monotonic() + wait
        with self._settled:
            while True:
                heard = self._reachability(other_than)
                left = deadline - time.monotonic()
                pending = any(n for name, n in self._in_flight.items() if name != other_than)
                if heard.answered or heard.silent or not pending or left <= 0:
                    return heard
                self._settled.wait(left)

    def _reachability(self, other_than: str) -> Reachability:
        snapshot = self._stats.snapshot((), ())
        gave_up = set(self._sender.gave_up_on())
        answered = frozenset(name for name, stats in snapshot.services if stats.requests)
        silent = frozenset(
            name
            for name, stats in snapshot.services
            if name != other_than
            and (name in gave_up or (stats.unreachable and not stats.requests))
        )
        return Reachability(answered, silent)

    # -- what a run memo needs (enrich.pipeline.reuse) -----------------------

    def watch(self) -> None:
        """Start a new stretch for :meth:`stillness` (a list's run); a write of a key an
        earlier stretch looked up renews the cache's generation, so the memo left by
        that stretch does not survive it."""
        self._cache.new_stretch()
        self._watch.begin(self._cache.writes)
        self._watched_generation = self._cache.generation()

    def stillness(self) -> Stillness:
        """Since :meth:`watch`: requests sent, entries written, freshness of what was relied
        on, and whether another process wrote to the cache meanwhile."""
        seen = self._watch.seen(self._cache.writes)
        fresh_until = min(seen.fresh_until, self._first_quota_reset())
        return replace(seen, fresh_until=fresh_until, undisturbed=self._undisturbed(seen.written))

    def _first_quota_reset(self) -> float:
        """The earliest reset of a quota found spent (``inf``: none). A source that met a
        spent quota skipped lookups without a failed request; once the quota is reset, a
        rerun would make them, so what this run decided holds until then."""
        resets = [math.inf]
        for quota in self._sender.quotas.values():
            state = quota.state()
            if state.reset is not None and (state.exhausted or state.remaining == 0):
                resets.append(state.reset)
            resets.extend(reset for _, left, reset in state.resources if left <= 0)
        return min(resets)

    def _undisturbed(self, written: int) -> bool:
        """No other process wrote since the stretch began: a process renews the token before
        its first write, so the token is as the stretch found it, or (if this process first
        wrote during the stretch) the one it set over the one the stretch found."""
        start, now = self._watched_generation, self._cache.generation()
        if not written:
            return now == start
        own, replaced = self._cache.renewal()
        return own is not None and now == own and start in (own, replaced)

    def generation(self) -> str | None:
        """The cache's generation token (renewed before any process writes to it)."""
        return self._cache.generation()

    def ensure_generation(self) -> str:
        """The token, set first if the cache has none yet."""
        return self._cache.ensure_generation()

    def memo(self, name: str) -> dict[str, Any] | None:
        return self._cache.get_memo(name)

    def keep_memo(self, name: str, memo: Mapping[str, Any]) -> None:
        self._cache.put_memo(name, memo)

    def now(self) -> float:
        return self._clock()

    # -- reporting and lifetime -------------------------------------------

    @property
    def stats(self) -> DoorStats:
        """A frozen snapshot of the counters, the quotas, and report notes."""
        quotas = tuple(sorted((name, quota.state()) for name, quota in self._quotas.items()))
        snapshot = self._stats.snapshot(quotas, ())
        missing = tuple(
            f"offline: {stats.offline_misses} {name} request(s) not in the cache"
            for name, stats in snapshot.services
            if stats.offline_misses
        )
        with self._lock:
            own = tuple(self._notes)
        quota_notes = tuple(n for _, quota in sorted(self._quotas.items()) for n in quota.notes())
        notes = tuple(dict.fromkeys((*own, *quota_notes, *missing)))
        return replace(snapshot, notes=notes, gave_up=self._sender.gave_up_on())

    def flush(self) -> None:
        """Store what the cache still holds back (:mod:`enrich.http.writebehind`): done on
        :meth:`close`; a caller that hands the cache to someone else before then calls it."""
        self._cache.flush()

    def close(self) -> None:
        """Save this run's counters for ``cache stats``; close the cache and connections."""
        if self._closed:
            return
        self._closed = True
        save_last_run(self.settings.cache_dir, self.stats.to_dict())
        self._cache.close()
        self._wire.close()

    def __enter__(self) -> NetworkDoor:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _note(self, line: str) -> None:
        with self._lock:
            if line not in self._notes:
                self._notes.append(line)

    def _policy(self, service: str) -> ServicePolicy:
        try:
            return self._policies[service]
        except KeyError:
            known = ", ".join(sorted(self._policies))
            raise LookupError(
                f"the door has no policy for {service!r} (it serves {known})"
            ) from None

    # -- cache decisions ----------------------------------------------------

    def _is_fresh(self, stored: StoredAnswer, freshness: float | None) -> bool:
        return not self.settings.refresh and self._clock() < self._fresh_until(stored, freshness)

    def _fresh_until(self, stored: StoredAnswer, freshness: float | None) -> float:
        policy = self._policy(stored.service)
        fresh_for = policy.freshness if freshness is None else freshness
        if stored.status in NEGATIVE_STATUSES:
            not_found = policy.not_found_freshness
            fresh_for = min(
                fresh_for, self.settings.freshness.not_found if not_found is None else not_found
            )
        return stored.stored_at + fresh_for

    def _offline(
        self, service: str, method: str, url: str, full_url: str, stored: StoredAnswer | None
    ) -> Response:
        if stored is None:
            self._stats.add(service, offline_misses=1)
            log_exchange(service, method, full_url, None, "offline-miss", 0, 0.0)
            raise OfflineMiss(service, full_url)
        self._stats.add(service, offline_hits=1)
        log_exchange(service, method, full_url, stored.status, "offline", 0, 0.0)
        return to_response(stored, url, "offline")

    def _settle(
        self,
        service: str,
        method: str,
        url: str,
        full_url: str,
        key: str | None,
        stored: StoredAnswer | None,
        fetched: Fetched,
        freshness: float | None,
    ) -> Response:
        """Turn a fetched answer into the caller's response, updating the cache (and
        telling the watch whether a rerun would be served this answer, and until when)."""
        if fetched.status == 304 and stored is not None:
            refreshed = revalidated(stored, fetched, self._clock())
            if key is not None:
                self._cache.put_answer(key, refreshed)
                self._watch.served(self._fresh_until(refreshed, freshness))
            self._stats.add(service, revalidated=1)
            return to_response(refreshed, url, "revalidated")
        answer = stored_from(service, method, full_url, fetched, self._clock())
        keep = fetched.status // 100 == 2 or fetched.status in NEGATIVE_STATUSES
        if not keep:
            self._watch.unrepeatable()  # a failing answer: asked again, it may say otherwise
        if key is None:
            return to_response(answer, url, "bypass")
        self._stats.add(service, misses=1)
        if keep and not fetched.truncated:  # an answer over the cap is never cached
            self._cache.put_answer(key, answer)
            self._watch.served(self._fresh_until(answer, freshness))
        return to_response(answer, url, "miss")

    def _headers(
        self, policy: ServicePolicy, given: Mapping[str, str] | None, stored: StoredAnswer | None
    ) -> dict[str, str]:
        headers = dict(given or {})
        names = {name.lower() for name in headers}
        auth = policy.auth
        if auth is not None and auth.header is not None and auth.header.lower() not in names:
            headers[auth.header] = auth.value
        if stored is not None and stored.method == "GET":
            if stored.etag:
                headers["If-None-Match"] = stored.etag
            if stored.last_modified:
                headers["If-Modified-Since"] = stored.last_modified
        return headers


def _conforms(door: NetworkDoor) -> Door:
    """Lets mypy prove that :class:`NetworkDoor` implements the :class:`Door` protocol."""
    return door


def _full_url(url: str, params: Mapping[str, str] | None = None) -> str:
    """The URL a request is sent to and cached under: ``params`` merged into its query."""
    return _merged(url, tuple(params.items())) if params else url


def _merged(url: str, params: tuple[tuple[str, str], ...]) -> str:
    """What ``httpx.URL(url).copy_merge_params(params)`` gives.

    httpx's URL parsing was a tenth of a warm run's samples (Hugging Face's
    three count requests per paper, each built twice: read ahead, then
    asked). URLs without a query of their own (nearly all: a few base URLs
    with thousands of parameter sets) are parsed once per base URL, and the
    parameters encoded as httpx encodes them (``urllib.parse.urlencode``,
    ``QueryParams.__str__``); ``tests/http/test_merged_urls.py`` holds the two
    equal.
    """
    base = _without_query(url)
    if base is None:
        return str(httpx.URL(url).copy_merge_params(dict(params)))
    return f"{base}?{urlencode(params)}" if params else base


@lru_cache(maxsize=1024)
def _without_query(url: str) -> str | None:
    """``url`` as httpx writes it, when it has neither query nor fragment; else ``None``."""
    if "?" in url or "#" in url:
        return None
    parsed = httpx.URL(url)
    return None if parsed.query or parsed.fragment else str(parsed.copy_merge_params({}))
