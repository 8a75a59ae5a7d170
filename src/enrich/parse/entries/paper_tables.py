"""Tables of papers: each column's role from its header AND its cells.

Headers vary (``Title``, ``Paper``, ``Method``; ``Venue``, ``Conference``,
``Publication``; ``Year``, ``Date``) and sometimes mislead: a ``Paper``
column may hold the title or only ``[Link]``s. So the title column is the one
whose header says so and whose cells carry names (a titled link or text);
failing that, the column with the longest text. Every other column gives its
links (badges included); venue, year and author columns give hints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from enrich.parse.blocks.pieces import Image, Link, Piece, Text
from enrich.parse.blocks.rows import Cell, Row
from enrich.parse.entries.candidate import Candidate, Hints
from enrich.parse.fields.plain_text import split_authors, strip_symbols
from enrich.parse.fields.venue import find_year, is_venue_only, read_venue_text
from enrich.parse.links.roles import PAPER_ROLES, is_role_label, label_role, link_role
from enrich.parse.list_settings import NO_SETTINGS, ListSettings

HEADER_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("title", re.compile(r"^(?:paper\s*)?(?:title|name)s?$|^(?:paper|method|model|work)s?$", re.I)),
    ("venue", re.compile(r"venue|conference|publication|journal|\bpub\b|published", re.I)),
    ("year", re.compile(r"^(?:year|date|time|month)s?\b", re.I)),
    ("authors", re.compile(r"authors?", re.I)),
    ("affiliation", re.compile(r"affiliations?|institutions?|organi[sz]ations?|\blabs?\b", re.I)),
    (
        "code",
        re.compile(
            r"^(?:code(?:base)?|github|repo(?:sitory)?|implementation|training code)s?\b", re.I
        ),
    ),
    ("project", re.compile(r"^(?:project(?: page)?|page|website|homepage|demo)s?\b", re.I)),
    ("paper", re.compile(r"^(?:paper|pdf|arxiv|link)s?\b", re.I)),
    ("blog", re.compile(r"^(?:blog(?: post)?|post|article)s?$", re.I)),
)
LINK_COLUMNS = {"code": "Code", "project": "Project", "paper": "Paper"}
_OWN_TITLE_WORDS = 3  # words of plain text beside a cell's role links that make it a title
_SHORTCODE = re.compile(r":[\w+-]+:")  # GitHub emoji such as :heavy_minus_sign:
_EMPTY = frozenset({"", "-", "--", "—", "n/a", "na", "none", "tbd", "/"})


@dataclass(frozen=True)
class Columns:
    title: int
    roles: dict[int, str]
    names: dict[int, str]  # header text of each column, for the paper's attributes


def _cell_text(cell: Cell) -> str:
    return strip_symbols(cell.text)


def _has_title(cell: Cell) -> bool:
    """The cell names a paper: a titled link or several words of text."""
    for piece in cell.pieces:
        if (
            isinstance(piece, Link)
            and not piece.images
            and not is_role_label(strip_symbols(piece.text))
            and len(piece.text) >= 4
        ):
            return True
    if not any(isinstance(p, Link) for p in cell.pieces):
        return len(_cell_text(cell).split()) >= 2
    own = " ".join(p.text for p in cell.pieces if isinstance(p, Text))  # "Title [[paper]](url)"
    return len(strip_symbols(own).split()) >= _OWN_TITLE_WORDS


def is_header(row: Row) -> bool:
    return all(cell.header for cell in row.cells) or (
        not any(cell.pieces and any(isinstance(p, Link) for p in cell.pieces) for cell in row.cells)
        and any(role for role, _ in _header_roles(row))
    )


def _header_roles(row: Row, settings: ListSettings = NO_SETTINGS) -> list[tuple[str | None, int]]:
    roles: list[tuple[str | None, int]] = []
    for index, cell in enumerate(row.cells):
        text = " ".join(_cell_text(cell).split())
        role = settings.column_role(text) or next(
            (name for name, pattern in HEADER_ROLES if pattern.search(text)), None
        )
        roles.append((role, index))
    return roles


def paper_columns(rows: list[Row], settings: ListSettings = NO_SETTINGS) -> Columns | None:
    """The column roles when the table's rows are papers (paper links, titled cells), else None."""
    header = rows[0] if rows and is_header(rows[0]) else None
    body = rows[1:] if header else rows
    if not body or not any(_paper_links(row) for row in body):
        return None
    roles = (
        {index: role for role, index in _header_roles(header, settings) if role} if header else {}
    )
    chosen = [i for i in roles if header and settings.column_role(header.cells[i].text) == "title"]
    width = max(len(row.cells) for row in body)
    titled = [
        sum(_has_title(row.cells[i]) for row in body if i < len(row.cells)) for i in range(width)
    ]
    named = [i for i, role in roles.items() if role == "title" and titled[i] * 2 >= len(body)]
    if chosen:
        title = chosen[0]  # the list's settings say so
    elif named:
        title = named[0]
    else:
        free = [i for i in range(width) if roles.get(i) != "ignore"] or list(range(width))
        title = max(free, key=lambda i: (titled[i], -i))
        if titled[title] == 0:
            return None
    roles = {i: ("paper" if role == "title" else role) for i, role in roles.items()}
    roles[title] = "title"  # another "Paper" column holds the paper links
    names = {i: _cell_text(cell) for i, cell in enumerate(header.cells)} if header else {}
    return Columns(title, roles, names)


