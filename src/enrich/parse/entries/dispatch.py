"""Each block to the reader for its section's kind: papers, researchers, datasets, tools.

Blocks of paper sections (bullets, paragraphs, tables, HTML lists, headings
that are papers themselves) become candidates for :mod:`enrich.parse.entries.papers`;
the heading path gives a default venue and year (``## 2023``, ``### CVPR 2023``).
Sections that hold no entries (Contributing, Citation ...) give nothing here,
nor do dated news lines; their links are reported by
:mod:`enrich.parse.accounting`. Papers that only News announces, and headings
that give a paper's authors but not its links, are read last, so that a paper
the list holds elsewhere is not a second entry.
"""

from __future__ import annotations

import re
from functools import lru_cache

from enrich.models import Dataset, LinkRole, Paper, ToolCategory, WarningKind
from enrich.parse.blocks.pieces import Link, Piece, Text, plain_text
from enrich.parse.blocks.rows import Row
from enrich.parse.blocks.sections import NONPAPER_KINDS, PathTracker, category_of
from enrich.parse.blocks.walk import Block, Heading, Item, Paragraph, Table
from enrich.parse.collect import Collector
from enrich.parse.entries.candidate import Candidate, Hints, has_link
from enrich.parse.entries.data_tables import (
    is_link_word,
    paper_link,
    read_metric_item,
    read_table,
    table_kind,
)
from enrich.parse.entries.heading_papers import paper_heading_end, unfamiliar_links_line
from enrich.parse.entries.paper_tables import paper_columns, row_candidates, titled_header
from enrich.parse.entries.papers import build_paper, looks_like_paper
from enrich.parse.entries.researchers import (
    OpenResearcher,
    add_topic_line,
    close_researcher,
    start_researcher,
)
from enrich.parse.entries.segments import split_entries
from enrich.parse.entries.tools import is_software_table, parse_tool, read_tool_table
from enrich.parse.fields.plain_text import is_venue_tag, strip_symbols
from enrich.parse.fields.venue import find_venue, find_year
from enrich.parse.ids import normalise
from enrich.parse.links.roles import PAPER_ROLES, link_role, url_role
from enrich.parse.links.urls import arxiv_id, is_anchor
from enrich.parse.list_settings import NO_SETTINGS, ListSettings

_CHECKBOX = re.compile(r"^\s*\[[ xX]\]\s")
_VENUE_PREFIX = re.compile(r"^\s*\[[^\[\]]{1,60}\](?![(\[])\s*\S")
_INSTRUCTION = re.compile(r"^\W*(?:example|format|template|e\.g\.|note|usage)s?\s*:", re.I)
TABLE_KINDS = {"datasets": "dataset", "metrics": "metric"}
_MIN_LETTERS = 3
_MIN_TITLE_WORDS = 3
ENTRY_KINDS = ("datasets", "metrics", *NONPAPER_KINDS)  # a bullet naming a paper there is a paper
PAPER_KINDS = ("papers", "news", None)
_NOT_PAPER_HOSTS = frozenset(
    {LinkRole.CODE, LinkRole.HUGGINGFACE, LinkRole.VIDEO, LinkRole.PROJECT}
)
DOCUMENT_KINDS = ("talks", "courses", "books", "posts")
IDENTITY_ROLES = frozenset(
    {LinkRole.ARXIV, LinkRole.DOI, LinkRole.OPENREVIEW, LinkRole.PROCEEDINGS}
)
_TEXT_BULLET = re.compile(r"^\s*[•·▪◦‣∙●]\s*")  # "• [Name](url)": a bullet Markdown does not know
_BOOK_LABEL = re.compile(r"\[?\s*(?:e-?)?books?\s*\]?", re.I)
_BOOK_URL = re.compile(r"//books\.google\.|google\.[a-z.]+/books/", re.I)
_DATASET_NAME_END = re.compile(r":\s|\s[\[(]|\.\s")  # "Name: subtitle", "Name [ECCV 2020]"
_NEWS_TAG = re.compile(r"^\W*(?:[\[【(]\s*(?:news|updates?|new|announcements?)\s*[\]】)]|"
                       r"(?:news|updates?)\s*:)", re.I)  # fmt: skip
