"""The run: parse, enrich, merge with the last run, validate, write — for every list.

One list failing (unreadable, or its output invalid) is reported and the
others go on. Output is only ever replaced atomically, and only after it
validated against the schema, so an interrupted or failed run leaves the
previous file as it was.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rich.console import Console

from enrich.errors import EnrichError, OutputError
from enrich.findings import with_findings
from enrich.history import history_path, record_history
from enrich.inputs import discover, display_path
from enrich.models import EnrichedList, SlotBase
from enrich.output.json import dump_bytes, dump_chunks, dumps, same_chunks, write_atomic
from enrich.output.schema import ENTRY_LISTS, document_problems
from enrich.pipeline.lists import OutputKey, keep_written, load_previous, parse_file
from enrich.pipeline.merge import SlotKey
from enrich.pipeline.parsed import parse_kept
from enrich.pipeline.reuse import (
    ListFiles,
    RunMemory,
    remember_if_repeatable,
    reusable_report,
    reused,
    usable,
)
from enrich.report import StageLog, build_report, markdown, print_error, render
from enrich.settings import Settings

log = logging.getLogger("enrich.pipeline")


@dataclass
class ListResult:
    """What happened to one list."""

    name: str
    source: str
    output: str | None = None
    changed: bool = False
    error: str | None = None
    warning_count: int = 0
    report: dict[str, object] = field(default_factory=dict)
    document: EnrichedList | None = field(default=None, repr=False)  # moved to the summary


@dataclass
class RunSummary:
    lists: list[ListResult] = field(default_factory=list)
    # The last list's document, for enrich.leave: the process may end without freeing it.
    # One at a time: the one before is let go when the next list starts.
    last_document: EnrichedList | None = field(default=None, repr=False)

    @property
    def failed(self) -> bool:
        return any(result.error for result in self.lists)

    @property
    def warning_count(self) -> int:
        return sum(result.warning_count for result in self.lists)


def output_path(settings: Settings, name: str) -> Path:
    return settings.output_dir / f"{name}.json"


def write_document(path: Path, document: EnrichedList, key: OutputKey | None = None) -> bool:
    """Atomically replace ``path`` if the content changed, after validating it. Returns changed.

    Bytes equal to the file already there are neither written nor checked
    again: that file was checked when it was written (a warm run's output is
    the same document, and its entry-by-entry check was most of the write).
    The JSON is made an entry at a time, compared with the file and written as
    it comes (:func:`~enrich.output.json.dump_chunks`), never held whole: at
    10,000 entries it is 60 MB, the last step of a run's peak. A changed output
    is made twice (once up to the first difference), which costs less than it
    held. ``key``, if given, is fed the bytes written.
    """
    if same_chunks(path, dump_chunks(document, ENTRY_LISTS)):
        return False
    problems = document_problems(document, lambda: dump_bytes(document))
    if problems:
        shown = "; ".join(problems[:5]) + (" ..." if len(problems) > 5 else "")
        raise OutputError(display_path(path), f"output fails the schema, not written: {shown}")
    chunks = dump_chunks(document, ENTRY_LISTS)
    write_atomic(path, chunks if key is None else key.fed(chunks))
    return True


def run_list(
    path: Path,
    settings: Settings,
    enricher: Enricher | None,
    requests: RequestCounter,
    memory: RunMemory | None = None,
) -> ListResult:
    """Parse, enrich and write one list (or reuse its output, :mod:`.reuse`); the report
    goes beside the JSON's folder."""
    name = path.stem
    target = output_path(settings, name)
    files = ListFiles(path, target, history_path(settings, name))
    if enricher is None or not usable(settings):
        memory = None
    if memory is not None and enricher is not None:
        started, before = time.perf_counter(), requests()
        last = reusable_report(memory, files, settings, enricher.today())
        if last is not None:
            counts = _difference(requests(), before)
            report = reused(last, time.perf_counter() - started, counts)
            return _result(path, target, report, settings)
        memory.watch()
    log = StageLog()
    with log.timed("parse"):
        parsed = parse_file(path) if enricher is None else parse_kept(path, settings.cache_dir)
    document = EnrichedList.from_parsed(name, parsed)
    if settings.changed_since is not None:
        from enrich.changes import changed_lines, only_changed

        document = only_changed(document, changed_lines(path, settings.changed_since))
    before = requests()
    if enricher is not None:
        document = enricher.enrich(document, load_previous(target, settings.cache_dir), log)
        with log.timed("findings"):
            document = with_findings(document)
        with log.timed("history"):
            document = record_history(document, files.history, enricher.today())
    with log.timed("write"):
        key = None if enricher is None else OutputKey()
        changed = write_document(target, document, key)
        if changed and key is not None:  # the next run reads these slots back
            keep_written(target, key, document, settings.cache_dir)
    report = build_report(
        document, log, _difference(requests(), before), changed=changed, output=display_path(target)
    )
    if memory is not None and enricher is not None:
        remember_if_repeatable(memory, files, settings, enricher.today(), report)
    return _result(path, target, report, settings, document)


