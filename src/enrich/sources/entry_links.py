"""Which service an entry's link belongs to, in one place.

An entry with one link (a researcher's work, a dataset, a tool) is served by
the source its link belongs to; every source's spec asks these questions, so
they must agree, or an entry would be looked up twice or not at all.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from enrich.identity.arxiv import extract_id

GITHUB_HOSTS = frozenset({"github.com", "www.github.com"})


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:  # an invalid IPv6 literal or port: no host we know
        return ""


def is_github_url(url: str | None) -> bool:
    return bool(url) and _host(url or "") in GITHUB_HOSTS


def is_github_io(url: str | None) -> bool:
    """A GitHub Pages site: its repository may exist and hold the code."""
    return bool(url) and _host(url or "").endswith(".github.io")


def is_arxiv_link(url: str | None) -> bool:
    return bool(url) and extract_id(url or "") is not None


def is_page_url(url: str | None) -> bool:
    """An http(s) link to something other than arXiv or GitHub: a page to check."""
    if not url or is_arxiv_link(url) or is_github_url(url):
        return False
    return url.lower().startswith(("http://", "https://"))
