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

import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from pydantic import ValidationError
from pydantic_core import to_json

from enrich.models import (
    DataWarning,
    EnrichedList,
    EntryBase,
    Researcher,
    SlotBase,
    SlotStatus,
    WarningKind,
    slot_names,
    slot_types,
)

log = logging.getLogger("enrich.pipeline")

SlotKey = tuple[str, str]  # (entry id, attribute)


SLOT_TYPES = slot_types()
FAILED = frozenset({SlotStatus.ERROR, SlotStatus.SKIPPED, SlotStatus.NOT_FOUND})


class PreviousSlots(Mapping[SlotKey, SlotBase]):
    """Last run's slots, held as compact JSON and made into records only when asked for.

    A 10,000-entry document costs several times its file size as pydantic
    records; the run needs a previous slot only where a source failed, was
    left out, or tracks a streak (pages), so the rest stay text. A slot that
    no longer fits the contract reads as absent (``get`` gives None, ``in``
    says no, and the log says why), though iteration still lists its key.
    """

    def __init__(
        self, texts: Mapping[SlotKey, str | bytes], recorded: Iterable[SlotKey] = ()
    ) -> None:
        self._texts = dict(texts)
        self._recorded = frozenset(recorded)  # slots that held a record (cheap to ask)

    @classmethod
    def from_json(cls, data: bytes) -> PreviousSlots:
        """From an enriched file's bytes (raises ValueError if they are not JSON).

        The slots are taken out while the JSON is read (an object hook sees
        each entry as soon as it is complete), so only one entry's tree lives
        at a time: the whole 10,000-entry document as Python objects would
        cost some 190 MB at once. Only entries hold slot attributes, so every
        object with an ``id`` and one of them is an entry (or a researcher's work).
        """
        texts: dict[SlotKey, str | bytes] = {}
        recorded: set[SlotKey] = set()

        def take_slots(value: dict[str, Any]) -> dict[str, Any]:
            if isinstance(value.get("id"), str) and not SLOT_TYPES.keys().isdisjoint(value):
                _collect(value, texts, recorded)
                return {"id": value["id"]}  # the slots' trees are not needed any more
            return value

        json.loads(data, object_hook=take_slots)
        return cls(texts, recorded)

    def kept_form(self) -> Iterator[tuple[SlotKey, str | bytes, bool]]:
        """Each slot's key, text and whether it held a record, as
        :func:`~enrich.pipeline.lists.load_previous` keeps them."""
        return ((key, text, key in self._recorded) for key, text in self._texts.items())

    def holds_record(self, key: SlotKey) -> bool:
        """Whether last run's slot held a record, without reading it (a failed lookup
        keeps only a record: most failures, a 404 again, have none to keep)."""
        return key in self._recorded

    def __getitem__(self, key: SlotKey) -> SlotBase:
        try:
            return _slot_from_text(key[1], self._texts[key])
        except ValidationError as error:
            log.warning("previous %s of %s unusable, ignored: %s", key[1], key[0], error)
            raise KeyError(key) from error

    def __iter__(self) -> Iterator[SlotKey]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


def document_slots(document: EnrichedList) -> Iterator[tuple[SlotKey, bytes, bool]]:
    """Each slot of ``document`` as :class:`PreviousSlots` reads it from the written file
    (its key, compact JSON and whether it holds a record), one at a time."""
    for entry in document.all_entries():
        for attribute in slot_names(type(entry)):
            slot = getattr(entry, attribute)
            if slot is not None:
                text = slot.__pydantic_serializer__.to_json(slot)
                yield (entry.id, attribute), text, getattr(slot, "record", None) is not None


@lru_cache(maxsize=256)
def _slot_from_text(attribute: str, text: str | bytes) -> SlotBase:
    """A slot read from its JSON, remembered: many entries share one slot text ("no link
    names a GitHub repository": 6,000 of a 10,000-entry list), and slots are frozen."""
    return SLOT_TYPES[attribute].model_validate_json(text)


class LastRunOf(Mapping[str, SlotBase]):
    """Last run's slots of one source's targets, by target key, each read only when asked.

    Most sources ignore last run's slots (only pages carry a streak), and a
    slot of :class:`PreviousSlots` costs a parse when read: handing a source
    this view instead of a filled dict keeps a warm 10,000-entry run from
    reading every old slot for nothing.
    """

    def __init__(self, old: Mapping[SlotKey, SlotBase], keys: Mapping[str, SlotKey]) -> None:
        self._old = old
        self._keys = dict(keys)
        self._read: dict[str, SlotBase | None] = {}

    def _slot(self, key: str) -> SlotBase | None:
        if key not in self._read:
            self._read[key] = self._old.get(self._keys[key])
        return self._read[key]

    def __getitem__(self, key: str) -> SlotBase:
        slot = self._slot(key) if key in self._keys else None
        if slot is None:
            raise KeyError(key)
        return slot

    def __iter__(self) -> Iterator[str]:
        """Keys whose slot reads (an unusable old slot is absent, as in PreviousSlots)."""
        return (key for key in self._keys if self._slot(key) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _collect(entry: Any, texts: dict[SlotKey, str | bytes], recorded: set[SlotKey]) -> None:
    """An entry's slots as compact JSON, by pydantic-core's encoder: the 50,000 slots of a
    10,000-entry output took 0.35 s through ``json``'s, 0.12 s through this one, and UTF-8
    bytes hold an accented name in fewer bytes than a ``str`` does. The slots come from a
    JSON parse (plain data, no cycles); what reads them back is ``model_validate_json``."""
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        return
    for attribute in SLOT_TYPES:
        slot = entry.get(attribute)
        if isinstance(slot, dict):
            texts[(entry["id"], attribute)] = to_json(slot)
            if slot.get("record") is not None:
                recorded.add((entry["id"], attribute))


def holds_record(previous: Mapping[SlotKey, SlotBase], key: SlotKey) -> bool:
    """Whether last run's slot under ``key`` held a record (read only if it must be)."""
    if isinstance(previous, PreviousSlots):
        return previous.holds_record(key)
    return getattr(previous.get(key), "record", None) is not None


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
        for name in slot_names(type(entry)):
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
