"""HTML elements -> the same text/link/image pieces Markdown inlines give.

Lists written in raw HTML (``<ul><li><b>(CVPR 2023)</b> <a href=...>Title</a></li>``,
``<td><a href=...><img src=badge></a></td>``) must reach the same paper
builder as Markdown bullets, so an ``<li>`` or ``<td>`` is reduced here to
:class:`Text`, :class:`Link` and :class:`Image` pieces plus its bold texts.
"""

from __future__ import annotations

from bs4.element import Comment, NavigableString, Tag

from enrich.parse.blocks.pieces import Image, Link, Piece, Text

_BOLD = frozenset({"b", "strong"})
_SKIP = frozenset({"script", "style"})


def html_pieces(element: Tag) -> list[Piece]:
    """The element's content as pieces, adjacent text merged."""
    pieces: list[Piece] = []
    _walk(element, pieces)
    return _merge(pieces)


def bold_texts(element: Tag) -> tuple[str, ...]:
    """Texts inside outermost ``<b>``/``<strong>`` elements, in order (one walk, no lookups up)."""
    found: list[str] = []
    stack = [child for child in reversed(element.contents) if isinstance(child, Tag)]
    while stack:
        tag = stack.pop()
        if tag.name in _BOLD:
            text = " ".join(tag.get_text(" ").split())
            if text:
                found.append(text)
        else:
            stack.extend(child for child in reversed(tag.contents) if isinstance(child, Tag))
    return tuple(found)


def _walk(node: Tag, pieces: list[Piece]) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            pieces.append(Text(str(child)))
        elif isinstance(child, Tag) and child.name not in _SKIP:
            _tag(child, pieces)


def _tag(tag: Tag, pieces: list[Piece]) -> None:
    if tag.name == "a" and isinstance(href := tag.get("href"), str) and href.strip():
        images = tuple(_image(img) for img in tag.find_all("img"))
        label = " ".join(tag.get_text(" ").split()) or " ".join(i.alt for i in images).strip()
        pieces.append(Link(label, href.strip(), images))
    elif tag.name == "img":
        pieces.append(_image(tag))
    elif tag.name == "br":
        pieces.append(Text(" "))
    else:
        _walk(tag, pieces)


def _image(tag: Tag) -> Image:
    alt, src = tag.get("alt"), tag.get("src")
    return Image(alt if isinstance(alt, str) else "", src if isinstance(src, str) else "")


def _merge(pieces: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return [p for p in merged if not isinstance(p, Text) or p.text.strip()] if merged else []
