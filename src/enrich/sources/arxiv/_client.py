"""Talk to the arXiv API through the door: batched ``id_list`` fetches and grouped title searches.

Every byte goes through :class:`~enrich.http.types.Door` (pacing, retries,
the GET cache); this module adds what the door cannot know:

- **Per-record cache.** Each record is remembered as ``record:<id>``, unknown
  ids as ``missing:<id>`` and ids arXiv rejects as ``malformed:<id>``, so a
  warm run sends nothing even when the batches would be composed differently.
- **Batches.** ``id_list`` carries up to :data:`BATCH_SIZE` ids with
  ``max_results`` equal to the batch size (the default of 10 would cut the
  answer). Results are keyed by id; arXiv does not keep the order.
- **One bad id must not sink a batch.** A 400 names the malformed id in its
  ``Error`` entry: that id is set aside and the rest is asked again. If the
  message names none of the ids, the batch is halved until the culprit is
  alone.
- **Several titles per search.** Title queries are ORed together in groups,
  each title an AND of its words under ``ti:``; every returned entry goes to
  the titles it fits. A title that got nothing from a full page may have
  been crowded out by another title's hits, so it is asked again alone.
  Results are remembered per title (``search:<words>``).

Query parameters follow the ``arxiv`` package's conventions (its sort enums);
the package itself never opens a connection here: it has no timeout and
retries a 400.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import ValidationError

from enrich.errors import NetworkError
from enrich.http.types import Door, Response
from enrich.matching.titles import tokens
from enrich.models import ArxivRecord
from enrich.settings import Settings
from enrich.sources.arxiv._feed import FeedError, FeedResult, MalformedFeed, parse_feed
from enrich.sources.arxiv._policy import SERVICE
from enrich.sources.arxiv._settings import ArxivSettings
from enrich.sources.interface import door_failure
from enrich.sources.unreadable import unreadable_reason

BATCH_SIZE = 100
SEARCH_GROUP_SIZE = 8
HITS_PER_TITLE = 5
MIN_TERM_SHARE = 0.7  # an entry fits a title's query when it has this share of its words


@cache
def _by_relevance() -> dict[str, str]:
    """The search's sort parameters, in the ``arxiv`` package's words.

    Imported on the first search: the package brings ``requests`` (about 0.05 s
    at start-up), and a warm run never searches.
    """
    import arxiv

    return {
        "sortBy": arxiv.SortCriterion.Relevance.value,
        "sortOrder": arxiv.SortOrder.Descending.value,
    }


@dataclass
class FetchResult:
    """What ``id_list`` said about each id asked for."""

    records: dict[str, ArxivRecord] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)  # well-formed, unknown to arXiv
    malformed: dict[str, str] = field(default_factory=dict)  # id -> arXiv's message
    failed: dict[str, str] = field(default_factory=dict)  # id -> why the service failed
    skipped: dict[str, str] = field(default_factory=dict)  # id -> why not asked (offline)


@dataclass(frozen=True)
class SearchOutcome:
    """Entries a title search returned for one query, or why it failed."""

    records: tuple[ArxivRecord, ...] = ()
    failure: str | None = None
    offline: bool = False


class _Failure(Exception):
    """Internal: a request could not be answered (carries the reason)."""

    def __init__(self, reason: str, offline: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offline = offline


def search_query(terms_list: Sequence[Sequence[str]]) -> str:
    """``(ti:a AND ti:b) OR (ti:c)``: one clause per title, words already normalised."""
    clauses = ["(" + " AND ".join(f"ti:{t}" for t in terms) + ")" for terms in terms_list]
    return " OR ".join(clauses)


def fits(record: ArxivRecord, terms: Sequence[str]) -> bool:
    """Whether a returned entry plausibly answers a title's query (most of its words present)."""
    words = set(tokens(record.title))
    present = sum(1 for term in terms if term in words)
    return bool(terms) and present >= max(1, round(MIN_TERM_SHARE * len(terms)))


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    return (items[i : i + size] for i in range(0, len(items), size))


