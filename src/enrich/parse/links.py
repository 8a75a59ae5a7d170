"""URL helpers: badges, GitHub repositories, bare URLs and comparable URL keys."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_BADGE = re.compile(
    r"^https?://img\.shields\.io/github/(?:stars|forks|watchers|last-commit|license)/"
    r"(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.svg|\.png)?(?:[?#].*)?$",
    re.IGNORECASE,
)
_GITHUB = re.compile(
    r"^https?://(?:www\.)?github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?(?:[/?#].*)?$",
    re.IGNORECASE,
)
_ARXIV = re.compile(
    r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(?P<id>\d{4}\.\d{4,5}|[a-z\-.]+/\d{7})"
    r"(?:v\d+)?(?:\.pdf)?/?(?:[?#].*)?$",
    re.IGNORECASE,
)
BARE_URL = re.compile(r"https?://[^\s<>\"'`]+")
_TRAILING = ".,;:!?)]}'\""
_NOT_REPOS = frozenset({"orgs", "topics", "features", "sponsors", "about", "collections"})


def badge_repo(src: str) -> str | None:
    """``owner/repo`` named by a shields.io GitHub stars/forks badge, else None."""
    match = _BADGE.match(src.strip())
    return f"{match['owner']}/{match['repo']}" if match else None


def github_repo(url: str | None) -> str | None:
    """``owner/repo`` of a github.com repository URL (any sub-path), else None."""
    match = _GITHUB.match(url.strip()) if url else None
    if not match or match["owner"].casefold() in _NOT_REPOS:
        return None
    return f"{match['owner']}/{match['repo']}"


def arxiv_id(url: str | None) -> str | None:
    """Versionless arXiv id of an abs or PDF URL, else None."""
    match = _ARXIV.match(url.strip()) if url else None
    return match["id"] if match else None


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
