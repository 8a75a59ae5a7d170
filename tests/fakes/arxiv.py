"""A local fake of the arXiv API (``/api/query``) on 127.0.0.1, for tests and benchmarks.

It answers like the real service, in the Atom format recorded from it in 2026
(``lukasschwab/arxiv.py`` ``tests/fixtures``) or, on request, the older format
the user manual shows: ``id_list`` (unknown ids simply absent; a malformed id
answers 400 with an ``Error`` entry naming it), ``search_query`` with field
prefixes, ``AND``/``OR``/``ANDNOT``, parentheses and quoted phrases (a small
evaluator, relevance = number of matched terms), ``start``/``max_results``
(default 10). Faults can be injected (n times 503, 429 with ``Retry-After``)
and every request is recorded for counting. Usable outside pytest::

    with FakeArxiv(papers) as fake:
        settings = Settings(sources=(fake.source_settings(),))
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from werkzeug import Request, Response

from enrich.sources.arxiv import ArxivSettings
from tests.fakes.server import FakeService, QuickStopHTTPServer

_NEW_ID = re.compile(r"\d{4}\.\d{4,5}(v\d+)?")
_OLD_ID = re.compile(r"[a-z]+(-[a-z]+)?(\.[A-Z]{2})?/\d{7}(v\d+)?")
_TOKEN = re.compile(
    r'\(|\)|\b(?:ANDNOT|AND|OR)\b|[a-z]+:"[^"]*"|[a-z]+:[^\s()"]+|"[^"]*"|[^\s()"]+'
)
_NS = 'xmlns="http://www.w3.org/2005/Atom"'
_NS_OS = 'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"'
_NS_AX = 'xmlns:arxiv="http://arxiv.org/schemas/atom"'
FEED_UPDATED = "2026-04-12T22:09:36Z"


@dataclass(frozen=True)
class FakePaper:
    """One paper the fake knows. ``published``/``updated`` are RFC 3339 timestamps."""

    id: str  # canonical, without version
    title: str
    authors: tuple[str, ...] = ("A. Author",)
    abstract: str = "An abstract."
    published: str = "2023-01-15T18:00:00Z"
    updated: str | None = None
    version: int = 1
    categories: tuple[str, ...] = ("cs.CV",)
    comment: str | None = None
    journal_ref: str | None = None
    doi: str | None = None
    affiliations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    args: Mapping[str, str]


def _words(text: str) -> list[str]:
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).lower()
    return re.sub(r"[^a-z0-9]+", " ", folded).split()


def _field_text(paper: FakePaper, name: str) -> str:
    parts = {
        "ti": paper.title,
        "au": " ".join(paper.authors),
        "abs": paper.abstract,
        "co": paper.comment or "",
        "jr": paper.journal_ref or "",
        "cat": " ".join(paper.categories),
        "id": paper.id,
    }
    if name == "all":
        return " ".join(parts.values())
    return parts.get(name, "")


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


class _Query:
    """A tiny evaluator for arXiv's query language: returns a score (0: no match)."""

    def __init__(self, text: str) -> None:
        self.tokens = _TOKEN.findall(text)
        self.pos = 0

    def score(self, paper: FakePaper) -> int:
        self.pos = 0
        value = self._expr(paper)
        return value

    def _expr(self, paper: FakePaper) -> int:
        left = self._term(paper)
        while self.pos < len(self.tokens) and self.tokens[self.pos] in ("AND", "OR", "ANDNOT"):
            op = self.tokens[self.pos]
            self.pos += 1
            right = self._term(paper)
            if op == "AND":
                left = left + right if left and right else 0
            elif op == "OR":
                left = left + right
            else:
                left = left if left and not right else 0
        return left

    def _term(self, paper: FakePaper) -> int:
        token = self.tokens[self.pos] if self.pos < len(self.tokens) else ""
        self.pos += 1
        if token == "(":
            value = self._expr(paper)
            self.pos += 1  # ")"
            return value
        name, _, value = token.partition(":") if ":" in token else ("all", "", token)
        needle = _words(value.strip('"'))
        return 1 if _contains(_words(_field_text(paper, name)), needle) else 0


