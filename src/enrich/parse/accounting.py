"""Nothing dropped in silence: every arXiv, DOI and GitHub link of the file is accounted for.

After the entries are built, the raw text is scanned for links with the
shared recognisers (:mod:`enrich.identity`), independently of how the blocks
were read. Each arXiv id, DOI or repository that no entry holds gets a
warning at its line saying why: it sits in a section that holds no papers
(News, Citation ...), in the list's own header (its badges), or in text that
no entry reader took. :func:`link_tally` gives the run report its counts.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from enrich.identity import arxiv, doi, github
from enrich.models import EnrichedList, ParsedList, WarningKind
from enrich.parse.collect import Collector
from enrich.parse.list_settings import NO_SETTINGS, ListSettings

if TYPE_CHECKING:
    from enrich.parse.blocks.walk import Heading

_URL = re.compile(r"""(?:https?://|(?<![\w/.])(?:www\.)?github\.com/)[^\s<>"'`|\])]+""", re.I)
_TRAILING = ".,;:!?*_"
_SHOWN = re.compile(r"\b(?:arxiv|doi|repo) \S+?(?=,|\s|$)")
REPEATED = 3  # a link on this many lines or more is warned once, with the other lines


@dataclass(frozen=True)
class LinkTally:
    """Distinct identities linked in the file, and how many of them entries hold."""

    linked: int
    taken: int
    not_taken: int


@lru_cache(maxsize=65536)
def identity_of(url: str) -> str | None:
    """``arxiv:ID``, ``doi:DOI`` or ``repo:owner/name`` (lower-case) for a link, else None."""
    if "arxiv" in url.casefold() or "10.48550" in url:
        ref = arxiv.extract_id(url)
        if ref is not None:
            return f"arxiv:{ref.id}"
    if "github" in url.casefold():
        link = github.classify(url)
        if link.kind in (github.LinkKind.REPO, github.LinkKind.FILE):
            return f"repo:{link.repos[0].key}"
        if link.kind is github.LinkKind.BADGE:
            return f"repo:{link.repos[0].key}"
        return None
    found = doi.extract_doi(url) if "10." in url else None
    return f"doi:{found}" if found else None


def _entry_urls(out: Collector) -> list[str]:
    urls: list[str] = []
    for paper in out.papers:
        urls += [u for u in (paper.paper_url, paper.project_url, paper.code_url) if u]
        urls += [link.url for link in paper.links]
        urls += [f"https://github.com/{repo}" for repo in paper.badge_repos]
    for researcher in out.researchers:
        urls += [researcher.homepage or ""] + [work.url or "" for work in researcher.works]
    urls += [u or "" for d in out.datasets for u in (d.url, d.paper_url)]
    urls += [m.code_url or "" for m in out.metrics]
    urls += [u for t in out.tools for u in (t.url or "", *(link.url for link in t.links))]
    return urls


def taken_identities(out: Collector) -> set[str]:
    return {key for url in _entry_urls(out) if url and (key := identity_of(url))}


def linked_identities(text: str) -> list[tuple[str, int]]:
    """(identity, 0-based offset) of every link in the raw text that names one."""
    found: list[tuple[str, int]] = []
    for match in _URL.finditer(text):
        if "shields.io" in match.group(0):
            continue  # a badge image, not a link; its repository is in badge_repos or a link
        key = identity_of(match.group(0).rstrip(_TRAILING))
        if key is not None:
            found.append((key, match.start()))
    return found


def account_links(
    text: str,
    headings: list[Heading],
    title: Heading | None,
    out: Collector,
    settings: ListSettings = NO_SETTINGS,
) -> None:
    """Warn about every linked identity that no entry holds: one warning per line, except
    that a link repeated on many lines (the list's own repository in every news line)
    is summed up in one warning at its first line."""
    taken = taken_identities(out)
    starts = _line_starts(text)
    reasons = _Reasons(headings, title, settings)
    own = own_repository(out.path)
    lines_of: dict[str, list[int]] = defaultdict(list)
    for key, offset in linked_identities(text):
        line = bisect.bisect_right(starts, offset)
        if key not in taken and not key.endswith("/" + own) and line not in lines_of[key][-1:]:
            lines_of[key].append(line)
    missing: dict[int, list[str]] = defaultdict(list)
    for key, lines in lines_of.items():
        shown = key.replace(":", " ", 1)
        if len(lines) >= REPEATED:
            also = ", ".join(map(str, lines[1:]))
            missing[lines[0]].append(f"{shown} (also on lines {also})")
        else:
            for line in lines:
                missing[line].append(shown)
    for line, keys in sorted(missing.items()):
        out.warn(
            WarningKind.LINK_NOT_TAKEN,
            line,
            f"not in any entry ({reasons.why(line)}): {', '.join(keys)}",
        )


def own_repository(path: str) -> str:
    """The list's own repository name (``awesome-avatar.md`` -> ``awesome-avatar``).

    A list links to itself (its README's badges, an entry template); those links
    are not papers, and the list's file name says which repository is its own.
    """
    return path.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".md").casefold()


def link_tally(document: ParsedList | EnrichedList) -> LinkTally:
    """Counts for the run report: distinct identities linked, and how many entries hold."""
    not_taken: set[str] = set()
    for warning in document.warnings:
        if warning.kind is WarningKind.LINK_NOT_TAKEN and "): " in warning.message:
            named = warning.message.rsplit("): ", 1)[1]
            not_taken.update(match.group(0) for match in _SHOWN.finditer(named))
    collector = Collector(document.source.path)
    collector.papers = list(document.papers)
    collector.researchers = list(document.researchers)
    collector.datasets, collector.metrics = list(document.datasets), list(document.metrics)
    collector.tools = list(document.tools)
    taken = len(taken_identities(collector))
    return LinkTally(linked=taken + len(not_taken), taken=taken, not_taken=len(not_taken))


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer(r"\r\n|\r|\n", text):
        starts.append(match.end())
    return starts


class _Reasons:
    """Why a line's links were not taken, from the section it sits in."""

    def __init__(
        self, headings: list[Heading], title: Heading | None, settings: ListSettings
    ) -> None:
        # Here, not at the top: a run's report tallies links (link_tally) from a kept
        # parse, and the block walker (markdown-it, lxml.html) need not be imported then.
        from enrich.parse.blocks.sections import PathTracker

        tracker = PathTracker(title, settings)
        self.lines: list[int] = []
        self.sections: list[tuple[str, str | None]] = []
        for heading in headings:
            tracker.enter(heading)
            self.lines.append(heading.line)
            self.sections.append((" > ".join(tracker.path), tracker.category))

    def why(self, line: int) -> str:
        index = bisect.bisect_right(self.lines, line) - 1
        if index < 0 or not self.sections[index][0]:
            return "the list's own header: its badges and links, not papers"
        path, category = self.sections[index]
        if category == "none":
            return f"section '{path}' holds no papers"
        if category == "news":
            return f"a news line in section '{path}', not a paper"
        if category == "todo":
            return f"section '{path}' is a to-do list"
        return f"section '{path}': no entry was read from this text"
