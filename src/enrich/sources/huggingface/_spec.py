"""How the pipeline uses the Hugging Face source: every paper with an arXiv id.

A paper linked to arXiv (its paper link or another arXiv link) asks at
once; any other paper waits until another source finds its arXiv id (arXiv's
title search), then asks in a later pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from enrich.identity.arxiv import extract_id
from enrich.models import EntryBase, LinkRole, Paper
from enrich.sources.huggingface._policy import SERVICE, huggingface_policy
from enrich.sources.huggingface._settings import HuggingfaceSettings
from enrich.sources.huggingface._source import HuggingfaceSource
from enrich.sources.interface import Hint, SlotRequest, SourceSpec, Target


def requests(entry: EntryBase, file: str) -> Iterator[SlotRequest]:
    if not isinstance(entry, Paper):
        return
    others = (link.url for link in entry.links if link.role is LinkRole.ARXIV)
    urls = (url for url in (entry.paper_url, *others) if url and extract_id(url))
    hints = tuple(Hint(url, "link") for url in urls)
    target = Target.of(entry, file, entry.title, entry.year, *hints)
    yield SlotRequest(SERVICE, "huggingface", target, waits=not hints)


def accepts(hint: Hint) -> bool:
    """An arXiv id another source found (arXiv's title search, a project page)."""
    return extract_id(hint.value) is not None


SPEC = SourceSpec(
    name=SERVICE,
    build=HuggingfaceSource,
    requests=requests,
    accepts=accepts,
    policy=huggingface_policy,
    settings=HuggingfaceSettings,
)
