"""markdown-it's link helpers, with faster drop-in ``parseLinkDestination`` and ``parseLinkLabel``.

markdown-it looks its link helpers up on ``md.helpers`` (the hook markdown-it
JS documents for replacing them), so a parser can install this module there.
The library's ``parseLinkDestination`` walks a URL one character at a time
through a Python call per character; on a list with five links and badges per
line that was a sixth of the whole parse. This version does the same walk but
lets one regular expression skip each run of ordinary characters, and stops,
counts parentheses and honours backslashes exactly where the original does.
``<...>`` destinations, which are rare, go to the original unchanged.

``parseLinkLabel`` finds a label's closing ``]`` by stepping over every inline
token in it (a full rule dispatch per run of text), before the link rule
tokenizes the same label again for its children. A plain label, with none of
the characters that can start a token holding a ``]`` of its own, ends at its
first ``]``; one string search finds it. Any other label goes to the original.
"""

from __future__ import annotations

import re
from typing import Protocol

from markdown_it.common.utils import unescapeAll
from markdown_it.helpers import parseLinkDestination as _original_destination
from markdown_it.helpers import parseLinkLabel as _original_label
from markdown_it.helpers import parseLinkTitle
from markdown_it.rules_inline import StateInline

__all__ = ("parseLinkDestination", "parseLinkLabel", "parseLinkTitle")

# Characters the original loop steps over without looking further: anything but
# space and ASCII controls (which end the URL), backslash and parentheses.
_ORDINARY_RUN = re.compile(r"[^\x00-\x20\x7f\\()]*")
_MAX_PAREN_DEPTH = 32
# Characters that start an inline token which may hold a "]" of its own in the
# parser's rules (link, image, escape, code span, autolink, inline HTML); every
# other rule (text, newline, emphasis, entity) stops at or before a "]".
_NESTING_START = re.compile(r"[\[`<\\]")


def parseLinkLabel(state: StateInline, start: int, disableNested: bool = False) -> int:
    """Same result as ``markdown_it.helpers.parseLinkLabel`` for every input."""
    end = state.src.find("]", start + 1, state.posMax)
    if end != -1 and not _NESTING_START.search(state.src, start + 1, end):
        return end
    return _original_label(state, start, disableNested)


class LinkDestination(Protocol):
    """What markdown-it's link rule reads of a destination; the library's own result has it too."""

    ok: bool
    pos: int
    str: str


class Destination:
    """What markdown-it's link rule reads (``ok``, ``pos``, ``str``), shaped as the library's."""

    __slots__ = ("ok", "pos", "str")

    def __init__(self) -> None:
        self.ok = False
        self.pos = 0
        self.str = ""


def parseLinkDestination(string: str, pos: int, maximum: int) -> LinkDestination:
    """Same result as ``markdown_it.helpers.parseLinkDestination`` for every input."""
    if string.startswith("<", pos):
        return _original_destination(string, pos, maximum)
    start, level, length = pos, 0, len(string)
    while pos < maximum and pos < length:
        pos = _ORDINARY_RUN.match(string, pos, maximum).end()  # type: ignore[union-attr]
        if pos >= maximum or pos >= length:
            break
        char = string[pos]
        if char <= " " or char == "\x7f":
            break
        if char == "\\":
            if pos + 1 < maximum:
                if string.startswith(" ", pos + 1):
                    break
                pos += 2
                continue
        elif char == "(":
            level += 1
            if level > _MAX_PAREN_DEPTH:
                return Destination()
        elif level == 0:  # ")" closing the destination
            break
        else:
            level -= 1
        pos += 1
    result = Destination()
    if start == pos or level != 0:
        return result
    result.str = unescapeAll(string[start:pos])
    result.pos = pos
    result.ok = True
    return result
