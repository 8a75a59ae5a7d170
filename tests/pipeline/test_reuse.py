"""A rerun on unchanged inputs reuses the last output; any change means a full run (issue 23).

Each test runs the real pipeline and door against the fakes on loopback, with
one clock for the door and the day, so "a day later" is a clock moved.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from enrich.assembly import build_door
from enrich.http.cache import cache_clear
from enrich.http.client import NetworkDoor
from enrich.pipeline import run_all
from enrich.pipeline.reuse import REUSED_NOTE, ListFiles
from enrich.pipeline.stages import StagedEnricher
from enrich.settings import Settings
from enrich.sources.registry import names
from tests.fakes.arxiv import FakeArxiv, FakePaper
from tests.fakes.github import FakeGithub
from tests.pipeline.conftest import fake_settings

START = datetime(2026, 12, 6, 23, 0, tzinfo=UTC).timestamp()
HOUR = 3600.0
LIST = (
    "# Demo\n\n## Papers\n"
    "- [CVPR 2023] [Lumen: Light Fields](https://arxiv.org/abs/2301.00001), "
    "[Code](https://github.com/lab/lumen)\n"
    "- [ICCV 2023] [Gloam: Dusk Rendering](https://arxiv.org/abs/2301.00002)\n"
)
PAPERS = [
    FakePaper("2301.00001", "Lumen: Light Fields"),
    FakePaper("2301.00002", "Gloam: Dusk Rendering"),
]
REPOS = {"lab/lumen": {"id": 1, "stars": 10, "forks": 2}}


class World:
    """The fakes, a list, a clock, and a way to run the pipeline as the CLI does."""

    def __init__(self, root: Path, arxiv: FakeArxiv, github: FakeGithub) -> None:
        self.root, self.arxiv, self.github = root, arxiv, github
        self.now = START
        self.listing = root / "raw" / "demo.md"
        self.settings = fake_settings(
            root, self.listing, arxiv, github, only=frozenset({"arxiv", "github"})
        )

    @property
    def output(self) -> Path:
        return self.root / "out" / "demo.json"

    def requests(self) -> int:
        return self.arxiv.count() + self.github.count()

    def run(self, settings: Settings | None = None) -> dict[str, Any]:
        settings = settings or self.settings
        clock: Callable[[], float] = lambda: self.now  # noqa: E731
        day = lambda: datetime.fromtimestamp(self.now, UTC).date().isoformat()  # noqa: E731
        with build_door(settings, clock=clock) as door:
            summary = run_all(
                settings,
                StagedEnricher(door, settings, today=day),
                requests=lambda: door.stats.to_dict(),
                console=Console(quiet=True),
                memory=door,
            )
        assert not summary.failed, summary.lists[0].error
        return summary.lists[0].report


def reused(report: dict[str, Any]) -> bool:
    return REUSED_NOTE in report["notes"]


@pytest.fixture(scope="module")
def fakes() -> Iterator[tuple[FakeArxiv, FakeGithub]]:
    with FakeArxiv(PAPERS) as arxiv, FakeGithub(REPOS) as github:
        yield arxiv, github


@pytest.fixture(scope="module")
def after_cold(
    tmp_path_factory: pytest.TempPathFactory, fakes: tuple[FakeArxiv, FakeGithub]
) -> tuple[Path, Path]:
    """A folder as the first (cold) run leaves it, and a copy of it kept aside: run once."""
    root = tmp_path_factory.mktemp("reuse") / "w"
    world = _fresh_world(root, fakes)
    before = world.requests()
    world.run()
    assert world.requests() > before  # it asked both services
    kept = root.with_name("after-cold")
    shutil.copytree(root, kept)
    return root, kept


@pytest.fixture
def world(after_cold: tuple[Path, Path], fakes: tuple[FakeArxiv, FakeGithub]) -> World:
    """The cold run's folder, restored in place for each test: the memo names the list's
    path, so the copy goes back where the cold run made it."""
    root, kept = after_cold
    shutil.rmtree(root)
    shutil.copytree(kept, root)
    return World(root, *fakes)


def _fresh_world(root: Path, fakes: tuple[FakeArxiv, FakeGithub], **overrides: Any) -> World:
    (root / "raw").mkdir(parents=True)
    (root / "raw" / "demo.md").write_text(LIST, encoding="utf-8")
    world = World(root, *fakes)
    world.settings = world.settings.with_overrides(**overrides)
    return world


def _last_report(world: World) -> dict[str, Any]:
    return json.loads((world.root / "reports" / "demo.report.json").read_text())


def test_a_rerun_after_a_run_that_fetched_everything_reuses_its_output(world: World) -> None:
    """The nightly run asked both services and every request was answered: a rerun the
    same day (by hand, a pull-request check) is served from its memo."""
    cold, sent, output = _last_report(world), world.requests(), world.output.read_bytes()
    assert not reused(cold) and any(
        counts["requests"] for counts in cold["requests"]["services"].values()
    )
    again = world.run()
    assert reused(again)
    assert again["timings_seconds"].keys() == {"reuse"}  # not parsed, no source asked
    assert world.requests() == sent and world.output.read_bytes() == output
    assert again["changed"] is False
    assert all(counts["requests"] == 0 for counts in again["requests"]["services"].values())
    assert (again["entries"], again["slots"], again["warning_count"]) == (
        cold["entries"],
        cold["slots"],
        cold["warning_count"],
    )
    assert _last_report(world) == again


def test_what_is_reused_is_what_a_run_from_the_cache_makes(world: World) -> None:
    """Why the fetching run's memo is sound: made again from the cache it left, byte for byte
    the same output; that quiet run leaves a memo of its own."""
    output, sent = world.output.read_bytes(), world.requests()
    _another_run_writes_to_the_cache(world)  # the memo no longer holds: a full run
    quiet = world.run()
    assert not reused(quiet) and "parse" in quiet["timings_seconds"]
    assert world.requests() == sent  # from the cache alone
    assert world.output.read_bytes() == output and quiet["changed"] is False
    assert reused(world.run())


def test_the_memo_of_a_run_that_met_a_spent_quota_ends_when_the_quota_is_reset(
    tmp_path: Path, fakes: tuple[FakeArxiv, FakeGithub]
) -> None:
    """GitHub's GraphQL answers "rate limited" (HTTP 200): no request failed, but every
    repository was skipped; a rerun after the reset looks them up."""
    world = _fresh_world(tmp_path, fakes)
    world.now = START - 20 * HOUR  # 03:00: the reset, an hour later, is the same day
    world.github.clock = lambda: world.now
    world.github.exhausted = True
    try:
        spent = world.run()
        assert spent["slots"]["github"]["status"].get("skipped") == 1
        world.now += 30 * 60
        assert reused(world.run())  # the quota is still spent: the same skips
    finally:
        world.github.exhausted = False
        world.github.clock = time.time
    world.now += 31 * 60  # past the reset
    asked = world.github.count()
    after = world.run()
    assert not reused(after) and world.github.count() > asked
    assert after["slots"]["github"]["status"].get("ok") == 1


@pytest.mark.parametrize("fetching", [True, False], ids=["fetching run", "quiet run"])
def test_a_run_during_which_another_process_wrote_leaves_no_memo(
    tmp_path: Path,
    fakes: tuple[FakeArxiv, FakeGithub],
    monkeypatch: pytest.MonkeyPatch,
    fetching: bool,
) -> None:
    """Another process's write mid-run may be of an entry this run had already read: the
    output may not be what a run from the cache as it now is would make."""
    world = _fresh_world(tmp_path, fakes)
    if not fetching:
        world.run()
        _another_run_writes_to_the_cache(world)  # the next run is made from the cache
    real_watch = NetworkDoor.watch

    def watch_then_another_process_writes(door: NetworkDoor) -> None:
        real_watch(door)
        _another_run_writes_to_the_cache(world)

    monkeypatch.setattr(NetworkDoor, "watch", watch_then_another_process_writes)
    sent = world.requests()
    world.run()
    assert (world.requests() > sent) is fetching
    monkeypatch.undo()
    again = world.run()
    assert not reused(again) and "parse" in again["timings_seconds"]
    assert reused(world.run())  # that one ran undisturbed


def test_a_run_in_which_a_request_failed_leaves_no_memo(
    tmp_path: Path, fakes: tuple[FakeArxiv, FakeGithub]
) -> None:
    """Asked again, a failed request may be answered: the rerun asks rather than reuse."""
    world = _fresh_world(tmp_path, fakes, max_attempts=1)
    world.github.fail_batches_over = 0  # every GraphQL batch: 502
    try:
        failed = world.run()
    finally:
        world.github.fail_batches_over = None
    assert failed["slots"]["github"]["status"].get("ok", 0) == 0
    asked = world.github.count()
    after = world.run()
    assert not reused(after) and world.github.count() > asked
    assert after["slots"]["github"]["status"]["ok"] == 1
    assert reused(world.run())  # every request answered this time


def test_the_memo_of_a_run_that_fetched_ends_when_what_it_stored_goes_stale(
    tmp_path: Path, fakes: tuple[FakeArxiv, FakeGithub]
) -> None:
    """GitHub's records stay fresh for 6 hours: a rerun 7 hours later, the same day, asks
    GitHub again (as a run from the cache would), one 5 hours later does not."""
    world = _fresh_world(tmp_path, fakes)
    world.now = START - 20 * HOUR  # 03:00
    world.run()
    world.now += 5 * HOUR
    assert reused(world.run())
    asked = world.github.count()
    world.now += 2 * HOUR  # 10:00: stored 7 hours ago
    later = world.run()
    assert not reused(later) and world.github.count() > asked


def _edit_list(world: World) -> None:
    third = "- [ECCV 2024] [Glint: A Third](https://arxiv.org/abs/2301.00003)\n"
    world.listing.write_text(LIST + third)


def _add_list_settings(world: World) -> None:
    world.listing.with_suffix(".toml").write_text('[sections]\n"Papers" = "tools"\n')


def _edit_output(world: World) -> None:
    world.output.write_bytes(world.output.read_bytes().replace(b"Lumen", b"Lumen!", 1))


def _delete_output(world: World) -> None:
    world.output.unlink()


def _another_run_writes_to_the_cache(world: World) -> None:
    with build_door(world.settings) as door:
        door.remember("github", "repo:someone/else", {"full_name": "someone/else"})


def _clear_one_source(world: World) -> None:
    cache_clear(world.settings, names(), "github")


def _next_day(world: World) -> None:
    world.now += 2 * HOUR  # 01:00 the next day: every record still fresh, another day


def _a_record_goes_stale(world: World) -> None:
    world.now += 25 * HOUR  # GitHub's records are fresh for a day


@pytest.mark.parametrize(
    "change",
    [
        _edit_list,
        _add_list_settings,
        _edit_output,
        _delete_output,
        _another_run_writes_to_the_cache,
        _clear_one_source,
        _next_day,
        _a_record_goes_stale,
    ],
)
def test_any_change_to_what_the_output_was_made_of_means_a_full_run(
    world: World, change: Callable[[World], None]
) -> None:
    assert reused(world.run())  # the cold run's memo holds until the change
    change(world)
    after = world.run()
    assert not reused(after)
    assert "parse" in after["timings_seconds"]
    assert world.output.exists()


def test_what_a_full_run_after_a_change_writes_is_right(world: World) -> None:
    world.run()
    _clear_one_source(world)
    sent = world.github.count()
    after = world.run()
    assert world.github.count() > sent  # asked again, not served from a memo
    assert after["slots"]["github"]["status"]["ok"] == 1
    world.run()
    _edit_list(world)
    assert world.run()["entries"]["papers"] == 3
    document = json.loads(world.output.read_bytes())
    assert "2301.00003" in document["papers"][-1]["paper_url"]


@pytest.mark.parametrize("flag", ["refresh", "offline"])
def test_refresh_and_offline_runs_never_reuse(world: World, flag: str) -> None:
    world.run()
    world.run()
    assert reused(world.run())
    forced = world.run(world.settings.with_overrides(**{flag: True}))
    assert not reused(forced) and "parse" in forced["timings_seconds"]


def test_a_changed_setting_means_a_full_run(world: World) -> None:
    world.run()
    only_arxiv = world.settings.with_overrides(only=frozenset({"arxiv"}))
    assert not reused(world.run(only_arxiv))


def test_the_code_digest_follows_a_dependency_upgrade(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pydantic upgrade may change the bytes as much as a change of ours."""
    from importlib import metadata

    from enrich.pipeline import reuse

    installed = reuse.code_digest()
    real = metadata.version
    upgraded = lambda name: "99.0" if name == "pydantic" else real(name)  # noqa: E731
    monkeypatch.setattr(reuse.metadata, "version", upgraded)
    reuse.code_digest.cache_clear()
    try:
        assert reuse.code_digest() != installed
    finally:
        reuse.code_digest.cache_clear()


def test_a_changed_cache_is_refused_before_the_output_is_read(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The memo's generation is compared first: a 10,000-entry output is 60 MB to hash."""
    world.run()  # quiet: leaves a memo
    _another_run_writes_to_the_cache(world)
    read: list[Path] = []
    real = ListFiles.fingerprint

    def watched(files: ListFiles, *args: Any) -> str:
        read.append(files.output)
        return real(files, *args)

    monkeypatch.setattr(ListFiles, "fingerprint", watched)
    assert not reused(world.run())
    assert read == [world.output]  # once, for the new memo: not to refuse the old one
