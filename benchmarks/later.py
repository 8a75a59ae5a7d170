"""``python -m benchmarks.later HOURS ARGS...``: run ``enrich ARGS`` as if HOURS had passed.

A nightly run meets a cache a day old: GitHub answers (fresh 6 h) and project
pages (fresh 1 day) have expired, arXiv records (fresh 21 days) have not. To
measure that run without waiting a day, the wall clock of this one process is
moved forward before ``enrich`` is imported (the door reads ``time.time``);
nothing else changes. Benchmarks only.
"""

from __future__ import annotations

import runpy
import sys
import time


def main() -> None:
    shift = float(sys.argv[1]) * 3600
    real = time.time
    time.time = lambda: real() + shift
    sys.argv = ["enrich", *sys.argv[2:]]
    runpy.run_module("enrich", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
