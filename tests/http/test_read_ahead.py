"""Reading ahead changes what a lookup costs, never what it answers (issue 23)."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from pytest_httpserver import HTTPServer

from enrich.http.cache import ResponseCache, item_key
from enrich.http.cachefile import open_cache
from enrich.http.readahead import NOT_HELD, WINDOW, ReadAhead, read_many
from enrich.settings import Settings
from tests.http.conftest import DoorFactory


def test_items_read_ahead_are_the_items_stored(make_door: DoorFactory) -> None:
    door = make_door()
    for n in range(1200):  # more than one query's worth of keys
        door.remember("arxiv", f"record:{n}", {"n": n})
    before = [door.recall("arxiv", f"record:{n}") for n in range(1300)]
    door.read_ahead("arxiv", [f"record:{n}" for n in range(1300)])
    after = [door.recall("arxiv", f"record:{n}") for n in range(1300)]
    assert after == before
    assert before[:2] == [{"n": 0}, {"n": 1}] and before[1200:] == [None] * 100
    assert door.recall("arxiv", "record:5") == {"n": 5}  # taken once, then read from disk


def test_a_write_after_reading_ahead_is_what_is_read(make_door: DoorFactory) -> None:
    door = make_door()
    door.remember("github", "repo:a/b", {"stars": 1})
    door.read_ahead("github", ["repo:a/b"])
    door.remember("github", "repo:a/b", {"stars": 2})
    assert door.recall("github", "repo:a/b") == {"stars": 2}


def test_answers_read_ahead_are_served_as_hits(
    httpserver: HTTPServer, make_door: DoorFactory
) -> None:
    httpserver.expect_request("/api/models").respond_with_json({"n": 3})
    door = make_door()
    url, params = httpserver.url_for("/api/models"), {"filter": "arxiv:2301.00001"}
    cold = door.request("huggingface", "GET", url, params=params)
    door.read_ahead("huggingface", urls=[(url, params)])
    warm = door.request("huggingface", "GET", url, params=params)
    assert (cold.cache, warm.cache) == ("miss", "hit")
    assert warm.body == cold.body and len(httpserver.log) == 1
    assert door.stats.service("huggingface").hits == 1


def test_refresh_reads_nothing_ahead(settings: Settings, make_door: DoorFactory) -> None:
    make_door().remember("arxiv", "record:1", {"n": 1})
    door = make_door(settings.with_overrides(refresh=True))
    door.read_ahead("arxiv", ["record:1"])
    assert door.recall("arxiv", "record:1") is None


def test_a_planted_pickle_row_is_not_read_ahead(settings: Settings) -> None:
    cache = ResponseCache(settings.cache_dir)
    cache.put_item("arxiv", "fine", 1, 0.0)
    cache.close()
    planted = item_key("arxiv", "planted")
    database = sqlite3.connect(settings.cache_dir / "cache.db")
    with database:  # what an attacker with the restored cache folder could write
        database.execute(
            "INSERT INTO Cache (key, raw, store_time, expire_time, access_time, access_count,"
            " tag, size, mode, filename, value) VALUES (?, 1, 0, NULL, 0, 0, 'arxiv', 0, 4,"
            " NULL, ?)",
            (planted, b"cos\nsystem\n(S'echo owned'\ntR."),
        )
    database.close()
    with open_cache(settings.cache_dir) as raw:
        found = read_many(raw, [item_key("arxiv", "fine"), planted])
    assert list(found) == [item_key("arxiv", "fine")]


def test_keys_are_read_a_window_at_a_time() -> None:
    windows: list[int] = []

    def read(keys: Sequence[str]) -> dict[str, bytes]:
        windows.append(len(keys))
        return {key: key.encode() for key in keys if key != "k7"}

    ahead = ReadAhead(read)
    ahead.hold([f"k{n}" for n in range(1200)])
    assert windows == []  # nothing read before a lookup reaches it
    taken = [ahead.take(f"k{n}") for n in range(1200)]
    assert windows == [WINDOW, WINDOW, 200]
    assert taken[6] == b"k6" and taken[7] is None  # read ahead: not stored
    assert ahead.take("k6") is NOT_HELD and ahead.take("other") is NOT_HELD


def test_a_key_written_while_its_window_is_read_is_not_handed_out() -> None:
    ahead: ReadAhead

    def read(keys: Sequence[str]) -> dict[str, bytes]:
        ahead.written("k1")  # another thread stores k1 while this query runs
        return {key: b"old" for key in keys}

    ahead = ReadAhead(read)
    ahead.hold(["k0", "k1"])
    assert ahead.take("k0") == b"old"
    assert ahead.take("k1") is NOT_HELD  # the cache itself is asked: the new value


def test_threads_taking_keys_of_one_window_together_read_it_once() -> None:
    """The page checks' threads take the first keys of a window together: one of them
    reads it, the others wait for its rows (each used to read all 500 rows itself)."""
    reads: list[int] = []
    started, release = threading.Event(), threading.Event()

    def read(keys: Sequence[str]) -> dict[str, bytes]:
        reads.append(len(keys))
        started.set()
        release.wait(5)  # every other thread asks meanwhile
        return {key: key.encode() for key in keys}

    ahead = ReadAhead(read)
    keys = [f"k{n}" for n in range(40)]
    ahead.hold(keys)
    with ThreadPoolExecutor(max_workers=len(keys)) as pool:
        first = pool.submit(ahead.take, keys[0])
        assert started.wait(5)
        others = [pool.submit(ahead.take, key) for key in keys[1:]]
        time.sleep(0.05)  # let them all reach the window
        release.set()
        taken = [first.result(), *(future.result() for future in others)]
    assert reads == [len(keys)]
    assert taken == [key.encode() for key in keys]


def test_a_failed_window_read_is_tried_again_by_the_next_taker() -> None:
    calls: list[int] = []

    def read(keys: Sequence[str]) -> dict[str, bytes]:
        calls.append(len(keys))
        if len(calls) == 1:
            raise sqlite3.OperationalError("database is locked")
        return {key: b"v" for key in keys}

    ahead = ReadAhead(read)
    ahead.hold(["a", "b"])
    try:
        ahead.take("a")
    except sqlite3.OperationalError:
        pass
    else:
        raise AssertionError("the read's failure is the taker's")
    assert ahead.take("b") == b"v" and ahead.take("a") == b"v"
    assert calls == [2, 2]
