"""One display-ready view of a paper, shared by the Markdown and HTML renderers.

What a renderer shows is decided here once: which link a title takes (arXiv
first, else the list's own link), the first authors, the repository's figures
and whether they are stale, whether the project page needs a mark, and the
orders a list can be sorted in. The templates only lay these out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from enrich.identity.github import repo_of
from enrich.models import EnrichedList, GithubSlot, PageHealth, PageSlot, Paper, SlotStatus
from enrich.venues import canonical_or_written

FIRST_AUTHORS = 3

# Page verdicts a reader should be warned about: the link probably does not work.
PAGE_PROBLEMS = {
    PageHealth.FAILING: "failing",
    PageHealth.BROKEN: "broken",
    PageHealth.SOFT_404: "gone",
    PageHealth.UNSAFE: "unsafe",
}


@dataclass(frozen=True)
class CodeView:
    name: str
    url: str
    stars: int | None = None
    forks: int | None = None
    pushed: str | None = None  # date only
    archived: bool = False
    stale_since: str | None = None  # GitHub failed this run; figures are from before
    repo_id: int | None = None  # the star history's key


@dataclass(frozen=True)
class PageView:
    url: str
    health: str  # 'ok', 'failing', 'dead', ... or 'unchecked'
    problem: str | None = None  # 'dead', 'failing', 'broken', 'gone', 'unsafe'; None when fine
    since: str | None = None
    image: str | None = None  # og:image, only a plain http(s) URL (identity.web.plain_url)


@dataclass(frozen=True)
class PaperView:
    order: int
    id: str
    section: tuple[str, ...]
    title: str
    url: str | None
    arxiv_url: str | None
    venue: str | None
    year: int | None
    authors: tuple[str, ...]
    abstract: str | None
    date: str | None  # arXiv's first version, else the venue year
    code: CodeView | None
    page: PageView | None
    trend_7d: int | None
    trend_30d: int | None

    @property
    def first_authors(self) -> str:
        """'A, B, C et al.' — the first three, and a mark when there are more."""
        shown = ", ".join(self.authors[:FIRST_AUTHORS])
        return shown + " et al." if len(self.authors) > FIRST_AUTHORS else shown


def paper_view(order: int, paper: Paper) -> PaperView:
    """arXiv's facts first, then OpenAlex's (papers not on arXiv), then the list's own."""
    arxiv = paper.arxiv.record if paper.arxiv is not None else None
    openalex = paper.openalex.record if paper.openalex is not None else None
    trend = paper.github.trend if paper.github is not None else None
    authors: tuple[str, ...] = paper.authors
    if openalex is not None and openalex.authors:
        authors = tuple(author.name for author in openalex.authors)
    if arxiv is not None and arxiv.authors:
        authors = tuple(author.name for author in arxiv.authors)
    return PaperView(
        order=order,
        id=paper.id,
        section=paper.section,
        title=paper.title,
        url=arxiv.abs_url if arxiv is not None else paper.paper_url,
        arxiv_url=arxiv.abs_url if arxiv is not None else None,
        venue=canonical_or_written(paper.venue),
        year=paper.year,
        authors=authors,
        abstract=(arxiv.abstract if arxiv is not None else None)
        or (openalex.abstract if openalex is not None else None),
        date=(arxiv.published if arxiv is not None else None)
        or (openalex.publication_date if openalex is not None else None)
        or (str(paper.year) if paper.year else None),
        code=code_view(paper.github, paper.code_url),
        page=page_view(paper.project_page, paper.project_url),
        trend_7d=trend.stars_7d if trend is not None else None,
        trend_30d=trend.stars_30d if trend is not None else None,
    )


def code_view(slot: GithubSlot | None, code_url: str | None) -> CodeView | None:
    """The repository's figures; only its link when GitHub never described it."""
    record = slot.record if slot is not None else None
    if record is None:
        return CodeView(name=_short_repo(code_url), url=code_url) if code_url else None
    assert slot is not None
    return CodeView(
        name=record.full_name,
        url=record.url,
        stars=record.stars,
        forks=record.forks,
        pushed=record.pushed[:10] if record.pushed else None,
        archived=bool(record.archived),
        stale_since=slot.stale_since if slot.status == SlotStatus.STALE else None,
        repo_id=record.repo_id,
    )


def page_view(slot: PageSlot | None, project_url: str | None) -> PageView | None:
    from enrich.identity.web import plain_url  # here: httpx, not needed to build the CLI's help

    record = slot.record if slot is not None else None
    if record is None:
        return PageView(url=project_url, health="unchecked") if project_url else None
    problem = "dead" if record.dead else PAGE_PROBLEMS.get(record.health)
    return PageView(
        url=record.final_url
        if record.health == PageHealth.MOVED and record.final_url
        else record.url,
        health="dead" if record.dead else record.health.value,
        problem=problem,
        since=record.failing_since if problem else None,
        image=plain_url(record.image) if record.image else None,
    )


def _short_repo(url: str) -> str:
    ref = repo_of(url)
    return ref.full_name if ref else url


def paper_views(document: EnrichedList) -> list[PaperView]:
    return [paper_view(order, paper) for order, paper in enumerate(document.papers)]


def _stars(view: PaperView) -> int | None:
    return view.code.stars if view.code is not None else None


# Orders a list can be shown in: the value sorted on, largest (newest) first.
SORTS: dict[str, Callable[[PaperView], int | str | None]] = {
    "list": lambda view: None,
    "stars": _stars,
    "trend": lambda view: view.trend_30d,
    "date": lambda view: view.date,
}


def sort_views(views: Iterable[PaperView], order: str) -> list[PaperView]:
    """Sorted by ``order`` (a key of :data:`SORTS`), largest first, missing values last.

    Python's sort is stable even reversed, so list order breaks every tie.
    """
    listed = sorted(views, key=lambda view: view.order)
    value = SORTS[order]
    present = [view for view in listed if value(view) is not None]
    missing = [view for view in listed if value(view) is None]
    return sorted(present, key=value, reverse=True) + missing  # type: ignore[arg-type]


def by_section(views: Sequence[PaperView]) -> list[tuple[tuple[str, ...], list[PaperView]]]:
    """Groups per section, sections in the order the list first uses them."""
    groups: dict[tuple[str, ...], list[PaperView]] = {}
    for view in sorted(views, key=lambda view: view.order):
        groups.setdefault(view.section, [])
    for view in views:
        groups[view.section].append(view)
    return list(groups.items())
