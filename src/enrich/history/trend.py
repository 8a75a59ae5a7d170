"""Stars gained over the last 7 and 30 days, from one repository's history rows.

A row is written only when a figure changed, so the count on any day is the
one of the last row on or before it. A window whose start lies before the
repository's first row cannot be measured, and its gain is null, not zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from enrich.history.rows import HistoryRow
from enrich.models import Trend

WINDOWS = (7, 30)


def trend_of(rows: Sequence[HistoryRow], today: str) -> Trend:
    """The trend of one repository (``rows`` oldest first, all on or before ``today``)."""
    if not rows:
        return Trend()
    latest = rows[-1]
    values: dict[str, int | str | None] = {"until": latest.date}
    for days in WINDOWS:
        start = (date.fromisoformat(today) - timedelta(days=days)).isoformat()
        base = _last_on_or_before(rows, start)
        values[f"stars_{days}d"] = None if base is None else latest.stars - base.stars
        values[f"since_{days}d"] = None if base is None else base.date
    return Trend.model_validate(values)


def _last_on_or_before(rows: Sequence[HistoryRow], day: str) -> HistoryRow | None:
    found = None
    for row in rows:
        if row.date > day:
            break
        found = row
    return found