class FakeArxiv(FakeService):
    """The fake service. ``papers``: id -> :class:`FakePaper` or a dict of its fields."""

    def __init__(
        self,
        papers: Mapping[str, FakePaper | Mapping[str, Any]] | Iterable[FakePaper] = (),
        *,
        old_format: bool = False,
        latency: float = 0.0,
        malformed: Iterable[str] = (),
    ) -> None:
        self.papers: dict[str, FakePaper] = {}
        items = papers.items() if isinstance(papers, Mapping) else ((p.id, p) for p in papers)
        for key, value in items:
            paper = value if isinstance(value, FakePaper) else FakePaper(id=key, **value)
            self.papers[paper.id] = paper
        self.old_format = old_format
        self.latency = latency
        self.malformed = frozenset(malformed)  # ids the service rejects beyond its pattern
        self.requests: list[RecordedRequest] = []
        self._faults: list[tuple[int, dict[str, str]]] = []
        self._lock = threading.Lock()
        self.server = QuickStopHTTPServer(host="127.0.0.1", port=0)
        self.server.expect_request("/api/query").respond_with_handler(self._handle)

    # ------------------------------------------------------------- lifecycle

    @property
    def url(self) -> str:
        return self.server.url_for("/api/query")

    def source_settings(self) -> ArxivSettings:
        """arXiv's settings pointed at this fake, unpaced (the fake has no terms to keep)."""
        return ArxivSettings(api_url=self.url, delay=0.0)

    # --------------------------------------------------------------- faults
    def fail_next(self, times: int, status: int = 503, retry_after: float | None = None) -> None:
        """Answer the next ``times`` requests with ``status`` (and ``Retry-After``)."""
        headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
        with self._lock:
            self._faults.extend((status, headers) for _ in range(times))

    def reset(self) -> None:
        """Forget recorded requests and pending faults (to share one server between tests)."""
        with self._lock:
            self.requests.clear()
            self._faults.clear()

    def count(self, kind: str | None = None) -> int:
        """Requests received; ``kind`` 'id_list' or 'search' counts only those."""
        if kind is None:
            return len(self.requests)
        key = "id_list" if kind == "id_list" else "search_query"
        return sum(1 for r in self.requests if r.args.get(key))

    # ------------------------------------------------------------- handling
    def _handle(self, request: Request) -> Response:
        args = {**request.args.to_dict(), **request.form.to_dict()}
        with self._lock:
            self.requests.append(RecordedRequest(request.method, request.path, args))
            fault = self._faults.pop(0) if self._faults else None
        if self.latency:
            time.sleep(self.latency)
        if fault:
            return Response("Service Unavailable", status=fault[0], headers=fault[1])
        ids = [i.strip() for i in args.get("id_list", "").split(",") if i.strip()]
        bad = [i for i in ids if not self._well_formed(i)]
        if bad:
            return self._error(bad[0], args)
        papers = self._select(ids, args.get("search_query", ""))
        start = int(args.get("start", "0") or 0)
        size = int(args.get("max_results", "10") or 10)
        return self._feed(papers[start : start + size], len(papers), size, start, args)

    def _well_formed(self, arxiv_id: str) -> bool:
        if arxiv_id in self.malformed:
            return False
        return bool(_NEW_ID.fullmatch(arxiv_id) or _OLD_ID.fullmatch(arxiv_id))

    def _select(self, ids: list[str], query: str) -> list[FakePaper]:
        if ids:
            base = {re.sub(r"v\d+$", "", i) for i in ids}
            base |= {re.sub(r"\.[A-Z]{2}/", "/", i) for i in base}
            pool = [p for key, p in sorted(self.papers.items()) if key in base]
            if not query:
                return pool
        else:
            pool = [p for _, p in sorted(self.papers.items())]
        if not query:
            return []
        evaluator = _Query(query)
        scored = [(evaluator.score(p), p) for p in pool]
        ranked = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1].id))
        return [p for _, p in ranked]

    # -------------------------------------------------------------- render
    def _query_title(self, args: Mapping[str, str]) -> str:
        return (
            f"arXiv Query: search_query={args.get('search_query', '')}&id_list="
            f"{args.get('id_list', '')}&start={args.get('start', '0')}"
            f"&max_results={args.get('max_results', '10')}"
        )

    def _feed(
        self, papers: list[FakePaper], total: int, size: int, start: int, args: Mapping[str, str]
    ) -> Response:
        entries = "".join(self._entry(p) for p in papers)
        if self.old_format:
            body = _old_feed(self._query_title(args), entries, total, size, start)
        else:
            body = _new_feed(self._query_title(args), entries, total, size, start)
        return Response(body, status=200, content_type="application/atom+xml; charset=utf-8")

    def _error(self, bad_id: str, args: Mapping[str, str]) -> Response:
        message = f"incorrect id format for {bad_id}"
        url = f"https://arxiv.org/api/errors#incorrect_id_format_for_{bad_id}"
        entry = (
            f"  <entry>\n    <id>{escape(url)}</id>\n    <title>Error</title>\n"
            f"    <updated>{FEED_UPDATED}</updated>\n"
            f'    <link href={quoteattr(url)} rel="alternate" type="text/html"/>\n'
            f"    <summary>{escape(message)}</summary>\n"
            "    <author>\n      <name>arXiv api core</name>\n    </author>\n  </entry>\n"
        )
        body = (
            "<?xml version='1.0' encoding='UTF-8'?>\n"
            f"<feed {_NS_OS} {_NS_AX} {_NS}>\n  <id>https://arxiv.org/</id>\n"
            f"  <title>arXiv Search Results</title>\n  <updated>{FEED_UPDATED}</updated>\n"
            "  <opensearch:itemsPerPage>1</opensearch:itemsPerPage>\n"
            "  <opensearch:totalResults>1</opensearch:totalResults>\n"
            "  <opensearch:startIndex>0</opensearch:startIndex>\n"
            f"{entry}</feed>\n"
        )
        return Response(body, status=400, content_type="application/atom+xml; charset=utf-8")

    def _entry(self, paper: FakePaper) -> str:
        return _old_entry(paper) if self.old_format else _new_entry(paper)


