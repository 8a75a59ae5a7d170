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
- **Refused values.** Values ``_works`` refused as implausible are kept with
  the record in the cache, so a warm run warns exactly as the cold one did.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from enrich.errors import NetworkError
from enrich.http.types import Door, Response
from enrich.models import OpenalexRecord
from enrich.redact import redact
from enrich.settings import DAY
from enrich.sources.interface import door_failure
from enrich.sources.openalex._allowance import Allowance, Ledger, RequestKind
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
        "type",
        "locations",  # the versions OpenAlex merged into the work, each with its source
    )
)
HITS_PER_SEARCH = 5
PER_PAGE_MAX = 100  # the current paging guide's limit (the older one said 200)
MAX_PAGES = 5  # cursor pages per DOI batch: 100 DOIs held by up to 5 works each
_FROM_CACHE = frozenset({"hit", "revalidated", "offline"})
ALLOWANCE_KEY = "allowance"  # today's allowance as last stated, for reruns the same day
_ALLOWANCE_FIELDS = ("limit_usd", "remaining_usd", "cost_usd", "reset_seconds", "remaining_credits")


@dataclass
class Found:
    """What OpenAlex said about each key asked for (a DOI or a work id)."""

    records: dict[str, OpenalexRecord] = field(default_factory=dict)
    refused: dict[str, tuple[str, ...]] = field(default_factory=dict)  # work id -> reasons
    missing: set[str] = field(default_factory=set)
    failed: dict[str, str] = field(default_factory=dict)  # key -> why the request failed
    skipped: dict[str, str] = field(default_factory=dict)  # key -> why it was not asked


@dataclass(frozen=True)
class SearchOutcome:
    """What one title search found (or why it was not made)."""

    records: tuple[OpenalexRecord, ...] = ()
    failure: str | None = None
    skipped: bool = False  # not asked (allowance spent, offline): not a failure of the title
    refused: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # work id -> reasons


def allowance_owner(key: str | None) -> str:
    """Whose allowance a run spends: ``keyless``, or a short fingerprint of the key."""
    if not key:
        return "keyless"
    return "key-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


