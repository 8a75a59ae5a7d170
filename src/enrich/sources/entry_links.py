"""Which service an entry's link belongs to, in one place.

An entry with one link (a researcher's work, a dataset, a tool) is served by
the source its link belongs to; every source's spec asks these questions, so
they must agree, or an entry would be looked up twice or not at all.
"""

from __future__ import annotations

from enrich.identity.arxiv import extract_id
from enrich.identity.github import is_github_pages, is_github_site

# The recognisers live in enrich.identity; these names say what a spec asks.
is_github_url = is_github_site  # on github.com: a repository, a profile or GitHub's own page
is_github_io = is_github_pages  # a GitHub Pages site: its repository may hold the code


def is_arxiv_link(url: str | None) -> bool:
    return bool(url) and extract_id(url or "") is not None


def is_page_url(url: str | None) -> bool:
    """An http(s) link to something other than arXiv or GitHub: a page to check."""
    if not url or is_arxiv_link(url) or is_github_url(url):
        return False
    return url.lower().startswith(("http://", "https://"))
