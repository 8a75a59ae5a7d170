"""Markdown tokens -> a flat list of the blocks the entry parsers care about.

markdown-it-py gives block tokens with source line maps (``token.map``, 0-based
start and end). This walk keeps headings, list items (with nesting depth and
their own inline text), tables (HTML and pipe) and paragraphs, each with its
1-based line. HTML tables are re-read from the raw source lines so that a blank
line inside a table, which ends a CommonMark HTML block, does not split it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from markdown_it import MarkdownIt

from enrich.parse.blocks import link_helpers
from enrich.parse.blocks.bounds import Cut, bound_tables
from enrich.parse.blocks.html_lists import html_list_items
from enrich.parse.blocks.html_tables import closes_table, has_table, html_tables
from enrich.parse.blocks.html_tree import MAX_DEPTH
from enrich.parse.blocks.pieces import (
    Link,
    Piece,
    Text,
    flatten,
    is_line_break,
    split_lines,
    strong_texts,
)
from enrich.parse.blocks.rows import Cell, Row

Token = Any  # markdown_it.token.Token (untyped library)


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    line: int
    pieces: tuple[Piece, ...] = ()


@dataclass(frozen=True)
class Item:
    """A list item's own first paragraph; nested items are separate blocks."""

    depth: int
    ordered: bool
    pieces: list[Piece]
    source: str
    line: int
    lines: tuple[tuple[int, list[Piece]], ...] = ()  # visual lines, for entries split by breaks
    bold: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    rows: list[Row]
    line: int
    html: bool


@dataclass(frozen=True)
class Paragraph:
    pieces: list[Piece]
    line: int
    lines: tuple[tuple[int, list[Piece]], ...] = ()
    bold: tuple[str, ...] = ()


Block = Heading | Item | Table | Paragraph


def source_lines(text: str) -> list[str]:
    """Lines exactly as markdown-it numbers them (CRLF and CR count as one break)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class _Parser(MarkdownIt):
    """CommonMark plus pipe tables, keeping link targets exactly as the list writes them.

    markdown-it percent-encodes destinations for HTML output
    (``müller`` -> ``m%C3%BCller``); entries should carry the list's own URL.
    Link destinations are read by :mod:`enrich.parse.blocks.link_helpers`, which gives
    the library's results faster.
    """

    def __init__(self, config: str) -> None:
        super().__init__(config)
        self.helpers = link_helpers

    def normalizeLink(self, url: str) -> str:
        return url


def make_parser() -> MarkdownIt:
    return _Parser("commonmark").enable("table")


@dataclass
class _Walk:
    tokens: list[Token]
    lines: list[str]
    blocks: list[Block] = field(default_factory=list)
    lists: list[bool] = field(default_factory=list)  # ordered? per open list
    consumed_until: int = 0  # 0-based line before which HTML tables were read raw
    open_items: list[int] = field(default_factory=list)  # block index of each open list item
    cuts: list[Cut] = field(default_factory=list)


@functools.cache
def _shared_parser() -> MarkdownIt:
    """One parser per process: building one (rules, helpers) costs more than a short parse."""
    return make_parser()


def walk(text: str, cuts: list[Cut] | None = None) -> list[Block]:
    """The document's blocks in order; markup read only in part is added to ``cuts``."""
    text, bounded = bound_tables(text)
    state = _Walk(_shared_parser().parse(text), source_lines(text), cuts=bounded)
    index = 0
    while index < len(state.tokens):
        index = _step(state, index)
    if cuts is not None:
        cuts.extend(state.cuts)
    return state.blocks


def _step(state: _Walk, index: int) -> int:
    token = state.tokens[index]
    kind = token.type
    if kind in ("bullet_list_open", "ordered_list_open"):
        state.lists.append(kind == "ordered_list_open")
    elif kind in ("bullet_list_close", "ordered_list_close"):
        state.lists.pop()
    elif _consumed(state, token):
        return index + 1
    elif kind == "heading_open":
        _heading(state, index)
    elif kind == "list_item_open":
        _item(state, index)
        state.open_items.append(len(state.blocks) - 1)
    elif kind == "list_item_close":
        state.open_items.pop()
    elif kind == "paragraph_open" and _is_loose_paragraph(state, index):
        _paragraph(state, index)
    elif kind == "html_block":
        _html(state, token)
    elif kind == "table_open":
        return _pipe_table(state, index)
    return index + 1


def _consumed(state: _Walk, token: Token) -> bool:
    return token.map is not None and token.map[0] < state.consumed_until


def _inline_after(state: _Walk, index: int) -> Token | None:
    following = state.tokens[index + 1] if index + 1 < len(state.tokens) else None
    return following if following is not None and following.type == "inline" else None


def _heading(state: _Walk, index: int) -> None:
    token = state.tokens[index]
    inline = _inline_after(state, index)
    pieces = flatten(inline.children if inline else [])
    words = [
        p.text for p in pieces if isinstance(p, Text) or (isinstance(p, Link) and not p.images)
    ]
    title = " ".join("".join(words).split())
    state.blocks.append(Heading(int(token.tag[1]), title, token.map[0] + 1, tuple(pieces)))


def _item(state: _Walk, index: int) -> None:
    token = state.tokens[index]
    paragraph = state.tokens[index + 1] if index + 1 < len(state.tokens) else None
    inline = (
        _inline_after(state, index + 1)
        if paragraph and paragraph.type == "paragraph_open"
        else None
    )
    pieces = flatten(inline.children) if inline else []
    source = str(inline.content) if inline else ""
    depth = len(state.lists) - 1
    ordered = state.lists[-1] if state.lists else False
    line = token.map[0] + 1
    children = inline.children if inline else []
    lines = tuple(split_lines(children, line)) if _has_break(children) else ((line, pieces),)
    state.blocks.append(Item(depth, ordered, pieces, source, line, lines, strong_texts(children)))


