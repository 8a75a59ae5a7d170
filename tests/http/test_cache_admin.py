"""The cache on disk: crash safety, ``cache stats`` and ``cache clear``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from enrich.errors import UsageError
from enrich.http.cache import cache_clear, cache_stats
from enrich.http.writebehind import MOST
from enrich.settings import Settings
from enrich.sources.registry import names
from tests.http.conftest import DoorFactory

REPO = Path(__file__).resolve().parents[2]

WRITER = """
import sys, time
from pathlib import Path
from enrich.assembly import build_door
from enrich.settings import Settings
from enrich.sources.registry import names

door = build_door(Settings(cache_dir=Path(sys.argv[1])))
payload = {"blob": "x" * 40_000}  # over diskcache's 32 KB: written to a file first
n = 0
while True:
    door.remember("github", f"repo-{n}", {**payload, "n": n})
    n += 1
    if n == int(sys.argv[2]):
        print("ready", flush=True)
"""
STORED = 2 * MOST  # two batches: what the writer has surely stored once it says "ready"


def test_a_process_killed_mid_write_leaves_a_usable_cache(
    tmp_path: Path, make_door: DoorFactory, settings: Settings
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(settings.cache_dir), str(STORED)],
        stdout=subprocess.PIPE,
        env=env,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == b"ready"
        time.sleep(0.05)  # let it get well into further writes
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    finally:
        if writer.poll() is None:
            writer.kill()

    assert writer.returncode == -signal.SIGKILL
    door = make_door(clock=time.time)  # the writer stored with the real clock
    for n in range(STORED):
        assert door.recall("github", f"repo-{n}")["n"] == n  # type: ignore[index]
    door.remember("github", "after", {"ok": True})
    assert door.recall("github", "after") == {"ok": True}
    door.close()
    assert cache_stats(settings, names())["per_source"]["github"] >= STORED + 1


def _fill(httpserver: HTTPServer, make_door: DoorFactory) -> None:
    httpserver.expect_request("/x").respond_with_data(b"body")
    door = make_door()
    door.request("arxiv", "GET", httpserver.url_for("/x"))
    door.request("arxiv", "GET", httpserver.url_for("/x"))  # a hit
    door.request("github", "GET", httpserver.url_for("/x"))
    door.request("pages", "GET", httpserver.url_for("/x"))
    door.remember("arxiv", "2401.00001", {"title": "t"})
    door.close()


def test_cache_stats_counts_entries_per_source_and_last_run(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    _fill(httpserver, make_door)

    stats = cache_stats(settings, names())

    assert stats["entries"] == 4
    assert stats["per_source"] == {**dict.fromkeys(names(), 0), "arxiv": 2, "github": 1, "pages": 1}
    assert stats["size_bytes"] > 0
    run = stats["last_run"]["services"]
    assert (run["arxiv"]["hits"], run["arxiv"]["misses"], run["arxiv"]["hit_rate"]) == (1, 1, 0.5)
    assert run["github"]["hit_rate"] == 0.0
    assert stats["last_run_hit_rate"] == 0.25  # 1 hit of 4 lookups
    json.dumps(stats)  # JSON-ready for the CLI


def test_cache_clear_by_source_and_all(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    _fill(httpserver, make_door)

    assert cache_clear(settings, names(), "arxiv") == 2
    assert cache_stats(settings, names())["per_source"] == {
        **dict.fromkeys(names(), 0),
        "github": 1,
        "pages": 1,
    }
    assert cache_clear(settings, names(), None) == 2
    assert cache_stats(settings, names())["entries"] == 0
    with pytest.raises(UsageError):
        cache_clear(settings, names(), "gitlab")


def test_cache_stats_of_a_missing_cache_creates_nothing(settings: Settings) -> None:
    stats = cache_stats(settings, names())

    assert stats == {
        "entries": 0,
        "size_bytes": 0,
        "per_source": dict.fromkeys(names(), 0),
        "last_run_hit_rate": None,
        "last_run": None,
    }
    assert not settings.cache_dir.exists()
    assert cache_clear(settings, names()) == 0
