"""Batch repository lookups for GitHub's GraphQL API. Pure: builds and parses.

One query asks for many repositories through aliases (``r0``, ``r1``...), with
owners and names passed as variables so no list text is ever spliced into the
query. The answer may hold data and ``errors`` side by side: a missing
repository is a ``null`` alias plus a ``NOT_FOUND`` error whose ``path`` names
the alias, while the other aliases are filled. PyGithub's ``graphql_query``
throws such partial data away, so the source posts the query itself and this
module reads both halves.

Errors that do not name an alias concern the whole batch: a spent quota
(``RATE_LIMITED``, and ``RATE_LIMIT``, which GitHub has sent too: githubkit
issue 271), or a query that is too big or too costly, which the source
answers by splitting the batch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from enrich.identity.github import RepoRef
from enrich.models import GithubRecord
from enrich.redact import redact
from enrich.sources.github._answers import UnusableAnswer, record_from_graphql
from enrich.sources.unreadable import unreadable_reason

BATCH_SIZE = 50  # users report 50-100 flat lookups per query as reliable

_FIELDS = """
  databaseId nameWithOwner url description homepageUrl
  stargazerCount forkCount watchers { totalCount } issues(states: OPEN) { totalCount }
  isArchived isDisabled isEmpty isFork createdAt pushedAt
  licenseInfo { spdxId } primaryLanguage { name }
  repositoryTopics(first: 20) { nodes { topic { name } } }
  latestRelease { tagName publishedAt }
"""

# Error types GitHub uses for a spent quota.
RATE_LIMIT_TYPES = frozenset({"RATE_LIMITED", "RATE_LIMIT"})

# Whole-batch errors that a smaller batch may avoid.
_TOO_BIG_MARKERS = (
    "resource limits",
    "too costly",
    "max_node_limit",
    "timeout",
    "timed out",
    "complexity",
)


@dataclass(frozen=True)
class RateLimit:
    """The ``rateLimit`` object every query asks for."""

    cost: int | None
    remaining: int | None
    reset_at: str | None


@dataclass(frozen=True)
class BatchResult:
    """One query's answer, per alias index.

    ``batch_error`` is set when the batch failed as a whole; ``too_big`` tells
    whether splitting it may help, ``rate_limited`` whether the quota is spent.
    """

    records: Mapping[int, GithubRecord] = field(default_factory=dict)
    not_found: Mapping[int, str] = field(default_factory=dict)  # index -> GitHub's message
    failed: Mapping[int, str] = field(default_factory=dict)  # index -> error message
    rate: RateLimit | None = None
    batch_error: str | None = None
    too_big: bool = False
    rate_limited: bool = False


def build_query(refs: Sequence[RepoRef]) -> tuple[str, dict[str, str]]:
    """The aliased query and its variables for ``refs`` (alias ``r<i>`` is ``refs[i]``)."""
    declarations = ", ".join(f"$o{i}: String!, $n{i}: String!" for i in range(len(refs)))
    lookups = "\n".join(
        f"  r{i}: repository(owner: $o{i}, name: $n{i}) {{ ...Repo }}" for i in range(len(refs))
    )
    query = (
        f"query Repos({declarations}) {{\n"
        "  rateLimit { cost remaining resetAt }\n"
        f"{lookups}\n}}\n"
        f"fragment Repo on Repository {{{_FIELDS}}}\n"
    )
    variables: dict[str, str] = {}
    for i, ref in enumerate(refs):
        variables[f"o{i}"] = ref.owner
        variables[f"n{i}"] = ref.name
    return query, variables


def parse_response(payload: Any, count: int) -> BatchResult:
    """Read ``data`` and ``errors`` of an answer to a query built for ``count`` refs."""
    if not isinstance(payload, dict):
        return BatchResult(batch_error="GraphQL answer is not a JSON object")
    raw_data = payload.get("data")
    data: dict[str, Any] = raw_data if isinstance(raw_data, dict) else {}
    by_alias, general = _split_errors(payload.get("errors"))
    records: dict[int, GithubRecord] = {}
    not_found: dict[int, str] = {}
    failed: dict[int, str] = {}
    for i in range(count):
        alias = f"r{i}"
        node = data.get(alias)
        error = by_alias.get(alias)
        if node is not None:  # a node of any other shape is read, and refused, below
            _read_node(i, node, records, failed)
        elif error is not None and error[0] == "NOT_FOUND":
            not_found[i] = error[1]
        elif error is not None:
            failed[i] = error[1]
        elif not general:
            failed[i] = f"GraphQL answer has no {alias}"
    return _finish(records, not_found, failed, _rate(data.get("rateLimit")), general)


def _finish(
    records: dict[int, GithubRecord],
    not_found: dict[int, str],
    failed: dict[int, str],
    rate: RateLimit | None,
    general: list[tuple[str, str]],
) -> BatchResult:
    if not general:
        return BatchResult(records, not_found, failed, rate)
    message = "; ".join(text for _, text in general)
    rate_limited = any(kind.upper() in RATE_LIMIT_TYPES for kind, _ in general)
    lowered = message.lower() + " " + " ".join(kind.lower() for kind, _ in general)
    too_big = not rate_limited and any(marker in lowered for marker in _TOO_BIG_MARKERS)
    return BatchResult(records, not_found, failed, rate, message, too_big, rate_limited)


def _split_errors(errors: Any) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str]]]:
    """Errors by top-level alias, and the errors that concern the whole query."""
    by_alias: dict[str, tuple[str, str]] = {}
    general: list[tuple[str, str]] = []
    for error in errors if isinstance(errors, list) else []:
        if not isinstance(error, dict):
            continue
        kind = str(error.get("type") or "")
        # GitHub's text may echo what we sent (the Authorization header included).
        message = redact(str(error.get("message") or kind or "unknown GraphQL error"))
        path = error.get("path")
        if isinstance(path, list) and path and isinstance(path[0], str) and path[0] != "rateLimit":
            by_alias.setdefault(path[0], (kind, message))
        else:
            general.append((kind, message))
    return by_alias, general


def _rate(node: Any) -> RateLimit | None:
    if not isinstance(node, dict):
        return None
    return RateLimit(
        cost=_int(node.get("cost")),
        remaining=_int(node.get("remaining")),
        reset_at=node.get("resetAt") if isinstance(node.get("resetAt"), str) else None,
    )


def _read_node(
    index: int, node: Any, records: dict[int, GithubRecord], failed: dict[int, str]
) -> None:
    """One alias's node into ``records``, or its reason into ``failed``: the others go on."""
    try:
        records[index] = record_from_graphql(node)
    except UnusableAnswer as error:
        failed[index] = f"unusable repository node: {error}"
    except Exception as error:  # noqa: BLE001 - reported in the slot, traceback logged
        failed[index] = unreadable_reason("the repository node", error)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
