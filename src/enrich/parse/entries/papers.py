"""Paper entries from any style: ``[CVPR 2023] [Title](url), Affiliation, [Code](url)``,
``【Venue】Title [[paper]](<url>)``, ``**Title.**<br>*Authors.*<br>CVPR 2025. [[PDF](url)]``,
badge-first news lines, table rows and headings.

The title is the paper link's label; else bold text at the start; else the
structure's title (table column, heading); else the plain text before the
first link, with venue tags, affiliation and authors split off
(:mod:`enrich.parse.fields.plain_text`). Every link keeps a role (:mod:`enrich.parse.links.roles`):
the paper, project and code slots take the first of their kind, the rest go to
``links``, so no link of an entry is lost.
"""

from __future__ import annotations

import re

from enrich.models import LinkRole, Paper, PaperAttribute, PaperLink, WarningKind
from enrich.parse.blocks.pieces import Image, Link, Piece, Text
from enrich.parse.collect import Collector
from enrich.parse.entries.candidate import Candidate
from enrich.parse.fields.draft import PaperFields
from enrich.parse.fields.plain_text import (
    find_et_al,
    is_authors_line,
    split_authors,
)
from enrich.parse.fields.title import TRAILING_ET_AL, is_title_link, take_prefix, take_title
from enrich.parse.fields.venue import find_venue, find_year, read_venue_text
from enrich.parse.links.roles import PAPER_ROLES, link_role
from enrich.parse.links.urls import arxiv_id, badge_repo, github_repo, is_anchor
from enrich.venues import canonical_or_written

R = LinkRole
# (?<!\s) in these: a match starts where a run of spaces starts (linear on long runs).
_TRAILING_PLACES = re.compile(r"(?<!\s)\s*\((?P<places>[^()]{2,200})\)\s*$")
_PLACES_ONLY = re.compile(r"(?<!\s)\s*\([^()]{2,200}\)\s*")
# "GENEA 2021: ...", "The GENEA Challenge 2022: ...": an event and its year before the colon
_EVENT_YEAR = re.compile(r"(?:The )?(?:[A-Z][\w-]{1,15} ){1,3}(?P<year>(?:19|20)\d{2}):\s")
_DOCUMENT = re.compile(r"//(?:drive|docs)\.google\.com/(?:file|document)/|//www\.dropbox\.com/s/")
_PUBLISHER_TAIL = re.compile(r"[.,]?(?<!\s)\s*\b(?:IEEE/ACM|IEEE/CVF|IEEE|ACM|Proc\.|In)\s*$")


def looks_like_paper(pieces: list[Piece]) -> bool:
    """Names something by a real (non-anchor) link."""
    return any(isinstance(p, Link) and not is_anchor(p.href) for p in pieces)


def build_paper(candidate: Candidate, section: tuple[str, ...], out: Collector) -> bool:
    """Add the candidate as a Paper; False (after a warning) when it has no title."""
    if len(titled := _titled_arxiv_links(candidate)) > 1:
        for link in titled:  # prose naming several papers: "the classic works are [A](..), [B](..)"
            build_paper(
                Candidate(candidate.line, ((candidate.line, [link]),), link.text), section, out
            )
        return True
    first, *others = candidate.lines or ((candidate.line, []),)
    pieces = list(first[1])
    fields = PaperFields()
    take_prefix(pieces, fields)
    take_title(pieces, candidate, fields)
    for number, (_, line_pieces) in enumerate(others):
        _take_side_line(line_pieces, pieces, fields, first=number == 0)
    for piece in pieces:
        _take_piece(piece, fields)
    if not fields.title:
        out.warn(
            WarningKind.MALFORMED_ENTRY,
            candidate.line,
            f"no paper title found in '{candidate.source.strip()[:80]}'; its links: "
            + (", ".join(url for _, url, _ in fields.links) or "none"),
        )
        return False
    if trailing := TRAILING_ET_AL.search(fields.title):  # "Title, Yin et al" in one label
        fields.title = fields.title[: trailing.start()].strip(" ,.:")
        fields.authors = fields.authors or (trailing["authors"] + ".",)
    _finish_venue(fields, candidate)
    _add(fields, candidate, section, out)
    return True


