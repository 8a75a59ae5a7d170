"""What the door saw of a stretch of a run: could it be run again from the cache, and until when.

Why: :mod:`enrich.pipeline.reuse` reuses a list's last output, without reading
every entry again, when running the list again would give the same output.
Two kinds of stretch allow that:

- a *quiet* one sent no request and wrote nothing: it was made from the cache
  alone, and run again against the same cache (the generation token
  unchanged) it would be served the same entries and decide the same;
- a *repeatable* one sent requests, and every one of them was answered
  (not failed, not refused for a spent quota, not a server error passed on
  as an answer), and what it learnt went to the cache (the door stores the
  answers; what it does not keep, a GraphQL batch, the sources remember as
  records; a page checked today is not asked again that day): run again the
  same day, it would be served or told the same. A nightly run that fetched
  everything is one; a run in which one request failed is not (run again,
  it would ask again, and might be answered).

Either way no other process may have written to the cache meanwhile (the
door compares the cache's generation tokens: :attr:`Stillness.undisturbed`),
and the reuse ends when the first entry the stretch relied on stops being
fresh: what it was served, what it stored, and what it remembered; or when
a quota it found spent is reset (the door adds that bound), since a rerun
would then make the lookups this one skipped.
A remembered item's freshness is the reader's to choose, so an item's end is
bounded by the shortest freshness its service was read with in the stretch
(or the service's own, if shorter).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Stillness:
    """Counts since the watch began, and the earliest end of freshness of what was relied on."""

    sent: int
    written: int
    fresh_until: float  # epoch seconds; ``inf`` when nothing was served or stored
    unrepeatable: int = 0  # requests that failed: asked again, they might be answered
    undisturbed: bool = True  # no other process wrote to the cache during the stretch

    @property
    def quiet(self) -> bool:
        return self.sent == 0 and self.written == 0

    @property
    def repeatable(self) -> bool:
        """Whether every request of the stretch was answered (see the module docstring)."""
        return self.unrepeatable == 0


class StillnessWatch:
    """Thread-safe: the sources' threads report through the door as they are served."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.begin(0)

    def begin(self, written_so_far: int) -> None:
        with self._lock:
            self._sent = 0
            self._unrepeatable = 0
            self._written_before = written_so_far
            self._fresh_until = math.inf
            self._first_item_write: dict[str, float] = {}  # service -> when
            self._shortest_read: dict[str, float] = {}  # service -> seconds

    def served(self, fresh_until: float) -> None:
        """An answer or item was served as fresh (or an answer stored); it stays so until then.

        Called for every entry served (50,000 in a warm 10,000-entry run): the lock is
        taken only when the bound may move (a stale read only skips a lock that would
        not have changed anything; the comparison is repeated under it)."""
        if fresh_until < self._fresh_until:
            with self._lock:
                self._fresh_until = min(self._fresh_until, fresh_until)

    def sending(self) -> None:
        with self._lock:
            self._sent += 1

    def unrepeatable(self) -> None:
        """A request failed (an error, a refusal before sending, a failing status)."""
        with self._lock:
            self._unrepeatable += 1

    def read_with(self, service: str, freshness: float) -> None:
        """An item of ``service`` was looked up as fresh for ``freshness`` seconds (the lock
        only when the shortest may move, as in :meth:`served`)."""
        if freshness < self._shortest_read.get(service, math.inf):
            with self._lock:
                self._read_with(service, freshness)

    def remembered(self, service: str, at: float, freshness: float) -> None:
        """An item of ``service`` was stored at ``at``; the service keeps items ``freshness``."""
        with self._lock:
            self._first_item_write.setdefault(service, at)
            self._read_with(service, freshness)

    def _read_with(self, service: str, freshness: float) -> None:
        shortest = self._shortest_read.get(service, math.inf)
        self._shortest_read[service] = min(shortest, freshness)

    def seen(self, written_so_far: int) -> Stillness:
        with self._lock:
            fresh_until = min(
                [self._fresh_until]
                + [at + self._shortest_read[name] for name, at in self._first_item_write.items()]
            )
            return Stillness(
                self._sent, written_so_far - self._written_before, fresh_until, self._unrepeatable
            )
