"""What every family of findings shares: how a finding is built, which slots an entry has.

A finding is an ordinary :class:`~enrich.models.DataWarning` with a fine
``code``, a ``severity`` and, when one exists, a ``suggestion``: the
replacement text that would fix the list. Keeping them one type means the
run report, ``--strict``, the job summary and the annotations treat every
finding the same way as the parser's and the sources' warnings.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from enrich.models import (
    DataWarning,
    EnrichedList,
    EntryBase,
    Paper,
    Researcher,
    Severity,
    SlotBase,
    WarningKind,
    Work,
    slot_names,
)

# Identities trusted enough to be proposed as a link in the list (a Code link,
# an arXiv link): a badge, the arXiv comment, an exact or close title match.
HIGH_CONFIDENCE = 0.85
SLOT_NAMES = ("arxiv", "github", "project_page", "page", "homepage_page")


def finding(
    document: EnrichedList,
    entry: EntryBase,
    kind: WarningKind,
    code: str,
    severity: Severity,
    message: str,
    suggestion: str | None = None,
) -> DataWarning:
    """A warning at the entry's line in the document's list."""
    return DataWarning(
        kind=kind,
        code=code,
        severity=severity,
        file=document.source.path,
        line=entry.line,
        entry_id=entry.id,
        message=message,
        suggestion=suggestion,
    )


def slots(document: EnrichedList) -> Iterator[tuple[EntryBase, str, SlotBase]]:
    """Every filled slot of every entry, in document order: (entry, attribute, slot)."""
    for entry in document.all_entries():
        for name in _checked_slots(type(entry)):
            slot = getattr(entry, name)
            if isinstance(slot, SlotBase):
                yield entry, name, slot


@cache
def _checked_slots(model: type[EntryBase]) -> tuple[str, ...]:
    """:data:`SLOT_NAMES` that ``model`` has, in that order (see :func:`slot_names`)."""
    own = slot_names(model)
    return tuple(name for name in SLOT_NAMES if name in own)


def entry_links(entry: EntryBase) -> tuple[str, ...]:
    """The URLs the list itself gives for an entry (not ones the run discovered)."""
    values: tuple[str | None, ...]
    if isinstance(entry, Paper):
        values = (entry.paper_url, entry.project_url, entry.code_url)
    elif isinstance(entry, Researcher):
        values = (entry.homepage,)
    elif isinstance(entry, Work):
        values = (entry.url,)
    else:
        values = (getattr(entry, "url", None),)
    return tuple(value for value in values if value)
