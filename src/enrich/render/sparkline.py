"""Star history per repository as a sparkline: a few characters of data, an SVG in the card.

The history (``data/history/<list>.csv``) keeps a row only when a figure
changed, so a count holds from its row's day until the next row. Each
repository's stars are sampled on :data:`POINTS` evenly spaced days of the
last :data:`DAYS` days of the history (ending on its newest row, not on the
day of the render, so the same history gives the same page) and scaled to
one of 36 levels, one character each: a repository adds about 30 bytes to the
page instead of its rows. A day before a repository's first row is
``.`` (not known), and a repository whose count never changed in the window
draws a flat line. The working file keeps at least 59 days (see
``enrich.history.archive``), so the window never needs the yearly archives.

The same series is drawn as an SVG here (for the README's image) and by the
site's script (for the cards), so both show the same line.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from enrich.history.rows import HistoryRow, read_history

log = logging.getLogger("enrich.render")

DAYS = 56
POINTS = 15  # one point every four days: the shape of eight weeks in 15 bytes
LEVELS = "0123456789abcdefghijklmnopqrstuvwxyz"
UNKNOWN = "."


@dataclass(frozen=True)
class Spark:
    """A repository's sampled stars: ``levels`` (a character per day sampled), first and last."""

    levels: str
    first: int
    last: int


@dataclass(frozen=True)
class Sparks:
    start: str  # ISO date of the first sample
    end: str  # ISO date of the last sample (the history's newest row)
    by_repo: dict[int, Spark]
    problems: int  # history rows that could not be used (the run report names each)


def sample_days(end: date, days: int = DAYS, points: int = POINTS) -> list[date]:
    step = days / (points - 1)
    return [end - timedelta(days=round(days - i * step)) for i in range(points)]


def encode(counts: Sequence[int | None]) -> Spark | None:
    """Known counts scaled between the window's smallest and largest; None if none is known."""
    known = [count for count in counts if count is not None]
    if not known:
        return None
    low, high = min(known), max(known)
    span = high - low
    top = len(LEVELS) - 1
    levels = "".join(
        UNKNOWN if c is None else LEVELS[round((c - low) * top / span) if span else 0]
        for c in counts
    )
    return Spark(levels=levels, first=known[0], last=known[-1])


def _series(rows: Sequence[HistoryRow], days: Sequence[date]) -> list[int | None]:
    """The count in force on each day: the last row on or before it (rows sorted by date)."""
    dates = [row.date for row in rows]
    counts: list[int | None] = []
    for day in days:
        at = bisect_right(dates, day.isoformat())
        counts.append(rows[at - 1].stars if at else None)
    return counts


def sparks_from_rows(rows: Iterable[HistoryRow], problems: int = 0) -> Sparks | None:
    per_repo: dict[int, list[HistoryRow]] = {}
    for row in rows:
        per_repo.setdefault(row.repo_id, []).append(row)
    if not per_repo:
        return None
    end = max(repo_rows[-1].date for repo_rows in per_repo.values())
    days = sample_days(date.fromisoformat(end))
    by_repo = {}
    for repo_id, repo_rows in per_repo.items():
        spark = encode(_series(sorted(repo_rows), days))
        if spark is not None:
            by_repo[repo_id] = spark
    return Sparks(days[0].isoformat(), end, by_repo, problems)


def read_sparks(path: Path) -> Sparks | None:
    """The sparklines of every repository in the history at ``path``; None without history."""
    history = read_history(path)
    for problem in history.problems:  # the run reports them too; a render says what it left out
        log.warning("%s:%d: %s (not drawn)", path, problem.line, problem.message)
    return sparks_from_rows(history.rows, len(history.problems))


def svg(levels: str, width: int = 120, height: int = 24, label: str = "") -> str:
    """A standalone SVG of the line (the README's image); the site draws the same with JS."""
    points = _points(levels, width, height)
    title = f"<title>{_xml(label)}</title>" if label else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_xml(label)}">{title}'
        f'<polyline fill="none" stroke="#2f6f4f" stroke-width="1.5" '
        f'stroke-linejoin="round" points="{points}"/></svg>\n'
    )


def _points(levels: str, width: int, height: int) -> str:
    top = len(LEVELS) - 1
    step = width / max(len(levels) - 1, 1)
    pad = 2
    out = []
    for i, char in enumerate(levels):
        if char == UNKNOWN:
            continue
        y = pad + (height - 2 * pad) * (1 - LEVELS.index(char) / top)
        out.append(f"{i * step:.1f},{y:.1f}")
    return " ".join(out)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
