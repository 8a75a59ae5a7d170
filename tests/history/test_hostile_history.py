"""The history CSV as hostile input (issue 21 item 6).

The file is committed and editable by anyone who can open a pull request, and
the figures in it come from GitHub's answers: huge fields, floods of
duplicate rows, spreadsheet formulas, dates in year 9999 and 4,000-digit
counts must each give a warning and leave the rest of the history working.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.history import record_history
from enrich.history.rows import (
    MAX_LISTED,
    HistoryRow,
    format_history,
    parse_history,
    spreadsheet_safe,
)
from enrich.history.update import updated_rows
from enrich.models import EnrichedList, GithubSlot, WarningKind

FIXTURE = Path(__file__).parents[1] / "render" / "fixtures" / "demo.json"
HEADER = "date,repo_id,full_name,stars,forks\n"
WAV2LIP = "231380000,Rudrabha/Wav2Lip"


def _document(stars: int | None = None) -> EnrichedList:
    """The render fixture (three repositories GitHub described); Wav2Lip's stars replaced."""
    document = EnrichedList.model_validate_json(FIXTURE.read_bytes())
    if stars is None:
        return document
    paper = document.papers[0]
    assert paper.github is not None and paper.github.record is not None
    record = paper.github.record.model_copy(update={"stars": stars})
    slot = paper.github.model_copy(update={"record": record})
    return document.model_copy(
        update={"papers": (paper.model_copy(update={"github": slot}), *document.papers[1:])}
    )


def _history_warnings(document: EnrichedList) -> list[tuple[int | None, str]]:
    return [(w.line, w.message) for w in document.warnings if w.kind == WarningKind.HISTORY]


def test_a_field_over_the_csv_limit_is_one_warning_and_the_rest_is_read() -> None:
    text = HEADER + f"2026-11-01,5,a/b,{'9' * 200_000},1\n" + '2026-11-01,6,"' + "x" * 140_000
    text += '",1,1\n2026-11-02,7,c/d,3,\n'
    history = parse_history(text)
    assert history.rows == (HistoryRow("2026-11-02", 7, "c/d", 3, None),)
    assert [p.line for p in history.problems] == [2, 3]
    assert all("longer than 1,000 characters" in p.message for p in history.problems)


def test_a_quoted_field_that_never_ends_is_a_warning() -> None:
    history = parse_history(HEADER + '2026-11-01,5,"a/b' + ",1,1\n" * 30_000)
    assert history.rows == ()
    assert 1 <= len(history.problems) <= 2 * (MAX_LISTED + 1)  # listed, then counted


def test_a_flood_of_duplicate_rows_is_kept_once_and_summarised() -> None:
    rows = [f"2026-11-{1 + n % 28:02d},{1000 + n // 28 % 50},o/r,{n},1" for n in range(11_400)]
    history = parse_history(HEADER + "\n".join(rows) + "\n")
    assert len(history.rows) == 28 * 50  # 1,400 distinct (day, repository) pairs
    assert len(history.problems) == MAX_LISTED + 1
    summary = history.problems[-1]
    assert summary.line == 2 + 1_400 + MAX_LISTED
    assert summary.message.startswith(f"{10_000 - MAX_LISTED:,} more second rows")
    last = {(row.date, row.repo_id): row.stars for row in history.rows}
    assert last[("2026-11-01", 1000)] == 11_200  # the last row of a pair wins


def test_spreadsheet_formulas_are_never_written_back(tmp_path: Path) -> None:
    path = tmp_path / "demo.csv"
    evil = [
        '2026-11-01,5,"=HYPERLINK(""http://x/"",""y"")/x",1,1',
        "2026-11-01,6,@SUM(A1)/x,1,1",
        "2026-11-01,7,+cmd/x,1,1",
        "2026-11-01,8,-2+3/x,1,1",
        '2026-11-01,9,"\tx/y",1,1',
    ]
    path.write_text(HEADER + "\n".join(evil) + "\n")
    document = record_history(_document(), path, "2026-11-02")
    assert [line for line, _ in _history_warnings(document)] == [2, 3, 4, 5, 6]
    written = path.read_text()
    for cells in csv.reader(io.StringIO(written)):
        assert not cells[2].startswith(("=", "+", "-", "@", "\t", "\r")), cells
    assert spreadsheet_safe("=1+1") == "'=1+1" and spreadsheet_safe("a/b") == "a/b"
    assert format_history([HistoryRow("2026-11-01", 5, "@x/y", 1, 1)]).endswith(",'@x/y,1,1\n")


def test_a_row_in_year_9999_does_not_stop_new_rows(tmp_path: Path) -> None:
    path = tmp_path / "demo.csv"
    path.write_text(HEADER + f"2026-11-01,{WAV2LIP},9000,2100\n9999-12-31,{WAV2LIP},1,1\n")
    document = record_history(_document(9876), path, "2026-11-02")
    assert _history_warnings(document) == [
        (3, "row skipped: date 9999-12-31 is after this run's date")
    ]
    assert f"2026-11-02,{WAV2LIP},9876,2100\n" in path.read_text()
    assert "9999" not in path.read_text()
    for slot in (p.github for p in document.papers):
        if isinstance(slot, GithubSlot) and slot.trend is not None and slot.trend.until:
            assert slot.trend.until <= "2026-11-02"


def test_rows_from_before_github_are_refused() -> None:
    history = parse_history(HEADER + "1970-01-01,5,a/b,1,1\n")
    assert history.rows == () and "before GitHub existed" in history.problems[0].message


def test_an_absurd_star_count_is_refused_from_the_file_and_from_github(tmp_path: Path) -> None:
    path = tmp_path / "demo.csv"
    path.write_text(HEADER + f"2026-11-01,{WAV2LIP},{'9' * 900},2100\n")
    document = record_history(_document(10**4000), path, "2026-11-02")
    warnings = _history_warnings(document)
    assert [line for line, _ in warnings] == [None, 2]
    assert all("is not plausible" in message for _, message in warnings)
    assert all(len(message) < 400 for _, message in warnings)
    assert "Rudrabha/Wav2Lip" not in path.read_text()
    wav2lip = document.papers[0].github
    assert wav2lip is not None and wav2lip.trend is not None and wav2lip.trend.stars_7d is None


_CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["2026-11-01", "9999-12-31", "0", "5", "-1", "+3", "a/b", "=x/y", '"', ""]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(_CELL, min_size=0, max_size=7), max_size=30),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_any_rows_give_rows_or_warnings_and_a_clean_file(
    rows: list[list[str]], newline: str
) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows([HEADER.strip().split(","), *rows])
    history = parse_history(out.getvalue(), "2026-11-02")
    assert len(history.problems) <= 4 * (MAX_LISTED + 1)
    after = updated_rows(history.rows, [HistoryRow("2026-11-02", 1, "o/r", 1, 1)], "2026-11-02")
    text = format_history(after)
    again = parse_history(text, "2026-11-02")
    assert again.problems == () and again.rows == tuple(sorted(after))
