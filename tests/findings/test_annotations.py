"""Annotations: the exact workflow-command format, GitHub's limits, and the run's glue."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from enrich.cli import main
from enrich.models import Severity
from enrich.output.annotations import (
    Finding,
    annotation_lines,
    command,
    from_reports,
    publish,
    split,
    summary_markdown,
)
from tests.findings.world import World


def _finding(severity: Severity, line: int, code: str = "page-broken") -> Finding:
    return Finding("data/raw/l.md", line, code, severity, f"problem {line}")


def test_command_escapes_properties_and_data() -> None:
    finding = Finding(
        file="data/raw/a,b:c.md",
        line=7,
        code="page-moved",
        severity=Severity.WARNING,
        message="100% gone,\r\nreally: yes",
        suggestion="https://example.org/a,b",
    )
    assert command(finding) == (
        "::warning file=data/raw/a%2Cb%3Ac.md,line=7,title=page-moved::"
        "100%25 gone,%0D%0Areally: yes%0Asuggestion: https://example.org/a,b"
    )


def test_error_and_notice_commands_and_no_line() -> None:
    assert command(_finding(Severity.ERROR, 3)) == (
        "::error file=data/raw/l.md,line=3,title=page-broken::problem 3"
    )
    no_line = Finding("l.md", None, "stale", Severity.NOTICE, "kept")
    assert command(no_line) == "::notice file=l.md,title=stale::kept"


def test_each_severity_is_cut_at_ten_and_the_rest_summed_up() -> None:
    findings = (
        [_finding(Severity.NOTICE, n) for n in range(1, 12)]
        + [_finding(Severity.ERROR, n) for n in range(20, 32)]
        + [_finding(Severity.WARNING, n) for n in range(40, 43)]
    )
    lines, rest = annotation_lines(findings)
    assert [line.split(" ")[0] for line in lines[:-1]] == (
        ["::notice"] * 10 + ["::error"] * 10 + ["::warning"] * 3
    )
    assert lines[-1] == (
        "enrich: 3 more finding(s) not annotated (GitHub shows 10 per severity per step); "
        "all are listed in the job summary"
    )
    assert [(f.severity, f.line) for f in rest] == [
        (Severity.NOTICE, 11),
        (Severity.ERROR, 30),
        (Severity.ERROR, 31),
    ]
    assert summary_markdown(rest) == (
        "\n### Findings without an annotation (3)\n\n"
        "| file:line | severity | code | message | suggestion |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| data/raw/l.md:11 | notice | page-broken | problem 11 |  |\n"
        "| data/raw/l.md:30 | error | page-broken | problem 30 |  |\n"
        "| data/raw/l.md:31 | error | page-broken | problem 31 |  |\n"
    )


def test_the_job_limit_takes_errors_first() -> None:
    findings = [_finding(Severity.NOTICE, 1), _finding(Severity.ERROR, 2)] * 3
    shown, rest = split(findings, per_step=10, per_job=4)
    assert [f.severity for f in shown] == [Severity.NOTICE] + [Severity.ERROR] * 3
    assert [f.severity for f in rest] == [Severity.NOTICE] * 2


def test_nothing_to_say_prints_nothing() -> None:
    assert annotation_lines([]) == ([], [])
    assert summary_markdown([]) == ""


def test_the_fixture_run_is_annotated_line_by_line(
    enriched: tuple[World, dict[str, Any]], tmp_path: Path
) -> None:
    made, document = enriched
    report = json.loads((made.root / "reports" / "fixtures.report.json").read_text("utf-8"))
    out = io.StringIO()
    summary = tmp_path / "summary.md"
    publish([report], out, summary)
    lines = out.getvalue().splitlines()
    expected = [
        (w["severity"], w["line"], w["code"])
        for w in sorted(document["warnings"], key=lambda w: (w["line"], w["code"], w["message"]))
    ]
    got = [
        (
            line[2:].split(" ")[0],
            int(line.split(",line=")[1].split(",")[0]),
            line.split("title=")[1].split("::")[0],
        )
        for line in lines
    ]
    assert got == expected
    moved = next(line for line in lines if "title=page-moved" in line)
    assert moved == (
        f"::warning file={document['source']['path'].replace(':', '%3A')},line=5,"
        f"title=page-moved::{made.base}/moved/ moved permanently: link {made.base}/new-home/ "
        f"instead%0Asuggestion: {made.base}/new-home/"
    )
    assert not summary.exists()  # 6 errors, 8 warnings, 6 notices: all within the limits


def test_run_prints_annotations_on_github_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    line = "- [CVPR 2023] [Same Paper](https://example.org/p), Lab\n"
    (raw / "dup.md").write_text("# dup\n\n## Papers\n" + line + line, encoding="utf-8")
    for name in ("GITHUB_TOKEN", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.chdir(tmp_path)
    args = ["run", "--offline", "--raw-dir", "raw", "--output-dir", "out", "--report-dir", "rep"]
    assert main([*args, "--cache-dir", "cache"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == (
        "::warning file=raw/dup.md,line=5,title=duplicate-entry::"
        "duplicate paper 'Same Paper': same as the entry on line 4"
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert main([*args, "--cache-dir", "cache"]) == 0
    assert "::" not in capsys.readouterr().out


def test_publish_lists_what_was_left_out_in_the_job_summary(tmp_path: Path) -> None:
    items = [
        {"line": n, "entry": None, "message": f"gone {n}", "code": "page-broken",
         "severity": "error", "suggestion": None}
        for n in range(1, 13)
    ]  # fmt: skip
    report = {"source": "data/raw/l.md", "warnings": {"page": items}}
    summary = tmp_path / "summary.md"
    summary.write_text("## l (changed)\n", encoding="utf-8")
    out = io.StringIO()
    publish([report], out, summary)
    assert len(out.getvalue().splitlines()) == 11  # 10 errors and the summing-up line
    assert summary.read_text(encoding="utf-8") == (
        "## l (changed)\n\n### Findings without an annotation (2)\n\n"
        "| file:line | severity | code | message | suggestion |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| data/raw/l.md:11 | error | page-broken | gone 11 |  |\n"
        "| data/raw/l.md:12 | error | page-broken | gone 12 |  |\n"
    )
    assert from_reports([report])[0] == Finding(
        "data/raw/l.md", 1, "page-broken", Severity.ERROR, "gone 1", None
    )
