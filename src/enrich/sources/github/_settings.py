"""GitHub's own settings: REST and GraphQL endpoints, token, quota wait, body cap, freshness.

``GITHUB_API_URL``, ``GITHUB_GRAPHQL_URL`` and ``GITHUB_TOKEN`` are the
names GitHub Actions sets. Star and fork counts move hourly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from enrich.settings import HOUR, SourceSettings, Variable


@dataclass(frozen=True)
class GithubSettings(SourceSettings):
    """How this run talks to GitHub."""

    VARIABLES: ClassVar[tuple[Variable, ...]] = (
        Variable("GITHUB_API_URL", "api_url", endpoint=True),
        Variable("GITHUB_GRAPHQL_URL", "graphql_url", endpoint=True),
        Variable("GITHUB_TOKEN", "token", secret=True),
        Variable("ENRICH_MAX_RATE_LIMIT_WAIT", "max_rate_limit_wait"),
    )

    api_url: str = "https://api.github.com"
    graphql_url: str = "https://api.github.com/graphql"
    token: str | None = field(default=None, repr=False)
    max_rate_limit_wait: float = 60.0  # wait this long for a GitHub reset, no longer
    max_bytes: int = 10_000_000  # decompressed; a 50-repository GraphQL batch is about 0.2 MB
    freshness: float = 6 * HOUR
