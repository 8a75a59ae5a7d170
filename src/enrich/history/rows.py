"""The history file: reading it with a warning per unusable row, and writing it.

A row is ``date,repo_id,full_name,stars,forks``. The file is kept sorted by
date, then repository id, so the same rows always give the same bytes and a
diff of the committed file shows exactly the day's changes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

HEADER = ("date", "repo_id", "full_name", "stars", "forks")


class HistoryRow(NamedTuple):
    """One repository's figures on one day; tuples order by date, then id.

    A named tuple rather than a dataclass: a year of a 10,000-repository list
    is about a million rows, read every night, and tuples build several
    times faster.
    """

    date: str
    repo_id: int
    full_name: str
    stars: int
    forks: int | None

    def figures(self) -> tuple[int, int | None]:
        """What a new row is written for when it changes (the name alone is not a figure)."""
        return (self.stars, self.forks)


@dataclass(frozen=True)
class RowProblem:
    """A line of the history that could not be used, for a warning at file:line."""

    line: int
    message: str


@dataclass(frozen=True)
class HistoryFile:
    """The rows read, the problems found, and whether the file may be rewritten.

    ``writable`` is false when the header is not ours: rewriting such a file
    would throw away what someone put there, so it is left untouched.
    """

    rows: tuple[HistoryRow, ...]
    problems: tuple[RowProblem, ...]
    writable: bool = True


def read_history(path: Path) -> HistoryFile:
    """The rows of ``path`` (none when it does not exist yet)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return HistoryFile((), ())
    except (OSError, UnicodeDecodeError) as error:
        return HistoryFile(
            (), (RowProblem(1, f"history unreadable, left as it is: {error}"),), False
        )
    return parse_history(text)


def parse_history(text: str) -> HistoryFile:
    """Rows of a history text; each unusable row becomes a problem, and the rest is kept."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return HistoryFile((), ())
    if tuple(header) != HEADER:
        message = f"header is {','.join(header)!r}, expected {','.join(HEADER)!r}; left as it is"
        return HistoryFile((), (RowProblem(1, message),), False)
    rows: list[HistoryRow] = []
    seen: set[tuple[str, int]] = set()
    problems: list[RowProblem] = []
    dates: dict[str, bool] = {}  # each distinct date checked once: a year has 365
    for cells in reader:
        try:
            row = _row(cells, dates)
        except ValueError as error:
            problems.append(RowProblem(reader.line_num, f"row skipped: {error}"))
            continue
        key = (row.date, row.repo_id)
        if key in seen:
            problems.append(
                RowProblem(reader.line_num, f"second row for {row.repo_id} on {row.date}")
            )
            rows = [
                kept for kept in rows if (kept.date, kept.repo_id) != key
            ]  # rare: keep the last
        seen.add(key)
        rows.append(row)
    in_order = all(rows[i] < rows[i + 1] for i in range(len(rows) - 1))
    return HistoryFile(tuple(rows if in_order else sorted(rows)), tuple(problems))


def _row(cells: list[str], dates: dict[str, bool]) -> HistoryRow:
    if len(cells) != len(HEADER):
        raise ValueError(f"{len(cells)} cells, expected {len(HEADER)}")
    day, repo_id, full_name, stars, forks = cells
    if day not in dates:
        dates[day] = _is_iso_date(day)
    if not dates[day]:
        raise ValueError(f"date {day!r} is not YYYY-MM-DD")
    if "/" not in full_name:
        raise ValueError(f"full name {full_name!r} is not owner/name")
    row = HistoryRow(day, int(repo_id), full_name, int(stars), int(forks) if forks else None)
    if row.repo_id < 1 or row.stars < 0 or (row.forks is not None and row.forks < 0):
        raise ValueError("negative or zero number")
    return row


def _is_iso_date(text: str) -> bool:
    try:
        return date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def format_history(rows: tuple[HistoryRow, ...] | list[HistoryRow]) -> str:
    """The file's text: header and rows in order, ``\\n`` line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in sorted(rows):
        writer.writerow(
            (
                row.date,
                row.repo_id,
                row.full_name,
                row.stars,
                "" if row.forks is None else row.forks,
            )
        )
    return out.getvalue()
