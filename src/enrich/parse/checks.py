"""Whole-list checks that need every entry first: link labels that do not fit their URL.

Two general rules, no knowledge of particular names:

* A researcher's work whose URL is also a paper's link in this list must be
  named like that paper (its label appears in the title, short title, or
  repository name, or the other way round).
* Otherwise, one specific URL (an arXiv paper, a repository, a page with a
  path, not a site root) used by two entries of the same kind with unrelated
  labels is flagged at the later entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from enrich.models import Paper, WarningKind, Work
from enrich.parse.collect import Collector
from enrich.parse.links.urls import github_repo, is_specific, last_path_segment, url_key

_NON_ALNUM = re.compile(r"[\W_]+")
MIN_NAME = 3


def check_labels(out: Collector) -> None:
    """Warn (LABEL_URL_MISMATCH) about works whose label does not fit their URL."""
    works = [w for r in out.researchers for w in r.works]
    if not any(work.url for work in works):
        return  # nothing to check; indexing every paper URL is slow on long lists
    papers = _papers_by_url(out.papers)
    first_label: dict[str, Work] = {}
    for work in works:
        if not work.url:
            continue
        key = url_key(work.url)
        paper = papers.get(key)
        if paper is not None:
            if not _fits(work.label, _paper_names(paper)):
                _warn_paper(work, paper, out)
        elif (earlier := first_label.get(key)) and not _fits(work.label, [earlier.label]):
            _warn_shared(work, earlier, out)
        if is_specific(work.url):
            first_label.setdefault(key, work)


def _papers_by_url(papers: Iterable[Paper]) -> dict[str, Paper]:
    index: dict[str, Paper] = {}
    for paper in papers:
        for url in (paper.paper_url, paper.project_url, paper.code_url):
            if url and is_specific(url):
                index.setdefault(url_key(url), paper)
    return index


def _paper_names(paper: Paper) -> list[str]:
    names = [paper.title, paper.title.split(":")[0]]
    repos = [github_repo(u) for u in (paper.paper_url, paper.code_url)] + list(paper.badge_repos)
    names += [repo.split("/")[1] for repo in repos if repo]
    if paper.project_url:
        names.append(last_path_segment(paper.project_url) or "")
    return names


def _squash(text: str) -> str:
    return _NON_ALNUM.sub("", text.casefold())


def _fits(label: str, names: Iterable[str]) -> bool:
    """True when the label and one of the names contain each other (ignoring punctuation)."""
    mine = _squash(label)
    if len(mine) < MIN_NAME:
        return True
    for name in names:
        other = _squash(name)
        if mine in other or (len(other) >= MIN_NAME and other in mine):
            return True
    return False


def _warn_paper(work: Work, paper: Paper, out: Collector) -> None:
    out.warn(
        WarningKind.LABEL_URL_MISMATCH,
        work.line,
        f"link '{work.label}' points to {work.url}, which line {paper.line} gives to the "
        f"paper '{paper.title}'",
        work.id,
    )


def _warn_shared(work: Work, earlier: Work, out: Collector) -> None:
    out.warn(
        WarningKind.LABEL_URL_MISMATCH,
        work.line,
        f"link '{work.label}' points to {work.url}, which line {earlier.line} already uses "
        f"for '{earlier.label}'",
        work.id,
    )
