"""Putting slots into entries, and keeping the last good values when a source fails.

The rule that makes the nightly job safe: a slot that failed this run
(``error`` or ``skipped``), or whose record the source no longer finds
(``not_found``: a withdrawn id, a deleted repository), while the previous run
had a record keeps that record, with ``status: stale``, the reason, and
``stale_since`` (the first failing run's date, kept across further
failures). Known values are never erased by one bad answer. A source left out with ``--only`` keeps
last run's slot as it was. Entries removed from the list disappear; nothing
else is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from enrich.models import (
    DataWarning,
    EnrichedList,
    EntryBase,
    Researcher,
    SlotBase,
    SlotStatus,
    WarningKind,
)

SlotKey = tuple[str, str]  # (entry id, attribute)
FAILED = frozenset({SlotStatus.ERROR, SlotStatus.SKIPPED, SlotStatus.NOT_FOUND})


def previous_slots(previous: EnrichedList | None) -> dict[SlotKey, SlotBase]:
    """Every non-empty slot of last run's document, by entry id and attribute."""
    slots: dict[SlotKey, SlotBase] = {}
    if previous is None:
        return slots
    for entry in previous.all_entries():
        for name in type(entry).model_fields:
            value = getattr(entry, name)
            if isinstance(value, SlotBase):
                slots[(entry.id, name)] = value
    return slots


def keep_last_good(new: SlotBase, old: SlotBase | None, today: str) -> SlotBase:
    """``new``, unless it failed and ``old`` holds a record: then ``old``, marked stale."""
    old_record = getattr(old, "record", None) if old is not None else None
    if new.status not in FAILED or old is None or old_record is None:
        return new
    since = old.stale_since if old.status == SlotStatus.STALE and old.stale_since else today
    return old.model_copy(
        update={"status": SlotStatus.STALE, "stale_since": since, "reason": new.reason}
    )


def stale_warnings(document: EnrichedList) -> tuple[DataWarning, ...]:
    """One warning per stale slot, so the report and --strict see kept values."""
    warnings = []
    for entry in document.all_entries():
        for name in type(entry).model_fields:
            slot = getattr(entry, name)
            if isinstance(slot, SlotBase) and slot.status == SlotStatus.STALE:
                warnings.append(
                    DataWarning(
                        kind=WarningKind.STALE,
                        file=document.source.path,
                        line=entry.line,
                        entry_id=entry.id,
                        message=(
                            f"{name}: kept last good values, failing since "
                            f"{slot.stale_since}: {slot.reason}"
                        ),
                    )
                )
    return tuple(warnings)


def apply_slots(document: EnrichedList, slots: Mapping[SlotKey, SlotBase]) -> EnrichedList:
    """A copy of ``document`` with the given slots set on their entries."""
    by_entry: dict[str, dict[str, Any]] = {}
    for (entry_id, attribute), slot in slots.items():
        by_entry.setdefault(entry_id, {})[attribute] = slot

    def update(entry: EntryBase) -> Any:
        changes = by_entry.get(entry.id)
        return entry.model_copy(update=changes) if changes else entry

    def update_researcher(researcher: Researcher) -> Researcher:
        works = tuple(update(work) for work in researcher.works)
        return update(researcher).model_copy(update={"works": works})

    return document.model_copy(
        update={
            "papers": tuple(update(e) for e in document.papers),
            "researchers": tuple(update_researcher(r) for r in document.researchers),
            "datasets": tuple(update(e) for e in document.datasets),
            "metrics": tuple(update(e) for e in document.metrics),
            "tools": tuple(update(e) for e in document.tools),
        }
    )


def sorted_warnings(
    warnings: list[DataWarning] | tuple[DataWarning, ...],
) -> tuple[DataWarning, ...]:
    """Deduplicated and in a stable order: by line, then kind, entry and message."""
    unique = {(w.line or 0, w.kind.value, w.entry_id or "", w.message, w.file): w for w in warnings}
    return tuple(unique[key] for key in sorted(unique))
