"""What a page said about itself (:class:`PageMeta`), and whether a body is HTML at all.

Apart from :mod:`._meta`, which reads pages with lxml (and decodes those
whose header's charset does not settle it with BeautifulSoup's
``UnicodeDammit``): their import costs start-up time, and a run whose pages
are all served from the cache, or not due, never reads one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HTML_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)", re.I | re.S)


@dataclass(frozen=True)
class PageMeta:
    """What one HTML page says about itself."""

    title: str | None = None
    description: str | None = None
    image: str | None = None  # absolute URL
    arxiv_ids: tuple[str, ...] = ()
    github_repos: tuple[str, ...] = ()  # owner/name
    text: str = ""  # visible text, whitespace collapsed (for soft-404 / challenge checks)
    heading: str | None = None  # the first <h1>
    encoding: str | None = None  # the charset the page was read with
    refresh: str | None = None  # absolute URL of a prompt <meta http-equiv="refresh">
    problems: tuple[str, ...] = field(default=())  # values dropped, and why


def media_type(content_type: str | None) -> str | None:
    """``text/html; charset=utf-8`` -> ``text/html``; ``None`` when absent or empty."""
    if not content_type:
        return None
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind or None


def looks_like_html(content_type: str | None, body: bytes) -> bool:
    """HTML by its declared type, or by its first bytes when no type is declared."""
    kind = media_type(content_type)
    if kind is not None:
        return kind in {"text/html", "application/xhtml+xml"}
    return bool(_HTML_SNIFF.match(body[:1024]))
