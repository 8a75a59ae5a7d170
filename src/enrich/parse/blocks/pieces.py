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
    """Pieces of an inline token's children, adjacent text merged.

    Runs once per list item, so it is written as one pass over the tokens with
    the text of a run gathered in a list and joined once (no per-token
    ``Text`` rebuilding), which is most of the parser's own time.
    """
    pieces: list[Piece] = []
    run: list[str] = []  # text since the last link or image, joined once
    tokens = children or []
    index, count = 0, len(tokens)
    while index < count:
        token = tokens[index]
        kind = token.type
        if kind in _TEXT_TYPES:
            if token.content:
                run.append(token.content)
        elif kind in _BREAK_TYPES:
            run.append(" ")
        elif kind == "link_open" or kind == "image":
            if run:
                pieces.append(Text("".join(run)))
                run = []
            if kind == "image":
                pieces.append(_image(token))
            else:
                index = _take_link(tokens, index, pieces)
                continue
        index += 1
    if run:
        pieces.append(Text("".join(run)))
    return pieces


_TEXT_TYPES = frozenset({"text", "code_inline"})
_BREAK_TYPES = frozenset({"softbreak", "hardbreak"})


def _image(token: Token) -> Image:
    return Image(_inline_text(token.children), str(token.attrs.get("src", "")))


def _take_link(tokens: list[Token], start: int, pieces: list[Piece]) -> int:
    """Consume a link_open ... link_close run; return the index after it."""
    depth, index, count = 1, start + 1, len(tokens)
    texts: list[str] = []
    images: list[Image] = []
    while index < count:
        token = tokens[index]
        kind = token.type
        if kind in _TEXT_TYPES:
            texts.append(token.content)
        elif kind in _BREAK_TYPES:
            texts.append(" ")
        elif kind == "image":
            image = _image(token)
            images.append(image)
            texts.append(image.alt)
        elif kind == "link_open":
            depth += 1
        elif kind == "link_close":
            depth -= 1
            if depth == 0:
                break
        index += 1
    href = str(tokens[start].attrs.get("href", ""))
    pieces.append(Link("".join(texts).strip(), href, tuple(images)))
    return index + 1


def _inline_text(tokens: list[Token] | None) -> str:
    """Visible text of tokens: text, code and image alt texts; breaks as spaces."""
    parts: list[str] = []
    for token in tokens or ():
        kind = token.type
        if kind in _TEXT_TYPES:
            parts.append(token.content)
        elif kind in _BREAK_TYPES:
            parts.append(" ")
        elif kind == "image":
            parts.append(_inline_text(token.children))
    return "".join(parts)


def plain_text(pieces: list[Piece]) -> str:
    """All visible text, link texts included, images as nothing."""
    return "".join(p.text for p in pieces if isinstance(p, Text | Link))


_BR = ("<br>", "<br/>", "<br />", "<br >")


def is_line_break(token: Token) -> bool:
    """A soft or hard break, or an inline ``<br>`` (paragraph styles split entries there)."""
    if token.type in _BREAK_TYPES:
        return True
    return token.type == "html_inline" and token.content.strip().lower() in _BR


def split_lines(children: list[Token] | None, first_line: int) -> list[tuple[int, list[Piece]]]:
    """The inline's visual lines as (file line, pieces); ``<br>`` splits without a new line."""
    if not any(map(is_line_break, children or ())):
        pieces = flatten(children)
        return [(first_line, pieces)] if pieces else []
    lines: list[tuple[int, list[Piece]]] = []
    current: list[Token] = []
    line = first_line
    start = line
    depth = 0  # inside a link, a break does not end the line
    for token in children or []:
        if token.type == "link_open":
            depth += 1
        elif token.type == "link_close":
            depth -= 1
        if depth == 0 and is_line_break(token):
            lines.append((start, flatten(current)))
            current = []
            line += token.type != "html_inline"
            start = line
        else:
            current.append(token)
    lines.append((start, flatten(current)))
    return [(number, pieces) for number, pieces in lines if pieces]


def strong_texts(children: list[Token] | None) -> tuple[str, ...]:
    """Texts set in bold (``**Title**``, ``<b>``-less): a title when no link names the paper."""
    found: list[str] = []
    depth, parts = 0, list[str]()
    for token in children or []:
        if token.type == "strong_open":
            depth += 1
        elif token.type == "strong_close":
            depth -= 1
            if depth == 0:
                text = " ".join("".join(parts).split())
                if text:
                    found.append(text)
                parts = []
        elif depth and token.type in _TEXT_TYPES:
            parts.append(token.content)
    return tuple(found)
