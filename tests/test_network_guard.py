"""The test suite cannot reach any address but loopback, in its own process or a subprocess.

Each refused attempt is also *recorded* and fails the test that made it
(``tests/conftest.py`` ``network_guard``): a refused connection alone turns
into a source's ``error`` slot, and a suite that only refuses stays green
while a new source tries its public address. The tests here make attempts on
purpose, so they take the records (``network_attempts``) and check them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import httpx
import pytest
from pytest_socket import SocketConnectBlockedError

from enrich.sources.registry import SOURCES
from tests.conftest import fail_on_attempts, network_attempts
from tests.environment import declared_variables, loopback_environment, loopback_sources, nowhere

PUBLIC = "93.184.215.14"

PROBE = """
import socket, sys
try:
    socket.create_connection((sys.argv[1], 80), 1)
except OSError as error:
    print("refused:", error)
try:
    socket.getaddrinfo("huggingface.co", 443)
except OSError as error:
    print("no dns:", error)
"""


@pytest.mark.filterwarnings("ignore:A test tried to use socket:UserWarning")
def test_an_in_process_connection_beyond_loopback_is_refused_and_recorded() -> None:
    with (
        pytest.raises(SocketConnectBlockedError),
        socket.create_connection((PUBLIC, 80), 1),
    ):
        pass
    with pytest.raises(httpx.ConnectError):
        httpx.get("https://huggingface.co/api/papers/2211.12194", timeout=1)
    attempts = network_attempts()
    assert any(PUBLIC in line for line in attempts), attempts
    assert any("huggingface.co" in line for line in attempts), attempts


def test_a_subprocess_inherits_the_guard_and_its_attempts_are_recorded() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, PUBLIC], capture_output=True, text=True, check=True
    )
    assert "refused: test network guard" in result.stdout
    assert "no dns: " in result.stdout
    attempts = network_attempts()
    assert any(f"connect to ('{PUBLIC}', 80)" in line for line in attempts), attempts
    assert any("name lookup of 'huggingface.co'" in line for line in attempts), attempts
    assert all(line.startswith("pid ") and f"pid {os.getpid()}:" not in line for line in attempts)


def test_recorded_attempts_fail_the_test_that_made_them() -> None:
    with pytest.raises(pytest.fail.Exception, match="beyond loopback"):
        fail_on_attempts(["pid 1: connect to ('93.184.215.14', 80)"])
    fail_on_attempts([])  # nothing recorded: the test goes on


def test_loopback_is_allowed_and_not_recorded() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    try:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), 1):
            pass
    finally:
        server.close()
    assert socket.getaddrinfo("localhost", 80)
    assert network_attempts() == []


def test_public_names_do_not_resolve() -> None:
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("arxiv.org", 443)
    assert network_attempts() == [f"pid {os.getpid()}: name lookup of 'arxiv.org'"]


def test_test_hosts_and_malformed_names_are_no_such_host_without_failing() -> None:
    """Fake hosts (RFC 2606 names) and hostile lists' malformed names: "no such host", as
    a closed network answers, and not counted against the test."""
    for name in ("lab.example.org", "site.test", "x.invalid", ".", "%5b", "xn--moved"):
        with pytest.raises(socket.gaierror):
            socket.getaddrinfo(name, 443)
    assert network_attempts() == []


def test_every_declared_endpoint_of_every_source_is_pointed_at_loopback() -> None:
    """From the registry: a new source's endpoint is covered without a line in any test."""
    endpoints = [v for v in declared_variables() if v.endpoint]
    without = {s.name for s in SOURCES if not any(v.endpoint for v in s.settings.VARIABLES)}
    assert without <= {"pages"}  # pages has no endpoint: its URLs come from the lists
    environment = loopback_environment({"ENRICH_ARXIV_API_URL": "http://127.0.0.1:5/api"})
    assert environment["ENRICH_ARXIV_API_URL"] == "http://127.0.0.1:5/api"
    for variable in endpoints:
        assert httpx.URL(environment[variable.name]).host == "127.0.0.1", variable.name
    assert httpx.get(nowhere() + "/api/papers/2211.12194").status_code == 404  # at once
    secrets = [v for v in declared_variables() if v.secret]
    assert secrets and all(environment[v.name] == "" for v in secrets)
    for own in loopback_sources():
        for variable in own.VARIABLES:
            if variable.endpoint:
                assert getattr(own, variable.field) == nowhere(), variable.name


def test_a_later_source_settings_of_the_same_class_wins() -> None:
    """Test worlds start from every source on loopback and then name their fakes."""
    from enrich.settings import Settings
    from enrich.sources.arxiv import ArxivSettings

    fake = ArxivSettings(api_url="http://127.0.0.1:5/api", delay=0.0)
    settings = Settings().with_sources(*loopback_sources(), fake)
    assert settings.of(ArxivSettings) is fake
    assert len(settings.sources) == len({type(own) for own in settings.sources})
