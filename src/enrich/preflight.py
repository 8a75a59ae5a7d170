"""Local paths checked once before a run, so a wrong folder is one clear line.

Why here and not where the paths are used: a cache folder that is a file
surfaces deep in sqlite as "unable to open database file", and an output
folder that is a file as NotADirectoryError from the first list's write. Both
are configuration mistakes that no list can get past, so they end the command
at once with a usage error naming the setting and the path. Problems that
concern one list (its target is a folder, a read-only output folder) are left
to the write, which reports that list and lets the next one run.

The job summary (``GITHUB_STEP_SUMMARY``) is a side output: when it cannot be
written the run still enriches every list, says so once, and exits 1.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from enrich.errors import UsageError
from enrich.settings import Settings


def blocking_file(folder: Path) -> Path | None:
    """The existing non-folder that stops ``folder`` from being (or becoming) a folder."""
    for part in (*reversed(folder.parents), folder):
        if part.exists() and not part.is_dir():
            return part
    return None


def check_folder(setting: str, folder: Path) -> None:
    """Raise :class:`UsageError` when ``folder`` is, or lies under, a file."""
    blocker = blocking_file(folder)
    if blocker is None:
        return
    where = "is a file" if blocker == folder else f"lies under {blocker}, which is a file"
    raise UsageError(f"{setting} {folder}: {where}, expected a folder")


def check_run_folders(settings: Settings) -> None:
    """Every folder a run writes to can be a folder."""
    check_folder("--output-dir", settings.output_dir)
    check_folder("--report-dir", settings.report_dir)
    check_cache_folder(settings)


def check_cache_folder(settings: Settings) -> None:
    check_folder("--cache-dir (ENRICH_CACHE_DIR)", settings.cache_dir)


def usable_step_summary(settings: Settings) -> tuple[Settings, str | None]:
    """Settings whose job summary can be appended to, and the problem if it could not.

    The file is opened for appending (which creates it, as GitHub does), so
    every reason it might fail — a folder, a missing parent, no permission —
    is found before the first list instead of after it.
    """
    path = settings.step_summary
    if path is None:
        return settings, None
    try:
        with path.open("a", encoding="utf-8"):
            pass
    except OSError as error:
        reason = "is a folder, expected a file" if path.is_dir() else error.strerror or str(error)
        problem = f"GITHUB_STEP_SUMMARY {path}: {reason}; the run goes on without a job summary"
        return replace(settings, step_summary=None), problem
    return settings, None
