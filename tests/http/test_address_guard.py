"""The address guard: private IPv4 hidden in IPv6 forms, site-local IPv6, and
DNS rebinding (the door connects to the address it checked)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from enrich.errors import NetworkError, UnsafeURL
from enrich.http.safety import is_public
from enrich.settings import Settings
from tests.fakes.network import MappedNetwork, mapped_wire
from tests.fakes.server import QuickStopHTTPServer
from tests.http.conftest import DoorFactory

PRIVATE_IN_DISGUISE = [
    "::ffff:0:7f00:1",  # IPv4-translated 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 169.254.169.254 (cloud metadata)
    "64:ff9b:1::a9fe:a9fe",  # local-use NAT64
    "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254
    "::127.0.0.1",  # IPv4-compatible loopback
    "::ffff:10.0.0.1",  # IPv4-mapped private
    "fec0::1",  # site-local
    "feff::1",  # site-local, top of fec0::/10
]
PUBLIC = ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "64:ff9b::5db8:d70e"]


@pytest.mark.parametrize("address", PRIVATE_IN_DISGUISE)
def test_private_addresses_in_ipv6_forms_are_not_public(address: str) -> None:
    assert is_public(address) is False


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_stay_public(address: str) -> None:
    assert is_public(address) is True


@pytest.mark.parametrize("address", PRIVATE_IN_DISGUISE)
def test_a_page_on_a_disguised_private_address_is_refused(
    make_door: DoorFactory, settings: Settings, address: str
) -> None:
    door = make_door(
        settings.with_overrides(allow_private_hosts=False), resolve=lambda host, port: [address]
    )

    with pytest.raises(UnsafeURL, match="non-public address"):
        door.request("pages", "GET", f"http://[{address}]/latest/meta-data/")
    with pytest.raises(UnsafeURL, match="non-public address"):
        door.request("pages", "GET", "http://disguised.example/", params={"a": "1"})


@pytest.fixture
def public_site() -> Iterator[HTTPServer]:
    server = QuickStopHTTPServer(host="127.0.0.2", port=0)
    server.start()
    yield server
    server.clear()
    server.stop()


def test_dns_rebinding_cannot_reach_the_private_address(
    public_site: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    private = QuickStopHTTPServer(host="127.0.0.1", port=public_site.port)
    private.start()
    try:
        public_site.expect_request("/page").respond_with_data(b"public page")
        private.expect_request("/page").respond_with_data(b"internal secret")
        checked: list[str] = []

        def check_says_public(host: str, port: int) -> Sequence[str]:
            checked.append(host)
            return ["93.184.215.14"]  # the first DNS answer; a second would say 127.0.0.1

        strict = settings.with_overrides(allow_private_hosts=False)
        network = MappedNetwork({"93.184.215.14": "127.0.0.2"})
        door = make_door(strict, resolve=check_says_public, wire=mapped_wire(strict, network))

        # "localhost" resolves to 127.0.0.1 for anyone who asks DNS again.
        response = door.request("pages", "GET", f"http://localhost:{public_site.port}/page")

        assert response.body == b"public page"
        assert (checked, network.connected) == (["localhost"], ["93.184.215.14"])
        assert private.log == []
        assert public_site.log[0][0].headers["Host"] == f"localhost:{public_site.port}"
    finally:
        private.clear()
        private.stop()


def test_a_pinned_connection_is_not_reused_for_another_name_on_the_same_address(
    public_site: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    public_site.expect_request("/").respond_with_data(b"page")
    strict = settings.with_overrides(allow_private_hosts=False)
    network = MappedNetwork({"93.184.215.14": "127.0.0.2"})
    door = make_door(
        strict,
        resolve=lambda host, port: ["93.184.215.14"],
        wire=mapped_wire(strict, network),
    )

    for name in ("a.example", "b.example"):
        door.request("pages", "GET", f"http://{name}:{public_site.port}/")

    hosts = [request.headers["Host"] for request, _ in public_site.log]
    assert hosts == [f"a.example:{public_site.port}", f"b.example:{public_site.port}"]
    assert network.connected == ["93.184.215.14", "93.184.215.14"]  # one connection per name


def test_a_pinned_https_connection_checks_the_certificate_for_the_name(
    make_door: DoorFactory, settings: Settings
) -> None:
    tls = Path(__file__).resolve().parents[1] / "fakes" / "tls"
    serving = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    serving.load_cert_chain(tls / "cert.pem", tls / "key.pem")  # valid for "localhost"
    site = QuickStopHTTPServer(host="127.0.0.2", port=0, ssl_context=serving)
    site.expect_request("/").respond_with_data(b"secure page")
    site.start()
    try:
        strict = settings.with_overrides(allow_private_hosts=False)
        network = MappedNetwork({"93.184.215.14": "127.0.0.2"})
        trust = ssl.create_default_context(cafile=tls / "cert.pem")
        wire = mapped_wire(strict, network, trust=trust)
        door = make_door(strict, resolve=lambda host, port: ["93.184.215.14"], wire=wire)

        page = door.request("pages", "GET", f"https://localhost:{site.port}/")
        with pytest.raises(NetworkError, match=r"(?i)certificate|hostname"):
            door.request("pages", "GET", f"https://impostor.example:{site.port}/")
    finally:
        site.clear()
        site.stop()

    assert page.body == b"secure page"  # SNI and the check used the name, not the IP
    assert network.connected == ["93.184.215.14", "93.184.215.14"]
