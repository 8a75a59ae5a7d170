"""Loopback-only network for every Python process the tests start.

The tests put this folder first on ``PYTHONPATH`` and name a log file in
``LOOPBACK_GUARD_LOG`` (``tests/conftest.py``); Python imports
``sitecustomize`` at start-up, so a subprocess (``python -m enrich run`` in
an end-to-end test, a benchmark's worker) gets the guard before any of its
own code runs. A connection to anything but loopback, or a name lookup of
anything but ``localhost``, is refused *and written to the log*: a refused
connection alone would only turn into a source's ``error`` slot and the
suite would stay green, so the test's teardown reads the log and fails.

In the test process itself ``pytest-socket`` refuses such connections and
``tests/conftest.py`` records them the same way, with :func:`is_loopback`.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
from typing import Any

LOG_VARIABLE = "LOOPBACK_GUARD_LOG"  # no ENRICH_ prefix: environments built for a run keep it
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain"})


def is_loopback(host: object) -> bool:
    """Whether ``host`` (a name, an address literal, bytes or ``None``) stays on this machine."""
    if host is None:
        return True
    name = host.decode() if isinstance(host, bytes) else str(host)
    name = name.strip("[]").lower()
    if name in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


RESERVED_TLDS = frozenset({"example", "test", "invalid", "localhost", "local", "internal"})
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")  # RFC 2606
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


def is_public_name(host: object) -> bool:
    """Whether a name could be a real service's: dotted, well formed, not a reserved test name.

    Every lookup but loopback's is refused, but only these fail a test: the
    fake hosts tests use (``lab.example.org``, ``site.test``) and the
    malformed ones hostile lists hold (``.``, ``%5b``) are a closed network's
    ordinary "no such host".
    """
    name = (host.decode() if isinstance(host, bytes) else str(host or "")).lower().rstrip(".")
    labels = name.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return False
    if labels[-1] in RESERVED_TLDS:
        return False
    return not any(name == d or name.endswith("." + d) for d in RESERVED_DOMAINS)


def record(what: str) -> None:
    """Append one refused attempt to the log the test's teardown reads."""
    path = os.environ.get(LOG_VARIABLE)
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"pid {os.getpid()}: {what}\n")


def _host_of(address: Any) -> object:
    if isinstance(address, tuple) and address:
        return address[0]
    return None  # a Unix socket path


def install() -> None:
    """Refuse and record every non-loopback connection and name lookup in this process."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def guarded_connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(_host_of(address)):
            record(f"connect to {address!r}")
            raise ConnectionRefusedError(f"test network guard: {address!r} is not loopback")
        return real_connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(_host_of(address)):
            record(f"connect to {address!r}")
            return 111  # ECONNREFUSED
        return real_connect_ex(self, address)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_loopback(host) and not _is_address(host):
            if is_public_name(host):
                record(f"name lookup of {host!r}")
            raise socket.gaierror(socket.EAI_NONAME, f"test network guard: no DNS for {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = guarded_getaddrinfo


def _is_address(host: object) -> bool:
    name = host.decode() if isinstance(host, bytes) else str(host)
    try:
        ipaddress.ip_address(name.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True  # a literal: the connect is what is guarded


if os.environ.get(LOG_VARIABLE):
    install()
