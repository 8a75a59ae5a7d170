"""A link's role in a paper entry, from its URL and its label together.

Lists label the same kind of link many ways (``[Paper]``, ``[[pdf]]``,
``[📄 Paper]``, a shields badge reading "arXiv", ``[[owner/repo]]``) and the
same label points at different hosts (``[Paper]`` -> arXiv, CVF, ACM). The
URL decides when it names a known host or identity (arXiv, DOI, GitHub
repository, YouTube ...); the label decides otherwise (``[Project]`` on a
lab's site). Identities themselves come from :mod:`enrich.identity`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from enrich.identity import doi, github
from enrich.models import LinkRole
from enrich.parse.links.urls import arxiv_id

R = LinkRole
_WORD = re.compile(r"[a-z]+")
# Label words -> role, when the URL alone does not say.
LABEL_WORDS: dict[str, LinkRole] = {
    "paper": R.PAPER, "pdf": R.PDF, "arxiv": R.ARXIV, "doi": R.DOI, "openreview": R.OPENREVIEW,
    "code": R.CODE, "github": R.CODE, "repo": R.CODE, "repository": R.CODE, "src": R.CODE,
    "star": R.CODE, "stars": R.CODE, "project": R.PROJECT, "page": R.PROJECT,
    "projectpage": R.PROJECT, "homepage": R.PROJECT, "website": R.PROJECT, "web": R.PROJECT,
    "site": R.PROJECT, "demo": R.PROJECT, "video": R.VIDEO, "youtube": R.VIDEO,
    "bilibili": R.VIDEO, "bibtex": R.BIBTEX, "bib": R.BIBTEX, "citation": R.BIBTEX,
    "huggingface": R.HUGGINGFACE, "hf": R.HUGGINGFACE, "dataset": R.OTHER, "data": R.OTHER,
    "slides": R.OTHER, "poster": R.OTHER, "supp": R.OTHER, "supplementary": R.OTHER,
    "blog": R.OTHER, "talk": R.VIDEO, "thecvf": R.PROCEEDINGS, "cvf": R.PROCEEDINGS,
    "link": R.OTHER, "torch": R.CODE, "pytorch": R.CODE, "tensorflow": R.CODE,
    "caffe": R.CODE, "official": R.CODE, "unofficial": R.CODE, "model": R.OTHER,
    "ieee": R.PROCEEDINGS, "acm": R.PROCEEDINGS, "springer": R.PROCEEDINGS,
    "datasets": R.OTHER, "benchmark": R.OTHER, "benchmarks": R.OTHER, "note": R.OTHER,
    "notes": R.OTHER, "leaderboard": R.OTHER, "weights": R.OTHER, "checkpoints": R.OTHER,
}  # fmt: skip
NOT_PAPER_WORDS = frozenset({"slides", "poster", "supp", "supplementary", "appendix", "notes",
                             "bibtex", "dataset", "datasets", "video", "blog"})  # fmt: skip
# Label words that say a GitHub link is not the paper's code: a dataset's repository,
# notes in a file of the list's own repository, a citation file, slides.
NOT_CODE_WORDS = frozenset({
    "dataset", "datasets", "data", "benchmark", "benchmarks", "note", "notes", "bibtex", "bib",
    "citation", "slides", "poster", "blog", "leaderboard", "weights", "checkpoints", "supp",
    "supplementary", "video", "demo", "paper", "pdf",
})  # fmt: skip
PROCEEDINGS_HOSTS = (
    "openaccess.thecvf.com", "thecvf.com", "dl.acm.org", "ieeexplore.ieee.org",
    "link.springer.com", "proceedings.neurips.cc", "papers.nips.cc", "neurips.cc",
    "proceedings.mlr.press", "aaai.org", "ojs.aaai.org", "aclanthology.org",
    "ecva.net", "www.ecva.net", "sciencedirect.com", "onlinelibrary.wiley.com",
    "ijcai.org", "www.ijcai.org", "computer.org", "www.computer.org", "nature.com",
    "www.nature.com", "diglib.eg.org", "dl.eg.org", "jmlr.org", "www.jmlr.org",
    "bmva-archive.org.uk", "bmvc2022.mpi-inf.mpg.de", "papers.neurips.cc", "icml.cc",
    "iclr.cc", "semanticscholar.org", "www.semanticscholar.org", "researchgate.net",
    "www.researchgate.net", "paperswithcode.com",
)  # fmt: skip
VIDEO_HOSTS = ("youtube.com", "www.youtube.com", "youtu.be", "m.youtube.com", "bilibili.com",
               "www.bilibili.com", "vimeo.com", "player.vimeo.com", "b23.tv")  # fmt: skip
PAPER_ROLES = frozenset({R.ARXIV, R.DOI, R.OPENREVIEW, R.PROCEEDINGS, R.PDF, R.PAPER})


@lru_cache(maxsize=4096)
def label_role(label: str) -> LinkRole | None:
    """The role a label names on its own (``[Paper]``, ``[💻 Code]``, ``[code-torch]``), else None.

    A label is a role label only when every word in it is a role word, so a
    title such as "Paper Doll Animation" stays a title.
    """
    folded = label.casefold().replace("project page", "projectpage")
    words = _WORD.findall(folded.replace("github page", "projectpage"))
    if not words or len(words) > 3:
        return None
    roles = [LABEL_WORDS.get(word) for word in words]
    if any(role is None for role in roles):
        return None
    return roles[0]


def host_of(url: str) -> str:
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def url_role(url: str) -> LinkRole | None:
    """The role the URL alone decides: a known identity or host; None for other sites."""
    folded = url.casefold()
    if ("arxiv" in folded or "10.48550" in folded) and arxiv_id(url) is not None:
        return R.ARXIV
    host = host_of(url)
    path = urlsplit(url.strip()).path.casefold()
    if "github" in folded:
        link = github.classify(url)
        if link.kind in (github.LinkKind.REPO, github.LinkKind.FILE) and "github.com" in folded:
            return R.PDF if path.endswith(".pdf") else R.CODE  # ".../blob/main/paper.pdf"
        if link.kind is github.LinkKind.GITHUB_IO:
            return R.PDF if path.endswith(".pdf") else R.PROJECT  # "x.github.io/paper.pdf"
    if host.endswith("openreview.net"):
        return R.OPENREVIEW
    if host in VIDEO_HOSTS:
        return R.VIDEO
    if host == "huggingface.co" and path.startswith("/datasets/"):
        return R.DATASET
    if host == "huggingface.co" or host.endswith(".hf.space"):
        return R.HUGGINGFACE
    if any(host == known or host.endswith("." + known) for known in PROCEEDINGS_HOSTS):
        path = urlsplit(url.strip()).path.strip("/")
        if host.endswith("aclanthology.org"):  # one paper per top path: /2025.emnlp-main.1446/
            return R.PROCEEDINGS if re.fullmatch(r"[\w.-]*\d[\w.-]*(?:\.pdf)?", path) else None
        return R.PROCEEDINGS if "/" in path or path.endswith(".pdf") else None
    if doi.extract_doi(url):
        return R.DOI
    if path.endswith(".pdf"):
        return R.PDF
    if (path.endswith((".bib", ".txt")) and "bib" in path) or "citation" in path:
        return R.BIBTEX  # "./citations/x.txt" in the list's own repository too
    return None


@lru_cache(maxsize=65536)
def link_role(url: str, label: str, image_alts: tuple[str, ...] = ()) -> LinkRole:
    """The role of a link: the URL's when it is decisive, else the label's, else OTHER."""
    by_url = url_role(url)
    if by_url is R.CODE and _names_no_code(label, image_alts):
        by_url = None  # [Dataset](github.com/o/r), [Notes](github.com/.../notes/x.md)
    by_label = label_role(label) or next(filter(None, map(label_role, image_alts)), None)
    if by_url is R.PDF and _names_no_paper(label, image_alts):
        return by_label or R.OTHER  # "[Slides](x.pdf)", "[Supp](x.pdf)": a PDF, not the paper
    if by_url is R.PROJECT and by_label not in (None, R.PROJECT, R.CODE):
        return by_label  # "[Blog](x.github.io/posts/...)": a site, the label says what on it
    if by_url is not None and by_url is not R.PROCEEDINGS:
        return by_url
    if by_url is R.PROCEEDINGS:
        return R.PROCEEDINGS if by_label in (None, R.PAPER, R.PDF) else by_label
    if by_label in (R.ARXIV, R.DOI):  # "[arXiv]" on another host: a paper link, not an identity
        return R.PAPER
    return by_label or R.OTHER


def _names_no_code(label: str, image_alts: tuple[str, ...]) -> bool:
    """The label (or a badge's text) names something other than code: a dataset, notes ..."""
    return _first_word_in(NOT_CODE_WORDS, label, image_alts)


def _names_no_paper(label: str, image_alts: tuple[str, ...]) -> bool:
    """The label names a PDF that is not the paper: slides, a poster, supplementary material."""
    return _first_word_in(NOT_PAPER_WORDS, label, image_alts)


def _first_word_in(words_set: frozenset[str], label: str, image_alts: tuple[str, ...]) -> bool:
    for text in (label, *image_alts):
        words = _WORD.findall(text.casefold())
        if words and len(words) <= 3 and words[0] in words_set:
            return True
    return False


@lru_cache(maxsize=65536)
def is_role_label(label: str) -> bool:
    """True when a label names a kind of link rather than a paper (so it is not a title)."""
    cleaned = label.strip().strip("[]()").strip()
    return not cleaned or label_role(cleaned) is not None or _is_repo_label(cleaned)


def _is_repo_label(label: str) -> bool:
    """``[[owner/repo]]`` and ``[github.com/o/r]`` labels name the link, not the paper."""
    return bool(re.fullmatch(r"[\w.-]+/[\w.-]+|(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?", label))