_DATED = re.compile(
    r"^\W*(?:\d{4}[/.-]\d{1,2}(?:[/.-]\d{1,2})?|\d{1,2}[/.-]\d{4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\b",
    re.I,
)


class Dispatcher:
    """Sends each block to the parser for the category of its section."""

    def __init__(
        self, out: Collector, paths: PathTracker, settings: ListSettings = NO_SETTINGS
    ) -> None:
        self.out = out
        self.paths = paths
        self.settings = settings
        self.news: list[tuple[Candidate, tuple[str, ...]]] = []  # read after the rest
        self.unlinked: list[tuple[Candidate, tuple[str, ...]]] = []  # likewise
        self.researcher: OpenResearcher | None = None

    def run(self, blocks: list[Block]) -> None:
        index = 0
        while index < len(blocks):
            block = blocks[index]
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, Heading):
                index = self._heading(blocks, index)
                continue
            if isinstance(block, Item):
                index = self._item(blocks, index, following)
                continue
            if isinstance(block, Paragraph):
                self._paragraph(block)
            elif isinstance(block, Table):
                self._table(block)
            index += 1
        self._close_researcher()
        self._unlinked_papers()
        self._news_papers()

    def _hints(self) -> Hints:
        return _path_hints(self.paths.hint_path)

    def _heading(self, blocks: list[Block], index: int) -> int:
        heading = blocks[index]
        assert isinstance(heading, Heading)
        self._close_researcher()
        kind = self.paths.category
        if (kind in PAPER_KINDS or kind in ENTRY_KINDS) and not self.settings.section_kind(
            heading.title
        ):
            end = paper_heading_end(blocks, index)
            if end is not None:
                self._paper_heading(heading, blocks[index + 1 : end])
                return end
        self.paths.enter(heading)
        return index + 1

    def _paper_heading(self, heading: Heading, under: list[Block]) -> None:
        lines: list[tuple[int, list[Piece]]] = [(heading.line, list(heading.pieces))]
        for block in under:
            if isinstance(block, Item | Paragraph):
                lines.extend(block.lines)
        line = unfamiliar_links_line(lines) or heading.line
        candidate = Candidate(line, tuple(lines), heading.title, (), self._hints())
        if any(isinstance(p, Link) for _, pieces in lines for p in pieces):
            build_paper(candidate, self.paths.path, self.out)
        else:  # authors and abstract only: the list may link it in a table further down
            self.unlinked.append((candidate, self.paths.path))

    def _close_researcher(self) -> None:
        if self.researcher is not None:
            close_researcher(self.researcher, self.out)
            self.researcher = None

    def _item(self, blocks: list[Block], index: int, following: Block | None) -> int:
        item = blocks[index]
        assert isinstance(item, Item)
        category = self.paths.category
        if _CHECKBOX.match(item.source) or category in ("todo", "none") or not item.source.strip():
            return index + 1
        if category == "news" and not _has_identity_link(item.pieces):
            return index + 1  # a news line without a paper: nothing to read, no link to lose
        if category != "news" and _NEWS_TAG.match(item.source):
            return index + 1  # "[News] accepted at ...": its links are accounted for, as news
        if category == "researchers":
            self._researcher_item(item)
        elif category in ENTRY_KINDS and _has_paper_link(item.pieces, category):
            return self._paper_item(blocks, index)  # a tool's or dataset's paper
        elif category in NONPAPER_KINDS and (has_link(item.pieces) or category == "tools"):
            if has_link(item.pieces) or not _is_group_label(item, following):
                kind = NONPAPER_KINDS[category]
                parse_tool(item.line, item.pieces, self.paths.path, self.out, kind)
        elif category == "datasets" and _first_link(item.pieces):
            self._dataset_item(item)
        elif category == "metrics" and read_metric_item(
            item.line, item.pieces, self.paths.path, self.out
        ):
            pass
        elif category in PAPER_KINDS and (
            (
                looks_like_paper(item.pieces)
                and _has_target(item.pieces)
                and (category or _has_paper_like_link(item.pieces))
            )
            or _VENUE_PREFIX.match(item.source)
            or _cited_below(item, following)
        ):
            return self._paper_item(blocks, index)
        elif not _is_navigation(item) and not _is_group_label(item, following):
            self._skip(item, category)
        return index + 1

    def _paper_item(self, blocks: list[Block], index: int) -> int:
        """The item, with link-less items nested under it (authors, venue) as further lines."""
        item = blocks[index]
        assert isinstance(item, Item)
        lines = list(item.lines or ((item.line, item.pieces),))
        end = index + 1
        while end < len(blocks):
            child = blocks[end]
            if not isinstance(child, Item) or child.depth <= item.depth or has_link(child.pieces):
                break
            lines.extend(child.lines)
            end += 1
        for candidate in split_entries(tuple(lines), item.source, item.bold, self._hints()):
            self._build(candidate)
        return end

    def _build(self, candidate: Candidate) -> None:
        """A paper, unless a news section's line is dated news (its links are accounted for)."""
        if self.paths.category != "news":
            if kind := _content_kind(candidate):  # "Title [[paper]](youtube)": a talk
                parse_tool(candidate.line, candidate.pieces, self.paths.path, self.out, kind)
            else:
                build_paper(candidate, self.paths.path, self.out)
        elif (
            not _DATED.match(candidate.source)
            and _has_identity_link(candidate.pieces)
            and not _is_link_listing(candidate.pieces)
        ):
            self.news.append((candidate, self.paths.path))

    def _unlinked_papers(self) -> None:
        """Heading papers without links: merged into the linked entry of the same title."""
        by_title = {normalise(paper.title): i for i, paper in enumerate(self.out.papers)}
        for candidate, path in self.unlinked:
            scratch = Collector(self.out.path)
            build_paper(candidate, path, scratch)
            found = by_title.get(normalise(scratch.papers[0].title)) if scratch.papers else None
            if found is None:
                build_paper(candidate, path, self.out)
                continue
            linked, heading = self.out.papers[found], scratch.papers[0]
            self.out.papers[found] = linked.model_copy(
                update={
                    "authors": linked.authors or heading.authors,
                    "affiliation": linked.affiliation or heading.affiliation,
                }
            )

    def _news_papers(self) -> None:
        """Papers announced in News that the list does not hold elsewhere (no duplicates)."""
        held = {ident for paper in self.out.papers for ident in _arxiv_ids(paper)}
        for candidate, path in self.news:
            announced = {arxiv_id(p.href) for p in candidate.pieces if isinstance(p, Link)}
            if not (announced - {None}) or not (announced - {None}) <= held:
                build_paper(candidate, path, self.out)
        self.out.papers.sort(key=lambda paper: paper.line)

    def _paragraph(self, paragraph: Paragraph) -> None:
        """Paragraph styles: entries that carry a paper or repository link."""
        category = self.paths.category
        if category not in PAPER_KINDS and category not in ENTRY_KINDS:
            return
        source = plain_text(paragraph.pieces)
        if _INSTRUCTION.match(source) or not self.paths.path:
            return  # prose of the list's header (its introduction), accounted for as such
        if category == "datasets" and self._bullet_datasets(paragraph):
            return
        for candidate in split_entries(paragraph.lines, source, paragraph.bold, self._hints()):
            if category != "news" and _NEWS_TAG.match(plain_text(candidate.lines[0][1])):
                continue  # a news line outside News: not a paper; links accounted for
            if category in PAPER_KINDS and _has_identity_link(candidate.pieces):
                if not _is_prose(candidate.pieces):
                    self._build(candidate)
                else:
                    self.out.warn(
                        WarningKind.UNPARSED,
                        candidate.line,
                        "paragraph read as prose, not a paper (no paper link, venue or year): "
                        f"'{plain_text(candidate.pieces).strip()[:80]}'",
                    )
            elif _has_paper_link(candidate.pieces, category):
                self._build(candidate)
            elif category in NONPAPER_KINDS and _starts_with_name_link(candidate.pieces):
                parse_tool(
                    candidate.line, candidate.pieces, self.paths.path, self.out,
                    NONPAPER_KINDS[category],
                )  # fmt: skip

    def _researcher_item(self, item: Item) -> None:
        if item.depth == 0:
            self._close_researcher()
            self.researcher = start_researcher(item, self.paths.path, self.out)
        elif self.researcher is not None:
            add_topic_line(item, self.researcher, self.out)
        else:
            self._skip(item, "researchers")

    def _bullet_datasets(self, paragraph: Paragraph) -> bool:
        """``• [Name](url) - description`` lines: bullets that Markdown does not see as a list."""
        lines = [(n, pieces) for n, pieces in paragraph.lines if has_link(pieces)]
        if not lines or not all(_TEXT_BULLET.match(plain_text(p)) for _, p in lines):
            return False
        for number, pieces in lines:
            if _has_paper_link(pieces):
                self._build(Candidate(number, ((number, pieces),), plain_text(pieces)))
            else:
                self._dataset(number, pieces)
        return True

    def _dataset_item(self, item: Item) -> None:
        """A dataset written as a bullet: ``[Name](url) - description``."""
        self._dataset(item.line, item.pieces)

    def _dataset(self, line: int, pieces: list[Piece]) -> None:
        link = _first_link(pieces)
        if link is None:
            self.out.warn(WarningKind.UNPARSED, line, "dataset line with no link skipped")
            return
        name = link.text
        if is_link_word(link.text):  # "PierTalk [Link](url)": the text names it, not the label
            before = _TEXT_BULLET.sub("", plain_text(pieces[: pieces.index(link)]))
            name = _DATASET_NAME_END.split(before.strip(" -–—:|,[(`*"), maxsplit=1)[0]
            name = name.strip(" -–—:|,.[(`*") or link.text
        ident = self.out.new_id("dataset", name, link.href)
        self.out.note_entry("dataset", (name,), line, ident)
        self.out.datasets.append(
            Dataset(
                id=ident,
                section=self.paths.path,
                line=line,
                name=name,
                url=link.href,
                paper_url=paper_link(pieces, link.href),
            )
        )

    def _table(self, table: Table) -> None:
        category = self.paths.category
        if category == "none":
            return
        kind = TABLE_KINDS.get(category or "") or table_kind(table.rows)
        columns = paper_columns(table.rows, self.settings)
        named = _header_kind(table.rows)  # "| Pretrained Models | Info | URL |"
        category = named if kind is None and named else category
        nonpaper = category in NONPAPER_KINDS or (kind is None and is_software_table(table.rows))
        if (kind is not None or nonpaper) and not (columns and titled_header(table.rows)):
            columns = None  # a dataset table is of papers only when its header says "Title"
        if columns is not None:
            for candidate in row_candidates(table.rows, columns, self._hints()):
                if _is_software_row(candidate):
                    kind = ToolCategory.SOFTWARE
                    parse_tool(candidate.line, candidate.pieces, self.paths.path, self.out, kind)
                else:
                    build_paper(candidate, self.paths.path, self.out)
            return
        if kind is not None:
            read_table(table.rows, kind, self.paths.path, self.out)
            return
        if nonpaper:
            tool_kind = NONPAPER_KINDS.get(category or "", NONPAPER_KINDS["tools"])
            read_tool_table(table.rows, self.paths.path, self.out, tool_kind)
            return
        syntax = "HTML" if table.html else "Markdown"
        self.out.warn(
            WarningKind.UNPARSED,
            table.line,
            f"{syntax} table with {len(table.rows)} rows skipped: no paper, dataset or metric "
            f"columns and section '{' > '.join(self.paths.path) or '(top)'}' holds no tables",
        )

    def _skip(self, item: Item, category: str | None) -> None:
        where = category or "an unrecognised section"
        self.out.warn(
            WarningKind.UNPARSED,
            item.line,
            f"list item in {where} skipped: '{plain_text(item.pieces).strip()[:80]}'",
        )


