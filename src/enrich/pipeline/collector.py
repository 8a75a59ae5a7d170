"""Full collections of the cycle collector become rare during a run: a third less time warm.

Why: CPython's cycle collector makes a young collection every 700 new
container objects, a middle one every 10 young ones, and a full one every 10
middle ones once the long-lived objects have grown by a quarter. A run keeps
hundreds of thousands of long-lived objects (last run's slots, every record
the sources read back, the document being built); every full collection
walks all of them again, and almost none is ever part of a cycle: reference
counting frees them. A warm 10,000-entry run spent a third of its time
there: 10.3-12.8 s with Python's thresholds, 7.9-8.5 s with the collector
off, 7.9 s with full collections 100 times rarer (below), 8.2 s with
mypy's thresholds (200,000 / 30 / 30, set for the same reason in
``mypy/build.py``: "Run gc less frequently, as otherwise we can spend a
large fraction of cpu in gc"). Only the full collections change here: young
garbage in cycles (an exception and its traceback) is still collected as
soon as before, so the peak stays where it was (cold runs: 504-603 MB with
either setting, within the run-to-run spread).

Like :mod:`enrich.pipeline.arenas`, this is the process's choice: ``enrich
run`` (:func:`enrich.commands.run`) sets it, never the pipeline a library
user or a test builds.
"""

from __future__ import annotations

import gc
import platform

# Python's young and middle thresholds; a full collection after 1,000 middle ones, not 10.
THRESHOLDS = (700, 10, 1000)


def collect_less_often() -> tuple[int, int, int]:
    """Make full collections rare (CPython only); the thresholds the collector had before.

    No threshold is lowered: a process that already collects less often (a test
    run's own setting) keeps its own where it is higher.
    """
    before: tuple[int, int, int] = gc.get_threshold()
    if platform.python_implementation() == "CPython":
        gc.set_threshold(
            *(max(mine, theirs) for mine, theirs in zip(THRESHOLDS, before, strict=True))
        )
    return before
