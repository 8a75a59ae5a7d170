"""The run: parse, enrich, merge with the last run, validate, write — for every list.

One list failing (unreadable, or its output invalid) is reported and the
others go on. Output is only ever replaced atomically, and only after it
validated against the schema, so an interrupted or failed run leaves the
previous file as it was.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from enrich.errors import EnrichError, OutputError
from enrich.models import EnrichedList
from enrich.output.json import dumps, write_atomic
from enrich.output.schema import validation_errors
from enrich.pipeline.lists import discover, display_path, load_previous, parse_file
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


@dataclass
class RunSummary:
    lists: list[ListResult] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(result.error for result in self.lists)

    @property
    def warning_count(self) -> int:
        return sum(result.warning_count for result in self.lists)


def output_path(settings: Settings, name: str) -> Path:
    return settings.output_dir / f"{name}.json"


def write_document(path: Path, document: EnrichedList) -> bool:
    """Validate, then atomically replace ``path`` if the content changed. Returns changed."""
    text = dumps(document)
    problems = validation_errors(json.loads(text))
    if problems:
        shown = "; ".join(problems[:5]) + (" ..." if len(problems) > 5 else "")
        raise OutputError(display_path(path), f"output fails the schema, not written: {shown}")
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(path, text)
    return True


def run_list(path: Path, settings: Settings, enricher: Enricher | None) -> ListResult:
    name = path.stem
    result = ListResult(name=name, source=display_path(path))
    started = time.perf_counter()
    parsed = parse_file(path)
    timings = {"parse": time.perf_counter() - started}
    target = output_path(settings, name)
    document = EnrichedList.from_parsed(name, parsed)
    if enricher is not None:
        document = enricher.enrich(document, load_previous(target), timings)
    result.changed = write_document(target, document)
    result.output = display_path(target)
    result.warning_count = len(document.warnings)
    result.report = {"timings": timings}
    return result


def run_all(settings: Settings, enricher: Enricher | None = None) -> RunSummary:
    """Run every list; errors of one list are recorded and the next list goes on."""
    summary = RunSummary()
    for path in discover(settings):
        try:
            result = run_list(path, settings, enricher)
        except EnrichError as error:
            log.error("%s", error)
            result = ListResult(name=path.stem, source=display_path(path), error=str(error))
        summary.lists.append(result)
    return summary


class Enricher(Protocol):
    """The enrichment stages: fill a parsed document's slots, merging the last run's values."""

    def enrich(
        self, document: EnrichedList, previous: EnrichedList | None, timings: dict[str, float]
    ) -> EnrichedList: ...
