"""Fetch repositories with a token: aliased GraphQL batches through the door.

Batches of :data:`~enrich.sources.github._graphql.BATCH_SIZE` keep 1,000
repositories to about 20 requests. A batch that fails as a whole (502/504, a
timeout that outlasts the door's retries, "resource limits exceeded" / "too
costly") is split in halves and each half retried, down to single lookups, so
one heavy repository cannot sink 49 others. A spent quota (the door's
:class:`~enrich.errors.RateLimited`, or GraphQL's ``RATE_LIMITED`` error in a
200) stops the fetch: everything not yet fetched is *skipped*, never zeroed.
The POST is sent without a cache key: answers are cached per repository by
:class:`~enrich.sources.github._cache.RepoCache` instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from enrich.errors import NetworkError, RetriesExhausted
from enrich.http.types import Door, Response
from enrich.identity.github import RepoRef
from enrich.settings import Settings
from enrich.sources.github._graphql import BATCH_SIZE, BatchResult, build_query, parse_response
from enrich.sources.github._plan import Found, Lookup
from enrich.sources.github._policy import SERVICE
from enrich.sources.github._settings import GithubSettings
from enrich.sources.interface import door_failure
from enrich.sources.unreadable import unreadable_reason

_SPLIT_STATUSES = frozenset({502, 503, 504})


class GraphqlFetcher:
    """Looks repositories up in GraphQL batches; counts what it sent for the run report."""

    def __init__(self, door: Door, settings: Settings, batch_size: int = BATCH_SIZE) -> None:
        self.door = door
        own = settings.of(GithubSettings)
        self.url = own.graphql_url
        self.headers = {"Authorization": f"bearer {own.token}"}
        self.batch_size = batch_size
        self.requests = 0
        self.splits = 0
        self.remaining: int | None = None
        self.stopped: Lookup | None = None  # once set, every later lookup gets this answer

    def fetch(self, refs: Sequence[RepoRef]) -> dict[str, Lookup]:
        answers: dict[str, Lookup] = {}
        for start in range(0, len(refs), self.batch_size):
            answers.update(self._batch(refs[start : start + self.batch_size]))
        return answers

    def _batch(self, refs: Sequence[RepoRef]) -> dict[str, Lookup]:
        if self.stopped is not None:
            return {ref.key: self.stopped for ref in refs}
        query, variables = build_query(refs)
        self.requests += 1
        try:
            response = self.door.request(
                SERVICE,
                "POST",
                self.url,
                headers=self.headers,
                json_body={"query": query, "variables": variables},
            )
        except NetworkError as error:
            failed = door_failure("GitHub GraphQL", error)
            if failed.quota_spent:
                return self._stop(refs, Found.SKIPPED, failed.reason)
            if isinstance(error, RetriesExhausted):  # a smaller batch may get through
                return self._split(refs, f"GraphQL batch failed: {error.message}")
            found = Found.SKIPPED if failed.skipped else Found.FAILED
            return _all(refs, Lookup(found, reason=failed.reason))
        return self._read(refs, response)

    def _read(self, refs: Sequence[RepoRef], response: Response) -> dict[str, Lookup]:
        if response.status in _SPLIT_STATUSES:
            return self._split(refs, f"GraphQL batch failed with HTTP {response.status}")
        if response.status == 401:
            reason = "GitHub refused the token (HTTP 401): check GITHUB_TOKEN"
            return self._stop(refs, Found.FAILED, reason)
        if response.status in (403, 429) and response.header("x-ratelimit-remaining") == "0":
            return self._stop(refs, Found.SKIPPED, "GitHub GraphQL quota spent")
        if not response.ok:
            return _all(refs, Lookup(Found.FAILED, reason=f"GraphQL HTTP {response.status}"))
        try:
            payload = response.json()
        except (ValueError, RecursionError):
            return _all(refs, Lookup(Found.FAILED, reason="GraphQL answer is not JSON"))
        try:
            result = parse_response(payload, len(refs))
        except Exception as error:  # noqa: BLE001 - reported in the slots, traceback logged
            return _all(refs, Lookup(Found.FAILED, reason=unreadable_reason("the answer", error)))
        return self._answers(refs, result)

    def _answers(self, refs: Sequence[RepoRef], result: BatchResult) -> dict[str, Lookup]:
        if result.rate is not None and result.rate.remaining is not None:
            self.remaining = result.rate.remaining
        if result.rate_limited:
            return self._stop(
                refs, Found.SKIPPED, f"GitHub GraphQL quota spent: {result.batch_error}"
            )
        if result.too_big and not result.records:
            return self._split(refs, f"GraphQL batch refused: {result.batch_error}")
        answers: dict[str, Lookup] = {}
        for i, ref in enumerate(refs):
            if i in result.records:
                answers[ref.key] = Lookup(Found.FOUND, result.records[i])
            elif i in result.not_found:
                answers[ref.key] = Lookup(Found.MISSING, reason=result.not_found[i])
            else:
                reason = result.failed.get(i) or result.batch_error or "no answer"
                answers[ref.key] = Lookup(Found.FAILED, reason=f"GraphQL: {reason}")
        return answers

    def _split(self, refs: Sequence[RepoRef], reason: str) -> dict[str, Lookup]:
        if len(refs) == 1:
            return _all(refs, Lookup(Found.FAILED, reason=reason))
        self.splits += 1
        half = len(refs) // 2
        return {**self._batch(refs[:half]), **self._batch(refs[half:])}

    def _stop(self, refs: Sequence[RepoRef], outcome: Found, reason: str) -> dict[str, Lookup]:
        self.stopped = Lookup(outcome, reason=reason)
        return _all(refs, self.stopped)

    def note(self, total: int, cached: int) -> str:
        fetched = total - cached
        text = (
            f"GitHub: GraphQL, {total} repositories: {cached} from cache, {fetched} fetched "
            f"in {self.requests} request(s)"
        )
        if self.splits:
            text += f", {self.splits} failed batch(es) split"
        if self.remaining is not None:
            text += f"; quota remaining {self.remaining}"
        if self.stopped is not None:
            text += f"; stopped: {self.stopped.reason}"
        return text


def _all(refs: Sequence[RepoRef], answer: Lookup) -> dict[str, Lookup]:
    return {ref.key: answer for ref in refs}
