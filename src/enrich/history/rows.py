"""The history file: reading it with a warning per unusable row, and writing it.

A row is ``date,repo_id,full_name,stars,forks``. The file is kept sorted by
date, then repository id, so the same rows always give the same bytes and a
diff of the committed file shows exactly the day's changes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from enrich.identity.github import make_ref

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


def read_history(path: Path, today: str | None = None) -> HistoryFile:
    """The rows of ``path`` (none when it does not exist yet); see :func:`parse_history`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return HistoryFile((), ())
    except (OSError, UnicodeDecodeError) as error:
        return HistoryFile(
            (), (RowProblem(1, f"history unreadable, left as it is: {error}"),), False
        )
    return parse_history(text, today)


def parse_history(text: str, today: str | None = None) -> HistoryFile:
    """Rows of a history text; each unusable row becomes a problem, and the rest is kept.

    The file is committed and edited by hand, so it is untrusted input. The
    work is linear in its size: a row of more than :data:`MAX_ROW_CHARS` is
    skipped unread (the csv module raises past 131,072 characters in a field,
    which used to fail the list), a second row for a repository and day
    replaces the first in place (50,000 scattered duplicates took 156 s), and
    only the first :data:`MAX_LISTED` problems of each kind are listed, the
    rest counted in one summary (they made a 12.9 MB JSON of warnings). A row
    dated more than :data:`MAX_DAYS_AHEAD` days after ``today``, or before
    GitHub existed, is refused: a ``9999-12-31`` row stopped every new row of
    its repository. So are counts above :data:`MAX_COUNT`.
    """
    too_long: set[int] = set()

    def bounded() -> Iterator[str]:
        for number, line in enumerate(io.StringIO(text, newline=""), 1):
            if len(line) > MAX_ROW_CHARS:
                too_long.add(number)
                yield "\n"
            else:
                yield line

    reader = csv.reader(bounded())
    try:
        header = next(reader, None)
    except csv.Error:
        header = ["?"]
    if header is None:
        return HistoryFile((), ())
    if tuple(header) != HEADER:
        shown = ",".join(header)[:200]
        message = f"header is {shown!r}, expected {','.join(HEADER)!r}; left as it is"
        return HistoryFile((), (RowProblem(1, message),), False)
    rows: dict[tuple[str, int], HistoryRow] = {}
    problems = _Problems()
    check = RowCheck(today)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.add("unreadable", reader.line_num, f"row skipped: {error}")
            continue
        line = reader.line_num
        if line in too_long:
            problems.add("long", line, f"row skipped: longer than {MAX_ROW_CHARS:,} characters")
            continue
        try:
            row = check.row(cells)
        except ValueError as error:
            problems.add("invalid", line, f"row skipped: {error}")
            continue
        key = (row.date, row.repo_id)
        if key in rows:  # keep the last
            problems.add("duplicate", line, f"second row for {row.repo_id} on {row.date}")
        rows[key] = row
    kept = list(rows.values())
    in_order = all(kept[i] < kept[i + 1] for i in range(len(kept) - 1))
    return HistoryFile(tuple(kept if in_order else sorted(kept)), problems.listed())


MAX_ROW_CHARS = 1_000  # a real row is under 200: date, id, a 140-character name, two counts
MAX_LISTED = 20  # problems of one kind listed one by one; the rest are counted
MAX_COUNT = 100_000_000  # stars or forks: the most-starred repositories have under a million
MAX_ID = 10**15  # GitHub's repository ids are near 10**9 today
MAX_DAYS_AHEAD = 2  # rows may be a little ahead of a run's date (time zones, a clock set back)
FIRST_DAY = "2007-10-01"  # GitHub opened in 2008: no figure can be older
_SUMMARY = {
    "unreadable": "unreadable rows skipped",
    "long": "over-long rows skipped",
    "invalid": "unusable rows skipped",
    "duplicate": "second rows for a repository and day (the last kept)",
}


class _Problems:
    """The problems of one file: the first :data:`MAX_LISTED` of each kind, then a count."""

    def __init__(self) -> None:
        self._listed: list[RowProblem] = []
        self._counts: dict[str, int] = {}
        self._first_unlisted: dict[str, int] = {}

    def add(self, kind: str, line: int, message: str) -> None:
        count = self._counts.get(kind, 0) + 1
        self._counts[kind] = count
        if count <= MAX_LISTED:
            self._listed.append(RowProblem(line, message))
        else:
            self._first_unlisted.setdefault(kind, line)

    def listed(self) -> tuple[RowProblem, ...]:
        summaries = [
            RowProblem(
                line,
                f"{self._counts[kind] - MAX_LISTED:,} more {_SUMMARY[kind]}, "
                f"from this line on (the first {MAX_LISTED} are listed)",
            )
            for kind, line in self._first_unlisted.items()
        ]
        return (*self._listed, *summaries)


class RowCheck:
    """Turns a row's cells into a :class:`HistoryRow`, or raises ``ValueError`` saying why."""

    def __init__(self, today: str | None) -> None:
        self._dates: dict[str, str | None] = {}  # each distinct date checked once: a year has 365
        self._latest = None if today is None else _days_after(today, MAX_DAYS_AHEAD)

    def row(self, cells: list[str]) -> HistoryRow:
        if len(cells) != len(HEADER):
            raise ValueError(f"{len(cells)} cells, expected {len(HEADER)}")
        day, repo_id, full_name, stars, forks = cells
        if day not in self._dates:
            self._dates[day] = self._date_problem(day)
        problem = self._dates[day]
        if problem is not None:
            raise ValueError(problem)
        owner, _, name = full_name.partition("/")
        if make_ref(owner, name) is None or name.lower().endswith(".git"):
            raise ValueError(f"full name {full_name[:200]!r} is not a GitHub owner/name")
        row = HistoryRow(
            day, _count(repo_id, "id", MAX_ID), full_name, _count(stars, "stars"), _forks(forks)
        )
        if row.repo_id < 1:
            raise ValueError("repository id 0")
        return row

    def _date_problem(self, day: str) -> str | None:
        if not _is_iso_date(day):
            return f"date {day[:40]!r} is not YYYY-MM-DD"
        if day < FIRST_DAY:
            return f"date {day} is before GitHub existed"
        if self._latest is not None and day > self._latest:
            return f"date {day} is after this run's date"
        return None


def _count(text: str, what: str, limit: int = MAX_COUNT) -> int:
    """A count of at most ``limit`` in plain digits (no sign, no spaces, no 4,000 digits)."""
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"{what} {text[:40]!r} is not a whole number")
    if len(text) > len(str(limit)) or int(text) > limit:
        shown = text if len(text) <= 20 else f"{text[:20]}... ({len(text):,} digits)"
        raise ValueError(f"{what} {shown} is not plausible (more than {limit:,})")
    return int(text)


def _forks(text: str) -> int | None:
    return _count(text, "forks") if text else None


def _days_after(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


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
                spreadsheet_safe(row.full_name),
                row.stars,
                "" if row.forks is None else row.forks,
            )
        )
    return out.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` as no spreadsheet runs it: a leading ``= + - @``, tab or CR gets a ``'``.

    OWASP's advice against CSV injection: a cell such as ``=HYPERLINK(...)``
    or ``@SUM(...)`` is a formula when the committed file is opened in a
    spreadsheet. Names read or received are checked as GitHub names first, so
    this only guards the writer against whatever slips past.
    """
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
