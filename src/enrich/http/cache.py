"""The persistent cache behind the door: HTTP answers and per-item records.

``diskcache`` keeps everything in one SQLite database (large values in files
written before the row that points at them), so a process killed at any
moment leaves either the old entry or the new one, never half of one, and
several threads or processes may use it at once.

Two key namespaces share the cache, both tagged with their service so a
source can be cleared or counted on its own:

- ``http|<service>|<method> <url>|<extra>``: one stored answer (status,
  headers, body, validators, ``stored_at``);
- ``item|<service>|<key>``: one value a source stored with ``remember``.

and a third, untagged, for the run itself (:mod:`enrich.pipeline.reuse`):

- ``meta|generation``: a token renewed before the first write of every
  process that writes, so "nothing was written since" is one comparison;
- ``meta|run|<list>``: what a list's last quiet run was made of (its memo).

Entries are bytes: an answer is its fields as JSON, a NUL, then its body; an
item is JSON. Nothing is pickled (:mod:`enrich.http.plaindisk` refuses to
store or load a pickle): the cache folder is restored from CI and is
untrusted input, so every entry is parsed and checked when read, and one
that does not parse is a miss. Freshness is decided when an entry is read,
from the caller's freshness and the entry's ``stored_at``, so changing a
freshness setting takes effect at once.
"""

from __future__ import annotations

import json
import math
import os
import threading
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import diskcache

from enrich.errors import UsageError
from enrich.http.cachefile import CORRUPTION_ERRORS, SafeCache, move_aside, open_cache
from enrich.http.lookups import LookupLog
from enrich.http.readahead import NOT_HELD, NotHeld, ReadAhead, read_many
from enrich.http.types import Service
from enrich.http.writebehind import Held, WriteBehind
from enrich.settings import Settings

LAST_RUN_FILE = "last-run.json"
_SEP = "|"


