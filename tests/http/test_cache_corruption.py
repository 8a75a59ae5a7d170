"""A corrupt cache is moved aside with a warning, the run goes on cold, and
``cache clear`` always works."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from enrich.http.cache import cache_clear, cache_stats
from enrich.http.cachefile import SafeCache
from enrich.settings import Settings
from enrich.sources.registry import names
from tests.http.conftest import DoorFactory

BIG = "v" * 100_000  # big enough for diskcache to keep the value in its own file


def _garble_header(cache_dir: Path) -> None:
    database = cache_dir / "cache.db"
    data = bytearray(database.read_bytes())
    data[:16] = b"definitely not!!"
    database.write_bytes(bytes(data))


def _truncate_database(cache_dir: Path) -> None:
    database = cache_dir / "cache.db"
    database.write_bytes(database.read_bytes()[:1500])


def _database_is_a_folder(cache_dir: Path) -> None:
    (cache_dir / "cache.db").unlink()
    (cache_dir / "cache.db").mkdir()


def _value_files(cache_dir: Path) -> list[Path]:
    return [p for p in cache_dir.rglob("*.val")]


def _truncate_value_files(cache_dir: Path) -> None:
    for path in _value_files(cache_dir):
        path.write_bytes(path.read_bytes()[:100])


def _garbage_value_files(cache_dir: Path) -> None:
    for path in _value_files(cache_dir):
        path.write_bytes(b"\x80\x05garbage that is no pickle")


DATABASE_CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    "garbled header": _garble_header,
    "truncated database": _truncate_database,
    "database is a folder": _database_is_a_folder,
}
# A value file is plain bytes parsed on every read (nothing is unpickled): a
# damaged one is an entry that does not parse, a miss, and the cache stays.
VALUE_CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    "truncated value files": _truncate_value_files,
    "garbage value files": _garbage_value_files,
}
CORRUPTIONS = {**DATABASE_CORRUPTIONS, **VALUE_CORRUPTIONS}


def _fill(httpserver: HTTPServer, make_door: DoorFactory) -> None:
    httpserver.expect_request("/repo").respond_with_data(BIG.encode())
    door = make_door()
    door.request("github", "GET", httpserver.url_for("/repo"))
    door.remember("github", "big", {"blob": BIG})
    for n in range(40):
        door.remember("arxiv", f"record:{n}", {"n": n})
    door.close()
    assert _value_files(door.settings.cache_dir)


@pytest.mark.parametrize("corrupt", DATABASE_CORRUPTIONS.values(), ids=DATABASE_CORRUPTIONS.keys())
def test_a_corrupt_cache_is_moved_aside_and_the_run_goes_on_cold(
    httpserver: HTTPServer,
    make_door: DoorFactory,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    corrupt: Callable[[Path], None],
) -> None:
    _fill(httpserver, make_door)
    corrupt(settings.cache_dir)

    with caplog.at_level(logging.WARNING, logger="enrich.http"):
        door = make_door()
        item = door.recall("github", "big")
        response = door.request("github", "GET", httpserver.url_for("/repo"))
        door.remember("github", "after", {"ok": True})

    aside = settings.cache_dir.with_name("cache.corrupt")
    assert item is None
    assert (response.status, response.cache, response.body) == (200, "miss", BIG.encode())
    assert door.recall("github", "after") == {"ok": True}  # the new cache works
    assert aside.is_dir()
    assert any(f"moved to {aside}" in r.getMessage() for r in caplog.records)
    assert any(f"moved to {aside}" in note for note in door.stats.notes)


@pytest.mark.parametrize("corrupt", VALUE_CORRUPTIONS.values(), ids=VALUE_CORRUPTIONS.keys())
def test_damaged_value_files_are_misses_and_the_cache_stays(
    httpserver: HTTPServer,
    make_door: DoorFactory,
    settings: Settings,
    corrupt: Callable[[Path], None],
) -> None:
    _fill(httpserver, make_door)
    corrupt(settings.cache_dir)

    door = make_door()
    item = door.recall("github", "big")
    response = door.request("github", "GET", httpserver.url_for("/repo"))

    assert item is None
    assert (response.status, response.cache, response.body) == (200, "miss", BIG.encode())
    assert door.recall("arxiv", "record:3") == {"n": 3}  # the small entries are intact
    assert not settings.cache_dir.with_name("cache.corrupt").exists()


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_cache_clear_always_works(
    httpserver: HTTPServer,
    make_door: DoorFactory,
    settings: Settings,
    corrupt: Callable[[Path], None],
) -> None:
    _fill(httpserver, make_door)
    corrupt(settings.cache_dir)

    cache_clear(settings, names())
    cache_clear(settings, names(), "github")

    assert cache_stats(settings, names())["entries"] == 0


def test_asides_are_numbered_not_timestamped(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    for _ in range(3):
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        (settings.cache_dir / "cache.db").write_bytes(b"garbage" * 100)
        make_door().close()

    names = sorted(p.name for p in settings.cache_dir.parent.iterdir())
    assert names == ["cache", "cache.corrupt", "cache.corrupt-2", "cache.corrupt-3"]


def test_a_cache_locked_too_long_is_skipped_not_moved(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    notes: list[str] = []
    cache = SafeCache(settings.cache_dir, notes.append, timeout=0.05)
    cache.write(lambda c: c.set("kept", b"1"))
    holder = sqlite3.connect(settings.cache_dir / "cache.db")
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the database
    try:
        with caplog.at_level(logging.WARNING, logger="enrich.http"):
            cache.write(lambda c: c.set("new", b"2"))
            found = cache.read(lambda c: c.get("kept"), "missed")
    finally:
        holder.rollback()
        holder.close()

    assert found in (b"1", "missed")  # readers may or may not wait, by journal mode
    assert cache.read(lambda c: c.get("new"), "missed") is None  # the write was skipped
    assert cache.read(lambda c: c.get("kept"), "missed") == b"1"  # not moved aside
    assert [n for n in notes if "unavailable" in n]
    assert not settings.cache_dir.with_name("cache.corrupt").exists()
    cache.close()
