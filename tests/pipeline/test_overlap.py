"""The stages overlap, the output does not depend on which finished first, and works get
the second pass papers get."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from werkzeug import Request, Response

from enrich.assembly import build_door
from enrich.pipeline import run_all
from enrich.pipeline.stages import StagedEnricher
from enrich.sources.arxiv import ArxivSettings
from enrich.sources.registry import SOURCES
from tests.fakes.arxiv import FakeArxiv, FakePaper
from tests.fakes.github import FakeGithub
from tests.fakes.pages import FakeWebHost, html_page
from tests.pipeline.conftest import fake_settings

pytestmark = pytest.mark.slow  # waits on fake latencies: scheduled first (tests/conftest.py)

LINKED = FakePaper(id="2301.00001", title="Lumen: Relightable Talking Portraits")
SEARCHED = FakePaper(
    id="2301.00002",
    title="Sparkle: Robust Talking Heads From Audio",
    published="2023-01-02T00:00:00Z",
)
ON_PAGE = FakePaper(id="2301.00003", title="Glint: Expressive Gestures From Speech")
REPOS = {"lab/lumen": {"id": 7, "stars": 42}, "lab/glint": {"id": 8, "stars": 5}}


def _listing(tmp_path: Path, pages: FakeWebHost) -> Path:
    listing = tmp_path / "demo.md"
    listing.write_text(
        "# demo\n\n## Papers\n"
        "- [CVPR 2023] [Lumen: Relightable Talking Portraits](https://arxiv.org/abs/2301.00001), "
        f"Lab, [ProjectPage]({pages.url('/lumen/')}), [Code](https://github.com/lab/lumen)\n"
        "- [CVPR 2023] Sparkle: Robust Talking Heads From Audio, Lab\n"
        "\n## Researchers and labs\n"
        "1. [Some Lab](https://lab.example.org/)\n"
        f"   - Gestures: [Glint CVPR'23]({pages.url('/glint/')});\n",
        encoding="utf-8",
    )
    return listing


def _run(tmp_path: Path, arxiv: FakeArxiv, github: FakeGithub, pages: FakeWebHost) -> bytes:
    settings = fake_settings(
        tmp_path, _listing(tmp_path, pages), arxiv, github, allow_private_hosts=True
    )
    with build_door(settings) as door:
        summary = run_all(settings, StagedEnricher(door, settings), console=Console(quiet=True))
    assert not summary.failed
    return (tmp_path / "out" / "demo.json").read_bytes()


def _pages(host: FakeWebHost, on_request: Any = None) -> None:
    lumen = html_page("Lumen", links=["https://github.com/lab/lumen"]).encode()
    glint = html_page(
        "Glint", links=["https://arxiv.org/abs/2301.00003", "https://github.com/lab/glint"]
    ).encode()
    for path, body in (("/lumen/", lumen), ("/glint/", glint)):

        def handler(request: Request, body: bytes = body) -> Response:
            if on_request is not None:
                on_request()
            return Response(body, content_type="text/html; charset=utf-8")

        host.add(path, handler)


def test_pages_are_checked_while_arxivs_paced_queue_drains(tmp_path: Path) -> None:
    # Two arXiv requests 0.4 s apart (the linked id, the title search). Run one after
    # the other, the pages would be asked only after both; overlapped, at once.
    with (
        FakeArxiv([LINKED, SEARCHED, ON_PAGE]) as arxiv,
        FakeGithub(REPOS) as github,
        FakeWebHost() as pages,
    ):
        arxiv_requests_seen: list[int] = []
        lock = threading.Lock()

        def note() -> None:
            with lock:
                arxiv_requests_seen.append(arxiv.count())

        _pages(pages, note)
        settings = fake_settings(
            tmp_path, _listing(tmp_path, pages), arxiv, github, allow_private_hosts=True
        )
        settings = settings.with_source(ArxivSettings, delay=0.4)
        with build_door(settings) as door:
            run_all(settings, StagedEnricher(door, settings), console=Console(quiet=True))
        first_pass_arxiv = arxiv.count()
    assert first_pass_arxiv >= 2
    assert arxiv_requests_seen and min(arxiv_requests_seen) < 2


def test_output_is_the_same_whichever_stage_finishes_first(tmp_path: Path) -> None:
    outputs = []
    with (
        FakeArxiv([LINKED, SEARCHED, ON_PAGE]) as arxiv,
        FakeGithub(REPOS) as github,
        FakeWebHost() as pages,
    ):
        _pages(pages)
        for name, arxiv_latency, page_latency in (
            ("slow-arxiv", 0.3, 0.0),
            ("slow-pages", 0.0, 0.3),
        ):
            arxiv.latency, pages.latency = arxiv_latency, page_latency
            root = tmp_path / name
            root.mkdir()
            outputs.append(_run(root, arxiv, github, pages).decode().replace(str(root), "ROOT"))
    assert outputs[0] == outputs[1]
    document = json.loads(outputs[0])
    assert [paper["arxiv"]["status"] for paper in document["papers"]] == ["ok", "ok"]


def test_a_works_project_page_fills_its_arxiv_and_github_slots(tmp_path: Path) -> None:
    with (
        FakeArxiv([LINKED, SEARCHED, ON_PAGE]) as arxiv,
        FakeGithub(REPOS) as github,
        FakeWebHost() as pages,
    ):
        _pages(pages)
        document = json.loads(_run(tmp_path, arxiv, github, pages))
    work = document["researchers"][0]["works"][0]
    assert work["page"]["record"]["arxiv_ids"] == ["2301.00003"]
    assert (work["arxiv"]["status"], work["arxiv"]["record"]["id"]) == ("ok", "2301.00003")
    # Told like a paper: its label is searched at once; the page's id agrees with it.
    assert work["arxiv"]["provenance"]["method"] == "title_search"
    assert (work["github"]["status"], work["github"]["record"]["full_name"]) == (
        "ok",
        "lab/glint",
    )


def test_the_owner_hears_when_each_source_has_finished_a_pass(tmp_path: Path) -> None:
    """``source_done`` (where ``enrich run`` gives back freed memory) comes once per source
    and pass, the last after the last request, all before the output is written."""
    with (
        FakeArxiv([LINKED, SEARCHED, ON_PAGE]) as arxiv,
        FakeGithub(REPOS) as github,
        FakeWebHost() as pages,
    ):
        _pages(pages)
        settings = fake_settings(
            tmp_path, _listing(tmp_path, pages), arxiv, github, allow_private_hosts=True
        )
        heard: list[tuple[int, bool]] = []
        with build_door(settings) as door:
            output = tmp_path / "out" / "demo.json"

            def done() -> None:
                heard.append((arxiv.count() + github.count() + pages.count(), output.exists()))

            enricher = StagedEnricher(door, settings, source_done=done)
            summary = run_all(settings, enricher, console=Console(quiet=True))
        asked = arxiv.count() + github.count() + pages.count()
    sources = {spec.name for spec in SOURCES}
    timings = summary.lists[0].report["timings_seconds"]
    stages = [name for name in timings if name.split(":")[0] in sources]  # later passes: one key
    assert asked >= 5 and any(name.endswith(":second_pass") for name in stages)
    assert len(heard) >= len(stages) >= 4  # one per source and pass
    assert heard[-1] == (asked, False)  # the last after every request, before the write
    assert not any(written for _, written in heard)
