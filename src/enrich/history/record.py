"""The pipeline's step: add this run's figures to the history and a trend to every repository.

Called once per list, after the merged document is finished and before it is
written. Only figures GitHub gave this run (status ``ok``) are recorded; a
stale slot's kept values are not news. Unusable history rows become warnings
at the history file's line, so the run report counts them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from enrich.history.archive import archive_boundary, archive_rows, split_for_archive
from enrich.history.rows import HistoryRow, RowCheck, RowProblem, format_history, read_history
from enrich.history.trend import trend_of
from enrich.history.update import latest_rows, updated_rows
from enrich.inputs import display_path
from enrich.models import (
    DataWarning,
    EnrichedList,
    EntryBase,
    GithubSlot,
    Researcher,
    SlotStatus,
    Trend,
    WarningKind,
    Work,
)
from enrich.output.json import same_content, write_atomic
from enrich.settings import Settings
from enrich.warning_order import sorted_warnings

# Entry lists whose entries may carry a ``github`` slot (researchers hold theirs in works).
_WITH_REPOS = ("papers", "datasets", "tools")


def history_path(settings: Settings, name: str) -> Path:
    """``data/history/<list>.csv``: beside the output folder, so tests' runs keep their own."""
    return settings.output_dir.parent / "history" / f"{name}.csv"


def record_history(document: EnrichedList, path: Path, today: str) -> EnrichedList:
    """Update the history file at ``path`` and return ``document`` with trends filled."""
    history = read_history(path, today)
    problems = [(path, problem) for problem in history.problems]
    rows = history.rows
    observed, implausible = plausible(observations(document, today))
    problems.extend((path, RowProblem(0, message)) for message in implausible)
    if history.writable:
        rows = updated_rows(rows, observed, today)
        rows, archive_problems = _archived(path, rows, today)
        problems.extend(archive_problems)
        text = format_history(rows).encode("utf-8")
        # No file for a list whose repositories GitHub never described (e.g. offline runs).
        if (rows or path.exists()) and not same_content(path, text):
            write_atomic(path, text)
    by_repo = latest_rows(rows)
    document = with_trends(document, lambda repo_id: trend_rows(by_repo, repo_id, today))
    if problems:
        warnings = [
            DataWarning(
                kind=WarningKind.HISTORY,
                file=display_path(where),
                line=problem.line or None,
                message=problem.message,
            )
            for where, problem in problems
        ]
        document = document.model_copy(
            update={"warnings": sorted_warnings([*document.warnings, *warnings])}
        )
    return document


def _archived(
    path: Path, rows: tuple[HistoryRow, ...], today: str
) -> tuple[tuple[HistoryRow, ...], list[tuple[Path, RowProblem]]]:
    """The working file's rows once the old ones are archived (see :mod:`.archive`)."""
    kept, moving = split_for_archive(rows, archive_boundary(today))
    if not moving:
        return rows, []
    refused, problems = archive_rows(path, moving)
    if refused:
        kept = tuple(sorted({*kept, *refused}))
    return kept, problems


def trend_rows(by_repo: dict[int, list[HistoryRow]], repo_id: int, today: str) -> Trend:
    return trend_of([row for row in by_repo.get(repo_id, []) if row.date <= today], today)


def observations(document: EnrichedList, today: str) -> list[HistoryRow]:
    """This run's figures, one per repository id, in document order."""
    seen: dict[int, HistoryRow] = {}
    for entry in document.all_entries():
        slot = getattr(entry, "github", None)
        if not isinstance(slot, GithubSlot) or slot.status != SlotStatus.OK:
            continue
        record = slot.record
        if record is None or record.repo_id is None or record.stars is None:
            continue
        seen.setdefault(
            record.repo_id,
            HistoryRow(today, record.repo_id, record.full_name, record.stars, record.forks),
        )
    return list(seen.values())


def plausible(observed: list[HistoryRow]) -> tuple[list[HistoryRow], list[str]]:
    """(rows to record, why each other was not): GitHub's answer is checked as a row read
    back from the file would be (a 4,000-digit star count gave a 4,000-digit trend)."""
    check = RowCheck(None)
    kept, refused = [], []
    for row in observed:
        cells = [row.date, str(row.repo_id), row.full_name, str(row.stars), str(row.forks or "")]
        try:
            check.row(cells)
        except ValueError as error:
            refused.append(f"GitHub's figures for {row.full_name[:200]!r} not recorded: {error}")
        else:
            kept.append(row)
    return kept, refused


Entry = TypeVar("Entry", bound=EntryBase)


def with_trends(document: EnrichedList, trend: Callable[[int], Trend]) -> EnrichedList:
    """``document`` with every repository slot's ``trend`` set (null without a numeric id)."""
    update: dict[str, object] = {
        name: tuple(_entry_with_trend(entry, trend) for entry in getattr(document, name))
        for name in _WITH_REPOS
    }
    update["researchers"] = tuple(
        _researcher_with_trends(researcher, trend) for researcher in document.researchers
    )
    return document.model_copy(update=update)


def _researcher_with_trends(researcher: Researcher, trend: Callable[[int], Trend]) -> Researcher:
    works: tuple[Work, ...] = tuple(_entry_with_trend(work, trend) for work in researcher.works)
    return researcher.model_copy(update={"works": works}) if works else researcher


def _entry_with_trend(entry: Entry, trend: Callable[[int], Trend]) -> Entry:
    slot = getattr(entry, "github", None)
    if not isinstance(slot, GithubSlot):
        return entry
    repo_id = slot.record.repo_id if slot.record is not None else None
    new = None if repo_id is None else trend(repo_id)
    if new == slot.trend:
        return entry
    return entry.model_copy(update={"github": slot.model_copy(update={"trend": new})})
