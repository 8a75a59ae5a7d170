"""The mutable state of one parse: entries so far, warnings, ids, duplicates.

Entry parsers are functions of (block, section, collector); the collector is
the only thing they mutate, and ``parse_list`` freezes it into a ParsedList.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from enrich.models import Dataset, DataWarning, Metric, Paper, Researcher, Tool, WarningKind
from enrich.parse.ids import IdAllocator, entry_id, normalise


@dataclass
class Collector:
    path: str
    papers: list[Paper] = field(default_factory=list)
    researchers: list[Researcher] = field(default_factory=list)
    datasets: list[Dataset] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    tools: list[Tool] = field(default_factory=list)
    warnings: list[DataWarning] = field(default_factory=list)
    ids: IdAllocator = field(default_factory=IdAllocator)
    first_seen: dict[tuple[str, ...], int] = field(default_factory=dict)

    def warn(
        self, kind: WarningKind, line: int | None, message: str, entry: str | None = None
    ) -> None:
        self.warnings.append(
            DataWarning(kind=kind, file=self.path, line=line, entry_id=entry, message=message)
        )

    def new_id(self, kind: str, name: str, *identifying: str | None) -> str:
        """A document-unique id; identical entries get ``-2``, ``-3`` ... in order."""
        return self.ids.claim(entry_id(kind, name, *identifying))

    def note_entry(self, kind: str, key: tuple[str | None, ...], line: int, entry: str) -> None:
        """Warn when an entry with the same identifying key was already seen."""
        normalised = (kind, *(normalise(part) for part in key))
        first = self.first_seen.setdefault(normalised, line)
        if first != line:
            shown = " / ".join(part for part in key if part)
            self.warn(
                WarningKind.DUPLICATE_ENTRY,
                line,
                f"duplicate {kind} '{shown}': same as the entry on line {first}",
                entry,
            )
