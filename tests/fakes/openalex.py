"""A local fake of the OpenAlex works API on 127.0.0.1, for tests and benchmarks.

A fake is a claim about the real service. Each behaviour below names where
it was read; none is here because our client expects it.

Answers (OpenAlex's JSON)
-------------------------
- A list (``/works?filter=...``) is ``{"meta": {"count", "db_response_time_ms",
  "page", "per_page", "next_cursor", "groups_count"}, "results": [...],
  "group_by": []}``; a singleton (``/works/W123``) is the work object; a
  failure is ``{"error", "message"}`` (*Errors*,
  https://developers.openalex.org/api-reference/errors). Recorded real
  answers of both shapes are under ``tests/fixtures/openalex/`` (README there).
- A work carries ``type`` (``preprint`` for an arXiv work, ``article`` for
  a published one), ``primary_location`` and ``locations`` (each with its
  ``source`` {``id``, ``display_name``, ``type``: ``repository``,
  ``conference``, ``journal``} and ``version``: ``submittedVersion`` or
  ``publishedVersion``), ``authorships``, ``abstract_inverted_index``,
  ``best_oa_location``, ``open_access`` and ``cited_by_count`` (the work
  object pages of ourresearch/openalex-docs; the recorded answers).

Versions
--------
- **Held twice**: a preprint and its published version as two works (two
  ids, two DOIs, two counts): give both :class:`FakeWork` objects. The
  preprint's DOI is ``10.48550/arxiv.<id>`` and its source "arXiv (Cornell
  University)" (S4306400194, a ``repository``).
- **Merged**: OpenAlex clusters versions into one work when it can
  ("https://doi.org/10.1364/PRJ.433188 and https://arxiv.org/abs/2102.11388
  ... appear in OpenAlex as one Work", openalex-docs
  ``about-the-data/work.md``); its ``doi`` and primary location are the
  published ones, the arXiv version only one of its ``locations`` (recorded:
  W2439568532). ``FakeWork(arxiv_id=...)`` is such a work; ``filter=doi:``
  matches a work's own ``doi`` only ("this field always has just one DOI,
  the DOI for the published work", openalex-docs ``data/work/README.md``).
- A **merged id** answers **301** to the surviving work (*Errors*: "Entity
  was merged; follow the redirect").

Queries
-------
- ``filter=doi:a|b|c``: OR within a filter, **at most 100 values** (more:
  400); bare or doi.org DOIs, any case.
- ``filter=title.search:words``: stop words dropped, words stemmed (the
  docs use Elasticsearch's kstem; here a crude plural strip), whole words
  only, every word required; results by ``relevance_score`` (text match,
  then citations: "It also includes a weighting term for citation
  counts", openalex-docs ``search-entities.md``), each with its score.
- ``select=``: root-level fields only; an unknown one answers 400.
- ``per-page``/``per_page``: 1-100 (the current paging guide); ``page``
  (``page * per_page`` at most 10,000) or ``cursor=*`` then
  ``meta.next_cursor`` (``null`` at the end).
- Anything else in a filter answers 400 with OpenAlex's error body.

Limits (read 2026-12-06; see ``enrich.sources.openalex._policy``)
----------------------------------------------------------------
- **Keyless service**: a request without ``api_key`` is served from the
  keyless daily allowance (``keyless_allowance_usd``; the docs say $0.01 or
  $0.10) under the keyless per-second cap; a wrong key answers 403.
- **Prices**: singletons free, list/filter $0.0001, search $0.001; every
  answer states ``X-RateLimit-Limit-USD``, ``-Remaining-USD``,
  ``-Cost-USD`` and ``-Reset`` (seconds to midnight UTC).
- **Per second**: more than ``per_second`` requests (``keyed_per_second``
  with a key) in one second answer **429** ``Retry-After: 1``, "Rate limit
  exceeded ... per second" (issue 20; a recorded anonymous 429 had
  ``Retry-After: 32``).
- **Daily**: a request the rest of the allowance cannot pay for answers
  **429** "Insufficient budget", ``Retry-After`` until midnight UTC.

Faults for tests: ``fail_next(n, status)``, ``truncate_next(n)`` (a 200
whose JSON is cut), ``deepen_next(n)`` (a 200 nested 5,000 deep),
``echo_key`` (a 200 that quotes the key), ``redirect_with_key`` (a merged
id's ``Location`` carries the ``api_key``). Every request is recorded::

    with FakeOpenalex(works) as fake:
        settings = Settings(sources=(fake.source_settings(),))
"""

