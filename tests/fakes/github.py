"""A local fake GitHub (REST + GraphQL) on 127.0.0.1, in GitHub's own formats.

Built from a dict of repositories (``full_name -> facts``, each with a numeric
``id``) and an optional dict of renames (``old full_name -> current``). It
answers, the way api.github.com does:

- ``GET /repos/{owner}/{repo}``: case-insensitive names; an old name answers
  **301** with ``Location: <own base>/repositories/{id}``; an unknown one 404
  with GitHub's JSON body; ``GET /repositories/{id}``; weak ``ETag`` and
  ``If-None-Match`` -> 304 (free); ``x-ratelimit-*`` headers whose remaining
  count goes down with every counted request, and a 403 once it reaches 0.
- ``POST /graphql``: a bearer token is required (401 otherwise); aliased
  ``alias: repository(owner: $oN, name: $nN)`` lookups are read with their
  variables; renames are followed; a missing repository is ``null`` beside the
  other aliases plus a ``NOT_FOUND`` error naming the alias; ``rateLimit`` is
  answered. Every repository node carries every field the source asks for
  (the selection set is not interpreted).

Fault switches (attributes, change them between runs): ``secondary_limits``
(the next N requests get GitHub's secondary-limit 403 with ``Retry-After``),
``exhausted`` (primary quota spent: 403 / GraphQL ``RATE_LIMITED``, reset in
the future), ``fail_batches_over`` (502 for GraphQL batches larger than N),
``costly_over`` (a "too costly" error for batches larger than N) and
``latency`` (seconds before every answer); ``clock`` (what the quota's
``x-ratelimit-reset`` counts from: a test's own clock). Every request is recorded in
:attr:`FakeGithub.requests` for counting.

Usable outside pytest (benchmarks, subprocess end-to-end runs)::

    with FakeGithub(SEED_REPOS, renames=SEED_RENAMES) as fake:
        settings = Settings(sources=(fake.source_settings(),))
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from werkzeug import Request, Response

from enrich.sources.github import GithubSettings
from tests.fakes.server import FakeService, QuickStopHTTPServer

DOCS = "https://docs.github.com/rest/repos/repos#get-a-repository"
RESET_IN = 3600
_LOOKUP = re.compile(r"(\w+)\s*:\s*repository\(\s*owner:\s*\$(\w+)\s*,\s*name:\s*\$(\w+)\s*\)")


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake answered."""

    method: str
    path: str
    status: int
    aliases: int = 0  # repository lookups in a GraphQL query
    conditional: bool = False  # sent with If-None-Match


