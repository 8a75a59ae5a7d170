"""Which pages are asked tonight (issue 23): healthy verdicts kept up to a week, spread over
the nights; failing, moved and new pages every night; nothing asked twice in one day."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path

import pytest

from enrich.assembly import build_door
from enrich.models import PageHealth, PageRecord, PageSlot, SlotStatus
from enrich.settings import Settings
from enrich.sources.interface import Hint, SourceOutcome, Target
from enrich.sources.pages import PagesSettings, PagesSource
from enrich.sources.pages._schedule import LastCheck, is_due, phase
from tests.fakes.pages import FakeWebHost

DAY0 = date(2026, 12, 1)


def day(offset: int) -> str:
    return (DAY0 + timedelta(days=offset)).isoformat()


def record(url: str, health: PageHealth = PageHealth.OK) -> PageRecord:
    return PageRecord(url=url, health=health)


def test_a_new_page_or_one_without_a_remembered_check_is_due() -> None:
    url = "https://lab.example.org/a/"
    assert is_due(url, None, day(0), day(0), 7)
    assert is_due(url, record(url), None, day(3), 7)


@pytest.mark.parametrize("health", list(PageHealth))
def test_nothing_is_asked_twice_in_one_day(health: PageHealth) -> None:
    url = "https://lab.example.org/b/"
    assert not is_due(url, record(url, health), day(2), day(2), 7)


@pytest.mark.parametrize(
    "health",
    [
        PageHealth.BROKEN,
        PageHealth.FAILING,
        PageHealth.SOFT_404,
        PageHealth.MOVED,
        PageHealth.BLOCKED,
    ],
)
def test_a_failing_or_moved_page_is_asked_every_night(health: PageHealth) -> None:
    url = "https://lab.example.org/c/"
    assert all(is_due(url, record(url, health), day(n - 1), day(n), 7) for n in range(1, 15))


def test_a_healthy_page_is_asked_on_its_own_night_and_never_later_than_max_age() -> None:
    url = "https://lab.example.org/d/"
    nights = [n for n in range(1, 15) if is_due(url, record(url), day(0), day(n), 7)]
    assert nights[0] <= 7
    assert len([n for n in nights if n < 7]) <= 1  # before the cap, only its phase night
    assert all(n in nights for n in range(7, 15))  # past the age cap: due until asked
    assert is_due(url, record(url), day(-30), day(0), 7)


def test_after_a_cold_run_about_a_seventh_is_due_each_night() -> None:
    urls = [f"https://host{n % 16}.example.org/p{n}/" for n in range(7000)]
    first_due: dict[str, int] = {}
    for night in range(1, 8):
        due = [
            u for u in urls if u not in first_due and is_due(u, record(u), day(0), day(night), 7)
        ]
        assert 1000 - 150 <= len(due) <= 1000 + 150 or night == 7, (night, len(due))
        first_due.update({u: night for u in due})
    assert len(first_due) == len(urls)  # every page asked within a week


def test_the_phase_depends_on_the_url_alone() -> None:
    assert phase("https://a.example/x", 7) == phase("https://a.example/x", 7)
    assert {phase(f"https://a.example/{n}", 7) for n in range(100)} == set(range(7))


def test_max_age_of_one_day_asks_every_page_every_night() -> None:
    url = "https://lab.example.org/e/"
    assert all(is_due(url, record(url), day(n - 1), day(n), 1) for n in range(1, 10))


def test_a_stored_check_is_read_back_only_when_shaped_as_written() -> None:
    last = LastCheck(day(0), "https://new.example/", ("og:image 'x' is not a valid URL",))
    assert LastCheck.from_json(last.to_json()) == last
    for bad in (
        None,
        [],
        {"date": "yesterday"},
        {"date": day(0), "problems": "x"},
        {"date": day(0), "suggestion": 3, "problems": []},
    ):
        assert LastCheck.from_json(bad) is None


# -- through the source, against a real web host on 127.0.0.1 ------------------- #


@pytest.fixture(scope="module")
def host() -> Iterator[FakeWebHost]:
    with FakeWebHost() as running:
        yield running


def _settings(tmp_path: Path) -> Settings:
    return Settings(
        cache_dir=tmp_path / "cache",
        allow_private_hosts=True,
        connect_timeout=5.0,  # generous: no test here waits for a timeout
        read_timeout=5.0,
        max_attempts=1,
        sources=(PagesSettings(freshness=0),),  # every due page is really asked
    )


def _resolve(
    settings: Settings, today: str, targets: list[Target], previous: Mapping[str, PageSlot]
) -> SourceOutcome[PageSlot]:
    with build_door(settings, sleep=lambda seconds: None) as door:
        return PagesSource(door, settings, today=lambda: today).resolve(targets, previous)


def _target(url: str, key: str) -> Target:
    return Target(key=key, file="list.md", line=4, hints=(Hint(url, "project_page_link"),))


def _quiet_night(url: str, after: int) -> int:
    """A night within the week after ``after`` on which the healthy page is not due."""
    return next(
        n for n in range(after + 1, after + 7) if (DAY0.toordinal() + n) % 7 != phase(url, 7)
    )


def test_healthy_verdicts_are_kept_failing_ones_asked_and_reruns_ask_nothing(
    host: FakeWebHost, tmp_path: Path
) -> None:
    healthy = host.add_page("/kept/", "Kept", image="http://[not-an-address")
    gone = host.add_status("/gone-sched", 404)
    settings = _settings(tmp_path)
    targets = [_target(healthy, "ok"), _target(gone, "gone")]
    first = _resolve(settings, day(0), targets, {})
    assert (host.count("/kept/"), host.count("/gone-sched")) == (1, 1)
    assert first.notes[0].startswith("pages: 2 due, 2 checked, 0 carried over")
    assert [w.message for w in first.warnings] == [
        f"{healthy}: og:image 'http://[not-an-address' is not a valid URL "
        "(Invalid IPv6 URL): ignored"
    ]

    rerun = _resolve(settings, day(0), targets, first.slots)  # same day: nothing asked
    assert (host.count("/kept/"), host.count("/gone-sched")) == (1, 1)
    assert rerun.slots == first.slots
    assert rerun.warnings == first.warnings

    night = _quiet_night(healthy, 0)
    later = _resolve(settings, day(night), targets, first.slots)
    assert (host.count("/kept/"), host.count("/gone-sched")) == (1, 2)  # only the 404 again
    kept = later.slots["ok"]
    assert first.slots["ok"].record is not None and kept.record is not None
    assert kept.record == first.slots["ok"].record.model_copy(update={"checked_on": day(0)})
    kept_warnings = [w for w in later.warnings if w.entry_id == "ok"]
    assert kept_warnings == [w for w in first.warnings if w.entry_id == "ok"]  # og:image still
    gone_record = later.slots["gone"].record
    assert gone_record is not None and gone_record.consecutive_failures == night + 1
    assert "pages: 1 due, 1 checked, 1 carried over" in later.notes[0]

    week = _resolve(settings, day(7), targets, later.slots)  # a week old: asked again
    assert host.count("/kept/") == 2
    assert week.slots["ok"] == first.slots["ok"]  # checked this run: as before, no date


def test_a_new_url_and_a_stale_verdict_are_asked(host: FakeWebHost, tmp_path: Path) -> None:
    old, new = host.add_page("/old-url/", "Old"), host.add_page("/new-url/", "New")
    settings = _settings(tmp_path)
    first = _resolve(settings, day(0), [_target(old, "e")], {})
    night = _quiet_night(old, 0)
    moved_link = _resolve(settings, day(night), [_target(new, "e")], first.slots)
    assert host.count("/new-url/") == 1
    stale = {"e": first.slots["e"].model_copy(update={"status": SlotStatus.STALE})}
    _resolve(settings, day(night), [_target(old, "e")], stale)
    assert host.count("/old-url/") == 2
    assert moved_link.slots["e"].record is not None


def test_stored_checks_are_read_back_validated_and_pruned_by_age() -> None:
    from enrich.sources.pages._schedule import KEEP_DAYS, checks_json, read_checks

    checks = {
        "https://b.example/": LastCheck(day(0)),
        "https://a.example/": LastCheck(day(-KEEP_DAYS - 1)),
    }
    stored = checks_json(checks, day(0))
    assert list(stored) == ["https://b.example/"]  # sorted, the too-old one dropped
    assert read_checks(stored) == {"https://b.example/": LastCheck(day(0))}
    assert read_checks({**stored, "https://c.example/": {"date": 7}}) == read_checks(stored)
    assert read_checks(["not", "a", "mapping"]) == {}
