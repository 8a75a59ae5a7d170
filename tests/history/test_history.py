"""Star history: rows only on change, one row a day, trends null while history is short."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.history import record_history
from enrich.history.rows import HistoryRow, format_history, parse_history, read_history
from enrich.history.trend import trend_of
from enrich.history.update import updated_rows
from enrich.models import EnrichedList, GithubSlot, Trend, WarningKind

FIXTURE = Path(__file__).parents[1] / "render" / "fixtures" / "demo.json"
HEADER = "date,repo_id,full_name,stars,forks\n"


def _document() -> EnrichedList:
    return EnrichedList.model_validate_json(FIXTURE.read_bytes())


def _with_stars(document: EnrichedList, stars: int) -> EnrichedList:
    """The fixture as if GitHub now said ``stars`` for Wav2Lip (the first paper)."""
    paper = document.papers[0]
    assert paper.github is not None and paper.github.record is not None
    record = paper.github.record.model_copy(update={"stars": stars})
    slot = paper.github.model_copy(update={"record": record})
    papers = (paper.model_copy(update={"github": slot}), *document.papers[1:])
    return document.model_copy(update={"papers": papers})


def _trends(document: EnrichedList) -> dict[str, Trend | None]:
    slots = [getattr(entry, "github", None) for entry in document.all_entries()]
    return {
        slot.record.full_name: slot.trend
        for slot in slots
        if isinstance(slot, GithubSlot) and slot.record is not None
    }


def test_rows_round_trip_sorted() -> None:
    rows = [
        HistoryRow("2026-11-02", 5, "a/b", 10, None),
        HistoryRow("2026-11-01", 7, "c/d", 3, 1),
        HistoryRow("2026-11-01", 5, "a/b", 9, 2),
    ]
    text = format_history(rows)
    assert text == HEADER + "2026-11-01,5,a/b,9,2\n2026-11-01,7,c/d,3,1\n2026-11-02,5,a/b,10,\n"
    assert parse_history(text).rows == tuple(sorted(rows))


def test_unusable_rows_are_named_by_line_and_the_rest_kept() -> None:
    text = HEADER + "2026-11-01,5,a/b,9,2\n2026-13-01,5,a/b,9,2\nx\n2026-11-02,5,ab,1,1\n"
    history = parse_history(text)
    assert [row.stars for row in history.rows] == [9]
    assert [problem.line for problem in history.problems] == [3, 4, 5]
    assert "1 cells" in history.problems[1].message
    assert history.writable


def test_a_foreign_header_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "demo.csv"
    path.write_text("when,id\n2026-11-01,5\n")
    history = read_history(path)
    assert not history.writable and history.problems[0].line == 1
    document = record_history(_document(), path, "2026-11-29")
    assert path.read_text() == "when,id\n2026-11-01,5\n"
    assert [w.line for w in document.warnings if w.kind == WarningKind.HISTORY] == [1]


def test_rows_are_added_only_when_a_figure_changed() -> None:
    old = (HistoryRow("2026-11-01", 5, "a/b", 9, 2),)
    same = updated_rows(old, [HistoryRow("2026-11-02", 5, "a/b", 9, 2)], "2026-11-02")
    assert same == old
    renamed_only = updated_rows(old, [HistoryRow("2026-11-02", 5, "x/y", 9, 2)], "2026-11-02")
    assert renamed_only == old
    more = updated_rows(old, [HistoryRow("2026-11-02", 5, "x/y", 10, 2)], "2026-11-02")
    assert more == (*old, HistoryRow("2026-11-02", 5, "x/y", 10, 2))


def test_a_rerun_the_same_day_replaces_or_drops_its_row() -> None:
    old = (HistoryRow("2026-11-01", 5, "a/b", 9, 2), HistoryRow("2026-11-02", 5, "a/b", 11, 2))
    later = updated_rows(old, [HistoryRow("2026-11-02", 5, "a/b", 12, 2)], "2026-11-02")
    assert later == (old[0], HistoryRow("2026-11-02", 5, "a/b", 12, 2))
    back = updated_rows(old, [HistoryRow("2026-11-02", 5, "a/b", 9, 2)], "2026-11-02")
    assert back == old[:1]


def test_the_history_never_grows_backwards() -> None:
    old = (HistoryRow("2026-11-05", 5, "a/b", 9, 2),)
    assert updated_rows(old, [HistoryRow("2026-11-04", 5, "a/b", 1, 1)], "2026-11-04") == old


def test_trend_is_null_until_the_history_reaches_back() -> None:
    rows = [HistoryRow("2026-11-20", 5, "a/b", 100, 1), HistoryRow("2026-11-25", 5, "a/b", 130, 1)]
    trend = trend_of(rows, "2026-11-26")
    assert trend == Trend(stars_7d=None, since_7d=None, stars_30d=None, until="2026-11-25")
    trend = trend_of(rows, "2026-11-27")  # 7 days before is 11-20: the first row
    assert (trend.stars_7d, trend.since_7d) == (30, "2026-11-20")


@pytest.mark.parametrize(
    ("today", "gain_7d", "since_7d", "gain_30d", "since_30d"),
    [
        ("2026-12-01", 5, "2026-11-20", 95, "2026-11-01"),
        ("2026-12-05", 5, "2026-11-25", 95, "2026-11-01"),
        ("2026-12-30", 0, "2026-12-01", 5, "2026-11-25"),
        ("2026-12-31", 0, "2026-12-01", 0, "2026-12-01"),
    ],
)
def test_trend_counts_from_the_last_change_before_the_window(
    today: str, gain_7d: int, since_7d: str, gain_30d: int, since_30d: str
) -> None:
    rows = [
        HistoryRow("2026-10-01", 5, "a/b", 40, 1),
        HistoryRow("2026-11-01", 5, "a/b", 10, 1),  # stars can fall
        HistoryRow("2026-11-20", 5, "a/b", 100, 1),
        HistoryRow("2026-11-25", 5, "a/b", 100, 2),
        HistoryRow("2026-12-01", 5, "a/b", 105, 2),
    ]
    trend = trend_of(rows, today)
    assert (trend.stars_7d, trend.since_7d) == (gain_7d, since_7d)
    assert (trend.stars_30d, trend.since_30d) == (gain_30d, since_30d)
    assert trend.until == "2026-12-01"


def test_record_history_over_days(tmp_path: Path) -> None:
    path = tmp_path / "history" / "demo.csv"
    first = record_history(_document(), path, "2026-11-01")
    written = path.read_bytes()
    # Only ok slots are recorded: FaceFormer is stale and GeneFace has no record.
    assert written.decode() == HEADER + (
        "2026-11-01,231380000,Rudrabha/Wav2Lip,9876,2100\n"
        "2026-11-01,560000001,OpenTalker/SadTalker,512,40\n"
        "2026-11-01,700000003,jane/demo,15,1\n"
    )
    assert _trends(first)["jane/demo"] == Trend(until="2026-11-01")
    assert _trends(first)["EvelynFan/FaceFormer"] == Trend()  # no history at all

    again = record_history(_document(), path, "2026-11-01")
    assert path.read_bytes() == written and again == first

    record_history(_with_stars(_document(), 9900), path, "2026-11-05")
    later = record_history(_with_stars(_document(), 9950), path, "2026-11-09")
    assert path.read_text().count("\n") == 6
    wav2lip = _trends(later)["Rudrabha/Wav2Lip"]
    assert wav2lip == Trend(
        stars_7d=74, since_7d="2026-11-01", stars_30d=None, since_30d=None, until="2026-11-09"
    )
    assert _trends(later)["OpenTalker/SadTalker"] == Trend(
        stars_7d=0, since_7d="2026-11-01", until="2026-11-01"
    )


def test_unusable_rows_become_counted_warnings(tmp_path: Path) -> None:
    path = tmp_path / "demo.csv"
    path.write_text(HEADER + "2026-11-01,231380000,Rudrabha/Wav2Lip,lots,1\n")
    document = record_history(_document(), path, "2026-11-02")
    found = [w for w in document.warnings if w.kind == WarningKind.HISTORY]
    assert [(w.file.endswith("demo.csv"), w.line) for w in found] == [(True, 2)]
    assert "lots" in found[0].message
    assert "lots" not in path.read_text()


def test_no_file_while_nothing_was_observed(tmp_path: Path) -> None:
    document = _document().model_copy(update={"papers": (), "researchers": ()})
    record_history(document, tmp_path / "demo.csv", "2026-11-01")
    assert not (tmp_path / "demo.csv").exists()
