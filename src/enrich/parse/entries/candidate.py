"""What one paper entry is made from, whatever block it came from.

A bullet, an HTML ``<li>``, a table row, a paragraph segment or a heading with
the blocks under it all reduce to a :class:`Candidate`: its visual lines of
pieces, its bold texts, and hints that only the surrounding structure knows
(a table's title or venue column, the heading that groups the entries).
One builder (:mod:`enrich.parse.entries.papers`) then reads every style the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from enrich.parse.blocks.pieces import Link, Piece


@dataclass(frozen=True)
class Hints:
    title: str | None = None
    venue: str | None = None
    year: int | None = None
    authors: tuple[str, ...] = ()
    venue_text: str | None = None  # a cell or heading to read a venue tag from
    affiliation: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()  # (column header, cell text)


@dataclass(frozen=True)
class Candidate:
    line: int
    lines: tuple[tuple[int, list[Piece]], ...]
    source: str
    bold: tuple[str, ...] = ()
    hints: Hints = field(default_factory=Hints)

    @property
    def pieces(self) -> list[Piece]:
        return [piece for _, pieces in self.lines for piece in pieces]


def has_link(pieces: list[Piece]) -> bool:
    return any(isinstance(piece, Link) and not piece.href.startswith("#") for piece in pieces)
