"""What OpenAlex costs a run: requests by kind, dollars of the daily allowance, wall time.

Why apart from ``benchmarks.run``: OpenAlex is registered off by default
(``SourceSpec.default``), so the main harness, which runs ``enrich run``
without ``--only``, never asks it. This runs the same synthetic lists
(``benchmarks.generate``) with OpenAlex alone, in-process, against the
harness's own fake (``benchmarks.services.BenchOpenalex``: 50-200 ms per
answer, a free key's $1 a day), cold and then warm, and checks the two
figures a maintainer plans with:

- a cold run sends ceil(identified papers / 50) DOI filters plus one search
  per paper with neither DOI nor arXiv id, and stays within the free
  allowance;
- a warm run sends nothing.

Usage: ``python -m benchmarks.openalex_cost [--sizes 1000,10000]``; results
go to ``benchmarks/results/openalex.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from tests.fakes.openalex import TEST_KEY

from benchmarks.generate import generate, render
from benchmarks.services import BenchOpenalex, Latency, openalex_work
from enrich.assembly import build_door
from enrich.pipeline import run_all
from enrich.pipeline.stages import StagedEnricher
from enrich.settings import Settings
from enrich.sources.openalex import OpenalexSettings

RESULTS = Path(__file__).parent / "results" / "openalex.json"
DOI_BATCH = 50


def _run(settings: Settings, fake: BenchOpenalex, label: str) -> dict[str, Any]:
    fake.requests.clear()
    started = time.perf_counter()
    with build_door(settings) as door:
        summary = run_all(settings, StagedEnricher(door, settings), console=Console(quiet=True))
    wall = time.perf_counter() - started
    report = summary.lists[0].report
    notes: list[str] = list(report.get("notes", []))  # type: ignore[arg-type]
    return {
        "run": label,
        "wall_seconds": round(wall, 1),
        "filter": fake.count("filter"),
        "search": fake.count("search"),
        "slots": report["slots"]["openalex"],  # type: ignore[index]
        "cost_line": next((n for n in notes if "request(s)" in n), ""),
    }


def measure(size: int, seed: int = 0) -> list[dict[str, Any]]:
    """Cold and warm runs of a ``size``-paper list; raises AssertionError on a missed target."""
    synthetic = generate(size, seed)
    works = [openalex_work(p) for p in synthetic.papers]
    fake = BenchOpenalex(works, Latency(seed=seed).stream("openalex"))
    with fake, tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        listing = root / "bench.md"
        listing.write_text(render(synthetic, ["https://pages.example"]), encoding="utf-8")
        settings = Settings(
            inputs=(listing,),
            output_dir=root / "out",
            report_dir=root / "reports",
            cache_dir=root / "cache",
            sources=(OpenalexSettings(api_url=fake.url, api_key=TEST_KEY),),
            only=frozenset({"openalex"}),
        )
        cold, warm = _run(settings, fake, "cold"), _run(settings, fake, "warm")
    searched = sum(1 for p in synthetic.papers if p.link == "cvf")
    expected_filters = math.ceil((size - searched) / DOI_BATCH)
    assert (cold["filter"], cold["search"]) == (expected_filters, searched), cold
    assert (warm["filter"], warm["search"]) == (0, 0), warm
    assert "allowance left" in cold["cost_line"], cold["cost_line"]
    return [{"size": size, **cold}, {"size": size, **warm}]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated list sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    rows = [row for size in args.sizes.split(",") for row in measure(int(size), args.seed)]
    for row in rows:
        print(
            f"{row['size']:>6} {row['run']:<5} {row['wall_seconds']:>6.1f} s  "
            f"{row['filter']} filter + {row['search']} search  {row['cost_line']}"
        )
    args.results.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
