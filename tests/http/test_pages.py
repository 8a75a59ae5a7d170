"""Project pages: concurrency bounds, body cap, redirects, and the address guard."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WResponse

from enrich.errors import NetworkError, UnsafeURL
from enrich.http.safety import system_resolver
from enrich.settings import Settings
from enrich.sources.pages import PagesSettings
from tests.fakes.network import MappedNetwork, mapped_wire
from tests.http.conftest import DoorFactory


class PeakCounter:
    """A handler that takes 50 ms and remembers how many requests it served at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self.peak = 0

    def handler(self, request: Request) -> WResponse:
        with self._lock:
            self._active += 1
            self.peak = max(self.peak, self._active)
        time.sleep(0.05)
        with self._lock:
            self._active -= 1
        return WResponse(b"ok")


def test_per_host_concurrency_is_bounded(
    threaded_server: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    peak = PeakCounter()
    threaded_server.expect_request("/p").respond_with_handler(peak.handler)
    door = make_door(settings.with_source(PagesSettings, concurrency=8, concurrency_per_host=2))
    urls = [threaded_server.url_for("/p") + f"?n={n}" for n in range(8)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = [r.status for r in pool.map(lambda u: door.request("pages", "GET", u), urls)]

    assert statuses == [200] * 8
    assert peak.peak == 2


def test_overall_concurrency_is_bounded_across_hosts(
    threaded_server: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    peak = PeakCounter()
    threaded_server.expect_request("/p").respond_with_handler(peak.handler)
    door = make_door(settings.with_source(PagesSettings, concurrency=3, concurrency_per_host=3))
    port = threaded_server.port
    # Two host names for the same server, so the per-host bound (3) never binds.
    hosts = ["127.0.0.1", "localhost"] * 4
    urls = [f"http://{host}:{port}/p?n={n}" for n, host in enumerate(hosts)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda u: door.request("pages", "GET", u), urls))

    assert peak.peak == 3


def test_body_is_cut_at_the_cap(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    httpserver.expect_request("/big").respond_with_data(b"x" * 50_000)
    httpserver.expect_request("/small").respond_with_data(b"y" * 100)
    door = make_door(settings.with_source(PagesSettings, max_bytes=1000))

    big = door.request("pages", "GET", httpserver.url_for("/big"))
    small = door.request("pages", "GET", httpserver.url_for("/small"))

    assert (big.body, big.truncated) == (b"x" * 1000, True)
    assert (small.body, small.truncated) == (b"y" * 100, False)
    assert door.request("pages", "GET", httpserver.url_for("/big")).truncated is True  # cached


def test_redirect_chain_is_recorded(httpserver: HTTPServer, make_door: DoorFactory) -> None:
    httpserver.expect_request("/a").respond_with_data(b"", status=301, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data(
        b"", status=302, headers={"Location": httpserver.url_for("/c")}
    )
    httpserver.expect_request("/c").respond_with_data(b"final")

    response = make_door().request("pages", "GET", httpserver.url_for("/a"))

    assert (response.status, response.body) == (200, b"final")
    assert response.final_url == httpserver.url_for("/c")
    assert response.redirects == (
        (301, httpserver.url_for("/a")),
        (302, httpserver.url_for("/b")),
    )


def test_redirect_loop_is_detected(httpserver: HTTPServer, make_door: DoorFactory) -> None:
    httpserver.expect_request("/a").respond_with_data(b"", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data(b"", status=302, headers={"Location": "/a"})

    with pytest.raises(NetworkError, match="redirect loop") as raised:
        make_door().request("pages", "GET", httpserver.url_for("/a"))

    assert raised.value.url == httpserver.url_for("/a")
    assert len(httpserver.log) == 2  # not retried


def test_too_many_redirects(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    httpserver.expect_request("/hop").respond_with_handler(
        lambda r: WResponse(
            b"", status=302, headers={"Location": f"/hop?n={int(r.args.get('n', 0)) + 1}"}
        )
    )

    with pytest.raises(NetworkError, match="more than 3 redirects"):
        make_door(settings.with_source(PagesSettings, max_redirects=3)).request(
            "pages", "GET", httpserver.url_for("/hop")
        )

    assert len(httpserver.log) == 4


def test_non_http_scheme_is_refused(make_door: DoorFactory) -> None:
    with pytest.raises(UnsafeURL, match="scheme"):
        make_door().request("pages", "GET", "file:///etc/passwd")


def test_private_address_is_refused_unless_allowed(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    httpserver.expect_request("/admin").respond_with_data(b"secret")
    url = httpserver.url_for("/admin")

    with pytest.raises(UnsafeURL, match="non-public address"):
        make_door(settings.with_overrides(allow_private_hosts=False)).request("pages", "GET", url)
    assert httpserver.log == []

    allowed = make_door().request("pages", "GET", url)
    assert allowed.body == b"secret"


def test_private_address_behind_a_redirect_is_refused(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    def public_localhost(host: str, port: int) -> Sequence[str]:
        # "localhost" plays a public site; every other name resolves for real.
        return ["93.184.215.14"] if host == "localhost" else system_resolver(host, port)

    private = f"http://127.0.0.1:{httpserver.port}/admin"
    httpserver.expect_request("/start").respond_with_data(
        b"", status=302, headers={"Location": private}
    )
    httpserver.expect_request("/admin").respond_with_data(b"secret")
    strict = settings.with_overrides(allow_private_hosts=False)
    network = MappedNetwork({"93.184.215.14": "127.0.0.1"})  # the "public" site is our server
    door = make_door(strict, resolve=public_localhost, wire=mapped_wire(strict, network))

    with pytest.raises(UnsafeURL, match=r"non-public address 127\.0\.0\.1"):
        door.request("pages", "GET", f"http://localhost:{httpserver.port}/start")

    assert [r.path for r, _ in httpserver.log] == ["/start"]
    assert network.connected == ["93.184.215.14"]


def test_api_services_are_exempt_from_the_address_guard(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    httpserver.expect_request("/api/query").respond_with_data(b"<feed/>")
    door = make_door(settings.with_overrides(allow_private_hosts=False))

    assert door.request("arxiv", "GET", httpserver.url_for("/api/query")).status == 200
