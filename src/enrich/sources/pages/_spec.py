"""How the pipeline uses the pages source: which pages, and which found pages it checks.

A paper's project page, a researcher's homepage, and the one link of a work,
dataset or tool that is neither on arXiv nor on GitHub (a dataset or tool
linked to arXiv is still a link to check). A paper without a project page
link gets its repository's homepage checked instead, once GitHub found it.
"""

from __future__ import annotations

from collections.abc import Iterator

from enrich.models import Dataset, EntryBase, Paper, Researcher, Tool, Work
from enrich.sources.entry_links import is_arxiv_link, is_github_url
from enrich.sources.interface import PROJECT_PAGE, Hint, SlotRequest, SourceSpec, Target
from enrich.sources.pages._policy import SERVICE, pages_policy
from enrich.sources.pages._settings import PagesSettings
from enrich.sources.pages._source import PagesSource


def requests(entry: EntryBase, file: str) -> Iterator[SlotRequest]:
    if isinstance(entry, Paper):
        hints = (Hint(entry.project_url, "project_page_link"),) if entry.project_url else ()
        target = Target.of(entry, file, entry.title, entry.year, *hints)
        yield SlotRequest(SERVICE, "project_page", target)
    elif isinstance(entry, Researcher) and entry.homepage:
        target = Target.of(entry, file, entry.name, None, Hint(entry.homepage, "homepage"))
        yield SlotRequest(SERVICE, "homepage_page", target)
    elif isinstance(entry, Work | Dataset | Tool) and entry.url:
        url = entry.url
        if is_github_url(url) or (isinstance(entry, Work) and is_arxiv_link(url)):
            return
        title = entry.label if isinstance(entry, Work) else entry.name
        year = entry.year if isinstance(entry, Work | Dataset) else None
        yield SlotRequest(SERVICE, "page", Target.of(entry, file, title, year, Hint(url, "link")))


def accepts(hint: Hint) -> bool:
    """A project page another source found for the entry (a repository's homepage, a page
    the authors linked on Hugging Face): any hint with the project-page role."""
    return hint.role == PROJECT_PAGE


SPEC = SourceSpec(
    name=SERVICE,
    build=PagesSource,
    requests=requests,
    accepts=accepts,
    policy=pages_policy,
    settings=PagesSettings,
)
