"""recall/remember: the per-item store beside the HTTP cache."""

from __future__ import annotations

from enrich.settings import Settings
from tests.http.conftest import Clock, DoorFactory

DAY = 24 * 3600.0


def test_remembered_item_is_recalled_while_fresh(make_door: DoorFactory, clock: Clock) -> None:
    door = make_door()
    record = {"id": "2401.00001", "title": "A paper", "authors": ["A", "B"]}
    door.remember("arxiv", "2401.00001", record)

    assert door.recall("arxiv", "2401.00001") == record
    assert door.recall("arxiv", "2401.00002") is None
    clock.advance(22 * DAY)  # arxiv_record freshness is 21 days
    assert door.recall("arxiv", "2401.00001") is None
    assert door.recall("arxiv", "2401.00001", freshness=30 * DAY) == record
    stats = door.stats.service("arxiv")
    assert (stats.item_hits, stats.item_misses) == (2, 2)


def test_items_survive_the_door(make_door: DoorFactory) -> None:
    make_door().remember("github", "a/b", {"stars": 5})

    assert make_door().recall("github", "a/b") == {"stars": 5}
    assert make_door().recall("pages", "a/b") is None  # keyed by service


def test_offline_recalls_any_age_and_refresh_none(
    make_door: DoorFactory, settings: Settings, clock: Clock
) -> None:
    make_door().remember("github", "a/b", {"stars": 5})
    clock.advance(400 * DAY)

    assert make_door(settings.with_overrides(offline=True)).recall("github", "a/b") == {"stars": 5}
    assert make_door().recall("github", "a/b") is None
    clock.advance(-400 * DAY)
    assert make_door(settings.with_overrides(refresh=True)).recall("github", "a/b") is None
