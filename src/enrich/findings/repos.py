"""Findings about the repositories a list links to: archived, disabled, empty, renamed.

A repository that GitHub no longer finds is already reported by the GitHub
source at every dead link; what it cannot say while looking a repository up
is what the found repository's state means for the list. An archived
repository still works but will not change (a notice); a disabled one (a
takedown) or an empty one is no longer the code the list promises; a renamed
one works through GitHub's redirect, and the suggestion is its current URL,
which ``enrich fix`` writes into the Code link and badges.
"""

from __future__ import annotations

from collections.abc import Iterator

from enrich.findings._common import finding, slots
from enrich.models import DataWarning, EnrichedList, GithubSlot, Severity, WarningKind


def repo_findings(document: EnrichedList) -> Iterator[DataWarning]:
    for entry, _, slot in slots(document):
        if not isinstance(slot, GithubSlot) or slot.record is None:
            continue
        record = slot.record
        name = record.full_name
        if record.renamed_from:
            yield finding(
                document,
                entry,
                WarningKind.GITHUB_RENAMED,
                "repo-renamed",
                Severity.WARNING,
                f"{record.renamed_from} was renamed or moved to {name}",
                record.url,
            )
        if record.disabled:
            message = f"repository {name} is disabled by GitHub: its code cannot be reached"
            yield finding(
                document, entry, WarningKind.GITHUB, "repo-disabled", Severity.ERROR, message
            )
        if record.empty:
            message = f"repository {name} is empty: it holds no code yet"
            yield finding(
                document, entry, WarningKind.GITHUB, "repo-empty", Severity.WARNING, message
            )
        if record.archived:
            message = f"repository {name} is archived: read-only, no longer maintained"
            yield finding(
                document, entry, WarningKind.GITHUB, "repo-archived", Severity.NOTICE, message
            )
