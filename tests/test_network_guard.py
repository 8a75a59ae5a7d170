"""The test suite itself must not be able to reach any address but loopback."""

from __future__ import annotations

import socket

import pytest
from pytest_socket import SocketConnectBlockedError


@pytest.mark.filterwarnings("ignore:A test tried to use socket:UserWarning")
def test_connection_to_a_public_address_is_refused() -> None:
    with (
        pytest.raises(SocketConnectBlockedError),
        socket.create_connection(("93.184.215.14", 80), 1),
    ):
        pass


def test_loopback_is_allowed() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    try:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), 1):
            pass
    finally:
        server.close()


def test_public_names_do_not_resolve() -> None:
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("arxiv.org", 443)
    assert socket.getaddrinfo("localhost", 80)
