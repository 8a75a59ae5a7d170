"""Identities the sources find for each other, and which slots a later pass looks up again.

A source's outcome (and its spec's ``discovers``) names identities for other
sources: code links in arXiv comments, arXiv ids and repositories on project
pages, a repository's homepage. They are kept per entry and per finding
source, and handed to every *other* source that accepts them, in registry
order (an earlier source's findings are trusted first), so the hints a
target gets never depend on which stage finished first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from enrich.models import SlotBase
from enrich.pipeline.merge import SlotKey
from enrich.pipeline.targets import with_hints
from enrich.sources.interface import Hint, SlotRequest, SourceOutcome, SourceSpec


class Findings:
    """Hints found per entry, by the index of the source that found them."""

    def __init__(self, specs: Sequence[SourceSpec]) -> None:
        self.specs = tuple(specs)
        self._order = {spec.name: index for index, spec in enumerate(specs)}
        self._found: dict[str, dict[int, list[Hint]]] = {}

    def add(
        self, spec: SourceSpec, requests: Sequence[SlotRequest], outcome: SourceOutcome[SlotBase]
    ) -> None:
        """Keep what one run of ``spec`` found (its outcome's and its slots' hints)."""
        index = self._order[spec.name]
        for request in requests:
            key = request.target.key
            slot = outcome.slots.get(key)
            hints = [*outcome.discovered.get(key, ()), *(spec.discovers(slot) if slot else ())]
            if not hints:
                continue
            known = self._found.setdefault(key, {}).setdefault(index, [])
            known.extend(hint for hint in hints if hint not in known)

    def found_for(self) -> Set[str]:
        """The entries some source found something for (a view: it follows later adds)."""
        return self._found.keys()

    def for_source(self, spec: SourceSpec, key: str) -> list[Hint]:
        """Hints for ``spec``'s target of entry ``key``, found by the other sources."""
        own = self._order[spec.name]
        found = self._found.get(key, {})
        return [
            hint
            for index in sorted(found)
            if index != own
            for hint in found[index]
            if spec.accepts(hint)
        ]


def next_pass(
    spec: SourceSpec,
    requests: Sequence[SlotRequest],
    slots: Mapping[SlotKey, SlotBase],
    findings: Findings,
    tried: Mapping[tuple[str, str], tuple[Hint, ...]],
) -> list[SlotRequest]:
    """The requests of ``spec`` worth another lookup: still open, with hints not tried yet.

    A slot is open when it was never looked up (a request that waits for a
    finding) or its status is one of ``spec.retry``; a resolved slot stays.
    """
    again = []
    found = findings.found_for()
    for request in requests:
        if request.target.key not in found:
            continue  # nothing found for the entry: no new hint (most entries, every pass)
        slot = slots.get((request.target.key, request.attribute))
        if slot is not None and slot.status not in spec.retry:
            continue
        if slot is None and not request.waits:
            continue
        extra = findings.for_source(spec, request.target.key)
        if not extra:
            continue
        target = with_hints(request.target, extra)
        if target.hints != tried.get((spec.name, target.key)):
            again.append(SlotRequest(request.source, request.attribute, target, request.waits))
    return again
