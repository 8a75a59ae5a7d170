"""An inline token stream flattened to text, links and images.

Entry parsers reason about "the text between the title link and the next
link"; that is easy on a flat sequence and awkward on markdown-it's nested
tokens. Emphasis and code are kept as their text; breaks become spaces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Token = Any  # markdown_it.token.Token (untyped library)


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Image:
    alt: str
    src: str


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    images: tuple[Image, ...] = field(default=())


Piece = Text | Link | Image


def flatten(children: list[Token] | None) -> list[Piece]:
    """Pieces of an inline token's children, adjacent text merged."""
    pieces: list[Piece] = []
    index = 0
    tokens = children or []
    while index < len(tokens):
        token = tokens[index]
        if token.type == "link_open":
            index = _take_link(tokens, index, pieces)
            continue
        if token.type == "image":
            pieces.append(Image(_inline_text(token.children), str(token.attrs.get("src", ""))))
        else:
            _append_text(pieces, _token_text(token))
        index += 1
    return pieces


def _take_link(tokens: list[Token], start: int, pieces: list[Piece]) -> int:
    """Consume a link_open ... link_close run; return the index after it."""
    depth, index = 0, start
    inner: list[Token] = []
    while index < len(tokens):
        token = tokens[index]
        depth += {"link_open": 1, "link_close": -1}.get(token.type, 0)
        if depth == 0:
            break
        if index > start:
            inner.append(token)
        index += 1
    images = tuple(
        Image(_inline_text(tok.children), str(tok.attrs.get("src", "")))
        for tok in inner
        if tok.type == "image"
    )
    href = str(tokens[start].attrs.get("href", ""))
    pieces.append(Link(_inline_text(inner).strip(), href, images))
    return index + 1


def _inline_text(tokens: list[Token] | None) -> str:
    return "".join(_token_text(token) for token in tokens or [])


def _token_text(token: Token) -> str:
    if token.type in ("softbreak", "hardbreak"):
        return " "
    if token.type in ("text", "code_inline", "html_inline"):
        return str(token.content) if token.type != "html_inline" else ""
    if token.type == "image":
        return _inline_text(token.children)
    return ""


def _append_text(pieces: list[Piece], text: str) -> None:
    if not text:
        return
    if pieces and isinstance(pieces[-1], Text):
        pieces[-1] = Text(pieces[-1].text + text)
    else:
        pieces.append(Text(text))


def plain_text(pieces: list[Piece]) -> str:
    """All visible text, link texts included, images as nothing."""
    return "".join(p.text for p in pieces if isinstance(p, Text | Link))
