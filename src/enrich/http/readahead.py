"""Read a source's coming lookups a window at a time instead of one query each.

Why: a source looks its records up one by one (``recall``, or a ``request``
served from the cache), and one SQLite query per record was most of a warm
run: one record of each of 10,000 entries, per source. A source that knows
what it is about to look up says so (:meth:`enrich.http.types.Door.read_ahead`);
the keys are cut into windows of :data:`WINDOW`, and the first lookup of a key
in a window reads the whole window in one query, so only about one window per
source is held at a time. Each held entry is handed out once (the next lookup
of it reads the disk again), and a key written since its window was read is
never handed out from the window: it changes what a lookup costs, never what
it answers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Sequence

import diskcache

WINDOW = 500  # keys per query: well under SQLite's limit of bound parameters


class NotHeld:
    """The answer "not read ahead: ask the cache", apart from "read ahead: not stored"."""


NOT_HELD = NotHeld()

ReadWindow = Callable[[Sequence[str]], dict[str, bytes]]


class ReadAhead:
    """Thread-safe: the sources' threads look up through one door."""

    def __init__(self, read_window: ReadWindow) -> None:
        self._read_window = read_window
        self._lock = threading.Lock()
        self._held: dict[str, bytes | None] = {}  # None: read ahead, not stored
        self._windows: dict[str, tuple[str, ...]] = {}  # key -> the window to read it with
        self._epoch = 0  # writes so far
        self._written: dict[str, int] = {}  # key -> the write that last changed it
        # window -> set once its rows are in: a window is read by one thread only. The page
        # checks' 48 threads took the first keys of one window together, and each read
        # the whole window: a nightly run's peak 65 MB higher, the same rows 48 times.
        self._reading: dict[tuple[str, ...], threading.Event] = {}

    def hold(self, keys: Collection[str]) -> None:
        order = list(dict.fromkeys(keys))
        with self._lock:
            for start in range(0, len(order), WINDOW):
                window = tuple(order[start : start + WINDOW])
                self._windows.update(dict.fromkeys(window, window))

    def take(self, key: str) -> bytes | NotHeld | None:
        """The key's stored bytes, ``None`` if its window says it is not stored, or
        :data:`NOT_HELD` when it was not read ahead (or was written since)."""
        while True:
            with self._lock:
                if key in self._held:
                    return self._held.pop(key)
                window = self._windows.get(key)
                if window is None:
                    return NOT_HELD
                reading = self._reading.get(window)
                if reading is None:  # this thread reads the window
                    reading = self._reading[window] = threading.Event()
                    started = self._epoch
                    break
            reading.wait()  # another thread reads it: its rows are then held here
        try:
            found = self._read_window(window)
            with self._lock:
                for read in window:
                    registered = self._windows.pop(read, None) is not None  # not written since
                    if registered and self._written.get(read, 0) <= started:  # nor while read
                        self._held[read] = found.get(read)
                return self._held.pop(key) if key in self._held else NOT_HELD
        finally:
            with self._lock:
                del self._reading[window]
            reading.set()

    def written(self, key: str) -> None:
        """``key`` is being written: what was read ahead of it is out of date."""
        with self._lock:
            self._held.pop(key, None)
            self._windows.pop(key, None)
            self._epoch += 1
            self._written[key] = self._epoch


def read_many(cache: diskcache.Cache, keys: Sequence[str]) -> dict[str, bytes]:
    """The stored bytes of every key present, in one query per ``WINDOW`` keys.

    diskcache reads one key per call, so this asks its table directly, as its
    own ``get`` does (same columns and expiry test), and decodes each row with
    the cache's own :class:`~enrich.http.plaindisk.PlainDisk` (no pickle, value
    files only under the cache's folder).
    """
    found: dict[str, bytes] = {}
    now = time.time()
    for start in range(0, len(keys), WINDOW):
        chunk = list(keys[start : start + WINDOW])
        marks = ",".join("?" * len(chunk))
        rows = cache._sql(  # diskcache's own connection; it has no multi-get
            "SELECT key, mode, filename, value FROM Cache WHERE raw = 1 AND key IN "
            f"({marks}) AND (expire_time IS NULL OR expire_time > ?)",
            (*chunk, now),
        ).fetchall()
        for key, mode, filename, value in rows:
            try:
                data = cache.disk.fetch(mode, filename, value, False)
            except OSError:  # a value file removed since: as diskcache's get, a miss
                continue
            if isinstance(key, str) and isinstance(data, bytes):
                found[key] = data
    return found
