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


def test_a_later_list_writing_a_key_an_earlier_list_read_renews_the_generation(
    make_door: DoorFactory,
) -> None:
    """A list's memo names the generation its run left. A later list of the same process
    that writes a key the first one looked up (an arXiv record stored again from its
    title search) must end that memo; one that writes only keys of its own must not,
    or every list of a nightly run would end the memos of the lists before it."""
    door = make_door()
    door.watch()  # the first list's run
    assert door.recall("arxiv", "record:2301.00001") is None  # looked up, then fetched
    door.remember("arxiv", "record:2301.00001", {"title": "first"})
    first = door.ensure_generation()  # what its memo names
    assert door.stillness().undisturbed

    door.watch()  # the next list's run
    door.remember("arxiv", "record:2301.00002", {"title": "its own"})
    assert door.generation() == first  # the first list's memo holds
    door.remember("arxiv", "record:2301.00001", {"title": "newer"})
    assert door.generation() != first  # it does not any more
    assert door.stillness().undisturbed  # the writes are this process's own
    second = door.generation()
    door.remember("arxiv", "record:2301.00001", {"title": "again"})
    assert door.generation() == second  # once: every memo before was over already
