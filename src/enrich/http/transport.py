"""One attempt at a request: send it, follow redirects, read a bounded body.

Requests go straight to httpx's transport (:mod:`enrich.http.wire`), which
never follows a redirect, so that the door can keep
the chain (a GitHub 301 after a rename, a moved project page), detect loops,
bound the number of hops, and run the caller's per-hop guard (the
private-address check and per-host concurrency for pages) before every hop.

A guard may answer with the address it checked; the hop then connects to
that address (the URL's host stays in ``Host`` and TLS SNI, so certificates
are checked against the name). Resolving twice would let a DNS answer that
changes in between (rebinding) reach an address nobody checked.

Bodies are streamed, decompressed chunk by chunk, and stopped at the cap
(:class:`BodyCap`), so a huge answer, a gzip bomb or an endless body never
fills memory; an optional deadline also stops a body that drips forever.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

import httpx

from enrich.errors import AnswerTooLarge, NetworkError, UnsafeURL
from enrich.http.decoding import decoded_chunks
from enrich.http.urls import parsed_url
from enrich.http.wire import Wire
from enrich.redact import without_credentials

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Everything httpx raises on purpose. Not all are httpx.HTTPError: InvalidURL,
# CookieConflict and StreamError are not (InvalidURL once stopped a whole list).
LIBRARY_ERRORS: tuple[type[Exception], ...] = (
    httpx.HTTPError,
    httpx.InvalidURL,
    httpx.CookieConflict,
    httpx.StreamError,
)
# What the layers below httpx raise that httpx does not turn into its own errors.
UNMAPPED_ERRORS: tuple[type[Exception], ...] = (UnicodeError, ValueError)

HopGuard = Callable[[str], AbstractContextManager[str | None]]  # yields an address to connect to
ExchangeHook = Callable[[str, str, int, int, float], None]  # method, url, status, bytes, ms


@dataclass(frozen=True)
class Outgoing:
    """What to send: everything but the URL, which changes along redirects."""

    method: str
    headers: Mapping[str, str]
    json_body: Any = None
    # Credentials sent as query parameters: added to the wire URL only, never to
    # the URL that is logged, cached or reported, and never to another origin.
    params: Mapping[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class BodyCap:
    """The largest body accepted (decompressed), and what to do with a bigger one."""

    max_bytes: int
    truncate: bool = False  # keep the first max_bytes (pages); else raise AnswerTooLarge


class RequestTimer:
    """A request's total deadline, started when its first hop gets its slot.

    Waiting for a busy host's slot is not the page's fault, so the clock
    starts once the first hop may go. ``timed_out`` keeps the URLs whose hop
    timed out, so the door can tell which host outlasted the deadline.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started: float | None = None
        self.timed_out: list[str] = []

    def start(self) -> None:
        if self.started is None:
            self.started = time.monotonic()

    @property
    def end(self) -> float | None:
        """``time.monotonic()`` at the deadline; ``None`` before the first hop."""
        return None if self.started is None else self.started + self.seconds


@dataclass(frozen=True)
class Fetched:
    """The final answer of one attempt."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    final_url: str
    redirects: tuple[tuple[int, str], ...] = field(default=())
    truncated: bool = False


class _TooLarge(Exception):
    """The body outgrew a non-truncating cap (turned into AnswerTooLarge by :func:`fetch`)."""

    def __init__(self, status: int = 0) -> None:
        super().__init__(status)
        self.status = status


def _read_capped(
    response: httpx.Response, cap: BodyCap, deadline: float | None
) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    for chunk in decoded_chunks(response):  # the cap counts decompressed bytes
        if deadline is not None and time.monotonic() > deadline:
            raise httpx.ReadTimeout("the request's deadline passed while reading the body")
        if size + len(chunk) > cap.max_bytes:
            if not cap.truncate:
                raise _TooLarge
            chunks.append(chunk[: cap.max_bytes - size])
            return b"".join(chunks), True
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks), False


def _timeout(configured: httpx.Timeout, deadline: float | None) -> httpx.Timeout:
    """The configured timeouts, none longer than what is left of the deadline."""
    if deadline is None:
        return configured
    left = max(0.001, deadline - time.monotonic())

    def bound(value: float | None) -> float:
        return left if value is None else min(value, left)

    return httpx.Timeout(
        connect=bound(configured.connect),
        read=bound(configured.read),
        write=bound(configured.write),
        pool=bound(configured.pool),
    )


def _request(
    wire: Wire, url: str, out: Outgoing, address: str | None, deadline: float | None
) -> httpx.Request:
    """The wire request; with ``address``, sent to that IP under the URL's name."""
    headers = dict(out.headers)
    extensions: dict[str, Any] = {}
    target = parsed_url(url)
    if address is not None:
        headers["Host"] = target.netloc.decode("ascii")
        extensions["sni_hostname"] = target.host
        # The pool knows this connection by its IP only: it must not be reused
        # for another name on the same IP (its TLS was checked for this name).
        headers["Connection"] = "close"
        target = target.copy_with(host=address)
    if out.params:
        target = target.copy_merge_params(out.params)
    return wire.request(
        out.method,
        target,
        headers=headers,
        json_body=out.json_body,
        timeout=_timeout(wire.timeout, deadline),
        extensions=extensions,
    )


