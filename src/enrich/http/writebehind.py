"""Answers and items held back a moment and stored together, in one SQLite transaction.

Why: every ``diskcache`` set is its own transaction, which writes the row and
each of the table's indexes to the write-ahead log (about 20 writes to the file
for one page's answer) and makes every other thread's connection read the pages
again. Stored 64 at a time, a set costs 44 us of CPU instead of 108 us
(``benchmarks/README.md``, sixth round); a cold run at 10,000 entries stores
some 25,000 of them.

What it costs: a process killed outright loses what is held: at most
:data:`MOST` entries, none of them older than :data:`LONGEST` seconds when
the next one arrived. That is a cache's loss, never the run's: the next run
asks again. Everything held is stored
when the door closes, whether the run ended, failed or was interrupted, and
before anything that depends on the entries being there (a run's memo).

Held entries are served from here, so a lookup never misses what this
process has just stored.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

from enrich.http.readahead import NOT_HELD, NotHeld

MOST = 64  # entries held at most: the gain flattens out past a few dozen
LONGEST = 5.0  # seconds the oldest entry may be held (a slow, paced source)

Held = tuple[str, bytes, str | None]  # key, value, tag
StoreMany = Callable[[Sequence[Held]], None]


class WriteBehind:
    """Thread-safe. ``store`` writes a batch in one transaction."""

    def __init__(
        self,
        store: StoreMany,
        *,
        most: int = MOST,
        longest: float = LONGEST,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._most = most
        self._longest = longest
        self._clock = clock
        # Held by writers only. A lookup reads the dict without it (one dict read is
        # atomic): a batch leaves the dict only after its rows are committed, so a
        # lookup never falls between the two, and reads (50,000 in a warm
        # 10,000-entry run, from five threads) never wait for a batch being written.
        self._lock = threading.Lock()
        self._held: dict[str, tuple[bytes, str | None]] = {}
        self._oldest: float | None = None

    def put(self, key: str, value: bytes, tag: str | None) -> None:
        with self._lock:
            self._held[key] = (value, tag)
            now = self._clock()
            if self._oldest is None:
                self._oldest = now
            if len(self._held) >= self._most or now - self._oldest >= self._longest:
                self._write_held()

    def get(self, key: str) -> bytes | NotHeld:
        """The held value of ``key``, or :data:`NOT_HELD` (ask the cache)."""
        held = self._held.get(key)
        return NOT_HELD if held is None else held[0]

    def flush(self) -> None:
        with self._lock:
            self._write_held()

    def _write_held(self) -> None:
        if self._held:
            batch = [(key, value, tag) for key, (value, tag) in self._held.items()]
            try:
                self._store(batch)
            finally:
                self._held.clear()
                self._oldest = None
