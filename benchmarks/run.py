"""``python -m benchmarks.run [--sizes 20,1000,10000]``: measure `enrich` at scale, one table.

For each size N: generate a list, start the fakes filled to match, run the
real CLI cold (empty cache) and warm (same cache and output) in fresh
subprocesses, time parsing in-process, then check the issue's targets. The
results go to ``benchmarks/results/results.json`` and ``results.md``
(overwritten; no dates in them, so a rerun is a plain diff).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.console import Console

from benchmarks.generate import SyntheticList, generate, render
from benchmarks.measure import Folders, RunResult, another_process_writes, run_cli
from benchmarks.report import markdown, table
from benchmarks.services import Latency, Services
from benchmarks.targets import check
from enrich.parse.markdown import parse_list

RESULTS = Path(__file__).resolve().parent / "results"
NO_TOKEN_SIZES = frozenset({20})  # GitHub's REST API without a token allows 60 requests an hour
# (label, hours later, another process wrote to the cache first)
# cold: empty cache. rerun: right after; every request of the cold run was answered, so
# its memo serves the output (enrich.pipeline.reuse). warm: the same cache once another
# process has written to it, so no memo holds: the list made again from the cache alone,
# 0 requests (it leaves a memo of its own). warm +1 day: the nightly case, where GitHub
# answers and pages have expired and arXiv records have not.
PHASES = (
    ("cold", 0.0, False),
    ("rerun", 0.0, False),
    ("warm", 0.0, True),
    ("warm +1 day", 25.0, False),
)


@dataclass(frozen=True)
class Options:
    sizes: tuple[int, ...]
    seed: int
    latency: Latency
    arxiv_delay: float
    fast_from: int  # sizes from here on use ``fast_latency`` (the run would take too long)
    fast_latency: Latency


def parse_seconds(text: str, name: str, expected: int) -> float:
    """Best of three in-process parses; insists on exactly ``expected`` papers and no warnings."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        parsed = parse_list(text, name)
        best = min(best, time.perf_counter() - started)
    if len(parsed.papers) != expected or parsed.warnings:
        raise SystemExit(
            f"{name}: parsed {len(parsed.papers)} papers (expected {expected}) "
            f"with {len(parsed.warnings)} warnings"
        )
    return best


def _variants(size: int) -> list[tuple[str, bool]]:
    variants = [("", True)]
    if size in NO_TOKEN_SIZES:
        variants.append((", no token", False))
    return variants


def bench_size(
    size: int, options: Options, work: Path, console: Console
) -> tuple[SyntheticList, list[RunResult], float, Latency]:
    synthetic = generate(size, options.seed)
    latency = options.fast_latency if size >= options.fast_from else options.latency
    results = []
    with Services(synthetic, latency) as services:
        text = render(synthetic, services.page_bases, name=f"synthetic-{size}")
        seconds = parse_seconds(text, f"synthetic-{size}.md", size)
        for variant, token in _variants(size):
            root = work / f"n{size}{variant.replace(', ', '-').replace(' ', '-')}"
            root.mkdir(parents=True)
            list_file = root / f"synthetic-{size}.md"
            list_file.write_text(text, encoding="utf-8")
            folders = Folders(root, list_file)
            for phase, hours, disturbed in PHASES:
                label = phase + variant
                if disturbed:
                    another_process_writes(folders.cache)
                console.print(f"N={size}: {label} ...", highlight=False)
                result = run_cli(
                    services,
                    folders,
                    label,
                    token=token,
                    arxiv_delay=options.arxiv_delay,
                    hours_later=hours,
                )
                console.print(
                    f"N={size}: {label}: {result.wall_seconds:.1f} s, exit {result.exit_code}",
                    highlight=False,
                )
                results.append(result)
    return synthetic, results, seconds, latency


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="20,1000,10000", help="comma-separated list sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--latency", default="0.05,0.2", help="seconds per answer: low,high")
    parser.add_argument("--arxiv-delay", type=float, default=0.05, help="ENRICH_ARXIV_DELAY")
    parser.add_argument("--fast-from", type=int, default=10_000, help="size using --fast-latency")
    parser.add_argument("--fast-latency", default="0.05,0.2", help="latency for large sizes")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where results go")
    args = parser.parse_args(argv)
    options = Options(
        sizes=tuple(int(s) for s in args.sizes.split(",")),
        seed=args.seed,
        latency=_latency(args.latency, args.seed),
        arxiv_delay=args.arxiv_delay,
        fast_from=args.fast_from,
        fast_latency=_latency(args.fast_latency, args.seed),
    )
    console = Console(stderr=True)
    results: list[RunResult] = []
    lists: dict[int, SyntheticList] = {}
    parses: dict[int, float] = {}
    latencies: dict[int, Latency] = {}
    with tempfile.TemporaryDirectory(prefix="enrich-bench-") as work:
        for size in options.sizes:
            synthetic, runs, seconds, latency = bench_size(size, options, Path(work), console)
            lists[size], parses[size], latencies[size] = synthetic, seconds, latency
            results.extend(runs)
    checks = check(results, lists, parses)
    Console().print(table(results, checks, parses, latencies, options.arxiv_delay))
    args.results.mkdir(parents=True, exist_ok=True)
    document = {
        "settings": {
            "seed": options.seed,
            "arxiv_delay": options.arxiv_delay,
            "latency": {str(n): asdict(latency) for n, latency in sorted(latencies.items())},
        },
        "lists": {str(n): _shape(s) for n, s in sorted(lists.items())},
        "parse_seconds": {str(n): round(s, 4) for n, s in sorted(parses.items())},
        "runs": [asdict(r) for r in results],
        "targets": [asdict(c) for c in checks],
    }
    (args.results / "results.json").write_text(
        json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    (args.results / "results.md").write_text(
        markdown(results, checks, parses, latencies, options.arxiv_delay), encoding="utf-8"
    )
    return 0 if all(c.passed is not False for c in checks) else 1


def _latency(text: str, seed: int) -> Latency:
    low, high = (float(x) for x in text.split(","))
    return Latency(low, high, seed)


def _shape(synthetic: SyntheticList) -> dict[str, int]:
    return {
        "papers": len(synthetic.papers),
        "linked_arxiv_ids": len(synthetic.linked_ids),
        "needing_title_search": len(synthetic.searched),
        "repositories": len(synthetic.repos),
        "project_pages": len(synthetic.pages),
    }


if __name__ == "__main__":
    raise SystemExit(main())
