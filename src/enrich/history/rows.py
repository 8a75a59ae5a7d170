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

HEADER = ("date", "repo_id", "full_name", "stars", "forks")


@dataclass(frozen=True, order=True)
class HistoryRow:
    """One repository's figures on one day (ordered by date, then id)."""

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
    rows: dict[tuple[str, int], HistoryRow] = {}
    problems: list[RowProblem] = []
    for cells in reader:
        try:
            row = _row(cells)
        except ValueError as error:
            problems.append(RowProblem(reader.line_num, f"row skipped: {error}"))
            continue
        if (row.date, row.repo_id) in rows:
            problems.append(
                RowProblem(reader.line_num, f"second row for {row.repo_id} on {row.date}; kept")
            )
        rows[(row.date, row.repo_id)] = row
    return HistoryFile(tuple(sorted(rows.values())), tuple(problems))


def _row(cells: list[str]) -> HistoryRow:
    if len(cells) != len(HEADER):
        raise ValueError(f"{len(cells)} cells, expected {len(HEADER)}")
    day, repo_id, full_name, stars, forks = cells
    if date.fromisoformat(day).isoformat() != day:
        raise ValueError(f"date {day!r} is not YYYY-MM-DD")
    if "/" not in full_name:
        raise ValueError(f"full name {full_name!r} is not owner/name")
    row = HistoryRow(day, int(repo_id), full_name, int(stars), int(forks) if forks else None)
    if row.repo_id < 1 or row.stars < 0 or (row.forks is not None and row.forks < 0):
        raise ValueError("negative or zero number")
    return row


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
