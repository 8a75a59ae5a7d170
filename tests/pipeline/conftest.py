"""Settings for whole-pipeline runs against the local fake services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console

from enrich.assembly import build_door
from enrich.pipeline import run_all
from enrich.pipeline.stages import StagedEnricher
from enrich.settings import Settings
from enrich.sources.openalex import OpenalexSettings
from tests.environment import loopback_sources
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
        **overrides,
    }
    return Settings(**values).with_sources(
        *loopback_sources(),  # every other source's endpoint: a loopback "nothing here"
        arxiv.source_settings(),
        github.source_settings(github.token),
        OpenalexSettings.from_environment(empty_openalex_env()),
    )


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
