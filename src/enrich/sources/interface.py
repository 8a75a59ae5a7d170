"""The small interface every source implements.

The pipeline turns entries into *targets* (what to look up, and the hints the
list and other stages give), hands a batch of targets to a source, and gets
back one slot per target plus warnings. A source never sees the whole
document, never writes files, and reaches the network only through the
:class:`~enrich.http.types.Door` it was given. Merging with the previous run
(keeping last good values, marking them stale) is the pipeline's job, so every
source gets it for free; a source only says what happened *this* run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from enrich.models import ArxivSlot, DataWarning, GithubSlot, PageRecord, PageSlot


@dataclass(frozen=True)
class Hint:
    """A candidate identity found somewhere (a link, a badge, another stage)."""

    value: str  # a URL, an arXiv id, or owner/name
    method: str  # Provenance.method to record if this hint wins


@dataclass(frozen=True)
class Target:
    """One entry to look up. ``key`` is the entry's id; slots come back keyed by it."""

    key: str
    file: str
    line: int
    title: str | None = None  # the list's label or title
    year: int | None = None  # venue year, for plausibility checks
    hints: tuple[Hint, ...] = ()  # in order of trust, most trusted first


SlotT = TypeVar("SlotT", ArxivSlot, GithubSlot, PageSlot)


@dataclass(frozen=True)
class SourceOutcome(Generic[SlotT]):
    """What a source found this run."""

    slots: Mapping[str, SlotT]  # by Target.key; every target gets a slot
    warnings: tuple[DataWarning, ...] = ()
    # Identities found on the way, for other stages (e.g. repos in arXiv
    # comments, arXiv ids on project pages): target key -> hints.
    discovered: Mapping[str, tuple[Hint, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # run-report lines (e.g. "GitHub quota spent, 12 skipped")


class ArxivSourceProtocol(Protocol):
    def resolve(self, targets: Sequence[Target]) -> SourceOutcome[ArxivSlot]: ...


class GithubSourceProtocol(Protocol):
    def resolve(self, targets: Sequence[Target]) -> SourceOutcome[GithubSlot]: ...


class PagesSourceProtocol(Protocol):
    def check(
        self, targets: Sequence[Target], previous: Mapping[str, PageRecord]
    ) -> SourceOutcome[PageSlot]: ...
