"""Table rows as plain values, whether they came from HTML or a pipe table.

Both table syntaxes are reduced to the same :class:`Row` so that one
interpreter (``tables.py``) turns rows into datasets and metrics.
"""

from __future__ import annotations

from dataclasses import dataclass

from enrich.parse.blocks.pieces import Piece


@dataclass(frozen=True)
class AttributeTypo:
    """An ``<a>`` whose link attribute is misspelt, so the link is lost when rendered."""

    attribute: str
    value: str
    line: int


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None
    typo: AttributeTypo | None = None
    colspan: int = 1
    header: bool = False
    pieces: tuple[Piece, ...] = ()

    @property
    def url(self) -> str | None:
        """The link target, recovered from a misspelt attribute if need be."""
        return self.href or (self.typo.value if self.typo else None)


@dataclass(frozen=True)
class Row:
    line: int
    cells: tuple[Cell, ...]
