"""``python -m benchmarks.render_site``: page weight and time to interactive of a 10,000-paper list.

Builds a synthetic enriched list (realistic field sizes: arXiv abstracts of
about 1,100 characters, 2 to 12 authors, code for 70 % of the papers and a
project page for half of them), renders it with the real ``render html``, and
opens the page from disk in headless Chromium (Debian's, through Playwright)
to measure: the bytes a visitor loads (raw and gzip, as GitHub Pages serves
them), the time until the table is usable (``performance.mark`` when the
first rows are on screen and the controls answer), and how long a search, a
sort and "show more" take. Keeps desktop and phone screenshots and the
figures in ``benchmarks/results/``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.render.conftest import CHROMIUM, CHROMIUM_ARGS

from enrich.models import (
    ArxivAuthor,
    ArxivRecord,
    ArxivSlot,
    EnrichedList,
    GithubRecord,
    GithubSlot,
    PageHealth,
    PageRecord,
    PageSlot,
    Paper,
    SlotStatus,
    SourceFile,
    Trend,
)
from enrich.render.site import build_site

RESULTS = Path(__file__).resolve().parent / "results"
WORDS = [
    "talking",
    "face",
    "audio",
    "driven",
    "neural",
    "radiance",
    "field",
    "gaussian",
    "splatting",
    "lip",
    "sync",
    "speech",
    "gesture",
    "diffusion",
    "avatar",
    "video",
    "synthesis",
    "head",
    "portrait",
    "expression",
    "emotion",
    "motion",
    "transformer",
    "dataset",
    "realistic",
    "controllable",
    "real-time",
    "generation",
    "editing",
    "body",
    "pose",
]
VENUES = ("CVPR", "ICCV", "ECCV", "NeurIPS", "SIGGRAPH", "SIGGRAPH Asia", "AAAI", "MM", "arXiv")
SECTIONS = [("Papers", f"Topic {i}") for i in range(12)]


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _paper(rng: random.Random, i: int) -> Paper:
    arxiv_id = f"{rng.randint(18, 25):02d}{rng.randint(1, 12):02d}.{i:05d}"
    year = 2000 + int(arxiv_id[:2])
    title = _words(rng, rng.randint(6, 14)).capitalize()
    authors = tuple(
        ArxivAuthor(name=f"{rng.choice('ABCDEFGHJKLMN')}. Author{rng.randint(1, 9999)}")
        for _ in range(rng.randint(2, 12))
    )
    record = ArxivRecord(
        id=arxiv_id,
        title=title,
        authors=authors,
        abstract=_words(rng, 160).capitalize() + ".",
        published=f"{year}-{arxiv_id[2:4]}-{rng.randint(1, 28):02d}",
        abs_url=f"https://arxiv.org/abs/{arxiv_id}",
    )
    github = None
    if rng.random() < 0.7:
        name = f"lab{rng.randint(1, 3000)}/project-{i}"
        stars = int(rng.paretovariate(1.1) * 20)
        github = GithubSlot(
            status=SlotStatus.OK,
            record=GithubRecord(
                repo_id=10_000_000 + i,
                full_name=name,
                url=f"https://github.com/{name}",
                stars=stars,
                forks=stars // 6,
                archived=rng.random() < 0.05,
                pushed=f"{rng.randint(2019, 2026)}-0{rng.randint(1, 9)}-15T00:00:00Z",
            ),
            trend=Trend(stars_30d=rng.randint(0, 60), since_30d="2026-10-01", until="2026-11-01"),
        )
    page = None
    if rng.random() < 0.5:
        url = f"https://lab{i}.github.io/project/"
        health = rng.choice([PageHealth.OK] * 8 + [PageHealth.FAILING, PageHealth.BROKEN])
        page = PageSlot(
            status=SlotStatus.OK,
            record=PageRecord(url=url, health=health, dead=health == PageHealth.BROKEN),
        )
    return Paper(
        id=f"paper-{i}",
        section=SECTIONS[i * len(SECTIONS) // 10_000 % len(SECTIONS)],
        line=i + 1,
        venue=rng.choice(VENUES),
        year=year,
        title=title,
        paper_url=record.abs_url,
        arxiv=ArxivSlot(status=SlotStatus.OK, record=record),
        github=github,
        project_page=page,
    )


def synthetic(papers: int, seed: int) -> EnrichedList:
    rng = random.Random(seed)
    return EnrichedList(
        name="synthetic",
        source=SourceFile(path="data/raw/synthetic.md", sha256="0" * 64),
        papers=tuple(_paper(rng, i) for i in range(papers)),
    )


def _weights(site: Path, page: str) -> dict[str, int]:
    """Bytes a visitor loads on opening the page, and later for the abstracts (raw and gzip)."""
    opened = [site / page, site / "assets" / "site.js", site / "assets" / "site.css"]
    abstracts = site / page.replace(".html", ".abstracts.js")
    return {
        "page_bytes": (site / page).stat().st_size,
        "opening_bytes": sum(path.stat().st_size for path in opened),
        "opening_gzip_bytes": sum(len(gzip.compress(path.read_bytes(), 6)) for path in opened),
        "abstracts_bytes": abstracts.stat().st_size,
        "abstracts_gzip_bytes": len(gzip.compress(abstracts.read_bytes(), 6)),
    }


def _set(control: str, value: str, event: str) -> str:
    """JavaScript that sets a control as a user would and fires its event."""
    return (
        f"const c = document.getElementById('{control}'); c.value = '{value}'; "
        f"c.dispatchEvent(new Event('{event}'))"
    )


def _timed(page: Any, script: str) -> float:
    """Milliseconds a synchronous action takes in the page (its handlers run inside it)."""
    return float(
        page.evaluate(
            f"() => {{ const t = performance.now(); {script}; return performance.now() - t; }}"
        )
    )


def browse(site: Path, page_name: str, shots: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        outside: list[str] = []
        context.route(
            "**/*",
            lambda r: (
                r.continue_()
                if r.request.url.startswith("file://")
                else (outside.append(r.request.url), r.abort())
            ),
        )
        page = context.new_page()
        loads = []
        for _ in range(3):  # the first load warms the disk cache; report the median
            page.goto((site / page_name).as_uri())
            page.wait_for_selector("html[data-ready=true]")
            loads.append(
                page.evaluate(
                    "() => ({ready: performance.getEntriesByName('enrich-ready')[0].startTime,"
                    " dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd})"
                )
            )
        loads.sort(key=lambda load: load["ready"])
        result: dict[str, Any] = {
            "time_to_interactive_ms": round(loads[1]["ready"]),
            "dom_content_loaded_ms": round(loads[1]["dcl"]),
            "first_search_ms": round(_timed(page, _set("q", "author4242", "input")), 1),
        }
        started = time.perf_counter()
        page.wait_for_selector("html[data-abstracts=loaded]")
        result["abstracts_loaded_after_first_search_ms"] = round(
            (time.perf_counter() - started) * 1000
        )
        result.update(
            {
                "search_with_abstracts_ms": round(_timed(page, _set("q", "gaussian", "input")), 1),
                "matches_for_search": page.inner_text("#count"),
                "clear_search_ms": round(_timed(page, _set("q", "", "input")), 1),
                "sort_by_stars_ms": round(_timed(page, _set("sort", "stars", "change")), 1),
                "show_more_ms": round(_timed(page, "document.getElementById('more').click()"), 1),
                "rows_in_dom": page.locator("#papers tbody tr:not(.detail)").count(),
                "requests_off_disk": len(outside),
            }
        )
        page.screenshot(path=str(shots / "site-desktop.png"))
        phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
        phone.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort()
        )
        small = phone.new_page()
        small.goto((site / page_name).as_uri())
        small.wait_for_selector("html[data-ready=true]")
        small.screenshot(path=str(shots / "site-phone.png"))
        browser.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    document = synthetic(args.papers, args.seed)
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        started = time.perf_counter()
        build_site([document], site)
        result: dict[str, Any] = {
            "papers": args.papers,
            "build_seconds": round(time.perf_counter() - started, 2),
        }
        result.update(_weights(site, "synthetic.html"))
        result.update(browse(site, "synthetic.html", RESULTS))
    (RESULTS / "render_site.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