def _header_kind(rows: list[Row]) -> str | None:
    """The non-paper kind a table's first header cell names (``Pretrained Models``, ``Courses``)."""
    if not rows or not rows[0].cells or any(cell.url for cell in rows[0].cells):
        return None
    kind = category_of((rows[0].cells[0].text,))
    return kind if kind in NONPAPER_KINDS else None


def _arxiv_ids(paper: Paper) -> set[str]:
    urls = [paper.paper_url or "", *(link.url for link in paper.links)]
    return {ident for url in urls if (ident := arxiv_id(url))}


@lru_cache(maxsize=1024)
def _path_hints(path: tuple[str, ...]) -> Hints:
    """Venue and year of the innermost grouping heading (``## 2023``, ``### CVPR 2023``)."""
    for title in reversed(path):
        if is_venue_tag(title):
            venue, year = find_venue(title)
            year = year or find_year(title)
            if year is None and venue and _letters(title.replace(venue, "", 1)) >= _MIN_LETTERS:
                continue  # "4D ArXiv Papers": a category of the list, not its entries' venue
            return Hints(venue=venue, year=year)
    return Hints()


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _has_identity_link(pieces: list[Piece]) -> bool:
    """A paper or repository link: what makes a paragraph an entry rather than prose."""
    for piece in pieces:
        if isinstance(piece, Link) and not is_anchor(piece.href):
            role = link_role(piece.href, piece.text, tuple(i.alt for i in piece.images))
            if role in PAPER_ROLES or role.value == "code":
                return True
    return False


