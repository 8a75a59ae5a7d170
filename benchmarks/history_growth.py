"""``python -m benchmarks.history_growth``: how fast ``data/history/<list>.csv`` grows.

A year of nightly runs over 10,000 repositories, under this change model
(stated, because the answer depends on it entirely):

- each repository has its own rate of new stars a day, drawn from a
  log-normal distribution with a median of 0.2 stars a day and sigma 1.5
  (so a few percent of repositories gain several stars a day, a popular one
  dozens, and most a star a week or less — what a curated list of research
  code looks like);
- a night's new stars are Poisson with that rate, lost stars (unstars)
  Poisson with 5 % of it, new forks Poisson with a sixth of it;
- one run a night; a row is written only when the net stars or the forks
  changed since the repository's last row (the rule of ``enrich.history``).

The simulation keeps each repository's last figures itself (replaying the
real updater night by night would cost O(history) a night); the bytes are
those of the real writer (``format_history``) over the year's rows, and the
real archiving of the year's old rows into ``<list>/<year>.csv`` and the real
read + update + write of the working file that is left are timed, as the
nightly job will pay them (and, for comparison, the same night on the whole
year's file, had it never been archived). Results go to
``benchmarks/results/history_growth.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from enrich.history.archive import archive_boundary, archive_path, archive_rows, split_for_archive
from enrich.history.rows import HistoryRow, format_history, read_history
from enrich.history.trend import trend_of
from enrich.history.update import latest_rows, updated_rows

RESULTS = Path(__file__).resolve().parent / "results"
START = date(2026, 1, 1)


def _poisson(rng: random.Random, rate: float) -> int:
    """Knuth's method: fine for the small rates of one night."""
    limit, count, product = math.exp(-rate), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def simulate(repositories: int, days: int, seed: int) -> list[HistoryRow]:
    rng = random.Random(seed)
    rates = [rng.lognormvariate(math.log(0.2), 1.5) for _ in range(repositories)]
    names = [f"owner{i % 3000}/repository-{i}" for i in range(repositories)]
    ids = [100_000_000 + 7919 * i for i in range(repositories)]
    stars = [int(rng.paretovariate(1.2) * 20) for _ in range(repositories)]
    forks = [s // 6 for s in stars]
    day0 = START.isoformat()
    rows = [HistoryRow(day0, ids[i], names[i], stars[i], forks[i]) for i in range(repositories)]
    for offset in range(1, days):
        today = (START + timedelta(days=offset)).isoformat()
        for i, rate in enumerate(rates):
            gained = _poisson(rng, rate) - _poisson(rng, rate * 0.05)
            forked = _poisson(rng, rate / 6)
            if gained == 0 and forked == 0:
                continue
            stars[i] = max(0, stars[i] + gained)
            forks[i] += forked
            rows.append(HistoryRow(today, ids[i], names[i], stars[i], forks[i]))
    return rows


def _nightly(path: Path, tomorrow: str, archived: bool = True) -> tuple[float, int]:
    """The real nightly work on a history file: read, add a night of changes, write."""
    started = time.perf_counter()
    history = read_history(path)
    assert not history.problems
    observed = [
        HistoryRow(tomorrow, r[-1].repo_id, r[-1].full_name, r[-1].stars + 1, r[-1].forks)
        for r in latest_rows(history.rows).values()
    ]
    updated = updated_rows(history.rows, observed, tomorrow)
    kept, moving = split_for_archive(updated, archive_boundary(tomorrow))
    if not archived:
        kept, moving = updated, ()
    path.write_text(format_history(kept), encoding="utf-8")
    assert not moving and len(updated) == len(history.rows) + len(observed)
    return time.perf_counter() - started, len(kept)


def measure(repositories: int, days: int, seed: int) -> dict[str, object]:
    started = time.perf_counter()
    rows = simulate(repositories, days, seed)
    simulated = time.perf_counter() - started
    text = format_history(rows).encode("utf-8")
    first_day = sum(1 for row in rows if row.date == START.isoformat())
    tomorrow = (START + timedelta(days=days)).isoformat()
    working, old = split_for_archive(rows, archive_boundary(tomorrow))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        started = time.perf_counter()
        refused, problems = archive_rows(path, old)
        archiving = time.perf_counter() - started
        assert not refused and not problems
        archives = {
            p.name: p.stat().st_size for p in sorted(archive_path(path, "x").parent.iterdir())
        }
        path.write_text(format_history(working), encoding="utf-8")
        working_bytes = path.stat().st_size
        nightly, working_rows = _nightly(path, tomorrow)
        started = time.perf_counter()
        trends = [trend_of(r, tomorrow) for r in latest_rows(read_history(path).rows).values()]
        trend_seconds = time.perf_counter() - started
        unarchived = Path(folder) / "whole.csv"
        unarchived.write_bytes(text)
        whole_nightly, _ = _nightly(unarchived, tomorrow, archived=False)
    assert all(t.stars_30d is not None for t in trends)
    yearly_rows = len(rows) - first_day
    return {
        "repositories": repositories,
        "days": days,
        "seed": seed,
        "model": "log-normal star rate (median 0.2/day, sigma 1.5); Poisson stars, 5% unstars, "
        "forks at 1/6 of the star rate; one run a night; a row only on change",
        "rows_first_day": first_day,
        "rows_per_year": round(yearly_rows * 365 / (days - 1)),
        "changing_per_night": round(yearly_rows / (days - 1) / repositories, 3),
        "bytes_per_row": round(len(text) / len(rows), 1),
        "bytes_after_period": len(text),
        "bytes_per_year": round((len(text) - first_day * len(text) / len(rows)) * 365 / (days - 1)),
        "gzip_bytes_after_period": len(gzip.compress(text, 6)),
        "working_file_bytes": working_bytes,
        "working_file_rows": working_rows,
        "archive_bytes": archives,
        "nightly_seconds_working_file": round(nightly, 2),
        "nightly_seconds_if_never_archived": round(whole_nightly, 2),
        "archiving_a_year_seconds": round(archiving, 2),
        "trends_for_all_repositories_seconds": round(trend_seconds, 2),
        "simulation_seconds": round(simulated, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repositories", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=366, help="nights, the first one included")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    result = measure(args.repositories, args.days, args.seed)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "history_growth.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
