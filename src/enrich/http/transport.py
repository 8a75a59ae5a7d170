"""One attempt at a request: send it, follow redirects, read a bounded body.

httpx is told never to follow redirects itself, so that the door can keep
the chain (a GitHub 301 after a rename, a moved project page), detect loops,
bound the number of hops, and run the caller's per-hop guard (the
private-address check and per-host concurrency for pages) before every hop.
Bodies are streamed and cut at ``max_bytes`` so a huge page cannot fill
memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

import httpx

from enrich.errors import NetworkError

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

HopGuard = Callable[[str], AbstractContextManager[None]]
ExchangeHook = Callable[[str, str, int, int, float], None]  # method, url, status, bytes, ms


@dataclass(frozen=True)
class Outgoing:
    """What to send: everything but the URL, which changes along redirects."""

    method: str
    headers: Mapping[str, str]
    json_body: Any = None
    form: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Fetched:
    """The final answer of one attempt."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    final_url: str
    redirects: tuple[tuple[int, str], ...] = field(default=())
    truncated: bool = False


def _read_capped(response: httpx.Response, max_bytes: int | None) -> tuple[bytes, bool]:
    if max_bytes is None:
        return response.read(), False
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            return b"".join(chunks)[:max_bytes], True
    return b"".join(chunks), False


def _exchange(
    client: httpx.Client, url: str, out: Outgoing, max_bytes: int | None
) -> tuple[int, dict[str, str], bytes, bool]:
    request = client.build_request(
        out.method, url, headers=dict(out.headers), json=out.json_body, data=out.form
    )
    response = client.send(request, stream=True)
    try:
        body, truncated = _read_capped(response, max_bytes)
    finally:
        response.close()
    headers = {name.lower(): value for name, value in response.headers.items()}
    return response.status_code, headers, body, truncated


def _next_request(status: int, current: str, target: str, out: Outgoing) -> Outgoing:
    """The request for the next hop: 303 (and 301/302 after a POST) become a GET;
    credentials never travel to another host."""
    method, json_body, form = out.method, out.json_body, out.form
    if status == 303 or (status in (301, 302) and method == "POST"):
        method, json_body, form = "GET", None, None
    headers = dict(out.headers)
    if httpx.URL(current).host != httpx.URL(target).host:
        headers = {k: v for k, v in headers.items() if k.lower() != "authorization"}
    return Outgoing(method, headers, json_body, form)


def fetch(
    client: httpx.Client,
    service: str,
    url: str,
    out: Outgoing,
    *,
    max_redirects: int,
    max_bytes: int | None,
    hop_guard: HopGuard,
    on_exchange: ExchangeHook,
) -> Fetched:
    """Send ``out`` to ``url`` and follow redirects; raise NetworkError on loops or too many."""
    current, seen = url, {url}
    chain: list[tuple[int, str]] = []
    while True:
        started = time.monotonic()
        with hop_guard(current):
            status, headers, body, truncated = _exchange(client, current, out, max_bytes)
        on_exchange(out.method, current, status, len(body), (time.monotonic() - started) * 1000)
        location = headers.get("location")
        if status not in REDIRECT_STATUSES or not location:
            return Fetched(status, headers, body, current, tuple(chain), truncated)
        target = str(httpx.URL(current).join(location))
        chain.append((status, current))
        if target in seen:
            raise NetworkError(service, url, f"redirect loop: {current} -> {target}", status=status)
        if len(chain) > max_redirects:
            raise NetworkError(service, url, f"more than {max_redirects} redirects", status=status)
        seen.add(target)
        out = _next_request(status, current, target, out)
        current = target
