"""The cache's files on disk, and what to do when they are corrupt.

Why this exists: the nightly job saves the cache even after a failed run, so
one corrupt cache (``cache.db`` truncated or its header garbled, a value file
cut short, ``cache.db`` replaced by a folder) would otherwise fail every night
from then on, ``enrich cache clear`` included. A cache is only a cache: when
it cannot be read it is moved aside (``<dir>.corrupt``, then ``.corrupt-2``,
... — numbered, not timestamped, so runs stay reproducible), a warning names
where it went, and the run goes on cold.

:class:`SafeCache` wraps every operation: an error that means "these files
are not a readable cache" triggers that recovery once per generation, so
threads that fail on the old files at the same moment do not move the new,
empty cache aside again.
"""

from __future__ import annotations

import logging
import pickle
import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TypeVar

import diskcache
from diskcache.core import DBNAME

from enrich.errors import UsageError
from enrich.http.plaindisk import PlainDisk

log = logging.getLogger("enrich.http")
T = TypeVar("T")

CORRUPTION_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.DatabaseError,  # "file is not a database", "malformed"; OperationalError: see _damaged
    pickle.UnpicklingError,
    EOFError,  # a value file cut short
    IsADirectoryError,
    NotADirectoryError,
)
"""What reading a damaged cache raises (never what a healthy cache raises)."""
_UNWRITABLE: tuple[type[Exception], ...] = (*CORRUPTION_ERRORS, OSError, diskcache.Timeout)


def _damaged(error: sqlite3.OperationalError) -> bool:
    """An OperationalError that means bad files (not a full disk or a lock held too long)."""
    return "unable to open" in str(error) or "malformed" in str(error)


def aside_path(cache_dir: Path) -> Path:
    """The first free ``<dir>.corrupt``, ``<dir>.corrupt-2``, ... next to the cache."""
    candidate = cache_dir.with_name(f"{cache_dir.name}.corrupt")
    number = 2
    while candidate.exists():
        candidate = cache_dir.with_name(f"{cache_dir.name}.corrupt-{number}")
        number += 1
    return candidate


def move_aside(cache_dir: Path, error: BaseException) -> str:
    """Move a corrupt cache out of the way; return the warning that says so."""
    target = aside_path(cache_dir)
    cache_dir.rename(target)
    message = (
        f"cache {cache_dir} is corrupt ({type(error).__name__}: {error}); "
        f"moved to {target}, continuing with an empty cache"
    )
    log.warning("%s", message)
    return message


LOCK_TIMEOUT = 60.0  # seconds SQLite waits for another process's lock (diskcache's default)
FOLD_WAIT = 1.0  # seconds the log's fold waits for another process's reader (SafeCache.fold_log)
FOLD_FROM = 1 << 20  # bytes of write-ahead log worth folding (a cold 10,000-entry run: 4.5 MB)
# SQLite's own page cache and memory map, per connection. diskcache's defaults (32 MB of
# pages, a 64 MB map) suit a cache read over and over; a run reads each entry about once,
# from one connection per source thread, so those pages only added to the run's peak
# (28 MB less at 10,000 entries, no slower: the system's file cache still holds the file).
SQLITE_CACHE_PAGES = 2**9
SQLITE_MMAP_BYTES = 0


def _open(cache_dir: Path, timeout: float = LOCK_TIMEOUT) -> diskcache.Cache:
    if cache_dir.exists() and not cache_dir.is_dir():
        raise UsageError(f"cache directory {cache_dir} is a file, not a folder (--cache-dir)")
    # PlainDisk: bytes and text only, never a pickle (a restored cache is untrusted input).
    return diskcache.Cache(
        str(cache_dir),
        timeout=timeout,
        tag_index=True,
        disk=PlainDisk,
        sqlite_cache_size=SQLITE_CACHE_PAGES,
        sqlite_mmap_size=SQLITE_MMAP_BYTES,
    )


def open_cache(
    cache_dir: Path,
    on_corrupt: Callable[[str], None] | None = None,
    timeout: float = LOCK_TIMEOUT,
) -> diskcache.Cache:
    """Open (creating if needed) the cache; a corrupt one is moved aside first."""
    cache: diskcache.Cache | None = None
    try:
        cache = _open(cache_dir, timeout)
        len(cache)  # reads the table: a garbled or truncated database fails here
        return cache
    except CORRUPTION_ERRORS as error:
        if cache is not None:
            cache.close()
        message = move_aside(cache_dir, error)
        if on_corrupt is not None:
            on_corrupt(message)
        return _open(cache_dir, timeout)


