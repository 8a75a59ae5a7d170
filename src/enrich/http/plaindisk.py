"""The cache's serialisation: plain bytes in, plain bytes out, never a pickle.

diskcache's default ``Disk`` pickles every key and value that is not a
string, bytes or number, and unpickles whatever a row's ``mode`` column says
is a pickle. The cache folder is restored from the Actions cache into the
nightly job (and into pull-request checks), so whoever can write that folder
could have any code run by ``pickle.load`` in a job that holds write tokens.
A restored cache is untrusted input.

:class:`PlainDisk` stores only ``str`` keys and ``bytes`` values (what
:mod:`enrich.http.cache` writes: JSON, and a body beside it) and refuses the
rest with ``TypeError``. Reading, a row stored as a pickle (by an older
version, or planted) is a miss, never unpickled; a non-text key reads as
``""``; and a value file is read or removed only under the cache's own
folder, by diskcache's own naming (``ab/cd/<28 hex>.val``), so a planted
``filename`` cannot read or delete anything else.
"""

from __future__ import annotations

import re
from typing import Any

import diskcache
from diskcache.core import MODE_PICKLE

_VALUE_FILE = re.compile(r"[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{28}\.val")


class PlainDisk(diskcache.Disk):
    """A ``diskcache.Disk`` without pickle (see the module doc)."""

    def put(self, key: Any) -> tuple[Any, bool]:
        if not isinstance(key, str):
            raise TypeError(f"cache keys are text, not {type(key).__name__}")
        return super().put(key)

    def get(self, key: Any, raw: bool) -> Any:
        return key if raw and isinstance(key, str) else ""  # a pickled key: never loaded

    def store(self, value: Any, read: bool, key: Any = diskcache.core.UNKNOWN) -> Any:
        if read or not isinstance(value, bytes):
            raise TypeError(f"cache values are bytes, not {type(value).__name__}")
        return super().store(value, read, key=key)

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> Any:
        if mode == MODE_PICKLE or read:
            return None  # stored by pickle (an older version, or planted): a miss
        if filename is not None and not _VALUE_FILE.fullmatch(filename):
            return None
        fetched = super().fetch(mode, filename, value, read)
        return fetched if isinstance(fetched, bytes) else None

    def remove(self, file_path: str) -> Any:
        if not _VALUE_FILE.fullmatch(file_path):
            return None  # not a value file of ours: never deleted
        return super().remove(file_path)
