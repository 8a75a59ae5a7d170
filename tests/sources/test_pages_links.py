"""arXiv ids and GitHub repositories recognised among a page's links."""

from __future__ import annotations

import pytest

from enrich.sources.pages._links import (
    arxiv_id_from_url,
    github_repo_from_url,
    identities_in_links,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://arxiv.org/abs/2104.11116", "2104.11116"),
        ("http://www.arxiv.org/abs/2104.11116v3/", "2104.11116"),
        ("https://arxiv.org/pdf/2104.11116.pdf", "2104.11116"),
        ("https://arxiv.org/pdf/2104.11116v2", "2104.11116"),
        ("https://arxiv.org/html/2401.01234v1#S5", "2401.01234"),
        ("https://export.arxiv.org/abs/0704.0001", "0704.0001"),
        ("https://arxiv.org/abs/math.GT/0309136", "math/0309136"),
        ("https://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001"),
        ("https://www.alphaxiv.org/abs/2312.00001", "2312.00001"),
        ("https://doi.org/10.48550/arXiv.2303.12345", "2303.12345"),
        ("https://arxiv.org/abs/arXiv:2104.11116", "2104.11116"),
        ("https://arxiv.org/list/cs.CV/recent", None),
        ("https://arxiv.org/abs/2113.00001", None),  # month 13
        ("https://arxiv.org/abs/1312.00001", None),  # 5 digits before 2015
        ("https://example.org/abs/2104.11116", None),
        ("https://doi.org/10.1145/3528223.3530143", None),
    ],
)
def test_arxiv_urls(url: str, expected: str | None) -> None:
    assert arxiv_id_from_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/Owner/Repo", "Owner/Repo"),
        ("https://github.com/owner/repo.git", "owner/repo"),
        ("http://www.github.com/owner/repo/tree/main/src", "owner/repo"),
        ("https://github.com/owner/repo/", "owner/repo"),
        ("https://github.com/owner", None),  # a profile
        ("https://github.com/features/actions", None),
        ("https://github.com/sponsors/someone", None),
        ("https://owner.github.io/repo/", None),  # a page, not a repository
        ("https://gitlab.com/owner/repo", None),
        ("mailto:someone@github.com", None),
    ],
)
def test_github_urls(url: str, expected: str | None) -> None:
    assert github_repo_from_url(url) == expected


def test_identities_keep_page_order_and_drop_duplicates() -> None:
    links = [
        "https://github.com/lab/Avatar",
        "https://arxiv.org/abs/2301.00002v2",
        "https://github.com/lab/avatar/issues",
        "https://arxiv.org/pdf/2301.00002",
        "https://github.com/facebookresearch/pytorch3d",
        "https://arxiv.org/abs/2201.00001",
    ]
    assert identities_in_links(links) == (
        ("2301.00002", "2201.00001"),
        ("lab/Avatar", "facebookresearch/pytorch3d"),
    )