class _NotAsked(Exception):
    """Internal: the request was not sent or not answered; ``skipped`` says which."""

    def __init__(self, reason: str, *, skipped: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.skipped = skipped


class OpenalexClient:
    def __init__(self, door: Door, api_url: str, ledger: Ledger, key: str | None = None) -> None:
        self.door = door
        self.api_url = api_url.rstrip("/")
        self.ledger = ledger
        # Each key (or none) has its own day's allowance: remembered apart, under a
        # fingerprint (never the key itself).
        self.day_key = f"{ALLOWANCE_KEY}:{allowance_owner(key)}"
        self.rejected: list[str] = []  # works OpenAlex sent that made no record, and why
        self.refused = False  # the key was refused: what is not asked failed, it was not skipped
        self.day_recalled: dict[str, Any] | None = None  # the allowance as an earlier run left it

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
        except NetworkError as error:
            failed = door_failure("OpenAlex", error)
            if failed.quota_spent:
                self.ledger.exhausted = redact(error.message)
            elif not failed.skipped:
                self.ledger.count_failure(kind)
            raise _NotAsked(redact(failed.reason), skipped=failed.skipped) from error
        self.ledger.count(kind, response.headers, response.cache in _FROM_CACHE)
        return self._page(response)

    def _page(self, response: Response) -> WorksPage | None:
        parsed = parse(response.body)
        if response.status == 404:
            return None
        if response.status in (401, 403):
            self.refused = True
            said = redact(parsed.message) if isinstance(parsed, ParseFailure) else "no message"
            self.ledger.exhausted = (
                f"OpenAlex refused the request ({response.status}: {said}); check OPENALEX_API_KEY"
            )
            raise _NotAsked(self.ledger.exhausted, skipped=False)
        if not response.ok:
            said = f": {redact(parsed.message)}" if isinstance(parsed, ParseFailure) else ""
            raise _NotAsked(f"OpenAlex answered HTTP {response.status}{said}", skipped=False)
        if isinstance(parsed, ParseFailure):
            raise _NotAsked(
                f"OpenAlex answered HTTP {response.status}: {parsed.message}", skipped=False
            )
        self.rejected.extend(parsed.rejected)
        return parsed

    # ----------------------------------------------------------- the day
    def recall_day(self, now: float) -> None:
        """Start from the allowance an earlier run today last saw (and whether it was spent).

        So a rerun on the same UTC day sends nothing the allowance cannot pay
        for (no doomed request, no 429) and words its skips as the first run
        did: same answers, same bytes.
        """
        stored = self._recall(self.day_key, now % DAY)  # written since midnight UTC
        if not isinstance(stored, dict):
            return
        self.day_recalled = stored
        known = {name: stored.get(name) for name in _ALLOWANCE_FIELDS}
        numbers = {k: float(v) for k, v in known.items() if isinstance(v, (int, float))}
        self.ledger.last = Allowance(**numbers)
        said = stored.get("exhausted")
        self.ledger.exhausted = said if isinstance(said, str) else None

    def remember_day(self) -> None:
        """Keep what the last answer said about today's allowance, for a rerun today."""
        last, exhausted = self.ledger.last, self.ledger.exhausted
        if not (last.stated or exhausted) or self.refused:
            return
        value: dict[str, Any] = {name: getattr(last, name) for name in _ALLOWANCE_FIELDS}
        value["exhausted"] = exhausted
        if value != self.day_recalled:  # unchanged: no write, so a rerun's run stays quiet
            self.door.remember(SERVICE, self.day_key, value)

    # --------------------------------------------------------------- cache
    def _recall(self, key: str, freshness: float) -> Any:
        return self.door.recall(SERVICE, key, freshness)

    def _recall_record(self, key: str, found: Found) -> bool:
        stored = self._recall(f"work:{key}", RECORD_FRESHNESS)
        if isinstance(stored, dict):
            try:
                record = OpenalexRecord.model_validate(stored["record"])
                refused = tuple(str(reason) for reason in stored.get("refused", ()))
            except (KeyError, TypeError, ValidationError):
                return False  # written by an older version: ask again
            found.records[key] = record
            if refused:
                found.refused[record.id] = refused
            return True
        if self._recall(f"missing:{key}", NOT_FOUND_FRESHNESS):
            found.missing.add(key)
            return True
        return False

    def _remember(self, key: str, record: OpenalexRecord | None, refused: tuple[str, ...]) -> None:
        if record is None:
            self.door.remember(SERVICE, f"missing:{key}", True)
        else:
            value = {"record": record.model_dump(mode="json"), "refused": list(refused)}
            self.door.remember(SERVICE, f"work:{key}", value)

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
            refused = page.refused.get(record.id, ()) if page and record else ()
            if record is not None and record.id != work_id:
                record = record.model_copy(update={"merged_from": work_id})
            self._settle(work_id, record, refused, found)
        return found

    def dois(self, dois: Iterable[str]) -> Found:
        """Works by DOI in ``filter=doi:a|b|...`` batches; a DOI not in the answer is missing."""
        found = Found()
        wanted = sorted(set(dois))
        self.door.read_ahead(
            SERVICE, [f"{kind}:{d}" for d in wanted for kind in ("work", "missing")]
        )
        pending = [d for d in wanted if not self._recall_record(d, found)]
        for batch in doi_batches(pending):
            self._batch(batch, found)
        return found

    def _batch(self, batch: tuple[str, ...], found: Found) -> None:
        """One ``doi:a|b|...`` filter, followed by its cursor while OpenAlex has more pages.

        A batch of 100 DOIs fits one page of 100 unless some DOI is held by
        two works; then ``meta.next_cursor`` leads to the rest (the paging
        guide's cursor paging: ``cursor=*``, then the cursor each page names).
        """
        size = min(PER_PAGE_MAX, len(batch))
        params = {"filter": doi_filter(batch), "per-page": str(size), "select": SELECT}
        pages: list[WorksPage] = []
        cursor: str | None = "*"
        while cursor is not None and len(pages) < MAX_PAGES:
            try:
                page = self._get(
                    RequestKind.FILTER, "/works", {**params, "cursor": cursor}, RECORD_FRESHNESS
                )
            except _NotAsked as error:
                target = found.skipped if error.skipped else found.failed
                target.update(dict.fromkeys(batch, error.reason))
                return
            if page is None:
                break
            pages.append(page)
            cursor = page.next_cursor if page.records else None
        records = tuple(r for page in pages for r in page.records)
        total = pages[0].count if pages else 0
        refusals = {work: why for page in pages for work, why in page.refused.items()}
        by_doi: dict[str, OpenalexRecord] = {}
        for record in records:
            if record.doi:
                by_doi.setdefault(record.doi, record)  # OpenAlex's order decides a duplicate
        for doi in batch:
            hit = by_doi.get(doi)
            if hit is None and total > len(records):
                found.failed[doi] = f"OpenAlex's answer was cut ({len(records)} of {total})"
            else:
                refused = refusals.get(hit.id, ()) if hit else ()
                self._settle(doi, hit, refused, found)

    def _settle(
        self, key: str, record: OpenalexRecord | None, refused: tuple[str, ...], found: Found
    ) -> None:
        if record is None:
            found.missing.add(key)
        else:
            found.records[key] = record
            if refused:
                found.refused[record.id] = refused
        self._remember(key, record, refused)

    def search(self, queries: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], SearchOutcome]:
        """The first works a title search returns, per query (normalised title words)."""
        outcomes: dict[tuple[str, ...], SearchOutcome] = {}
        for words in sorted(set(q for q in queries if q)):
            key = f"hits:{' '.join(words)}"
            recalled = self._recall_hits(key)
            if recalled is not None:
                outcomes[words] = recalled
                continue
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
            refused = dict(page.refused) if page else {}
            outcomes[words] = SearchOutcome(records, refused=refused)
            value = {
                "records": [r.model_dump(mode="json") for r in records],
                "refused": {work: list(reasons) for work, reasons in refused.items()},
            }
            self.door.remember(SERVICE, key, value)
        return outcomes

    def _recall_hits(self, key: str) -> SearchOutcome | None:
        stored = self._recall(key, SEARCH_FRESHNESS)
        if not isinstance(stored, dict):
            return None
        try:
            records = tuple(OpenalexRecord.model_validate(r) for r in stored["records"])
            refused = {str(w): tuple(map(str, why)) for w, why in stored["refused"].items()}
        except (KeyError, TypeError, AttributeError, ValidationError):
            return None  # written by an older version: ask again
        return SearchOutcome(records, refused=refused)

    def query_url(self, words: tuple[str, ...]) -> str:
        """The search as a URL a person can open (without the key), for provenance."""
        return f"{self.api_url}/works?filter={title_filter(words)}"
