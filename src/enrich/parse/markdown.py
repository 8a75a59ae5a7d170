"""Parse an awesome list (Markdown with HTML tables) into typed entries.

The public entry point is :func:`parse_list`. It is pure: text in, a frozen
:class:`~enrich.models.ParsedList` out, no I/O. Problems in the list never
stop the parse; they become :class:`~enrich.models.DataWarning` values with
the file and line, so one odd entry cannot hide the rest of the list.
"""

from __future__ import annotations

import hashlib
import re

from enrich.models import Dataset, ParsedList, SourceFile, WarningKind
from enrich.parse.blocks import Block, Heading, Item, Table, walk
from enrich.parse.checks import check_labels
from enrich.parse.collect import Collector
from enrich.parse.gcpause import collector_paused
from enrich.parse.links import is_anchor
from enrich.parse.papers import looks_like_paper, parse_paper
from enrich.parse.pieces import Link, plain_text
from enrich.parse.researchers import (
    OpenResearcher,
    add_topic_line,
    close_researcher,
    start_researcher,
)
from enrich.parse.sections import PathTracker, section_tree, title_heading
from enrich.parse.tables import read_table, table_kind
from enrich.parse.tools import parse_tool

_CHECKBOX = re.compile(r"^\s*\[[ xX]\]\s")
_VENUE_PREFIX = re.compile(r"^\s*\[[^\[\]]{1,60}\](?![(\[])\s*\S")
TABLE_KINDS = {"datasets": "dataset", "metrics": "metric"}


def parse_list(text: str, path: str) -> ParsedList:
    """Every entry, the section tree and the data-quality warnings of one list."""
    with collector_paused():  # see gcpause: the collector's rescans cost ~40% on long lists
        return _parse(text, path)


def _parse(text: str, path: str) -> ParsedList:
    blocks = walk(text)
    out = Collector(path)
    _Dispatcher(out, PathTracker(title_heading(blocks))).run(blocks)
    check_labels(out)
    headings = [block for block in blocks if isinstance(block, Heading)]
    return ParsedList(
        source=SourceFile(path=path, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest()),
        sections=section_tree(headings),
        papers=tuple(out.papers),
        researchers=tuple(out.researchers),
        datasets=tuple(out.datasets),
        metrics=tuple(out.metrics),
        tools=tuple(out.tools),
        warnings=tuple(sorted(out.warnings, key=lambda w: (w.line or 0, w.kind, w.message))),
    )


class _Dispatcher:
    """Sends each block to the parser for the category of its section."""

    def __init__(self, out: Collector, paths: PathTracker) -> None:
        self.out = out
        self.paths = paths
        self.researcher: OpenResearcher | None = None

    def run(self, blocks: list[Block]) -> None:
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, Heading):
                self._close_researcher()
                self.paths.enter(block)
            elif isinstance(block, Item):
                self._item(block, following)
            elif isinstance(block, Table):
                self._table(block)
        self._close_researcher()

    def _close_researcher(self) -> None:
        if self.researcher is not None:
            close_researcher(self.researcher, self.out)
            self.researcher = None

    def _item(self, item: Item, following: Block | None) -> None:
        category = self.paths.category
        if _CHECKBOX.match(item.source) or category == "todo" or not item.source.strip():
            return
        if category == "researchers":
            self._researcher_item(item)
        elif category == "tools":
            parse_tool(item, self.paths.path, self.out)
        elif category == "datasets" and _first_link(item):
            self._dataset_item(item)
        elif category in ("papers", None) and (
            looks_like_paper(item) or _VENUE_PREFIX.match(item.source)
        ):
            parse_paper(item, self.paths.path, self.out)
        elif not _is_navigation(item) and not _is_group_label(item, following):
            self._skip(item, category)

    def _researcher_item(self, item: Item) -> None:
        if item.depth == 0:
            self._close_researcher()
            self.researcher = start_researcher(item, self.paths.path, self.out)
        elif self.researcher is not None:
            add_topic_line(item, self.researcher, self.out)
        else:
            self._skip(item, "researchers")

    def _dataset_item(self, item: Item) -> None:
        """A dataset written as a bullet: ``[Name](url) - description``."""
        link = _first_link(item)
        assert link is not None
        ident = self.out.new_id("dataset", link.text, link.href)
        self.out.note_entry("dataset", (link.text,), item.line, ident)
        self.out.datasets.append(
            Dataset(
                id=ident, section=self.paths.path, line=item.line, name=link.text, url=link.href
            )
        )

    def _table(self, table: Table) -> None:
        category = self.paths.category
        kind = TABLE_KINDS.get(category or "") or table_kind(table.rows)
        if kind is not None:
            read_table(table.rows, kind, self.paths.path, self.out)
            return
        syntax = "HTML" if table.html else "Markdown"
        self.out.warn(
            WarningKind.UNPARSED,
            table.line,
            f"{syntax} table with {len(table.rows)} rows skipped: no dataset or metric header "
            f"and section '{' > '.join(self.paths.path) or '(top)'}' holds no tables",
        )

    def _skip(self, item: Item, category: str | None) -> None:
        where = category or "an unrecognised section"
        self.out.warn(
            WarningKind.UNPARSED,
            item.line,
            f"list item in {where} skipped: '{plain_text(item.pieces).strip()[:80]}'",
        )


def _first_link(item: Item) -> Link | None:
    for piece in item.pieces:
        if isinstance(piece, Link) and piece.text and not is_anchor(piece.href):
            return piece
    return None


def _is_navigation(item: Item) -> bool:
    """Table-of-contents items link only within the page."""
    links = [piece for piece in item.pieces if isinstance(piece, Link)]
    return bool(links) and all(is_anchor(link.href) for link in links)


def _is_group_label(item: Item, following: Block | None) -> bool:
    """A link-less item whose nested list holds the entries."""
    return isinstance(following, Item) and following.depth > item.depth
