"""The door's wire: what it kept of ``httpx.Client`` when it went to the transport directly.

Cookies live for one redirect chain (a site that checks for its cookie with a
redirect to itself still answers; no page's cookie reaches the next page), the
default headers go with every request, and proxies named by the environment
are used, ``NO_PROXY`` honoured.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from enrich.cli import main
from enrich.errors import NetworkError
from enrich.settings import Settings
from tests.http.conftest import DoorFactory, plain_policies

ORIGIN = "http://api.upstream.test"  # a name no resolver in the tests knows


def _cookie_check(request: Request) -> Response:
    """A first visit gets a cookie and a redirect to the same page; a visit with it, the page."""
    if request.cookies.get("seen") == "1":
        return Response("the page")
    response = Response("", status=302, headers={"Location": request.path})
    response.set_cookie("seen", "1")
    return response


def test_a_cookie_set_by_one_hop_goes_with_the_next_hops_of_that_chain(
    httpserver: HTTPServer, make_door: DoorFactory
) -> None:
    httpserver.expect_request("/check").respond_with_handler(_cookie_check)
    door = make_door()

    response = door.request("pages", "GET", httpserver.url_for("/check"))

    assert (response.status, response.body) == (200, b"the page")
    assert [status for status, _ in response.redirects] == [302]


def test_a_page_that_sets_a_new_cookie_every_time_still_ends_at_the_redirect_bound(
    httpserver: HTTPServer, make_door: DoorFactory, settings: Settings
) -> None:
    visits = iter(range(1000))

    def endless(request: Request) -> Response:
        response = Response("", status=302, headers={"Location": request.path})
        response.set_cookie("visit", str(next(visits)))
        return response

    httpserver.expect_request("/again").respond_with_handler(endless)
    door = make_door()

    with pytest.raises(NetworkError, match="redirects"):
        door.request("pages", "GET", httpserver.url_for("/again"))

    assert len(httpserver.log) == plain_policies(settings)["pages"].max_redirects + 1


def test_no_cookie_outlives_its_chain(httpserver: HTTPServer, make_door: DoorFactory) -> None:
    httpserver.expect_request("/check").respond_with_handler(_cookie_check)
    httpserver.expect_request("/other").respond_with_data("another page")
    door = make_door()

    door.request("pages", "GET", httpserver.url_for("/check"))
    door.request("pages", "GET", httpserver.url_for("/other"))

    other = [request for request, _ in httpserver.log if request.path == "/other"]
    assert [request.headers.get("Cookie") for request in other] == [None]


def test_every_request_carries_the_default_headers_and_its_own(
    httpserver: HTTPServer, make_door: DoorFactory
) -> None:
    httpserver.expect_request("/h").respond_with_data("ok")
    door = make_door()

    door.request("pages", "GET", httpserver.url_for("/h"), headers={"accept": "text/html"})

    (request, _), *_ = httpserver.log
    assert request.headers["User-Agent"] == door.settings.user_agent
    assert request.headers["Accept-Encoding"] == "gzip, deflate"
    assert request.headers.getlist("Accept") == ["text/html"]  # the caller's, not also */*


def test_a_proxy_named_by_the_environment_carries_the_request(
    httpserver: HTTPServer, make_door: DoorFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``HTTP_PROXY`` points at the loopback server, which answers as the proxy would
    relay: the request reaches it in absolute form, for a host nothing here resolves."""
    httpserver.expect_request("/repos/a/b").respond_with_json({"via": "proxy"})
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{httpserver.port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    door = make_door()

    response = door.request("github", "GET", f"{ORIGIN}/repos/a/b")

    assert response.json() == {"via": "proxy"}
    (request, _), *_ = httpserver.log
    assert request.headers["Host"] == "api.upstream.test"


def test_no_proxy_sends_the_request_directly(
    httpserver: HTTPServer, make_door: DoorFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/repos/a/b").respond_with_json({"via": "proxy"})
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{httpserver.port}")
    monkeypatch.setenv("NO_PROXY", "upstream.test")
    door = make_door()

    with pytest.raises(NetworkError):  # straight to a name the tests cannot resolve
        door.request("github", "GET", f"{ORIGIN}/repos/a/b")

    assert httpserver.log == []


def test_a_proxy_without_a_scheme_is_http(
    httpserver: HTTPServer, make_door: DoorFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``HTTP_PROXY=host:port``, as curl and requests read it (httpx alone refuses it)."""
    httpserver.expect_request("/repos/a/b").respond_with_json({"via": "proxy"})
    monkeypatch.setenv("HTTP_PROXY", f"127.0.0.1:{httpserver.port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    door = make_door()

    assert door.request("github", "GET", f"{ORIGIN}/repos/a/b").json() == {"via": "proxy"}


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("ftp://proxy.test:21", "a ftp:// proxy; only http, https, socks5, socks5h are spoken"),
        ("http://", "names no host"),
        ("http://proxy.test:99999", "port 99999 is out of range"),
        ("http://[::1", "not a URL"),
        ("socks5://proxy.test:1080", "needs httpx's socks extra"),
    ],
)
def test_a_proxy_that_cannot_be_used_stops_the_run_naming_the_variable(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    value: str,
    said: str,
) -> None:
    """Once, before any request, exit 2: not every request failing on its own."""
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", value)
    listing = tmp_path / "demo.md"
    listing.write_text("# demo\n\n## Papers\n- [A](https://arxiv.org/abs/2301.00001)\n")
    folders = ("--output-dir", "out", "--report-dir", "reports", "--cache-dir", "cache")
    monkeypatch.chdir(tmp_path)

    assert main(["run", "--input", str(listing), *folders]) == 2

    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"enrich: error: HTTPS_PROXY {value!r} (from the environment): ")
    assert said in err[-1]
    assert not (tmp_path / "out").exists()
