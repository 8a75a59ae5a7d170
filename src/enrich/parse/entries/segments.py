"""Visual lines -> paper candidates: where one entry ends and the next begins.

A bullet or paragraph usually holds one paper whose parts sit on several
lines (title, then authors, then ``[[PDF]] [[Code]]``), but some lists put
several papers in one paragraph, one per line. A line starts a new entry
when the entry so far already has a link and the line brings a title of its
own (a titled link first, or text before its links) together with a link.
"""

from __future__ import annotations

import re

from enrich.parse.blocks.pieces import Image, Link, Piece, Text
from enrich.parse.entries.candidate import Candidate, Hints, has_link
from enrich.parse.fields.plain_text import is_venue_tag, split_plain_title, strip_symbols
from enrich.parse.links.roles import is_role_label
from enrich.parse.links.urls import find_bare_urls

Lines = tuple[tuple[int, list[Piece]], ...]
_MIN_LETTERS = 3
# "Computer Graphics Forum, Pacific Graphics 2023. [": a venue line ends with its year.
_VENUE_LINE = re.compile(r"[^.]{0,80}?(?:19|20)\d{2}[a-z]?\.?\s*(?:\(\w+\))?\.?\s*\[?")


def link_bare_urls(pieces: list[Piece]) -> list[Piece]:
    """``Code: https://github.com/o/r`` written without Markdown: the URL is a link too."""
    if not any(isinstance(p, Text) and "://" in p.text for p in pieces):
        return pieces
    linked: list[Piece] = []
    for piece in pieces:
        if not isinstance(piece, Text) or "://" not in piece.text:
            linked.append(piece)
            continue
        rest = piece.text
        for url in find_bare_urls(piece.text):
            before, _, rest = rest.partition(url)
            linked += [Text(before), Link(url, url)] if before else [Link(url, url)]
        if rest:
            linked.append(Text(rest))
    return linked


def _title_letters(text: str) -> int:
    """Letters of the text once venue tags and years are taken out (``ICML 2020.`` has none)."""
    if is_venue_tag(text) or _VENUE_LINE.fullmatch(text.strip()):
        return 0
    return sum(ch.isalpha() for ch in split_plain_title(text).title)


def brings_title(pieces: list[Piece]) -> bool:
    """The line names a paper: a titled link, or text with letters before its last link."""
    for piece in pieces:
        if isinstance(piece, Link) and not piece.images:
            return not is_role_label(strip_symbols(piece.text))
        if isinstance(piece, Text) and _title_letters(piece.text) >= _MIN_LETTERS:
            return True
        if not isinstance(piece, Link | Image | Text):
            return False
    return False


def split_entries(
    lines: Lines, source: str, bold: tuple[str, ...], hints: Hints
) -> list[Candidate]:
    """One candidate per entry found in the lines, in order (bare URLs become links)."""
    lines = tuple((number, link_bare_urls(pieces)) for number, pieces in lines)
    groups: list[list[tuple[int, list[Piece]]]] = []
    for line in lines:
        pieces = line[1]
        current = groups[-1] if groups else None
        grouped_link = current is not None and any(has_link(p) for _, p in current)
        if current is None or (grouped_link and has_link(pieces) and brings_title(pieces)):
            groups.append([line])
        else:
            current.append(line)
    if len(groups) <= 1:
        return [Candidate(lines[0][0], lines, source, bold, hints)] if lines else []
    return [Candidate(group[0][0], tuple(group), source, bold, hints) for group in groups]
