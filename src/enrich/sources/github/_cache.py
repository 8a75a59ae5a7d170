"""Per-repository answers kept in the door's item store, whatever batch they came in.

GraphQL fetches 50 repositories per request, so caching the request would
tie a repository's freshness to its batch neighbours. Instead each answer is
kept under ``repo:<owner/name lower>`` (found, for ``freshness.github``) or
``missing:<owner/name lower>`` (a 404, for the shorter ``freshness.not_found``),
and a warm run asks only for what is missing or expired. A renamed
repository is stored under both the requested and the current name; the
stored record never carries ``renamed_from``, which depends on who asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import ValidationError

from enrich.http.types import Door
from enrich.identity.github import RepoRef
from enrich.models import GithubRecord
from enrich.settings import Settings
from enrich.sources.github._plan import Found, Lookup
from enrich.sources.github._policy import SERVICE
from enrich.sources.github._settings import GithubSettings


class RepoCache:
    """Recall and remember lookups of repositories."""

    def __init__(self, door: Door, settings: Settings) -> None:
        self.door = door
        self.freshness = settings.of(GithubSettings).freshness
        self.not_found = settings.freshness.not_found

    def recall(self, refs: Iterable[RepoRef]) -> dict[str, Lookup]:
        """The fresh stored answers among ``refs``, by repository key."""
        answers: dict[str, Lookup] = {}
        refs = list(refs)
        self.door.read_ahead(SERVICE, [f"repo:{ref.key}" for ref in refs])
        for ref in refs:
            answer = self._recall_one(ref.key)
            if answer is not None:
                answers[ref.key] = answer
        return answers

    def _recall_one(self, key: str) -> Lookup | None:
        stored = self.door.recall(SERVICE, f"repo:{key}", self.freshness)
        if isinstance(stored, dict):
            try:
                return Lookup(Found.FOUND, GithubRecord.model_validate(stored))
            except ValidationError:
                return None  # written by an older schema: fetch again
        missing = self.door.recall(SERVICE, f"missing:{key}", self.not_found)
        if isinstance(missing, str):
            return Lookup(Found.MISSING, reason=missing)
        return None

    def remember(self, answers: Mapping[str, Lookup]) -> None:
        """Store found and missing answers (failures and skips are not answers)."""
        for key, answer in sorted(answers.items()):
            if answer.outcome == Found.FOUND and answer.record is not None:
                value = answer.record.model_copy(update={"renamed_from": None})
                dumped = value.model_dump(mode="json")
                self.door.remember(SERVICE, f"repo:{key}", dumped)
                self.door.remember(SERVICE, f"repo:{value.full_name.lower()}", dumped)
            elif answer.outcome == Found.MISSING:
                self.door.remember(SERVICE, f"missing:{key}", answer.reason or "not found")
