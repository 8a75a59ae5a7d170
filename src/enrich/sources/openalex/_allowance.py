"""What OpenAlex charges, what its headers say is left, and what a run spent.

OpenAlex's terms as read on 2026-11-29 (they change: check again before
relying on a number here):

- **A key is required since 13 February 2026** ("API key required starting
  February 13, 2026"), free from openalex.org/settings/api, sent as the
  ``api_key`` query parameter. Sources: *Authentication & Pricing*,
  https://developers.openalex.org/api-reference/authentication and
  https://developers.openalex.org/guides/authentication.
- **Priced per request type**, from a daily allowance in US dollars: a free
  key gets $1 a day; without a key the documents disagree ($0.01 a day on
  the API reference page, $0.10 on the guide's ``.md`` text; the older
  credit-based page, https://docs.openalex.org/how-to-use-the-api/rate-limits-and-authentication,
  says 100 credits without a key and 100,000 with one). Singletons
  (``/works/W123``, ``/works/doi:...``) are free; list+filter costs $0.10 per
  1,000 calls ($0.0001 each); search ($1 per 1,000, $0.001 each) is ten times
  dearer; semantic search $10 per 1,000. So this module never trusts a
  constant for the allowance: it reads the headers.
- **Rate-limit headers** on every answer. The dollar ones, observed in
  public client code and tests that record live answers (the docs' header
  table is not in the stored pages): ``X-RateLimit-Limit-USD`` (daily
  allowance), ``X-RateLimit-Remaining-USD`` (left today),
  ``X-RateLimit-Cost-USD`` (this request), ``X-RateLimit-Reset`` (seconds to
  the reset at midnight UTC). The credit-era names the old docs page lists:
  ``X-RateLimit-Limit``, ``X-RateLimit-Remaining``,
  ``X-RateLimit-Credits-Used``. Both are read; dollars win.
- **Status codes** (*Errors*, https://developers.openalex.org/api-reference/errors):
  301 "Entity was merged; follow the redirect"; 403 (the page says "rate
  limit exceeded; slow down"; in practice also a refused key); 404 no such
  entity; 429 "Daily limit exceeded"; 500 temporary, retry with backoff.
- **Batching**: a filter ORs values with ``|``, up to 100 values (the
  filter documentation; the 2021 blog post *Fetch multiple DOIs in one
  OpenAlex API request*,
  https://blog.ourresearch.org/fetch-multiple-dois-in-one-openalex-api-request/,
  and the old rate-limit page said 50). ``per_page`` (also spelt
  ``per-page``) is 1-100 on the current paging guide (200 on the old one),
  with ``cursor=*`` paging past it. ``select=`` takes
  root-level fields only (*Select Fields*,
  https://developers.openalex.org/guides/selecting-fields).
- ``mailto=`` (the old "polite pool") predates keys; the key replaces it.

Prices are kept here, once, only to *plan* (spend filters before searches,
do not send a search the remaining allowance cannot pay for); what a run
cost is taken from the headers whenever they are present. Title searches
use the ``title.search`` filter (titles only, more precise than
``search=``); the pages read do not say whether it is priced as a search or
as a filter, so planning assumes the dearer and the report shows what the
``X-RateLimit-Cost-USD`` header says.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class RequestKind(StrEnum):
    """OpenAlex's price tiers that this source uses."""

    SINGLETON = "singleton"  # /works/W123: free
    FILTER = "filter"  # /works?filter=doi:a|b: list+filter
    SEARCH = "search"  # /works?filter=title.search:...: search


PRICE_USD: Mapping[RequestKind, float] = {
    RequestKind.SINGLETON: 0.0,
    RequestKind.FILTER: 0.0001,
    RequestKind.SEARCH: 0.001,
}


LARGEST_STATED = 1e9  # dollars, credits or seconds: a larger header value is garbage


def _number(value: str | None) -> float | None:
    """A header's number; ``None`` when absent, unreadable or implausible.

    Headers are server text: ``inf``, ``nan``, ``-1e308`` or 4,000 digits
    must not become an allowance, a wait or an exception.
    """
    if value is None or len(value) > 40:
        return None
    try:
        number = float(value.strip().lstrip("$"))
    except ValueError:
        return None
    return number if math.isfinite(number) and 0 <= number <= LARGEST_STATED else None


