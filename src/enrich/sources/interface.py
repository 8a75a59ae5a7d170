"""The one seam between the pipeline and every source.

The pipeline turns entries into *targets* (what to look up, and the hints the
list and other stages give), hands a batch of targets to a source, and gets
back one slot per target plus warnings. A source never sees the whole
document, never writes files, and reaches the network only through the
:class:`~enrich.http.types.Door` it was given. Merging with the previous run
(keeping last good values, marking them stale) is the pipeline's job, so every
source gets it for free; a source only says what happened *this* run.

A source is two things: an object with the one method of :class:`Source`, and
a :class:`SourceSpec` saying which entries it serves, how their targets are
built, which identities found by other sources it can use, and how to build
it. The pipeline reads the specs from :mod:`enrich.sources.registry` and
knows no source by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from enrich.errors import NetworkError, NotAsked, OfflineMiss, RateLimited
from enrich.models import DataWarning, EntryBase, SlotBase, SlotStatus
from enrich.settings import SourceSettings

if TYPE_CHECKING:
    from enrich.http.policy import ServicePolicy
    from enrich.http.types import Door
    from enrich.settings import Settings

OFFLINE_REASON = "offline and not in the cache"


@dataclass(frozen=True)
class DoorFailure:
    """What a request the door could not answer means for the slots that needed it.

    ``status`` is :attr:`SlotStatus.SKIPPED` when the service was not asked
    (``--offline`` and not cached, the quota spent, the host or service given
    up earlier this run: nothing is known to be wrong) and
    :attr:`SlotStatus.ERROR` when it was asked and failed.
    ``quota_spent``: the service refuses more this run, so a source stops
    asking it and skips the rest too.
    """

    status: SlotStatus
    reason: str
    quota_spent: bool = False

    @property
    def skipped(self) -> bool:
        return self.status is SlotStatus.SKIPPED


def door_failure(title: str, error: NetworkError) -> DoorFailure:
    """The one mapping from a door failure to a slot status and its wording, for every source.

    ``title`` is the service as a reader knows it ("arXiv", "GitHub REST").
    """
    if isinstance(error, OfflineMiss):
        return DoorFailure(SlotStatus.SKIPPED, OFFLINE_REASON)
    if isinstance(error, NotAsked):
        return DoorFailure(SlotStatus.SKIPPED, f"{title} not asked: {error.message}")
    if isinstance(error, RateLimited):
        return DoorFailure(
            SlotStatus.SKIPPED, f"{title} quota spent: {error.message}", quota_spent=True
        )
    return DoorFailure(
        SlotStatus.ERROR,
        f"{title} request failed: {error.message} (after {error.attempts} attempt(s))",
    )


PROJECT_PAGE = "project_page"  # Hint.role of a project page found by a source


@dataclass(frozen=True)
class Hint:
    """A candidate identity found somewhere (a link, a badge, another stage).

    ``role`` says what a discovered hint is when its value alone does not
    (a project page is just a URL): the source that checks such things
    accepts it by role, whichever source found it, so a new source that finds
    project pages needs no line in the pages source.
    """

    value: str  # a URL, an arXiv id, or owner/name
    method: str  # Provenance.method to record if this hint wins
    role: str = ""  # PROJECT_PAGE, or "" when the value says what it is


@dataclass(frozen=True)
class Target:
    """One entry to look up. ``key`` is the entry's id; slots come back keyed by it."""

    key: str
    file: str
    line: int
    title: str | None = None  # the list's label or title
    year: int | None = None  # venue year, for plausibility checks
    hints: tuple[Hint, ...] = ()  # in order of trust, most trusted first

    @classmethod
    def of(
        cls, entry: EntryBase, file: str, title: str | None, year: int | None, *hints: Hint
    ) -> Target:
        """The target of one entry of the list ``file``."""
        return cls(key=entry.id, file=file, line=entry.line, title=title, year=year, hints=hints)


SlotT = TypeVar("SlotT", bound=SlotBase)


@dataclass(frozen=True)
class SourceOutcome(Generic[SlotT]):
    """What a source found this run."""

    slots: Mapping[str, SlotT]  # by Target.key; every target gets a slot
    warnings: tuple[DataWarning, ...] = ()
    # Identities found on the way, for other stages (e.g. repos in arXiv
    # comments, arXiv ids on project pages): target key -> hints.
    discovered: Mapping[str, tuple[Hint, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # run-report lines (e.g. "GitHub quota spent, 12 skipped")


NO_PREVIOUS: Mapping[str, SlotBase] = {}


class Source(Protocol):
    """The one method every source has.

    ``previous`` holds last run's slots by target key, for sources whose
    verdicts carry history (a page's failure streak); the others ignore it.
    """

    def resolve(
        self, targets: Sequence[Target], previous: Mapping[str, SlotBase] = NO_PREVIOUS
    ) -> SourceOutcome[Any]: ...


@dataclass(frozen=True)
class SlotRequest:
    """One slot of one entry that one source should fill.

    ``waits`` marks a slot worth filling only when another source discovers
    an identity for it (a researcher's work linked to a project page gets an
    arXiv slot once the page links a paper): it is not looked up without one.
    """

    source: str  # the SourceSpec's name
    attribute: str  # the entry field the slot lives in
    target: Target
    waits: bool = False


def _accepts_nothing(hint: Hint) -> bool:
    return False


def _discovers_nothing(slot: SlotBase) -> tuple[Hint, ...]:
    return ()


@dataclass(frozen=True)
class SourceSpec:
    """Everything the pipeline needs to know about one source, declared by the source.

    - ``name``: the ``--only`` name, the stage's name in the report.
    - ``build``: makes the source for a run, from the door and the settings.
    - ``requests``: the slots one entry asks of this source (none if it serves
      no such entry), from the entry and the list's display path.
    - ``accepts``: which hints other sources discover are identities for this
      source (an arXiv id on a project page, a repository's homepage).
    - ``discovers``: hints this source's slots give the others, beyond what
      its outcome's ``discovered`` says (e.g. a repository's homepage).
    - ``retry``: the statuses a slot may have for a later pass with newly
      discovered hints to look it up again (a slot already resolved is kept).
    - ``policy``: how the door treats the service (pacing, freshness, quota,
      body cap, authentication), built from the settings; the door is built
      with every registered source's policy.
    - ``default``: whether a run without ``--only`` uses it (a source still
      being brought in can be registered and asked for by name first).
    - ``settings``: its own frozen settings class (endpoint, key, pacing,
      freshness, redirect limit, and the environment variables it reads);
      the run's instance is ``settings.of(spec.settings)``.
    """

    name: str
    build: Callable[[Door, Settings], Source]
    requests: Callable[[EntryBase, str], Iterable[SlotRequest]]
    accepts: Callable[[Hint], bool] = _accepts_nothing
    discovers: Callable[[SlotBase], tuple[Hint, ...]] = _discovers_nothing
    retry: frozenset[SlotStatus] = frozenset({SlotStatus.UNRESOLVED})
    policy: Callable[[Settings], ServicePolicy] | None = None
    default: bool = True
    settings: type[SourceSettings] = SourceSettings
