"""The fake arXiv, GitHub and web hosts of the test suite, filled to match a synthetic list.

The fakes themselves live in ``tests/fakes`` and are reused as they are; this
module only adds what a benchmark needs on top, by subclassing:

- **Latency.** Every answer waits a random 50-200 ms (seeded), like a real
  service across the Internet, instead of the fakes' fixed ``latency``.
- **A word index for arXiv searches.** The fake scores every paper it knows
  for every search; at 10,000 papers that would make the *fake* the
  bottleneck. Papers sharing no word with the query cannot score, so they are
  skipped before the fake's own evaluator ranks the rest: same answers.
- **Several web hosts.** Project pages live on 127.0.0.1, 127.0.0.2, ... (all
  loopback): real lists link pages on many hosts, and the door bounds
  concurrency per host, so one host would measure an unreal bottleneck.

Every fake records its requests; :meth:`Services.counts` sums them per
service so a run's report can be checked against what the services saw.
"""

from __future__ import annotations

import random
import re
import threading
import time
from dataclasses import dataclass, replace
from typing import Any

from pytest_httpserver import HTTPServer
from tests.environment import loopback_environment
from tests.fakes.arxiv import _TOKEN, FakeArxiv, FakePaper, _Query, _words
from tests.fakes.github import FakeGithub
from tests.fakes.openalex import ARXIV, TEST_KEY, FakeAuthor, FakeOpenalex, FakeWork
from tests.fakes.pages import FakeWebHost
from werkzeug import Request, Response

from benchmarks.generate import SyntheticList, SyntheticPaper, page_url

TOKEN = "benchmark-token"


@dataclass(frozen=True)
class Latency:
    """Seconds each answer waits: uniform in ``[low, high]``, from a seeded stream."""

    low: float = 0.05
    high: float = 0.20
    seed: int = 0

    def stream(self, name: str) -> Delay:
        return Delay(self, random.Random(f"{self.seed}-{name}"))


class Delay:
    """One service's stream of waits (thread-safe: page hosts answer concurrently)."""

    def __init__(self, latency: Latency, rng: random.Random) -> None:
        self.latency = latency
        self.rng = rng
        self.lock = threading.Lock()

    def wait(self, key: str | None = None) -> None:
        """Wait the stream's next draw; with ``key``, the draw that key always gets.

        Keyed waits make a page cost the same whoever asks and whenever: two
        tools checking the same pages in turn (``benchmarks.peers``) face the
        same latencies, so the comparison is not down to which run drew the
        slower half of a shared stream.
        """
        if self.latency.high <= 0:
            return
        if key is not None:
            seconds = random.Random(f"{self.latency.seed}-{key}").uniform(
                self.latency.low, self.latency.high
            )
        else:
            with self.lock:
                seconds = self.rng.uniform(self.latency.low, self.latency.high)
        time.sleep(seconds)


class BenchArxiv(FakeArxiv):
    """The fake arXiv with random latency and an index that narrows searches."""

    def __init__(self, papers: list[FakePaper], delay: Delay) -> None:
        super().__init__(papers)
        self.delay = delay
        self.index: dict[str, set[str]] = {}
        for paper in self.papers.values():
            text = " ".join((paper.title, " ".join(paper.authors), paper.abstract, paper.id))
            for word in set(_words(text)):
                self.index.setdefault(word, set()).add(paper.id)

    def _handle(self, request: Request) -> Response:
        self.delay.wait()
        return super()._handle(request)

    def _select(self, ids: list[str], query: str) -> list[FakePaper]:
        if ids or not query:
            return super()._select(ids, query)
        evaluator = _Query(query)
        keys = _Candidates(query, self.index).papers()
        scored = [(evaluator.score(self.papers[key]), self.papers[key]) for key in sorted(keys)]
        ranked = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1].id))
        return [paper for _, paper in ranked]


class _Candidates:
    """A superset of the papers a query matches, from the word index (the query's sets).

    Mirrors the fake's evaluator on sets: a term is the papers holding all its
    words (in any field), AND intersects, OR unites, ANDNOT keeps its left side
    (removing a superset could remove a true match). The fake's own evaluator
    then scores only these.
    """

    def __init__(self, query: str, index: dict[str, set[str]]) -> None:
        self.tokens = _TOKEN.findall(query)
        self.pos = 0
        self.index = index

    def papers(self) -> set[str]:
        return self._expr()

    def _expr(self) -> set[str]:
        left = self._term()
        while self.pos < len(self.tokens) and self.tokens[self.pos] in ("AND", "OR", "ANDNOT"):
            operator = self.tokens[self.pos]
            self.pos += 1
            right = self._term()
            if operator == "AND":
                left = left & right
            elif operator == "OR":
                left = left | right
        return left

    def _term(self) -> set[str]:
        token = self.tokens[self.pos] if self.pos < len(self.tokens) else ""
        self.pos += 1
        if token == "(":
            found = self._expr()
            self.pos += 1  # ")"
            return found
        value = token.partition(":")[2] if ":" in token else token
        words = _words(value.strip('"'))
        if not words:
            return set()
        return set.intersection(*(self.index.get(word, set()) for word in words))


