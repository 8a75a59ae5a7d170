"""Non-paper entries (software, models, talks, courses, lists, websites) as :class:`Tool`.

Items: ``Name: description https://url``, ``description https://url``,
``[Name](url) - description`` or ``Name, Venue [[web]](url)``; bare URLs
count as the entry's link. Table rows (``Methods | Task | Github``,
``Implementation | Language | License``): the first cell that names
something is the name, a ``Description`` column the description, the other
columns attributes. Every further link is kept with its role, so that no
repository of the entry is lost.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from enrich.models import PaperAttribute, PaperLink, Tool, ToolCategory, WarningKind
from enrich.parse.blocks.pieces import Link, Piece, Text, plain_text
from enrich.parse.blocks.rows import Cell, Row
from enrich.parse.collect import Collector
from enrich.parse.fields.plain_text import strip_symbols
from enrich.parse.links.roles import VIDEO_HOSTS, is_role_label, link_role
from enrich.parse.links.urls import find_bare_urls, github_repo, is_anchor, last_path_segment

_NAMED = re.compile(r"^\s*(?P<name>[^:\s][^:]{0,40}?)\s*:\s+(?P<rest>.*)$", re.DOTALL)
_LEADING_SEPARATORS = " -–—:|,"
_TRAILING = _LEADING_SEPARATORS + ".;"
MAX_NAME_WORDS = 4
_SHORT_NAME_WORDS = 6  # a bare URL's text this short is the entry's name
_HF_NOT_MODELS = ("/docs", "/spaces", "/datasets", "/blog", "/papers", "/learn", "/collections")
_GENERIC_LABEL = re.compile(r"[a-z]+(?: \d+)?")  # "[[book]]", "[part 1]": the link's kind
_PREFIX_WORDS = 3  # "Resource1:", "2000 -": a prefix, not a name
_SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<!\s)\s+([.,;:!?])(?=\s|$)")  # (?<!\s): linear
_EMPTY_CELL = frozenset({"", "-", "--", "—", "n/a", "none", "/"})
# Table headers that say a column is the entry's name or description.
_NAME_HEADER = re.compile(
    r"^(?:methods?|names?|tools?|projects?|implementations?|librar(?:y|ies)|models?|"
    r"frameworks?|software|repos?|repositor(?:y|ies)|website|resources?)$",
    re.I,
)
_DESCRIPTION_HEADER = re.compile(r"^(?:descriptions?|notes?|summary|about|details?)$", re.I)
# A table of software, in a section of any kind: a repository or license column beside a name one.
_SOFTWARE_HEADER = re.compile(r"^(?:github|repo(?:sitory)?|code|license|language|stars?)$", re.I)


def parse_tool(
    line: int,
    pieces: list[Piece],
    section: tuple[str, ...],
    out: Collector,
    category: ToolCategory | None = ToolCategory.SOFTWARE,
) -> None:
    """Add an item's or paragraph's pieces as a Tool; warn when it has no URL or no name."""
    name, description, url = _fields(pieces)
    if not name:
        out.warn(WarningKind.MALFORMED_ENTRY, line, "tool item with no name or link skipped")
        return
    _add(out, line, section, name, description, url, category, pieces, ())


def _add(
    out: Collector,
    line: int,
    section: tuple[str, ...],
    name: str,
    description: str | None,
    url: str | None,
    category: ToolCategory | None,
    pieces: list[Piece],
    attributes: tuple[PaperAttribute, ...],
) -> None:
    name = name.strip("[] ") or name
    category = _refined(category, url)
    ident = out.new_id("tool", name, url)
    out.note_entry("tool", (name, url), line, ident)
    what = category.value if category else "tool"
    if url is None:
        out.warn(WarningKind.MALFORMED_ENTRY, line, f"{what} '{name}' has no URL", ident)
    out.tools.append(
        Tool(
            id=ident,
            section=section,
            line=line,
            name=name,
            description=description,
            url=url,
            category=category,
            links=_further_links(pieces, url),
            attributes=attributes,
        )
    )


def _refined(category: ToolCategory | None, url: str | None) -> ToolCategory | None:
    """A software section's entry that links a model card is a model; a video, a talk."""
    if category is not ToolCategory.SOFTWARE or not url:
        return category
    parts = urlsplit(url.strip())
    host, path = (parts.hostname or "").casefold(), parts.path
    if host == "huggingface.co" and path.count("/") >= 2 and not path.startswith(_HF_NOT_MODELS):
        return ToolCategory.MODEL  # huggingface.co/<owner>/<model>
    if host.endswith("modelscope.cn") and path.startswith("/models/"):
        return ToolCategory.MODEL
    if host in VIDEO_HOSTS:
        return ToolCategory.TALK
    return category


