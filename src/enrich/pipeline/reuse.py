"""Reuse a list's last output when nothing it was made of has changed.

Why: a rerun the same day (by hand, or a pull-request check after the nightly
job) would otherwise read every cached record of every entry again, parse the
list and rebuild the same document: 16 s at 10,000 entries, for the same bytes.

When it is safe. A list's run is *quiet* when it sent no request and wrote
nothing to the cache (:class:`enrich.http.stillness.Stillness`): its output
was made from the cache alone. The code is deterministic, so the same inputs
against the same cache on the same day give the same output until the first
cached entry it was served stops being fresh. A run that did ask is
*repeatable* when every request it sent was answered (none failed, none was
refused for a spent quota) and what it learnt is in the cache: run again, it
would be served from the cache what it was told from the network, so the
nightly run's output is what a rerun that day would make. Either run, if no
other process wrote to the cache while it ran (the generation tokens say so),
leaves a memo in the cache: a fingerprint of everything it was made of, and the moment
the first entry it relied on (served, stored or remembered) stops being
fresh. The next run of the list reuses the output, without parsing it or
asking any source, only when the fingerprint is equal and the moment has not
come. Why the repeatable case matters: a by-hand run or a pull-request check
after the nightly job was a full run from the cache (7-8 s at 10,000 entries)
for the same bytes. The fingerprint covers:

- the code (every file of the ``enrich`` package, Python's version and the
  versions of its dependencies) and the run's settings (``--only``,
  endpoints, freshness, ...; secrets redacted);
- the UTC day (page schedules, OpenAlex's daily allowance and "dead after N
  days" all count days);
- the list, its ``.toml`` settings, its star history and its output, as they
  are on disk (the output and history as the run left them, so an
  edited or deleted output is rebuilt);
- the cache's generation token, renewed before any process writes to the
  cache, before a list's run writes a key an earlier list of the same process
  looked up, and by ``enrich cache clear`` (so any new answer, any record
  another list's run wrote over one this list read, or a cleared source
  means a full run).

``--offline``, ``--refresh`` and ``--changed-since`` runs neither use nor leave
a memo. The reused run writes the list's report again, saying it was reused.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

from enrich.http.stillness import Stillness
from enrich.parse.list_settings import settings_path
from enrich.redact import redact
from enrich.settings import Settings

MEMO_VERSION = 1
REUSED_NOTE = "reused: the list, its settings, the cache and the day are as the last run left them"


class RunMemory(Protocol):
    """What reuse needs of the door: its cache's generation, memos, and what it saw."""

    def generation(self) -> str | None: ...

    def ensure_generation(self) -> str: ...

    def memo(self, name: str) -> dict[str, Any] | None: ...

    def keep_memo(self, name: str, memo: Mapping[str, Any]) -> None: ...

    def watch(self) -> None: ...

    def stillness(self) -> Stillness: ...

    def now(self) -> float: ...


@dataclass(frozen=True)
class ListFiles:
    """The files one list's run reads or leaves, by role."""

    source: Path
    output: Path
    history: Path

    def fingerprint(self, settings: Settings, today: str, generation: str) -> str:
        digest = hashlib.sha256()
        parts: Iterable[tuple[str, bytes]] = (
            ("memo", str(MEMO_VERSION).encode()),
            ("code", code_digest().encode()),
            ("settings", redact(repr(settings)).encode()),
            ("day", today.encode()),
            ("generation", generation.encode()),
            ("source path", str(self.source).encode()),
        )
        for name, data in parts:
            digest.update(f"{name}:{len(data)}:".encode())
            digest.update(data)
        files = (
            ("source", self.source),
            ("list settings", settings_path(self.source)),
            ("history", self.history),
            ("output", self.output),
        )
        for name, path in files:
            _digest_file(digest, name, path)
        return digest.hexdigest()


def usable(settings: Settings) -> bool:
    """Whether this kind of run may reuse or leave a memo at all."""
    return not (settings.offline or settings.refresh or settings.changed_since is not None)


def reusable_report(
    memory: RunMemory, files: ListFiles, settings: Settings, today: str
) -> dict[str, Any] | None:
    """The last quiet run's report, when its output may be reused as it is; else ``None``."""
    memo = memory.memo(files.source.stem)
    generation = memory.generation()
    if memo is None or generation is None or not files.output.exists():
        return None
    fresh_until, report = memo.get("fresh_until"), memo.get("report")
    if not isinstance(fresh_until, (int, float)) or not isinstance(report, dict):
        return None
    if memory.now() >= fresh_until:
        return None
    if memo.get("generation", generation) != generation:
        return None  # the cache changed: no need to read the output to know
    if memo.get("fingerprint") != files.fingerprint(settings, today, generation):
        return None
    return report


def remember_if_repeatable(
    memory: RunMemory,
    files: ListFiles,
    settings: Settings,
    today: str,
    report: Mapping[str, Any],
) -> bool:
    """Leave a memo when this list's run was quiet or repeatable (see the module docstring)
    and its output is on disk. Returns left."""
    seen = memory.stillness()
    if not files.output.exists():
        return False
    if not (seen.quiet or seen.repeatable) or not seen.undisturbed:
        return False
    if math.isinf(seen.fresh_until):
        return False  # nothing served from the cache: nothing to gain, and no bound to keep
    generation = memory.ensure_generation()
    fingerprint = files.fingerprint(settings, today, generation)
    memo = {
        "fingerprint": fingerprint,
        "generation": generation,  # also in the fingerprint; kept apart to refuse early
        "fresh_until": seen.fresh_until,
        "report": report,
    }
    memory.keep_memo(files.source.stem, memo)
    return True


def reused(
    report: Mapping[str, Any], seconds: float, requests: Mapping[str, Any]
) -> dict[str, Any]:
    """The stored report as this run's: unchanged output, its own requests (none) and time."""
    again = dict(report)
    again["changed"] = False
    again["requests"] = dict(requests)
    again["timings_seconds"] = {"reuse": round(seconds, 3)}
    again["notes"] = sorted({*report.get("notes", ()), REUSED_NOTE})
    return again


@cache
def code_digest() -> str:
    """A digest of the code that makes the output: every file of the installed ``enrich``
    package, Python's version and the versions of ``enrich``'s dependencies (a pydantic
    or markdown-it upgrade may change the bytes as much as our own code)."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(sys.version.encode())
    for requirement in sorted(metadata.requires("enrich") or ()):
        name = re.match(r"[A-Za-z0-9_.-]+", requirement)
        if name and "extra ==" not in requirement:
            try:
                digest.update(f"{name.group(0)}=={metadata.version(name.group(0))}".encode())
            except metadata.PackageNotFoundError:
                digest.update(f"{name.group(0)}: absent".encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


CHUNK = 1 << 20  # bytes of a file hashed at a time


def _digest_file(digest: Any, name: str, path: Path) -> None:
    """Add ``name:<length>:present:<bytes>`` (or ``name:6:absent``) to ``digest``, the file
    read a chunk at a time: a 10,000-entry output is 60 MB, and reading it whole (then
    prefixing it) held 120 MB at once, most of a rerun's peak.

    The length comes from the open file's size; a file that changes while it is read
    gives a digest no consistent state of it gives, so it is never reused.
    """
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        digest.update(f"{name}:6:absent".encode())
        return
    with handle:
        size = os.fstat(handle.fileno()).st_size
        digest.update(f"{name}:{len(b'present:') + size}:present:".encode())
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
