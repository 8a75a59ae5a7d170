"""A local fake of the OpenAlex works API on 127.0.0.1, for tests and benchmarks.

It answers in OpenAlex's JSON: a list (``/works?filter=...``) is
``{"meta": {"count", "db_response_time_ms", "page", "per_page",
"groups_count"}, "results": [...], "group_by": []}``; a singleton
(``/works/W123``) is the work object; failures are ``{"error", "message"}``.
Works carry ``abstract_inverted_index``, ``authorships`` (author with ORCID,
institutions), ``primary_location.source``, ``best_oa_location``,
``open_access`` and ``cited_by_count``; ``select=`` keeps root-level fields
(an unknown one answers 400, as OpenAlex does).

Understood: ``filter=doi:a|b|c`` (bare or doi.org DOIs, any case),
``filter=title.search:words`` (works whose title holds every word, in any
order, by id), ``per-page``/``per_page`` (1-200, default 25).

Its failures are OpenAlex's:

- the **allowance**: each request costs what OpenAlex charges (singletons
  free, filters $0.0001, searches $0.001) from ``allowance_usd``; every
  answer states ``X-RateLimit-Limit-USD``, ``-Remaining-USD``, ``-Cost-USD``
  and ``-Reset``; a request the rest cannot pay for answers **429** with
  ``Retry-After`` until midnight;
- a wrong or missing key (when ``api_key`` is set) answers **403**;
- ``fail_next(n, 500)`` answers the next requests with a server error;
- a DOI it does not know is simply absent from the results;
- a **merged** work id answers **301** to the surviving work.

Every request is recorded (``count(kind)``: ``filter``, ``search``,
``singleton``)::

    with FakeOpenalex(works) as fake:
        settings = Settings(source_env=fake.env())
"""

from __future__ import annotations

import atexit
import functools
import json
import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from werkzeug import Request, Response

from tests.fakes.server import FakeService, QuickStopHTTPServer

PRICE_USD = {"singleton": 0.0, "filter": 0.0001, "search": 0.001}
SECONDS_TO_MIDNIGHT = 43_200  # what the fake says is left of the day
TEST_KEY = "test-openalex-key"
# For test worlds where the network is down: a loopback port nothing listens on,
# so the run's OpenAlex lookups fail and no public name is looked up. (Each lookup
# is still retried with backoff: worlds that merely do not exercise OpenAlex use
# :func:`empty_openalex_env` instead, which answers at once.)
UNREACHABLE_URL = "http://127.0.0.1:9"
UNREACHABLE_ENV = {"ENRICH_OPENALEX_API_URL": UNREACHABLE_URL}
MAX_PER_PAGE = 200
_SINGLETON = re.compile(r"^/works/(W\d+)$")


@dataclass(frozen=True)
class FakeAuthor:
    name: str
    orcid: str | None = None  # bare iD
    institutions: tuple[str, ...] = ()


@dataclass(frozen=True)
class FakeWork:
    """One work the fake knows. ``doi`` bare; ``abstract`` plain text (served inverted)."""

    id: str  # W...
    title: str
    doi: str | None = None
    year: int = 2023
    date: str | None = None
    authors: tuple[FakeAuthor, ...] = (FakeAuthor("A. Author"),)
    abstract: str | None = "An abstract."
    venue: str | None = None
    pdf_url: str | None = None
    cited_by_count: int = 0


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    args: Mapping[str, str]
    kind: str


def _words(text: str) -> list[str]:
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).lower()
    return re.sub(r"[^a-z0-9]+", " ", folded).split()


def inverted_index(text: str) -> dict[str, list[int]]:
    """OpenAlex's form of an abstract: each word with the positions it takes."""
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def work_json(work: FakeWork) -> dict[str, Any]:
    """The work object as OpenAlex serves it (the fields this project reads, and a few more)."""
    source = {"id": "https://openalex.org/S1", "display_name": work.venue, "type": "conference"}
    location = {
        "is_oa": work.pdf_url is not None,
        "landing_page_url": f"https://doi.org/{work.doi}" if work.doi else None,
        "pdf_url": work.pdf_url,
        "source": source if work.venue else None,
    }
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
    return {
        "id": f"https://openalex.org/{work.id}",
        "doi": f"https://doi.org/{work.doi}" if work.doi else None,
        "title": work.title,
        "display_name": work.title,
        "publication_year": work.year,
        "publication_date": work.date or f"{work.year}-06-01",
        "ids": {"openalex": f"https://openalex.org/{work.id}"},
        "authorships": authorships,
        "primary_location": location,
        "best_oa_location": location if work.pdf_url else None,
        "open_access": {"is_oa": work.pdf_url is not None, "oa_url": work.pdf_url},
        "cited_by_count": work.cited_by_count,
        "abstract_inverted_index": inverted_index(work.abstract) if work.abstract else None,
    }


