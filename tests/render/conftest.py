"""A headless Chromium for the site's tests: one browser per session, skipped (loudly) without it.

The browser is Debian's ``chromium`` driven by Playwright for Python with
the system executable (never ``playwright install``, which downloads a
browser build). Every request a page makes is routed through the test: a
file:// request goes on, anything else is recorded and aborted.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from enrich.models import EnrichedList

CHROMIUM = os.environ.get("ENRICH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOW_TO_INSTALL = (
    "no Chromium at {path}: install it with `apt-get install -y chromium` (Debian; .ci/run "
    "does this) and Playwright with `pip install -e '.[test]'`, or set ENRICH_CHROMIUM"
)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(HOW_TO_INSTALL.format(path=CHROMIUM))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(HOW_TO_INSTALL.format(path=CHROMIUM) + " (playwright is not installed)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


VIEWPORT = {"width": 1280, "height": 900}
Answer = Callable[[Any], bool]  # a route the test answers itself: True when it did


@dataclass
class Watched:
    """A page whose requests and console messages the test can inspect."""

    page: Any
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def reset(self) -> None:
        """A clean slate for the next test: blank page, desktop viewport, nothing recorded."""
        self.page.goto("about:blank")
        self.page.set_viewport_size(VIEWPORT)
        self.requests.clear()
        self.blocked.clear()
        self.errors.clear()


def watched_pages(browser: Any, answer: Answer | None = None) -> Iterator[Watched]:
    """One page for a whole test module, reset before each test.

    Why shared: a browser context and its renderer cost Chromium more CPU than most
    of the tests that use them; each test still starts from a blank page with nothing
    recorded. A file:// request goes on; ``answer`` may answer another; anything else
    is recorded and aborted.
    """
    context = browser.new_context(viewport=VIEWPORT)
    seen = Watched(context.new_page())

    def route(route: Any) -> None:
        url = route.request.url
        seen.requests.append(url)
        if url.startswith("file://"):
            route.continue_()
        elif answer is None or not answer(route):
            seen.blocked.append(url)
            route.abort()

    context.route("**/*", route)
    seen.page.on("console", lambda m: m.type == "error" and seen.errors.append(m.text))
    seen.page.on("pageerror", lambda error: seen.errors.append(str(error)))
    yield seen
    context.close()


@pytest.fixture(scope="module")
def _watched_page(browser: Any) -> Iterator[Watched]:
    yield from watched_pages(browser)


@pytest.fixture
def watched(_watched_page: Watched) -> Watched:
    _watched_page.reset()
    return _watched_page


# --------------------------------------------------------------------------- #
# The demo list, and teasers and star history to add to it (site and Markdown tests)
# --------------------------------------------------------------------------- #

FIXTURE = Path(__file__).parent / "fixtures" / "demo.json"


def _demo() -> EnrichedList:
    return EnrichedList.model_validate_json(FIXTURE.read_bytes())


TEASER = "https://teasers.example.org/wav2lip.png"
BROKEN = "https://teasers.example.org/gone.png"
# A 2x1 PNG: the smallest real image a browser decodes.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000020000000108020000007b40e8dd0000000d49444154789c63f8cf"
    "0004ff01070001ffe2239e590000000049454e44ae426082"
)
HISTORY = (
    "date,repo_id,full_name,stars,forks\n"
    "2026-09-01,231380000,Rudrabha/Wav2Lip,9000,2000\n"
    "2026-10-01,231380000,Rudrabha/Wav2Lip,9500,2050\n"
    "2026-10-20,231380000,Rudrabha/Wav2Lip,9876,2100\n"
    "2026-10-20,440000002,EvelynFan/FaceFormer,800,90\n"
)


def _with_teasers(document: EnrichedList, images: dict[int, str]) -> EnrichedList:
    papers = list(document.papers)
    for index, image in images.items():
        slot = papers[index].project_page
        assert slot is not None and slot.record is not None
        record = slot.record.model_copy(update={"image": image})
        papers[index] = papers[index].model_copy(
            update={"project_page": slot.model_copy(update={"record": record})}
        )
    return document.model_copy(update={"papers": tuple(papers)})
