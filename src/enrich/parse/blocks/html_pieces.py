"""HTML elements -> the same text/link/image pieces Markdown inlines give.

Lists written in raw HTML (``<ul><li><b>(CVPR 2023)</b> <a href=...>Title</a></li>``,
``<td><a href=...><img src=badge></a></td>``) must reach the same paper
builder as Markdown bullets, so an ``<li>`` or ``<td>`` is reduced here to
:class:`Text`, :class:`Link` and :class:`Image` pieces plus its bold texts.
The walks are iterative (:mod:`enrich.parse.blocks.html_tree`): no depth of
nesting can overflow the stack.
"""

from __future__ import annotations

from enrich.parse.blocks.html_tree import Element, flow, is_element, text_of
from enrich.parse.blocks.pieces import Image, Link, Piece, Text

_BOLD = frozenset({"b", "strong"})


def html_pieces(element: Element) -> list[Piece]:
    """The element's content as pieces, adjacent text merged."""
    pieces: list[Piece] = []
    run: list[str] = []  # adjacent text, joined once (linear in the element's size)
    for part in flow(element, _is_piece):
        if isinstance(part, str) or part.tag == "br":
            run.append(part if isinstance(part, str) else " ")
            continue
        _close_run(run, pieces)
        pieces.append(_piece(part))
    _close_run(run, pieces)
    return pieces


def bold_texts(element: Element) -> tuple[str, ...]:
    """Texts inside outermost ``<b>``/``<strong>`` elements, in order (one walk, no lookups up)."""
    found: list[str] = []
    stack = [child for child in reversed(element) if is_element(child)]
    while stack:
        tag = stack.pop()
        if tag.tag in _BOLD:
            text = text_of(tag)
            if text:
                found.append(text)
        else:
            stack.extend(child for child in reversed(tag) if is_element(child))
    return tuple(found)


def _is_piece(element: Element) -> bool:
    return element.tag in ("img", "br") or (element.tag == "a" and bool(_href(element)))


def _href(element: Element) -> str:
    href = element.get("href")
    return href.strip() if isinstance(href, str) else ""


def _piece(element: Element) -> Piece:
    if element.tag == "img":
        return _image(element)
    images = tuple(_image(img) for img in element.iter("img"))
    label = text_of(element) or " ".join(i.alt for i in images).strip()
    return Link(label, _href(element), images)


def _image(tag: Element) -> Image:
    return Image(tag.get("alt") or "", tag.get("src") or "")


def _close_run(run: list[str], pieces: list[Piece]) -> None:
    """The pending text as one :class:`Text` piece, unless it is only whitespace."""
    text = "".join(run)
    run.clear()
    if text.strip():
        pieces.append(Text(text))
