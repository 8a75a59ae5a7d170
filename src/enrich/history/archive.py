"""Moving old rows out of ``data/history/<list>.csv`` into yearly archives.

Without this the file a nightly run reads and rewrites grows without end:
for 10,000 repositories about 61 MB a year (benchmarks/history_growth.py),
which gets slower every night and passes GitHub's 100 MB limit on a file
within two years. A trend needs only the last 30 days and, per repository,
the count in force before them, so the working file keeps the rows since
the first day of the month before last, plus each repository's last row
before that; older rows move to ``data/history/<list>/<year>.csv``. The
archives and the working file together hold every row exactly once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import groupby
from pathlib import Path

from enrich.history.rows import HistoryRow, RowProblem, format_history, read_history
from enrich.output.json import same_content, write_atomic

MONTHS_KEPT = 2  # the working file starts on the 1st of the month before last: > 30 days


def archive_boundary(today: str) -> str:
    """The first day of the month ``MONTHS_KEPT`` months before ``today``'s (ISO date)."""
    day = date.fromisoformat(today)
    months = day.year * 12 + day.month - 1 - MONTHS_KEPT
    return date(months // 12, months % 12 + 1, 1).isoformat()


def split_for_archive(
    rows: Sequence[HistoryRow], boundary: str
) -> tuple[tuple[HistoryRow, ...], tuple[HistoryRow, ...]]:
    """(rows to keep, rows to archive): older rows go, each repository's last one before stays."""
    old = [row for row in rows if row.date < boundary]
    if not old:
        return tuple(rows), ()
    last_before = {row.repo_id: row for row in old}
    kept = set(last_before.values())
    return (
        tuple(row for row in rows if row.date >= boundary or row in kept),
        tuple(row for row in old if row not in kept),
    )


def archive_path(path: Path, year: str) -> Path:
    return path.parent / path.stem / f"{year}.csv"


def archive_rows(
    path: Path, rows: Sequence[HistoryRow]
) -> tuple[set[HistoryRow], list[tuple[Path, RowProblem]]]:
    """Add ``rows`` to the yearly archives beside ``path``.

    Returns the rows that could not be archived (their year's archive has a
    header that is not ours, so it is left alone and they stay in the
    working file) and one message per problem found in the archives.
    """
    refused: set[HistoryRow] = set()
    problems: list[tuple[Path, RowProblem]] = []
    for year, group in groupby(sorted(rows), key=lambda row: row.date[:4]):
        target = archive_path(path, year)
        archived = read_history(target)
        problems.extend((target, problem) for problem in archived.problems)
        moving = list(group)
        if not archived.writable:
            refused.update(moving)
            continue
        text = format_history(sorted(set(archived.rows) | set(moving))).encode("utf-8")
        if not same_content(target, text):
            write_atomic(target, text)
    return refused, problems
