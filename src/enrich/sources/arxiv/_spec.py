"""How the pipeline uses the arXiv source: which slots, from which links.

A paper always asks arXiv (by its link, else by title search). A
researcher's work asks it when its link is an arXiv link; a work linked to a
project page asks it only once that page links a paper (``waits``), the same
second pass a paper gets.
"""

from __future__ import annotations

from collections.abc import Iterator

from enrich.identity.arxiv import abs_url, extract_id
from enrich.models import ArxivRecord, EntryBase, LinkRole, Paper, SlotBase, SlotStatus, Work
from enrich.sources.arxiv._policy import arxiv_policy
from enrich.sources.arxiv._source import ArxivSource
from enrich.sources.entry_links import is_arxiv_link, is_page_url
from enrich.sources.interface import Hint, SlotRequest, SourceSpec, Target

NAME = "arxiv"


def requests(entry: EntryBase, file: str) -> Iterator[SlotRequest]:
    if isinstance(entry, Paper):
        # The paper link first; an arXiv link among the entry's other links (the list
        # names the paper by its CVF or ACM page and links arXiv too) is a direct link too.
        others = (link.url for link in entry.links if link.role is LinkRole.ARXIV)
        hints = tuple(Hint(url, "link") for url in (entry.paper_url, *others) if url)
        yield SlotRequest(NAME, "arxiv", Target.of(entry, file, entry.title, entry.year, *hints))
    elif isinstance(entry, Work) and is_arxiv_link(entry.url):
        hint = Hint(entry.url or "", "link")
        yield SlotRequest(NAME, "arxiv", Target.of(entry, file, entry.label, entry.year, hint))
    elif isinstance(entry, Work) and is_page_url(entry.url):
        target = Target.of(entry, file, entry.label, entry.year)
        yield SlotRequest(NAME, "arxiv", target, waits=True)


def accepts(hint: Hint) -> bool:
    """An arXiv id or link found by another source (a project page)."""
    return extract_id(hint.value) is not None


def discovers(slot: SlotBase) -> tuple[Hint, ...]:
    """The paper arXiv found, for the others: OpenAlex looks it up by its arXiv DOI.

    Handed on whatever found it (the list's link, another link, a title
    search): a paper the list names only by its CVF page, or whose title
    OpenAlex holds twice, is then found by DOI in a later pass.
    """
    record = getattr(slot, "record", None)
    if slot.status != SlotStatus.OK or not isinstance(record, ArxivRecord):
        return ()
    return (Hint(abs_url(record.id), "arxiv_record"),)


SPEC = SourceSpec(
    name=NAME,
    build=ArxivSource,
    requests=requests,
    accepts=accepts,
    discovers=discovers,
    policy=arxiv_policy,
)
