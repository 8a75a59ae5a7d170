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
real read + update + write of the year-old file is timed once, as the
nightly job will pay it. Results go to ``benchmarks/results/history_growth.json``.
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


def measure(repositories: int, days: int, seed: int) -> dict[str, object]:
    started = time.perf_counter()
    rows = simulate(repositories, days, seed)
    simulated = time.perf_counter() - started
    text = format_history(rows).encode("utf-8")
    first_day = sum(1 for row in rows if row.date == START.isoformat())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        path.write_bytes(text)
        started = time.perf_counter()
        history = read_history(path)
        last_day = (START + timedelta(days=days - 1)).isoformat()
        tomorrow = (START + timedelta(days=days)).isoformat()
        by_repo = latest_rows(history.rows)
        observed = [
            HistoryRow(tomorrow, r[-1].repo_id, r[-1].full_name, r[-1].stars + 1, r[-1].forks)
            for r in by_repo.values()
        ]
        updated = updated_rows(history.rows, observed, tomorrow)
        path.write_text(format_history(updated), encoding="utf-8")
        nightly = time.perf_counter() - started
        started = time.perf_counter()
        by_repo = latest_rows(updated)
        trends = [trend_of(repo_rows, tomorrow) for repo_rows in by_repo.values()]
        trend_seconds = time.perf_counter() - started
    assert len(history.rows) == len(rows) and not history.problems
    assert len(updated) == len(rows) + repositories and all(t.stars_30d is not None for t in trends)
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
        "last_day": last_day,
        "nightly_read_update_write_seconds": round(nightly, 2),
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
