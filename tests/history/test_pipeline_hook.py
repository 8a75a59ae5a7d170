"""The run records star history and trends for every list, and a rerun changes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from enrich.clock import utc_today
from enrich.models import (
    EnrichedList,
    GithubRecord,
    GithubSlot,
    SlotBase,
    SlotStatus,
    Trend,
)
from enrich.pipeline import run_all
from enrich.pipeline.merge import SlotKey
from enrich.report import StageLog
from enrich.settings import Settings

LISTING = """# demo

## Papers

- [CVPR 2023] **SadTalker: Stylized Talking Faces** [[Paper](https://arxiv.org/abs/2211.12194)] [[Code](https://github.com/OpenTalker/SadTalker)]
"""


class GithubSays:
    """Stands in for the sources (not under test here): every repository has these figures."""

    today = staticmethod(utc_today)  # the run's clock

    def __init__(self, stars: int) -> None:
        self.stars = stars

    def enrich(
        self, document: EnrichedList, previous: Mapping[SlotKey, SlotBase], log: StageLog
    ) -> EnrichedList:
        record = GithubRecord(
            repo_id=42,
            full_name="OpenTalker/SadTalker",
            url="https://github.com/OpenTalker/SadTalker",
            stars=self.stars,
            forks=3,
        )
        slot = GithubSlot(status=SlotStatus.OK, record=record)
        papers = tuple(paper.model_copy(update={"github": slot}) for paper in document.papers)
        return document.model_copy(update={"papers": papers})


def test_the_run_keeps_history_beside_the_output(tmp_path: Path) -> None:
    listing = tmp_path / "raw" / "demo.md"
    listing.parent.mkdir()
    listing.write_text(LISTING)
    settings = Settings(
        inputs=(listing,), output_dir=tmp_path / "data" / "enriched", report_dir=tmp_path / "rep"
    )
    today = datetime.now(UTC).date().isoformat()

    first = run_all(settings, GithubSays(stars=7))
    history = tmp_path / "data" / "history" / "demo.csv"
    assert not first.failed, first.lists
    assert history.read_text().splitlines()[1:] == [f"{today},42,OpenTalker/SadTalker,7,3"]
    document = EnrichedList.model_validate_json((settings.output_dir / "demo.json").read_bytes())
    assert document.papers, "the listing's paper was not parsed"
    assert all(
        paper.github and paper.github.trend == Trend(until=today) for paper in document.papers
    )

    again = run_all(settings, GithubSays(stars=7))
    assert not again.lists[0].changed
    assert history.read_text().count("\n") == 2

    more = run_all(settings, GithubSays(stars=9))
    assert more.lists[0].changed
    assert history.read_text().splitlines()[1:] == [f"{today},42,OpenTalker/SadTalker,9,3"]
