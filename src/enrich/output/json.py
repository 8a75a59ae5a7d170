"""Deterministic JSON and atomic writes.

The nightly job commits ``data/enriched/`` only when it changed, so the same
data must always serialise to the same bytes: keys in model order, UTF-8
without escaping, two-space indent, a trailing newline. Writes go to a
temporary file in the same directory, are flushed to disk, then renamed over
the target, so a crash or a kill leaves either the old file or the new one,
never a truncated one.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel


def dumps(value: BaseModel | Any) -> str:
    """Serialise a record (or plain JSON data) deterministically.

    Records go through pydantic's own serializer, which writes the text
    directly instead of building a dict tree first: for a 10,000-entry list
    that saves about 170 MB of peak memory and most of the time. Its format is
    the same as ``json.dumps(..., ensure_ascii=False, indent=2)``, which plain
    data (reports) uses.
    """
    if isinstance(value, BaseModel):
        return value.model_dump_json(indent=2) + "\n"
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _default_mode() -> int:
    """0666 less the process umask: the mode a plain ``open(path, "w")`` would give."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_DEFAULT_MODE = _default_mode()


def same_content(path: Path, data: bytes) -> bool:
    """Whether ``path`` holds exactly ``data`` (compared in chunks, not read whole)."""
    try:
        if path.stat().st_size != len(data):
            return False
        view = memoryview(data)
        with path.open("rb") as stream:
            offset = 0
            while chunk := stream.read(1 << 20):
                if view[offset : offset + len(chunk)] != chunk:
                    return False
                offset += len(chunk)
        return True
    except FileNotFoundError:
        return False


def write_atomic(path: Path, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` in one step (temp file, fsync, rename)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(handle, _DEFAULT_MODE)  # mkstemp makes 0600; output is meant to be shared
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories can't be opened."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