from __future__ import annotations

import atexit
import functools
import json
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from werkzeug import Request, Response

from enrich.sources.openalex import OpenalexSettings
from tests.fakes.server import FakeService, QuickStopHTTPServer

PRICE_USD = {"singleton": 0.0, "filter": 0.0001, "search": 0.001}
SECONDS_TO_MIDNIGHT = 43_200  # what the fake says is left of the day
TEST_KEY = "test-openalex-key"
# For test worlds where the network is down: a loopback port nothing listens on,
# so the run's OpenAlex lookups fail and no public name is looked up. (Each lookup
# is still retried with backoff: worlds that merely do not exercise OpenAlex use
# :func:`empty_openalex_settings` instead, which answers at once.)
UNREACHABLE_URL = "http://127.0.0.1:9"
UNREACHABLE_ENV = {"ENRICH_OPENALEX_API_URL": UNREACHABLE_URL}
MAX_PER_PAGE = 100
MAX_OR_VALUES = 100
MAX_BASIC_PAGING = 10_000
ARXIV = "arXiv (Cornell University)"
ARXIV_SOURCE = {
    "id": "https://openalex.org/S4306400194",
    "display_name": ARXIV,
    "type": "repository",
}
STOP_WORDS = frozenset(
    "a an and are as at be by for from in into is it of on or the to with".split()  # noqa: SIM905
)
_SINGLETON = re.compile(r"^/works/(W\d+)$")
_INVALID = "Invalid query parameters error."


@dataclass(frozen=True)
class FakeAuthor:
    name: str
    orcid: str | None = None  # bare iD
    institutions: tuple[str, ...] = ()


@dataclass(frozen=True)
class FakeWork:
    """One work the fake knows. ``doi`` bare; ``abstract`` plain text (served inverted).

    ``venue`` "arXiv (Cornell University)" makes it a preprint in arXiv's
    repository; any other venue a published work (``venue_type``).
    ``arxiv_id``: OpenAlex merged the arXiv preprint into this work (one more
    location). ``raw``: fields served as given, over the built ones (for
    hostile answers: a wrong type, a huge value).
    """

    id: str  # W...
    title: str
    doi: str | None = None
    year: int = 2023
    date: str | None = None
    authors: tuple[FakeAuthor, ...] = (FakeAuthor("A. Author"),)
    abstract: str | None = "An abstract."
    venue: str | None = None
    venue_type: str = "conference"
    pdf_url: str | None = None
    cited_by_count: int = 0
    arxiv_id: str | None = None
    raw: tuple[tuple[str, Any], ...] = ()

    @property
    def preprint(self) -> bool:
        return self.venue == ARXIV


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    args: Mapping[str, str]
    kind: str


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).lower()


def _stem(word: str) -> str:
    """A crude stand-in for kstem: plural endings off ("possums" finds "possum")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """Whole words, stop words dropped, stemmed: how OpenAlex indexes a title."""
    words = re.sub(r"[^a-z0-9]+", " ", _fold(text)).split()
    return [_stem(w) for w in words if w not in STOP_WORDS]


def inverted_index(text: str) -> dict[str, list[int]]:
    """OpenAlex's form of an abstract: each word with the positions it takes."""
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def _source_id(name: str) -> str:
    return f"https://openalex.org/S{sum(map(ord, name)) * 7919 % 10**9}"


def _location(work: FakeWork) -> dict[str, Any]:
    if work.preprint:
        arxiv_id = (work.doi or "").rpartition("arxiv.")[2]
        return {
            "is_oa": True,
            "landing_page_url": f"http://arxiv.org/abs/{arxiv_id}" if arxiv_id else None,
            "pdf_url": work.pdf_url,
            "source": ARXIV_SOURCE,
            "version": "submittedVersion",
        }
    source = (
        {"id": _source_id(work.venue), "display_name": work.venue, "type": work.venue_type}
        if work.venue
        else None
    )
    return {
        "is_oa": work.pdf_url is not None,
        "landing_page_url": f"https://doi.org/{work.doi}" if work.doi else None,
        "pdf_url": work.pdf_url,
        "source": source,
        "version": "publishedVersion",
    }


