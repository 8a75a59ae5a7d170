"""URL helpers: badges, GitHub repositories, bare URLs and comparable URL keys."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from enrich.identity import arxiv, github

BARE_URL = re.compile(r"https?://[^\s<>\"'`]+")
_TRAILING = ".,;:!?)]}'\""


@lru_cache(maxsize=65536)
def badge_repo(src: str) -> str | None:
    """``owner/repo`` named by a shields.io GitHub badge (stars, forks, ...), else None."""
    link = github.classify(src)
    return link.repos[0].full_name if link.kind is github.LinkKind.BADGE else None


@lru_cache(maxsize=65536)
def github_repo(url: str | None) -> str | None:
    """``owner/repo`` of a github.com repository URL (any sub-path), else None."""
    if not url or "github" not in url.casefold():
        return None
    link = github.classify(url)
    if link.kind in (github.LinkKind.REPO, github.LinkKind.FILE) and "github" in url.casefold():
        return link.repos[0].full_name
    return None


@lru_cache(maxsize=65536)
def _arxiv_id(url: str) -> str | None:
    ref = arxiv.extract_id(url)
    return ref.id if ref else None


def arxiv_id(url: str | None) -> str | None:
    """Versionless arXiv id of a link in any form (abs, pdf, html, DOI, mirror), else None."""
    if not url or "/" not in url:
        return None
    return _arxiv_id(url)


def find_bare_urls(text: str) -> list[str]:
    """Bare http(s) URLs in running text, without trailing punctuation."""
    return [match.group(0).rstrip(_TRAILING) for match in BARE_URL.finditer(text)]


def url_key(url: str) -> str:
    """A form under which two spellings of one target compare equal."""
    if ident := arxiv_id(url):
        return f"arxiv:{ident}"
    if (repo := github_repo(url)) and urlsplit(url).path.strip("/").count("/") == 1:
        return f"github:{repo.casefold()}"
    parts = urlsplit(url.strip())
    host = parts.netloc.casefold().removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"


def is_specific(url: str) -> bool:
    """True when a URL names one thing (a paper, repo or page), not a site's root."""
    return bool(urlsplit(url.strip()).path.strip("/")) or arxiv_id(url) is not None


def last_path_segment(url: str) -> str | None:
    """The URL's last non-empty path segment, for naming tools by their link."""
    segments = [part for part in urlsplit(url.strip()).path.split("/") if part]
    return segments[-1] if segments else (urlsplit(url).netloc or None)


def is_anchor(url: str) -> bool:
    """In-page links (tables of contents) are navigation, not entries."""
    return url.strip().startswith("#")
