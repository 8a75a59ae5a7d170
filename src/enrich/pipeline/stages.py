"""The enrichment stages of one list: every source at once, then passes for what they found.

The first pass runs every chosen source side by side, each on the slots the
list's own links can fill: pages and GitHub do their work while arXiv's paced
queue drains, so a cold run costs about its slowest source, not the sum.
Each later pass looks up again, side by side, the slots still open for which
another source found something (a code link in an arXiv comment, an arXiv id
or repository on a project page, a repository's homepage for a paper without
a page), until nothing new is found. A pass starts only when the previous one
has finished, so what each source is asked never depends on which finished
first: the output is the same however the timing falls.

Which sources exist, which slots they fill and which findings they use is the
registry's (:mod:`enrich.sources.registry`); the merge with last run's values
happens here, once, for every source.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from enrich.clock import utc_today
from enrich.http.types import Door
from enrich.models import DataWarning, EnrichedList, SlotBase
from enrich.pipeline.discoveries import Findings, next_pass
from enrich.pipeline.merge import (
    FAILED,
    LastRunOf,
    SlotKey,
    apply_slots,
    holds_record,
    keep_last_good,
    stale_warnings,
)
from enrich.pipeline.targets import slot_requests
from enrich.report import StageLog
from enrich.settings import Settings
from enrich.sources.interface import Hint, SlotRequest, Source, SourceOutcome, SourceSpec
from enrich.sources.registry import SOURCES, chosen
from enrich.warning_order import sorted_warnings

MAX_PASSES = 5  # findings only grow, so passes end; this bounds a pathological chain
ALL_STAGES = "sources"  # the report's wall time of every pass: about the slowest source's own


class StagedEnricher:
    """Runs the chosen sources (``--only``, else the default ones) over a document, one door."""

    def __init__(
        self,
        door: Door,
        settings: Settings,
        *,
        today: Callable[[], str] = utc_today,
        on_stage: Callable[[str], None] | None = None,
        specs: Sequence[SourceSpec] = SOURCES,
        source_done: Callable[[], object] | None = None,
    ) -> None:
        self.settings = settings
        self.today = today
        self.on_stage = on_stage or (lambda stage: None)
        # Called from a source's thread each time it has finished a pass (the last call
        # comes before the merge): the process's owner gives back the memory the source
        # freed (enrich.pipeline.arenas).
        self.source_done = source_done or (lambda: None)
        self.specs = tuple(specs)
        self.sources: dict[str, Source] = {
            spec.name: spec.build(door, settings) for spec in chosen(settings.only, specs)
        }

    def enrich(
        self, document: EnrichedList, previous: Mapping[SlotKey, SlotBase], log: StageLog
    ) -> EnrichedList:
        run = _ListRun(self, document, previous, log)
        run.run()
        return run.result()


@dataclass(frozen=True)
class _Job:
    """One source's lookups in one pass."""

    spec: SourceSpec
    requests: tuple[SlotRequest, ...]


