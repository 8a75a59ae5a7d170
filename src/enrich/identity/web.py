"""Web URLs we write into Markdown or HTML: plain http(s), encoded for the syntax around them.

Every URL we write is someone else's text: a page's redirect target, a
repository URL from GitHub, a link from a list. Written as it came, a target
such as ``/final/a)[Login](https://phish.example/x)`` closes a Markdown link
and adds a "Login" link of its own (``enrich fix`` put it in the "safe
fixes" pull request), a ``'`` ends a single-quoted ``href='...'`` and adds
an attribute, and ``javascript:`` runs when clicked. So ``fix`` and the
Markdown renderer write only what :func:`plain_url` accepts (an absolute
http(s) URL with a host and no user name), with every character that could
end or change the syntax around it percent-encoded, and :func:`for_syntax`
escapes what HTML attributes still read (``&``).
"""

from __future__ import annotations

import html
import re
import string
from urllib.parse import quote, urlsplit

import httpx

# Characters left as they are after the host: RFC 3986's unreserved and
# reserved ones, without those that end or start Markdown or HTML syntax
# ( ) [ ] < > " ' ` * \ and space, which are percent-encoded.
_KEPT = string.ascii_letters + string.digits + "-._~:/?#@!$&+,;=%"
_HOST = re.compile(r"[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\]")
_HTML_QUOTES = frozenset("\"'")


def plain_url(text: str) -> str | None:
    """``text`` as a plain http(s) URL safe in any syntax a list uses, or ``None``.

    httpx normalises it (IDNA host, non-ASCII percent-encoded), exactly as
    the door sent it; then every character outside :data:`_KEPT` after the
    host is percent-encoded. ``None`` for another scheme, no host, a user
    name (``https://github.com@evil.example`` misleads a reader) or a host
    that is not a plain name or address.
    """
    try:
        url = httpx.URL(text.strip())
    except (httpx.InvalidURL, ValueError):
        return None
    if url.scheme not in ("http", "https") or not url.host or url.userinfo:
        return None
    netloc = url.netloc.decode("ascii", "replace")
    host, _, port = netloc.rpartition(":") if not netloc.endswith("]") else (netloc, "", "")
    if not port.isdigit():
        host, port = netloc, ""
    if not _HOST.fullmatch(host):
        return None
    origin = f"{url.scheme}://{netloc}"
    rest = str(url)[len(origin) :]
    return origin + quote(rest, safe=_KEPT)


def for_syntax(url: str, before: str) -> str:
    """``url`` (from :func:`plain_url`) as written after the character ``before``:
    inside a quoted HTML attribute ``&`` becomes ``&amp;``; Markdown needs nothing more."""
    return html.escape(url, quote=True) if before in _HTML_QUOTES else url


def same_page(first: str, second: str) -> bool:
    """URLs equal but for a trailing slash, a fragment, or the host's case."""

    def key(url: str) -> tuple[str, str, str, str]:
        parts = urlsplit(url)
        return (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query)

    return key(first) == key(second)
