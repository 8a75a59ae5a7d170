"""HTML lists (``<ul>``/``<ol>`` with ``<li>``) -> one entry candidate per innermost item.

Some lists are written wholly in HTML so they can fold years into
``<details>``; CommonMark passes such blocks through untouched, so without
this module every paper in them would be lost. Each ``<li>`` that holds no
nested ``<li>`` is one candidate, with its line in the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup

from enrich.parse.blocks.html_pieces import bold_texts, html_pieces
from enrich.parse.blocks.pieces import Piece


@dataclass(frozen=True)
class HtmlItem:
    line: int
    pieces: list[Piece]
    bold: tuple[str, ...]
    text: str


def html_list_items(html: str, first_line: int) -> list[HtmlItem]:
    """Every innermost ``<li>`` of the fragment; ``first_line`` is the fragment's line 1."""
    if "<li" not in html.lower():
        return []
    soup = BeautifulSoup(html, "html.parser")
    items = []
    for li in soup.find_all("li"):
        if li.find("li") is not None:
            continue
        pieces = html_pieces(li)
        if not pieces:
            continue
        line = first_line + (li.sourceline or 1) - 1
        text = " ".join(li.get_text(" ").split())
        items.append(HtmlItem(line, pieces, bold_texts(li), text))
    return items