def _is_link_listing(pieces: list[Piece]) -> bool:
    """``Arxiv: https://arxiv.org/abs/...`` in the news: where to find something, not a paper."""
    return (
        len(pieces) == 2
        and isinstance(pieces[0], Text)
        and pieces[0].text.rstrip().endswith(":")
        and isinstance(pieces[1], Link)
        and pieces[1].text == pieces[1].href
    )


def _has_paper_link(pieces: list[Piece], category: str | None = None) -> bool:
    """An arXiv, DOI, proceedings or PDF link: the entry names a paper.

    A repository, model card, video or project site labelled "Paper" is none:
    the URL says what it is.

    In sections of talks, courses, books and posts a PDF is slides, notes or
    the book itself: there only a paper's identity (arXiv, DOI, OpenReview,
    proceedings) makes the entry a paper.
    """
    roles = IDENTITY_ROLES if category in DOCUMENT_KINDS else PAPER_ROLES
    return any(
        isinstance(p, Link)
        and not is_anchor(p.href)
        and link_role(p.href, p.text, tuple(i.alt for i in p.images)) in roles
        and url_role(p.href) not in _NOT_PAPER_HOSTS
        for p in pieces
    )


def _content_kind(candidate: Candidate) -> ToolCategory | None:
    """What an entry of a paper section is when its links say it is no paper.

    With no paper link and no venue or year of its own or its section's, an
    entry whose every link is a video is a talk, whose every link is a book
    (``[[book]]``, Google Books) is a book.
    """
    hints = candidate.hints
    links = [p for p in candidate.pieces if isinstance(p, Link) and not is_anchor(p.href)]
    if not links or _has_paper_link(candidate.pieces):
        return None
    if kind := _labelled_kind(candidate.pieces):
        return kind
    if hints.venue or hints.year:
        return None
    text = " ".join(p.text for p in candidate.pieces if isinstance(p, Text))
    venue, year = find_venue(text)
    if venue is not None or year is not None or find_year(text) is not None:
        return None
    if all(url_role(link.href) is LinkRole.VIDEO for link in links):
        return ToolCategory.TALK
    if all(_BOOK_LABEL.fullmatch(strip_symbols(link.text)) or _BOOK_URL.search(link.href)
           for link in links):  # fmt: skip
        return ToolCategory.BOOK
    return None