class FakeGithub(FakeService):
    """See the module docstring."""

    def __init__(
        self,
        repos: Mapping[str, Mapping[str, Any]],
        *,
        renames: Mapping[str, str] | None = None,
        token: str = "test-token",
        rest_limit: int = 60,
        graphql_limit: int = 5000,
    ) -> None:
        self.repos = {name.lower(): (name, dict(facts)) for name, facts in repos.items()}
        self.by_id = {facts["id"]: name.lower() for name, facts in repos.items()}
        self.renames = {old.lower(): new.lower() for old, new in (renames or {}).items()}
        self.token = token
        self.rest_limit = rest_limit
        self.rest_remaining = rest_limit
        self.graphql_remaining = graphql_limit
        self.secondary_limits = 0
        self.secondary_retry_after = "1"
        self.exhausted = False
        self.fail_batches_over: int | None = None
        self.costly_over: int | None = None
        self.latency = 0.0
        self.clock: Callable[[], float] = time.time
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self.server = QuickStopHTTPServer(host="127.0.0.1", port=0)
        self.server.expect_request(re.compile(".*")).respond_with_handler(self._handle)

    # ------------------------------------------------------------------ life

    @property
    def api_url(self) -> str:
        return self.server.url_for("").rstrip("/")

    @property
    def graphql_url(self) -> str:
        return self.api_url + "/graphql"

    def source_settings(self, token: str | None = None) -> GithubSettings:
        """GitHub's settings pointed at this fake; with a token (``fake.token``) it uses GraphQL."""
        return GithubSettings(api_url=self.api_url, graphql_url=self.graphql_url, token=token)

    def count(self, method: str | None = None, status: int | None = None) -> int:
        """How many requests were answered (optionally of one method / status)."""
        return sum(
            1
            for r in self.requests
            if (method is None or r.method == method) and (status is None or r.status == status)
        )

    # --------------------------------------------------------------- routing
    def _handle(self, request: Request) -> Response:
        if self.latency:
            time.sleep(self.latency)
        with self._lock:
            response, aliases = self._route(request)
            conditional = "If-None-Match" in request.headers
            self.requests.append(
                RecordedRequest(
                    request.method, request.path, response.status_code, aliases, conditional
                )
            )
        return response

    def _route(self, request: Request) -> tuple[Response, int]:
        if request.method == "POST" and request.path == "/graphql":
            return self._graphql(request)
        if request.method != "GET":
            return _json({"message": "Not Found", "documentation_url": DOCS}, 404), 0
        if self.secondary_limits > 0:
            self.secondary_limits -= 1
            return self._secondary(), 0
        if self.exhausted or self.rest_remaining <= 0:
            return self._rest_exhausted(), 0
        return self._rest(request), 0

    # ------------------------------------------------------------------ REST
    def _rest(self, request: Request) -> Response:
        match = re.fullmatch(r"/repos/([^/]+)/([^/]+)/?", request.path)
        by_id = re.fullmatch(r"/repositories/(\d+)/?", request.path)
        if match:
            wanted = f"{match.group(1)}/{match.group(2)}".lower()
            if wanted in self.renames:
                return self._moved(self.renames[wanted])
            key = wanted if wanted in self.repos else None
        elif by_id:
            key = self.by_id.get(int(by_id.group(1)))
        else:
            key = None
        if key is None:
            return self._counted(_json(not_found_body(), 404))
        body = json.dumps(self.rest_json(key), sort_keys=True).encode()
        etag = 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if etag in request.headers.get("If-None-Match", ""):
            return self._with_quota(Response(status=304, headers={"ETag": etag}))
        response = Response(body, status=200, content_type="application/json; charset=utf-8")
        response.headers["ETag"] = etag
        return self._counted(response)

    def _moved(self, current: str) -> Response:
        repo_id = self.repos[current][1]["id"]
        location = f"{self.api_url}/repositories/{repo_id}"
        body = {"message": "Moved Permanently", "url": location, "documentation_url": DOCS}
        response = _json(body, 301)
        response.headers["Location"] = location
        return self._counted(response)

    def _counted(self, response: Response) -> Response:
        self.rest_remaining -= 1
        return self._with_quota(response)

    def _with_quota(self, response: Response) -> Response:
        headers = {
            "x-ratelimit-limit": str(self.rest_limit),
            "x-ratelimit-remaining": str(max(self.rest_remaining, 0)),
            "x-ratelimit-used": str(self.rest_limit - max(self.rest_remaining, 0)),
            "x-ratelimit-reset": str(int(self.clock()) + RESET_IN),
            "x-ratelimit-resource": "core",
        }
        response.headers.update(headers)
        return response

    def _rest_exhausted(self) -> Response:
        message = "API rate limit exceeded for 127.0.0.1. (But here's the good news: ...)"
        body = {"message": message, "documentation_url": DOCS}
        self.rest_remaining = 0
        return self._with_quota(_json(body, 403))

    def _secondary(self) -> Response:
        message = (
            "You have exceeded a secondary rate limit. Please wait a few minutes before you "
            "try again. If you reach out to GitHub Support for help, please include the "
            "request ID 0000:0000:0000."
        )
        response = _json({"message": message, "documentation_url": DOCS}, 403)
        response.headers["Retry-After"] = self.secondary_retry_after
        return response

    def rest_json(self, key: str) -> dict[str, Any]:
        """GitHub's REST repository JSON for a stored repository."""
        name, facts = self.repos[key]
        owner = name.split("/")[0]
        license_ = facts.get("license")
        return {
            "id": facts["id"],
            "node_id": f"R_{facts['id']}",
            "name": name.split("/")[1],
            "full_name": name,
            "private": False,
            "owner": {"login": owner, "id": facts["id"] + 1, "type": "User"},
            "html_url": f"https://github.com/{name}",
            "url": f"{self.api_url}/repos/{name}",
            "description": facts.get("description"),
            "homepage": facts.get("homepage"),
            "fork": facts.get("fork", False),
            "created_at": facts.get("created"),
            "updated_at": facts.get("pushed"),
            "pushed_at": facts.get("pushed"),
            "stargazers_count": facts.get("stars", 0),
            "watchers_count": facts.get("stars", 0),
            "subscribers_count": facts.get("watchers", 0),
            "forks_count": facts.get("forks", 0),
            "open_issues_count": facts.get("open_issues", 0),
            "language": facts.get("language"),
            "archived": facts.get("archived", False),
            "disabled": facts.get("disabled", False),
            "size": 0 if facts.get("empty") else 1024,
            "topics": list(facts.get("topics", ())),
            "license": (
                {"key": license_.lower(), "name": license_, "spdx_id": license_}
                if license_
                else None
            ),
            "default_branch": "main",
        }

    # --------------------------------------------------------------- GraphQL
    def _graphql(self, request: Request) -> tuple[Response, int]:
        if request.headers.get("Authorization", "").lower() != f"bearer {self.token}".lower():
            body = {
                "message": "Bad credentials",
                "documentation_url": "https://docs.github.com/graphql",
            }
            return _json(body, 401), 0
        payload = json.loads(request.get_data() or b"{}")
        variables = payload.get("variables") or {}
        lookups = _LOOKUP.findall(payload.get("query", ""))
        if self.secondary_limits > 0:
            self.secondary_limits -= 1
            return self._secondary(), len(lookups)
        return self._graphql_answer(lookups, variables), len(lookups)

    def _graphql_answer(
        self, lookups: list[tuple[str, str, str]], variables: dict[str, str]
    ) -> Response:
        if self.exhausted:
            error = {"type": "RATE_LIMITED", "message": "API rate limit exceeded for user ID 1."}
            response = _json({"errors": [error]}, 200)
            response.headers["x-ratelimit-remaining"] = "0"
            response.headers["x-ratelimit-reset"] = str(int(self.clock()) + RESET_IN)
            return response
        if self.fail_batches_over is not None and len(lookups) > self.fail_batches_over:
            message = (
                "Something went wrong while executing your query. This may be the result of a "
                "timeout, or it could be a GitHub bug. Please include `0000:0000` when reporting."
            )
            return _json({"data": None, "errors": [{"message": message}]}, 502)
        if self.costly_over is not None and len(lookups) > self.costly_over:
            error = {"type": "MAX_NODE_LIMIT_EXCEEDED", "message": "Query has too costly"}
            return _json({"errors": [error]}, 200)
        self.graphql_remaining -= 1
        data: dict[str, Any] = {
            "rateLimit": {
                "cost": 1,
                "remaining": self.graphql_remaining,
                "resetAt": "2030-01-01T00:00:00Z",
            }
        }
        errors = []
        for alias, owner_var, name_var in lookups:
            wanted = f"{variables.get(owner_var)}/{variables.get(name_var)}"
            key = self.renames.get(wanted.lower(), wanted.lower())
            data[alias] = self.graphql_node(key) if key in self.repos else None
            if key not in self.repos:
                errors.append(
                    {
                        "type": "NOT_FOUND",
                        "path": [alias],
                        "locations": [{"line": 1, "column": 1}],
                        "message": f"Could not resolve to a Repository with the name '{wanted}'.",
                    }
                )
        return _json({"data": data, **({"errors": errors} if errors else {})}, 200)

    def graphql_node(self, key: str) -> dict[str, Any]:
        """GitHub's GraphQL repository node for a stored repository."""
        name, facts = self.repos[key]
        release = facts.get("release")
        return {
            "databaseId": facts["id"],
            "nameWithOwner": name,
            "url": f"https://github.com/{name}",
            "description": facts.get("description"),
            "homepageUrl": facts.get("homepage"),
            "stargazerCount": facts.get("stars", 0),
            "forkCount": facts.get("forks", 0),
            "watchers": {"totalCount": facts.get("watchers", 0)},
            "issues": {"totalCount": facts.get("open_issues", 0)},
            "isArchived": facts.get("archived", False),
            "isDisabled": facts.get("disabled", False),
            "isEmpty": facts.get("empty", False),
            "isFork": facts.get("fork", False),
            "createdAt": facts.get("created"),
            "pushedAt": facts.get("pushed"),
            "licenseInfo": {"spdxId": facts["license"]} if facts.get("license") else None,
            "primaryLanguage": {"name": facts["language"]} if facts.get("language") else None,
            "repositoryTopics": {
                "nodes": [{"topic": {"name": t}} for t in facts.get("topics", ())]
            },
            "latestRelease": (
                {"tagName": release[0], "publishedAt": release[1]} if release else None
            ),
        }


def not_found_body() -> dict[str, str]:
    return {"message": "Not Found", "documentation_url": DOCS, "status": "404"}


def _json(body: Any, status: int) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json; charset=utf-8")
