"""A list with every problem a maintainer should hear about, and fakes that cause them.

One paper per problem, each on its own line, against fake arXiv, GitHub and
web pages on 127.0.0.1: moved, broken, soft-404, failing, slow (timeout),
huge and blocked project pages; archived, disabled, empty, renamed and
missing repositories; a link to the wrong arXiv paper, a withdrawn paper, a
paper without an arXiv link that a title search finds; a badge or an arXiv
comment naming a repository the list has no Code link for; a repository
whose homepage is a project page the list lacks; a duplicate. Some lines end
in spaces, so ``enrich fix`` can be seen to keep them. Used by the findings
and the fix tests (``tests/findings``, ``tests/fix``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from enrich.assembly import build_door
from enrich.pipeline import RunSummary, run_all
from enrich.pipeline.stages import StagedEnricher
from enrich.settings import Settings
from enrich.sources.openalex import OpenalexSettings
from enrich.sources.pages import PagesSettings
from tests.environment import loopback_sources
from tests.fakes.arxiv import FakeArxiv, FakePaper
from tests.fakes.github import FakeGithub
from tests.fakes.openalex import FakeOpenalex, works_on_arxiv
from tests.fakes.pages import FakeWebHost, html_page

PAGES = "{pages}"  # the fake web host's base URL, filled in per run
SLOW = "{slow}"  # a second host that answers too late (a host that times out is given up)
FIXTURES = Path(__file__).parent / "fixtures"
LIST_TEMPLATE = (FIXTURES / "fixtures.md").read_text(encoding="utf-8")


def _paper(number: str, title: str, **extra: str) -> FakePaper:
    return FakePaper(id=number, title=title, published="2023-01-05T10:00:00Z", **extra)  # type: ignore[arg-type]


PAPERS = [
    _paper("2301.00001", "Moved Page Paper"),
    _paper("2301.00002", "Broken Page Paper"),
    _paper("2301.00003", "Soft Gone Paper"),
    _paper("2301.00004", "Failing Page Paper"),
    _paper("2301.00005", "Slow Page Paper"),
    _paper("2301.00006", "Huge Page Paper"),
    _paper("2301.00007", "Blocked Page Paper"),
    _paper("2301.00008", "Archived Repository Paper"),
    _paper("2301.00009", "Disabled Repository Paper"),
    _paper("2301.00010", "Empty Repository Paper"),
    _paper("2301.00011", "Renamed Repository Paper"),
    _paper("2301.00012", "Missing Repository Paper"),
    _paper("2301.00099", "Quantum Error Correction on Superconducting Qubits"),
    _paper("2301.00013", "Holistic Gesture Synthesis with Latent Motion Priors"),
    _paper(
        "2301.00014",
        "Withdrawn Paper About Talking Heads",
        comment="This paper has been withdrawn by the author due to an error in Table 2",
    ),
    _paper("2301.00015", "Neural Voice Puppetry for Expressive Avatars"),
    FakePaper(id="2201.00016", title="Badge Only Paper", published="2022-01-05T10:00:00Z"),
    FakePaper(
        id="2201.00017",
        title="Commented Code Paper",
        published="2022-01-05T10:00:00Z",
        comment="ECCV 2022. Code: https://github.com/lab/commented",
    ),
    FakePaper(
        id="2201.00018",
        title="Portrait Synthesis With Learned Priors",
        published="2022-01-05T10:00:00Z",
    ),
]


def _repo(number: int, **facts: object) -> dict[str, object]:
    return {"id": number, "stars": 10, "forks": 1, **facts}


def repos(pages: FakeWebHost) -> dict[str, dict[str, object]]:
    return {
        "lab/moved": _repo(1),
        "lab/archived": _repo(2, archived=True),
        "lab/disabled": _repo(3, disabled=True),
        "lab/empty": _repo(4, empty=True),
        "newlab/renamed": _repo(5),
        "lab/badged": _repo(6),
        "lab/commented": _repo(7),
        "lab/homed": _repo(8, homepage=pages.url("/home/")),
    }


RENAMES = {"oldlab/renamed": "newlab/renamed"}


def serve_pages(pages: FakeWebHost) -> None:
    pages.add_redirect("/moved/", pages.url("/new-home/"), status=301)
    pages.add_page("/new-home/", "Moved Page Paper")
    pages.add_status("/broken/", 404)
    pages.add_soft_404("/soft/")
    pages.add_status("/failing/", 503)
    pages.add_huge("/huge/", 50_000)
    pages.add_challenge("/blocked/")
    pages.add_page("/home/", "Portrait Synthesis With Learned Priors")


@dataclass
class World:
    """The fakes, the list's folder and the settings of a run over it."""

    arxiv: FakeArxiv
    github: FakeGithub
    pages: FakeWebHost
    slow: FakeWebHost
    root: Path
    openalex: FakeOpenalex

    @property
    def base(self) -> str:
        return self.pages.url("").rstrip("/")

    @property
    def slow_base(self) -> str:
        return self.slow.url("").rstrip("/")

    def text(self, template: str = LIST_TEMPLATE) -> str:
        return template.replace(PAGES, self.base).replace(SLOW, self.slow_base)

    def shown(self, text: str) -> str:
        """``text`` with the hosts' addresses back as ``{pages}`` and ``{slow}``."""
        return text.replace(self.base, PAGES).replace(self.slow_base, SLOW)

    def settings(self, **overrides: object) -> Settings:
        """The world's run settings; ``sources=`` replaces some sources' own settings."""
        own: Any = overrides.pop("sources", ())
        values: dict[str, object] = {
            "raw_dir": self.root / "raw",
            "output_dir": self.root / "enriched",
            "report_dir": self.root / "reports",
            "cache_dir": self.root / "cache",
            "allow_private_hosts": True,
            "max_attempts": 1,
            "read_timeout": 0.6,  # the slow host (3 s) times out; a loaded machine's others do not
            **overrides,
        }
        return Settings(**values).with_sources(  # type: ignore[arg-type]
            *loopback_sources(),  # every other source's endpoint: a loopback "nothing here"
            self.arxiv.source_settings(),
            self.github.source_settings(self.github.token),
            OpenalexSettings.from_environment(self.openalex.env()),
            PagesSettings(max_bytes=20_000),
            *own,
        )

    def run(self, **overrides: object) -> RunSummary:
        settings = self.settings(**overrides)
        with build_door(settings) as door:
            return run_all(settings, StagedEnricher(door, settings), console=Console(quiet=True))


@contextmanager
def world(root: Path, name: str = "fixtures", newline: str = "\n") -> Iterator[World]:
    """The fakes running and the list written to ``root/raw/<name>.md`` (not yet enriched)."""
    with (
        FakeArxiv(PAPERS) as arxiv,
        FakeWebHost() as pages,
        FakeWebHost() as slow,
        FakeOpenalex(works_on_arxiv(PAPERS)) as openalex,
    ):
        serve_pages(pages)
        slow.add_slow("/slow/", 3.0, html_page("Slow Page Paper"))
        with FakeGithub(repos(pages), renames=RENAMES) as github:
            made = World(arxiv, github, pages, slow, root, openalex)
            raw = root / "raw"
            raw.mkdir(parents=True, exist_ok=True)
            (raw / f"{name}.md").write_bytes(made.text().replace("\n", newline).encode("utf-8"))
            yield made