class _ListRun:
    """The state of one list's enrichment: requests, slots found, warnings."""

    def __init__(
        self,
        owner: StagedEnricher,
        document: EnrichedList,
        previous: Mapping[SlotKey, SlotBase],
        log: StageLog,
    ) -> None:
        self.owner = owner
        self.document = document
        self.log = log
        self.requests = slot_requests(document, owner.specs)
        self.by_source: dict[str, list[SlotRequest]] = {}  # grouped once: asked every pass
        for request in self.requests:
            self.by_source.setdefault(request.source, []).append(request)
        self.old = previous
        self.known = frozenset(previous)  # the keys only: reading a slot costs a parse
        self.running = [spec for spec in owner.specs if spec.name in owner.sources]
        self.slots: dict[SlotKey, SlotBase] = {}
        self.warnings: list[DataWarning] = list(document.warnings)
        self.entry_warnings: dict[tuple[str, str], tuple[DataWarning, ...]] = {}
        self.findings = Findings(owner.specs)
        self.tried: dict[tuple[str, str], tuple[Hint, ...]] = {}

    def _of(self, spec: SourceSpec) -> list[SlotRequest]:
        return self.by_source.get(spec.name, [])

    def run(self) -> None:
        jobs = [_Job(s, tuple(r for r in self._of(s) if not r.waits)) for s in self.running]
        with self.log.timed(ALL_STAGES):
            for number in range(MAX_PASSES):
                jobs = [job for job in jobs if job.requests]
                if not jobs:
                    return
                self._pass(jobs, "" if number == 0 else ":second_pass")
                jobs = [
                    _Job(s, tuple(next_pass(s, self._of(s), self.slots, self.findings, self.tried)))
                    for s in self.running
                ]
        left = sum(len(job.requests) for job in jobs)
        if left:
            self.log.notes.append(
                f"stopped after {MAX_PASSES} passes: {left} lookup(s) with newer findings not made"
            )

    def _pass(self, jobs: Sequence[_Job], suffix: str) -> None:
        """Run the jobs side by side; take their outcomes in registry order."""
        for job in jobs:
            self.owner.on_stage(
                f"{self.document.name}: {job.spec.name}{suffix} ({len(job.requests)} lookups)"
            )
        with ThreadPoolExecutor(max_workers=len(jobs), thread_name_prefix="stage") as pool:
            futures = [pool.submit(self._resolve, job) for job in jobs]
            results = [future.result() for future in futures]
        for job, (outcome, seconds) in zip(jobs, results, strict=True):
            stage = job.spec.name + suffix
            self.log.timings[stage] = self.log.timings.get(stage, 0.0) + seconds
            self._record(job, outcome)

    def _resolve(self, job: _Job) -> tuple[SourceOutcome[Any], float]:
        started = time.perf_counter()
        keys = {r.target.key: (r.target.key, r.attribute) for r in job.requests}
        previous = LastRunOf(self.old, {k: v for k, v in keys.items() if v in self.known})
        source = self.owner.sources[job.spec.name]
        outcome = source.resolve([r.target for r in job.requests], previous)
        seconds = time.perf_counter() - started
        self.owner.source_done()
        return outcome, seconds

    def _record(self, job: _Job, outcome: SourceOutcome[Any]) -> None:
        """Keep a pass's slots; a target's warnings replace those of its earlier lookup."""
        by_entry: dict[str, list[DataWarning]] = {}
        for warning in outcome.warnings:
            if warning.entry_id is None:
                self.warnings.append(warning)
            else:
                by_entry.setdefault(warning.entry_id, []).append(warning)
        for request in job.requests:
            key = request.target.key
            slot = outcome.slots.get(key)
            if slot is not None:
                self.slots[(key, request.attribute)] = slot
            self.tried[(job.spec.name, key)] = request.target.hints
            self.entry_warnings[(job.spec.name, key)] = tuple(by_entry.get(key, ()))
        self.log.notes.extend(outcome.notes)
        self.findings.add(job.spec, job.requests, self._as_kept(job, outcome))

    def _as_kept(self, job: _Job, outcome: SourceOutcome[Any]) -> SourceOutcome[Any]:
        """The outcome with each failed slot as the merge will keep it (last run's record, stale).

        What other sources derive from a slot (a repository's homepage checked
        as the paper's page) is derived from the value the output keeps: a
        GitHub outage keeps the repository's record, so it keeps its page too.
        """
        kept: dict[str, SlotBase] = {}
        today = self.owner.today()
        for request in job.requests:
            key = (request.target.key, request.attribute)
            slot = outcome.slots.get(request.target.key)
            if slot is not None and slot.status in FAILED and holds_record(self.old, key):
                kept[request.target.key] = keep_last_good(slot, self.old.get(key), today)
        if not kept:
            return outcome
        return replace(outcome, slots={**outcome.slots, **kept})

    def result(self) -> EnrichedList:
        today = self.owner.today()
        merged: dict[SlotKey, SlotBase] = {}
        for request in self.requests:
            key = (request.target.key, request.attribute)
            new = self.slots.get(key)
            if new is not None and new.status not in FAILED:
                merged[key] = new  # last run's slot is not needed: not read at all
                continue
            if new is not None:  # failed: last run's record, if it held one, is kept stale
                old = self.old.get(key) if holds_record(self.old, key) else None
                merged[key] = keep_last_good(new, old, today)
            elif key in self.known and (old := self.old.get(key)) is not None:
                merged[key] = old  # source not run, or nothing found to look up: keep it
        document = apply_slots(self.document, merged)
        found = [w for warnings in self.entry_warnings.values() for w in warnings]
        warnings = sorted_warnings([*self.warnings, *found, *stale_warnings(document)])
        return document.model_copy(update={"warnings": warnings})
