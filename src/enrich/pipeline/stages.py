"""The enrichment stages of one list, and how findings flow between them.

Order: arXiv, then GitHub (with code links found in arXiv comments and
abstracts), then pages (with repositories' homepages), then a second pass in
which arXiv ids and repositories found on project pages resolve the entries
the first pass left unresolved. Each source sees only targets and hints; the
merge with last run's values happens here, once, for every source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from enrich.http.types import Door
from enrich.models import (
    DataWarning,
    EnrichedList,
    GithubSlot,
    PageRecord,
    SlotBase,
    SlotStatus,
)
from enrich.pipeline.merge import (
    SlotKey,
    apply_slots,
    keep_last_good,
    sorted_warnings,
    stale_warnings,
)
from enrich.pipeline.targets import SlotRequest, slot_requests, with_hints
from enrich.report import StageLog
from enrich.settings import Settings
from enrich.sources.arxiv import ArxivSource
from enrich.sources.github import GithubSource
from enrich.sources.interface import Hint, SourceOutcome, Target
from enrich.sources.pages import PagesSource


def utc_today() -> str:
    return datetime.now(UTC).date().isoformat()


class StagedEnricher:
    """Runs the sources chosen in ``settings.only`` over a document, through one door."""

    def __init__(
        self,
        door: Door,
        settings: Settings,
        *,
        today: Callable[[], str] = utc_today,
        on_stage: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings
        self.today = today
        self.on_stage = on_stage or (lambda stage: None)
        self.arxiv = ArxivSource(door, settings)
        self.github = GithubSource(door, settings)
        self.pages = PagesSource(door, settings)

    def enrich(
        self, document: EnrichedList, previous: Mapping[SlotKey, SlotBase], log: StageLog
    ) -> EnrichedList:
        run = _ListRun(self, document, previous, log)
        run.first_pass()
        run.second_pass()
        return run.result()


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
        self.settings = owner.settings
        self.document = document
        self.log = log
        self.requests = slot_requests(document)
        self.old = previous
        self.slots: dict[SlotKey, SlotBase] = {}
        self.warnings: list[DataWarning] = list(document.warnings)
        self.found_on_pages: dict[str, tuple[Hint, ...]] = {}

    def _of(self, source: str) -> list[SlotRequest]:
        return [r for r in self.requests if r.source == source]

    def _record(self, requests: Sequence[SlotRequest], outcome: SourceOutcome[Any]) -> None:
        for request in requests:
            slot = outcome.slots.get(request.target.key)
            if slot is not None:
                self.slots[(request.target.key, request.attribute)] = slot
        self.warnings.extend(outcome.warnings)
        self.log.notes.extend(outcome.notes)

    def _run(self, source: str) -> bool:
        if source in self.settings.only:
            self.owner.on_stage(f"{self.document.name}: {source} ({len(self._of(source))} lookups)")
            return True
        return False

    def first_pass(self) -> None:
        discovered = self._arxiv_stage() if self._run("arxiv") else {}
        if self._run("github"):
            self._github_stage(discovered)
        if self._run("pages"):
            self._pages_stage()

    def _arxiv_stage(self) -> Mapping[str, tuple[Hint, ...]]:
        """Resolve arXiv ids; return the code links found in comments and abstracts."""
        with self.log.timed("arxiv"):
            requests = self._of("arxiv")
            outcome = self.owner.arxiv.resolve([r.target for r in requests])
            self._record(requests, outcome)
            return outcome.discovered

    def _github_stage(self, discovered: Mapping[str, tuple[Hint, ...]]) -> None:
        with self.log.timed("github"):
            requests = [_extend(r, discovered.get(r.target.key, ())) for r in self._of("github")]
            self._record(requests, self.owner.github.resolve([r.target for r in requests]))

    def _pages_stage(self) -> None:
        """Check pages (with repositories' homepages as fallbacks); keep what they link to."""
        with self.log.timed("pages"):
            requests = [_extend(r, self._homepage_hints(r.target.key)) for r in self._of("pages")]
            previous = self._previous_pages(requests)
            outcome = self.owner.pages.check([r.target for r in requests], previous)
            self._record(requests, outcome)
            self.found_on_pages = dict(outcome.discovered)

    def second_pass(self) -> None:
        """Resolve what the first pass could not, from identities found on project pages."""
        for source, attribute, method in (
            ("arxiv", "arxiv", self.owner.arxiv),
            ("github", "github", self.owner.github),
        ):
            if source not in self.settings.only:
                continue
            retry = []
            for request in self._of(source):
                slot = self.slots.get((request.target.key, attribute))
                hints = tuple(
                    h for h in self.found_on_pages.get(request.target.key, ()) if _fits(source, h)
                )
                if hints and slot is not None and slot.status == SlotStatus.UNRESOLVED:
                    retry.append(_extend(request, hints))
            if retry:
                with self.log.timed(f"{source}:second_pass"):
                    self._record(retry, method.resolve([r.target for r in retry]))

    def _homepage_hints(self, key: str) -> tuple[Hint, ...]:
        github = self.slots.get((key, "github"))
        if not isinstance(github, GithubSlot) or github.record is None:
            return ()
        record = github.record
        hints = []
        if record.homepage and record.homepage.startswith(("http://", "https://")):
            hints.append(Hint(record.homepage, "repo_homepage"))
        owner, _, name = record.full_name.partition("/")
        if name.lower() == f"{owner.lower()}.github.io":
            hints.append(Hint(f"https://{name.lower()}/", "github_io"))
        return tuple(hints)

    def _previous_pages(self, requests: Sequence[SlotRequest]) -> dict[str, PageRecord]:
        records = {}
        for request in requests:
            old = self.old.get((request.target.key, request.attribute))
            record = getattr(old, "record", None)
            if isinstance(record, PageRecord):
                records[request.target.key] = record
        return records

    def result(self) -> EnrichedList:
        today = self.owner.today()
        merged: dict[SlotKey, SlotBase] = {}
        for request in self.requests:
            key = (request.target.key, request.attribute)
            old = self.old.get(key)
            new = self.slots.get(key)
            if new is None:  # source not run: keep last run's slot untouched
                if old is not None:
                    merged[key] = old
                continue
            merged[key] = keep_last_good(new, old, today)
        document = apply_slots(self.document, merged)
        warnings = sorted_warnings([*self.warnings, *stale_warnings(document)])
        return document.model_copy(update={"warnings": warnings})


def _fits(source: str, hint: Hint) -> bool:
    looks_like_repo = "github.com/" in hint.value
    return looks_like_repo if source == "github" else not looks_like_repo


def _extend(request: SlotRequest, hints: tuple[Hint, ...]) -> SlotRequest:
    if not hints:
        return request
    target: Target = with_hints(request.target, hints)
    return SlotRequest(request.source, request.attribute, target)
