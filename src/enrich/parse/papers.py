"""Paper bullets: ``[CVPR 2023] [Title](url), Affiliation, [ProjectPage](url), [Code](url) badges``.

The parse is positional on the flattened inline: an optional bracketed venue
prefix, the title link, the affiliation text up to the next link, then role
links recognised by their label, and shields.io badges anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from enrich.models import Paper, WarningKind
from enrich.parse.blocks import Item
from enrich.parse.collect import Collector
from enrich.parse.links import badge_repo, github_repo, is_anchor
from enrich.parse.pieces import Image, Link, Piece, Text
from enrich.parse.venue import parse_venue_tag

_PREFIX = re.compile(r"^\s*\[(?P<tag>[^\[\]]{1,60})\]\s*")
_DESCRIPTION_SEPARATOR = re.compile(r"^\s*(?:[-–—:|]|\bby\b)")
_TITLE_TRIM = " ,;-([{"
PROJECT_LABELS = frozenset({"projectpage", "project", "page", "homepage", "website", "demo"})
CODE_LABELS = frozenset({"code", "github", "repo", "repository", "official code", "src"})
PAPER_LABELS = frozenset({"paper", "pdf", "arxiv", "openreview", "doi"})


@dataclass
class _Fields:
    venue: str | None = None
    year: int | None = None
    title: str = ""
    paper_url: str | None = None
    affiliation: str | None = None
    project_url: str | None = None
    code_url: str | None = None
    badges: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def looks_like_paper(item: Item) -> bool:
    """A bullet that names something by a real (non-anchor) link."""
    return any(isinstance(p, Link) and not is_anchor(p.href) for p in item.pieces)


def parse_paper(item: Item, section: tuple[str, ...], out: Collector) -> None:
    """Add the item as a Paper, or warn about what is missing."""
    pieces = list(item.pieces)
    fields = _Fields()
    _take_prefix(pieces, fields)
    if not _take_title(pieces, fields, item, out):
        return
    _take_affiliation(pieces, fields)
    for piece in pieces:
        _take_piece(piece, fields)
    _finish(fields, item, section, out)


def _take_prefix(pieces: list[Piece], fields: _Fields) -> None:
    if not pieces or not isinstance(pieces[0], Text):
        return
    match = _PREFIX.match(pieces[0].text)
    if match:
        fields.venue, fields.year = parse_venue_tag(match["tag"])
        rest = pieces[0].text[match.end() :]
        pieces[0:1] = [Text(rest)] if rest.strip() else []


def _take_title(pieces: list[Piece], fields: _Fields, item: Item, out: Collector) -> bool:
    """Title and paper URL from the first link; plain text if there is no link."""
    first = pieces[0] if pieces else None
    if isinstance(first, Link) and _role(first.text) is None:
        fields.title, fields.paper_url = first.text, first.href
        del pieces[0]
        return bool(first.text) or _untitled(item, out)
    if isinstance(first, Text) and first.text.strip(_TITLE_TRIM):
        fields.title = first.text.strip(_TITLE_TRIM)
        del pieces[0]
        fields.problems.append(f"paper '{fields.title[:60]}': the title is plain text, not a link")
        return True
    return _untitled(item, out)


def _untitled(item: Item, out: Collector) -> bool:
    out.warn(
        WarningKind.MALFORMED_ENTRY,
        item.line,
        f"list item skipped: no paper title found in '{item.source[:80]}'",
    )
    return False


def _take_affiliation(pieces: list[Piece], fields: _Fields) -> None:
    """Text between the title and the next link, unless it reads as a description."""
    if not pieces or not isinstance(pieces[0], Text) or not fields.paper_url:
        return
    first = pieces.pop(0)
    text = first.text if isinstance(first, Text) else ""
    if _DESCRIPTION_SEPARATOR.match(text):
        return
    fields.affiliation = text.strip().strip(",;").strip() or None


def _take_piece(piece: Piece, fields: _Fields) -> None:
    if isinstance(piece, Image):
        _take_badge(piece, fields)
    elif isinstance(piece, Link):
        for image in piece.images:
            _take_badge(image, fields)
        if not piece.images:
            _take_role_link(piece, fields)


def _take_badge(image: Image, fields: _Fields) -> None:
    repo = badge_repo(image.src)
    if repo and repo not in fields.badges:
        fields.badges.append(repo)


def _role(label: str) -> str | None:
    key = " ".join(label.casefold().split())
    for role, labels in (
        ("project", PROJECT_LABELS),
        ("code", CODE_LABELS),
        ("paper", PAPER_LABELS),
    ):
        if key in labels or key.replace(" ", "") in labels:
            return role
    return None


def _take_role_link(link: Link, fields: _Fields) -> None:
    role = _role(link.text)
    slot = {"project": "project_url", "code": "code_url", "paper": "paper_url"}.get(role or "")
    if slot and getattr(fields, slot) is None:
        setattr(fields, slot, link.href)
    else:
        fields.skipped.append(f"[{link.text}]({link.href})")


def _finish(fields: _Fields, item: Item, section: tuple[str, ...], out: Collector) -> None:
    ident = out.new_id("paper", fields.title, fields.paper_url or fields.code_url)
    out.papers.append(
        Paper(
            id=ident,
            section=section,
            line=item.line,
            venue=fields.venue,
            year=fields.year,
            title=fields.title,
            paper_url=fields.paper_url,
            affiliation=fields.affiliation,
            project_url=fields.project_url,
            code_url=fields.code_url,
            badge_repos=tuple(fields.badges),
        )
    )
    out.note_entry("paper", (fields.title,), item.line, ident)
    for problem in fields.problems:
        out.warn(WarningKind.MALFORMED_ENTRY, item.line, problem, ident)
    _check_badges(fields, item.line, ident, out)
    if fields.skipped:
        out.warn(
            WarningKind.UNPARSED,
            item.line,
            "links not recognised as paper, project page or code, skipped: "
            + ", ".join(fields.skipped),
            ident,
        )


def _check_badges(fields: _Fields, line: int, ident: str, out: Collector) -> None:
    code_repo = github_repo(fields.code_url)
    if not code_repo:
        return
    others = [repo for repo in fields.badges if repo.casefold() != code_repo.casefold()]
    if others:
        out.warn(
            WarningKind.BADGE_MISMATCH,
            line,
            f"badge repository {', '.join(others)} differs from the code link {code_repo}",
            ident,
        )
