"""A paper named by its CVF page that also links arXiv is looked up on arXiv by that link."""

from __future__ import annotations

from enrich.parse.markdown import parse_list
from enrich.sources.arxiv._spec import requests

LIST = (
    "## Papers\n"
    "- [Micron-BERT: Facial Micro-Expressions](https://openaccess.thecvf.com/content/CVPR2023/"
    "papers/Nguyen_Micron-BERT_CVPR_2023_paper.pdf) [arXiv](https://arxiv.org/abs/2304.03195)\n"
)


def test_an_arxiv_link_beside_the_paper_link_is_a_direct_hint() -> None:
    (paper,) = parse_list(LIST, "x.md").papers
    assert paper.paper_url is not None and "thecvf" in paper.paper_url
    (request,) = requests(paper, "x.md")
    assert [(hint.value, hint.method) for hint in request.target.hints] == [
        (paper.paper_url, "link"),
        ("https://arxiv.org/abs/2304.03195", "link"),
    ]