@dataclass(frozen=True)
class StoredAnswer:
    """One cached HTTP answer."""

    service: Service
    method: str
    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    stored_at: float  # epoch seconds (wall clock: freshness outlives the process)
    etag: str | None = None
    last_modified: str | None = None
    redirects: tuple[tuple[int, str], ...] = ()
    truncated: bool = False

    def to_bytes(self) -> bytes:
        """The entry: the fields but the body as JSON (which escapes every NUL), NUL, body."""
        fields = {k: v for k, v in self.to_record().items() if k != "body"}
        return json.dumps(fields, sort_keys=True).encode("utf-8") + b"\0" + self.body

    @classmethod
    def from_bytes(cls, data: bytes) -> StoredAnswer:
        """The answer :meth:`to_bytes` wrote; ``ValueError`` (and the like) for anything else."""
        head, separator, body = data.partition(b"\0")
        fields = json.loads(head)
        if not separator or not isinstance(fields, dict):
            raise ValueError("not a stored answer")
        answer = cls.from_record({**fields, "body": body})
        if not (
            isinstance(answer.service, str)
            and isinstance(answer.method, str)
            and isinstance(answer.url, str)
            and isinstance(answer.final_url, str)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in answer.headers.items())
            and (answer.etag is None or isinstance(answer.etag, str))
            and (answer.last_modified is None or isinstance(answer.last_modified, str))
            and math.isfinite(answer.stored_at)
        ):
            raise TypeError("a stored answer's field has the wrong type")
        return answer

    def to_record(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "method": self.method,
            "url": self.url,
            "final_url": self.final_url,
            "status": self.status,
            "headers": dict(self.headers),
            "body": self.body,
            "stored_at": self.stored_at,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "redirects": [list(hop) for hop in self.redirects],
            "truncated": self.truncated,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> StoredAnswer:
        return cls(
            service=record["service"],
            method=record["method"],
            url=record["url"],
            final_url=record["final_url"],
            status=int(record["status"]),
            headers=dict(record["headers"]),
            body=bytes(record["body"]),
            stored_at=float(record["stored_at"]),
            etag=record.get("etag"),
            last_modified=record.get("last_modified"),
            redirects=tuple((int(s), str(u)) for s, u in record.get("redirects", ())),
            truncated=bool(record.get("truncated", False)),
        )


def answer_key(service: Service, method: str, url: str, extra: str = "") -> str:
    """The cache key of one request: service, method, full URL, and a caller's key."""
    return _SEP.join(("http", service, f"{method} {url}", extra))


def item_key(service: Service, key: str) -> str:
    return _SEP.join(("item", service, key))


GENERATION_KEY = _SEP.join(("meta", "generation"))
_SOURCE_NAMESPACES = ("http", "item")


def memo_key(name: str) -> str:
    return _SEP.join(("meta", "run", name))


# A record of the wrong shape (an older format, a half-written value) is an
# unreadable entry: a miss, never an exception.
_BAD_RECORD = (KeyError, TypeError, ValueError, AttributeError, RecursionError)


class ResponseCache:
    """Typed access to the door's namespaces in one (corruption-safe) cache."""

    def __init__(self, cache_dir: Path, on_corrupt: Callable[[str], None] | None = None) -> None:
        self._cache = SafeCache(cache_dir, on_corrupt)
        self._renewing = threading.Lock()
        self._renewed: str | None = None  # the token this process set last (None: no write)
        self._renewed_over: str | None = None  # the token that one replaced
        self.writes = 0  # answers and items written by this process
        self._lookups = LookupLog()  # keys each list's run looked up (found or not)
        self._ahead = ReadAhead(lambda keys: self._cache.read(lambda c: read_many(c, keys), {}))
        self._behind = WriteBehind(self._store_many)

    def hold(self, keys: Collection[str]) -> None:
        """Read ``keys`` ahead, a window at a time (:class:`~enrich.http.readahead.ReadAhead`)."""
        self._ahead.hold(keys)

    def _take(self, key: str) -> bytes | None:
        self._lookups.looked_up(key)  # found or not, the list's output rests on it
        data: bytes | NotHeld | None = self._behind.get(key)
        if data is NOT_HELD:
            data = self._ahead.take(key)
        if data is NOT_HELD:
            data = self._cache.read(lambda cache: cache.get(key), None)
        return data if isinstance(data, bytes) else None

    def get_answer(self, key: str) -> StoredAnswer | None:
        data = self._take(key)
        try:
            return StoredAnswer.from_bytes(data) if isinstance(data, bytes) else None
        except _BAD_RECORD:
            return None

    def put_answer(self, key: str, answer: StoredAnswer) -> None:
        self._hold(key, answer.to_bytes(), answer.service)

    def get_item(self, service: Service, key: str) -> tuple[float, Any] | None:
        """``(stored_at, value)`` of a remembered item, if any (plain JSON data)."""
        data = self._take(item_key(service, key))
        if data is None:
            return None
        try:
            record = json.loads(data)
            stored_at = float(record["stored_at"])
            return (stored_at, record["value"]) if math.isfinite(stored_at) else None
        except _BAD_RECORD:
            return None

    def put_item(self, service: Service, key: str, value: Any, stored_at: float) -> None:
        # JSON, not a pickle: proves the value is plain data and keeps it readable.
        data = json.dumps({"stored_at": stored_at, "value": value}, sort_keys=True).encode()
        self._hold(item_key(service, key), data, service)

    def _hold(self, key: str, data: bytes, tag: str) -> None:
        """Write ``key`` (held back a moment, :mod:`~enrich.http.writebehind`)."""
        self._before_write(key)
        self._ahead.written(key)  # what was read ahead of it is out of date
        self._behind.put(key, data, tag)

    def _store_many(self, batch: Sequence[Held]) -> None:
        def store(cache: diskcache.Cache) -> None:
            with cache.transact():
                for key, value, tag in batch:
                    cache.set(key, value, tag=tag)

        self._cache.write(store)

    def flush(self) -> None:
        """Store every answer and item still held back (:mod:`~enrich.http.writebehind`)."""
        self._behind.flush()

    # -- the run's own entries (enrich.pipeline.reuse) -------------------------

    def generation(self) -> str | None:
        """The token the last process that wrote an answer or item left (``None``: none yet)."""
        data = self._cache.read(lambda cache: cache.get(GENERATION_KEY), None)
        return data.decode("ascii", "replace") if isinstance(data, bytes) else None

    def ensure_generation(self) -> str:
        """The token, set first if the cache has none (a cache from before tokens, or new)."""
        with self._renewing:
            token = self.generation()
            if token is None:
                renew_generation(self._cache)
                token = self.generation()
        return token or ""

    def renewal(self) -> tuple[str | None, str | None]:
        """The token this process set last, before its first write or before a write
        that ended earlier lists' memos (``None``: it wrote nothing), and the token it
        replaced.

        Still the cache's token later means no other process wrote since: every
        entry written after it is this process's own.
        """
        return self._renewed, self._renewed_over

    def get_memo(self, name: str) -> dict[str, Any] | None:
        data = self._cache.read(lambda cache: cache.get(memo_key(name)), None)
        try:
            memo = json.loads(data) if isinstance(data, bytes) else None
        except _BAD_RECORD:
            return None
        return memo if isinstance(memo, dict) else None

    def put_memo(self, name: str, memo: Mapping[str, Any]) -> None:
        """Stored without renewing the generation: a memo is about the entries, not one;
        and after them: a memo must never outlive entries a crash lost."""
        self.flush()
        data = json.dumps(memo, sort_keys=True).encode()
        self._cache.write(lambda cache: cache.set(memo_key(name), data))

    def new_stretch(self) -> None:
        """A new list's run in this process: what the lists before it looked up is what
        their memos rest on (:meth:`_before_write`)."""
        with self._renewing:
            self._lookups.close_list()

    def _before_write(self, key: str) -> None:
        """Renew the generation before this process's first write, and again before a
        write of a key an earlier list of this process looked up, under a lock, so no
        entry of this process is ever stored under the token of the contents before it.

        Why the second: a memo names the generation its list's run left. Renewed
        once per process, the token stayed the same while a later list of the same
        run wrote, so an earlier list's memo outlived a newer answer to a key it had
        read (an arXiv record stored again from another list's title search).
        Renewed before every list's writes, each list of a nightly run would end the
        memos of all the lists before it, though they share no key.
        """
        with self._renewing:
            self.writes += 1
            if self._renewed is None or self._lookups.earlier_looked_up(key):
                self._renewed_over = self.generation()
                self._renewed = renew_generation(self._cache)
                self._lookups.forget_earlier()  # every memo made before is over now

    def close(self) -> None:
        try:
            self.flush()
            if self.writes:  # this process wrote: leave the log folded
                self._cache.fold_log()
        finally:
            self._cache.close()


def renew_generation(cache: SafeCache | diskcache.Cache) -> str:
    """A fresh token: any run memo recorded against the cache before no longer matches."""
    token = uuid.uuid4().hex
    if isinstance(cache, SafeCache):
        cache.write(lambda inner: inner.set(GENERATION_KEY, token.encode("ascii")))
    else:
        cache.set(GENERATION_KEY, token.encode("ascii"))
    return token


def _check_source(source: str | None, services: Collection[str]) -> None:
    if source is not None and source not in services:
        known = ", ".join(sorted(services))
        raise UsageError(f"unknown source {source!r}; expected one of {known}")


def cache_clear(settings: Settings, services: Collection[str], source: str | None = None) -> int:
    """Remove every entry, or one source's; return how many were removed.

    ``services`` are the names the cache may hold (the registered sources';
    the door's layer does not know them).

    Always works: a corrupt cache is moved aside (see :mod:`enrich.http.cachefile`)
    and counts as nothing removed.
    """
    _check_source(source, services)
    if not settings.cache_dir.exists():
        return 0
    with open_cache(settings.cache_dir) as cache:
        try:
            if source is None:
                removed = sum(_entries_by_source(cache, services).values())  # not the run's own
                cache.clear()
            else:
                removed = int(cache.evict(source))
            renew_generation(cache)  # what a run memo was made of may be gone
            return removed
        except CORRUPTION_ERRORS as error:
            cache.close()
            move_aside(settings.cache_dir, error)
            return 0


def _entries_by_source(cache: diskcache.Cache, services: Collection[str]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(sorted(services), 0)
    for key in cache.iterkeys():
        parts = key.split(_SEP, 2) if isinstance(key, str) else []
        if len(parts) >= 2 and parts[0] in _SOURCE_NAMESPACES:
            counts[parts[1]] = counts.get(parts[1], 0) + 1
    return counts


def cache_stats(settings: Settings, services: Collection[str]) -> dict[str, Any]:
    """Entries, size on disk, entries per source, and the last run's hit rate."""
    last_run = load_last_run(settings.cache_dir)
    if not settings.cache_dir.exists():
        per_source = dict.fromkeys(sorted(services), 0)
        return {
            "entries": 0,
            "size_bytes": 0,
            "per_source": per_source,
            "last_run_hit_rate": _hit_rate(last_run),
            "last_run": last_run,
        }
    with open_cache(settings.cache_dir) as cache:
        per_source = _entries_by_source(cache, services)
        return {
            "entries": sum(per_source.values()),  # the run's own bookkeeping is not counted
            "size_bytes": int(cache.volume()),
            "per_source": per_source,
            "last_run_hit_rate": _hit_rate(last_run),
            "last_run": last_run,
        }


def _hit_rate(last_run: Mapping[str, Any] | None) -> float | None:
    """The last run's share of cache lookups answered without a new body (304s count)."""
    served = lookups = 0
    for counts in (last_run or {}).get("services", {}).values():
        served += sum(int(counts.get(k, 0)) for k in _SERVED)
        lookups += sum(int(counts.get(k, 0)) for k in (*_SERVED, "misses", "offline_misses"))
    return served / lookups if lookups else None


_SERVED = ("hits", "revalidated", "offline_hits")


def save_last_run(cache_dir: Path, summary: Mapping[str, Any]) -> None:
    """Write the last run's counters next to the cache, atomically (temp file + rename)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / LAST_RUN_FILE
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, target)


def load_last_run(cache_dir: Path) -> dict[str, Any] | None:
    """The counters :func:`save_last_run` wrote, or ``None`` (no run yet, or unreadable)."""
    try:
        loaded = json.loads((cache_dir / LAST_RUN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None
