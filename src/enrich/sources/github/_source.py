"""The GitHub source: find each entry's repository and fill its facts.

Flow of :meth:`GithubSource.resolve`:

1. :func:`~enrich.sources.github._plan.candidates` turns each target's hints
   into repositories to try, most trusted first (Code link, badge, arXiv
   comment, project page, then ``*.github.io`` guesses).
2. In rounds, the current candidate of every open target is looked up; each
   repository once, however many entries name it. Fresh answers come from the
   per-repository cache; the rest from GraphQL batches with a token, or REST
   within the unauthenticated budget without one.
3. A missing candidate moves its target to its next candidate; anything else
   settles it. :func:`~enrich.sources.github._plan.decide` turns the lookups
   into the slot and warnings.

A failed or skipped lookup is a status with a reason, never a zero: the
pipeline keeps the last good record and marks it stale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from enrich.http.types import Door
from enrich.identity.github import RepoRef
from enrich.models import DataWarning, GithubSlot, SlotBase
from enrich.settings import Settings
from enrich.sources.github._batch import GraphqlFetcher
from enrich.sources.github._cache import RepoCache
from enrich.sources.github._plan import Candidate, Found, Lookup, candidates, decide
from enrich.sources.github._restfetch import RestFetcher
from enrich.sources.github._settings import GithubSettings
from enrich.sources.interface import NO_PREVIOUS, SourceOutcome, Target


class GithubSource:
    """Resolves targets to repositories; see the module docstring."""

    def __init__(self, door: Door, settings: Settings) -> None:
        self.cache = RepoCache(door, settings)
        self.fetcher: GraphqlFetcher | RestFetcher = (
            GraphqlFetcher(door, settings)
            if settings.of(GithubSettings).token
            else RestFetcher(door, settings)
        )

    def resolve(
        self, targets: Sequence[Target], previous: Mapping[str, SlotBase] = NO_PREVIOUS
    ) -> SourceOutcome[GithubSlot]:
        """The :class:`~enrich.sources.interface.Source` method; last run's slots are not needed."""
        plans = {t.key: candidates(t) for t in targets}
        tried: dict[str, list[tuple[Candidate, Lookup]]] = {t.key: [] for t in targets}
        answers: dict[str, Lookup] = {}
        cached = 0
        open_keys = [t.key for t in targets if plans[t.key][0]]
        while open_keys:
            current = {key: plans[key][0][len(tried[key])] for key in open_keys}
            cached += self._lookup([c.ref for c in current.values()], answers)
            for key, candidate in current.items():
                tried[key].append((candidate, answers[candidate.ref.key]))
            open_keys = [key for key in open_keys if _next_round(plans[key][0], tried[key])]
        slots: dict[str, GithubSlot] = {}
        warnings: list[DataWarning] = []
        for target in targets:
            decision = decide(target, tuple(tried[target.key]), plans[target.key][1])
            slots[target.key] = decision.slot
            warnings.extend(decision.warnings)
        notes = (self.fetcher.note(len(answers), cached),) if answers else ()
        return SourceOutcome(slots=slots, warnings=tuple(warnings), notes=notes)

    def _lookup(self, refs: list[RepoRef], answers: dict[str, Lookup]) -> int:
        """Fill ``answers`` for ``refs`` not yet answered; return how many came from the cache."""
        wanted = {ref.key: ref for ref in refs if ref.key not in answers}
        fresh = self.cache.recall(wanted.values())
        answers.update(fresh)
        fetched = self.fetcher.fetch([ref for key, ref in wanted.items() if key not in fresh])
        self.cache.remember(fetched)
        answers.update(fetched)
        return len(fresh)


def _next_round(plan: tuple[Candidate, ...], tried: list[tuple[Candidate, Lookup]]) -> bool:
    """Whether a target goes on to its next candidate (its current one is missing)."""
    return tried[-1][1].outcome == Found.MISSING and len(tried) < len(plan)
