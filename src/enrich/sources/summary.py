"""The one-line run-report summary a source gives of its slots.

Every source that settles targets one by one reports the same shape of line
(``arXiv: 33 targets (ok:link 23, ok:search 8, unresolved 2)``), so the
report reads alike whichever source wrote it; the wording lives here once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from enrich.models import SlotBase, SlotStatus


def slot_summary(label: str, slots: Iterable[SlotBase]) -> tuple[str, ...]:
    """``label: N targets (status[:method] count, ...)``, or nothing for no slots."""
    counts = Counter(
        f"{slot.status}:{slot.provenance.method}"
        if slot.status == SlotStatus.OK and slot.provenance
        else str(slot.status)
        for slot in slots
    )
    if not counts:
        return ()
    summary = ", ".join(f"{key} {n}" for key, n in sorted(counts.items()))
    return (f"{label}: {sum(counts.values())} targets ({summary})",)
