"""Everything the tool prints on GitHub Actions, made inert for the workflow-command parser.

The runner reads every line a step prints and runs it as a command when,
after its leading spaces, it starts with ``::`` (``::add-mask::``,
``::error ...::``, ``::stop-commands::``), and also when it holds the older
``##[command]`` form anywhere (actions/runner ``ActionCommand.TryParseV2``
and ``TryParse``; the manager tries both). Lists, pages and API answers are
other people's text, and ``enrich parse`` echoed list lines on stderr, so a
list line ``::add-mask::...`` or ``::error ...`` became a command in the
pull-request check's log.

So under ``GITHUB_ACTIONS`` the CLI wraps stdout and stderr in
:class:`InertStream` (one place, every command, logging and rich included):
a line whose text starts with ``::`` gets its first ``:`` written ``%3A``,
and ``##[`` becomes ``#%23[``. The tool's own annotations go through
:func:`write_command`, the one way to print a real command, with their
data and properties escaped as actions/toolkit's ``command.ts`` does.
Output sent to a regular file (``enrich parse list.md > out.json``) never
reaches the log and is written as it is.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF percent-encoded (actions/toolkit ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value: also ``:`` and ``,`` (actions/toolkit ``escapeProperty``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def inert_line(line: str) -> str:
    """``line`` (no line break inside) as text the runner shows and never runs."""
    text = line.lstrip()
    if text.startswith("::"):
        at = len(line) - len(text)
        line = f"{line[:at]}%3A{line[at + 1 :]}"
    return line.replace("##[", "#%23[")


def inert(text: str) -> str:
    """Every line of ``text`` made inert (the runner splits at CR, LF and CRLF)."""
    return "".join(inert_line(line) + end for line, end in _lines(text))


def _lines(text: str) -> Iterator[tuple[str, str]]:
    for line in io.StringIO(text, newline=""):
        body = line.rstrip("\r\n")
        yield body, line[len(body) :]


class InertStream(io.TextIOBase):
    """A text stream that writes whole lines made inert to ``raw``.

    A line is held until it ends (or the stream is flushed at exit by
    :func:`inert_output`), so a command split over several writes is still
    seen whole.
    """

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw
        self._partial = ""
        self._open_line = False  # the last text written to raw did not end its line

    def write(self, text: str) -> int:
        pending = self._partial + text
        ended = pending.rstrip("\r")  # a CR at the very end may be the first half of a CRLF
        cut = max(ended.rfind("\n"), ended.rfind("\r")) + 1
        self._partial = pending[cut:]
        if cut:
            self.raw.write(inert(pending[:cut]))
            self._open_line = False
        return len(text)

    def command(self, line: str) -> None:
        """Write one workflow command of the tool's own, as it is, on a line of its own
        (see :func:`write_command`)."""
        self.finish()
        if self._open_line:
            self.raw.write("\n")
        self.raw.write(line.replace("\r", "").replace("\n", "") + "\n")
        self._open_line = False
        self.raw.flush()

    def finish(self) -> None:
        """Write the held partial line, inert."""
        if self._partial:
            self.raw.write(inert(self._partial))
            self._open_line = not self._partial.endswith(("\n", "\r"))
            self._partial = ""

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8")

    def writable(self) -> bool:
        return True


def write_command(out: TextIO, line: str) -> None:
    """Print one workflow command the tool means to give (an annotation)."""
    if isinstance(out, InertStream):
        out.command(line)
    else:
        out.write(line + "\n")


def _to_a_file(stream: TextIO) -> bool:
    """True when ``stream`` is a regular file: its text never reaches the runner's log."""
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False


@contextmanager
def inert_output(on_actions: bool) -> Iterator[None]:
    """Within: ``sys.stdout`` and ``sys.stderr`` inert when ``on_actions`` (see module doc)."""
    if not on_actions:
        yield
        return
    saved = sys.stdout, sys.stderr
    wrapped = [InertStream(s) if not _to_a_file(s) else s for s in saved]
    sys.stdout, sys.stderr = wrapped[0], wrapped[1]
    try:
        yield
    finally:
        for stream in wrapped:
            if isinstance(stream, InertStream):
                stream.finish()
                stream.flush()
        sys.stdout, sys.stderr = saved