def _titled_arxiv_links(candidate: Candidate) -> list[Link]:
    """Links named like papers that point at distinct arXiv papers, first of each id."""
    links = [p for p in candidate.pieces if isinstance(p, Link) and "arxiv" in p.href.casefold()]
    if len(links) < 2:  # the common case, decided without reading a label
        return []
    found: dict[str, Link] = {}
    for link in links:
        if is_title_link(link) and (ident := arxiv_id(link.href)):
            found.setdefault(ident, link)
    return list(found.values())


def _take_side_line(
    line: list[Piece], pieces: list[Piece], fields: PaperFields, first: bool = False
) -> None:
    """A further line: authors or venue when it has no link, else more links and text.

    One name alone is an author line when it is the line after the title or a
    venue follows it (``*Ola Single*``, ``Philipp Krähenbühl. *CVPR 2018*``).
    """
    if any(isinstance(p, Link | Image) for p in line):
        words = "".join(p.text for p in line if isinstance(p, Text | Link))
        if not fields.authors and any(isinstance(p, Text) for p in line) and is_authors_line(words):
            fields.authors = split_authors(words)  # *[Author](homepage), Author.* lines
            for link in (p for p in line if isinstance(p, Link)):  # homepages, not project pages
                fields.links.append((R.OTHER, link.href, link.text))
            return
        pieces.extend(line)
        return
    text = " ".join(p.text for p in line if isinstance(p, Text)).strip()
    venue, _ = find_venue(text)
    names = text[: text.find(venue)] if venue else text  # "A. Author, B. Author. CVPR 2023"
    names = _PUBLISHER_TAIL.sub("", names)  # "..., Hung-yi Lee. IEEE/ACM TASLP 2021"
    if where := _TRAILING_PLACES.search(names):  # "A. Author, B. Author (UCSB, NVIDIA)"
        names = names[: where.start()]
    if not fields.authors and is_authors_line(names, alone=first or venue is not None):
        fields.authors = split_authors(names)
        fields.affiliation = fields.affiliation or (where["places"] if where else None)
    elif not fields.affiliation and _PLACES_ONLY.fullmatch(text):
        fields.affiliation = text.strip(" ()")  # "(Fudan University, Shanghai AI Lab)"
    fields.texts.append(text)


def _take_piece(piece: Piece, fields: PaperFields) -> None:
    if isinstance(piece, Image):
        _take_badge(piece, fields)
    elif isinstance(piece, Link):
        for image in piece.images:
            _take_badge(image, fields)
        if "](" in piece.href or " " in piece.href.strip():
            fields.broken.append(f"[{piece.text}]({piece.href})")
        elif not is_anchor(piece.href):
            alts = tuple(image.alt for image in piece.images)
            fields.links.append((link_role(piece.href, piece.text, alts), piece.href, piece.text))
    elif piece.text.strip():
        fields.texts.append(piece.text)


def _take_badge(image: Image, fields: PaperFields) -> None:
    repo = badge_repo(image.src)
    if repo and repo not in fields.badges:
        fields.badges.append(repo)


def _finish_venue(fields: PaperFields, candidate: Candidate) -> None:
    """Venue and year from the entry's other text, then from the structure around it."""
    hints = candidate.hints
    if fields.venue is None and fields.year is None:
        for text in (*fields.texts, hints.venue_text or ""):
            venue, year = find_venue(text)
            if venue is not None:
                fields.venue, fields.year = venue, year or find_year(text)
                break
    if fields.venue is None and fields.year is None and hints.venue_text:
        fields.venue, fields.year = read_venue_text(hints.venue_text)  # kept when unknown
    if fields.venue is None and fields.year is None:
        fields.year = next(filter(None, (find_year(t) for t in fields.texts)), None)
    fields.venue = fields.venue or hints.venue
    fields.year = fields.year or hints.year
    if fields.year is None and (event := _EVENT_YEAR.match(fields.title)):
        fields.year = int(event["year"])  # "GENEA 2021: Crossmodal ...": the event's year
    if not fields.authors:
        et_al = next((a for a, _ in map(find_et_al, fields.texts) if a), "")
        fields.authors = (et_al,) if et_al else hints.authors