class BenchGithub(FakeGithub):
    """The fake GitHub with random latency."""

    def __init__(self, repos: dict[str, dict[str, Any]], delay: Delay) -> None:
        super().__init__(repos, token=TOKEN, graphql_limit=1_000_000)
        self.delay = delay

    def _handle(self, request: Request) -> Response:
        self.delay.wait()
        return super()._handle(request)


class BenchWebHost(FakeWebHost):
    """A fake web host on a chosen loopback address, with random latency."""

    def __init__(self, address: str, delay: Delay, *, per_page: bool = False) -> None:
        super().__init__()
        # The parent's server (on 127.0.0.1) is never started; this one takes its place.
        self.server = HTTPServer(host=address, port=0, threaded=True)
        self.server.expect_request(re.compile(".*")).respond_with_handler(self._dispatch)
        self.delay = delay
        self.per_page = per_page  # each page its own fixed wait (see Delay.wait)

    def _dispatch(self, request: Request) -> Response:
        self.delay.wait(f"{self.server.host}{request.path}" if self.per_page else None)
        return super()._dispatch(request)


class BenchOpenalex(FakeOpenalex):
    """The fake OpenAlex with random latency; a free key's daily allowance ($1) by default."""

    def __init__(self, works: list[FakeWork], delay: Delay, **options: Any) -> None:
        super().__init__(works, **{"allowance_usd": 1.0, **options})
        self.delay = delay

    def _handle(self, request: Request) -> Response:
        self.delay.wait()
        return super()._handle(request)


def openalex_works(paper: SyntheticPaper) -> list[FakeWork]:
    """The paper as OpenAlex holds it, in the shares the real service shows.

    Seeded by the title, so every run builds the same world: an ACM paper is
    one published work under its DOI; an arXiv paper is held twice (the
    preprint under ``10.48550/arxiv.<id>`` and the published version under a
    publisher DOI) six times in ten, merged into one published work (arXiv
    only a location) two in ten, and only a preprint two in ten.
    """
    draw = random.Random(paper.title)
    cited = draw.randint(0, 900)
    authors = tuple(FakeAuthor(name) for name in paper.authors)
    number = 4_000_000_000 + 2 * paper.number
    acm = paper.paper_url.partition("/doi/")[2] if paper.link == "acm" else ""
    published = FakeWork(
        id=f"W{number}",
        title=paper.title,
        doi=acm or f"10.1109/bench.{paper.number}",
        year=paper.year,
        venue=paper.venue,
        authors=authors,
        cited_by_count=cited,
    )
    if acm:
        return [published]
    preprint = FakeWork(
        id=f"W{number + 1}",
        title=paper.title,
        doi=f"10.48550/arxiv.{paper.arxiv_id}",
        year=int(paper.published[:4]),
        venue=ARXIV,
        authors=authors,
        cited_by_count=draw.randint(0, 300),
    )
    kind = draw.random()
    if kind < 0.6:
        return [preprint, published]
    if kind < 0.8:
        return [replace(published, arxiv_id=paper.arxiv_id)]
    return [preprint]


def arxiv_paper(paper: SyntheticPaper) -> FakePaper:
    return FakePaper(
        id=paper.arxiv_id,
        title=paper.title,
        authors=paper.authors,
        abstract=f"We present {paper.name}, a method for {paper.section.lower()}.",
        published=paper.published,
        categories=("cs.CV", "cs.GR"),
    )


def repo_facts(number: int, full_name: str, homepage: str | None) -> dict[str, Any]:
    """Invented but stable facts of one repository."""
    rng = random.Random(full_name)
    return {
        "id": 100_000 + number,
        "description": f"Official implementation of {full_name.split('/')[1]}.",
        "homepage": homepage,
        "stars": rng.randint(0, 5000),
        "forks": rng.randint(0, 800),
        "watchers": rng.randint(0, 200),
        "open_issues": rng.randint(0, 120),
        "language": "Python",
        "license": rng.choice(("MIT", "Apache-2.0", None)),
        "created": "2022-03-01T10:00:00Z",
        "pushed": "2024-11-20T08:30:00Z",
        "topics": ["talking-head", "avatar"],
    }


