"""The seed list's cold run against the fakes with one hung project page.

Issue 12: a page that accepts the connection and never answers cost the
seed's cold run 153 s of its 155 s (30 s read timeout x 5 attempts). Now a
page check has a total deadline (``ENRICH_PAGE_DEADLINE``, 30 s, retries
included) and the run must finish in under 45 s with the public services'
real spacing and timeouts: arXiv 3 s apart, read timeout 30 s.

The seed's project pages live on real hosts, which the benchmark may not
reach; each is rewritten to a loopback page server (``/<host>/<path>``), and
one of them to a server that accepts and never answers.

    .venv/bin/python -m benchmarks.hung_page            # about 35-45 s
    .venv/bin/python -m benchmarks.hung_page --deadline 5
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from tests.conftest import SEED_LIST
from tests.fakes.arxiv import FakeArxiv
from tests.fakes.arxiv_seed import SEED_PAPERS
from tests.fakes.github import FakeGithub
from tests.fakes.github_seed import SEED_RENAMES, seed_repos
from tests.fakes.hung import HungServer
from tests.fakes.server import QuickStopHTTPServer

from enrich.assembly import build_door
from enrich.pipeline import run_all
from enrich.pipeline.stages import StagedEnricher
from enrich.settings import Settings
from enrich.sources.arxiv import ArxivSettings
from enrich.sources.github import GithubSettings
from enrich.sources.pages import PagesSettings

logging.getLogger("werkzeug").setLevel(logging.ERROR)
PAGE_LINK = re.compile(
    r"\((https?://(?!(?:www\.|export\.)?arxiv\.org|github\.com|img\.shields\.io)"
    r"([^)\s/]+)([^)\s]*))\)"
)
TARGET_SECONDS = 45.0


def rewrite_pages(text: str, pages: str, hung: str) -> tuple[str, int]:
    """The list with every project-page link on loopback; the first one hung."""
    count = 0

    def move(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        base = hung if count == 1 else pages
        return f"({base}/{match.group(2)}{match.group(3) or '/'})"

    return PAGE_LINK.sub(move, text), count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadline", type=float, default=PagesSettings().deadline)
    parser.add_argument("--arxiv-delay", type=float, default=ArxivSettings().delay)
    parser.add_argument(
        "--rerun", action="store_true", help="then run again the same day (issue 23: <= 3 s)"
    )
    args = parser.parse_args(argv)

    pages = QuickStopHTTPServer(host="127.0.0.1", port=0, threaded=True)
    pages.expect_request(re.compile(".*")).respond_with_data(
        "<html><head><title>Project page</title></head><body>ok</body></html>",
        content_type="text/html",
    )
    pages.start()
    hung = HungServer().start()
    try:
        with (
            FakeArxiv(SEED_PAPERS) as arxiv,
            FakeGithub(seed_repos(), renames=SEED_RENAMES) as github,
            tempfile.TemporaryDirectory() as folder,
        ):
            work = Path(folder)
            text, moved = rewrite_pages(
                SEED_LIST.read_text(encoding="utf-8"),
                f"http://127.0.0.1:{pages.port}",
                hung.url("").rstrip("/"),
            )
            listing = work / "awesome-avatar.md"
            listing.write_text(text, encoding="utf-8")
            settings = Settings(
                inputs=(listing,),
                output_dir=work / "out",
                report_dir=work / "reports",
                cache_dir=work / "cache",
                allow_private_hosts=True,
                only=frozenset({"arxiv", "github", "pages"}),
                sources=(
                    ArxivSettings(api_url=arxiv.url, delay=args.arxiv_delay),
                    GithubSettings(
                        api_url=github.api_url, graphql_url=github.graphql_url, token=github.token
                    ),
                    PagesSettings(deadline=args.deadline),
                ),
            )
            reruns = []
            for round_ in range(2 if args.rerun else 1):
                accepted = hung.accepted
                started = time.monotonic()
                with build_door(settings) as door:
                    summary = run_all(
                        settings,
                        StagedEnricher(door, settings),
                        requests=lambda: door.stats.to_dict(),
                        console=Console(quiet=True),
                    )
                    asked = {n: s.requests for n, s in door.stats.services}
                seconds = time.monotonic() - started
                if round_ == 0:
                    wall, requests, report = seconds, asked, summary.lists[0].report
                else:
                    rerun = {"wall_seconds": round(seconds, 1), "requests": asked}
                    reruns.append({**rerun, "hung_connections": hung.accepted - accepted})
    finally:
        hung.stop()
        pages.stop()
    result = {
        "wall_seconds": round(wall, 1),
        "target_seconds": TARGET_SECONDS,
        "page_links_moved": moved,
        "hung_connections": hung.accepted,
        "page_deadline": args.deadline,
        "arxiv_delay": args.arxiv_delay,
        "requests": requests,
        "stage_seconds": {k: round(v, 1) for k, v in report["timings_seconds"].items()},
        "slots": {name: slot["status"] for name, slot in report["slots"].items()},
        **({"same_day_rerun": reruns[0]} if reruns else {}),
    }
    print(json.dumps(result, indent=2, sort_keys=True))
    return 0 if wall < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
