r"""Applying planned edits to a list's text without touching anything else, and the diff.

The text is split at ``\n`` only and every line keeps its own ending, so a
CRLF file stays CRLF, a file without a final newline keeps none, and the
spaces a line ends with (a Markdown line break) stay where they were: an
edit sees only the line's content, never its ending.

Everything here is linear in the line's length: a 100 kB line with a run of
spaces took 80 s per ``fix`` when a regular expression with a leading
``[ \t]*`` or ``\s*`` was searched over it (each start rescanned the run).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from enrich.fix.plan import AddCode, Edit, Refused, Replace
from enrich.identity.web import for_syntax

_BADGE_TARGET = re.compile(r"\]\(https?://img\.shields\.io/")  # starts with a literal: linear


def split_lines(text: str) -> list[str]:
    """Lines with their endings (``\\n`` or ``\\r\\n``); joining them gives ``text`` back.

    Not ``str.splitlines``: it also splits at form feeds and Unicode line
    separators, which would number lines differently from the parser.
    """
    lines = text.split("\n")
    ended = [line + "\n" for line in lines[:-1]]
    return ended + ([lines[-1]] if lines[-1] else [])


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with the edits made; lines and bytes the edits do not name stay as they were."""
    lines = split_lines(text)
    for edit in edits:
        index = edit.line - 1
        if not 0 <= index < len(lines):
            continue
        line = lines[index]
        cut = content_end(line)
        content, tail = line[:cut], line[cut:]
        lines[index] = _edited(content, edit) + tail
    return "".join(lines)


def content_end(line: str) -> int:
    """Where ``line``'s content ends: before its trailing spaces and tabs and its ending."""
    end = len(line)
    if line.endswith("\n"):
        end -= 1
    if end and line[end - 1] == "\r":
        end -= 1
    return len(line[:end].rstrip(" \t"))


def ambiguous_edits(text: str, edits: Iterable[Edit]) -> list[str]:
    """Why each edit was left alone: its replacement is not safe to write, or its
    link is found more than once on its line."""
    lines = split_lines(text)
    notes = []
    for edit in edits:
        index = edit.line - 1
        if isinstance(edit, Refused):
            notes.append(f"line {edit.line}: {edit.code}: {edit.why}")
        elif isinstance(edit, Replace) and 0 <= index < len(lines) and edit.ambiguous(lines[index]):
            notes.append(
                f"line {edit.line}: {edit.code}: the link appears more than once on the line; "
                f"not changed (fix by hand: {edit.new})"
            )
    return notes


def _edited(content: str, edit: Edit) -> str:
    if isinstance(edit, Replace):
        return edit.apply(content)
    if isinstance(edit, AddCode):
        return _with_code_link(content, edit)
    return content  # Refused: reported by ambiguous_edits, never made


def _with_code_link(content: str, edit: AddCode) -> str:
    """A ``[Code](url)`` link before the line's first shields.io badge, else at its end."""
    if edit.url.lower() in content.lower() or "[Code](" in content:
        return content
    at = _first_badge(content)
    return f"{content[:at]}, [Code]({for_syntax(edit.url, '(')}){content[at:]}"


def _first_badge(content: str) -> int:
    """Where the first ``![label](http(s)://img.shields.io/...`` starts, spaces before it
    included; the content's end when there is none. Each ``](`` is found once and each
    label scanned only from the ``]`` before it, so the work is linear."""
    for close in _BADGE_TARGET.finditer(content):
        start = content.find("![", content.rfind("]", 0, close.start()) + 1, close.start())
        if start >= 0:
            while start and content[start - 1].isspace():
                start -= 1
            return start
    return len(content)


def unified_diff(path: str, old: str, new: str) -> str:
    """A patch ``git apply`` and ``patch -p1`` accept; empty when nothing changed."""
    if old == new:
        return ""
    diff = difflib.unified_diff(
        split_lines(old),
        split_lines(new),
        fromfile=f"a/{path.lstrip('/')}",
        tofile=f"b/{path.lstrip('/')}",
    )
    marker = "\n\\ No newline at end of file\n"
    return "".join(line if line.endswith("\n") else line + marker for line in diff)
