"""What the parser says about each entry, flattened to the fields the truth set labels.

Reads a :class:`~enrich.models.ParsedList` through its public fields only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from enrich.models import Paper, ParsedList, Tool

# LinkRole values -> the truth set's roles (labels/README.md).
PAPER_ROLES = frozenset({"arxiv", "doi", "openreview", "proceedings", "pdf", "paper"})
ROLE_NAMES = {"huggingface": "other"}
VENUE_TAG_YEAR = re.compile(r"\s*['’]?\s*\d{2,4}\s*$")


@dataclass(frozen=True)
class Observed:
    """One parser entry: ``kind`` is ``paper``, ``work``, ... or ``tool/<category>``."""

    line: int
    kind: str
    title: str
    roles: dict[str, str]  # normalised URL -> role
    authors: tuple[str, ...] = ()
    year: int | None = None
    venues: frozenset[str] = frozenset()  # every venue field it fills (as written, canonical)


def normal_url(url: str) -> str:
    """A URL compared loosely: no angle brackets, host lower-cased, no trailing slash."""
    url = url.strip().strip("<>").strip()
    parts = urlsplit(url)
    if not parts.scheme:
        return url.rstrip("/")
    rebuilt = parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower())
    return rebuilt.geturl().rstrip("/")


def role_name(role: str) -> str:
    role = str(role)
    return "paper" if role in PAPER_ROLES else ROLE_NAMES.get(role, role)


def role_of_main_url(url: str) -> str:
    """The role of a non-paper entry's one URL, judged from its host."""
    host = urlsplit(url.strip().strip("<>")).netloc.lower()
    if host.endswith(("github.com", "gitlab.com")):
        return "code"
    if host.endswith(("youtube.com", "youtu.be", "bilibili.com", "vimeo.com")):
        return "video"
    return "homepage"


def role_of_work_url(url: str) -> str:
    lowered = url.lower()
    if "arxiv.org" in lowered or "doi.org" in lowered or lowered.endswith(".pdf"):
        return "paper"
    return role_of_main_url(url) if role_of_main_url(url) != "homepage" else "project"


def roles(pairs: Iterator[tuple[str | None, str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for url, role in pairs:
        if url:
            found.setdefault(normal_url(url), role)
    return found


def extra_links(entry: Paper | Tool) -> Iterator[tuple[str | None, str]]:
    for link in entry.links:
        yield link.url, role_name(link.role)


def venues(*values: str | None) -> frozenset[str]:
    return frozenset(value for value in values if value)


def observe(parsed: ParsedList) -> list[Observed]:
    """Every entry of the parse, researchers' works included, in document order."""
    found: list[Observed] = []
    for paper in parsed.papers:
        pairs = [
            (paper.paper_url, "paper"),
            (paper.project_url, "project"),
            (paper.code_url, "code"),
            *extra_links(paper),
        ]
        found.append(
            Observed(
                line=paper.line,
                kind="paper",
                title=paper.title,
                authors=paper.authors,
                year=paper.year,
                venues=venues(paper.venue_as_written, paper.venue),
                roles=roles(iter(pairs)),
            )
        )
    for researcher in parsed.researchers:
        found.append(
            Observed(
                line=researcher.line,
                kind="researcher",
                title=researcher.name,
                roles=roles(iter([(researcher.homepage, "homepage")])),
            )
        )
        for work in researcher.works:
            tag = work.venue_tag
            title = work.label
            if tag and title.endswith(tag):
                title = title[: -len(tag)].strip()
            found.append(
                Observed(
                    line=work.line,
                    kind="work",
                    title=title,
                    year=work.year,
                    venues=venues(work.venue, VENUE_TAG_YEAR.sub("", tag) if tag else None),
                    roles=roles(iter([(work.url, role_of_work_url(work.url or ""))])),
                )
            )
    for dataset in parsed.datasets:
        pairs = [(dataset.url, "dataset"), (dataset.paper_url, "paper")]
        found.append(
            Observed(
                line=dataset.line,
                kind="dataset",
                title=dataset.name,
                year=dataset.year,
                roles=roles(iter(pairs)),
            )
        )
    for metric in parsed.metrics:
        found.append(
            Observed(
                line=metric.line,
                kind="metric",
                title=metric.name,
                roles=roles(iter([(metric.code_url, "code")])),
            )
        )
    for tool in parsed.tools:
        category = tool.category
        pairs = [(tool.url, role_of_main_url(tool.url or "")), *extra_links(tool)]
        found.append(
            Observed(
                line=tool.line,
                kind=f"tool/{category}" if category else "tool",
                title=tool.name,
                roles=roles(iter(pairs)),
            )
        )
    return sorted(found, key=lambda entry: entry.line)