def _has_break(children: list[Token]) -> bool:
    return any(map(is_line_break, children))


def _is_loose_paragraph(state: _Walk, index: int) -> bool:
    """A paragraph that is not a list item's first paragraph."""
    return index == 0 or state.tokens[index - 1].type != "list_item_open"


def _paragraph(state: _Walk, index: int) -> None:
    inline = _inline_after(state, index)
    if inline is None:
        return
    line = state.tokens[index].map[0] + 1
    lines = tuple(split_lines(inline.children, line))
    if state.open_items:  # a list item's later paragraph (badges after a blank line) is its own
        _extend_item(state, state.open_items[-1], lines)
        return
    bold = strong_texts(inline.children)
    state.blocks.append(Paragraph(flatten(inline.children), line, lines, bold))


def _extend_item(state: _Walk, at: int, lines: tuple[tuple[int, list[Piece]], ...]) -> None:
    item = state.blocks[at]
    assert isinstance(item, Item)
    own = item.lines or ((item.line, item.pieces),)
    pieces = [*item.pieces, *(piece for _, more in lines for piece in more)]
    state.blocks[at] = replace(item, pieces=pieces, lines=(*own, *lines))


def _html(state: _Walk, token: Token) -> None:
    start, end = token.map
    if not has_table(token.content):
        _markdown_in_html(state, token)
        items, too_deep = html_list_items(token.content, start + 1)
        _note_depth(state, too_deep, start + 1)
        for li in items:
            lines = ((li.line, li.pieces),)
            state.blocks.append(Item(0, False, li.pieces, li.text, li.line, lines, li.bold))
        return
    if not closes_table(token.content):
        end = _table_end(state.lines, end)
        state.consumed_until = end
    fragment = "\n".join(state.lines[start:end])
    tables, too_deep = html_tables(fragment, start + 1)
    _note_depth(state, too_deep, start + 1)
    for rows in tables:
        state.blocks.append(Table(rows, rows[0].line if rows else start + 1, html=True))


def _note_depth(state: _Walk, too_deep: bool, line: int) -> None:
    if too_deep:
        message = f"HTML nested more than {MAX_DEPTH} levels deep: read only down to that depth"
        state.cuts.append(Cut(line, message))


def _markdown_in_html(state: _Walk, token: Token) -> None:
    """Lines of Markdown links inside an HTML block (``</details>`` then ``[Paper](url)``
    with no blank line between): CommonMark passes them through as HTML text."""
    start = token.map[0]
    for offset, text in enumerate(token.content.split("\n")):
        if "](" in text and text.lstrip().startswith(("[", "![")):  # not prose (abstracts)
            children = _shared_parser().parseInline(text)[0].children
            line = start + offset + 1
            pieces = flatten(children)
            state.blocks.append(Paragraph(pieces, line, ((line, pieces),), strong_texts(children)))


def _table_end(lines: list[str], start: int) -> int:
    """0-based exclusive end: the line after the first ``</table`` at or after ``start``.

    A table never closed ends before the next heading, so that it cannot
    swallow the rest of the list.
    """
    for number in range(start, len(lines)):
        if closes_table(lines[number]):
            return number + 1
        if lines[number].startswith("#"):
            return number
    return len(lines)


def _pipe_table(state: _Walk, index: int) -> int:
    """Read a GFM pipe table; returns the index after ``table_close``."""
    rows: list[tuple[int, list[Cell]]] = []  # cells gathered in lists: linear in the columns
    line = state.tokens[index].map[0] + 1
    index += 1
    while index < len(state.tokens) and state.tokens[index].type != "table_close":
        token = state.tokens[index]
        if token.type == "tr_open":
            rows.append((token.map[0] + 1, []))
        elif token.type == "inline" and rows:
            header = state.tokens[index - 1].type == "th_open"
            rows[-1][1].append(_pipe_cell(token, header))
        index += 1
    table_rows = [
        Row(row_line, (*cells, *_cells_past_header(state.lines, row_line, len(cells))))
        for row_line, cells in rows
    ]
    state.blocks.append(Table(table_rows, line, html=False))
    return index + 1


def _cells_past_header(lines: list[str], line: int, width: int) -> tuple[Cell, ...]:
    """Cells a row has beyond its header's: GFM drops them, and lists put dates there."""
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if source.count("|") < width:  # too few pipes for another cell: decided without splitting
        return ()
    texts = re.split(r"(?<!\\)\|", source.strip().removeprefix("|").removesuffix("|"))
    extra = [text.strip() for text in texts[width:] if text.strip()]
    return tuple(_pipe_cell_from_text(text) for text in extra)


def _pipe_cell_from_text(text: str) -> Cell:
    pieces = flatten(_shared_parser().parseInline(text)[0].children or [])
    href = next((p.href for p in pieces if hasattr(p, "href")), None)
    return Cell(" ".join(text.split()), href, pieces=tuple(pieces))


def _pipe_cell(token: Token, header: bool) -> Cell:
    pieces = flatten(token.children)
    text = " ".join("".join(getattr(p, "text", "") for p in pieces).split())
    href = next((p.href for p in pieces if hasattr(p, "href")), None)
    return Cell(text, href, header=header, pieces=tuple(pieces))
