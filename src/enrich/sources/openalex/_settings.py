"""OpenAlex's own settings: endpoint, key, freshness, redirect limit.

The endpoint, so tests and benchmarks point it at a local fake; the key,
free since February 2026 and secret (the door sends it as the ``api_key``
query parameter, never into the cache or a log). Without a key OpenAlex
still answers, from a small daily allowance its headers state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from enrich.settings import DAY, SourceSettings, Variable


@dataclass(frozen=True)
class OpenalexSettings(SourceSettings):
    """How this run talks to OpenAlex."""

    VARIABLES: ClassVar[tuple[Variable, ...]] = (
        Variable("ENRICH_OPENALEX_API_URL", "api_url", endpoint=True),
        Variable("OPENALEX_API_KEY", "api_key", secret=True),
    )

    api_url: str = "https://api.openalex.org"
    api_key: str | None = field(default=None, repr=False)
    freshness: float = 7 * DAY  # citation counts move slowly; the allowance is daily
