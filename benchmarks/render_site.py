"""``python -m benchmarks.render_site``: page weight and time to interactive of a 10,000-paper list.

Builds a synthetic enriched list (realistic field sizes: arXiv abstracts of
about 1,100 characters, 2 to 12 authors, code for 70 % of the papers and a
project page for half of them, 80 % of those pages with an ``og:image``) and
60 days of star history for its repositories, renders it with the real
``render html``, and opens the page from disk in headless Chromium (Debian's,
through Playwright) to measure, for the cards view (the default) and the
table: the bytes a visitor loads (raw and gzip, as GitHub Pages serves
them), the time until the page is usable (``performance.mark`` when the
first cards are on screen and the controls answer), the teaser images
fetched before any scrolling and their bytes, and how long a search, a sort
and "show more" take. Teasers live on other hosts; the benchmark answers
them itself with generated PNGs of :data:`TEASER_BYTES` bytes each, a
1200x630 social-card image's usual weight (an assumption, stated with the
figures). Keeps desktop and phone screenshots and the figures in
``benchmarks/results/``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import struct
import tempfile
import time
import zlib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.render.conftest import CHROMIUM, CHROMIUM_ARGS

from enrich.history.rows import HistoryRow, format_history
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
TEASER_BYTES = 150_000
HISTORY_END = date(2026, 11, 1)
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
        image = f"https://lab{i}.github.io/project/teaser.png" if rng.random() < 0.8 else None
        page = PageSlot(
            status=SlotStatus.OK,
            record=PageRecord(
                url=url, health=health, dead=health == PageHealth.BROKEN, image=image
            ),
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


def history(document: EnrichedList, seed: int) -> str:
    """60 days of star history for every repository: a row on each day its count changed."""
    rng = random.Random(seed)
    rows = []
    for paper in document.papers:
        record = paper.github.record if paper.github is not None else None
        if record is None or record.repo_id is None or record.stars is None:
            continue
        stars = record.stars
        days = sorted(rng.sample(range(60), rng.randint(2, 12)))  # newest first, going back
        for back in days:
            day = (HISTORY_END - timedelta(days=back)).isoformat()
            rows.append(HistoryRow(day, record.repo_id, record.full_name, stars, record.forks))
            stars = max(0, stars - rng.randint(0, max(1, stars // 8)))
    return format_history(rows)


def teaser_png(variant: int, size: int = TEASER_BYTES) -> bytes:
    """A 1200x630 PNG of about ``size`` bytes: a colour gradient, textured to reach the weight."""
    width, height = 1200, 630
    rng = random.Random(variant)
    start = [rng.randint(30, 220) for _ in range(3)]
    end = [rng.randint(30, 220) for _ in range(3)]
    textured = max(1, size * 5 // 4 // (width * 3))  # rows of 4-bit noise: most of the weight
    every = max(1, height // textured)
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        colour = bytes(start[c] + (end[c] - start[c]) * y // height for c in range(3))
        row = bytearray(colour * width)
        if y % every == 0:
            noise = rng.randbytes(width * 3)
            row = bytearray(min(255, value + (n & 15)) for value, n in zip(row, noise, strict=True))
        raw.extend(row)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(bytes(raw), 6)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
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


class Teasers:
    """Answers teaser requests (any other host) with generated PNGs, and counts them."""

    def __init__(self) -> None:
        self.variants = [teaser_png(i) for i in range(6)]
        self.requested: list[str] = []
        self.bytes = 0
        self.outside: list[str] = []  # anything else that left the disk: must stay empty

    def route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        elif url.endswith("/teaser.png") and route.request.resource_type == "image":
            body = self.variants[len(self.requested) % len(self.variants)]
            self.requested.append(url)
            self.bytes += len(body)
            route.fulfill(status=200, content_type="image/png", body=body)
        else:
            self.outside.append(url)
            route.abort()


def _open(browser: Any, site: Path, page_name: str, view: str, viewport: dict[str, int]) -> Any:
    """A fresh context (empty cache) with the page open at ``view`` and its teasers settled."""
    teasers = Teasers()
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    context.route("**/*", teasers.route)
    page = context.new_page()
    page.goto((site / page_name).as_uri() + ("#view=table" if view == "table" else ""))
    page.wait_for_selector("html[data-ready=true]")
    _teasers_settled(page)
    return context, page, teasers


def _teasers_settled(page: Any) -> None:
    """Wait until every teaser asked for has loaded or failed (the load event comes first)."""
    page.wait_for_load_state("load")
    page.wait_for_function(
        "[...document.querySelectorAll('.teaser img[src]')].every(i => i.complete)",
        timeout=120_000,
    )


LOADS = 5  # per view, the views taking turns so a busy moment of the machine hits both


def _load(browser: Any, site: Path, page_name: str, view: str) -> dict[str, Any]:
    context, page, teasers = _open(browser, site, page_name, view, DESKTOP)
    load = page.evaluate(
        "() => ({ready: performance.getEntriesByName('enrich-ready')[0].startTime,"
        " dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,"
        " load: performance.getEntriesByType('navigation')[0].loadEventEnd})"
    )
    load.update(images=len(teasers.requested), bytes=teasers.bytes, outside=len(teasers.outside))
    context.close()
    return load


def _load_times(browser: Any, site: Path, page_name: str) -> dict[str, Any]:
    """Per view: median and range of :data:`LOADS` fresh loads, and the teasers before scrolling."""
    _load(browser, site, page_name, "cards")  # warms the disk cache
    loads: dict[str, list[dict[str, Any]]] = {"cards": [], "table": []}
    for _ in range(LOADS):
        for view, runs in loads.items():
            runs.append(_load(browser, site, page_name, view))
    result = {}
    for view, runs in loads.items():
        ready = sorted(round(run["ready"]) for run in runs)
        middle = sorted(runs, key=lambda run: run["ready"])[LOADS // 2]
        result[view] = {
            "time_to_interactive_ms": ready[LOADS // 2],
            "time_to_interactive_range_ms": [ready[0], ready[-1]],
            "dom_content_loaded_ms": round(middle["dcl"]),
            "load_event_ms": round(middle["load"]),
            "teasers_before_scrolling": max(run["images"] for run in runs),
            "image_bytes_before_scrolling": max(run["bytes"] for run in runs),
            "requests_off_disk_not_teasers": max(run["outside"] for run in runs),
        }
    return result


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def browse(site: Path, page_name: str, shots: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        result: dict[str, Any] = _load_times(browser, site, page_name)
        context, page, teasers = _open(browser, site, page_name, "cards", DESKTOP)
        page.screenshot(path=str(shots / "site-desktop.png"))
        actions: dict[str, Any] = {
            "first_search_ms": round(_timed(page, _set("q", "author4242", "input")), 1)
        }
        started = time.perf_counter()
        page.wait_for_selector("html[data-abstracts=loaded]")
        actions["abstracts_loaded_after_first_search_ms"] = round(
            (time.perf_counter() - started) * 1000
        )
        actions.update(
            {
                "search_with_abstracts_ms": round(_timed(page, _set("q", "gaussian", "input")), 1),
                "matches_for_search": page.inner_text("#count"),
                "clear_search_ms": round(_timed(page, _set("q", "", "input")), 1),
                "sort_by_stars_ms": round(_timed(page, _set("sort", "stars", "change")), 1),
                "show_more_ms": round(_timed(page, "document.getElementById('more').click()"), 1),
                "cards_in_dom": page.locator("#cards > li").count(),
            }
        )
        asked = len(teasers.requested)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(500)  # the observer answers on the next frames; then they load
        _teasers_settled(page)
        actions["teasers_loaded_by_scrolling_to_the_last_card"] = len(teasers.requested) - asked
        actions["to_table_ms"] = round(
            _timed(page, "document.getElementById('view-table').click()"), 1
        )
        result["actions_cards_view"] = actions
        context.close()
        context, table, _ = _open(browser, site, page_name, "table", DESKTOP)
        table.screenshot(path=str(shots / "site-desktop-table.png"))
        context.close()
        context, small, _ = _open(browser, site, page_name, "cards", PHONE)
        small.screenshot(path=str(shots / "site-phone.png"))
        small.evaluate("document.getElementById('count').scrollIntoView()")
        small.wait_for_timeout(500)  # the observer answers on the next frames; then they load
        _teasers_settled(small)
        small.screenshot(path=str(shots / "site-phone-cards.png"))
        context.close()
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
        histories = site / "history"
        histories.mkdir()
        (histories / "synthetic.csv").write_text(history(document, args.seed), encoding="utf-8")
        started = time.perf_counter()
        build_site([document], site, history_dir=histories)
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