class Services:
    """All fakes for one synthetic list: start, point ``enrich`` at them, count, stop."""

    def __init__(self, synthetic: SyntheticList, latency: Latency, hosts: int = 16) -> None:
        self.synthetic = synthetic
        self.latency = latency
        self.web = [
            BenchWebHost(f"127.0.0.{k + 1}", latency.stream(f"pages-{k}")) for k in range(hosts)
        ]
        self.arxiv = BenchArxiv([arxiv_paper(p) for p in synthetic.papers], latency.stream("arxiv"))
        self.github: BenchGithub | None = None
        works = [w for p in synthetic.papers for w in openalex_works(p)]
        self.openalex = BenchOpenalex(works, latency.stream("openalex"))

    @property
    def page_bases(self) -> list[str]:
        return [host.url("/").rstrip("/") for host in self.web]

    def start(self) -> Services:
        for host in self.web:
            host.start()
        self.arxiv.start()
        self.openalex.start()
        bases = self.page_bases
        repos: dict[str, dict[str, Any]] = {}
        for paper in self.synthetic.papers:
            if paper.repo and paper.repo not in repos:
                repos[paper.repo] = repo_facts(len(repos), paper.repo, page_url(paper, bases))
            self._add_page(paper, bases)
        self.github = BenchGithub(repos, self.latency.stream("github"))
        self.github.start()
        return self

    def _add_page(self, paper: SyntheticPaper, bases: list[str]) -> None:
        if paper.page is None:
            return
        links = [f"https://arxiv.org/abs/{paper.arxiv_id}"]
        if paper.repo:
            links.append(f"https://github.com/{paper.repo}")
        self.web[paper.page_host % len(self.web)].add_page(
            paper.page,
            paper.title,
            description=f"Project page of {paper.name} ({paper.venue} {paper.year}).",
            image=f"{paper.page}teaser.png",
            links=tuple(links),
        )

    def stop(self) -> None:
        for fake in [*self.web, self.arxiv, self.openalex, *([self.github] if self.github else [])]:
            fake.stop()

    def __enter__(self) -> Services:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def environment(self, *, token: bool, arxiv_delay: float) -> dict[str, str]:
        """The variables that point a subprocess of ``enrich`` at these fakes.

        From the registry (tests/environment.py): an endpoint of a source with no
        fake here points at a closed loopback port, never at the public service.
        """
        assert self.github is not None, "start() first"
        given = {
            "ENRICH_ARXIV_API_URL": self.arxiv.url,
            "GITHUB_API_URL": self.github.api_url,
            "GITHUB_GRAPHQL_URL": self.github.graphql_url,
            "GITHUB_TOKEN": TOKEN if token else "",
            "ENRICH_ARXIV_DELAY": str(arxiv_delay),
            "ENRICH_ALLOW_PRIVATE_HOSTS": "1",
            "ENRICH_OPENALEX_API_URL": self.openalex.url,
            "OPENALEX_API_KEY": TEST_KEY,
        }
        return loopback_environment(given, base={})

    def reset_counts(self) -> None:
        """Forget recorded requests (between runs); GitHub's REST quota is whole again."""
        with self.arxiv._lock:
            self.arxiv.requests.clear()
        assert self.github is not None
        with self.github._lock:
            self.github.requests.clear()
            self.github.rest_remaining = self.github.rest_limit
        for host in self.web:
            host.reset_log()
        self.openalex.reset()  # and a new day's allowance

    def counts(self) -> dict[str, dict[str, int]]:
        """What each service saw since the last reset."""
        assert self.github is not None
        seen = [request for host in self.web for request in host.requests]
        github = list(self.github.requests)
        return {
            "arxiv": {
                "requests": self.arxiv.count(),
                "id_list": self.arxiv.count("id_list"),
                "search": self.arxiv.count("search"),
            },
            "github": {
                "requests": len(github),
                "graphql": sum(1 for r in github if r.path == "/graphql"),
                "rest": sum(1 for r in github if r.path != "/graphql"),
                "not_modified": sum(1 for r in github if r.status == 304),
            },
            "openalex": {
                "requests": self.openalex.count(),
                "filter": self.openalex.count("filter"),
                "search": self.openalex.count("search"),
            },
            "pages": {
                "requests": len(seen),
                "conditional": sum(1 for r in seen if _conditional(r.headers)),
            },
        }


def _conditional(headers: dict[str, str]) -> bool:
    names = {name.lower() for name in headers}
    return "if-none-match" in names or "if-modified-since" in names
