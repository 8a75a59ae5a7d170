"""Reading and rewriting a file the user named (``render markdown --into``, ``fix --write``).

Such a file is the user's, not ours: a README or a list, perhaps a symbolic
link into another checkout, perhaps private (0600) or executable (0750),
perhaps read-only on purpose, perhaps hard-linked. Replacing it the way
:func:`enrich.output.atomic.write_atomic` replaces our own output turned a
symbolic link into a regular file (the real file untouched while we said
"fixed"), reset its mode to 0644, overwrote read-only files and split hard
links; and reading a FIFO blocked forever. So:

- the path is followed to the real file, which is the one rewritten;
- only a regular file is read or written: a FIFO, a device, a socket or a
  folder is refused with its kind named (read without blocking, so a FIFO
  is seen, not waited on);
- a file without write permission (for us, or for anyone: a read-only mode
  is a statement even when root may ignore it) is refused;
- the new content keeps the file's mode; a file with several hard links is
  rewritten in place so every link sees it, any other file atomically.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from enrich.errors import InputError, OutputError
from enrich.output.atomic import write_atomic

_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}
_ANY_WRITE = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def _not_regular(mode: int, then: str = "left alone") -> str | None:
    """Why a file of ``mode`` is refused, or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = _KINDS.get(stat.S_IFMT(mode), "of an unknown kind")
    return f"is {kind}, not a regular file; {then}"


def read_user_file(path: Path, shown: str | None = None) -> bytes:
    """The bytes of the regular file ``path`` names (links followed); an
    :class:`InputError` (naming ``shown``) for anything else, without blocking on a FIFO."""
    shown = str(path) if shown is None else shown
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError as error:
        raise InputError(shown, "no such file") from error
    except OSError as error:
        raise InputError(shown, f"cannot read: {error.strerror or error}") from error
    try:
        problem = _not_regular(os.fstat(descriptor).st_mode, then="not read")
        if problem is not None:
            raise InputError(shown, problem)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read()
    except OSError as error:
        raise InputError(shown, f"cannot read: {error.strerror or error}") from error
    finally:
        os.close(descriptor)


def write_user_file(path: Path, data: bytes) -> None:
    """Replace the content of the file ``path`` names, as the module doc says."""
    shown = str(path)
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        write_atomic(target, data)  # a new file: nothing of the user's to keep
        return
    except OSError as error:
        raise OutputError(shown, f"cannot write: {error.strerror or error}") from error
    problem = _not_regular(info.st_mode)
    if problem is not None:
        raise OutputError(shown, problem)
    if not info.st_mode & _ANY_WRITE or not os.access(target, os.W_OK):
        raise OutputError(shown, "is read-only; left alone")
    if info.st_nlink > 1:
        _rewrite_in_place(target, data, shown)
    else:
        write_atomic(target, data, mode=stat.S_IMODE(info.st_mode))


def _rewrite_in_place(target: Path, data: bytes, shown: str) -> None:
    """Every hard link sees the new content: the file itself is rewritten (not atomic)."""
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
        try:
            problem = _not_regular(os.fstat(descriptor).st_mode)
            if problem is not None:  # swapped for something else since the check
                raise OutputError(shown, problem)
            with os.fdopen(descriptor, "wb", closefd=False) as stream:
                stream.write(data)
                stream.truncate()
                stream.flush()
                os.fsync(stream.fileno())
        finally:
            os.close(descriptor)
    except OSError as error:
        raise OutputError(shown, f"cannot write: {error.strerror or error}") from error