def _authors_xml(paper: FakePaper, ns: str = "") -> str:
    out = []
    for name in paper.authors:
        affs = "".join(
            f"      <arxiv:affiliation{ns}>{escape(a)}</arxiv:affiliation>\n"
            for a in paper.affiliations.get(name, ())
        )
        out.append(f"    <author>\n      <name>{escape(name)}</name>\n{affs}    </author>\n")
    return "".join(out)


def _new_entry(paper: FakePaper) -> str:
    vid = f"{paper.id}v{paper.version}"
    cats = "".join(
        f'    <category term="{c}" scheme="http://arxiv.org/schemas/atom"/>\n'
        for c in paper.categories
    )
    optional = ""
    if paper.comment:
        optional += f"    <arxiv:comment>{escape(paper.comment)}</arxiv:comment>\n"
    optional += f'    <arxiv:primary_category term="{paper.categories[0]}"/>\n'
    if paper.journal_ref:
        optional += f"    <arxiv:journal_ref>{escape(paper.journal_ref)}</arxiv:journal_ref>\n"
    doi = ""
    if paper.doi:
        doi = (
            f"    <arxiv:doi>{escape(paper.doi)}</arxiv:doi>\n"
            f'    <link rel="related" href="https://doi.org/{escape(paper.doi)}" title="doi"/>\n'
        )
    return (
        f"  <entry>\n    <id>http://arxiv.org/abs/{vid}</id>\n"
        f"    <title>{escape(paper.title)}</title>\n"
        f"    <updated>{paper.updated or paper.published}</updated>\n"
        f'    <link href="https://arxiv.org/abs/{vid}" rel="alternate" type="text/html"/>\n'
        f'    <link href="https://arxiv.org/pdf/{vid}" rel="related" type="application/pdf"'
        ' title="pdf"/>\n'
        f"    <summary>{escape(paper.abstract)}</summary>\n{cats}"
        f"    <published>{paper.published}</published>\n{optional}"
        f"{_authors_xml(paper)}{doi}  </entry>\n"
    )


