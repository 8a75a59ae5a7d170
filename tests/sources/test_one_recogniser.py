"""Every part of enrich agrees on what is a GitHub repository and an arXiv paper (issue 16).

Four recognisers used to disagree: ``github.com/marketplace/foo`` was a
repository in one and not in another, ``github.com/trending/python`` passed
as a code link. Each consumer below now calls :mod:`enrich.identity`; this
table asks all of them the same questions, so a copy that creeps back in and
disagrees fails here.
"""

from __future__ import annotations

import pytest

from enrich.identity.arxiv import extract_id
from enrich.identity.github import repo_of, repos_in_text
from enrich.parse.links.urls import arxiv_id, github_repo
from enrich.sources.github._spec import accepts as github_accepts
from enrich.sources.interface import Hint
from enrich.sources.pages._links import arxiv_id_from_url, github_repo_from_url

REPOSITORIES = {
    "https://github.com/marketplace/foo": None,
    "https://github.com/trending/python": None,
    "https://github.com/topics/talking-head": None,
    "https://github.com/Rudrabha": None,
    "https://github.com/pragma-/vlc-ratings": "pragma-/vlc-ratings",
    "https://github.com/dm0-/window_merge": "dm0-/window_merge",
    "https://github.com/Rudrabha/Wav2Lip/tree/master/evaluation": "Rudrabha/Wav2Lip",
}
PAPERS = {
    "https://arxiv.org/abs/0704.0000": None,
    "https://arxiv.org/abs/quant-ph/9409000": None,
    "https://alphaxiv.org/abs/2301.06281.md": "2301.06281",
    "https://www.alphaxiv.org/zh/abs/2301.06281v2": "2301.06281",
    "https://pdfs.assets.alphaxiv.org/2301.06281v2.pdf": "2301.06281",
    "https://openaccess.thecvf.com/content/ICCV2021/2104.11116.pdf": None,
}


@pytest.mark.parametrize(("url", "expected"), sorted(REPOSITORIES.items()))
def test_every_consumer_sees_the_same_repository(url: str, expected: str | None) -> None:
    ref = repo_of(url)
    assert (ref.full_name if ref else None) == expected
    assert github_repo(url) == expected  # the parser
    assert github_repo_from_url(url) == expected  # links on project pages
    assert github_accepts(Hint(url, "project_page")) == (expected is not None)  # later passes
    found = repos_in_text(f"Code: {url}.")  # arXiv comments and abstracts
    assert [r.full_name for r in found] == ([expected] if expected else [])


@pytest.mark.parametrize(("url", "expected"), sorted(PAPERS.items()))
def test_every_consumer_sees_the_same_paper(url: str, expected: str | None) -> None:
    ref = extract_id(url)
    assert (ref.id if ref else None) == expected
    assert arxiv_id(url) == expected  # the parser
    assert arxiv_id_from_url(url) == expected  # links on project pages
