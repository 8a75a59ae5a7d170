"""Hugging Face's own settings: endpoint, pacing, body cap, freshness, redirect limit.

The paper API is public and keyless. The Hub counts requests per IP in
5-minute windows; an anonymous caller gets 500 "Hub API" requests per window
(*Hub Rate limits*, https://huggingface.co/docs/hub/rate-limits), one every
0.6 s, so the default spacing keeps a fifth below that. Upvotes and linked
artifacts move daily at most for an old paper: three days of freshness.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from enrich.settings import DAY, SourceSettings, Variable

HUB_WINDOW_SECONDS = 300.0
ANONYMOUS_REQUESTS_PER_WINDOW = 500
SHARE = 0.8  # use at most this share of the allowance


@dataclass(frozen=True)
class HuggingfaceSettings(SourceSettings):
    """How this run talks to Hugging Face's paper API."""

    VARIABLES: ClassVar[tuple[Variable, ...]] = (
        Variable("ENRICH_HUGGINGFACE_API_URL", "api_url", endpoint=True),
        Variable("ENRICH_HUGGINGFACE_DELAY", "delay", pacing=True),
    )

    api_url: str = "https://huggingface.co"
    delay: float = HUB_WINDOW_SECONDS / (ANONYMOUS_REQUESTS_PER_WINDOW * SHARE)  # 0.75 s
    max_bytes: int = 2_000_000  # a paper with a long author list is a few kB
    freshness: float = 3 * DAY
    list_limit: int = 100  # linked artifacts counted up to this many of each kind
