"""What to ask OpenAlex for each target, and in how few requests. Pure: no network.

A paper is found by the strongest identity its hints carry, most trusted
hint first:

- **an OpenAlex work id** (``openalex.org/W123``): a singleton, which is free;
- **a DOI** (a doi.org link, a publisher page with the DOI in its path): one
  value of a ``filter=doi:a|b|...`` batch;
- **an arXiv id** in any form: its DataCite DOI ``10.48550/arXiv.<id>``,
  batched like any DOI;
- **otherwise its title**, searched, and accepted only by
  :mod:`enrich.sources.openalex._match`.

Batches hold :data:`DOI_BATCH` DOIs (OpenAlex documents up to 100 values per
OR filter; its 2021 blog post said 50), sorted, so a run of N identified
papers costs ceil(N/100) filter requests (plus a cursor page where DOIs
are held twice) and the same papers always make the same batches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from enrich.identity.arxiv import extract_id
from enrich.identity.doi import extract_doi
from enrich.matching.titles import query_terms
from enrich.sources.interface import Hint, Target

DOI_BATCH = 100
ARXIV_DOI_PREFIX = "10.48550/arxiv."
_WORK_ID = re.compile(r"^https?://(?:api\.)?openalex\.org/(?:works/)?(W\d+)/?$", re.I)


@dataclass(frozen=True)
class Lookup:
    """How one target will be looked up: by work id, by DOI, by title, or not at all."""

    target: Target
    work_id: str | None = None
    doi: str | None = None
    hint: Hint | None = None  # the hint the identity came from
    query: tuple[str, ...] = ()  # title words to search, when there is no identity

    @property
    def identified(self) -> bool:
        return self.work_id is not None or self.doi is not None


def arxiv_doi(arxiv_id: str) -> str:
    """The DataCite DOI arXiv registers for every paper, lower-case like every DOI here."""
    return f"{ARXIV_DOI_PREFIX}{arxiv_id.lower()}"


def is_arxiv_doi(doi: str) -> bool:
    """An arXiv paper's DOI: the arXiv source already checks such a link against the title."""
    return doi.startswith(ARXIV_DOI_PREFIX)


def _work_id(value: str) -> str | None:
    match = _WORK_ID.match(value.strip())
    return match.group(1).upper() if match else None


def lookup_for(target: Target) -> Lookup:
    """The lookup the target's most trusted usable hint allows, else a title search."""
    for hint in target.hints:
        work_id = _work_id(hint.value)
        if work_id is not None:
            return Lookup(target, work_id=work_id, hint=hint)
        arxiv = extract_id(hint.value)
        if arxiv is not None:
            return Lookup(target, doi=arxiv_doi(arxiv.id), hint=hint)
        doi = extract_doi(hint.value)
        if doi is not None:
            return Lookup(target, doi=doi, hint=hint)
    return Lookup(target, query=query_terms(target.title) if target.title else ())


def _chunks(items: Sequence[str], size: int) -> list[tuple[str, ...]]:
    return [tuple(items[i : i + size]) for i in range(0, len(items), size)]


def doi_batches(dois: Iterable[str], size: int = DOI_BATCH) -> list[tuple[str, ...]]:
    """Distinct DOIs, sorted, in batches of ``size``."""
    return _chunks(sorted(set(dois)), size)


def doi_filter(batch: Sequence[str]) -> str:
    """``doi:a|b|c`` — OpenAlex ORs the values of one filter with ``|``.

    A DOI from :func:`enrich.identity.doi.extract_doi` never holds ``,`` (which
    separates filters) or ``|``, so every DOI can be one value.
    """
    return "doi:" + "|".join(batch)


def title_filter(query: Sequence[str]) -> str:
    """``title.search:words`` — only letters and digits reach it (see ``query_terms``)."""
    return "title.search:" + " ".join(query)
