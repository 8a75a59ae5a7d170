"""The contract of the network door, shared by the door and the sources.

Sources (``enrich.sources.*``) receive a :class:`Door` and never import httpx,
requests or sockets themselves. The door (``enrich.http.client``) owns every
byte that crosses the network: caching, conditional requests, retries,
pacing, rate limits, safety checks and counting all happen behind
:meth:`Door.request`. Sources see only :class:`Response` values and the typed
errors of :mod:`enrich.errors`.

The door also keeps a small per-item store (:meth:`Door.recall` /
:meth:`Door.remember`) in the same persistent cache, so a source that fetches
in batches (arXiv ``id_list``, GitHub GraphQL) can cache per record: a warm run
asks only for the records that are missing or expired, whatever batch they
arrived in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Service = str
"""A service's name ("arxiv", "github", ...): the key of its policy
(:class:`enrich.http.policy.ServicePolicy`) in the door's mapping."""

CacheOutcome = Literal["miss", "hit", "revalidated", "offline", "bypass"]
"""How a response was obtained:

- ``miss``: fetched from the network (no usable cache entry);
- ``hit``: served from a fresh cache entry, no request sent;
- ``revalidated``: a conditional request was answered 304, served from the cache;
- ``offline``: served from the cache, however old, because ``--offline`` is set;
- ``bypass``: not cacheable (e.g. a POST without a cache key), fetched.
"""


@dataclass(frozen=True)
class Response:
    """One final HTTP answer (after redirects and retries)."""

    service: Service
    method: str
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    cache: CacheOutcome = "miss"
    redirects: tuple[tuple[int, str], ...] = field(default=())  # (status, URL redirected from)
    truncated: bool = False  # the body hit the size cap and was cut

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass(frozen=True)
class Reachability:
    """What the door has heard this run, for telling an outage from a dead host.

    ``answered``: services that got at least one HTTP answer (any status).
    ``silent``: the other services that asked and got no answer at all (no
    DNS, no connection, a timeout), or that the door stopped asking after
    ``give_up_unreachable`` such requests in a row.
    """

    answered: frozenset[Service] = frozenset()
    silent: frozenset[Service] = frozenset()

    @property
    def network_down(self) -> bool:
        """Nothing answered anyone, and another service found nobody there too."""
        return not self.answered and bool(self.silent)


AheadURL = str | tuple[str, Mapping[str, str]]  # a GET's URL, alone or with its params


class Door(Protocol):
    """What a source may ask of the network. Implemented by ``enrich.http.client``."""

    def request(
        self,
        service: Service,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        json_body: Any = None,
        freshness: float | None = None,
        cache_key: str | None = None,
    ) -> Response:
        """Send one logical request; return its final answer.

        - ``freshness`` (seconds): how long a cached answer is served without a
          request. ``None`` uses the service policy's default; ``0``
          forces revalidation.
        - GETs are cached by method+URL+params; a POST is cached only when the
          caller gives a ``cache_key`` (e.g. a hash of a GraphQL query).
        - Any final status is returned (2xx, 304 never, 404, 410 ...); only
          retryable failures that outlast their retries raise
          :class:`~enrich.errors.RetriesExhausted` (also a 2xx answer the
          policy's answer check keeps refusing). Other raises:
          :class:`~enrich.errors.RateLimited` (a quota spent beyond the
          allowed wait, and every later call to that service in the run),
          :class:`~enrich.errors.OfflineMiss`, :class:`~enrich.errors.UnsafeURL`
          (services with untrusted URLs), :class:`~enrich.errors.AnswerTooLarge`
          (an answer over the policy's size cap), :class:`~enrich.errors.NetworkError`
          (e.g. too many redirects, a redirect loop, DNS failure, a deadline).
        - Redirects are followed (bounded, loops detected); ``Response.redirects``
          keeps the chain so a caller can see a rename (GitHub 301) or a move.
        """
        ...

    def recall(self, service: Service, key: str, freshness: float | None = None) -> Any | None:
        """A value stored with :meth:`remember`, if present and fresh.

        With ``--offline`` any stored value is returned however old; with
        ``--refresh`` nothing is fresh.
        """
        ...

    def remember(self, service: Service, key: str, value: Any) -> None:
        """Store a JSON-serialisable value for :meth:`recall`."""
        ...

    def read_ahead(
        self, service: Service, keys: Iterable[str] = (), urls: Iterable[AheadURL] = ()
    ) -> None:
        """Read the items ``keys`` and the stored ``GET`` answers of ``urls`` (each a URL,
        or a URL and its ``params`` as :meth:`request` takes them) at once.

        A source about to :meth:`recall` or :meth:`request` many of them one by
        one says so first: they are then read in a few queries instead of one
        each. It changes no answer, only its cost.
        """
        ...

    def reachability(self, other_than: Service, wait: float = 0.0) -> Reachability:
        """What the door heard from every service but ``other_than`` (see :class:`Reachability`).

        Waits up to ``wait`` seconds, woken by each finished request, until there
        is evidence either way (an answer, or a service that got none), but only
        while another service has a request on the wire: the services run side
        by side, so one may be waiting for its answer; when none is, nothing
        more will be heard soon and waiting would only slow the run.
        """
        ...
