"""Telling a network outage from broken pages, so an outage charges no page a failure.

Run on a machine with no network, every page fails: no host resolves, or
every connection is refused or times out. Judged page by page, that night
would mark every page ``broken``, erase nothing but start every streak, and
three such nights would call the whole list dead. When *no* page that was
asked gave any HTTP answer, and the pages live on at least two hosts, the
failure is the network's: the pages are reported as not checked (the
pipeline keeps their last verdicts, stale) and the report says why.

When every page lives on one host, the pages alone cannot tell an outage
from a dead domain, so the door is asked what it heard from the other
services (:meth:`~enrich.http.types.Door.reachability`): if no service got
any answer this run and an API (arXiv, GitHub, OpenAlex) got none either,
or the door gave up on it, the network is down. If an API answered, or
none asked anything, the host's failure is the pages' own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol
from urllib.parse import urlsplit

from enrich.http.types import Reachability, Response
from enrich.models import PageHealth
from enrich.sources.pages._health import Verdict

MIN_HOSTS = 2
NO_REQUEST = frozenset({PageHealth.UNSAFE})  # refused before any request: says nothing


class Checked(Protocol):
    """What :func:`outage_reason` reads of one fetch."""

    @property
    def url(self) -> str: ...
    @property
    def verdict(self) -> Verdict | None: ...
    @property
    def response(self) -> Response | None: ...
    @property
    def status(self) -> int | None: ...


def unanswered(fetch: Checked) -> bool:
    """A request went out and no HTTP answer came back (no DNS, no connection, timeout)."""
    return (
        fetch.verdict is not None
        and fetch.verdict.health not in NO_REQUEST
        and fetch.response is None
        and fetch.status is None
    )


def _asked(fetch: Checked) -> bool:
    """A request went out this run (not refused, not skipped, not a fresh cache hit)."""
    if fetch.verdict is None or fetch.verdict.health in NO_REQUEST:
        return False
    return fetch.response is None or fetch.response.cache not in {"hit", "offline"}


def outage_reason(
    fetches: Iterable[Checked], heard: Callable[[], Reachability] | None = None
) -> str | None:
    """Why this run's page checks say nothing about the pages, or ``None`` if they do.

    ``heard`` asks the door about the other services; it is called only when
    the pages' own evidence is not enough (every page on one host).
    """
    asked = [fetch for fetch in fetches if _asked(fetch)]
    if not asked or not all(unanswered(fetch) for fetch in asked):
        return None
    hosts = {urlsplit(fetch.url).netloc.lower() for fetch in asked}
    why = f"{len(hosts)} hosts"
    if len(hosts) < MIN_HOSTS:
        reach = heard() if heard is not None else Reachability()
        if not reach.network_down:
            return None
        why = f"one host, and {', '.join(sorted(reach.silent))} got no answer either"
    no_dns = all(f.verdict is not None and f.verdict.health is PageHealth.BROKEN for f in asked)
    what = "no host resolved" if no_dns else "no connection got an answer"
    return (
        f"not checked: {what} for any of {len(asked)} page(s) on {why}, "
        "so the network is down, not the pages; last verdicts kept"
    )
