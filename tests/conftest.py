"""Shared test configuration.

No test may reach the internet. ``pytest-socket`` (configured in
``pyproject.toml`` with ``--allow-hosts=127.0.0.1,127.0.0.2,::1,localhost``,
loopback only) refuses any connection to another address, and
:func:`no_public_dns` answers every name lookup but loopback's with "no such
host", as a closed network would, so not even a DNS query leaves the machine.
Every such attempt is also recorded and fails the test that made it (a
refused connection alone only becomes a source's ``error`` slot), and every
Python subprocess a test starts inherits the same guard through
``tests/guard/sitecustomize.py`` on ``PYTHONPATH``, recording into a log this
process reads after each test (:func:`network_guard`).
``test_network_guard.py`` proves all of it. Fixtures for one area live in that
area's own test files or in ``tests/fakes``.
"""

from __future__ import annotations

import gc
import ipaddress
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from tests.fakes.server import QuickStopHTTPServer
from tests.guard.sitecustomize import LOG_VARIABLE, is_loopback, is_public_name, record

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED_LIST = REPO_ROOT / "data" / "raw" / "awesome-avatar.md"


@pytest.fixture
def seed_list() -> Path:
    return SEED_LIST


@pytest.fixture(scope="session")
def make_httpserver() -> Iterator[HTTPServer]:
    """pytest-httpserver's shared ``httpserver``, on the quick-stopping server class."""
    server = QuickStopHTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


GUARD_DIR = Path(__file__).resolve().parent / "guard"
_real_getaddrinfo = socket.getaddrinfo
_guard_log: list[Path] = []  # this process's log (a test may replace os.environ whole)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than this process may use CPUs.

    About half of a worker's time is spent waiting (loopback servers' latencies,
    deadlines, pacing gaps, the browser), so with one worker per CPU the CPUs
    idle while the suite waits; a further worker fills them (2 CPUs: 36 s -> 29 s).
    More workers only add collection and contention.
    """
    return len(os.sched_getaffinity(0)) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files marked ``slow`` (or ``e2e``) first, each file's tests kept in order.

    With ``--dist loadfile`` workers take files in collection order (xdist's own
    reordering, by test count, is off: ``--no-loadscope-reorder``); a file that
    waits several seconds taken last would leave the other workers idle at the end.
    """
    items.sort(
        key=lambda item: not any(item.iter_markers("slow")) and not any(item.iter_markers("e2e"))
    )


GC_THRESHOLD = (10_000, 20, 20)  # Python's default: (700, 10, 10)


def pytest_configure(config: pytest.Config) -> None:
    """Subprocesses of this test process start with the guard and log to its file.

    The collector runs less often in the test processes (never in the code under test:
    its CLI subprocesses keep Python's defaults). A test process holds every module of
    the suite and its dependencies, and each default collection walked them all again:
    about 3 s of the suite's 40 s of CPU. :func:`pytest_collection_finish` freezes what
    collection built, so later collections skip it (``gc.freeze``'s documented use).
    """
    gc.set_threshold(*GC_THRESHOLD)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    log = Path(tempfile.gettempdir()) / f"enrich-network-{os.getpid()}-{worker}.log"
    log.write_text("", encoding="utf-8")
    _guard_log[:] = [log]
    os.environ[LOG_VARIABLE] = str(log)
    paths = [str(GUARD_DIR), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()


def pytest_unconfigure(config: pytest.Config) -> None:
    """The guard's log goes with the process that wrote it."""
    if _guard_log:
        _guard_log[0].unlink(missing_ok=True)


def _needs_no_resolver(host: object) -> bool:
    if is_loopback(host):
        return True
    name = host.decode() if isinstance(host, bytes) else str(host)
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True  # a literal address needs no resolver; pytest-socket guards the connect


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if not _needs_no_resolver(host):
        if is_public_name(host):
            record(f"name lookup of {host!r}")
        raise socket.gaierror(socket.EAI_NONAME, f"test network guard: no DNS for {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


def network_attempts() -> list[str]:
    """The non-loopback attempts recorded since the last call (this process and its children)."""
    path = _guard_log[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("", encoding="utf-8")
    return lines


def fail_on_attempts(attempts: list[str]) -> None:
    """Fail the test that made non-loopback attempts, naming them."""
    if attempts:
        pytest.fail(
            "the test reached for the network beyond loopback:\n  " + "\n  ".join(attempts),
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Records every non-loopback connect of this process (pytest-socket then refuses it) and
    fails the test if this process or a subprocess it started reached beyond loopback."""
    network_attempts()  # a previous test's leftovers were already reported
    inner = socket.socket.connect

    def recorded_connect(self: socket.socket, address: Any) -> Any:
        inet = self.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple)
        if inet and not is_loopback(address[0]):
            record(f"connect to {address!r}")
        return inner(self, address)

    monkeypatch.setattr(socket.socket, "connect", recorded_connect)
    yield
    fail_on_attempts(network_attempts())


@pytest.fixture(autouse=True)
def no_public_dns(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Name lookups of anything but loopback fail, without asking a resolver."""
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)
    yield


def without_permission_override() -> list[str]:
    """A command prefix under which file permissions apply, even to root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be enforced")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
