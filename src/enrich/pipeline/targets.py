"""What each entry asks of each source: slots, targets and hints.

An entry kind has fixed slots (a paper: ``arxiv``, ``github``,
``project_page``; a work: ``arxiv``, ``github``, ``page``; ...). This module
decides which slots an entry needs from its links and turns them into
:class:`~enrich.sources.interface.Target` values with hints in order of trust. It
is pure: no network, no files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from enrich.identity.arxiv import extract_id
from enrich.models import Dataset, EnrichedList, EntryBase, Paper, Researcher, Tool, Work
from enrich.sources.interface import Hint, Target

GITHUB_HOSTS = frozenset({"github.com", "www.github.com"})


@dataclass(frozen=True)
class SlotRequest:
    """One slot of one entry that one source should fill."""

    source: str  # "arxiv" | "github" | "pages"
    attribute: str  # the entry field the slot lives in
    target: Target


def is_github_url(url: str | None) -> bool:
    return bool(url) and urlsplit(url or "").hostname in GITHUB_HOSTS


def is_github_io(url: str | None) -> bool:
    """A GitHub Pages site: its repository may exist and hold the code."""
    return bool(url) and (urlsplit(url or "").hostname or "").endswith(".github.io")


def is_arxiv_link(url: str | None) -> bool:
    return bool(url) and extract_id(url or "") is not None


def _target(
    entry: EntryBase, file: str, title: str | None, year: int | None, *hints: Hint
) -> Target:
    return Target(key=entry.id, file=file, line=entry.line, title=title, year=year, hints=hints)


def _link_hints(url: str | None, method: str) -> tuple[Hint, ...]:
    return (Hint(url, method),) if url else ()


def _paper_requests(paper: Paper, file: str) -> Iterator[SlotRequest]:
    yield SlotRequest(
        "arxiv",
        "arxiv",
        _target(paper, file, paper.title, paper.year, *_link_hints(paper.paper_url, "link")),
    )
    github_hints = [
        *_link_hints(paper.code_url, "code_link"),
        *(Hint(f"https://github.com/{repo}", "badge") for repo in paper.badge_repos),
    ]
    if is_github_url(paper.paper_url):
        github_hints.append(Hint(paper.paper_url or "", "link"))
    if is_github_io(paper.project_url):
        github_hints.append(Hint(paper.project_url or "", "github_io"))
    yield SlotRequest(
        "github", "github", _target(paper, file, paper.title, paper.year, *github_hints)
    )
    yield SlotRequest(
        "pages",
        "project_page",
        _target(
            paper,
            file,
            paper.title,
            paper.year,
            *_link_hints(paper.project_url, "project_page_link"),
        ),
    )


def _linked_requests(
    entry: Work | Dataset | Tool, url: str | None, title: str, file: str
) -> Iterator[SlotRequest]:
    """An entry with one link: arXiv, GitHub, or a web page, by what the link is."""
    year = entry.year if isinstance(entry, Work | Dataset) else None
    if isinstance(entry, Work) and is_arxiv_link(url):
        yield SlotRequest(
            "arxiv", "arxiv", _target(entry, file, title, year, Hint(url or "", "link"))
        )
    elif is_github_url(url):
        yield SlotRequest(
            "github", "github", _target(entry, file, title, year, Hint(url or "", "link"))
        )
    elif url:
        yield SlotRequest("pages", "page", _target(entry, file, title, year, Hint(url, "link")))
        if is_github_io(url):
            hint = Hint(url, "github_io")
            yield SlotRequest("github", "github", _target(entry, file, title, year, hint))


def slot_requests(document: EnrichedList) -> list[SlotRequest]:
    """Every slot the document's entries need, in document order."""
    file = document.source.path
    requests: list[SlotRequest] = []
    for entry in document.all_entries():
        if isinstance(entry, Paper):
            requests.extend(_paper_requests(entry, file))
        elif isinstance(entry, Researcher) and entry.homepage:
            target = _target(entry, file, entry.name, None, Hint(entry.homepage, "homepage"))
            requests.append(SlotRequest("pages", "homepage_page", target))
        elif isinstance(entry, Work):
            requests.extend(_linked_requests(entry, entry.url, entry.label, file))
        elif isinstance(entry, Dataset | Tool):
            requests.extend(_linked_requests(entry, entry.url, entry.name, file))
    return requests


def with_hints(target: Target, extra: tuple[Hint, ...]) -> Target:
    """The target with more hints appended (less trusted than its own), duplicates dropped."""
    seen = {hint.value.lower() for hint in target.hints}
    added = tuple(h for h in extra if h.value.lower() not in seen)
    return Target(
        target.key, target.file, target.line, target.title, target.year, target.hints + added
    )