def _exchange(
    wire: Wire,
    request: httpx.Request,
    cap: BodyCap,
    deadline: float | None,
    jar: CookieJar,
) -> tuple[int, dict[str, str], bytes, bool]:
    jar.add_to(request)
    response = wire.send(request)
    try:
        jar.keep(response)
        body, truncated = _read_capped(response, cap, deadline)
    except _TooLarge:
        raise _TooLarge(response.status_code) from None
    finally:
        response.close()
    headers = {name.lower(): value for name, value in response.headers.items()}
    return response.status_code, headers, body, truncated


class CookieJar:
    """The cookies of one redirect chain: set by one hop, sent by the next ones.

    Some sites answer a first visit with a cookie and a redirect to themselves
    (a consent or session check), and loop without the cookie. Kept per chain,
    not per run, so no page's verdict depends on which other page came first.
    Made only when a hop sets a cookie: most chains never need one.
    """

    def __init__(self) -> None:
        self._cookies: httpx.Cookies | None = None
        self.changed = False  # the last hop set a cookie

    def keep(self, response: httpx.Response) -> None:
        self.changed = "set-cookie" in response.headers
        if self.changed:
            if self._cookies is None:
                self._cookies = httpx.Cookies()
            self._cookies.extract_cookies(response)

    def add_to(self, request: httpx.Request) -> None:
        if self._cookies:
            self._cookies.set_cookie_header(request)


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """Scheme, host and port (default ports filled in), as httpx compares origins."""
    default = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host.lower(), url.port or default


def _next_request(status: int, current: str, target: str, out: Outgoing) -> Outgoing:
    """The request for the next hop: 303 (and 301/302 after a POST) become a GET;
    credentials never travel to another origin (scheme, host or port)."""
    method, json_body = out.method, out.json_body
    if status == 303 or (status in (301, 302) and method == "POST"):
        method, json_body = "GET", None
    headers, params = dict(out.headers), out.params
    if _origin(parsed_url(current)) != _origin(parsed_url(target)):
        headers = {k: v for k, v in headers.items() if k.lower() != "authorization"}
        params = {}
    return Outgoing(method, headers, json_body, params)


def fetch(
    wire: Wire,
    service: str,
    url: str,
    out: Outgoing,
    *,
    max_redirects: int,
    cap: BodyCap,
    hop_guard: HopGuard,
    on_exchange: ExchangeHook,
    timer: RequestTimer | None = None,
) -> Fetched:
    """Send ``out`` to ``url`` and follow redirects.

    Raises NetworkError on loops or too many redirects, AnswerTooLarge over a
    non-truncating cap; ``timer`` bounds every hop by the request's deadline.
    """
    current, seen = url, {url}
    chain: list[tuple[int, str]] = []
    keys = tuple(out.params)  # the credential's names, kept after another origin drops them
    jar = CookieJar()
    while True:
        started = time.monotonic()
        with hop_guard(current) as address:
            if timer is not None:
                timer.start()
            deadline = timer.end if timer is not None else None
            request = _request(wire, current, out, address, deadline)
            try:
                status, headers, body, truncated = _exchange(wire, request, cap, deadline, jar)
            except httpx.TimeoutException:
                if timer is not None:
                    timer.timed_out.append(current)
                raise
            except _TooLarge as error:
                on_exchange(out.method, current, error.status, cap.max_bytes, _ms(started))
                raise AnswerTooLarge(service, url, cap.max_bytes) from None
            except UNMAPPED_ERRORS as error:
                # Raised below httpx without its mapping (the socket layer's IDNA
                # codec on a host such as "." or "a..b"): the request cannot go.
                raise NetworkError(
                    service, url, f"cannot send to {current!r}: {type(error).__name__}: {error}"
                ) from error
        on_exchange(out.method, current, status, len(body), _ms(started))
        location = headers.get("location")
        if status not in REDIRECT_STATUSES or not location:
            return Fetched(status, headers, body, current, tuple(chain), truncated)
        # A key the server wrote into Location is dropped: ours is added again on
        # the wire, to the same origin only, and never kept in a URL.
        target = without_credentials(redirect_target(service, url, current, location), keys)
        chain.append((status, current))
        if jar.changed:  # back to a page with a new cookie is a visit, not a loop
            seen = set()
        if target in seen:
            raise NetworkError(service, url, f"redirect loop: {current} -> {target}", status=status)
        if len(chain) > max_redirects:
            raise NetworkError(service, url, f"more than {max_redirects} redirects", status=status)
        seen.add(target)
        out = _next_request(status, current, target, out)
        current = target


def redirect_target(service: str, url: str, current: str, location: str) -> str:
    """The absolute URL a ``Location`` leads to, refused unless it is plain http(s).

    ``Location`` is server text: ``javascript:``, ``mailto:``, ``data:,x``,
    ``about:blank``, ``x:y`` or ``http:x`` make httpx raise ``InvalidURL`` (not
    an ``httpx.HTTPError``) when the next hop parses them, which used to escape
    the door and stop the whole list. The joined URL is parsed here, exactly
    as the next hop will parse it, and anything but http(s) with a host is an
    :class:`UnsafeURL`: refused before any request, like such a link in a list.
    """
    try:
        target = str(httpx.URL(current).join(location))
        parsed = httpx.URL(target)
        host = parsed.host  # decodes IDNA: a bare "xn--" label raises here, not when parsed
    except (httpx.InvalidURL, ValueError) as error:  # UnicodeError is a ValueError
        raise UnsafeURL(service, url, f"invalid redirect target {location!r}: {error}") from None
    if parsed.scheme not in ("http", "https") or not host:
        raise UnsafeURL(service, url, f"refusing redirect to {location!r}: not an http(s) URL")
    return target


def _ms(started: float) -> float:
    return (time.monotonic() - started) * 1000
