"""The door's way onto the network: httpx's transports, used directly.

Why not ``httpx.Client.send``: everything the client adds on top of its
transport is either done by the door already or unwanted here, and it cost
a fifth of the network's CPU: a bare loop of 1,000 page GETs over loopback
spent 1.6 s of CPU through ``Client.send`` and 1.24 s through the transport
(``benchmarks/README.md``, sixth round). What the client did, and
where it went:

- redirects: the door follows them itself (:func:`enrich.http.transport.fetch`),
  so httpx never parses a hostile ``Location`` (encode/httpx#3179);
- timeouts: every hop's, from the door's settings and the request's deadline;
- default headers: :meth:`Wire.request` adds the same ones
  (``Accept``, ``Accept-Encoding``, ``Connection``, ``User-Agent``);
- cookies: kept per redirect chain (:class:`enrich.http.transport.fetch`), as
  a browser would within one visit. The client's jar lasted the whole run, so
  a page's verdict could depend on which page of the same site was fetched
  first; now it cannot;
- proxies from the environment (``HTTP_PROXY``, ``HTTPS_PROXY``,
  ``ALL_PROXY``, ``NO_PROXY``): read as the standard library reads them
  (:func:`urllib.request.getproxies`, :func:`urllib.request.proxy_bypass`),
  each proxy a transport of its own. A proxy written without a scheme
  (``proxy.lab:3128``) is ``http://``, as curl and requests read it; one that
  cannot be used (an unknown scheme, no host, a bad port, SOCKS without
  httpx's ``socks`` extra) stops the run before any request, naming the
  variable (:func:`environment_proxies`), where it used to fail every request
  one by one as a network error;
- ``.netrc`` credentials: not read. The door adds each service's credentials
  itself, to its own origin only.
"""

from __future__ import annotations

import importlib.util
import ssl
import threading
import urllib.request
from collections.abc import Mapping
from typing import Any

import httpx

from enrich.errors import UsageError
from enrich.http.decoding import ACCEPT_ENCODING

PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")  # what httpx's transport speaks


def environment_proxies() -> dict[str, str]:
    """The environment's proxies by scheme (``all`` for ``ALL_PROXY``), each a full URL.

    Raises :class:`UsageError` naming the variable when a proxy cannot be used.
    ``NO_PROXY`` is not a proxy: :func:`urllib.request.proxy_bypass` reads it.
    """
    proxies = {}
    for scheme, value in urllib.request.getproxies().items():
        if scheme == "no":
            continue
        url = value if "://" in value else f"http://{value}"
        problem = proxy_problem(url)
        if problem is not None:
            variable = f"{scheme.upper()}_PROXY"
            raise UsageError(f"{variable} {value!r} (from the environment): {problem}")
        proxies[scheme] = url
    return proxies


def proxy_problem(url: str) -> str | None:
    """Why ``url`` cannot be used as a proxy, or ``None``."""
    try:
        parsed = httpx.URL(url)
        port = parsed.port
    except httpx.InvalidURL as error:
        return f"not a URL: {error}"
    if parsed.scheme not in PROXY_SCHEMES:
        return f"a {parsed.scheme}:// proxy; only {', '.join(PROXY_SCHEMES)} are spoken"
    if not parsed.host:
        return "names no host"
    if port is not None and not 0 < port < 65536:
        return f"port {port} is out of range"
    if parsed.scheme.startswith("socks") and importlib.util.find_spec("socksio") is None:
        return "a SOCKS proxy needs httpx's socks extra (pip install 'httpx[socks]')"
    return None


class Wire:
    """Sends one request over the right transport: direct, or through the environment's proxy.

    ``direct`` is the transport for every URL no proxy applies to; tests give one
    on a network of their own. Thread-safe: transports are, and the proxies'
    transports are made once under a lock.
    """

    def __init__(
        self,
        *,
        timeout: httpx.Timeout,
        user_agent: str,
        verify: ssl.SSLContext,
        direct: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self._verify = verify
        self._direct = direct or httpx.HTTPTransport(verify=verify)
        self._proxies = environment_proxies()  # read and checked once
        self._via: dict[str, httpx.BaseTransport] = {}  # proxy URL -> its transport
        self._lock = threading.Lock()
        self._headers = {
            "Accept": "*/*",
            "Accept-Encoding": ACCEPT_ENCODING,
            "Connection": "keep-alive",
            "User-Agent": user_agent,
        }

    def request(
        self,
        method: str,
        url: httpx.URL,
        *,
        headers: Mapping[str, str],
        json_body: Any,
        timeout: httpx.Timeout,
        extensions: dict[str, Any],
    ) -> httpx.Request:
        """The request as ``httpx.Client.build_request`` would make it, default headers first."""
        own = {name.lower() for name in headers}
        merged = {k: v for k, v in self._headers.items() if k.lower() not in own}
        merged.update(headers)
        return httpx.Request(
            method,
            url,
            headers=merged,
            json=json_body,
            extensions={**extensions, "timeout": timeout.as_dict()},
        )

    def send(self, request: httpx.Request) -> httpx.Response:
        """The answer, its body not yet read (the caller reads and closes it)."""
        response = self.transport_for(request.url).handle_request(request)
        response.request = request
        return response

    def transport_for(self, url: httpx.URL) -> httpx.BaseTransport:
        proxy = self._proxies.get(url.scheme) or self._proxies.get("all")
        if not proxy or self._bypassed(url):
            return self._direct
        with self._lock:
            if proxy not in self._via:
                self._via[proxy] = httpx.HTTPTransport(proxy=proxy, verify=self._verify)
            return self._via[proxy]

    def _bypassed(self, url: httpx.URL) -> bool:
        """``NO_PROXY`` names this host (as the standard library reads it, on every platform
        from the same place as :func:`urllib.request.getproxies`)."""
        host = url.host if url.port is None else f"{url.host}:{url.port}"
        return bool(urllib.request.proxy_bypass(host))

    def close(self) -> None:
        self._direct.close()
        with self._lock:
            for transport in self._via.values():
                transport.close()
