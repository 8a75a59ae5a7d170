"""Bounds that keep a parse linear in the list's size, applied to the text before markdown-it.

markdown-it keeps every token of a document alive until the parse ends, about
1.5 kB per pipe-table cell: a 4.7 MB table of one-letter cells (2.35 million
cells) took 3.7 GB and 34 s. No real list comes near the bounds below (the
largest of the 13 real lists in the benchmarks has about 9,000 cells; a table of
10,000 papers with eight columns has 80,000), so they only meet hostile or
generated input. What lies past a bound is blanked line by line (line numbers
stay right) and reported with a warning at its first line; the rest of the
list is read as usual, and every link on a blanked line is still accounted for
by :mod:`enrich.parse.accounting`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cut:
    """Markup that was read only in part, at a bound that keeps parsing linear."""

    line: int
    message: str


MAX_TABLE_CELLS = 250_000
"""Pipe-table cells (``|``) one list may hold, about 400 MB of markdown-it tokens at most."""

MAX_ROW_CELLS = 1_000
"""Cells one table row may hold; HTML clamps ``colspan`` at the same 1,000."""


def bound_tables(text: str) -> tuple[str, list[Cut]]:
    """``text`` with rows past the bounds cut, and a :class:`Cut` for each kind of cut."""
    pipes = text.count("|")
    if pipes <= min(MAX_ROW_CELLS, MAX_TABLE_CELLS):  # no row and no list can be past a bound
        return text, []
    lines = text.split("\n")
    wide = _narrow_rows(lines)
    blanked = _blank_past_budget(lines) if pipes > MAX_TABLE_CELLS else None
    cuts = [cut for cut in (wide, blanked) if cut is not None]
    return ("\n".join(lines), cuts) if cuts else (text, [])


def _narrow_rows(lines: list[str]) -> Cut | None:
    first, count = 0, 0
    for number, line in enumerate(lines):
        if line.count("|") > MAX_ROW_CELLS:
            at = _nth_pipe(line, MAX_ROW_CELLS)
            lines[number] = line[: at + 1]
            first, count = first or number + 1, count + 1
    if not count:
        return None
    message = (
        f"{count} table row(s) with more than {MAX_ROW_CELLS:,} cells: cells past that not read"
    )
    return Cut(first, message)


def _blank_past_budget(lines: list[str]) -> Cut | None:
    budget, first, count = MAX_TABLE_CELLS, 0, 0
    for number, line in enumerate(lines):
        pipes = line.count("|")
        if not pipes:
            continue
        if budget >= pipes and not count:
            budget -= pipes
            continue
        lines[number] = ""
        first, count = first or number + 1, count + 1
    if not count:
        return None
    message = (
        f"more than {MAX_TABLE_CELLS:,} table cells in the list: {count:,} line(s) with"
        " table cells from here on not read"
    )
    return Cut(first, message)


def _nth_pipe(line: str, n: int) -> int:
    at = -1
    for _ in range(n):
        at = line.index("|", at + 1)
    return at