def _slots(
    fields: PaperFields, conflicts: list[str]
) -> tuple[dict[str, str | None], list[PaperLink]]:
    """Paper, project and code links; the rest with their roles, in list order.

    A second arXiv paper in one entry is a slip of the list (a badge copied from
    the next entry): it is left out and named in ``conflicts``.
    """
    slots: dict[str, str | None] = {"paper": None, "project": None, "code": None}
    rest: list[PaperLink] = []
    links = list(fields.links)
    if fields.title_url is not None:
        title_role = link_role(fields.title_url, "")
        if title_role is R.OTHER:  # a lab or personal site is the paper's page; a file, the paper
            title_role = R.PAPER if _DOCUMENT.search(fields.title_url) else R.PROJECT
        if title_role in PAPER_ROLES:
            slots["paper"] = fields.title_url
        else:  # a project page or repository: its own slot, checked as such
            links.insert(0, (title_role, fields.title_url, fields.title))
    ordered = sorted(links, key=lambda link: link[0] is not R.ARXIV)  # arXiv first for the slot
    for role, url, _ in ordered:
        slot = _slot_of(role)
        if slot and slots[slot] is None:
            slots[slot] = url
    taken = set(slots.values())
    paper_id = arxiv_id(slots["paper"])
    for role, url, label in links:
        other_id = arxiv_id(url) if role is R.ARXIV else None
        if other_id and paper_id and other_id != paper_id:
            conflicts.append(f"[{label}]({url})")
        elif url not in taken and all(url != link.url for link in rest):
            rest.append(PaperLink(role=role, url=url, label=label or None))
    return slots, rest


def _slot_of(role: LinkRole) -> str | None:
    if role in PAPER_ROLES:
        return "paper"
    return {R.PROJECT: "project", R.CODE: "code"}.get(role)


def _add(
    fields: PaperFields, candidate: Candidate, section: tuple[str, ...], out: Collector
) -> None:
    conflicts: list[str] = []
    slots, rest = _slots(fields, conflicts)
    ident = out.new_id("paper", fields.title, slots["paper"] or slots["code"])
    out.papers.append(
        Paper(
            id=ident, section=section, line=candidate.line,
            venue=canonical_or_written(fields.venue), venue_as_written=fields.venue,
            year=fields.year, title=fields.title, paper_url=slots["paper"],
            affiliation=fields.affiliation or candidate.hints.affiliation,
            project_url=slots["project"],
            code_url=slots["code"], badge_repos=tuple(fields.badges),
            authors=fields.authors, links=tuple(rest),
            attributes=tuple(
                PaperAttribute(name=name, value=value) for name, value in candidate.hints.attributes
            ),
        )
    )  # fmt: skip
    out.note_entry("paper", (fields.title,), candidate.line, ident)
    _check_badges(slots["code"], fields.badges, candidate.line, ident, out)
    if fields.broken:
        out.warn(
            WarningKind.MALFORMED_ENTRY,
            candidate.line,
            f"paper '{fields.title[:60]}': link target is not a URL (broken Markdown), "
            f"not taken: {', '.join(fields.broken)}",
            ident,
        )
    if conflicts:
        out.warn(
            WarningKind.MALFORMED_ENTRY,
            candidate.line,
            f"paper '{fields.title[:60]}' links {slots['paper']} and also another arXiv paper, "
            f"not taken: {', '.join(conflicts)}",
            ident,
        )


def _check_badges(
    code_url: str | None, badges: list[str], line: int, ident: str, out: Collector
) -> None:
    code_repo = github_repo(code_url)
    if not code_repo:
        return
    others = [repo for repo in badges if repo.casefold() != code_repo.casefold()]
    if others:
        out.warn(
            WarningKind.BADGE_MISMATCH,
            line,
            f"badge repository {', '.join(others)} differs from the code link {code_repo}",
            ident,
        )
