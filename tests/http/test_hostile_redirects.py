"""Redirects to anything at all: the door answers with a typed failure, never an exception
from the HTTP library (issue 21 item 1).

A ``Location`` of ``javascript:alert(1)``, ``mailto:``, ``tel:``, ``data:,x``,
``about:blank`` or ``x:y`` made httpx raise ``InvalidURL`` from ``send`` (it
builds the next request even when not following redirects,
encode/httpx#3179), which is not an ``httpx.HTTPError``: it escaped the door
and the run lost the whole list. The fake (tests/fakes/redirects.py) writes
the ``Location`` bytes as they are, as real servers do. The door runs as in
production (private addresses refused): the fake plays the public host
``pages.test`` and every other name fails to resolve, so no test asks DNS.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.assembly import build_door
from enrich.errors import NetworkError, UnsafeURL
from enrich.http.client import NetworkDoor
from enrich.models import PageHealth, SlotStatus
from enrich.settings import Settings
from enrich.sources.interface import Hint, Target
from enrich.sources.pages import PagesSettings, PagesSource
from tests.fakes.network import MappedNetwork, mapped_wire
from tests.fakes.redirects import RawRedirectServer, redirect_path

HOSTILE = [
    b"javascript:alert(1)",
    b"mailto:someone@example.org",
    b"tel:+1-555-0100",
    b"data:,x",
    b"about:blank",
    b"x:y",
    b"http://xn--/",
    b"http://./",
]


@pytest.fixture(scope="module")
def server() -> Iterator[RawRedirectServer]:
    with RawRedirectServer() as running:
        yield running


PUBLIC = "93.184.215.14"  # what pages.test resolves to; the network leads it to 127.0.0.1


def _resolve(host: str, port: int) -> list[str]:
    if host == "pages.test":
        return [PUBLIC]
    raise socket.gaierror(socket.EAI_NONAME, f"{host}: no such name (test resolver)")


@pytest.fixture
def door_settings(tmp_path: Path) -> Settings:
    return Settings(
        cache_dir=tmp_path / "cache",
        max_attempts=2,
        sources=(PagesSettings(max_bytes=100_000),),
    )


def _door(door_settings: Settings) -> NetworkDoor:
    wire = mapped_wire(door_settings, MappedNetwork({PUBLIC: "127.0.0.1"}))
    return build_door(door_settings, sleep=_no_sleep, resolve=_resolve, wire=wire)


def _url(server: RawRedirectServer, location: bytes | None = None, path: str = "/fine") -> str:
    return f"http://pages.test:{server.port}{redirect_path(location) if location else path}"


def _no_sleep(seconds: float) -> None:
    """Retries wait for nothing here."""


@pytest.mark.parametrize("location", HOSTILE, ids=lambda b: b.decode())
def test_a_redirect_the_library_cannot_follow_is_a_typed_failure(
    server: RawRedirectServer, door_settings: Settings, location: bytes
) -> None:
    with _door(door_settings) as door, pytest.raises(NetworkError) as raised:
        door.request("pages", "GET", _url(server, location))
    if location in HOSTILE[:6]:  # the six: refused before any request, named
        assert isinstance(raised.value, UnsafeURL) and location.decode() in str(raised.value)


def test_scheme_relative_and_odd_but_valid_targets_are_followed(
    server: RawRedirectServer, door_settings: Settings
) -> None:
    with _door(door_settings) as door:
        for location in (b"http:/landed", f"//pages.test:{server.port}/x".encode(), b"/a b"):
            answer = door.request("pages", "GET", _url(server, location))
            assert answer.status == 200 and b"landed" in answer.body


def test_every_hostile_redirect_becomes_a_page_verdict_and_the_list_goes_on(
    server: RawRedirectServer, door_settings: Settings
) -> None:
    targets = [
        Target(key=f"e{n}", file="l.md", line=n + 1, title="t", hints=(Hint(url, "link"),))
        for n, url in enumerate([_url(server, location) for location in HOSTILE] + [_url(server)])
    ]
    with _door(door_settings) as door:
        outcome = PagesSource(door, door_settings, today=lambda: "2026-12-06").check(targets, {})
    slots = [outcome.slots[t.key] for t in targets]
    assert slots[-1].record is not None and slots[-1].record.health is PageHealth.OK
    for slot in slots[:-1]:
        assert slot.status in (SlotStatus.OK, SlotStatus.ERROR)
        assert slot.record is None or slot.record.health in (
            PageHealth.UNSAFE,
            PageHealth.FAILING,
            PageHealth.BROKEN,  # "http://./": the host does not resolve
        )
    unsafe = [s for s in slots[:6] if s.record is not None and s.record.health is PageHealth.UNSAFE]
    assert len(unsafe) == 6  # the six the issue names: refused, never counted toward "dead"


_LOCATION = st.one_of(
    st.binary(max_size=40),
    st.builds(
        lambda head, tail: (head + tail).encode("utf-8", "surrogatepass"),
        st.sampled_from(
            ["http:", "https://", "//", "/", "javascript:", "https://[", "http://xn--", "?", "#"]
        ),
        st.text(max_size=30),
    ),
).filter(lambda raw: b"\r" not in raw and b"\n" not in raw)


@pytest.fixture(scope="module")
def shared_door(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NetworkDoor]:
    door_settings = Settings(cache_dir=tmp_path_factory.mktemp("door") / "cache", max_attempts=1)
    with _door(door_settings) as door:
        yield door


@settings(max_examples=100, deadline=None)
@given(location=_LOCATION, direct=st.booleans())
def test_any_redirect_target_or_url_gives_an_answer_or_a_network_error(
    server: RawRedirectServer, shared_door: NetworkDoor, location: bytes, direct: bool
) -> None:
    url = location.decode("latin-1") if direct else _url(server, location)
    with contextlib.suppress(NetworkError):  # UnsafeURL among them: the source's verdict
        shared_door.request("pages", "GET", url, freshness=0)


def test_unsafe_url_is_a_network_error() -> None:
    assert issubclass(UnsafeURL, NetworkError)  # what the sources catch
