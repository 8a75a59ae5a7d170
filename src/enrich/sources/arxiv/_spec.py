"""How the pipeline uses the arXiv source: which slots, from which links.

A paper always asks arXiv (by its link, else by title search), and so does a
researcher's work, with its label as title: a work is told like a paper (the
same link checks, searches and warnings at its line), and a project page that
links a paper gives both the same second pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from enrich.identity.arxiv import abs_url, extract_id
from enrich.models import ArxivRecord, EntryBase, LinkRole, Paper, SlotBase, SlotStatus, Work
from enrich.sources.arxiv._policy import SERVICE, arxiv_policy
from enrich.sources.arxiv._settings import ArxivSettings
from enrich.sources.arxiv._source import ArxivSource
from enrich.sources.interface import Hint, SlotRequest, SourceSpec, Target


def requests(entry: EntryBase, file: str) -> Iterator[SlotRequest]:
    if isinstance(entry, Paper):
        # The paper link first; an arXiv link among the entry's other links (the list
        # names the paper by its CVF or ACM page and links arXiv too) is a direct link too.
        others = (link.url for link in entry.links if link.role is LinkRole.ARXIV)
        hints = tuple(Hint(url, "link") for url in (entry.paper_url, *others) if url)
        yield SlotRequest(SERVICE, "arxiv", Target.of(entry, file, entry.title, entry.year, *hints))
    elif isinstance(entry, Work):
        # Told like a paper: its link is its paper link (an arXiv link is fetched, any
        # other is evidence of the method's name for the title search), its label its title.
        hints = (Hint(entry.url, "link"),) if entry.url else ()
        yield SlotRequest(SERVICE, "arxiv", Target.of(entry, file, entry.label, entry.year, *hints))


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
    name=SERVICE,
    build=ArxivSource,
    requests=requests,
    accepts=accepts,
    discovers=discovers,
    settings=ArxivSettings,
    policy=arxiv_policy,
)