def _further_links(pieces: list[Piece], url: str | None) -> tuple[PaperLink, ...]:
    """Every other link of the entry, once, with its role."""
    links: list[PaperLink] = []
    seen = {url}
    for piece in pieces:
        if isinstance(piece, Link) and not is_anchor(piece.href) and piece.href not in seen:
            seen.add(piece.href)
            role = link_role(piece.href, piece.text, tuple(i.alt for i in piece.images))
            links.append(PaperLink(role=role, url=piece.href, label=piece.text or None))
    return tuple(links)


def _fields(pieces: list[Piece]) -> tuple[str | None, str | None, str | None]:
    first = pieces[0] if pieces else None
    if isinstance(first, Link) and not is_anchor(first.href) and first.text:
        rest = plain_text(pieces[1:]).strip(_TRAILING + " ")
        return first.text, rest or None, first.href
    named = _named_before_role_link(pieces)
    if named is not None:
        return named
    text = plain_text(pieces)
    url = _first_url(pieces, text)
    remainder = " ".join(text.replace(url, " ").split()) if url else " ".join(text.split())
    remainder = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", remainder)
    match = _NAMED.match(remainder)
    if match and len(match["name"].split()) <= MAX_NAME_WORDS:
        return match["name"], match["rest"].strip() or None, url
    if remainder and len(remainder.split()) <= _SHORT_NAME_WORDS and not github_repo(url):
        return remainder, None, url  # "3D Model in gradio https://...": the text names it
    return _name_from_url(url) or (remainder or None), remainder or None, url


def _named_before_role_link(pieces: list[Piece]) -> tuple[str, str | None, str] | None:
    """The name around the first link.

    ``Resource1: [Awesome X](url)`` and ``2000 - [Book Title](url)``: a short
    prefix, the link's label names it. ``Quilting 101, Example University
    [[web]](url)``, ``Tutorial. *CVPR 2018* [[part 1]](url)`` and
    ``OpenPose - [owner/repo](url)``: the text before the link names the entry.
    """
    for index, piece in enumerate(pieces):
        if not isinstance(piece, Link) or is_anchor(piece.href) or piece.text == piece.href:
            continue
        labelled = plain_text(pieces[:index]).rstrip(" [(").endswith(":")  # "Resource1: [X]"
        before = plain_text(pieces[:index]).strip(_LEADING_SEPARATORS + "[( ")
        after = plain_text(pieces[index + 1 :]).strip(_LEADING_SEPARATORS + "]) ")
        label = strip_symbols(piece.text).strip("[]() ")
        generic = _GENERIC_LABEL.fullmatch(label) and not labelled
        if (
            not is_role_label(strip_symbols(piece.text))
            and not generic
            and (len(before.split()) <= _PREFIX_WORDS or labelled)
        ):
            return piece.text, after.strip(_TRAILING) or None, piece.href
        if not before:
            return None
        name, _, rest = before.rpartition(", ")  # "Title, Speaker" / "Course, University"
        if not name or len(rest.split()) > MAX_NAME_WORDS:
            name, rest = before, ""
        description = " ".join(f"{rest} {after}".split()).strip(_TRAILING)
        return name.strip(_TRAILING), description or None, piece.href
    return None


