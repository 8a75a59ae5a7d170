"""The run report: what a run did, for people (a rich table) and machines (JSON).

Kept apart from the enriched JSON on purpose: timings and request counts
change every run, and the enriched file must change only when the data does.
The counts of resolved entries are computed from the final document, so the
report and the data can never disagree.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from enrich.models import EnrichedList, SlotBase, SlotStatus, slot_names
from enrich.parse.accounting import link_tally


@dataclass
class StageLog:
    """Timings per stage and notes from the sources, for one list."""

    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - started


@contextmanager
def stage_progress(console: Console) -> Iterator[Callable[[str], None]]:
    """A live line naming the stage at work, on a terminal only (silent in CI and pipes).

    Yields the callback the stages call as each one starts.
    """
    if not console.is_terminal or console.quiet:
        yield lambda stage: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("starting", total=None)
        yield lambda stage: progress.update(task, description=stage)


def slot_counts(document: EnrichedList) -> dict[str, dict[str, Any]]:
    """Per slot attribute: how many slots have each status, and 'ok' ones by method.

    Counted as (attribute, status) pairs in one pass and grouped after: 50,000 slots at
    10,000 entries, where a counter per attribute and an enum's ``.value`` per slot
    were 0.1 s of a warm run's report.
    """
    statuses: Counter[tuple[str, SlotStatus]] = Counter()
    methods: Counter[tuple[str, str]] = Counter()
    for entry in document.all_entries():
        for name in slot_names(type(entry)):  # its slot attributes, not every field
            slot = getattr(entry, name)
            if not isinstance(slot, SlotBase):
                continue
            statuses[name, slot.status] += 1
            if slot.provenance is not None and getattr(slot, "record", None) is not None:
                methods[name, slot.provenance.method] += 1
    counts: dict[str, dict[str, Any]] = {}
    for (name, status), count in sorted(statuses.items()):
        counts.setdefault(name, {"status": {}, "by_method": {}})["status"][status.value] = count
    for (name, method), count in sorted(methods.items()):
        counts[name]["by_method"][method] = count
    return counts


def warnings_by_kind(document: EnrichedList) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for warning in document.warnings:
        grouped.setdefault(warning.kind.value, []).append(
            {
                "line": warning.line,
                "entry": warning.entry_id,
                "message": warning.message,
                "code": warning.code,
                "severity": warning.severity.value,
                "suggestion": warning.suggestion,
            }
        )
    return dict(sorted(grouped.items()))


def entry_counts(document: EnrichedList) -> dict[str, int]:
    return {
        "papers": len(document.papers),
        "researchers": len(document.researchers),
        "works": sum(len(r.works) for r in document.researchers),
        "datasets": len(document.datasets),
        "metrics": len(document.metrics),
        "tools": len(document.tools),
    }


def build_report(
    document: EnrichedList,
    log: StageLog,
    requests: Mapping[str, Any],
    *,
    changed: bool,
    output: str,
) -> dict[str, Any]:
    """The machine-readable report of one list (written beside, not inside, the JSON)."""
    return {
        "list": document.name,
        "source": document.source.path,
        "output": output,
        "changed": changed,
        "entries": entry_counts(document),
        "links": asdict(link_tally(document)),  # arXiv ids, DOIs, repositories of the list
        "slots": slot_counts(document),
        "warnings": warnings_by_kind(document),
        "warning_count": len(document.warnings),
        "requests": dict(requests),
        "timings_seconds": {
            stage: round(seconds, 3) for stage, seconds in sorted(log.timings.items())
        },
        "notes": sorted(set(log.notes)),
    }


def print_error(console: Console, message: str) -> None:
    """One ``error: ...`` line on the terminal, even when ``console`` is quiet.

    ``-q`` means "only errors": a quiet console holds back progress and
    summaries, and an error printed through it was lost (a list that failed
    under ``enrich -q run`` exited 1 without a word). Text, not markup: a path
    or message may hold [brackets]; one line, never wrapped.
    """
    line = Text.assemble(("error", "red"), f": {message}")
    (Console(stderr=True) if console.quiet else console).print(line, soft_wrap=True)


def render(report: Mapping[str, Any], console: Console) -> None:
    """The terminal summary of one list."""
    state = "changed" if report["changed"] else "unchanged"
    table = Table(title=f"{report['list']}: {report['output']} ({state})")
    table.add_column("slot")
    table.add_column("status")
    table.add_column("resolved by")
    for name, counts in report["slots"].items():
        status = ", ".join(f"{k} {v}" for k, v in counts["status"].items())
        methods = ", ".join(f"{k} {v}" for k, v in counts["by_method"].items())
        table.add_row(name, status, methods)
    console.print(table)
    entries = ", ".join(f"{v} {k}" for k, v in report["entries"].items())
    console.print(f"entries: {entries}")
    if links := report.get("links"):
        taken, linked, missed = links["taken"], links["linked"], links["not_taken"]
        console.print(f"links: {taken} of {linked} in entries, {missed} not taken (warned)")
    kinds = ", ".join(f"{kind} {len(items)}" for kind, items in report["warnings"].items())
    console.print(f"warnings: {report['warning_count']}" + (f" ({kinds})" if kinds else ""))
    for note in report["notes"]:
        console.print(f"note: {note}")
    timings = ", ".join(
        f"{stage} {seconds:.1f}s" for stage, seconds in report["timings_seconds"].items()
    )
    console.print(f"time: {timings}")


def markdown(report: Mapping[str, Any]) -> str:
    """The report as a Markdown section, for GitHub Actions' job summary."""
    lines = [
        f"## {report['list']} ({'changed' if report['changed'] else 'unchanged'})",
        "",
        "| slot | status | resolved by |",
        "| --- | --- | --- |",
    ]
    for name, counts in report["slots"].items():
        status = ", ".join(f"{k} {v}" for k, v in counts["status"].items())
        methods = ", ".join(f"{k} {v}" for k, v in counts["by_method"].items())
        lines.append(f"| {name} | {status} | {methods} |")
    if links := report.get("links"):
        lines += ["", f"Links (arXiv, DOI, GitHub): {links['taken']} of {links['linked']} in "
                  f"entries, {links['not_taken']} not taken (each warned)"]  # fmt: skip
    lines += ["", f"Warnings: {report['warning_count']}", ""]
    for kind, items in report["warnings"].items():
        lines.append(
            f"- **{kind}** ({len(items)}): "
            + "; ".join(f"line {item['line']}: {item['message']}" for item in items[:5])
            + (" ..." if len(items) > 5 else "")
        )
    services = report["requests"].get("services", {})
    if services:
        lines += [
            "",
            "| service | requests | cache hits | revalidated | misses |",
            "| --- | --- | --- | --- | --- |",
        ]
        for name, counts in services.items():
            lines.append(
                f"| {name} | {counts.get('requests', 0)} | {counts.get('hits', 0)} | "
                f"{counts.get('revalidated', 0)} | {counts.get('misses', 0)} |"
            )
    lines += [f"- {note}" for note in report["notes"]]
    return "\n".join(lines) + "\n"