def _wrap(text: str, width: int = 76) -> str:
    """Wrap like the old feed: continuation lines indented by two spaces."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n  ".join(escape(x) for x in lines)


def _old_entry(paper: FakePaper) -> str:
    vid = f"{paper.id}v{paper.version}"
    ax = f" {_NS_AX}"
    cats = "".join(
        f'    <category term="{c}" scheme="http://arxiv.org/schemas/atom"/>\n'
        for c in paper.categories
    )
    doi = ""
    if paper.doi:
        doi = (
            f"    <arxiv:doi{ax}>{escape(paper.doi)}</arxiv:doi>\n"
            f'    <link title="doi" href="http://dx.doi.org/{escape(paper.doi)}" rel="related"/>\n'
        )
    comment = (
        f"    <arxiv:comment{ax}>{escape(paper.comment)}</arxiv:comment>\n" if paper.comment else ""
    )
    journal = (
        f"    <arxiv:journal_ref{ax}>{escape(paper.journal_ref)}</arxiv:journal_ref>\n"
        if paper.journal_ref
        else ""
    )
    return (
        f"  <entry>\n    <id>http://arxiv.org/abs/{vid}</id>\n"
        f"    <updated>{paper.updated or paper.published}</updated>\n"
        f"    <published>{paper.published}</published>\n"
        f"    <title>{_wrap(paper.title)}</title>\n"
        f"    <summary>  {_wrap(paper.abstract)}\n</summary>\n"
        f"{_authors_xml(paper, ax)}{doi}{comment}{journal}"
        f'    <link href="http://arxiv.org/abs/{vid}" rel="alternate" type="text/html"/>\n'
        f'    <link title="pdf" href="http://arxiv.org/pdf/{vid}.pdf" rel="related"'
        ' type="application/pdf"/>\n'
        f'    <arxiv:primary_category{ax} term="{paper.categories[0]}"'
        ' scheme="http://arxiv.org/schemas/atom"/>\n'
        f"{cats}  </entry>\n"
    )


def _new_feed(title: str, entries: str, total: int, size: int, start: int) -> str:
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        f"<feed {_NS_OS} {_NS_AX} {_NS}>\n"
        "  <id>https://arxiv.org/api/qFNnN3Zc8bA02fouemuGZq2J4Tg</id>\n"
        f"  <title>{escape(title)}</title>\n  <updated>{FEED_UPDATED}</updated>\n"
        '  <link href="https://arxiv.org/api/query" type="application/atom+xml"/>\n'
        f"  <opensearch:itemsPerPage>{size}</opensearch:itemsPerPage>\n"
        f"  <opensearch:totalResults>{total}</opensearch:totalResults>\n"
        f"  <opensearch:startIndex>{start}</opensearch:startIndex>\n"
        f"{entries}</feed>\n"
    )


def _old_feed(title: str, entries: str, total: int, size: int, start: int) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<feed {_NS}>\n"
        '  <link href="http://arxiv.org/api/query" rel="self" type="application/atom+xml"/>\n'
        f'  <title type="html">{escape(title)}</title>\n'
        "  <id>http://arxiv.org/api/VQIAl76NSsUAVMxIWuZHfsSl2Fs</id>\n"
        "  <updated>2016-10-09T00:00:00-04:00</updated>\n"
        f"  <opensearch:totalResults {_NS_OS}>{total}</opensearch:totalResults>\n"
        f"  <opensearch:startIndex {_NS_OS}>{start}</opensearch:startIndex>\n"
        f"  <opensearch:itemsPerPage {_NS_OS}>{size}</opensearch:itemsPerPage>\n"
        f"{entries}</feed>\n"
    )
