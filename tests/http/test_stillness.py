"""The watch behind run memos: what a stretch relied on, and would a rerun be told the same."""

from __future__ import annotations

import math

from enrich.http.stillness import StillnessWatch
from tests.http.conftest import DoorFactory


def test_a_stretch_that_only_read_is_quiet_and_ends_with_its_first_stale_entry() -> None:
    watch = StillnessWatch()
    watch.begin(written_so_far=4)
    assert watch.seen(4).fresh_until == math.inf
    watch.served(500.0)
    watch.served(300.0)
    seen = watch.seen(4)
    assert seen.quiet and seen.repeatable and seen.fresh_until == 300.0


def test_a_remembered_item_lasts_the_shortest_freshness_its_service_is_read_with() -> None:
    watch = StillnessWatch()
    watch.begin(0)
    watch.read_with("arxiv", 21 * 86400.0)
    watch.remembered("arxiv", at=1000.0, freshness=86400.0)  # the service's own: a day
    watch.remembered("arxiv", at=2000.0, freshness=86400.0)  # the first write bounds it
    watch.read_with("arxiv", 3600.0)  # read later with an hour: the bound shrinks
    watch.read_with("github", 60.0)  # read, never written: no bound of its own
    seen = watch.seen(written_so_far=2)
    assert not seen.quiet and seen.written == 2
    assert seen.fresh_until == 1000.0 + 3600.0


def test_a_failed_request_makes_the_stretch_unrepeatable_until_the_next_begin() -> None:
    watch = StillnessWatch()
    watch.begin(0)
    watch.sending()
    assert watch.seen(0).repeatable and not watch.seen(0).quiet
    watch.unrepeatable()
    assert not watch.seen(0).repeatable
    watch.begin(0)
    assert watch.seen(0).repeatable and watch.seen(0).quiet


def test_each_stretch_that_writes_renews_the_generation(make_door: DoorFactory) -> None:
    """A list's memo names the generation its run left; a later list of the same process
    that writes (an arXiv record stored again from its title search) must end that memo,
    and its own stretch still counts as undisturbed: the writes are this process's."""
    door = make_door()
    door.watch()  # the first list's run
    door.remember("arxiv", "record:2301.00001", {"title": "first"})
    first = door.ensure_generation()  # what its memo names
    assert door.stillness().undisturbed

    door.watch()  # the next list's run: reads only, so far
    assert door.generation() == first and door.stillness().undisturbed
    door.remember("arxiv", "record:2301.00001", {"title": "newer"})

    assert door.generation() != first  # the first list's memo no longer matches
    assert door.stillness().undisturbed
    second = door.generation()
    door.remember("arxiv", "record:2301.00002", {"title": "more"})
    assert door.generation() == second  # renewed once per stretch, not per write
