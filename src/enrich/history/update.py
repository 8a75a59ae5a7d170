"""Which rows a run adds to the history: only figures that changed, at most one row a day.

A rerun on the same day must neither add rows nor change the output, so a
repository already written today has that row replaced (or dropped, when the
figures went back to the previous row's) instead of a second row appended.
"""

from __future__ import annotations

from collections.abc import Iterable

from enrich.history.rows import HistoryRow


def latest_rows(rows: Iterable[HistoryRow]) -> dict[int, list[HistoryRow]]:
    """Each repository's rows, oldest first (``rows`` must be sorted)."""
    by_repo: dict[int, list[HistoryRow]] = {}
    for row in rows:
        by_repo.setdefault(row.repo_id, []).append(row)
    return by_repo


def updated_rows(
    rows: tuple[HistoryRow, ...], observed: Iterable[HistoryRow], today: str
) -> tuple[HistoryRow, ...]:
    """The history after this run's observations (all dated ``today``).

    Observations of a repository whose last row is later than today (a clock
    that went back) are not written: the history only grows forward.
    """
    by_repo = latest_rows(rows)
    for seen in observed:
        past = by_repo.setdefault(seen.repo_id, [])
        if past and past[-1].date > today:
            continue
        if past and past[-1].date == today:
            past.pop()
        if not past or past[-1].figures() != seen.figures():
            past.append(seen)
    return tuple(sorted(row for repo in by_repo.values() for row in repo))
