"""How the pipeline uses the GitHub source: which slots, from which links, and what it tells pages.

A paper asks GitHub from its Code link, badges, a GitHub paper link and a
``*.github.io`` project page; an entry with one link asks it when that link
is on GitHub or a GitHub Pages site (a tool named by its site, from its
repository link); a researcher's work linked to a project
page asks it once that page links a repository (``waits``). A found
repository's homepage (and a ``<owner>.github.io`` repository's site) is
handed to the pages source as a page to check for entries without one.
"""

from __future__ import annotations

from collections.abc import Iterator

from enrich.identity.github import repo_of
from enrich.models import (
    Dataset,
    EntryBase,
    GithubSlot,
    LinkRole,
    Paper,
    SlotBase,
    SlotStatus,
    Tool,
    Work,
)
from enrich.sources.entry_links import is_github_io, is_github_url, is_page_url
from enrich.sources.github._policy import SERVICE, github_policy
from enrich.sources.github._settings import GithubSettings
from enrich.sources.github._source import GithubSource
from enrich.sources.interface import PROJECT_PAGE, Hint, SlotRequest, SourceSpec, Target

KEPT = frozenset({SlotStatus.OK, SlotStatus.STALE})  # a stale record is still the repository's


def _paper_hints(paper: Paper) -> Iterator[Hint]:
    if paper.code_url:
        yield Hint(paper.code_url, "code_link")
    for repo in paper.badge_repos:
        yield Hint(f"https://github.com/{repo}", "badge")
    if is_github_url(paper.paper_url):
        yield Hint(paper.paper_url or "", "link")
    if is_github_io(paper.project_url):
        yield Hint(paper.project_url or "", "github_io")


def requests(entry: EntryBase, file: str) -> Iterator[SlotRequest]:
    if isinstance(entry, Paper):
        target = Target.of(entry, file, entry.title, entry.year, *_paper_hints(entry))
        yield SlotRequest(SERVICE, "github", target)
        return
    if not isinstance(entry, Work | Dataset | Tool):
        return
    title = entry.label if isinstance(entry, Work) else entry.name
    year = entry.year if isinstance(entry, Work | Dataset) else None
    url = entry.url
    if isinstance(entry, Tool) and not is_github_url(url):
        url = _tool_repository(entry) or url
    if is_github_url(url):
        yield SlotRequest(
            SERVICE, "github", Target.of(entry, file, title, year, Hint(url or "", "link"))
        )
    elif is_github_io(url):
        hint = Hint(url or "", "github_io")
        yield SlotRequest(SERVICE, "github", Target.of(entry, file, title, year, hint))
    elif isinstance(entry, Work) and is_page_url(url):
        yield SlotRequest(SERVICE, "github", Target.of(entry, file, title, year), waits=True)


def _tool_repository(tool: Tool) -> str | None:
    """A non-paper entry named by its site, with its repository among its further links."""
    return next(
        (link.url for link in tool.links if link.role is LinkRole.CODE and is_github_url(link.url)),
        None,
    )


def accepts(hint: Hint) -> bool:
    """A repository found by another source (an arXiv comment, a project page)."""
    return is_github_url(hint.value) and repo_of(hint.value) is not None


def discovers(slot: SlotBase) -> tuple[Hint, ...]:
    """The repository's homepage, and its site for a ``<owner>.github.io`` repository.

    Also from a record kept stale through an outage: what was derived from it stays derived.
    """
    if not isinstance(slot, GithubSlot) or slot.record is None or slot.status not in KEPT:
        return ()
    record = slot.record
    hints = []
    if record.homepage and record.homepage.startswith(("http://", "https://")):
        hints.append(Hint(record.homepage, "repo_homepage", PROJECT_PAGE))
    owner, _, name = record.full_name.partition("/")
    if name.lower() == f"{owner.lower()}.github.io":
        hints.append(Hint(f"https://{name.lower()}/", "github_io", PROJECT_PAGE))
    return tuple(hints)


SPEC = SourceSpec(
    name=SERVICE,
    build=GithubSource,
    requests=requests,
    accepts=accepts,
    discovers=discovers,
    retry=frozenset({SlotStatus.UNRESOLVED, SlotStatus.NOT_FOUND}),
    settings=GithubSettings,
    policy=github_policy,
)
