"""HTML tables -> :class:`Row` lists, with each row's line in the source file.

libxml2 records each element's ``sourceline`` (1-based within the parsed
fragment), so a row's file line is the fragment's first line plus that offset.
Optional end tags (``</td>``, ``</tr>``) are implied as in a browser
(:mod:`.html_tree`). Commented-out markup never yields rows.
"""

from __future__ import annotations

import re

from enrich.parse.blocks.html_pieces import html_pieces
from enrich.parse.blocks.html_tree import Element, is_element, nearest, parse_fragment, text_of
from enrich.parse.blocks.rows import AttributeTypo, Cell, Row

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
LINK_ATTRIBUTE = "href"
_MAX_COLSPAN = 1000  # the HTML standard clamps colspan to 1000


def has_table(html: str) -> bool:
    """True when the fragment opens a table outside an HTML comment."""
    return "<table" in _COMMENT.sub("", html).lower()


def closes_table(html: str) -> bool:
    return "</table" in _COMMENT.sub("", html).lower()


def html_tables(html: str, first_line: int) -> tuple[list[list[Row]], bool]:
    """Every top-level table in ``html`` as rows, and whether markup was cut for depth.

    ``first_line`` is the fragment's line 1.
    """
    fragment = parse_fragment(html)
    tables = [t for t in fragment.body.iter("table") if nearest(t, "table") is None]
    return [_rows(table, first_line) for table in tables], fragment.too_deep


def _rows(table: Element, first_line: int) -> list[Row]:
    rows = []
    for tr in table.iter("tr"):
        if nearest(tr, "table") is not table:
            continue
        cells = tuple(
            _cell(cell, first_line) for cell in tr if is_element(cell) and cell.tag in ("td", "th")
        )
        rows.append(Row(_line(tr, first_line), cells))
    return rows


def _line(tag: Element, first_line: int) -> int:
    return first_line + (tag.sourceline or 1) - 1


def _cell(cell: Element, first_line: int) -> Cell:
    href, typo = _link(cell, first_line)
    return Cell(
        text_of(cell), href, typo, _colspan(cell), cell.tag == "th", tuple(html_pieces(cell))
    )


def _colspan(cell: Element) -> int:
    """The cell's span, clamped to 1..1000 as browsers clamp it (HTML's own limit)."""
    value = (cell.get("colspan") or "").strip()
    if not (value.isascii() and value.isdigit()):
        return 1
    return max(1, min(int(value[:5]), _MAX_COLSPAN))


def _link(cell: Element, first_line: int) -> tuple[str | None, AttributeTypo | None]:
    """The cell's first link target, or the typo that hides it."""
    for anchor in cell.iter("a"):
        href = anchor.get(LINK_ATTRIBUTE)
        if isinstance(href, str) and href.strip():
            return href.strip(), None
        for name, value in anchor.attrib.items():
            if isinstance(value, str) and value.strip() and _is_misspelling(name):
                return None, AttributeTypo(name, value.strip(), _line(anchor, first_line))
    return None, None


def _is_misspelling(name: str) -> bool:
    """One edit (or one swap of neighbours) away from ``href``, but not ``href``."""
    return name != LINK_ATTRIBUTE and _edit_distance(name.lower(), LINK_ATTRIBUTE) <= 1


def _edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (Levenshtein plus adjacent swaps)."""
    rows = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, rows[i - 2][j - 2] + 1)
            rows[i][j] = best
    return rows[len(a)][len(b)]