def _names(error: FeedError, arxiv_id: str) -> bool:
    words = error.message.replace(",", " ").split()
    tail = (error.error_id or "").rsplit("_for_", 1)[-1]
    return arxiv_id in words or tail == arxiv_id


class ArxivClient:
    def __init__(self, door: Door, settings: Settings) -> None:
        self.door = door
        self.settings = settings.of(ArxivSettings)
        self.not_found = settings.freshness.not_found

    # ------------------------------------------------------------------ io
    def _get(self, params: dict[str, str], freshness: float) -> Response:
        try:
            return self.door.request(
                SERVICE, "GET", self.settings.api_url, params=params, freshness=freshness
            )
        except NetworkError as error:
            failed = door_failure("arXiv API", error)
            raise _Failure(failed.reason, offline=failed.skipped) from error

    def _feed(self, response: Response) -> FeedResult:
        """The parsed feed; any failure to read it fails the ids or titles it was for."""
        try:
            return parse_feed(response.body)
        except MalformedFeed as error:
            raise _Failure(f"arXiv API answered HTTP {response.status} with {error}") from error
        except Exception as error:  # reported in the slots, traceback logged (unreadable_reason)
            raise _Failure(unreadable_reason("the arXiv answer", error)) from error

    # --------------------------------------------------------------- cache
    def _recall_record(self, arxiv_id: str) -> ArxivRecord | None:
        stored = self.door.recall(SERVICE, f"record:{arxiv_id}", self.settings.record_freshness)
        if stored is None:
            return None
        try:
            return ArxivRecord.model_validate(stored)
        except ValidationError:
            return None  # written by an older version: fetch again

    def remember_record(self, record: ArxivRecord) -> None:
        self.door.remember(SERVICE, f"record:{record.id}", record.model_dump(mode="json"))

    def _from_cache(self, arxiv_id: str, result: FetchResult) -> bool:
        record = self._recall_record(arxiv_id)
        if record is not None:
            result.records[arxiv_id] = record
            return True
        if self.door.recall(SERVICE, f"missing:{arxiv_id}", self.not_found):
            result.missing.add(arxiv_id)
            return True
        message = self.door.recall(SERVICE, f"malformed:{arxiv_id}", self.not_found)
        if isinstance(message, str):
            result.malformed[arxiv_id] = message
            return True
        return False

    # --------------------------------------------------------------- fetch
    def fetch(self, ids: Iterable[str]) -> FetchResult:
        """Records for canonical ids: from the per-record cache, else in batches."""
        result = FetchResult()
        wanted = sorted(set(ids))
        self.door.read_ahead(SERVICE, [f"record:{arxiv_id}" for arxiv_id in wanted])
        pending = [i for i in wanted if not self._from_cache(i, result)]
        for batch in _chunks(pending, BATCH_SIZE):
            self._fetch_batch(list(batch), result)
        return result

    def _fetch_batch(self, batch: list[str], result: FetchResult) -> None:
        params = {"id_list": ",".join(batch), "start": "0", "max_results": str(len(batch))}
        try:
            response = self._get(params, self.settings.record_freshness)
            feed = self._feed(response)
        except _Failure as failure:
            target = result.skipped if failure.offline else result.failed
            target.update(dict.fromkeys(batch, failure.reason))
            return
        if response.status == 400:
            self._handle_rejection(batch, feed.errors, result)
        elif not response.ok:
            result.failed.update(dict.fromkeys(batch, f"arXiv API answered HTTP {response.status}"))
        else:
            self._take(batch, feed, result)

    def _take(self, batch: list[str], feed: FeedResult, result: FetchResult) -> None:
        """Records by id; an id without one is missing, unless some entry was unreadable.

        An entry the parser could not use (a broken id or title) may be the
        very paper asked for, so then "not on arXiv" is not known: the ids
        without a record fail this run and nothing is cached as missing.
        """
        found = {record.id: record for record in feed.records}
        for arxiv_id in batch:
            record = found.get(arxiv_id)
            if record is None and feed.skipped:
                result.failed[arxiv_id] = (
                    f"arXiv's answer held {feed.skipped} unusable entr"
                    f"{'y' if feed.skipped == 1 else 'ies'} (no readable id or title)"
                )
            elif record is None:
                result.missing.add(arxiv_id)
                self.door.remember(SERVICE, f"missing:{arxiv_id}", True)
            else:
                result.records[arxiv_id] = record
                self.remember_record(record)

    def _handle_rejection(
        self, batch: list[str], errors: Sequence[FeedError], result: FetchResult
    ) -> None:
        named = {i: e.message for i in batch for e in errors if _names(e, i)}
        if not named and len(batch) == 1:
            message = errors[0].message if errors else "arXiv API answered HTTP 400"
            named = {batch[0]: message}
        for arxiv_id, message in named.items():
            result.malformed[arxiv_id] = message
            self.door.remember(SERVICE, f"malformed:{arxiv_id}", message)
        rest = [i for i in batch if i not in named]
        if not rest:
            return
        if named:
            self._fetch_batch(rest, result)
        else:
            middle = len(rest) // 2
            self._fetch_batch(rest[:middle], result)
            self._fetch_batch(rest[middle:], result)

    # -------------------------------------------------------------- search
    def _recall_search(self, key: str) -> SearchOutcome | None:
        stored = self.door.recall(SERVICE, f"search:{key}", self.settings.search_freshness)
        if not isinstance(stored, list):
            return None
        if not stored and (
            self.door.recall(SERVICE, f"search:{key}", self.settings.search_empty_freshness) is None
        ):
            return None  # an empty answer is trusted for a shorter time
        try:
            return SearchOutcome(tuple(ArxivRecord.model_validate(r) for r in stored))
        except ValidationError:
            return None

    def _remember_search(self, key: str, records: Sequence[ArxivRecord]) -> None:
        self.door.remember(SERVICE, f"search:{key}", [r.model_dump(mode="json") for r in records])

    def search(self, queries: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], SearchOutcome]:
        """Entries for each title query (a tuple of normalised words), grouped into few requests."""
        outcomes: dict[tuple[str, ...], SearchOutcome] = {}
        pending = []
        for terms in sorted(set(q for q in queries if q)):
            cached = self._recall_search(" ".join(terms))
            if cached is None:
                pending.append(terms)
            else:
                outcomes[terms] = cached
        short = [t for t in pending if len(t) <= 2]
        long = [t for t in pending if len(t) > 2]
        for group in [*_chunks(long, SEARCH_GROUP_SIZE), *_chunks(short, SEARCH_GROUP_SIZE)]:
            outcomes.update(self._search_group(list(group)))
        return outcomes

    def _search_group(self, group: list[tuple[str, ...]]) -> dict[tuple[str, ...], SearchOutcome]:
        size = HITS_PER_TITLE * len(group)
        params = {"search_query": search_query(group), "start": "0", "max_results": str(size)}
        params.update(_by_relevance())
        try:
            response = self._get(params, self.settings.search_freshness)
            if not response.ok:
                raise _Failure(f"arXiv API answered HTTP {response.status}")
            feed = self._feed(response)
        except _Failure as failure:
            outcome = SearchOutcome(failure=failure.reason, offline=failure.offline)
            return dict.fromkeys(group, outcome)
        for record in feed.records:
            self.remember_record(record)
        full = len(feed.records) >= size
        outcomes: dict[tuple[str, ...], SearchOutcome] = {}
        crowded = []
        for terms in group:
            hits = tuple(r for r in feed.records if len(group) == 1 or fits(r, terms))
            if not hits and full and len(group) > 1:
                crowded.append(terms)
                continue
            outcomes[terms] = SearchOutcome(hits)
            self._remember_search(" ".join(terms), hits)
        for terms in crowded:
            outcomes.update(self._search_group([terms]))
        return outcomes
