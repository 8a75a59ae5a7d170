"""The page checks' own settings: how many at once, how long, how big, how often.

Every value has an environment variable (README's configuration table) and
a default chosen for politeness first:

- ``concurrency`` (``ENRICH_PAGE_CONCURRENCY``, 48): pages overall at once.
  Pages live on many hosts, so this bounds our own machine (threads, sockets,
  the parser's CPU), not anyone's server. lychee checks 128 links at once by
  default. On a 2-core machine, 1,000 pages over 16 hosts took 4.6-4.8 s at 32,
  3.3-3.6 s at 48 and no less at 64 (3.6-3.8 s: the CPU, not the network, is
  then the limit, and more threads only wait for it); ``benchmarks/README.md``,
  sixth round.
- ``concurrency_per_host`` (``ENRICH_PAGE_HOST_CONCURRENCY``, 6): pages of one
  host at once. This is the politeness bound: no server sees more of us at
  once than of one visitor with a browser, which opens up to 6 connections
  per host (RFC 9112 leaves the number to the client; browsers settled on 6).
  lychee opens 10. A list's pages on one host are usually one lab's static
  site or one CDN (GitHub Pages), which serve far more readers at once.
- ``max_age_days`` (``ENRICH_PAGE_MAX_AGE``, 7): a healthy verdict younger
  than this is kept without asking the page again (see ``_schedule``);
  1 checks every page every night.
- ``deadline`` (``ENRICH_PAGE_DEADLINE``, 30 s): one page check, retries
  included; a host that outlasts it is not asked again this run.
- ``max_bytes`` (2 MB): the body cap; a longer page is cut, not refused.
- ``freshness`` (20 h): a cached answer is reused without a request for
  this long, so tomorrow's nightly run, even one starting earlier, asks again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from enrich.settings import HOUR, SourceSettings, Variable

DEFAULT_CONCURRENCY = 48
DEFAULT_HOST_CONCURRENCY = 6
DEFAULT_MAX_AGE_DAYS = 7


@dataclass(frozen=True)
class PagesSettings(SourceSettings):
    """How the pages source checks pages (see the module docstring for each default's reason)."""

    VARIABLES: ClassVar[tuple[Variable, ...]] = (
        Variable("ENRICH_PAGE_CONCURRENCY", "concurrency"),
        Variable("ENRICH_PAGE_HOST_CONCURRENCY", "concurrency_per_host"),
        Variable("ENRICH_PAGE_MAX_AGE", "max_age_days"),
        Variable("ENRICH_PAGE_DEADLINE", "deadline"),
    )

    concurrency: int = DEFAULT_CONCURRENCY
    concurrency_per_host: int = DEFAULT_HOST_CONCURRENCY
    max_age_days: int = DEFAULT_MAX_AGE_DAYS
    deadline: float = 30.0
    max_bytes: int = 2_000_000
    freshness: float = 20 * HOUR  # a little under a day: see the module docstring
