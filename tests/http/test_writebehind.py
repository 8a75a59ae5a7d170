"""Answers held back and stored together: never lost by a door that closes, never missed
by a lookup, never stored after the memo that counts on them."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from enrich.http import cachefile
from enrich.http.cache import ResponseCache, StoredAnswer, answer_key
from enrich.http.cachefile import open_cache
from enrich.http.readahead import NOT_HELD
from enrich.http.writebehind import Held, WriteBehind
from tests.http.conftest import Clock, DoorFactory


class Store:
    """Records each batch it is given."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def __call__(self, batch: Sequence[Held]) -> None:
        self.batches.append([key for key, _, _ in batch])


def test_entries_are_stored_together_once_enough_are_held() -> None:
    store = Store()
    behind = WriteBehind(store, most=3, longest=60.0, clock=Clock())

    behind.put("a", b"1", "github")
    behind.put("b", b"2", "github")
    assert store.batches == []
    assert (behind.get("a"), behind.get("z")) == (b"1", NOT_HELD)  # held ones are served

    behind.put("c", b"3", "pages")

    assert store.batches == [["a", "b", "c"]]
    assert behind.get("a") is NOT_HELD  # stored: the cache answers from now on


def test_an_entry_is_not_held_longer_than_the_bound() -> None:
    store, clock = Store(), Clock()
    behind = WriteBehind(store, most=100, longest=5.0, clock=clock)

    behind.put("a", b"1", None)
    clock.advance(4.0)
    behind.put("b", b"2", None)
    assert store.batches == []
    clock.advance(1.0)
    behind.put("c", b"3", None)

    assert store.batches == [["a", "b", "c"]]


def test_flush_stores_what_is_held_once() -> None:
    store = Store()
    behind = WriteBehind(store, most=100)
    behind.put("a", b"1", None)
    behind.put("a", b"2", None)  # the later value replaces the held one

    behind.flush()
    behind.flush()

    assert store.batches == [["a"]]


def test_threads_storing_at_once_lose_nothing_and_store_nothing_twice() -> None:
    store = Store()
    behind = WriteBehind(store, most=7)
    keys = [f"k{n}" for n in range(500)]

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda key: behind.put(key, key.encode(), None), keys))
    behind.flush()

    stored = [key for batch in store.batches for key in batch]
    assert sorted(stored) == sorted(keys)
    assert all(len(batch) <= 7 for batch in store.batches)


def _answer(url: str) -> StoredAnswer:
    return StoredAnswer(
        service="pages",
        method="GET",
        url=url,
        status=200,
        headers={},
        body=b"<title>x</title>",
        final_url=url,
        stored_at=1_800_000_000.0,
    )


def _on_disk(cache_dir: Path) -> set[str]:
    with open_cache(cache_dir) as cache:
        return {key for key in cache.iterkeys() if isinstance(key, str)}


def test_a_memo_is_stored_after_the_answers_it_counts_on(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    key = answer_key("pages", "GET", "https://a.example/", "")
    cache.put_answer(key, _answer("https://a.example/"))
    assert key not in _on_disk(tmp_path)  # held

    cache.put_memo("list", {"made_of": "the answer"})

    assert key in _on_disk(tmp_path)
    cache.close()


def test_everything_a_door_held_is_stored_when_it_closes(
    make_door: DoorFactory, tmp_path: Path
) -> None:
    door = make_door()
    for n in range(5):
        door.remember("github", f"repo-{n}", {"n": n})

    door.close()

    stored = _on_disk(door.settings.cache_dir)
    assert {f"item|github|repo-{n}" for n in range(5)} <= stored


def test_a_door_that_wrote_leaves_sqlites_log_folded(make_door: DoorFactory) -> None:
    """``python -m enrich`` leaves without closing the source threads' connections, so SQLite
    never folds its write-ahead log on the way out; the runs after read slower until it is."""
    door = make_door()
    with ThreadPoolExecutor(1) as source_thread:
        source_thread.submit(door.recall, "github", "a/b").result()  # its connection stays open
        for n in range(300):  # a log of some 2 MB: worth folding (cachefile.FOLD_FROM)
            door.remember("github", f"repo-{n}", {"n": n, "text": "x" * 6000})

        door.close()

        log = door.settings.cache_dir / "cache.db-wal"
        assert log.stat().st_size == 0
        assert len([key for key in _on_disk(door.settings.cache_dir) if "repo-" in key]) == 300


def test_a_reader_in_another_process_does_not_hold_up_the_end_of_a_run(
    make_door: DoorFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cachefile, "FOLD_WAIT", 0.05)
    door = make_door()
    for n in range(300):  # a log worth folding, as above
        door.remember("github", f"repo-{n}", {"n": n, "text": "x" * 6000})
    door.remember("github", "a/b", {"stars": 5})
    door.flush()
    reader = sqlite3.connect(door.settings.cache_dir / "cache.db")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM Cache").fetchall()  # a read snapshot, held open
    try:
        door.remember("github", "c/d", {"stars": 6})
        started = time.monotonic()
        door.close()
        waited = time.monotonic() - started
    finally:
        reader.close()

    assert waited < 5  # not diskcache's 60-second lock wait
    assert {"item|github|a/b", "item|github|c/d"} <= _on_disk(door.settings.cache_dir)
