"""``run --changed-since REV``: only the entries a pull request adds or changes.

A pull-request check must answer for the lines the pull request touched, not
for every old problem of the list, and should not spend a request on entries
nobody changed. The lines come from ``git diff --unified=0 REV -- FILE`` (the
working tree against the base commit; a new file is all new lines). The
parsed document keeps every section, and only the entries that start on a
changed line (a researcher stays when one of its works changed) and the
warnings on changed lines. So lint, enrichment, findings, ``--strict`` and
annotations all speak about the pull request's own lines.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from enrich.errors import UsageError
from enrich.models import EnrichedList

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
GIT_TIMEOUT = 60  # seconds; a diff of one file is instant, a hung git is not waited on


def changed_lines(path: Path, revision: str) -> frozenset[int]:
    """The 1-based lines of ``path`` that differ from ``revision`` (added or modified)."""
    command = ["git", "diff", "--unified=0", "--no-color", "--no-ext-diff", revision, "--"]
    try:
        result = subprocess.run(
            [*command, path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise UsageError(f"--changed-since {revision}: cannot run git: {error}") from error
    if result.returncode != 0:
        problem = result.stderr.strip().splitlines()[-1:] or ["git diff failed"]
        raise UsageError(f"--changed-since {revision}: {problem[0]}")
    return parse_hunks(result.stdout)


def parse_hunks(diff: str) -> frozenset[int]:
    """New-side line numbers of every hunk of a ``--unified=0`` diff."""
    lines: set[int] = set()
    for match in _HUNK.finditer(diff):
        start, count = int(match.group(1)), int(match.group(2) or "1")
        lines.update(range(start, start + count))
    return frozenset(lines)


def only_changed(document: EnrichedList, lines: frozenset[int]) -> EnrichedList:
    """The document with only the entries and warnings on ``lines``."""
    researchers = []
    for researcher in document.researchers:
        works = tuple(work for work in researcher.works if work.line in lines)
        if works or researcher.line in lines:
            researchers.append(researcher.model_copy(update={"works": works}))
    return document.model_copy(
        update={
            "papers": tuple(e for e in document.papers if e.line in lines),
            "researchers": tuple(researchers),
            "datasets": tuple(e for e in document.datasets if e.line in lines),
            "metrics": tuple(e for e in document.metrics if e.line in lines),
            "tools": tuple(e for e in document.tools if e.line in lines),
            "warnings": tuple(w for w in document.warnings if w.line in lines),
        }
    )
