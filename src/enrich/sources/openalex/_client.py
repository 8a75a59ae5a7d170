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
- **Requests in flight together.** OpenAlex caps requests a second (100
  with or without a key, *Authentication & Pricing*) and names no cap on
  connections; one request at a time left a night's thousand title searches
  waiting on answer times (171 s of a 181 s cold run at 10,000 entries).
  :data:`IN_FLIGHT` are sent at once, the door pacing them under the cap.
  Which are sent is decided first, in order, from the allowance stated, so
  the same answers still give the same requests and bytes.
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
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeAlias

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
IN_FLIGHT = 8  # at OpenAlex's usual ~0.1 s answers, enough to keep its pace (80 a second) busy
CHUNK = 64  # requests decided (and answers held) at a time
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


Call: TypeAlias = tuple[str, Mapping[str, str], float]  # path, parameters, freshness
Outcome: TypeAlias = "WorksPage | _NotAsked | None"


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
        self._executor: ThreadPoolExecutor | None = None

    # ------------------------------------------------------------------ io
    def _get_all(self, kind: RequestKind, calls: Sequence[Call]) -> list[Outcome]:
        """Each call's works (``None`` for a 404) or why it was not asked, in the calls' order.

        Up to :data:`IN_FLIGHT` requests are in flight at once (the door paces
        them under OpenAlex's per-second cap). Which requests are sent is
        decided before sending, in the calls' order, from the allowance the
        last answers stated: as many as it pays for, the rest not asked. So
        the same answers give the same requests and the same bytes as one at
        a time would; answers are taken in the calls' order too.
        """
        outcomes: list[Outcome] = []
        while len(outcomes) < len(calls):
            sendable = self.ledger.sendable(kind, CHUNK)
            if sendable == 0:
                reason = self.ledger.exhausted or (
                    f"the allowance left cannot pay for a {kind} request"
                )
                skipped = _NotAsked(f"not asked: {reason}", skipped=not self.refused)
                outcomes.extend(skipped for _ in calls[len(outcomes) :])
                break
            chunk = calls[len(outcomes) : len(outcomes) + sendable]
            answers = list(self._pool().map(self._send, chunk))
            stated = [self._take(kind, answer) for answer in answers]
            outcomes.extend(outcome for outcome, _ in stated)
            self.ledger.settle_day([allowance for _, allowance in stated])
        return outcomes

    def _pool(self) -> ThreadPoolExecutor:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(IN_FLIGHT, thread_name_prefix="openalex")
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None

    def _send(self, call: Call) -> Response | NetworkError:
        """The door's answer, or its failure (taken in order by :meth:`_take`)."""
        path, params, freshness = call
        try:  # the key, if any, is the door's to add (policy's Auth): never in a cache key
            return self.door.request(
                SERVICE, "GET", self.api_url + path, params=params, freshness=freshness
            )
        except NetworkError as error:
            return error

    def _take(
        self, kind: RequestKind, answer: Response | NetworkError
    ) -> tuple[Outcome, Allowance | None]:
        """One answer counted in the ledger and read; with the allowance it stated."""
        if isinstance(answer, NetworkError):
            failed = door_failure("OpenAlex", answer)
            if failed.quota_spent:
                self.ledger.exhausted = redact(answer.message)
            elif not failed.skipped:
                self.ledger.count_failure(kind)
            return _NotAsked(redact(failed.reason), skipped=failed.skipped), None
        stated = self.ledger.count(kind, answer.headers, answer.cache in _FROM_CACHE)
        try:
            return self._page(answer), stated
        except _NotAsked as refused:
            return refused, stated

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
        pending = [w for w in sorted(set(ids)) if not self._recall_record(w, found)]
        calls = [(f"/works/{w}", {"select": SELECT}, RECORD_FRESHNESS) for w in pending]
        for work_id, page in zip(pending, self._get_all(RequestKind.SINGLETON, calls), strict=True):
            if isinstance(page, _NotAsked):
                (found.skipped if page.skipped else found.failed)[work_id] = page.reason
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
        batches = doi_batches(pending)
        calls = [("/works", self._batch_params(batch, "*"), RECORD_FRESHNESS) for batch in batches]
        for batch, first in zip(batches, self._get_all(RequestKind.FILTER, calls), strict=True):
            self._batch(batch, first, found)
        return found

    @staticmethod
    def _batch_params(batch: tuple[str, ...], cursor: str) -> dict[str, str]:
        size = min(PER_PAGE_MAX, len(batch))
        return {
            "filter": doi_filter(batch),
            "per-page": str(size),
            "select": SELECT,
            "cursor": cursor,
        }

    def _batch(self, batch: tuple[str, ...], first: Outcome, found: Found) -> None:
        """One ``doi:a|b|...`` filter's first page, followed by its cursor while OpenAlex has more.

        A batch of 100 DOIs fits one page of 100 unless some DOI is held by
        two works; then ``meta.next_cursor`` leads to the rest (the paging
        guide's cursor paging: ``cursor=*``, then the cursor each page names).
        """
        pages: list[WorksPage] = []
        page = first
        while True:
            if isinstance(page, _NotAsked):
                target = found.skipped if page.skipped else found.failed
                target.update(dict.fromkeys(batch, page.reason))
                return
            if page is None:
                break
            pages.append(page)
            cursor = page.next_cursor if page.records else None
            if cursor is None or len(pages) >= MAX_PAGES:
                break
            call = ("/works", self._batch_params(batch, cursor), RECORD_FRESHNESS)
            page = self._get_all(RequestKind.FILTER, [call])[0]
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
        pending: list[tuple[str, ...]] = []
        for words in sorted(set(q for q in queries if q)):
            recalled = self._recall_hits(f"hits:{' '.join(words)}")
            if recalled is None:
                pending.append(words)
            else:
                outcomes[words] = recalled
        calls = [
            (
                "/works",
                {"filter": title_filter(w), "per-page": str(HITS_PER_SEARCH), "select": SELECT},
                SEARCH_FRESHNESS,
            )
            for w in pending
        ]
        for words, page in zip(pending, self._get_all(RequestKind.SEARCH, calls), strict=True):
            if isinstance(page, _NotAsked):
                outcomes[words] = SearchOutcome(failure=page.reason, skipped=page.skipped)
                continue
            records = page.records if page else ()
            refused = dict(page.refused) if page else {}
            outcomes[words] = SearchOutcome(records, refused=refused)
            value = {
                "records": [r.model_dump(mode="json") for r in records],
                "refused": {work: list(reasons) for work, reasons in refused.items()},
            }
            self.door.remember(SERVICE, f"hits:{' '.join(words)}", value)
        return dict(sorted(outcomes.items()))

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