def _bare(doi: str) -> str:
    return re.sub(r"^https?://(dx\.)?doi\.org/", "", doi.strip(), flags=re.I).lower()


class _Refusal(Exception):
    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


class FakeOpenalex(FakeService):
    """The fake service. ``merged``: old work id -> the id it was merged into."""

    def __init__(
        self,
        works: Iterable[FakeWork] = (),
        *,
        api_key: str | None = TEST_KEY,
        allowance_usd: float = 1.0,
        merged: Mapping[str, str] | None = None,
        latency: float = 0.0,
    ) -> None:
        self.works = {w.id: w for w in sorted(works, key=lambda w: w.id)}
        # Indexes, so that a fake of 10,000 works answers as fast as a small one.
        self._by_doi: dict[str, list[FakeWork]] = {}
        for work in self.works.values():
            if work.doi:
                self._by_doi.setdefault(work.doi.lower(), []).append(work)
        self._title_words = {w.id: frozenset(_words(w.title)) for w in self.works.values()}
        self.api_key = api_key
        self.allowance_usd = allowance_usd
        self.remaining_usd = allowance_usd
        self.merged = dict(merged or {})
        self.latency = latency
        self.requests: list[RecordedRequest] = []
        self._faults: list[int] = []
        self._lock = threading.Lock()
        self.server = QuickStopHTTPServer(host="127.0.0.1", port=0)
        self.server.expect_request(re.compile(r"^/works.*")).respond_with_handler(self._handle)

    # ------------------------------------------------------------- lifecycle

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def env(self) -> dict[str, str]:
        """The variables that point a run at this fake (``Settings(source_env=...)``)."""
        return {"ENRICH_OPENALEX_API_URL": self.url, "OPENALEX_API_KEY": self.api_key or ""}

    # --------------------------------------------------------------- faults
    def fail_next(self, times: int, status: int = 500) -> None:
        with self._lock:
            self._faults.extend([status] * times)

    def reset(self, allowance_usd: float | None = None) -> None:
        """Forget requests and faults; a new day's allowance (to share one server)."""
        with self._lock:
            self.requests.clear()
            self._faults.clear()
            if allowance_usd is not None:
                self.allowance_usd = allowance_usd
            self.remaining_usd = self.allowance_usd

    def count(self, kind: str | None = None) -> int:
        return sum(1 for r in self.requests if kind is None or r.kind == kind)

    # ------------------------------------------------------------- handling
    def _handle(self, request: Request) -> Response:
        args = request.args.to_dict()
        kind = self._kind(request.path, args)
        with self._lock:
            self.requests.append(RecordedRequest(request.path, args, kind))
            fault = self._faults.pop(0) if self._faults else None
        if self.latency:
            time.sleep(self.latency)
        if fault is not None:
            return self._error(fault, "Internal Server Error", "temporary failure", {})
        try:
            self._check_key(args)
            headers = self._charge(kind)
        except _Refusal as refusal:
            return self._error(refusal.status, refusal.error, refusal.message, self._limits(0.0))
        try:
            return self._route(request.path, args, headers)
        except _Refusal as refusal:
            return self._error(refusal.status, refusal.error, refusal.message, headers)

    @staticmethod
    def _kind(path: str, args: Mapping[str, str]) -> str:
        if _SINGLETON.match(path):
            return "singleton"
        if "search" in args or ".search:" in args.get("filter", ""):
            return "search"
        return "filter"

    def _check_key(self, args: Mapping[str, str]) -> None:
        if self.api_key is not None and args.get("api_key") != self.api_key:
            raise _Refusal(403, "Forbidden", "Invalid or missing API key.")

    def _charge(self, kind: str) -> dict[str, str]:
        cost = PRICE_USD[kind]
        with self._lock:
            if self.remaining_usd + 1e-12 < cost:
                raise _Refusal(429, "Rate limit exceeded", "Daily budget exhausted.")
            self.remaining_usd = max(0.0, self.remaining_usd - cost)
        return self._limits(cost)

    def _limits(self, cost: float) -> dict[str, str]:
        return {
            "X-RateLimit-Limit-USD": f"{self.allowance_usd:g}",
            "X-RateLimit-Remaining-USD": f"{self.remaining_usd:.4f}",
            "X-RateLimit-Cost-USD": f"{cost:g}",
            "X-RateLimit-Reset": str(SECONDS_TO_MIDNIGHT),
        }

    def _error(self, status: int, error: str, message: str, headers: Mapping[str, str]) -> Response:
        extra = dict(headers)
        if status == 429:
            extra["Retry-After"] = str(SECONDS_TO_MIDNIGHT)
        body = json.dumps({"error": error, "message": message})
        return Response(body, status=status, headers=extra, content_type="application/json")

    def _route(self, path: str, args: Mapping[str, str], headers: dict[str, str]) -> Response:
        single = _SINGLETON.match(path)
        if single:
            return self._singleton(single.group(1), args, headers)
        if path.rstrip("/") != "/works":
            raise _Refusal(404, "Not found", f"No such endpoint {path}")
        works = self._filtered(args.get("filter", ""))
        per_page = self._per_page(args)
        page = [self._select(work_json(w), args) for w in works[:per_page]]
        meta = {
            "count": len(works),
            "db_response_time_ms": 12,
            "page": 1,
            "per_page": per_page,
            "groups_count": None,
        }
        body = json.dumps({"meta": meta, "results": page, "group_by": []})
        return Response(body, headers=headers, content_type="application/json")

    def _singleton(
        self, work_id: str, args: Mapping[str, str], headers: dict[str, str]
    ) -> Response:
        if work_id in self.merged:
            query = "&".join(f"{k}={v}" for k, v in args.items())
            location = f"/works/{self.merged[work_id]}" + (f"?{query}" if query else "")
            return Response("", status=301, headers={**headers, "Location": location})
        work = self.works.get(work_id)
        if work is None:
            raise _Refusal(404, "Not found", f"Work {work_id} not found")
        body = json.dumps(self._select(work_json(work), args))
        return Response(body, headers=headers, content_type="application/json")

    @staticmethod
    def _per_page(args: Mapping[str, str]) -> int:
        raw = args.get("per-page", args.get("per_page", "25"))
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_PER_PAGE:
            raise _Refusal(400, "Invalid query parameters error.", f"per-page {raw!r} invalid")
        return int(raw)

    @staticmethod
    def _select(work: dict[str, Any], args: Mapping[str, str]) -> dict[str, Any]:
        if "select" not in args:
            return work
        fields = args["select"].split(",")
        unknown = [f for f in fields if f not in work]
        if unknown:
            raise _Refusal(
                400, "Invalid query parameters error.", f"{unknown[0]} is not a valid select field"
            )
        return {f: work[f] for f in fields}

    def _filtered(self, text: str) -> list[FakeWork]:
        works = list(self.works.values())  # by id
        for clause in filter(None, text.split(",")):
            name, _, value = clause.partition(":")
            if name == "doi":
                found = {w.id for v in value.split("|") for w in self._by_doi.get(_bare(v), ())}
                works = [w for w in works if w.id in found]
            elif name == "title.search":
                terms = set(_words(value))
                works = [w for w in works if terms <= self._title_words[w.id]]
            else:
                raise _Refusal(400, "Invalid query parameters error.", f"{name}: no such filter")
        return works


def works_on_arxiv(papers: Iterable[Any], first_id: int = 9_000_000) -> tuple[FakeWork, ...]:
    """What OpenAlex holds for papers of a fake arXiv: each under its DataCite DOI.

    ``papers`` are :class:`tests.fakes.arxiv.FakePaper` (``id``, ``title``,
    ``published``), so a test world's OpenAlex knows the same papers as its
    arXiv and a run's ``openalex`` slots are real answers, not failures.
    """
    return tuple(
        FakeWork(
            id=f"W{first_id + n}",
            title=paper.title,
            doi=f"10.48550/arxiv.{paper.id}",
            year=int(paper.published[:4]),
            date=paper.published[:10],
            venue="arXiv (Cornell University)",
            cited_by_count=n,
        )
        for n, paper in enumerate(papers)
    )


@functools.cache
def empty_openalex_env() -> dict[str, str]:
    """The variables of a running fake OpenAlex that holds no work, shared by a process.

    For test worlds that do not exercise OpenAlex: its lookups get real, empty
    answers at once instead of connection errors retried with backoff. Started on
    first use and stopped when the test process exits.
    """
    fake = FakeOpenalex().start()
    atexit.register(fake.stop)
    return fake.env()
