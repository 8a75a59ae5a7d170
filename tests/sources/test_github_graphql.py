"""Building aliased GraphQL batches and reading data beside errors (no network)."""

from __future__ import annotations

import re

from enrich.identity.github import RepoRef
from enrich.models import GithubRecord, GithubRelease
from enrich.sources.github._graphql import BatchResult, RateLimit, build_query, parse_response

NODE = {
    "databaseId": 7,
    "nameWithOwner": "OpenTalker/SadTalker",
    "url": "https://github.com/OpenTalker/SadTalker",
    "description": "talking heads",
    "homepageUrl": "",
    "stargazerCount": 12000,
    "forkCount": 2000,
    "watchers": {"totalCount": 150},
    "issues": {"totalCount": 600},
    "isArchived": False,
    "isFork": False,
    "createdAt": "2022-11-21T05:00:00Z",
    "pushedAt": "2024-06-01T10:00:00Z",
    "licenseInfo": {"spdxId": "Apache-2.0"},
    "primaryLanguage": {"name": "Python"},
    "repositoryTopics": {"nodes": [{"topic": {"name": "talking-head"}}, {"topic": {"name": "a"}}]},
    "latestRelease": {"tagName": "v0.0.2", "publishedAt": "2023-04-01T00:00:00Z"},
}
RECORD = GithubRecord(
    repo_id=7,
    full_name="OpenTalker/SadTalker",
    url="https://github.com/OpenTalker/SadTalker",
    stars=12000,
    forks=2000,
    watchers=150,
    open_issues=600,
    description="talking heads",
    homepage=None,
    topics=("a", "talking-head"),
    license="Apache-2.0",
    language="Python",
    archived=False,
    fork=False,
    created="2022-11-21T05:00:00Z",
    pushed="2024-06-01T10:00:00Z",
    latest_release=GithubRelease(tag="v0.0.2", published="2023-04-01T00:00:00Z"),
)
RATE = {"cost": 1, "remaining": 4990, "resetAt": "2030-01-01T00:00:00Z"}


def test_query_uses_aliases_and_variables() -> None:
    refs = [RepoRef("a", "b"), RepoRef("O'Brien", "x}y")]
    query, variables = build_query(refs)
    assert variables == {"o0": "a", "n0": "b", "o1": "O'Brien", "n1": "x}y"}
    assert re.findall(r"(r\d+): repository\(owner: \$(o\d+), name: \$(n\d+)\)", query) == [
        ("r0", "o0", "n0"),
        ("r1", "o1", "n1"),
    ]
    assert "O'Brien" not in query  # list text never enters the query
    assert "rateLimit { cost remaining resetAt }" in query
    assert "query Repos($o0: String!, $n0: String!, $o1: String!, $n1: String!)" in query


def test_not_found_beside_partial_data() -> None:
    message = "Could not resolve to a Repository with the name 'gone/repo'."
    payload = {
        "data": {"rateLimit": RATE, "r0": NODE, "r1": None},
        "errors": [{"type": "NOT_FOUND", "path": ["r1"], "message": message}],
    }
    assert parse_response(payload, 2) == BatchResult(
        records={0: RECORD},
        not_found={1: message},
        failed={},
        rate=RateLimit(cost=1, remaining=4990, reset_at="2030-01-01T00:00:00Z"),
    )


def test_rate_limited_error_stops_the_batch() -> None:
    payload = {"errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded"}]}
    assert parse_response(payload, 2) == BatchResult(
        batch_error="API rate limit exceeded", rate_limited=True
    )


def test_too_costly_query_asks_for_a_split() -> None:
    payload = {"errors": [{"type": "MAX_NODE_LIMIT_EXCEEDED", "message": "Query has too costly"}]}
    result = parse_response(payload, 3)
    assert result == BatchResult(batch_error="Query has too costly", too_big=True)


def test_other_alias_errors_fail_only_that_alias() -> None:
    payload = {
        "data": {"rateLimit": RATE, "r0": None, "r1": NODE},
        "errors": [{"type": "FORBIDDEN", "path": ["r0", "issues"], "message": "no access"}],
    }
    result = parse_response(payload, 3)
    assert result.records == {1: RECORD}
    assert result.failed == {0: "no access", 2: "GraphQL answer has no r2"}
    assert result.batch_error is None


def test_garbage_is_a_batch_error() -> None:
    assert parse_response([1, 2], 1) == BatchResult(
        batch_error="GraphQL answer is not a JSON object"
    )


def test_both_spellings_of_a_spent_quota_are_rate_limiting() -> None:
    for kind in ("RATE_LIMITED", "RATE_LIMIT"):
        payload = {"errors": [{"type": kind, "message": "API rate limit exceeded"}]}
        result = parse_response(payload, 2)
        assert (result.rate_limited, result.too_big) == (True, False), kind
        assert result.batch_error == "API rate limit exceeded"
