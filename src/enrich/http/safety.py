"""Which URLs from a list the door agrees to fetch.

Project-page URLs come from lists anyone can edit, so a page fetch must not
become a way to probe the machine it runs on or its private network (a CI
runner's metadata service, say). Only ``http``/``https`` are fetched, and —
unless ``allow_private_hosts`` is set — every address the host name resolves
to must be a public one. The check runs on every redirect hop, because a
public page may redirect to a private address. API endpoints (arXiv, GitHub)
come from configuration, not from lists, and are not checked.

The resolver is injectable so tests can give a loopback server a public
name; production uses ``socket.getaddrinfo``. The name is resolved once:
:func:`check_address` returns the checked address and the transport connects
to it (:mod:`enrich.http.transport`), so a DNS answer that changes between
the check and the connection (rebinding) cannot reach a private address.

IPv6 has several ways to carry an IPv4 address (mapped ``::ffff:a.b.c.d``,
translated ``::ffff:0:a.b.c.d``, compatible ``::a.b.c.d``, NAT64
``64:ff9b::/96``, 6to4 ``2002::/16``, Teredo); each is judged by the IPv4
address it carries, so ``::ffff:0:7f00:1`` is loopback. Site-local
``fec0::/10`` (deprecated, still routed privately) is private.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence

import httpx

from enrich.errors import UnsafeURL
from enrich.http.urls import parsed_url

Resolver = Callable[[str, int], Sequence[str]]
SAFE_SCHEMES = frozenset({"http", "https"})


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (DNS, hosts file), as text."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


_EMBEDDING_V4 = tuple(
    ipaddress.IPv6Network(net)
    for net in ("::/96", "::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48")
)


def _embedded_v4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (none for a plain IPv6 address)."""
    found: list[ipaddress.IPv4Address] = []
    if any(ip in net for net in _EMBEDDING_V4) and int(ip) > 1:  # not :: or ::1
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    return found


def is_public(address: str) -> bool:
    """True for a globally routable unicast address (and whatever IPv4 it embeds)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local:
            return False
        embedded = _embedded_v4(ip)
        if embedded:
            return all(is_public(str(v4)) for v4 in embedded)
    return ip.is_global and not ip.is_multicast


def check_scheme(service: str, url: str) -> httpx.URL:
    """Refuse anything but http(s) with a host; return the parsed URL."""
    try:
        parsed = parsed_url(url)
        host = parsed.host  # decodes IDNA: a bare "xn--" label raises here
    except (httpx.InvalidURL, ValueError) as error:  # idna's errors are UnicodeErrors
        raise UnsafeURL(service, url, f"not a valid URL: {error}") from error
    if parsed.scheme not in SAFE_SCHEMES or not host:
        raise UnsafeURL(service, url, f"refusing scheme {parsed.scheme!r}: only http(s) is fetched")
    return parsed


def check_address(service: str, url: str, resolve: Resolver) -> str:
    """Refuse a URL whose host is, or resolves to, a non-public address.

    Returns the address to connect to (IPv4 first: IPv6 is often configured
    but not routed). A name that does not resolve raises
    ``httpx.ConnectError`` so the door treats it like the connection failure
    it would have become.
    """
    parsed = check_scheme(service, url)
    host = parsed.host
    try:
        addresses: Sequence[str] = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = resolve(host, parsed.port or (443 if parsed.scheme == "https" else 80))
        except (socket.gaierror, UnicodeError) as error:
            raise httpx.ConnectError(f"cannot resolve {host}: {error}") from error
    if not addresses:
        raise httpx.ConnectError(f"cannot resolve {host}: no address")
    for address in addresses:
        try:
            public = is_public(address)
        except ValueError:
            public = False
        if not public:
            raise UnsafeURL(service, url, f"{host} resolves to non-public address {address}")
    return sorted(addresses, key=lambda a: (":" in a, a))[0]