def _labelled_kind(pieces: list[Piece]) -> ToolCategory | None:
    """``OSS video generation models: [Mochi 1](..)``: a leading label that names a kind."""
    first = next((p for p in pieces if not (isinstance(p, Text) and not p.text.strip())), None)
    if not isinstance(first, Text) or not first.text.rstrip().endswith(":"):
        return None
    kind = category_of((first.text.rstrip().rstrip(":"),))
    return NONPAPER_KINDS[kind] if kind in NONPAPER_KINDS and kind != "tools" else None


def _is_software_row(candidate: Candidate) -> bool:
    """A paper table's row that names a repository and nothing of a paper.

    No paper link, no venue or year in its cells or its section, and every
    link a repository: a release listed among papers (``| | | Lab | [Tool](github) |``).
    """
    hints = candidate.hints
    links = [p for p in candidate.pieces if isinstance(p, Link) and not is_anchor(p.href)]
    if not links or hints.venue or hints.year or _has_paper_link(candidate.pieces):
        return False
    if any(url_role(link.href) is not LinkRole.CODE for link in links):
        return False
    text = " ".join(p.text for p in candidate.pieces if isinstance(p, Text))
    text += " " + (hints.venue_text or "") + " " + " ".join(v for _, v in hints.attributes)
    venue, year = find_venue(text)
    return venue is None and year is None and find_year(text) is None


