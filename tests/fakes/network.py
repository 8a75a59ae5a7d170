"""A loopback network that plays public addresses, for the address guard's tests.

The door resolves a page's host once, checks the address, and connects to
that address. To see which address it really connects to, a test gives the
door a wire whose network sends chosen public addresses to loopback
servers.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from enrich.http.client import build_wire, verified_tls_context
from enrich.http.wire import Wire
from enrich.settings import Settings


class MappedNetwork(httpcore.SyncBackend):
    """A network where some public addresses lead to loopback ones.

    Lets a test play "a public site" on 127.0.0.x and see which address the
    door really connects to (it must be the one it checked).
    """

    def __init__(self, routes: dict[str, str]) -> None:
        self.routes = routes
        self.connected: list[str] = []

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        self.connected.append(host)
        return super().connect_tcp(
            self.routes.get(host, host), port, timeout, local_address, socket_options
        )


def mapped_wire(
    settings: Settings, network: MappedNetwork, *, trust: ssl.SSLContext | None = None
) -> Wire:
    """The door's usual wire, on a :class:`MappedNetwork` (test-only: httpx has
    no public hook for the network backend, so the pool's is replaced).
    ``trust``: the TLS context to verify servers with (a test certificate)."""
    transport = httpx.HTTPTransport(verify=trust or verified_tls_context())
    transport._pool._network_backend = network
    return build_wire(settings, direct=transport, verify=trust)
