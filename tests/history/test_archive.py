"""Old rows move to yearly archives; trends and the full history stay exactly the same."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from enrich.history import record_history
from enrich.history.archive import (
    archive_boundary,
    archive_path,
    archive_rows,
    split_for_archive,
)
from enrich.history.rows import HistoryRow, format_history, read_history
from enrich.history.trend import trend_of
from enrich.history.update import latest_rows, updated_rows
from enrich.models import EnrichedList, WarningKind

FIXTURE = Path(__file__).parents[1] / "render" / "fixtures" / "demo.json"


@pytest.mark.parametrize(
    ("today", "boundary"),
    [("2026-03-01", "2026-01-01"), ("2026-01-15", "2025-11-01"), ("2026-12-31", "2026-10-01")],
)
def test_the_working_file_starts_two_months_back(today: str, boundary: str) -> None:
    assert archive_boundary(today) == boundary
    assert (date.fromisoformat(today) - timedelta(days=30)).isoformat() >= boundary


def test_each_repository_keeps_its_last_row_before_the_boundary() -> None:
    rows = (
        HistoryRow("2026-01-05", 1, "a/b", 1, 0),
        HistoryRow("2026-01-09", 1, "a/b", 2, 0),
        HistoryRow("2026-01-09", 2, "c/d", 5, 0),
        HistoryRow("2026-03-02", 1, "a/b", 3, 0),
    )
    kept, moved = split_for_archive(rows, "2026-02-01")
    assert moved == (rows[0],)
    assert kept == rows[1:]


def test_a_year_of_nights_archived_gives_the_same_trends_and_rows(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "demo.csv"
    full: tuple[HistoryRow, ...] = ()
    active: tuple[HistoryRow, ...] = ()
    stars = dict.fromkeys(range(1, 21), 10)
    day = date(2025, 10, 20)
    for _ in range(400):
        today = day.isoformat()
        for repo in stars:
            stars[repo] += rng.choice((0, 0, 0, 1, 2)) if repo % 5 else 0  # a fifth never move
        seen = [HistoryRow(today, repo, f"o/r{repo}", count, 1) for repo, count in stars.items()]
        full = updated_rows(full, seen, today)
        kept, moving = split_for_archive(updated_rows(active, seen, today), archive_boundary(today))
        refused, problems = archive_rows(path, moving)
        assert not refused and not problems
        active = kept
        if day.day in (1, 15):
            whole, part = latest_rows(full), latest_rows(active)
            assert {r: trend_of(part[r], today) for r in part} == {
                r: trend_of(whole[r], today) for r in whole
            }
        day += timedelta(days=1)
    archived = [
        row for year in ("2025", "2026") for row in read_history(archive_path(path, year)).rows
    ]
    assert sorted([*archived, *active]) == list(full)
    assert len(set(archived) & set(active)) == 0
    assert len(active) < len(full) / 3
    before = [row.repo_id for row in active if row.date < "2026-09-01"]  # the last day's boundary
    assert sorted(before) == sorted(set(before))  # at most one old row per repository


def test_an_archive_that_is_not_ours_keeps_its_rows_in_the_working_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.csv"
    old = HistoryRow("2026-01-01", 231380000, "Rudrabha/Wav2Lip", 9000, 2000)
    older = HistoryRow("2025-12-01", 231380000, "Rudrabha/Wav2Lip", 8000, 2000)
    path.write_text(format_history([older, old]))
    archive = archive_path(path, "2025")
    archive.parent.mkdir()
    archive.write_text("something else\n")
    document = EnrichedList.model_validate_json(FIXTURE.read_bytes())
    document = record_history(document, path, "2026-11-01")
    assert older in read_history(path).rows and old in read_history(path).rows
    assert archive.read_text() == "something else\n"
    found = [w for w in document.warnings if w.kind == WarningKind.HISTORY]
    assert [(Path(w.file).name, w.line) for w in found] == [("2025.csv", 1)]