def _first_url(pieces: list[Piece], text: str) -> str | None:
    links = [p.href for p in pieces if isinstance(p, Link) and not is_anchor(p.href)]
    return links[0] if links else next(iter(find_bare_urls(text)), None)


def _name_from_url(url: str | None) -> str | None:
    if url is None:
        return None
    repo = github_repo(url)
    return repo.split("/")[1] if repo else last_path_segment(url)


def is_software_table(rows: list[Row]) -> bool:
    """A header with a name column and a repository, code, language or license column."""
    if not rows:
        return False
    keys = [" ".join(strip_symbols(cell.text).split()) for cell in rows[0].cells]
    return any(_SOFTWARE_HEADER.match(key) for key in keys) and (
        bool(_NAME_HEADER.match(keys[0])) or not keys[0]
    )


def read_tool_table(
    rows: list[Row], section: tuple[str, ...], out: Collector, category: ToolCategory | None
) -> None:
    """Each body row a Tool: named by its first naming cell, linked by that cell's link."""
    header = rows[0] if rows and _is_header(rows[0]) else None
    names = [" ".join(strip_symbols(c.text).split()) for c in header.cells] if header else []
    for row in rows[1:] if header else rows:
        if not any(cell.text.strip() or cell.url for cell in row.cells):
            continue
        pieces = [piece for cell in row.cells for piece in cell.pieces]
        at = _name_cell(row, names)
        if at is None:
            out.warn(
                WarningKind.MALFORMED_ENTRY, row.line, "table row with no name or link skipped"
            )
            continue
        cell = row.cells[at]
        url = _cell_link(cell) or next(
            (p.href for p in pieces if isinstance(p, Link) and not is_anchor(p.href)), None
        )
        name = strip_symbols(cell.text) or _name_from_url(url) or cell.text
        description, attributes = _other_cells(row, names, at)
        _add(out, row.line, section, name, description, url, category, pieces, attributes)


def _is_header(row: Row) -> bool:
    return all(cell.header for cell in row.cells) or not any(cell.url for cell in row.cells)


def _name_cell(row: Row, names: list[str]) -> int | None:
    """The column the header calls the name, else the first with text."""
    for index, name in enumerate(names):
        if _NAME_HEADER.match(name) and index < len(row.cells) and _names(row.cells[index]):
            return index
    return next((i for i, cell in enumerate(row.cells) if _names(cell)), None)


def _names(cell: Cell) -> bool:
    text = strip_symbols(cell.text).casefold()
    return text not in _EMPTY_CELL and not (cell.pieces and not any(
        isinstance(p, Text | Link) and strip_symbols(p.text) for p in cell.pieces
    ))  # fmt: skip


def _cell_link(cell: Cell) -> str | None:
    for piece in cell.pieces:
        if isinstance(piece, Link) and not is_anchor(piece.href):
            return piece.href
    return cell.url


def _other_cells(
    row: Row, names: list[str], at: int
) -> tuple[str | None, tuple[PaperAttribute, ...]]:
    description: str | None = None
    attributes: list[PaperAttribute] = []
    for index, cell in enumerate(row.cells):
        value = " ".join(cell.text.split())
        if index == at or value.casefold() in _EMPTY_CELL or _only_links(cell):
            continue
        header = names[index] if index < len(names) else ""
        if description is None and (_DESCRIPTION_HEADER.match(header) or not header):
            description = value
        else:
            attributes.append(PaperAttribute(name=header or f"column {index + 1}", value=value))
    return description, tuple(attributes)


def _only_links(cell: Cell) -> bool:
    """A cell of links and badges only: its links are the tool's, not a value."""
    return any(isinstance(p, Link) for p in cell.pieces) and not any(
        isinstance(p, Text) and p.text.strip(" |,;") for p in cell.pieces
    )
