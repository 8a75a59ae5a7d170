"""Leaving the process without freeing, object by object, what a run built.

Why: a 10,000-entry run ends holding hundreds of thousands of records, and
Python frees them one reference at a time when the last list's run returns
and again at interpreter shutdown: about half a second of a warm run, for
memory the operating system takes back at once. mypy leaves the same way
(``mypy.util.hard_exit``, its default ``--fast-exit``).

What must reach the disk is there before: outputs and reports are written
atomically and closed, the cache is closed by the door's ``with``. Here the
log handlers and the standard streams are flushed, then the process exits
with the command's code. Only ``python -m enrich`` leaves this way; ``main()``
called in-process (tests, other programs) returns as usual.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import NoReturn

_held: list[object] = []


def hold_until_exit(value: object) -> None:
    """Keep ``value`` referenced until the process leaves (one at a time: the last list's
    document), so that it is never freed piece by piece."""
    _held[:] = [value]


def leave(code: int) -> NoReturn:
    """Flush logging and the standard streams, then exit with ``code`` at once."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (``enrich parse | head``), a closed stream
            code = code or 1
    os._exit(code)
