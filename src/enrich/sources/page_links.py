"""Recognise arXiv papers and GitHub repositories among the links of a web page.

A project page usually links to its paper and its code; those links are the
strongest evidence the other stages can get that a match is right. This module
is pure: URL strings in, canonical identities out.

- arXiv: ``/abs/``, ``/pdf/`` (with or without ``.pdf``), ``/html/``, ``/ps/``,
  ``/src/`` on ``arxiv.org``, ``www.``/``export.`` hosts and the ``alphaxiv.org``
  mirror, plus DOIs ``10.48550/arXiv.<id>``; ids lose their version and old-style
  ids their subject class (``math.GT/0309136`` -> ``math/0309136``), as arXiv's
  canonical form does.
- GitHub: ``github.com/<owner>/<name>[/...]`` becomes ``owner/name``; profile
  links (``github.com/<user>``), GitHub's own site sections (``/features``,
  ``/sponsors``...) and ``*.github.io`` pages are not repositories.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

ARXIV_HOSTS = frozenset(
    {"arxiv.org", "www.arxiv.org", "export.arxiv.org", "alphaxiv.org", "www.alphaxiv.org"}
)
ARXIV_PATH_KINDS = frozenset({"abs", "pdf", "html", "ps", "src", "format"})
DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
GITHUB_HOSTS = frozenset({"github.com", "www.github.com"})

_NEW_ID = re.compile(r"(?:arxiv:)?(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
_OLD_ID = re.compile(r"(?:arxiv:)?([a-z][a-z-]*)(?:\.[a-z]{2})?/(\d{7})(?:v\d+)?", re.IGNORECASE)
_DOI_ARXIV = re.compile(r"10\.48550/arxiv\.(.+)", re.IGNORECASE)
_OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
_REPO = re.compile(r"[A-Za-z0-9._-]{1,100}")

# First path segments on github.com that are GitHub's own pages, not users.
GITHUB_RESERVED = frozenset(
    {
        "about",
        "account",
        "apps",
        "blog",
        "codespaces",
        "collections",
        "contact",
        "customer-stories",
        "dashboard",
        "enterprise",
        "events",
        "explore",
        "features",
        "github-copilot",
        "home",
        "issues",
        "join",
        "login",
        "logout",
        "marketplace",
        "mobile",
        "new",
        "notifications",
        "orgs",
        "organizations",
        "pricing",
        "pulls",
        "readme",
        "resources",
        "search",
        "security",
        "sessions",
        "settings",
        "site",
        "solutions",
        "sponsors",
        "team",
        "topics",
        "trending",
        "users",
    }
)


def arxiv_id_from_text(text: str) -> str | None:
    """The canonical arXiv id a string is exactly (``2104.11116v2`` -> ``2104.11116``)."""
    text = text.strip()
    new = _NEW_ID.fullmatch(text)
    if new:
        return _valid_new(new.group(1))
    old = _OLD_ID.fullmatch(text)
    if old:
        return f"{old.group(1).lower()}/{old.group(2)}"
    return None


def _valid_new(identifier: str) -> str | None:
    """Reject numbers that look like ids but cannot be (month 13, 4 digits after 2014)."""
    yymm, number = identifier.split(".")
    month = int(yymm[2:])
    if not 1 <= month <= 12:
        return None
    if len(number) == 5 and int(yymm) < 1501:
        return None
    return identifier


def arxiv_id_from_url(url: str) -> str | None:
    """The arXiv id an arXiv (or arXiv DOI) URL points at, else ``None``."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    path = unquote(parts.path)
    if host in DOI_HOSTS:
        doi = _DOI_ARXIV.fullmatch(path.strip("/"))
        return arxiv_id_from_text(doi.group(1)) if doi else None
    if host not in ARXIV_HOSTS:
        return None
    segments = [segment for segment in path.split("/") if segment]
    if len(segments) < 2 or segments[0].lower() not in ARXIV_PATH_KINDS:
        return None
    rest = "/".join(segments[1:])
    rest = re.sub(r"\.pdf$", "", rest, flags=re.IGNORECASE)
    return arxiv_id_from_text(rest)


def github_repo_from_url(url: str) -> str | None:
    """``owner/name`` for a link into a GitHub repository, else ``None``."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"}:
        return None
    if (parts.hostname or "").lower() not in GITHUB_HOSTS:
        return None
    segments = [segment for segment in unquote(parts.path).split("/") if segment]
    if len(segments) < 2:
        return None  # github.com/<user>: a profile, not a repository
    owner, name = segments[0], re.sub(r"\.git$", "", segments[1])
    if owner.lower() in GITHUB_RESERVED:
        return None
    if not _OWNER.fullmatch(owner) or not _REPO.fullmatch(name) or name in {".", ".."}:
        return None
    return f"{owner}/{name}"


def _first_seen(values: list[str], *, fold: bool) -> tuple[str, ...]:
    """Drop duplicates, keeping document order (``fold``: compare case-insensitively)."""
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        key = value.lower() if fold else value
        if key not in seen:
            seen.add(key)
            kept.append(value)
    return tuple(kept)


def identities_in_links(links: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(arXiv ids, GitHub ``owner/name``) the links point at, each once, in page order.

    Page order, not alphabetical: the paper and code buttons sit near the top
    of a project page, acknowledgements and dependencies further down, so the
    order carries a hint of which identity is the page's own. It is still
    deterministic for a given page.
    """
    arxiv_ids = [found for link in links if (found := arxiv_id_from_url(link))]
    repos = [found for link in links if (found := github_repo_from_url(link))]
    return _first_seen(arxiv_ids, fold=False), _first_seen(repos, fold=True)
