"""Every problem a maintainer can act on, as a warning at its file and line.

Computed once per list from the merged enriched document, after every source
ran and last run's values were kept, so a finding describes what the JSON
says (and ``enrich fix`` can apply its suggestion from the JSON alone). One
module per family: :mod:`~enrich.findings.pages`, :mod:`~enrich.findings.repos`,
:mod:`~enrich.findings.arxiv`, :mod:`~enrich.findings.missing`.

Some of these problems the sources already warn about while they work (a
moved page, a renamed repository, a link to another paper). Those warnings
keep their message and gain the finding's code, severity and suggestion
instead of being said twice; the rest are added. The order is the pipeline's
deterministic one.
"""

from __future__ import annotations

from collections.abc import Iterable

from enrich.findings.arxiv import arxiv_findings
from enrich.findings.missing import missing_findings
from enrich.findings.pages import page_findings
from enrich.findings.repos import repo_findings
from enrich.models import KIND_DEFAULTS, DataWarning, EnrichedList, WarningKind
from enrich.warning_order import sorted_warnings

# Kinds whose source warning and finding describe the same problem of an entry.
REFINED_KINDS = frozenset(
    {WarningKind.PAGE, WarningKind.GITHUB_RENAMED, WarningKind.ARXIV_LINK_MISMATCH}
)


def findings(document: EnrichedList) -> list[DataWarning]:
    """Every finding computed from the document's records, in no particular order."""
    return [
        *page_findings(document),
        *repo_findings(document),
        *arxiv_findings(document),
        *missing_findings(document),
    ]


def with_findings(document: EnrichedList) -> EnrichedList:
    """The document with its findings merged into its warnings."""
    warnings = combine(document.warnings, findings(document))
    return document.model_copy(update={"warnings": warnings})


def combine(
    existing: Iterable[DataWarning], found: Iterable[DataWarning]
) -> tuple[DataWarning, ...]:
    """Source warnings refined by the findings that match them, plus the other findings."""
    result = list(existing)
    open_: dict[tuple[str | None, WarningKind], int] = {}
    for index, warning in enumerate(result):
        key = (warning.entry_id, warning.kind)
        if warning.kind in REFINED_KINDS and warning.code == KIND_DEFAULTS[warning.kind][0]:
            open_.setdefault(key, index)
    said = {(warning.entry_id, warning.code) for warning in result}
    for item in found:
        index = open_.pop((item.entry_id, item.kind), -1)
        if index >= 0:
            update = {"code": item.code, "severity": item.severity, "suggestion": item.suggestion}
            result[index] = result[index].model_copy(update=update)
        elif (item.entry_id, item.code) not in said:  # else said already, by an earlier pass
            result.append(item)
    return sorted_warnings(result)