class SafeCache:
    """A ``diskcache.Cache`` whose every operation survives a corrupt or unusable cache."""

    def __init__(
        self,
        cache_dir: Path,
        on_corrupt: Callable[[str], None] | None = None,
        timeout: float = LOCK_TIMEOUT,
    ) -> None:
        self._dir = cache_dir
        self._on_corrupt = on_corrupt
        self._lock = threading.Lock()
        # This process's writers take turns: SQLite lets one write at a time and its
        # busy handler sleeps in steps of up to 100 ms, so 32 page threads contending
        # for the lock sat idle far longer than they wrote (benchmarks.peers).
        self._writing = threading.Lock()
        self._generation = 0
        self._warned: set[str] = set()
        self._timeout = timeout
        self._cache = open_cache(cache_dir, on_corrupt, timeout)

    def read(self, operation: Callable[[diskcache.Cache], T], default: T) -> T:
        """``operation(cache)``, or ``default`` when the cache is corrupt or unavailable."""
        cache, generation = self._cache, self._generation
        try:
            return operation(cache)
        except diskcache.Timeout as error:  # another process held the lock too long
            self._unavailable(error)
            return default
        except sqlite3.OperationalError as error:
            if not _damaged(error):
                self._unavailable(error)
                return default
            self._recover(generation, error)
        except CORRUPTION_ERRORS as error:
            self._recover(generation, error)
        return default

    def write(self, operation: Callable[[diskcache.Cache], object]) -> None:
        """``operation(cache)``; on a corrupt cache, recover and write to the new one.

        A write that cannot be done (disk full, database locked too long) is
        skipped with a warning: the run does not depend on its cache.
        """
        cache, generation = self._cache, self._generation
        try:
            with self._writing:
                operation(cache)
            return
        except diskcache.Timeout as error:  # another process held the lock too long
            self._unavailable(error)
            return
        except sqlite3.OperationalError as error:
            if not _damaged(error):
                self._unavailable(error)
                return
            self._recover(generation, error)
        except CORRUPTION_ERRORS as error:
            self._recover(generation, error)
        try:
            operation(self._cache)
        except _UNWRITABLE as error:
            self._unavailable(error)

    def _unavailable(self, error: BaseException) -> None:
        reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        message = f"cache {self._dir} unavailable ({reason}); not cached"
        with self._lock:
            if message in self._warned:
                return
            self._warned.add(message)
        log.warning("%s", message)
        if self._on_corrupt is not None:
            self._on_corrupt(message)

    def close(self) -> None:
        self._cache.close()

    def fold_log(self) -> None:
        """Fold SQLite's write-ahead log into the database file and empty it.

        Why: ``python -m enrich`` leaves without closing the source threads'
        connections (:mod:`enrich.leave`), so SQLite never does this itself on
        the way out, and a cold run leaves a 4.5 MB log behind. The runs after
        it then read 30% slower (a warm 10,000-entry run: 8.6-9.0 s against
        6.7-6.9 s on the same cache folded; ``benchmarks/README.md``, sixth
        round), until a connection folds it. One fold at the end of a run
        that wrote costs about 0.05 s; a log under :data:`FOLD_FROM` bytes is
        left as it is (a test suite's hundreds of small runs would pay for
        nothing). On a connection of its own that waits at most
        :data:`FOLD_WAIT` for another process's reader: a fold that cannot be
        done now is left for later, as SQLite would.
        """
        try:
            if (self._dir / f"{DBNAME}-wal").stat().st_size < FOLD_FROM:
                return
        except FileNotFoundError:
            return
        try:
            with closing(sqlite3.connect(self._dir / DBNAME, timeout=FOLD_WAIT)) as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error as error:  # busy, or a cache that is no database: not this one's job
            log.debug("cache %s: write-ahead log not folded: %s", self._dir, error)

    def _recover(self, generation: int, error: BaseException) -> None:
        with self._lock:
            if generation != self._generation:
                return  # another thread already moved this cache aside
            self._cache.close()
            message = move_aside(self._dir, error)
            if self._on_corrupt is not None:
                self._on_corrupt(message)
            self._cache = _open(self._dir, self._timeout)
            self._generation += 1
