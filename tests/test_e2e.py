"""The real CLI in a subprocess against local fake arXiv, GitHub and web pages.

Cold run, warm run, a run while GitHub fails, and a run killed in the middle:
what a maintainer's nightly job meets, end to end. The fakes are started once
for the module and the cold run is made once (:func:`cold`); each test then
works on its own copy of the cold run's folders (lists, output, cache), so a
test starts from a finished nightly run without paying for one.

The cold run and the killed run start the real CLI (``python -m enrich``, its
settings read from the environment); the runs that follow them check behaviour
(cache, staleness, offline) and run the same ``main`` in this process with the
same environment and working folder (:meth:`World.run_here`): a process start
adds nothing to them but about a second of CPU each.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from werkzeug import Request, Response

from enrich.cli import main
from tests.environment import loopback_environment
from tests.fakes.arxiv import FakeArxiv, FakePaper
from tests.fakes.github import FakeGithub
from tests.fakes.openalex import FakeOpenalex, FakeWork, works_on_arxiv
from tests.fakes.pages import FakeWebHost

pytestmark = pytest.mark.e2e

PAPERS = [
    FakePaper(
        id="2008.10010",
        title="A Lip Sync Expert Is All You Need for Speech to Lip Generation In The Wild",
        authors=("K R Prajwal", "Rudrabha Mukhopadhyay"),
        published="2020-08-23T10:00:00Z",
        comment="ACM MM 2020. Code: https://github.com/Rudrabha/Wav2Lip",
    ),
    FakePaper(
        id="2211.12194",
        title="SadTalker: Learning Realistic 3D Motion Coefficients for Stylized Audio-Driven "
        "Single Image Talking Face Animation",
        published="2022-11-22T10:00:00Z",
    ),
    FakePaper(
        id="2303.09119",
        title="Taming Diffusion Models for Audio-Driven Co-Speech Gesture Generation",
        published="2023-03-16T10:00:00Z",
    ),
]
REPOS = {
    "Rudrabha/Wav2Lip": {"id": 101, "stars": 9000, "forks": 2000},
    "OpenTalker/SadTalker": {"id": 102, "stars": 11000, "forks": 2100},
    "Advocate99/DiffGesture": {"id": 103, "stars": 400, "forks": 40},
}
RENAMES = {"Winfredy/SadTalker": "OpenTalker/SadTalker"}


def _list(pages: FakeWebHost) -> str:
    return f"""# demo list

