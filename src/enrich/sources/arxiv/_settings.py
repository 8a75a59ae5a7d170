"""arXiv's own settings: endpoint, pacing, body cap, freshness, redirect limit.

arXiv records change rarely (a new version now and then); a title search may
find a paper that appears tomorrow, and an empty search is asked again
sooner still.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from enrich.settings import DAY, SourceSettings, Variable


@dataclass(frozen=True)
class ArxivSettings(SourceSettings):
    """How this run talks to the arXiv API."""

    VARIABLES: ClassVar[tuple[Variable, ...]] = (
        Variable("ENRICH_ARXIV_API_URL", "api_url", endpoint=True),
        Variable("ENRICH_ARXIV_DELAY", "delay", pacing=True),
    )

    api_url: str = "https://export.arxiv.org/api/query"
    delay: float = 3.0  # arXiv's terms of use: one request every 3 s
    max_bytes: int = 10_000_000  # decompressed; a 100-record feed is about 0.4 MB
    record_freshness: float = 21 * DAY
    search_freshness: float = 3 * DAY
    search_empty_freshness: float = 1 * DAY
