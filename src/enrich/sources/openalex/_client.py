"""Talk to OpenAlex through the door: free singletons, DOI filter batches, title searches.

The door does the HTTP (retries, cache, the quota handler of ``_policy``);
this module adds what only an OpenAlex client knows:

- **Cost order and the allowance.** Each request is counted in the run's
  :class:`~enrich.sources.openalex._allowance.Ledger` by its price tier.
  Before sending, the ledger is asked whether the allowance the last answer
  stated still pays for the request; after a 429 ("daily limit exceeded")
  or a 403 (the key refused) nothing more is sent this run, and every
  lookup not yet made is *skipped* (so the pipeline keeps last run's values,
  stale) rather than failed.
- **Per-item cache.** Each work is remembered under its DOI or id and each
  search under its words, so a warm run sends nothing, whatever batches the
  DOIs would fall into today.
- **Merged works.** A singleton of a merged id answers 301 to the surviving
  work; the door follows it and the record says ``merged_from``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from enrich.errors import NetworkError, OfflineMiss, RateLimited
from enrich.http.types import Door, Response
from enrich.models import OpenalexRecord
from enrich.redact import redact
from enrich.sources.openalex._allowance import Ledger, RequestKind
from enrich.sources.openalex._plan import doi_batches, doi_filter, title_filter
from enrich.sources.openalex._policy import (
    NOT_FOUND_FRESHNESS,
    RECORD_FRESHNESS,
    SEARCH_FRESHNESS,
    SERVICE,
)
from enrich.sources.openalex._works import ParseFailure, WorksPage, parse

# Root-level fields only (OpenAlex's select cannot reach inside objects).
SELECT = ",".join(
    (
        "id",
        "doi",
        "title",
        "display_name",
        "publication_year",
        "publication_date",
        "authorships",
        "primary_location",
        "best_oa_location",
        "open_access",
        "cited_by_count",
        "abstract_inverted_index",
    )
)
HITS_PER_SEARCH = 5
PER_PAGE_MAX = 100  # the current paging guide's limit (the older one said 200)
_FROM_CACHE = frozenset({"hit", "revalidated", "offline"})


@dataclass
class Found:
    """What OpenAlex said about each key asked for (a DOI or a work id)."""

    records: dict[str, OpenalexRecord] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)
    failed: dict[str, str] = field(default_factory=dict)  # key -> why the request failed
    skipped: dict[str, str] = field(default_factory=dict)  # key -> why it was not asked


@dataclass(frozen=True)
class SearchOutcome:
    records: tuple[OpenalexRecord, ...] = ()
    failure: str | None = None
    skipped: bool = False  # not asked (allowance spent, offline): not a failure of the title


class _NotAsked(Exception):
    """Internal: the request was not sent or not answered; ``skipped`` says which."""

    def __init__(self, reason: str, *, skipped: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.skipped = skipped


class OpenalexClient:
    def __init__(self, door: Door, api_url: str, ledger: Ledger) -> None:
        self.door = door
        self.api_url = api_url.rstrip("/")
        self.ledger = ledger
        self.rejected: list[str] = []  # works OpenAlex sent that made no record, and why
        self.refused = False  # the key was refused: what is not asked failed, it was not skipped

    # ------------------------------------------------------------------ io
    def _get(
        self, kind: RequestKind, path: str, params: Mapping[str, str], freshness: float
    ) -> WorksPage | None:
        """One request's works; ``None`` for a 404. Raises :class:`_NotAsked`."""
        if not self.ledger.may_send(kind):
            reason = self.ledger.exhausted or f"the allowance left cannot pay for a {kind} request"
            raise _NotAsked(f"not asked: {reason}", skipped=not self.refused)
        try:  # the key, if any, is the door's to add (policy's Auth): never in a cache key
            response = self.door.request(
                SERVICE, "GET", self.api_url + path, params=params, freshness=freshness
            )
        except OfflineMiss as error:
            raise _NotAsked("offline and not cached", skipped=True) from error
        except RateLimited as error:
            self.ledger.exhausted = f"daily allowance spent ({error.message})"
            raise _NotAsked(f"not asked: {self.ledger.exhausted}", skipped=True) from error
        except NetworkError as error:
            self.ledger.count_failure(kind)
            raise _NotAsked(f"OpenAlex failed: {redact(error.message)}", skipped=False) from error
        self.ledger.count(kind, response.headers, response.cache in _FROM_CACHE)
        return self._page(response)

    def _page(self, response: Response) -> WorksPage | None:
        parsed = parse(response.body)
        if response.status == 404:
            return None
        if response.status == 429:
            self.ledger.exhausted = "daily allowance spent (429)"
            raise _NotAsked(f"not asked: {self.ledger.exhausted}", skipped=True)
        if response.status in (401, 403):
            self.refused = True
            said = redact(parsed.message) if isinstance(parsed, ParseFailure) else "no message"
            self.ledger.exhausted = (
                f"OpenAlex refused the request ({response.status}: {said}); check OPENALEX_API_KEY"
            )
            raise _NotAsked(self.ledger.exhausted, skipped=False)
        if not response.ok:
            raise _NotAsked(f"OpenAlex answered HTTP {response.status}", skipped=False)
        if isinstance(parsed, ParseFailure):
            raise _NotAsked(
                f"OpenAlex answered HTTP {response.status}: {parsed.message}", skipped=False
            )
        self.rejected.extend(parsed.rejected)
        return parsed

    # --------------------------------------------------------------- cache
    def _recall(self, key: str, freshness: float) -> Any:
        return self.door.recall(SERVICE, key, freshness)

    def _recall_record(self, key: str, found: Found) -> bool:
        stored = self._recall(f"record:{key}", RECORD_FRESHNESS)
        if isinstance(stored, dict):
            try:
                found.records[key] = OpenalexRecord.model_validate(stored)
                return True
            except ValidationError:
                return False  # written by an older version: ask again
        if self._recall(f"missing:{key}", NOT_FOUND_FRESHNESS):
            found.missing.add(key)
            return True
        return False

    def _remember(self, key: str, record: OpenalexRecord | None) -> None:
        if record is None:
            self.door.remember(SERVICE, f"missing:{key}", True)
        else:
            self.door.remember(SERVICE, f"record:{key}", record.model_dump(mode="json"))

    # ------------------------------------------------------------- lookups
    def works(self, ids: Iterable[str]) -> Found:
        """Works by OpenAlex id, one free singleton each; merged ids follow their 301."""
        found = Found()
        for work_id in sorted(set(ids)):
            if self._recall_record(work_id, found):
                continue
            try:
                page = self._get(
                    RequestKind.SINGLETON, f"/works/{work_id}", {"select": SELECT}, RECORD_FRESHNESS
                )
            except _NotAsked as error:
                (found.skipped if error.skipped else found.failed)[work_id] = error.reason
                continue
            record = page.records[0] if page and page.records else None
            if record is not None and record.id != work_id:
                record = record.model_copy(update={"merged_from": work_id})
            self._settle(work_id, record, found)
        return found

    def dois(self, dois: Iterable[str]) -> Found:
        """Works by DOI in ``filter=doi:a|b|...`` batches; a DOI not in the answer is missing."""
        found = Found()
        pending = [d for d in sorted(set(dois)) if not self._recall_record(d, found)]
        for batch in doi_batches(pending):
            self._batch(batch, found)
        return found

    def _batch(self, batch: tuple[str, ...], found: Found) -> None:
        # Room for a DOI OpenAlex holds twice; the answer says if even that was cut.
        size = min(PER_PAGE_MAX, 2 * len(batch))
        params = {"filter": doi_filter(batch), "per-page": str(size), "select": SELECT}
        try:
            page = self._get(RequestKind.FILTER, "/works", params, RECORD_FRESHNESS)
        except _NotAsked as error:
            target = found.skipped if error.skipped else found.failed
            target.update(dict.fromkeys(batch, error.reason))
            return
        records = page.records if page else ()
        total = page.count if page else 0
        by_doi: dict[str, OpenalexRecord] = {}
        for record in records:
            if record.doi:
                by_doi.setdefault(record.doi, record)  # OpenAlex's order decides a duplicate
        for doi in batch:
            if doi not in by_doi and total > len(records):
                found.failed[doi] = f"OpenAlex's answer was cut ({len(records)} of {total})"
            else:
                self._settle(doi, by_doi.get(doi), found)

    def _settle(self, key: str, record: OpenalexRecord | None, found: Found) -> None:
        if record is None:
            found.missing.add(key)
        else:
            found.records[key] = record
        self._remember(key, record)

    def search(self, queries: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], SearchOutcome]:
        """The first works a title search returns, per query (normalised title words)."""
        outcomes: dict[tuple[str, ...], SearchOutcome] = {}
        for words in sorted(set(q for q in queries if q)):
            key = f"search:{' '.join(words)}"
            stored = self._recall(key, SEARCH_FRESHNESS)
            if isinstance(stored, list):
                try:
                    records = tuple(OpenalexRecord.model_validate(r) for r in stored)
                    outcomes[words] = SearchOutcome(records)
                    continue
                except ValidationError:
                    pass
            params = {
                "filter": title_filter(words),
                "per-page": str(HITS_PER_SEARCH),
                "select": SELECT,
            }
            try:
                page = self._get(RequestKind.SEARCH, "/works", params, SEARCH_FRESHNESS)
            except _NotAsked as error:
                outcomes[words] = SearchOutcome(failure=error.reason, skipped=error.skipped)
                continue
            records = page.records if page else ()
            outcomes[words] = SearchOutcome(records)
            self.door.remember(SERVICE, key, [r.model_dump(mode="json") for r in records])
        return outcomes

    def query_url(self, words: tuple[str, ...]) -> str:
        """The search as a URL a person can open (without the key), for provenance."""
        return f"{self.api_url}/works?filter={title_filter(words)}"
