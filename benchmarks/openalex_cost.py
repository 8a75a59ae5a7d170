"""What OpenAlex costs a run: requests by kind, dollars, and what the allowance left out.

Why apart from ``benchmarks.run``: this runs OpenAlex alone (``--only``),
in-process, against the harness's fake (``benchmarks.services.BenchOpenalex``)
in a world shaped like the real service (``openalex_works``: most arXiv
papers held twice, some merged, some only a preprint), cold and then warm,
for the seed list (``tests/fakes/openalex_seed.py``) and synthetic lists of
1,000 and 10,000 papers, under three plans:

- ``key``: a free key, $1 a day, 100 requests a second;
- ``keyless``: no key, $0.01 a day (the API reference's figure; the guide
  says $0.10), 10 requests a second;
- ``paid``: a key with room to spare, so the dollars a full cold run costs
  at OpenAlex's prices are measured, not estimated.

Each row: requests (filter, search, singleton) counted by the fake, dollars
charged (the fake's allowance before minus after), slots by status, the
version line and the cost line of the run report, and whether the warm
run's JSON is byte-identical to the cold one's.

Usage: ``python -m benchmarks.openalex_cost [--sizes seed,1000,10000]``;
results go to ``benchmarks/results/openalex.json``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from tests.conftest import SEED_LIST
from tests.fakes.openalex import TEST_KEY, FakeWork
from tests.fakes.openalex_seed import SEED_WORKS

from benchmarks.generate import generate, render
from benchmarks.services import BenchOpenalex, Latency, openalex_works
from enrich.assembly import build_door
from enrich.pipeline import run_all
from enrich.pipeline.stages import StagedEnricher
from enrich.settings import Settings
from enrich.sources.openalex import OpenalexSettings

RESULTS = Path(__file__).parent / "results" / "openalex.json"
PLANS: dict[str, dict[str, Any]] = {
    "key": {"allowance_usd": 1.0},
    "keyless": {"keyless_allowance_usd": 0.01},
    "paid": {"allowance_usd": 1000.0},
}


def _world(size: str, seed: int, folder: Path) -> tuple[Path, list[FakeWork]]:
    if size == "seed":
        return SEED_LIST, list(SEED_WORKS)
    synthetic = generate(int(size), seed)
    listing = folder / "bench.md"
    listing.write_text(render(synthetic, ["https://pages.example"]), encoding="utf-8")
    return listing, [w for p in synthetic.papers for w in openalex_works(p)]


def _run(settings: Settings, fake: BenchOpenalex, keyed: bool, label: str) -> dict[str, Any]:
    fake.requests.clear()
    before = fake.remaining_usd[keyed]
    started = time.perf_counter()
    with build_door(settings) as door:
        summary = run_all(settings, StagedEnricher(door, settings), console=Console(quiet=True))
        door_notes = door.stats.notes
    wall = time.perf_counter() - started
    report = summary.lists[0].report
    notes: list[str] = [*report.get("notes", []), *door_notes]  # type: ignore[list-item]
    return {
        "run": label,
        "wall_seconds": round(wall, 1),
        "filter": fake.count("filter"),
        "search": fake.count("search"),
        "singleton": fake.count("singleton"),
        "usd": round(before - fake.remaining_usd[keyed], 4),
        "slots": report["slots"]["openalex"]["status"],  # type: ignore[index]
        "versions": next((n for n in notes if n.startswith("OpenAlex versions")), ""),
        "cost_line": next((n for n in notes if "request(s)" in n), ""),
        "limits": [n for n in notes if "429" in n],
    }


def measure(size: str, plan: str, seed: int, latency: Latency) -> list[dict[str, Any]]:
    """Cold and warm runs of one list under one plan."""
    keyed = plan != "keyless"
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        listing, works = _world(size, seed, root)
        fake = BenchOpenalex(works, latency.stream("openalex"), **PLANS[plan])
        with fake:
            settings = Settings(
                inputs=(listing,),
                output_dir=root / "out",
                report_dir=root / "reports",
                cache_dir=root / "cache",
                sources=(OpenalexSettings(api_url=fake.url, api_key=TEST_KEY if keyed else None),),
                only=frozenset({"openalex"}),
            )
            cold = _run(settings, fake, keyed, "cold")
            output = b"".join(p.read_bytes() for p in sorted((root / "out").glob("*.json")))
            warm = _run(settings, fake, keyed, "warm")
            again = b"".join(p.read_bytes() for p in sorted((root / "out").glob("*.json")))
    warm["byte_identical"] = again == output
    return [{"size": size, "plan": plan, **row} for row in (cold, warm)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="seed,1000,10000", help="'seed' and/or list sizes")
    parser.add_argument("--plans", default="key,keyless,paid")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="highest answer delay, s")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    latency = Latency(low=args.latency / 4, high=args.latency, seed=args.seed)
    rows = []
    for size in args.sizes.split(","):
        for plan in args.plans.split(","):
            for row in measure(size, plan, args.seed, latency):
                rows.append(row)
                print(
                    f"{row['size']:>6} {row['plan']:<7} {row['run']:<4}"
                    f" {row['wall_seconds']:>6.1f} s  {row['filter']} filter"
                    f" + {row['search']} search + {row['singleton']} single"
                    f"  ${row['usd']:.4f}  {row['slots']}  {row['versions']}"
                    + (f"  identical={row['byte_identical']}" if "byte_identical" in row else ""),
                    flush=True,
                )
    args.results.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
