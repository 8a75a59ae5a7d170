"""What each entry asks of each source: slots, targets and hints.

Which slots an entry needs, and the hints its links give, are each source's
own declaration (:attr:`~enrich.sources.interface.SourceSpec.requests`); this
module only asks every registered source about every entry, in document
order, and adds hints found later. It is pure: no network, no files.
"""

from __future__ import annotations

from collections.abc import Sequence

from enrich.models import EnrichedList
from enrich.sources.interface import Hint, SlotRequest, SourceSpec, Target
from enrich.sources.registry import SOURCES

__all__ = ["SlotRequest", "slot_requests", "with_hints"]


def slot_requests(
    document: EnrichedList, specs: Sequence[SourceSpec] = SOURCES
) -> list[SlotRequest]:
    """Every slot the document's entries need, in document order, then source order."""
    file = document.source.path
    return [
        request
        for entry in document.all_entries()
        for spec in specs
        for request in spec.requests(entry, file)
    ]


def with_hints(target: Target, extra: Sequence[Hint]) -> Target:
    """The target with more hints appended (less trusted than its own), duplicates dropped."""
    seen = {hint.value.lower() for hint in target.hints}
    added: list[Hint] = []
    for hint in extra:
        if hint.value.lower() not in seen:
            seen.add(hint.value.lower())
            added.append(hint)
    return Target(
        target.key, target.file, target.line, target.title, target.year, target.hints + tuple(added)
    )
