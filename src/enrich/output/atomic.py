"""Atomic file replacement, and the clean-up of what a killed writer left behind.

Why: the nightly job commits ``data/enriched/`` and renderers read it at any
time, so a file must be either the old one or the new one, never half of one.
Data goes to a temporary file beside the target (``.<name>.<random>.tmp``), is
flushed to disk, then renamed over the target.

A writer killed between the two steps leaves its temporary file behind (lists
reach 15 MB). The next write of the same target removes such leftovers. A
leftover is told apart from a concurrent run's file in progress by a lock:
every writer holds an exclusive ``flock`` on its temporary file until the
rename, and the kernel drops that lock when the process dies, even by
SIGKILL. So a temporary file whose lock can be taken belongs to nobody.

Local path problems (a folder that is a file, a target that is a folder, no
permission) become one :class:`OutputError` naming the path and the problem,
so the run can report the list and go on.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from enrich.errors import OutputError

log = logging.getLogger("enrich.output")

# Crash tests pause a writer here (temporary file complete, target not yet
# replaced) to kill it at a known point. None in every normal run.
before_replace: Callable[[Path], None] | None = None


def _default_mode() -> int:
    """0666 less the process umask: the mode a plain ``open(path, "w")`` would give."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_DEFAULT_MODE = _default_mode()


def temporary_prefix(path: Path) -> str:
    """The name every temporary file of ``path`` starts with."""
    return f".{path.name}."


def same_chunks(path: Path, chunks: Iterable[bytes]) -> bool:
    """Whether ``path`` is a file holding exactly the concatenation of ``chunks``.

    Read and compared a megabyte at most at a time, stopping at the first
    difference: neither side is ever held whole (a 10,000-entry output is 60 MB).
    ``bytes.startswith`` at an offset is one memcmp with no copy (a memoryview
    slice compared byte by byte: 0.2 s for a 60 MB output that had not changed).
    """
    try:
        if not path.is_file():
            return False
        with path.open("rb") as stream:
            for chunk in chunks:
                offset = 0
                while offset < len(chunk):
                    piece = stream.read(min(_PIECE, len(chunk) - offset))
                    if not piece or not chunk.startswith(piece, offset):
                        return False
                    offset += len(piece)
            return stream.read(1) == b""
    except OSError:
        return False  # unreadable: not the same; the write that follows says why


_PIECE = 1 << 20  # bytes of the file read at a time


def same_content(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a file holding exactly ``data`` (its size is compared first)."""
    try:
        if not path.is_file() or path.stat().st_size != len(data):
            return False
    except OSError:
        return False
    return same_chunks(path, (data,))


def write_atomic(
    path: Path, text: str | bytes | Iterable[bytes], *, mode: int | None = None
) -> None:
    """Replace ``path`` with ``text`` in one step; an :class:`OutputError` says why not.

    ``text`` may come in chunks (bytes, written as they come: a large output is
    never held whole). The new file gets ``mode`` (default: what ``open`` would
    give under the umask).
    """
    if isinstance(text, str):
        chunks: Iterable[bytes] = (text.encode("utf-8"),)
    else:
        chunks = (text,) if isinstance(text, bytes) else text
    try:
        _prepare_folder(path.parent)
        remove_leftovers(path)
        _write_and_replace(path, chunks, _DEFAULT_MODE if mode is None else mode)
    except OSError as error:
        at_fault, problem = _explain(path, error)
        raise OutputError(str(at_fault), problem) from error
    _fsync_directory(path.parent)


def _prepare_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "is a file, expected a folder", str(folder))
    folder.mkdir(parents=True, exist_ok=True)


def remove_leftovers(path: Path) -> list[Path]:
    """Delete temporary files of ``path`` that no live writer holds; returns them."""
    removed = []
    for candidate in path.parent.glob(f"{temporary_prefix(path)}*.tmp"):
        try:
            descriptor = os.open(candidate, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue  # gone meanwhile, or not ours to open (a link)
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.close(descriptor)  # a folder of that name is not a temporary file of ours
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)  # a writer is alive and holds it
            continue
        try:
            candidate.unlink(missing_ok=True)
            removed.append(candidate)
            log.info("%s: removed, left by an interrupted write", candidate)
        finally:
            os.close(descriptor)
    return removed


def _locked_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, created and locked by this process.

    Another run's clean-up may remove the file between its creation and our
    lock; then it has no name any more (``st_nlink`` 0) and we make another.
    """
    while True:
        handle, temporary = tempfile.mkstemp(
            prefix=temporary_prefix(path), suffix=".tmp", dir=path.parent
        )
        fcntl.flock(handle, fcntl.LOCK_EX)
        if os.fstat(handle).st_nlink > 0:
            return handle, temporary
        os.close(handle)


def _write_and_replace(path: Path, chunks: Iterable[bytes], mode: int) -> None:
    handle, temporary = _locked_temporary(path)
    try:
        os.fchmod(handle, mode)  # mkstemp makes 0600; output is meant to be shared
        with os.fdopen(handle, "wb", closefd=False) as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        if before_replace is not None:
            before_replace(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        os.close(handle)  # releases the lock, after the rename


def _explain(path: Path, error: OSError) -> tuple[Path, str]:
    """The path at fault and one line a user can act on."""
    where = Path(error.filename) if error.filename else path
    if isinstance(error, IsADirectoryError):
        return path, "is a folder, expected a file"
    if isinstance(error, NotADirectoryError | FileExistsError):
        return _first_file_in(where), "is a file, expected a folder"
    if isinstance(error, PermissionError):
        return path.parent, "cannot write here: permission denied"
    if error.errno == errno.EROFS:
        return path.parent, "cannot write here: read-only file system"
    return path, f"cannot write: {error.strerror or error}"


def _first_file_in(path: Path) -> Path:
    """The part of ``path`` that exists and is not a folder (what blocks the write)."""
    for part in (*reversed(path.parents), path):
        if part.exists() and not part.is_dir():
            return part
    return path


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
