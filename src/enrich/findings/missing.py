"""Findings about links a paper lacks that the run found: a Code link, a project page.

The run finds a paper's repository from its badges, its arXiv comment, its
project page, or a ``*.github.io`` page, and its project page from the
repository's homepage. When the list itself has no such link, the
maintainer should hear about it, with the link as the suggestion; a Code
link is proposed only when the repository was found with high confidence
(see ``HIGH_CONFIDENCE``), and the message says how it was found.
"""

from __future__ import annotations

from collections.abc import Iterator

from enrich.findings._common import HIGH_CONFIDENCE, finding
from enrich.models import DataWarning, EnrichedList, PageHealth, Paper, Severity, WarningKind

# How a repository was found, for people.
_HOW = {
    "badge": "its stars/forks badge",
    "arxiv_comment": "its arXiv comment or abstract",
    "project_page": "its project page",
    "github_io": "its github.io page",
}
HOMEPAGE_METHODS = frozenset({"repo_homepage", "github_io"})


def missing_findings(document: EnrichedList) -> Iterator[DataWarning]:
    for paper in document.papers:
        yield from _code_link(document, paper)
        yield from _project_page(document, paper)


def _code_link(document: EnrichedList, paper: Paper) -> Iterator[DataWarning]:
    slot = paper.github
    if paper.code_url or slot is None or slot.record is None or slot.provenance is None:
        return
    how = _HOW.get(slot.provenance.method)
    if how is None or slot.provenance.confidence < HIGH_CONFIDENCE:
        return
    record = slot.record
    yield finding(
        document,
        paper,
        WarningKind.MISSING_LINK,
        "code-link-missing",
        Severity.WARNING,
        f"no Code link, but {how} names {record.full_name} "
        f"(confidence {slot.provenance.confidence:.2f}): add [Code]({record.url})",
        record.url,
    )


def _project_page(document: EnrichedList, paper: Paper) -> Iterator[DataWarning]:
    slot = paper.project_page
    if paper.project_url or slot is None or slot.record is None or slot.provenance is None:
        return
    record = slot.record
    if slot.provenance.method not in HOMEPAGE_METHODS or record.health is not PageHealth.OK:
        return
    url = record.final_url or record.url
    repo = (
        paper.github.record.full_name if paper.github and paper.github.record else "its repository"
    )
    yield finding(
        document,
        paper,
        WarningKind.MISSING_LINK,
        "project-page-missing",
        Severity.NOTICE,
        f"no project page link, but {repo} names its homepage {url}",
        url,
    )
