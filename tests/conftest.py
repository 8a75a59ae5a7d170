"""Shared test configuration.

No test may reach the internet. ``pytest-socket`` (configured in
``pyproject.toml`` with ``--allow-hosts=127.0.0.1,127.0.0.2,::1,localhost``,
loopback only) refuses any connection to another address, and
:func:`no_public_dns` answers every name lookup but loopback's with "no such
host", as a closed network would, so not even a DNS query leaves the machine.
``test_network_guard.py`` proves both. Fixtures for one area live in that
area's own test files or in ``tests/fakes``.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from tests.fakes.server import QuickStopHTTPServer

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


_real_getaddrinfo = socket.getaddrinfo
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain"})


def _needs_no_resolver(host: object) -> bool:
    if host is None:
        return True
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name.lower() in LOCAL_NAMES:
        return True
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True  # a literal address needs no resolver; pytest-socket guards the connect


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if not _needs_no_resolver(host):
        raise socket.gaierror(socket.EAI_NONAME, f"test network guard: no DNS for {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


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
