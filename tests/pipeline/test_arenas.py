"""The malloc arena limit the run sets before its source threads start."""

from __future__ import annotations

import platform

import pytest

from enrich.pipeline.arenas import limit_malloc_arenas

GLIBC = platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not GLIBC, reason="mallopt's arena limit is glibc's")
def test_glibc_accepts_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert limit_malloc_arenas() is True


def test_the_users_own_setting_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False


FREED_BELOW_A_LIVE_OBJECT = """
import json
from enrich.pipeline.arenas import give_back_free_memory

def resident_mb():
    with open("/proc/self/status") as status:
        return int(status.read().split("VmRSS:")[1].split()[0]) / 1024

churn = [bytes(range(256)) * 8 for _ in range(25_000)]  # 50 MB of 2 kB blocks from malloc
pinned = bytes(4096)  # above them: the heap's top stays in use, so free() cannot shrink it
del churn
before = resident_mb()
given = give_back_free_memory()
print(json.dumps({"before": before, "after": resident_mb(), "given": given}))
"""


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is glibc's")
def test_free_memory_below_live_objects_is_given_back() -> None:
    """What the sources' threads freed stays resident until it is given back."""
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", FREED_BELOW_A_LIVE_OBJECT],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    seen = json.loads(done.stdout)
    assert seen["given"] is True
    assert seen["before"] - seen["after"] > 35, seen  # of the 50 MB freed
