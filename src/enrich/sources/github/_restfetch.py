"""Fetch repositories without a token: one REST GET each, within 60 an hour.

GraphQL requires a token, so an unauthenticated run (a fork's CI, a local
try) uses ``GET /repos/{owner}/{repo}`` through the door, which caches the
answer and revalidates it with its ``ETag``: a 304 costs no quota, so nightly
runs spend the budget only on what changed or expired. The budget is read
from every answer's ``x-ratelimit-remaining`` and also capped by our own
count (:data:`UNAUTHENTICATED_LIMIT`), and the fetch stops *before* the quota
runs out: the rest are skipped and named in the run report. A 301 (renamed
repository) is followed by the door; the final body is the current
repository, whose ``full_name`` the caller compares with the requested one.
"""

from __future__ import annotations

from collections.abc import Sequence

from enrich.errors import NetworkError
from enrich.http.types import Door, Response
from enrich.identity.github import RepoRef
from enrich.settings import Settings
from enrich.sources.github._answers import UnusableAnswer
from enrich.sources.github._plan import Found, Lookup
from enrich.sources.github._policy import SERVICE
from enrich.sources.github._quota import quota_of
from enrich.sources.github._settings import GithubSettings
from enrich.sources.interface import OFFLINE_REASON, door_failure
from enrich.sources.unreadable import unreadable_reason

UNAUTHENTICATED_LIMIT = 60  # requests per hour GitHub allows without a token
_HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
_MISSING = {404: "HTTP 404", 410: "HTTP 410 gone", 451: "HTTP 451 unavailable for legal reasons"}
_SENT = frozenset({"miss", "revalidated", "bypass"})


class RestFetcher:
    """Looks repositories up one by one, minding the unauthenticated budget."""

    def __init__(self, door: Door, settings: Settings) -> None:
        self.door = door
        own = settings.of(GithubSettings)
        self.api = own.api_url.rstrip("/")
        self.freshness = own.freshness
        self.requests = 0  # requests that reached GitHub (redirect hops included)
        self.remaining: int | None = None
        self.skipped = 0  # for the budget or a spent quota
        self.offline = 0  # not in the cache with --offline
        self.stopped: Lookup | None = None

    def fetch(self, refs: Sequence[RepoRef]) -> dict[str, Lookup]:
        answers: dict[str, Lookup] = {}
        for ref in refs:
            if self.stopped is None and self._budget_spent():
                self.stopped = Lookup(
                    Found.SKIPPED,
                    reason=f"no GITHUB_TOKEN and the REST budget ({UNAUTHENTICATED_LIMIT}/hour) "
                    "is spent",
                )
            answers[ref.key] = self.stopped or self._one(ref)
            if answers[ref.key].reason == OFFLINE_REASON:
                self.offline += 1
            elif answers[ref.key].outcome == Found.SKIPPED:
                self.skipped += 1
        return answers

    def _budget_spent(self) -> bool:
        return self.requests >= UNAUTHENTICATED_LIMIT or self.remaining == 0

    def _one(self, ref: RepoRef) -> Lookup:
        url = f"{self.api}/repos/{ref.owner}/{ref.name}"
        try:
            response = self.door.request(
                SERVICE, "GET", url, headers=_HEADERS, freshness=self.freshness
            )
        except NetworkError as error:
            failed = door_failure("GitHub REST", error)
            if failed.quota_spent:
                self.remaining = 0
                self.stopped = Lookup(Found.SKIPPED, reason=failed.reason)
                return self.stopped
            return Lookup(Found.SKIPPED if failed.skipped else Found.FAILED, reason=failed.reason)
        self._count(response)
        return self._read(response)

    def _count(self, response: Response) -> None:
        if response.cache not in _SENT:
            return
        self.requests += 1 + len(response.redirects)
        remaining = quota_of(response.headers).remaining
        if remaining is not None:
            self.remaining = remaining

    def _read(self, response: Response) -> Lookup:
        if response.status == 200:
            return _repository(response)
        if response.status in _MISSING:
            return Lookup(Found.MISSING, reason=_MISSING[response.status])
        if response.status in (403, 429) and quota_of(response.headers).remaining == 0:
            self.stopped = Lookup(Found.SKIPPED, reason="GitHub quota spent (HTTP 403)")
            return self.stopped
        return Lookup(Found.FAILED, reason=f"GitHub REST HTTP {response.status}")

    def note(self, total: int, cached: int) -> str:
        text = (
            f"no GITHUB_TOKEN: REST used, {total} repositories: {cached} from cache, "
            f"{self.requests} request(s) sent"
        )
        if self.skipped:
            text += (
                f", {self.skipped} of {total} repositories skipped ({UNAUTHENTICATED_LIMIT}/hour)"
            )
        if self.offline:
            text += f", {self.offline} not in the cache (--offline)"
        if self.remaining is not None:
            text += f"; quota remaining {self.remaining}"
        return text


def _repository(response: Response) -> Lookup:
    """The record of a 200 answer, or a failed lookup saying what was wrong with it."""
    from enrich.sources.github._rest import record_from_rest  # PyGithub: imported on first use

    try:
        return Lookup(Found.FOUND, record_from_rest(response.json()))
    except UnusableAnswer as error:
        return Lookup(Found.FAILED, reason=f"unusable repository answer: {error}")
    except (ValueError, RecursionError) as error:
        return Lookup(Found.FAILED, reason=f"repository answer is not JSON: {error}")
    except Exception as error:  # noqa: BLE001 - reported in the slot, traceback logged
        return Lookup(Found.FAILED, reason=unreadable_reason("the repository answer", error))
