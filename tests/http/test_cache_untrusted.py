"""A restored cache is untrusted input: nothing in it is unpickled, run, or followed
outside its folder (issue 21 item 10).

The nightly job and the pull-request check restore the cache folder from the
Actions cache. diskcache's default ``Disk`` unpickles any row whose mode says
pickle, so whoever could write that folder could run code in a job holding
write tokens. These tests plant such rows with diskcache's own default
``Disk`` (what an attacker, or an older version, writes).
"""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import diskcache
from pytest_httpserver import HTTPServer

from enrich.http.cache import answer_key, item_key
from enrich.http.cachefile import open_cache
from enrich.settings import Settings
from tests.http.conftest import DoorFactory


class _Touch:
    """Unpickling this creates ``path``: the proof that a pickle was loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(self.path),))  # type: ignore[return-value]


def _plant(cache_dir: Path, key: str, value: object) -> None:
    with diskcache.Cache(str(cache_dir), tag_index=True) as planted:  # the default, pickling Disk
        planted.set(key, value, tag="github")


def test_a_planted_pickle_is_never_loaded(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings, tmp_path: Path
) -> None:
    httpserver.expect_request("/repo").respond_with_data(b"fresh")
    url = httpserver.url_for("/repo")
    make_door().close()  # the cache exists, as a restored one would
    marker = tmp_path / "pwned"
    payload = {"status": 200, "body": _Touch(marker)}
    _plant(settings.cache_dir, answer_key("github", "GET", url), payload)
    _plant(settings.cache_dir, item_key("github", "repo:a/b"), [_Touch(marker)])
    big = pickle.dumps([_Touch(marker), "x" * 100_000])  # kept in a value file
    _plant(settings.cache_dir, item_key("github", "repo:c/d"), big.decode("latin-1"))

    door = make_door()
    answer = door.request("github", "GET", url)
    assert door.recall("github", "repo:a/b") is None
    assert door.recall("github", "repo:c/d") is None
    with open_cache(settings.cache_dir) as cache:
        list(cache.iterkeys())  # keys are never unpickled either

    assert not marker.exists()
    assert (answer.status, answer.cache, answer.body) == (200, "miss", b"fresh")
    assert door.request("github", "GET", url).cache == "hit"  # written again, as bytes


def test_a_planted_file_name_cannot_read_or_delete_outside_the_cache(
    make_door: DoorFactory, settings: Settings, tmp_path: Path
) -> None:
    door = make_door()
    door.remember("github", "repo:a/b", {"x": 1})
    door.close()
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    database = sqlite3.connect(settings.cache_dir / "cache.db")
    with database:
        database.execute(
            "UPDATE Cache SET mode = 2, filename = ?, value = NULL WHERE key = ?",
            ("../precious.txt", item_key("github", "repo:a/b")),
        )
    database.close()

    door = make_door()
    assert door.recall("github", "repo:a/b") is None
    door.close()
    with open_cache(settings.cache_dir) as cache:
        cache.clear()
    assert outside.read_text() == "keep me"


def test_values_are_stored_as_bytes_not_pickles(make_door: DoorFactory, settings: Settings) -> None:
    door = make_door()
    door.remember("arxiv", "record:1", {"title": "T", "authors": ["A"]})
    door.close()
    database = sqlite3.connect(settings.cache_dir / "cache.db")
    modes = {mode for (mode,) in database.execute("SELECT mode FROM Cache")}
    database.close()
    assert modes == {diskcache.core.MODE_RAW}
