"""The one order of a document's warnings, shared by the pipeline and the side rooms.

``findings`` and ``history`` add warnings after the sources have; each
sorts the whole list again with :func:`sorted_warnings`, so the output is
the same whichever stage added what.
"""

from __future__ import annotations

from enrich.models import DataWarning


def sorted_warnings(
    warnings: list[DataWarning] | tuple[DataWarning, ...],
) -> tuple[DataWarning, ...]:
    """Deduplicated and in a stable order: by line, then kind, entry and message."""
    unique = {(w.line or 0, w.kind.value, w.entry_id or "", w.message, w.file): w for w in warnings}
    return tuple(unique[key] for key in sorted(unique))
