"""Findings flow between stages within one run: what a project page links to is used."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from enrich.assembly import build_door
from enrich.pipeline import run_all
from enrich.pipeline.stages import StagedEnricher
from tests.fakes.arxiv import FakeArxiv, FakePaper
from tests.fakes.github import FakeGithub
from tests.fakes.pages import FakeWebHost
from tests.pipeline.conftest import fake_settings


def test_ids_and_repositories_found_on_a_project_page_resolve_the_entry(tmp_path: Path) -> None:
    # The list gives only a proceedings link and a project page; arXiv knows the
    # paper by the method's name with another subtitle (the list's words find
    # nothing), and the page links both the paper and the code.
    paper = FakePaper(
        id="2301.00002", title="Sparkle: Robust Talking Heads", published="2023-01-02T00:00:00Z"
    )
    with (
        FakeArxiv([paper]) as arxiv,
        FakeGithub({"lab/method": {"id": 7, "stars": 42}}) as github,
        FakeWebHost() as pages,
    ):
        page = pages.add_page(
            "/method/",
            "Method",
            links=["https://arxiv.org/abs/2301.00002v2", "https://github.com/lab/method"],
        )
        listing = tmp_path / "demo.md"
        listing.write_text(
            "# demo\n\n## Papers\n"
            "- [CVPR 2023] [Sparkle: A Catchy Name](https://openaccess.thecvf.com/x.pdf), Lab, "
            f"[ProjectPage]({page})\n",
            encoding="utf-8",
        )
        settings = fake_settings(tmp_path, listing, arxiv, github, allow_private_hosts=True)
        with build_door(settings) as door:
            summary = run_all(settings, StagedEnricher(door, settings), console=Console(quiet=True))
    assert not summary.failed
    document = json.loads((tmp_path / "out" / "demo.json").read_text())
    entry = document["papers"][0]

    assert (entry["arxiv"]["status"], entry["arxiv"]["record"]["id"]) == ("ok", "2301.00002")
    assert entry["arxiv"]["provenance"]["method"] == "project_page"
    assert (entry["github"]["status"], entry["github"]["record"]["full_name"]) == (
        "ok",
        "lab/method",
    )
    assert entry["github"]["provenance"]["method"] == "project_page"
    assert entry["project_page"]["record"]["arxiv_ids"] == ["2301.00002"]