def _result(
    path: Path,
    target: Path,
    report: dict[str, Any],
    settings: Settings,
    document: EnrichedList | None = None,
) -> ListResult:
    write_atomic(settings.report_dir / f"{path.stem}.report.json", dumps(report))
    return ListResult(
        name=path.stem,
        source=display_path(path),
        output=display_path(target),
        changed=bool(report["changed"]),
        warning_count=int(report["warning_count"]),
        report=report,
        document=document,
    )


RequestCounter = Callable[[], Mapping[str, Any]]


def _no_requests() -> Mapping[str, Any]:
    return {}


def _difference(after: Mapping[str, Any], before: Mapping[str, Any]) -> dict[str, Any]:
    """Counters of this list alone: the door counts for the whole run, so subtract.

    Integers (not booleans) are subtracted at any depth; everything else is
    taken as it is after the list.
    """
    result: dict[str, Any] = {}
    for key, value in after.items():
        old = before.get(key)
        if isinstance(value, Mapping):
            result[key] = _difference(value, old if isinstance(old, Mapping) else {})
        elif isinstance(value, int) and not isinstance(value, bool) and isinstance(old, int):
            result[key] = value - old
        else:
            result[key] = value
    return result


def run_all(
    settings: Settings,
    enricher: Enricher | None = None,
    requests: RequestCounter = _no_requests,
    console: Console | None = None,
    memory: RunMemory | None = None,
) -> RunSummary:
    """Run every list; errors of one list are recorded and the next list goes on.

    With ``memory`` (the door), a list whose inputs are as its last quiet run left
    them is not run again: its output is reused (:mod:`enrich.pipeline.reuse`).
    """
    console = console or Console(stderr=True, quiet=settings.quiet)
    summary = RunSummary()
    for path in discover(settings):
        summary.last_document = None  # the last list's is let go before the next one runs
        result = _run_guarded(path, settings, enricher, requests, console, memory)
        summary.last_document, result.document = result.document, None
        summary.lists.append(result)
    return summary


def _run_guarded(
    path: Path,
    settings: Settings,
    enricher: Enricher | None,
    requests: RequestCounter,
    console: Console,
    memory: RunMemory | None = None,
) -> ListResult:
    """One list, any failure of which becomes that list's error, so the next list runs."""
    shown = display_path(path)
    try:
        result = run_list(path, settings, enricher, requests, memory)
        render(result.report, console)
        if settings.step_summary is not None:
            with settings.step_summary.open("a", encoding="utf-8") as summary_file:
                summary_file.write(markdown(result.report))
        return result
    except EnrichError as error:
        message = str(error)
    except Exception as error:  # the top-level guard: reported with its traceback at -v
        log.info("%s: traceback of the failure", shown, exc_info=True)
        message = f"{shown}: unexpected {type(error).__name__}: {error} (-v shows the traceback)"
    print_error(console, message)
    return ListResult(name=path.stem, source=shown, error=message)


class Enricher(Protocol):
    """The enrichment stages: fill a parsed document's slots, merging the last run's values."""

    today: Callable[[], str]  # the run's one clock (enrich.clock.utc_today unless a test's)

    def enrich(
        self, document: EnrichedList, previous: Mapping[SlotKey, SlotBase], log: StageLog
    ) -> EnrichedList: ...
