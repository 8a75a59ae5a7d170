"""Turn a REST repository answer into a :class:`GithubRecord`. Pure.

Why PyGithub is used only as a data model: its ``Github.get_repo`` opens its
own connection, which would bypass the network door (cache, ETag revalidation,
retries, rate-limit handling, request counting). The door fetches the JSON;
:func:`record_from_rest` wraps it in PyGithub's ``Repository`` via
``Github.create_from_raw_data`` *with ``completed=True``*, so reading a missing
attribute returns ``None`` instead of triggering a lazy fetch, and PyGithub's
typed accessors (``license.spdx_id``, ``subscribers_count``...) stay the one
place that knows GitHub's REST field names. The ``Github`` object here is built
against an unroutable base URL and is never asked to send anything.

Dates are taken from the raw JSON rather than PyGithub's ``datetime`` values,
so REST and GraphQL records carry GitHub's own ISO 8601 strings identically.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from github import Github
from github.Repository import Repository

from enrich.models import GithubRecord

# Never contacted: PyGithub needs a base URL to build its (idle) requester.
_INERT_BASE_URL = "http://127.0.0.1:9"


@lru_cache(maxsize=1)
def _factory() -> Github:
    return Github(base_url=_INERT_BASE_URL, retry=None)


def record_from_rest(raw: Mapping[str, Any]) -> GithubRecord:
    """The record for a ``GET /repos/{owner}/{repo}`` (or ``/repositories/{id}``) body."""
    repo: Repository = _factory().create_from_raw_data(Repository, dict(raw))
    license_ = repo.license
    return GithubRecord(
        repo_id=repo.id,
        full_name=repo.full_name,
        url=repo.html_url or f"https://github.com/{repo.full_name}",
        stars=repo.stargazers_count,
        forks=repo.forks_count,
        watchers=repo.subscribers_count,  # watchers_count is the star count
        open_issues=repo.open_issues_count,
        description=repo.description or None,
        homepage=repo.homepage or None,
        topics=tuple(sorted(repo.topics or ())),
        license=(license_.spdx_id or None) if license_ is not None else None,
        language=repo.language or None,
        archived=repo.archived,
        disabled=raw.get("disabled") if isinstance(raw.get("disabled"), bool) else None,
        empty=repo.size == 0 if isinstance(raw.get("size"), int) else None,  # size in KB
        fork=repo.fork,
        created=_text(raw.get("created_at")),
        pushed=_text(raw.get("pushed_at")),
        latest_release=None,  # another request per repository; not spent without a token
    )


@dataclass(frozen=True)
class RestQuota:
    """The primary-limit headers of one REST answer."""

    limit: int | None
    remaining: int | None
    reset: int | None  # epoch seconds


def quota_of(headers: Mapping[str, str]) -> RestQuota:
    """Read ``x-ratelimit-*`` (lower-case header names, as the door gives them)."""
    return RestQuota(
        limit=_number(headers.get("x-ratelimit-limit")),
        remaining=_number(headers.get("x-ratelimit-remaining")),
        reset=_number(headers.get("x-ratelimit-reset")),
    )


def _number(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