def _arxiv_location(arxiv_id: str) -> dict[str, Any]:
    return {
        "is_oa": True,
        "landing_page_url": f"http://arxiv.org/abs/{arxiv_id}",
        "pdf_url": f"https://arxiv.org/pdf/{arxiv_id}",
        "source": ARXIV_SOURCE,
        "version": "submittedVersion",
    }


def work_json(work: FakeWork) -> dict[str, Any]:
    """The work object as OpenAlex serves it (the fields this project reads, and a few more)."""
    primary = _location(work)
    locations = [primary, *([_arxiv_location(work.arxiv_id)] if work.arxiv_id else [])]
    authorships = [
        {
            "author_position": "first" if n == 0 else "middle",
            "author": {
                "id": f"https://openalex.org/A{n + 1}",
                "display_name": author.name,
                "orcid": f"https://orcid.org/{author.orcid}" if author.orcid else None,
            },
            "institutions": [
                {"id": f"https://openalex.org/I{i}", "display_name": name, "country_code": "CN"}
                for i, name in enumerate(author.institutions)
            ],
            "raw_author_name": author.name,
        }
        for n, author in enumerate(work.authors)
    ]
    oa = next((loc for loc in locations if loc["pdf_url"]), None)
    body = {
        "id": f"https://openalex.org/{work.id}",
        "doi": f"https://doi.org/{work.doi}" if work.doi else None,
        "title": work.title,
        "display_name": work.title,
        "publication_year": work.year,
        "publication_date": work.date or f"{work.year}-06-01",
        "ids": {"openalex": f"https://openalex.org/{work.id}"},
        "type": "preprint" if work.preprint else "article",
        "authorships": authorships,
        "primary_location": primary,
        "locations": locations,
        "locations_count": len(locations),
        "best_oa_location": oa,
        "open_access": {"is_oa": oa is not None, "oa_url": oa["pdf_url"] if oa else None},
        "cited_by_count": work.cited_by_count,
        "abstract_inverted_index": inverted_index(work.abstract) if work.abstract else None,
    }
    body.update(dict(work.raw))
    return body


def _bare(doi: str) -> str:
    return re.sub(r"^https?://(dx\.)?doi\.org/", "", doi.strip(), flags=re.I).lower()


