"""How the door treats GitHub's REST and GraphQL APIs: token, quota, body cap.

The token (``GITHUB_TOKEN``) travels as ``Authorization: Bearer`` to GitHub
only (never to another origin, the cache or a log). GitHub's limits are told
by its ``x-ratelimit-*`` headers per resource (REST ``core``, ``search``,
``graphql``); a secondary limit without ``Retry-After`` is waited out for a
minute, as GitHub's documentation advises.
"""

from __future__ import annotations

from collections.abc import Callable

from enrich.http.deadlines import api_deadline
from enrich.http.policy import Auth, ServicePolicy
from enrich.http.ratelimit import HeaderQuota, QuotaRules
from enrich.settings import Settings
from enrich.sources.github._settings import GithubSettings

SERVICE = "github"
SECONDARY_WAIT = 60.0  # GitHub: "wait at least one minute before retrying"
GIVE_UP_UNREACHABLE = 3


def resource_of(graphql_url: str) -> Callable[[str], str]:
    """Which of GitHub's quota buckets a URL draws from."""

    def resource(url: str) -> str:
        if url.split("?", 1)[0].rstrip("/") == graphql_url.rstrip("/"):
            return "graphql"
        return "search" if "/search/" in url else "core"

    return resource


def github_policy(settings: Settings) -> ServicePolicy:
    """The door's rules for GitHub."""
    own = settings.of(GithubSettings)
    rules = QuotaRules(
        label=SERVICE,
        title="GitHub",
        max_wait=own.max_rate_limit_wait,
        secondary_wait=SECONDARY_WAIT,
        resource_of=resource_of(own.graphql_url),
    )
    token = own.token
    return ServicePolicy(
        name=SERVICE,
        freshness=own.freshness,
        max_body_bytes=own.max_bytes,
        max_redirects=own.max_redirects,
        quota=lambda clock: HeaderQuota(rules, clock),
        auth=Auth("Authorization", f"Bearer {token}", token) if token else None,
        give_up_unreachable=GIVE_UP_UNREACHABLE,
        deadline=api_deadline(settings, extra=own.max_rate_limit_wait),
    )
