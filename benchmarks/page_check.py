"""``python -m benchmarks.page_check URLS.txt``: our page check alone, for side-by-side runs.

Reads one URL per line, checks them with the pages source exactly as a run
does (the real door: per-host bounds, deadline, body cap, conditional
requests; the real verdicts), and prints ``{url: health}`` as JSON. The
limits come from the usual environment variables (``ENRICH_PAGE_CONCURRENCY``,
``ENRICH_PAGE_HOST_CONCURRENCY``, ``ENRICH_READ_TIMEOUT``, ...), so
``benchmarks.peers`` sets them as it sets lychee's flags. A fresh cache
folder is used every time: every page is really asked. Only the pages
source and the door are imported and built (a run's other sources would add
their start-up to a check that does not use them). The process is set up as
``enrich run`` sets up its own: two malloc arenas, rare full collections
(:mod:`enrich.pipeline.arenas`, :mod:`enrich.pipeline.collector`).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from enrich.http.client import NetworkDoor
from enrich.leave import leave
from enrich.pipeline.arenas import limit_malloc_arenas
from enrich.pipeline.collector import collect_less_often
from enrich.settings import from_environment
from enrich.sources.interface import Hint, Target
from enrich.sources.pages import SPEC, PagesSettings, PagesSource


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    limit_malloc_arenas()  # as enrich.commands.run does for a run
    collect_less_often()
    urls = [line.strip() for line in Path(args[0]).read_text("utf-8").splitlines() if line.strip()]
    targets = [
        Target(key=f"p{n}", file="pages.txt", line=n + 1, hints=(Hint(url, "link"),))
        for n, url in enumerate(urls)
    ]
    with tempfile.TemporaryDirectory(prefix="enrich-page-check-") as cache:
        own = PagesSettings.from_environment(os.environ)
        settings = replace(from_environment(), cache_dir=Path(cache)).with_sources(own)
        assert SPEC.policy is not None
        # Only the pages' door and modules: a run's other sources are not part of a page check.
        with NetworkDoor(settings, {SPEC.name: SPEC.policy(settings)}) as door:
            outcome = PagesSource(door, settings).resolve(targets)
    verdicts = {}
    for target in targets:
        record = outcome.slots[target.key].record
        verdicts[target.hints[0].value] = record.health.value if record else "not checked"
    json.dump(verdicts, sys.stdout, sort_keys=True)
    return 0


if __name__ == "__main__":
    leave(main())  # as ``python -m enrich`` leaves: nothing freed piece by piece