@dataclass(frozen=True)
class Allowance:
    """What one answer's headers say about the day's allowance (``None``: not stated)."""

    limit_usd: float | None = None
    remaining_usd: float | None = None
    cost_usd: float | None = None
    reset_seconds: float | None = None
    remaining_credits: float | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> Allowance:
        """From lower-case header names (as the door gives them)."""
        return cls(
            limit_usd=_number(headers.get("x-ratelimit-limit-usd")),
            remaining_usd=_number(headers.get("x-ratelimit-remaining-usd")),
            cost_usd=_number(headers.get("x-ratelimit-cost-usd")),
            reset_seconds=_number(headers.get("x-ratelimit-reset")),
            remaining_credits=_number(headers.get("x-ratelimit-remaining")),
        )

    @property
    def stated(self) -> bool:
        return self.remaining_usd is not None or self.remaining_credits is not None

    def left(self) -> float:
        """What is left, for ordering statements of one day (dollars, else credits)."""
        if self.remaining_usd is not None:
            return self.remaining_usd
        return self.remaining_credits if self.remaining_credits is not None else math.inf

    def affords_count(self, kind: RequestKind) -> int | None:
        """How many more requests of this kind what is left pays for (``None``: no bound known).

        A credit costs at least one credit (the old credit-based page), so the
        credits left bound the count.
        """
        price = PRICE_USD[kind]
        if self.remaining_usd is not None:
            return None if price == 0 else math.floor(self.remaining_usd / price + 1e-9)
        if self.remaining_credits is not None and price > 0:
            return math.floor(self.remaining_credits)
        return None

    def affords(self, kind: RequestKind) -> bool:
        """Whether what is left pays for one more request of this kind (unknown: yes)."""
        count = self.affords_count(kind)
        return count is None or count > 0


@dataclass
class Ledger:
    """What this run asked of OpenAlex, by request kind, and the allowance last stated."""

    sent: dict[RequestKind, int] = field(default_factory=dict)
    cached: dict[RequestKind, int] = field(default_factory=dict)
    failed: dict[RequestKind, int] = field(default_factory=dict)  # no usable answer at all
    spent_usd: float = 0.0
    last: Allowance = field(default_factory=Allowance)
    exhausted: str | None = None  # why no more requests are sent this run

    def count(
        self, kind: RequestKind, headers: Mapping[str, str], from_cache: bool
    ) -> Allowance | None:
        """Count one answer; returns the allowance it stated, now the last (see :meth:`settle_day`).

        A cached answer cost nothing and says nothing new about the day.
        """
        if from_cache:
            self.cached[kind] = self.cached.get(kind, 0) + 1
            return None
        self.sent[kind] = self.sent.get(kind, 0) + 1
        allowance = Allowance.from_headers(headers)
        self.spent_usd += PRICE_USD[kind] if allowance.cost_usd is None else allowance.cost_usd
        if not allowance.stated:
            return None
        self.last = allowance
        return allowance

    def settle_day(self, stated: Iterable[Allowance | None]) -> None:
        """The allowance after answers that were in flight together: the least they state
        left (their order of arrival is not the order OpenAlex charged them in)."""
        known = [allowance for allowance in stated if allowance is not None]
        if known:
            self.last = min(known, key=Allowance.left)

    def count_failure(self, kind: RequestKind) -> None:
        """A request that got no answer (after the door's retries): it cost nothing known."""
        self.failed[kind] = self.failed.get(kind, 0) + 1

    def sendable(self, kind: RequestKind, at_most: int) -> int:
        """How many requests of ``kind`` may go next (up to ``at_most``): none once the day is
        spent, one while its allowance is unknown (that answer states it), else as many as
        what is left pays for."""
        if self.exhausted is not None:
            return 0
        if not self.last.stated and PRICE_USD[kind] > 0:
            return 1
        count = self.last.affords_count(kind)
        return at_most if count is None else min(count, at_most)

    def may_send(self, kind: RequestKind) -> bool:
        return self.sendable(kind, 1) > 0

    def summary(self) -> str:
        """One run-report line: requests by kind, the cost, and the allowance left."""
        kinds = ", ".join(
            f"{self.sent.get(kind, 0)} {kind}"
            + (f" (+{n} cached)" if (n := self.cached.get(kind)) else "")
            + (f" (+{n} failed)" if (n := self.failed.get(kind)) else "")
            for kind in RequestKind
        )
        line = f"OpenAlex: {kinds} request(s), about ${self.spent_usd:.4f}"
        if self.last.remaining_usd is not None:
            of = f" of ${self.last.limit_usd:g}" if self.last.limit_usd is not None else ""
            line += f"; allowance left ${self.last.remaining_usd:.4f}{of} (headers)"
        elif self.last.remaining_credits is not None:
            line += f"; {self.last.remaining_credits:g} credits left (headers)"
        if self.exhausted:
            line += f"; stopped: {self.exhausted}"
        return line
