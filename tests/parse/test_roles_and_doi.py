"""Link roles from URL and label together; DOIs in every form lists write."""

from __future__ import annotations

import pytest

from enrich.identity.doi import extract_doi, normalize_doi
from enrich.models import LinkRole as R
from enrich.parse.links.roles import is_role_label, link_role


@pytest.mark.parametrize(
    ("url", "label", "alts", "role"),
    [
        ("https://arxiv.org/pdf/2301.00001v2.pdf", "Paper", (), R.ARXIV),
        ("https://img.example/x", "", ("arXiv",), R.PAPER),  # a label alone cannot make arXiv
        ("https://openaccess.thecvf.com/content/CVPR2023/papers/x.pdf", "[pdf]", (), R.PROCEEDINGS),
        ("https://dl.acm.org/ccs", "ACM CCS", (), R.OTHER),  # a site page, not a paper
        ("https://openreview.net/forum?id=abc", "OpenReview", (), R.OPENREVIEW),
        ("https://doi.org/10.1145/3528223.3530143", "DOI", (), R.DOI),
        ("https://example.org/paper.pdf", "x", (), R.PDF),
        ("https://github.com/a/b", "alice/gestures", (), R.CODE),
        ("https://lab.example/code.zip", "💻 Code", (), R.CODE),
        ("https://x.github.io/proj/", "Website", (), R.PROJECT),
        ("https://lab.example/p/", "🌐 Project Page", (), R.PROJECT),
        ("https://www.youtube.com/watch?v=1", "demo", (), R.VIDEO),
        ("./citations/x.txt", "bibtex", (), R.BIBTEX),
        ("https://huggingface.co/spaces/a/b", "Demo", (), R.HUGGINGFACE),
        ("https://lab.example/p/", "Paper Doll Animation", (), R.OTHER),
        ("https://lab.example/p/", "", ("Website",), R.PROJECT),
    ],
)
def test_link_role(url: str, label: str, alts: tuple[str, ...], role: R) -> None:
    assert link_role(url, label, alts) is role


@pytest.mark.parametrize(
    ("label", "expected"),
    [("[pdf]", True), ("📄 Paper", True), ("code-torch", True), ("owner/repo", True),
     ("Paper Doll Animation", False), ("SomeNet", False), ("", True)],
)  # fmt: skip
def test_role_labels_are_not_titles(label: str, expected: bool) -> None:
    assert is_role_label(label) is expected


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("https://doi.org/10.1145/3528223.3530143", "10.1145/3528223.3530143"),
        ("http://dx.doi.org/10.1109/CVPR.2019.00123", "10.1109/cvpr.2019.00123"),
        ("https://dl.acm.org/doi/abs/10.1145/3550469.3555423", "10.1145/3550469.3555423"),
        ("https://dl.acm.org/doi/pdf/10.1145/3626193", "10.1145/3626193"),
        ("https://link.springer.com/chapter/10.1007/978-3-031-19769-7_1",
         "10.1007/978-3-031-19769-7_1"),
        ("doi:10.1109/TPAMI.2020.1", "10.1109/tpami.2020.1"),
        ("https://ieeexplore.ieee.org/document/11106267", None),
        ("https://example.org/10.1145/x", None),
        ("not a doi", None),
    ],
)  # fmt: skip
def test_extract_doi(text: str, doi: str | None) -> None:
    assert extract_doi(text) == doi


def test_normalize_doi() -> None:
    assert normalize_doi(" 10.1145/1.2 ") == "10.1145/1.2"
