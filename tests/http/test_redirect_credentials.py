"""The token goes to its own origin only: a redirect that changes the scheme, the
host or the port drops ``Authorization``, as httpx does.

The HTTPS server uses a self-signed certificate for 127.0.0.1 kept in
``tests/fakes/tls`` (made once with ``openssl req -x509 -newkey ec ... -days
36500 -addext subjectAltName=DNS:localhost,IP:127.0.0.1``; test-only, no secret).
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from enrich.http.client import build_wire
from enrich.settings import Settings
from enrich.sources.github import GithubSettings
from tests.fakes.server import QuickStopHTTPServer
from tests.http.conftest import DoorFactory

TLS = Path(__file__).resolve().parents[1] / "fakes" / "tls"
TOKEN = "ghp_" + "redirectTestToken0123456789abcdefghij"


@pytest.fixture(scope="module")
def https_server() -> Iterator[HTTPServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(TLS / "cert.pem", TLS / "key.pem")
    server = QuickStopHTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture(scope="module")
def other_port() -> Iterator[HTTPServer]:
    server = QuickStopHTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def with_token(settings: Settings) -> Settings:
    return settings.with_source(GithubSettings, token=TOKEN)


def _authorization(server: HTTPServer, path: str) -> list[str | None]:
    return [r.headers.get("Authorization") for r, _ in server.log if r.path == path]


def test_a_redirect_to_the_same_host_on_another_port_drops_the_token(
    httpserver: HTTPServer, other_port: HTTPServer, make_door: DoorFactory, with_token: Settings
) -> None:
    other_port.expect_request("/landing").respond_with_json({"ok": True})
    httpserver.expect_request("/repos/a/b").respond_with_data(
        b"", status=301, headers={"Location": other_port.url_for("/landing")}
    )
    httpserver.expect_request("/repos/c/d").respond_with_data(
        b"", status=301, headers={"Location": "/repositories/9"}
    )
    httpserver.expect_request("/repositories/9").respond_with_json({"ok": True})
    door = make_door(with_token)

    door.request("github", "GET", httpserver.url_for("/repos/a/b"))
    door.request("github", "GET", httpserver.url_for("/repos/c/d"))

    assert _authorization(httpserver, "/repos/a/b") == [f"Bearer {TOKEN}"]
    assert _authorization(other_port, "/landing") == [None]
    assert _authorization(httpserver, "/repositories/9") == [f"Bearer {TOKEN}"]  # same origin


def test_a_redirect_from_https_to_http_drops_the_token(
    https_server: HTTPServer, httpserver: HTTPServer, make_door: DoorFactory, with_token: Settings
) -> None:
    plain = f"http://127.0.0.1:{httpserver.port}/plain"
    httpserver.expect_request("/plain").respond_with_json({"ok": True})
    https_server.expect_request("/repos/a/b").respond_with_data(
        b"", status=302, headers={"Location": plain}
    )
    trusting = build_wire(with_token, verify=ssl.create_default_context(cafile=TLS / "cert.pem"))
    door = make_door(with_token, wire=trusting)

    response = door.request("github", "GET", https_server.url_for("/repos/a/b"))

    assert response.final_url == plain
    assert _authorization(https_server, "/repos/a/b") == [f"Bearer {TOKEN}"]
    assert _authorization(httpserver, "/plain") == [None]
