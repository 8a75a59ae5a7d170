"""The benchmark's tables: one for the terminal (rich), the same rows as Markdown for the repo."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Group
from rich.table import Table

from benchmarks.measure import RunResult
from benchmarks.services import Latency
from benchmarks.targets import Check

RUN_HEADERS = (
    "N",
    "run",
    "wall s",
    "peak MB",
    "arXiv req (ids+search)",
    "GitHub req (304)",
    "page req (cond.)",
    "OpenAlex req (filter+search)",
    "parse s",
    "arXiv s",
    "GitHub s",
    "pages s",
    "2nd pass s",
    "sources s",
    "write s",
    "arXiv right",
    "repos right",
    "pages ok",
)
CHECK_HEADERS = ("N", "target", "limit", "measured", "verdict")


def _seconds(timings: Mapping[str, float], *stages: str) -> str:
    total = sum(timings.get(stage, 0.0) for stage in stages)
    return f"{total:.2f}"


def run_rows(results: Sequence[RunResult]) -> list[tuple[str, ...]]:
    rows = []
    for r in results:
        arxiv, pages, acc = r.seen["arxiv"], r.seen["pages"], r.accuracy
        openalex = r.seen["openalex"]
        second = [stage for stage in r.timings if stage.endswith("second_pass")]
        rows.append(
            (
                f"{r.size:,}",
                r.label,
                f"{r.wall_seconds:.1f}",
                f"{r.peak_rss_mb:.0f}",
                f"{arxiv['requests']} ({arxiv['id_list']}+{arxiv['search']})",
                f"{r.requests('github')} ({r.seen['github']['not_modified']})",
                f"{pages['requests']} ({pages['conditional']})",
                f"{openalex['requests']} ({openalex['filter']}+{openalex['search']})",
                _seconds(r.timings, "parse"),
                _seconds(r.timings, "arxiv"),
                _seconds(r.timings, "github"),
                _seconds(r.timings, "pages"),
                _seconds(r.timings, *second),
                _seconds(r.timings, "sources"),
                _seconds(r.timings, "write"),
                _share(acc, "arxiv"),
                _share(acc, "github"),
                _share(acc, "pages"),
            )
        )
    return rows


def _share(accuracy: Mapping[str, int], slot: str) -> str:
    """``right/all``: e.g. repositories found of the papers with a Code link."""
    good = "ok" if slot == "pages" else "right"
    total = sum(v for k, v in accuracy.items() if k.startswith(f"{slot}_"))
    return f"{accuracy.get(f'{slot}_{good}', 0)}/{total}"


def _verdict(passed: bool | None) -> str:
    return "n/a" if passed is None else "PASS" if passed else "FAIL"


def check_rows(checks: Sequence[Check]) -> list[tuple[str, ...]]:
    return [(f"{c.size:,}", c.target, c.limit, c.measured, _verdict(c.passed)) for c in checks]


def conditions(
    parses: Mapping[int, float], latencies: Mapping[int, Latency], arxiv_delay: float
) -> list[str]:
    """The conditions the numbers hold under, one line each."""
    lines = [
        f"ENRICH_ARXIV_DELAY={arxiv_delay} s (the public service needs 3 s); "
        "fake services on 127.0.0.1, pages spread over 16 loopback hosts.",
    ]
    for size, latency in sorted(latencies.items()):
        lines.append(
            f"N={size:,}: {latency.low * 1000:.0f}-{latency.high * 1000:.0f} ms latency per "
            f"answer (seeded); in-process parse {parses.get(size, 0.0):.3f} s."
        )
    return lines


def table(
    results: Sequence[RunResult],
    checks: Sequence[Check],
    parses: Mapping[int, float],
    latencies: Mapping[int, Latency],
    arxiv_delay: float,
) -> Group:
    runs = Table(
        title="enrich at scale", caption=" ".join(conditions(parses, latencies, arxiv_delay))
    )
    for header in RUN_HEADERS:
        runs.add_column(header, justify="left" if header == "run" else "right")
    for row in run_rows(results):
        runs.add_row(*row)
    targets = Table(title="targets")
    for header in CHECK_HEADERS:
        targets.add_column(header)
    for row in check_rows(checks):
        style = {"PASS": "green", "FAIL": "bold red"}.get(row[-1])
        targets.add_row(*row, style=style)
    return Group(runs, targets)


def _markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(
    results: Sequence[RunResult],
    checks: Sequence[Check],
    parses: Mapping[int, float],
    latencies: Mapping[int, Latency],
    arxiv_delay: float,
) -> str:
    parts = [
        "# Benchmark results",
        "",
        "Written by `python -m benchmarks.run`; see `benchmarks/README.md`.",
        "",
        *(f"- {line}" for line in conditions(parses, latencies, arxiv_delay)),
        "",
        _markdown_table(RUN_HEADERS, run_rows(results)),
        "",
        "## Targets",
        "",
        _markdown_table(CHECK_HEADERS, check_rows(checks)),
        "",
    ]
    return "\n".join(parts)