class _Refusal(Exception):
    def __init__(
        self, status: int, error: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message
        self.headers = dict(headers or {})


class FakeOpenalex(FakeService):
    """The fake service. ``merged``: old work id -> the id it was merged into.

    ``api_key``: the one key it accepts (``None``: every key is wrong, only
    keyless service). ``per_second``/``keyed_per_second``: the caps; ``clock``
    (monotonic seconds) decides the one-second windows, injectable.
    """

    def __init__(
        self,
        works: Iterable[FakeWork] = (),
        *,
        api_key: str | None = TEST_KEY,
        allowance_usd: float = 1.0,
        keyless_allowance_usd: float = 0.01,
        per_second: int = 10,
        keyed_per_second: int = 100,
        merged: Mapping[str, str] | None = None,
        latency: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.works = {w.id: w for w in sorted(works, key=lambda w: w.id)}
        # Indexes, so that a fake of 10,000 works answers as fast as a small one.
        self._by_doi: dict[str, list[FakeWork]] = {}
        for work in self.works.values():
            if work.doi:
                self._by_doi.setdefault(work.doi.lower(), []).append(work)
        self._title_terms = {w.id: terms(w.title) for w in self.works.values()}
        self._by_term: dict[str, set[str]] = {}
        for work_id, words in self._title_terms.items():
            for word in words:
                self._by_term.setdefault(word, set()).add(work_id)
        self.api_key = api_key
        self.allowance_usd = allowance_usd
        self.keyless_allowance_usd = keyless_allowance_usd
        self.remaining_usd = {True: allowance_usd, False: keyless_allowance_usd}
        self.per_second = per_second
        self.keyed_per_second = keyed_per_second
        self.merged = dict(merged or {})
        self.latency = latency
        self.clock = clock
        self.requests: list[RecordedRequest] = []
        self.most_in_flight = 0  # the most requests it was answering at once
        self._in_flight = 0
        self.echo_key = False
        self.redirect_with_key = False
        self._faults: list[str | int] = []
        self._windows: dict[bool, tuple[int, int]] = {}  # keyed -> (second, requests in it)
        self._lock = threading.Lock()
        self.server = QuickStopHTTPServer(host="127.0.0.1", port=0, threaded=True)
        self.server.expect_request(re.compile(r"^/works.*")).respond_with_handler(self._handle)

    # ------------------------------------------------------------- lifecycle

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def env(self, *, keyless: bool = False) -> dict[str, str]:
        """The variables that point a run (a subprocess) at this fake."""
        key = "" if keyless else (self.api_key or "")
        return {"ENRICH_OPENALEX_API_URL": self.url, "OPENALEX_API_KEY": key}

    def source_settings(self, *, keyless: bool = False) -> OpenalexSettings:
        """OpenAlex's settings pointed at this fake, with its key (or none)."""
        return OpenalexSettings(api_url=self.url, api_key=None if keyless else self.api_key)

    # --------------------------------------------------------------- faults
    def fail_next(self, times: int, status: int = 500) -> None:
        with self._lock:
            self._faults.extend([status] * times)

    def truncate_next(self, times: int = 1) -> None:
        """The next answers are 200s whose JSON stops halfway (a cut connection)."""
        with self._lock:
            self._faults.extend(["truncate"] * times)

    def deepen_next(self, times: int = 1) -> None:
        """The next answers are 200s of JSON nested 5,000 levels deep."""
        with self._lock:
            self._faults.extend(["deep"] * times)

    def reset(self, allowance_usd: float | None = None) -> None:
        """Forget requests and faults; a new day's allowance (to share one server)."""
        with self._lock:
            self.requests.clear()
            self._faults.clear()
            self._windows.clear()
            self.echo_key = self.redirect_with_key = False
            if allowance_usd is not None:
                self.allowance_usd = allowance_usd
            self.remaining_usd = {True: self.allowance_usd, False: self.keyless_allowance_usd}

    def count(self, kind: str | None = None) -> int:
        return sum(1 for r in self.requests if kind is None or r.kind == kind)

    # ------------------------------------------------------------- handling
    def _handle(self, request: Request) -> Response:
        args = request.args.to_dict()
        kind = self._kind(request.path, args)
        with self._lock:
            self.requests.append(RecordedRequest(request.path, args, kind))
            fault = self._faults.pop(0) if self._faults else None
            self._in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
        try:
            return self._answer(request, args, kind, fault)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _answer(
        self, request: Request, args: Mapping[str, str], kind: str, fault: str | int | None
    ) -> Response:
        if self.latency:
            time.sleep(self.latency)
        if isinstance(fault, int):
            return self._error(_Refusal(fault, "Internal Server Error", "temporary failure"))
        try:
            keyed = self._check_key(args)
            self._pace(keyed)
            headers = self._charge(kind, keyed)
            response = self._route(request.path, args, headers)
        except _Refusal as refusal:
            return self._error(refusal)
        return self._faulty(response, fault, args)

    def _faulty(self, response: Response, fault: str | None, args: Mapping[str, str]) -> Response:
        if fault == "truncate":
            data = response.get_data()
            response.set_data(data[: max(1, len(data) // 2)])
        elif fault == "deep":
            response.set_data(b'{"results": ' + b"[" * 5000 + b"]" * 5000 + b"}")
        elif self.echo_key and args.get("api_key") and response.status_code == 200:
            document = json.loads(response.get_data())
            document["note"] = f"requested with api_key={args['api_key']}"  # a server echoing
            response.set_data(json.dumps(document))
        return response

    @staticmethod
    def _kind(path: str, args: Mapping[str, str]) -> str:
        if _SINGLETON.match(path):
            return "singleton"
        if "search" in args or ".search:" in args.get("filter", ""):
            return "search"
        return "filter"

    def _check_key(self, args: Mapping[str, str]) -> bool:
        """Keyed (True) or keyless (False) service; a wrong key is refused."""
        given = args.get("api_key")
        if not given:
            return False
        if given != self.api_key:
            raise _Refusal(403, "Forbidden", "Invalid API key.")
        return True

    def _pace(self, keyed: bool) -> None:
        cap = self.keyed_per_second if keyed else self.per_second
        second = int(self.clock())
        with self._lock:
            start, used = self._windows.get(keyed, (second, 0))
            used = used + 1 if start == second else 1
            self._windows[keyed] = (second, used)
        if used > cap:
            message = f"Rate limit exceeded: at most {cap} requests per second. Please slow down."
            raise _Refusal(429, "Rate limit exceeded", message, {"Retry-After": "1"})

    def _charge(self, kind: str, keyed: bool) -> dict[str, str]:
        cost = PRICE_USD[kind]
        with self._lock:
            left = self.remaining_usd[keyed]
            if left + 1e-12 < cost:
                headers = self._limits(0.0, keyed)
                headers["Retry-After"] = str(SECONDS_TO_MIDNIGHT)
                message = (
                    f"Insufficient budget: this request costs ${cost:g} and ${left:.4f} is left "
                    "of today's allowance. It resets at midnight UTC."
                )
                raise _Refusal(429, "Rate limit exceeded", message, headers)
            self.remaining_usd[keyed] = max(0.0, left - cost)
        return self._limits(cost, keyed)

    def _limits(self, cost: float, keyed: bool) -> dict[str, str]:
        limit = self.allowance_usd if keyed else self.keyless_allowance_usd
        return {
            "X-RateLimit-Limit-USD": f"{limit:g}",
            "X-RateLimit-Remaining-USD": f"{self.remaining_usd[keyed]:.4f}",
            "X-RateLimit-Cost-USD": f"{cost:g}",
            "X-RateLimit-Reset": str(SECONDS_TO_MIDNIGHT),
        }

    @staticmethod
    def _error(refusal: _Refusal) -> Response:
        body = json.dumps({"error": refusal.error, "message": refusal.message})
        return Response(
            body, status=refusal.status, headers=refusal.headers, content_type="application/json"
        )

    def _route(self, path: str, args: Mapping[str, str], headers: dict[str, str]) -> Response:
        single = _SINGLETON.match(path)
        if single:
            return self._singleton(single.group(1), args, headers)
        if path.rstrip("/") != "/works":
            raise _Refusal(404, "Not found", f"No such endpoint {path}", headers)
        try:
            works, scores = self._filtered(args.get("filter", ""))
            per_page = self._per_page(args)
            start, page, cursor = self._page(args, per_page)
            chosen = works[start : start + per_page]
            results = [self._select(self._scored(w, scores), args) for w in chosen]
        except _Refusal as refusal:
            refusal.headers = {**headers, **refusal.headers}
            raise
        more = start + per_page < len(works)
        meta = {
            "count": len(works),
            "db_response_time_ms": 12,
            "page": page,
            "per_page": per_page,
            "next_cursor": f"c{start + per_page}" if cursor and more else None,
            "groups_count": None,
        }
        body = json.dumps({"meta": meta, "results": results, "group_by": []})
        return Response(body, headers=headers, content_type="application/json")

    @staticmethod
    def _scored(work: FakeWork, scores: Mapping[str, float]) -> dict[str, Any]:
        body = work_json(work)
        if work.id in scores:
            body["relevance_score"] = round(scores[work.id], 3)
        return body

    def _singleton(
        self, work_id: str, args: Mapping[str, str], headers: dict[str, str]
    ) -> Response:
        if work_id in self.merged:
            query = "&".join(
                f"{k}={v}" for k, v in args.items() if k != "api_key" or self.redirect_with_key
            )
            location = f"/works/{self.merged[work_id]}" + (f"?{query}" if query else "")
            return Response("", status=301, headers={**headers, "Location": location})
        work = self.works.get(work_id)
        if work is None:
            raise _Refusal(404, "Not found", f"Work {work_id} not found", headers)
        body = json.dumps(self._select(work_json(work), args))
        return Response(body, headers=headers, content_type="application/json")

    @staticmethod
    def _per_page(args: Mapping[str, str]) -> int:
        raw = args.get("per-page", args.get("per_page", "25"))
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_PER_PAGE:
            raise _Refusal(400, _INVALID, f"per-page is {raw!r}; it must be between 1 and 100")
        return int(raw)

    @staticmethod
    def _page(args: Mapping[str, str], per_page: int) -> tuple[int, int | None, bool]:
        """(first result, page number or None, cursor paging)."""
        cursor = args.get("cursor")
        if cursor is not None:
            if cursor == "*":
                return 0, None, True
            if not re.fullmatch(r"c\d+", cursor):
                raise _Refusal(400, _INVALID, f"cursor {cursor!r} is not valid")
            return int(cursor[1:]), None, True
        raw = args.get("page", "1")
        if not raw.isdigit() or int(raw) < 1:
            raise _Refusal(400, _INVALID, f"page {raw!r} is not valid")
        page = int(raw)
        if page * per_page > MAX_BASIC_PAGING:
            raise _Refusal(400, _INVALID, "Maximum results size of 10,000 records is exceeded.")
        return (page - 1) * per_page, page, False

    @staticmethod
    def _select(work: dict[str, Any], args: Mapping[str, str]) -> dict[str, Any]:
        if "select" not in args:
            return work
        fields = args["select"].split(",")
        unknown = [f for f in fields if f not in work]
        if unknown:
            raise _Refusal(400, _INVALID, f"{unknown[0]} is not a valid select field")
        return {f: work[f] for f in fields}

    def _filtered(self, text: str) -> tuple[list[FakeWork], dict[str, float]]:
        works = list(self.works.values())  # by id
        scores: dict[str, float] = {}
        for clause in filter(None, text.split(",")):
            name, _, value = clause.partition(":")
            if name == "doi":
                values = value.split("|")
                if len(values) > MAX_OR_VALUES:
                    message = f"Maximum number of values exceeded for doi. Max is {MAX_OR_VALUES}."
                    raise _Refusal(400, _INVALID, message)
                found = {w.id for v in values for w in self._by_doi.get(_bare(v), ())}
                works = [w for w in works if w.id in found]
            elif name == "title.search":
                scores = self._title_search(value)
                works = sorted(
                    (w for w in works if w.id in scores), key=lambda w: (-scores[w.id], w.id)
                )
            else:
                raise _Refusal(400, _INVALID, f"{name} is not a valid filter for works")
        return works, scores

    def _title_search(self, query: str) -> dict[str, float]:
        """Works whose title holds every query word (after stop words and stemming)."""
        wanted = terms(query)
        if not wanted:
            return {}
        ids = set.intersection(*(self._by_term.get(word, set()) for word in wanted))
        scores = {}
        for work_id in ids:
            words = self._title_terms[work_id]
            text_match = len(wanted) / max(len(words), 1)  # shorter titles match closer
            scores[work_id] = 100 * text_match + self.works[work_id].cited_by_count / 1000
        return scores


def works_on_arxiv(papers: Iterable[Any], first_id: int = 9_000_000) -> tuple[FakeWork, ...]:
    """What OpenAlex holds for papers of a fake arXiv: each under its DataCite DOI.

    ``papers`` are :class:`tests.fakes.arxiv.FakePaper` (``id``, ``title``,
    ``published``, ``authors``), so a test world's OpenAlex knows the same
    papers as its arXiv and a run's ``openalex`` slots are real answers, not
    failures.
    """
    return tuple(
        FakeWork(
            id=f"W{first_id + n}",
            title=paper.title,
            doi=f"10.48550/arxiv.{paper.id}",
            year=int(paper.published[:4]),
            date=paper.published[:10],
            venue=ARXIV,
            authors=tuple(FakeAuthor(name) for name in getattr(paper, "authors", ()))
            or (FakeAuthor("A. Author"),),
            cited_by_count=n,
        )
        for n, paper in enumerate(papers)
    )


@functools.cache
def _empty_openalex() -> FakeOpenalex:
    fake = FakeOpenalex(keyed_per_second=10_000).start()
    atexit.register(fake.stop)
    return fake


def empty_openalex_settings() -> OpenalexSettings:
    """OpenAlex's settings pointed at the process's shared fake that holds no work.

    For test worlds that do not exercise OpenAlex: its lookups get real, empty
    answers at once instead of connection errors retried with backoff. Started on
    first use and stopped when the test process exits.
    """
    return _empty_openalex().source_settings()


def empty_openalex_env() -> dict[str, str]:
    """The variables of the shared empty fake (for a subprocess)."""
    return _empty_openalex().env()