def titled_header(rows: list[Row]) -> bool:
    """The header has a "Title" column, so its rows are papers, whatever the section says.

    "Paper" or "Name" is not enough: a dataset table names its datasets and
    links each one's paper.
    """
    if not rows or not is_header(rows[0]):
        return False
    return any(re.search(r"\btitle\b", cell.text, re.I) for cell in rows[0].cells)


def _paper_links(row: Row) -> bool:
    return any(
        isinstance(p, Link) and link_role(p.href, p.text) in PAPER_ROLES
        for cell in row.cells
        for p in cell.pieces
    )


def row_candidates(rows: list[Row], columns: Columns, hints: Hints) -> list[Candidate]:
    """One candidate per body row, title cell first, then every other cell's links."""
    candidates = []
    start = 1 if rows and is_header(rows[0]) else 0
    for row in rows[start:]:
        if len(row.cells) <= columns.title or all(
            _cell_text(c).casefold() in _EMPTY and not c.pieces for c in row.cells
        ):
            continue
        candidates.append(_candidate(row, columns, hints))
    return candidates


def _column_link(piece: Piece, role: str | None) -> Piece:
    """A ``[Link]`` in a Code/Project/Paper column takes the column's name as its label.

    A link in a Blog column keeps its label ("What are Diffusion Models?") and
    carries the column's name as a badge text would, so its role is the blog's
    even on a project-page host.
    """
    if isinstance(piece, Link) and role in LINK_COLUMNS and _generic(piece.text):
        return Link(LINK_COLUMNS[role], piece.href, piece.images)
    if isinstance(piece, Link) and role == "blog" and label_role(piece.text) is None:
        return Link(piece.text, piece.href, (*piece.images, Image("Blog", "")))
    return piece


_GENERIC_WORDS = frozenset({"link", "links", "here", "click", "url", "go", "open", "view", "see"})


def _generic(label: str) -> bool:
    """``[Link]``, ``[here]`` or no label: the column says what the link is.

    A title or a label naming something else (``[Dataset]`` in a Code column) is not generic.
    """
    cleaned = strip_symbols(label).strip("[]() ").casefold()
    words = re.findall(r"[a-z]+", cleaned)
    return not words or cleaned.startswith("http") or all(w in _GENERIC_WORDS for w in words)


def _plain_value(cell: Cell, text: str) -> bool:
    """A cell of text (``Diffusion Model``), not links or an empty mark (``-``, ``:x:``)."""
    if any(isinstance(p, Link | Image) for p in cell.pieces):
        return False
    return text.casefold() not in _EMPTY and not _SHORTCODE.fullmatch(text)


def _past_header(
    text: str,
    venue_text: str | None,
    year: int | None,
    index: int,
    attributes: list[tuple[str, str]],
) -> tuple[str | None, int | None]:
    """A cell beyond the header (``| Title | Venue |`` over ``| [T](u) | CVPR | 2023 |``).

    A date or venue fills what the named columns left empty; any other value is
    kept as an attribute named by its column's place, so nothing is dropped.
    """
    cell_venue, cell_year = read_venue_text(text)
    if cell_year is not None or (cell_venue is not None and is_venue_only(text)):
        return venue_text or (text if cell_venue else None), year or cell_year
    attributes.append((f"column {index + 1}", text))
    return venue_text, year


def _candidate(row: Row, columns: Columns, hints: Hints) -> Candidate:
    title_cell = row.cells[columns.title]
    pieces: list[Piece] = list(title_cell.pieces) or [Text(title_cell.text)]
    venue_text, year, authors = hints.venue_text, hints.year, hints.authors
    affiliation = hints.affiliation
    attributes: list[tuple[str, str]] = []
    for index, cell in enumerate(row.cells):
        if index == columns.title:
            continue
        role, text = columns.roles.get(index), _cell_text(cell)
        pieces.extend(_column_link(p, role) for p in cell.pieces if isinstance(p, Link | Image))
        if role == "venue" and text.casefold() not in _EMPTY:
            venue_text = text
        elif role == "year" and text:
            year = find_year(text) or year
        elif role == "authors" and text:
            authors = split_authors(text)
        elif role == "affiliation" and text.casefold() not in _EMPTY:
            affiliation = text
        elif role is None and columns.names.get(index) and _plain_value(cell, text):
            attributes.append((columns.names[index], text))
        elif columns.names and index >= len(columns.names) and _plain_value(cell, text):
            venue_text, year = _past_header(text, venue_text, year, index, attributes)
    row_hints = Hints(None, hints.venue, year, authors, venue_text, affiliation, tuple(attributes))
    source = " | ".join(cell.text for cell in row.cells)
    return Candidate(row.line, ((row.line, pieces),), source, (), row_hints)
