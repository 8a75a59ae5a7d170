"""Findings as GitHub annotations: workflow commands on standard output, within GitHub's limits.

On GitHub Actions (``GITHUB_ACTIONS=true``) a line such as
``::warning file=data/raw/list.md,line=12,title=page-moved::...`` becomes an
annotation on that line of the pull request or commit, where maintainers look.
GitHub shows at most 10 error, 10 warning and 10 notice annotations per step
and 50 per job (actions/toolkit, docs/problem-matchers.md); more are dropped
without a word. So each severity is cut at its limit here, the rest is summed
up in one plain line, and every finding left out is listed in the job summary,
so none is lost.

Escaping follows actions/toolkit's ``command.ts``: in the message ``%``, CR and
LF are percent-encoded; in a property also ``:`` and ``,``
(:mod:`enrich.output.workflow`, which also keeps every other printed line inert).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from enrich.models import Severity
from enrich.output.workflow import escape_data, escape_property, write_command

PER_STEP = 10  # annotations of one severity GitHub shows per step
PER_JOB = 50  # annotations GitHub shows per job, all steps together


@dataclass(frozen=True)
class Finding:
    """What an annotation needs of a warning (read from the run report)."""

    file: str
    line: int | None
    code: str
    severity: Severity
    message: str
    suggestion: str | None = None


def command(finding: Finding) -> str:
    """The workflow command that makes ``finding`` an annotation."""
    properties = [f"file={escape_property(finding.file)}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
    properties.append(f"title={escape_property(finding.code)}")
    message = finding.message
    if finding.suggestion:
        message += f"\nsuggestion: {finding.suggestion}"
    return f"::{finding.severity.value} {','.join(properties)}::{escape_data(message)}"


def split(
    findings: Iterable[Finding], per_step: int = PER_STEP, per_job: int = PER_JOB
) -> tuple[list[Finding], list[Finding]]:
    """(annotated, left out): each severity up to ``per_step``, all up to ``per_job``.

    Errors are taken first, then warnings, then notices, so the most urgent
    findings are the ones GitHub shows; each group keeps its order.
    """
    ordered = list(findings)
    chosen: set[int] = set()
    for severity in (Severity.ERROR, Severity.WARNING, Severity.NOTICE):
        room = max(min(per_step, per_job - len(chosen)), 0)
        chosen.update([i for i, f in enumerate(ordered) if f.severity is severity][:room])
    shown = [f for i, f in enumerate(ordered) if i in chosen]
    return shown, [f for i, f in enumerate(ordered) if i not in chosen]


def annotation_lines(findings: Sequence[Finding]) -> tuple[list[str], list[Finding]]:
    """The lines to print (commands, then one summing-up line) and the findings left out."""
    shown, rest = split(findings)
    lines = [command(finding) for finding in shown]
    if rest:
        lines.append(_left_out(rest))
    return lines, rest


def _left_out(rest: Sequence[Finding]) -> str:
    return (
        f"enrich: {len(rest)} more finding(s) not annotated (GitHub shows {PER_STEP} "
        f"per severity per step); all are listed in the job summary"
    )


def summary_markdown(rest: Sequence[Finding]) -> str:
    """The job-summary section listing the findings that got no annotation."""
    if not rest:
        return ""
    lines = [
        "",
        f"### Findings without an annotation ({len(rest)})",
        "",
        "| file:line | severity | code | message | suggestion |",
        "| --- | --- | --- | --- | --- |",
    ]
    for finding in rest:
        where = f"{finding.file}:{finding.line}" if finding.line is not None else finding.file
        cells = (where, finding.severity.value, finding.code, finding.message, finding.suggestion)
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def from_reports(reports: Iterable[Mapping[str, Any]]) -> list[Finding]:
    """Every warning of the run reports, as findings in file and line order."""
    found = []
    for report in reports:
        for items in (report.get("warnings") or {}).values():
            for item in items:
                found.append(
                    Finding(
                        file=str(report.get("source", "")),
                        line=item.get("line"),
                        code=str(item.get("code", "")),
                        severity=Severity(item.get("severity", Severity.WARNING.value)),
                        message=str(item.get("message", "")),
                        suggestion=item.get("suggestion"),
                    )
                )
    return sorted(found, key=lambda f: (f.file, f.line or 0, f.code, f.message))


def publish(reports: Iterable[Mapping[str, Any]], out: TextIO, step_summary: Path | None) -> None:
    """Print the annotations of a run; list those left out in the job summary, if there is one."""
    shown, rest = split(from_reports(reports))
    for finding in shown:
        write_command(out, command(finding))
    if rest:
        out.write(_left_out(rest) + "\n")
    if rest and step_summary is not None:
        with step_summary.open("a", encoding="utf-8") as summary:
            summary.write(summary_markdown(rest))