def _has_target(pieces: list[Piece]) -> bool:
    """A link that goes somewhere: ``[DreamFusion]()`` in prose does not."""
    return any(isinstance(p, Link) and p.href.strip() and not is_anchor(p.href) for p in pieces)


def _cited_below(item: Item, following: Block | None) -> bool:
    """``- Title.`` with no link; its authors and venue nested: ``- A, B. *CVPR 2019*``."""
    if has_link(item.pieces) or not isinstance(following, Item) or following.depth <= item.depth:
        return False
    if has_link(following.pieces) or len(plain_text(item.pieces).split()) < _MIN_TITLE_WORDS:
        return False
    venue, year = find_venue(following.source)
    return venue is not None and (year or find_year(following.source)) is not None


def _is_prose(pieces: list[Piece]) -> bool:
    """A paragraph that links without naming a paper: no paper link and no venue or year.

    Introductions and contributing notes ("see [this guide](...)", "other
    lists, for example [A](...) and [B](...)") link repositories in prose;
    their links are reported by :mod:`enrich.parse.accounting`, not read as papers.
    """
    if _has_paper_link(pieces):
        return False
    text = " ".join(p.text for p in pieces if isinstance(p, Text))  # "[NeRF Explosion 2020](..)"
    venue, year = find_venue(text)
    return venue is None and year is None and find_year(text) is None


def _starts_with_name_link(pieces: list[Piece]) -> bool:
    """``[ThreeStudio](url) is a unified framework ...``: a paragraph that names a tool."""
    first = next((p for p in pieces if not (isinstance(p, Text) and not p.text.strip())), None)
    return isinstance(first, Link) and not is_anchor(first.href) and len(first.text) >= 2


def _has_paper_like_link(pieces: list[Piece]) -> bool:
    """In a section of unknown kind, a bare ``[Company](site)`` bullet is not a paper.

    A bullet is one when it says more than its link (a title, venue, authors)
    or a link is more than a website (a paper, repository or project page).
    """
    said = "".join(p.text for p in pieces if isinstance(p, Text))
    if sum(ch.isalpha() for ch in said) >= _MIN_LETTERS:
        return True
    return any(
        isinstance(p, Link)
        and not is_anchor(p.href)
        and link_role(p.href, p.text, tuple(i.alt for i in p.images)) is not LinkRole.OTHER
        for p in pieces
    )


def _first_link(pieces: list[Piece]) -> Link | None:
    for piece in pieces:
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
