"""Settings for whole-pipeline runs against the local fake services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console

from enrich.http.client import build_door
from enrich.pipeline import run_all
from enrich.pipeline.stages import StagedEnricher
from enrich.settings import Settings
from tests.fakes.arxiv import FakeArxiv
from tests.fakes.github import FakeGithub
from tests.fakes.openalex import empty_openalex_env


def fake_settings(
    tmp_path: Path, listing: Path, arxiv: FakeArxiv, github: FakeGithub, **overrides: Any
) -> Settings:
    """One list, output and cache in ``tmp_path``; arXiv, GitHub on the fakes; OpenAlex empty."""
    values: dict[str, Any] = {
        "inputs": (listing,),
        "output_dir": tmp_path / "out",
        "report_dir": tmp_path / "reports",
        "cache_dir": tmp_path / "cache",
        "arxiv_api_url": arxiv.url,
        "source_env": empty_openalex_env(),
        "github_api_url": github.api_url,
        "github_graphql_url": github.graphql_url,
        "github_token": github.token,
        "arxiv_delay": 0,
        **overrides,
    }
    return Settings(**values)


def run_reported(settings: Settings) -> dict[str, Any]:
    """One whole run as the CLI makes it (requests counted); the first list's run report."""
    with build_door(settings) as door:
        summary = run_all(
            settings,
            StagedEnricher(door, settings),
            requests=lambda: door.stats.to_dict(),
            console=Console(quiet=True),
        )
    assert not summary.failed
    return summary.lists[0].report