## Papers
### Talking face
- [MM 2020] [Wav2Lip: Accurately Lip-sync Videos to Any Speech](https://arxiv.org/abs/2008.10010), IIIT, [ProjectPage]({pages.url("/wav2lip/")}), [Code](https://github.com/Rudrabha/Wav2Lip)
- [CVPR 2023] [SadTalker: Learning Realistic 3D Motion Coefficients for Stylized Audio-Driven Single Image Talking Face Animation](https://arxiv.org/pdf/2211.12194.pdf), XJTU, [ProjectPage]({pages.url("/sadtalker/")}), [Code](https://github.com/Winfredy/SadTalker) ![Github stars](https://img.shields.io/github/stars/OpenTalker/SadTalker.svg)
### Gestures
- [CVPR 2023] [Taming Diffusion Models for Audio-Driven Co-Speech Gesture Generation](https://openaccess.thecvf.com/content/CVPR2023/papers/Zhu_Taming.pdf), HKU, [ProjectPage]({pages.url("/gone/")})
"""  # noqa: E501


# The paper off arXiv's link, as OpenAlex holds it: found by a title search.
TAMING = FakeWork(
    id="W4386076059",
    title="Taming Diffusion Models for Audio-Driven Co-Speech Gesture Generation",
    doi="10.1109/cvpr52729.2023.01016",
    venue="2023 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)",
    cited_by_count=120,
)


@dataclass
class World:
    arxiv: FakeArxiv
    github: FakeGithub
    pages: FakeWebHost
    root: Path
    openalex: FakeOpenalex

    def env(self) -> dict[str, str]:
        return loopback_environment(
            {
                "ENRICH_ARXIV_API_URL": self.arxiv.url,
                "GITHUB_API_URL": self.github.api_url,
                "GITHUB_GRAPHQL_URL": self.github.graphql_url,
                "GITHUB_TOKEN": self.github.token,
                "ENRICH_OPENALEX_API_URL": self.openalex.url,
                "OPENALEX_API_KEY": str(self.openalex.api_key),
                "ENRICH_CACHE_DIR": "cache",  # relative: every run works in its root
                "ENRICH_ARXIV_DELAY": "0",
                "ENRICH_ALLOW_PRIVATE_HOSTS": "1",
                "ENRICH_MAX_ATTEMPTS": "2",
                "ENRICH_MAX_RETRY_WAIT": "1",
                "ENRICH_READ_TIMEOUT": "2",
            }
        )

    def command(self, *extra: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "enrich",
            "run",
            "--raw-dir",
            "raw",
            "--output-dir",
            "enriched",
            "--report-dir",
            "reports",
            *extra,
        ]

    def run(self, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*extra),
            env=self.env(),
            cwd=self.root,  # relative paths: a copied root writes the same bytes
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def run_here(self, monkeypatch: pytest.MonkeyPatch, *extra: str) -> int:
        """:meth:`run` in this process: the same environment, folder and arguments."""
        env = self.env()
        for name in [n for n in os.environ if n not in env]:
            monkeypatch.delenv(name)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(self.root)
        return main(self.command(*extra)[3:])

    @property
    def output(self) -> Path:
        return self.root / "enriched" / "demo.json"

    def document(self) -> dict[str, Any]:
        return json.loads(self.output.read_text(encoding="utf-8"))

    def report(self) -> dict[str, Any]:
        return json.loads((self.root / "reports" / "demo.report.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Cold:
    """The cold run of the module's world: its folders, its result, what the fakes saw."""

    world: World
    result: subprocess.CompletedProcess[str]
    openalex_requests: int


@pytest.fixture(scope="module")
def cold(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cold]:
    root = tmp_path_factory.mktemp("cold")
    with (
        FakeArxiv(PAPERS) as arxiv,
        FakeGithub(REPOS, renames=RENAMES) as github,
        FakeWebHost() as pages,
        FakeOpenalex((*works_on_arxiv(PAPERS), TAMING)) as openalex,
    ):
        pages.add_page(
            "/wav2lip/",
            "Wav2Lip",
            description="Lip sync",
            links=["https://arxiv.org/abs/2008.10010"],
        )
        pages.add_page(
            "/sadtalker/", "SadTalker", links=["https://github.com/OpenTalker/SadTalker"]
        )
        pages.add_status("/gone/", 404)
        raw = root / "raw"
        raw.mkdir()
        (raw / "demo.md").write_text(_list(pages), encoding="utf-8")
        world = World(arxiv, github, pages, root, openalex)
        result = world.run()
        yield Cold(world, result, len(openalex.requests))


@pytest.fixture
def world(cold: Cold, tmp_path: Path) -> Iterator[World]:
    """A copy of the cold run's folders, on the module's fakes (faults reset afterwards)."""
    assert cold.result.returncode == 0, cold.result.stderr
    root = tmp_path / "world"
    shutil.copytree(cold.world.root, root)
    yield World(cold.world.arxiv, cold.world.github, cold.world.pages, root, cold.world.openalex)
    cold.world.github.exhausted = False
    cold.world.pages.add_status("/gone/", 404)


def _slots(document: dict[str, Any], name: str) -> list[tuple[str, str]]:
    return [
        (paper["title"].split(":")[0], (paper[name] or {}).get("status"))
        for paper in document["papers"]
    ]


def test_cold_then_warm_run(cold: Cold, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cold.result.returncode == 0, cold.result.stderr
    document = world.document()
    assert _slots(document, "arxiv") == [
        ("Wav2Lip", "ok"),
        ("SadTalker", "ok"),
        ("Taming Diffusion Models for Audio-Driven Co-Speech Gesture Generation", "ok"),
    ]
    assert [p["arxiv"]["provenance"]["method"] for p in document["papers"]] == [
        "link",
        "link",
        "title_search",
    ]
    sadtalker = document["papers"][1]["github"]["record"]
    assert (sadtalker["full_name"], sadtalker["renamed_from"], sadtalker["stars"]) == (
        "OpenTalker/SadTalker",
        "Winfredy/SadTalker",
        11000,
    )
    pages = [p["project_page"]["record"]["health"] for p in document["papers"]]
    assert pages == ["ok", "ok", "broken"]
    openalex = [
        (p["openalex"]["status"], p["openalex"]["provenance"]["method"]) for p in document["papers"]
    ]
    # OpenAlex holds Taming twice (preprint and proceedings): its title search finds both
    # and folds them into the published version, citations summed over the two.
    assert openalex == [("ok", "link"), ("ok", "link"), ("ok", "title_search")]
    taming = document["papers"][2]["openalex"]["record"]
    arxiv_doi = f"10.48550/arxiv.{document['papers'][2]['arxiv']['record']['id']}"
    assert (taming["doi"], taming["version"]) == (TAMING.doi, "published")
    assert [v["doi"] for v in taming["versions"]] == [TAMING.doi, arxiv_doi]
    assert taming["cited_by_count"] == sum(v["cited_by_count"] for v in taming["versions"])
    assert main(["validate", str(world.output)]) == 0
    cold_requests = world.report()["requests"]["services"]
    assert cold_requests["arxiv"]["requests"] >= 1

    before = world.output.read_bytes()
    arxiv_before, github_before = world.arxiv.count(), world.github.count()
    openalex_before = len(world.openalex.requests)
    # a DOI filter for the arXiv links, Taming's title search, and one search for each
    # linked preprint's published version
    assert cold.openalex_requests == 4
    assert world.run_here(monkeypatch) == 0  # warm
    assert world.output.read_bytes() == before  # byte-identical
    assert world.arxiv.count() == arxiv_before  # no arXiv request at all
    assert world.github.count() == github_before  # GitHub answers are fresh in the cache
    assert len(world.openalex.requests) == openalex_before
    assert world.report()["changed"] is False
    assert world.report()["requests"]["services"]["arxiv"]["requests"] == 0


def test_a_failing_github_keeps_last_values_marked_stale(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.github.exhausted = True
    asked = world.github.count()
    assert world.run_here(monkeypatch, "--refresh", "--only", "github") == 0
    assert world.github.count() > asked  # the fake was asked (and refused): not the real one
    document = world.document()
    wav2lip = document["papers"][0]["github"]
    assert wav2lip["status"] == "stale"
    assert wav2lip["record"]["stars"] == 9000
    assert wav2lip["stale_since"] is not None
    assert document["papers"][0]["arxiv"]["status"] == "ok"  # other sources untouched
    assert any(w["kind"] == "stale" for w in document["warnings"])
    assert world.run_here(monkeypatch, "--refresh", "--only", "github", "--strict") == 1


def test_a_killed_run_leaves_the_previous_file_and_the_next_run_completes(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run is killed while the fake web host holds its request for one page."""
    previous = world.output.read_bytes()
    arrived, release = threading.Event(), threading.Event()

    def held(request: Request) -> Response:
        arrived.set()
        release.wait(timeout=60)
        return Response("<title>404</title>", status=404, content_type="text/html")

    world.pages.add("/gone/", held)
    process = subprocess.Popen(
        world.command("--refresh"),
        env=world.env(),
        cwd=world.root,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert arrived.wait(timeout=60), "the run never reached the held page"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        release.set()
    assert process.returncode == -signal.SIGKILL
    assert world.output.read_bytes() == previous
    world.pages.add_status("/gone/", 404)
    assert world.run_here(monkeypatch) == 0  # the next run
    assert world.output.read_bytes() == previous
    assert sorted(p.name for p in world.output.parent.iterdir()) == ["demo.json"]


def test_offline_run_opens_no_socket_and_uses_the_cache(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = world.output.read_bytes()
    counts = (world.arxiv.count(), world.github.count(), world.pages.count())
    assert world.run_here(monkeypatch, "--offline", "--refresh") == 0
    assert (world.arxiv.count(), world.github.count(), world.pages.count()) == counts
    assert world.output.read_bytes() == previous
