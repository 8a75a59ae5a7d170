"""One run of the real CLI in a fresh subprocess, and what it cost.

Each run is its own process so that its peak memory is its own, started
through the small launcher :mod:`tests.peak`: a child started straight from
this process (which holds the fakes' 10,000 papers and pages) would count this
process's resident memory in its own ``ru_maxrss`` (Linux counts the pages
shared at the fork); every peak measured that way before was too high by this
process's size. Request counts come from two sides that must agree:
the run report ``enrich`` writes and the fakes' own logs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.services import Services
from benchmarks.verify import accuracy

SERVICES = ("arxiv", "github", "pages", "openalex")
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Folders:
    """Where one variant's runs keep their list, cache, output and reports."""

    root: Path
    list_file: Path

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def output(self) -> Path:
        return self.root / "enriched"

    @property
    def reports(self) -> Path:
        return self.root / "reports"


@dataclass(frozen=True)
class RunResult:
    """What one run cost: from the process, its report and the fakes."""

    size: int
    label: str  # "cold", "warm", "cold, no token", ...
    exit_code: int
    wall_seconds: float
    peak_rss_mb: float
    timings: dict[str, float] = field(default_factory=dict)  # the report's, per stage
    reported: dict[str, dict[str, int]] = field(default_factory=dict)  # report, per service
    seen: dict[str, dict[str, int]] = field(default_factory=dict)  # the fakes' own counts
    accuracy: dict[str, int] = field(default_factory=dict)  # see benchmarks.verify
    stderr_tail: str = ""

    def requests(self, service: str) -> int:
        return self.seen.get(service, {}).get("requests", 0)

    @property
    def consistent(self) -> bool:
        """Whether the report's request counts equal what the fakes received."""
        return all(self.reported.get(s, {}).get("requests") == self.requests(s) for s in SERVICES)


def another_process_writes(cache_dir: Path) -> None:
    """Write one item as another process's run would: its first write renews the cache's
    generation (:mod:`enrich.http.cache`), so no run memo made before holds."""
    from enrich.http.cache import ResponseCache

    cache = ResponseCache(cache_dir)
    try:
        cache.put_item("arxiv", "benchmark:another-process", True, time.time())
    finally:
        cache.close()


def command(folders: Folders, hours_later: float = 0.0) -> list[str]:
    """The CLI run; ``hours_later``: as if that much time had passed (see benchmarks.later)."""
    launcher = ["benchmarks.later", str(hours_later)] if hours_later else ["enrich"]
    return [
        sys.executable,
        "-m",
        *launcher,
        "-q",
        "run",
        "--input",
        str(folders.list_file),
        "--output-dir",
        str(folders.output),
        "--report-dir",
        str(folders.reports),
        "--cache-dir",
        str(folders.cache),
    ]


def _environment(services: Services, token: bool, arxiv_delay: float) -> dict[str, str]:
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ENRICH_", "GITHUB_")) and k != "COVERAGE_PROCESS_START"
    }
    return {**inherited, **services.environment(token=token, arxiv_delay=arxiv_delay)}


def run_cli(
    services: Services,
    folders: Folders,
    label: str,
    *,
    token: bool,
    arxiv_delay: float,
    hours_later: float = 0.0,
) -> RunResult:
    """Run ``python -m enrich run`` on the folders' list against the fakes, and measure it."""
    services.reset_counts()
    log = folders.root / f"{''.join(c if c.isalnum() else '_' for c in label)}.stderr"
    peak_file = folders.root / "peak.kib"
    with log.open("wb") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.peak", str(peak_file), *command(folders, hours_later)],
            cwd=ROOT,
            env=_environment(services, token, arxiv_delay),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        process.wait()
        wall = time.perf_counter() - started
    report = _report(folders)
    return RunResult(
        size=len(services.synthetic.papers),
        label=label,
        exit_code=process.returncode,
        wall_seconds=wall,
        peak_rss_mb=int(peak_file.read_text(encoding="ascii")) / 1024,
        timings=dict(report.get("timings_seconds", {})),
        reported=_reported(report),
        seen=services.counts(),
        accuracy=accuracy(
            folders.output / f"{folders.list_file.stem}.json", services.synthetic
        ).as_dict(),
        stderr_tail=log.read_text(encoding="utf-8", errors="replace")[-2000:],
    )


def _report(folders: Folders) -> dict[str, Any]:
    path = folders.reports / f"{folders.list_file.stem}.report.json"
    if not path.exists():
        return {}
    report: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    path.unlink()  # the next run must not read a stale one
    return report


def _reported(report: dict[str, Any]) -> dict[str, dict[str, int]]:
    services = report.get("requests", {}).get("services", {})
    return {
        name: {k: v for k, v in counts.items() if isinstance(v, int)}
        for name, counts in services.items()
    }
