"""How the pipeline uses the OpenAlex source: every paper, arXiv or not.

A paper always asks OpenAlex: by its link when that names a DOI, an arXiv id
or an OpenAlex work, else by title. Researchers' works do not (their entry
model has no ``openalex`` slot, and a work's label, "SadTalker", is too thin
to search by). An arXiv id or DOI that another source finds (on a project
page) is an identity here too, for a paper the first pass left unresolved.
"""

from __future__ import annotations

from collections.abc import Iterator

from enrich.identity.arxiv import extract_id
from enrich.identity.doi import extract_doi
from enrich.models import EntryBase, Paper
from enrich.sources.interface import Hint, SlotRequest, SourceSpec, Target
from enrich.sources.openalex._policy import SERVICE, openalex_policy
from enrich.sources.openalex._settings import OpenalexSettings
from enrich.sources.openalex._source import OpenalexSource


def names_a_paper(value: str | None) -> bool:
    """Whether a link or id names a paper OpenAlex can be asked for directly."""
    return bool(value) and (
        extract_id(value or "") is not None or extract_doi(value or "") is not None
    )


def requests(entry: EntryBase, file: str) -> Iterator[SlotRequest]:
    if isinstance(entry, Paper):
        hints = (Hint(entry.paper_url, "link"),) if entry.paper_url else ()
        yield SlotRequest(
            SERVICE, "openalex", Target.of(entry, file, entry.title, entry.year, *hints)
        )


def accepts(hint: Hint) -> bool:
    """An arXiv id or a DOI found by another source."""
    return names_a_paper(hint.value)


SPEC = SourceSpec(
    name=SERVICE,
    build=OpenalexSource,
    requests=requests,
    accepts=accepts,
    policy=openalex_policy,
    settings=OpenalexSettings,
)
