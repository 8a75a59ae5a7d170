"""Which URLs from a list the door agrees to fetch.

Project-page URLs come from lists anyone can edit, so a page fetch must not
become a way to probe the machine it runs on or its private network (a CI
runner's metadata service, say). Only ``http``/``https`` are fetched, and —
unless ``allow_private_hosts`` is set — every address the host name resolves
to must be a public one. The check runs on every redirect hop, because a
public page may redirect to a private address. API endpoints (arXiv, GitHub)
come from configuration, not from lists, and are not checked.

The resolver is injectable so tests can give a loopback server a public
name; production uses ``socket.getaddrinfo``. Known limit: httpx resolves the
name again when it connects, so a DNS server answering differently within
milliseconds (rebinding) could slip past; pinning the checked address would
need a custom transport.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence

import httpx

from enrich.errors import UnsafeURL

Resolver = Callable[[str, int], Sequence[str]]
SAFE_SCHEMES = frozenset({"http", "https"})


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (DNS, hosts file), as text."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    """True for a globally routable unicast address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_scheme(service: str, url: str) -> httpx.URL:
    """Refuse anything but http(s) with a host; return the parsed URL."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise UnsafeURL(service, url, f"not a valid URL: {error}") from error
    if parsed.scheme not in SAFE_SCHEMES or not parsed.host:
        raise UnsafeURL(service, url, f"refusing scheme {parsed.scheme!r}: only http(s) is fetched")
    return parsed


def check_address(service: str, url: str, resolve: Resolver) -> None:
    """Refuse a URL whose host is, or resolves to, a non-public address.

    A name that does not resolve raises ``httpx.ConnectError`` so the door
    treats it like the connection failure it would have become (retried).
    """
    parsed = check_scheme(service, url)
    host = parsed.host
    try:
        addresses: Sequence[str] = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = resolve(host, parsed.port or (443 if parsed.scheme == "https" else 80))
        except socket.gaierror as error:
            raise httpx.ConnectError(f"cannot resolve {host}: {error}") from error
    for address in addresses:
        if not is_public(address):
            raise UnsafeURL(service, url, f"{host} resolves to non-public address {address}")
