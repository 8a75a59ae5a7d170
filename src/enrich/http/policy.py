"""What the door needs to know about one service, as one frozen value.

Why a policy object
-------------------
The door used to branch on service names ("arxiv", "github", "pages") for
freshness, pacing, quota, body caps, authentication and the address guard.
Each new source then meant edits inside the door. Now each source package
builds its own :class:`ServicePolicy` (``enrich.sources.<name>._policy``),
the door is given a mapping name -> policy, and it never names a service:
adding a source means adding one policy object, no edit in ``enrich.http``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from enrich.http.stats import QuotaState


@dataclass(frozen=True)
class Pacing:
    """How politely one service is asked, for the whole process.

    Attributes:
        min_spacing: seconds from the end of one request to the start of the
            next (arXiv's terms of use: "no more than one request every three
            seconds").
        single_flight: at most one request in flight at a time (arXiv: "a
            single connection at a time").
        reason: why, quoted or summarised from the service's terms; shown in
            docs and debug logs so nobody "optimises" the wait away.
    """

    min_spacing: float
    single_flight: bool = True
    reason: str = ""


@dataclass(frozen=True)
class Concurrency:
    """Bounded parallelism for services whose URLs point at many hosts (pages)."""

    overall: int
    per_host: int


@dataclass(frozen=True)
class Auth:
    """One credential: a header, or a query parameter for services that want it in the URL.

    ``value`` never reaches the cache, logs or another origin. A query
    parameter (``param``, OpenAlex's ``api_key``) is added to the URL on the
    wire only, after the cache key is taken and never in a logged URL, so a
    key is neither part of the cache folder nor of a debug log; a header
    is used when ``param`` is ``None``.
    """

    header: str | None
    value: str = field(repr=False)
    secret: str = field(repr=False)  # the raw token, redacted from every text we keep
    param: str | None = None

    @classmethod
    def query(cls, param: str, secret: str) -> Auth:
        """A credential sent as ``?param=secret``."""
        return cls(header=None, value=secret, secret=secret, param=param)

    def params(self) -> dict[str, str]:
        """The query parameters this credential adds on the wire (none for a header)."""
        return {self.param: self.value} if self.param else {}


@dataclass(frozen=True)
class Deadline:
    """A total time limit for one logical request, retries included.

    Attributes:
        seconds: wall-clock budget for every attempt and wait together.
        timeout_retries: how often an attempt that timed out is tried again
            (a host that did not answer once rarely answers the second time).
    """

    seconds: float
    timeout_retries: int = 1


class QuotaHandler(Protocol):
    """A service's own rate-limit bookkeeping (e.g. GitHub's primary/secondary limits)."""

    def gate(self, url: str) -> float:
        """Seconds to wait before sending (0: go); raise RateLimited to stop asking."""
        ...

    def observe(self, url: str, headers: Mapping[str, str]) -> None:
        """Record the quota headers of one answer."""
        ...

    def judge(self, url: str, status: int, headers: Mapping[str, str], body: bytes) -> None:
        """Raise RetryableAnswer or RateLimited for a rate-limit answer; else return."""
        ...

    def state(self) -> QuotaState:
        """The quota as last seen, for the run report."""
        ...

    def notes(self) -> tuple[str, ...]:
        """Run-report lines (e.g. quota spent, service stopped)."""
        ...


QuotaFactory = Callable[[Callable[[], float]], QuotaHandler]
"""Builds a door's quota handler from its wall clock (state lives per door)."""

AnswerCheck = Callable[[int, Mapping[str, str], bytes], str | None]
"""Looks at a 2xx answer (status, headers, body): ``None`` if usable, else the
reason it should be retried like a 5xx (and never cached)."""


@dataclass(frozen=True)
class ServicePolicy:
    """Everything the door decides per service.

    Attributes:
        name: the service's name, as sources pass it to the door and the
            cache tags its entries.
        freshness: seconds a cached answer is served without asking again,
            when the caller names none.
        max_body_bytes: the largest answer accepted, decompressed; fits the
            service's largest honest answer with room to spare.
        truncate_over_cap: keep the first ``max_body_bytes`` of a bigger
            answer (pages: a huge page is still alive) instead of failing.
            Either way an answer over the cap is never cached.
        pacing: process-wide spacing and single flight, or ``None``.
        concurrency: per-host and overall bounds, or ``None``.
        quota: builds the rate-limit handler, or ``None``.
        auth: the credential header sent on this service's requests.
        untrusted_urls: URLs come from lists anyone can edit: only http(s),
            never private addresses (checked on every hop, connecting to the
            checked address).
        give_up_unreachable: after this many requests in a row got no answer
            at all, stop asking this run (``None``: never give up).
        deadline: total time limit per request, retries included.
        check_answer: spots a 2xx answer that is not usable (a cut-off feed).
        max_redirects: redirects followed per request (each hop checked as the first).
        not_found_freshness: seconds a 404 or 410 is served without asking again
            (``None``: the run's ``freshness.not_found``, 20 hours).
    """

    name: str
    freshness: float
    max_body_bytes: int
    truncate_over_cap: bool = False
    pacing: Pacing | None = None
    concurrency: Concurrency | None = None
    quota: QuotaFactory | None = None
    auth: Auth | None = None
    untrusted_urls: bool = False
    give_up_unreachable: int | None = None
    deadline: Deadline | None = None
    check_answer: AnswerCheck | None = None
    max_redirects: int = 10
    not_found_freshness: float | None = None


Policies = Mapping[str, ServicePolicy]
