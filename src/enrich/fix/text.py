"""Applying planned edits to a list's text without touching anything else, and the diff.

The text is split at ``\\n`` only and every line keeps its own ending, so a
CRLF file stays CRLF, a file without a final newline keeps none, and the
spaces a line ends with (a Markdown line break) stay where they were: an
edit sees only the line's content, never its ending.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from enrich.fix.plan import AddCode, Edit, Replace

_ENDING = re.compile(r"[ \t]*\r?\n?$")  # trailing spaces, then the line ending
_FIRST_BADGE = re.compile(r"\s*!\[[^\]]*\]\(https?://img\.shields\.io/")


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
        ending = _ENDING.search(line)
        cut = ending.start() if ending else len(line)
        content, tail = line[:cut], line[cut:]
        lines[index] = _edited(content, edit) + tail
    return "".join(lines)


def ambiguous_edits(text: str, edits: Iterable[Edit]) -> list[str]:
    """Why each edit left alone as ambiguous was (a link found more than once on its line)."""
    lines = split_lines(text)
    notes = []
    for edit in edits:
        index = edit.line - 1
        if isinstance(edit, Replace) and 0 <= index < len(lines) and edit.ambiguous(lines[index]):
            notes.append(
                f"line {edit.line}: {edit.code}: the link appears more than once on the line; "
                f"not changed (fix by hand: {edit.new})"
            )
    return notes


def _edited(content: str, edit: Edit) -> str:
    if isinstance(edit, Replace):
        return edit.apply(content)
    return _with_code_link(content, edit)


def _with_code_link(content: str, edit: AddCode) -> str:
    """A ``[Code](url)`` link before the line's first shields.io badge, else at its end."""
    if edit.url.lower() in content.lower() or "[Code](" in content:
        return content
    badge = _FIRST_BADGE.search(content)
    at = badge.start() if badge else len(content)
    return f"{content[:at]}, [Code]({edit.url}){content[at:]}"


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
