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

from enrich.identity.arxiv import extract_id
from enrich.identity.github import LinkKind, classify

# Only links into a repository's own pages count; badges and GitHub Pages
# guesses are evidence for the GitHub stage, not identities a page states.
_REPOSITORY_LINKS = frozenset({LinkKind.REPO, LinkKind.FILE})


def arxiv_id_from_url(url: str) -> str | None:
    """The arXiv id an arXiv (or arXiv DOI) URL points at, else ``None``.

    Uses the arXiv stage's own recogniser (``arxiv_ids.extract_id``), so both
    stages agree on what an arXiv link is; bare strings are not links.
    """
    if "://" not in url:
        return None
    found = extract_id(url)
    return found.id if found else None


def github_repo_from_url(url: str) -> str | None:
    """``owner/name`` for a link into a GitHub repository, else ``None``.

    Uses the GitHub stage's classifier (``github_urls.classify``): profiles,
    gists, GitHub's own pages and ``*.github.io`` sites are not repositories.
    """
    if not url.strip().lower().startswith(("http://", "https://")):
        return None
    link = classify(url)
    return link.repos[0].full_name if link.kind in _REPOSITORY_LINKS else None


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
