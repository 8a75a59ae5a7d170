"""Which pages to ask tonight: a healthy verdict is kept for days, a failing one is not.

Asking every page every night costs a link check per page per night, and a
healthy page rarely changes its health. The rules (issue 23):

- A new page (no verdict, or the list now links elsewhere) is asked.
- A page asked today is not asked again today: failures count per UTC day
  (``_health.next_streak``), so a same-day rerun would learn nothing, and a
  page that hung would cost its whole deadline again.
- A failing, moved, blocked or unsafe page is asked every night, so a dead
  page is called dead after its days and a fixed one recovers at once.
- A healthy page (``ok``, ``not_html``) is asked once its verdict is
  ``max_age_days`` old, and on its own night of the cycle before that: each
  URL has a phase (a hash of the URL, so the same URL always falls on the
  same night, whatever list or run asks), and a page is due on the nights
  whose day number matches its phase. After a cold run, when every verdict
  has the same date, about one page in ``max_age_days`` is due each night
  instead of all of them on one night.

What the run remembers of a check (its date, and what the warnings need: the
reader's dropped values and a move's suggested URL) is kept by URL in one
item of the door's store (:meth:`~enrich.http.types.Door.remember`), read once
and written once per batch: an item per page cost a cache write per page,
and page threads queued for SQLite's one writer. Without it (a new cache,
``--refresh``) every page is due: the safe side.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from enrich.models import PageHealth, PageRecord

HEALTHY = frozenset({PageHealth.OK, PageHealth.NOT_HTML})
DAY_SECONDS = 24 * 3600.0


@dataclass(frozen=True)
class LastCheck:
    """What the run keeps of one URL's last check, beside the verdict in the output."""

    date: str  # ISO date of the check
    suggestion: str | None = None  # a move's suggested URL (a meta refresh's target)
    problems: tuple[str, ...] = ()  # values the page reader dropped, for the warnings

    def to_json(self) -> dict[str, object]:
        return {"date": self.date, "suggestion": self.suggestion, "problems": list(self.problems)}

    @classmethod
    def from_json(cls, value: object) -> LastCheck | None:
        """Read back a stored value; ``None`` for anything not shaped as written (untrusted)."""
        if not isinstance(value, dict):
            return None
        day, suggestion, problems = (
            value.get("date"),
            value.get("suggestion"),
            value.get("problems"),
        )
        if not isinstance(day, str) or _ordinal(day) is None:
            return None
        if suggestion is not None and not isinstance(suggestion, str):
            return None
        if not isinstance(problems, list) or not all(isinstance(p, str) for p in problems):
            return None
        return cls(day, suggestion, tuple(problems))


STORE_KEY = "checks"
KEEP_DAYS = 400  # a check's memory outlives any sensible ENRICH_PAGE_MAX_AGE


def read_checks(stored: object) -> dict[str, LastCheck]:
    """The stored checks by URL; what is not shaped as written is dropped (untrusted)."""
    if not isinstance(stored, dict):
        return {}
    checks = {}
    for url, value in stored.items():
        last = LastCheck.from_json(value)
        if isinstance(url, str) and last is not None:
            checks[url] = last
    return checks


def checks_json(checks: Mapping[str, LastCheck], today: str) -> dict[str, object]:
    """The checks to store, in URL order, without those older than ``KEEP_DAYS``."""
    day = _ordinal(today) or 0
    return {
        url: checks[url].to_json()
        for url in sorted(checks)
        if day - (_ordinal(checks[url].date) or 0) <= KEEP_DAYS
    }


def _ordinal(day: str) -> int | None:
    try:
        return date.fromisoformat(day).toordinal()
    except ValueError:
        return None


def phase(url: str, days: int) -> int:
    """The URL's night in a cycle of ``days`` nights (stable across runs and machines)."""
    digest = hashlib.blake2b(url.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % days


def is_due(
    url: str, record: PageRecord | None, checked: str | None, today: str, max_age_days: int
) -> bool:
    """Whether the page must be asked tonight (rules in the module docstring)."""
    if record is None or checked is None:
        return True
    day, then = _ordinal(today), _ordinal(checked)
    if day is None or then is None:
        return True
    age = day - then
    if age == 0:
        return False
    if age < 0 or record.health not in HEALTHY or age >= max_age_days:
        return True
    return (day - phase(url, max_age_days)) % max_age_days == 0
