"""Which rows a run adds to the history: only figures that changed, at most one row a day.

A rerun on the same day must neither add rows nor change the output, so a
repository already written today has that row replaced (or dropped, when the
figures went back to the previous row's) instead of a second row appended.
"""

from __future__ import annotations

from bisect import bisect_left
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
    """The history (sorted) after this run's observations (all dated ``today``).

    Only today's rows can change, so the rows before today are kept as they
    are and only the last one of each repository is looked at: one pass, no
    sort of the whole history. Observations of a repository with a row later
    than today (a clock that went back) are not written: the history only
    grows forward.
    """
    cut = bisect_left(rows, today, key=lambda row: row.date)
    head, tail = rows[:cut], rows[cut:]
    last_before = {row.repo_id: row for row in head}  # later rows overwrite earlier ones
    todays = {row.repo_id: row for row in tail if row.date == today}
    later = tuple(row for row in tail if row.date > today)
    in_future = {row.repo_id for row in later}
    for seen in observed:
        if seen.repo_id in in_future:
            continue
        previous = last_before.get(seen.repo_id)
        if previous is not None and previous.figures() == seen.figures():
            todays.pop(seen.repo_id, None)
        else:
            todays[seen.repo_id] = seen
    return (*head, *sorted(todays.values()), *later)
