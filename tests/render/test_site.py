"""The static site in a real browser: search, filters, sorting, expand, no request off the disk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from enrich.cli import main
from enrich.models import EnrichedList
from enrich.render.selection import parse_filter, select_papers
from enrich.render.site import build_site
from tests.render.conftest import (
    BROKEN,
    FIXTURE,
    HISTORY,
    PNG,
    TEASER,
    Watched,
    _demo,
    _with_teasers,
    watched_pages,
)

pytestmark = pytest.mark.slow  # drives Chromium: scheduled first (tests/conftest.py)

ROWS = "#papers tbody tr:not(.detail)"


def _many(count: int) -> EnrichedList:
    """The demo's first paper ``count`` times, as a long list."""
    paper = _demo().papers[0]
    papers = tuple(
        paper.model_copy(update={"id": f"p{i}", "title": f"Paper {i:05d}", "line": i + 1})
        for i in range(count)
    )
    return _demo().model_copy(update={"name": "many", "papers": papers})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    markup = "</script><script>document.title='owned'</script><img src=x onerror=alert(1)>"
    hostile = _demo().papers[2].model_copy(update={"title": markup})
    documents = [_demo(), _many(250)]
    documents.append(
        _demo().model_copy(update={"name": "hostile", "papers": (*_demo().papers, hostile)})
    )
    build_site(documents, out)
    return out


def _open(watched: Watched, site: Path, page: str, fragment: str = "view=table") -> Any:
    """The page with the filters and view of ``fragment`` (the table, unless told)."""
    watched.page.goto((site / page).as_uri() + (f"#{fragment}" if fragment else ""))
    watched.page.wait_for_selector("html[data-ready=true]")
    return watched.page


def _titles(page: Any) -> list[str]:
    return [text.strip() for text in page.locator(f"{ROWS} td.title > a").all_inner_texts()]


def test_the_same_lists_give_the_same_bytes(site: Path, tmp_path: Path) -> None:
    assert main(["render", "html", str(FIXTURE), "--out", str(tmp_path)]) == 0
    assert {p.name for p in tmp_path.rglob("*")} == {
        *("assets", "demo.abstracts.js", "demo.bib", "demo.csl.json", "demo.html"),
        *("index.html", "site.css", "site.js"),
    }
    assert (tmp_path / "demo.html").read_bytes() == (site / "demo.html").read_bytes()
    page = (tmp_path / "demo.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing from another host
    assert 'href="demo.bib" download' in page and 'href="demo.csl.json" download' in page
    assert (tmp_path / "demo.bib").read_bytes() == (site / "demo.bib").read_bytes()
    assert (tmp_path / "demo.bib").read_text(encoding="utf-8").count("\n@") == 5


def test_search_filter_sort_and_expand(watched: Watched, site: Path) -> None:
    page = _open(watched, site, "demo.html")
    assert page.inner_text("#count") == "5 papers"
    assert page.locator(ROWS).count() == 5

    page.fill("#q", "cun")  # an author of SadTalker only
    assert _titles(page) == ["SadTalker: Learning Realistic 3D Motion Coefficients"]
    page.fill("#q", "target speech")  # words of Wav2Lip's abstract, fetched on the first search
    page.wait_for_selector("html[data-abstracts=loaded]")
    assert page.inner_text("#count") == "1 of 5 papers match"
    assert len(_titles(page)) == 1 and _titles(page)[0].startswith("Wav2Lip")
    page.fill("#q", "")

    page.select_option("#health", "problem")
    assert [t.split(":")[0] for t in _titles(page)] == ["SadTalker", "FaceFormer"]
    assert "(1)" in page.locator("#section option").nth(2).inner_text()
    page.select_option("#health", "")
    page.select_option("#section", "Papers › 3D talking-face synthesis")
    assert [t.split(":")[0] for t in _titles(page)] == ["FaceFormer", "GeneFace"]
    page.select_option("#sort", "title")
    assert [t.split(":")[0] for t in _titles(page)] == ["FaceFormer", "GeneFace"]
    page.select_option("#section", "")
    assert _titles(page)[0] == "A paper_with no links"
    page.select_option("#sort", "stars")
    assert [t.split(":")[0] for t in _titles(page)][:3] == ["Wav2Lip", "FaceFormer", "SadTalker"]

    row = page.locator(ROWS, has_text="SadTalker")
    detail = page.locator(".detail", has_text="3D motion coefficients")
    assert detail.is_hidden()
    row.locator("button.expand").click()
    assert detail.is_visible()
    assert "Wenxuan Zhang, Xiaodong Cun" in detail.inner_text()
    assert row.locator("button.expand").get_attribute("aria-expanded") == "true"
    assert watched.blocked == [] and watched.errors == []
    assert all(url.startswith("file://") for url in watched.requests)


def test_long_lists_render_a_hundred_rows_at_a_time(watched: Watched, site: Path) -> None:
    page = _open(watched, site, "many.html")
    assert page.locator(ROWS).count() == 100
    assert page.inner_text("#count") == "250 papers, first 100 shown"
    page.click("#more")
    page.click("#more")
    assert page.locator(ROWS).count() == 250
    assert page.inner_text("#count") == "250 papers" and page.locator("#more").is_hidden()
    page.fill("#q", "paper 0024")  # 00024 and 00240..00249
    assert page.locator(ROWS).count() == 11
    assert watched.errors == []


def test_markup_in_data_stays_text(watched: Watched, site: Path) -> None:
    page = _open(watched, site, "hostile.html")
    assert page.title() == "hostile: papers"
    assert page.locator("#papers img").count() == 0
    assert "<img src=x" in _titles(page)[-1]
    assert watched.blocked == [] and watched.errors == []


def test_index_links_every_list_and_works_by_keyboard(watched: Watched, site: Path) -> None:
    page = _open_index(watched, site)
    assert page.locator("main a").all_inner_texts() == ["demo", "hostile", "many"]
    page.click("text=demo")
    page.wait_for_selector("html[data-ready=true]")
    page.keyboard.press("Tab")  # the skip link, then the back link, then the search box
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    assert page.locator("label[for=q]").count() == 1


def _open_index(watched: Watched, site: Path) -> Any:
    watched.page.goto((site / "index.html").as_uri())
    return watched.page


def test_on_a_phone_rows_are_cards_and_details_stay_folded(watched: Watched, site: Path) -> None:
    watched.page.set_viewport_size({"width": 390, "height": 844})
    page = _open(watched, site, "demo.html")
    first = page.locator(ROWS).first
    assert first.evaluate("row => getComputedStyle(row).display") == "block"
    detail = page.locator(".detail").first
    assert detail.is_hidden()
    assert not [url for url in watched.requests if url.endswith(".abstracts.js")]  # not yet
    first.locator("button.expand").click()
    assert detail.is_visible()
    page.wait_for_selector("html[data-abstracts=loaded]")
    assert "lip-syncing a talking face video" in detail.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling


# --------------------------------------------------------------------------- #
# Cards: teasers, sparklines, the view toggle, the URL's filters
# --------------------------------------------------------------------------- #


@pytest.fixture(scope="module")
def card_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cards")
    history = tmp_path_factory.mktemp("history")
    (history / "demo.csv").write_text(HISTORY, encoding="utf-8")
    demo = _with_teasers(_demo(), {0: TEASER, 1: "javascript:alert(1)", 3: BROKEN})
    many = _many(250)
    teased = tuple(
        p.model_copy(update={"project_page": demo.papers[0].project_page}) for p in many.papers
    )
    build_site([demo, many.model_copy(update={"papers": teased})], out, history_dir=history)
    return out


def _teaser(route: Any) -> bool:
    """Teaser requests answered: a PNG, and for BROKEN bytes no browser decodes."""
    url = route.request.url
    if url not in (TEASER, BROKEN) or route.request.resource_type != "image":
        return False
    route.fulfill(status=200, content_type="image/png", body=b"gone" if url == BROKEN else PNG)
    return True


@pytest.fixture(scope="module")
def _images_page(browser: Any) -> Iterator[Watched]:
    yield from watched_pages(browser, answer=_teaser)


@pytest.fixture
def images(_images_page: Watched) -> Watched:
    """A page whose teaser requests are answered (see :func:`_teaser`)."""
    _images_page.reset()
    return _images_page


def test_cards_show_teasers_sparklines_and_fallbacks(images: Watched, card_site: Path) -> None:
    page = _open(images, card_site, "demo.html", "")
    assert page.locator("#cards > li").count() == 5 and page.locator("#papers").is_hidden()
    wav2lip = page.locator("#cards > li", has_text="Wav2Lip")
    wav2lip.locator(".teaser.loaded").wait_for()
    img = wav2lip.locator(".teaser img")
    assert img.get_attribute("src") == TEASER
    assert img.evaluate("i => [i.naturalWidth, getComputedStyle(i).objectFit]") == [2, "contain"]
    box = wav2lip.locator(".teaser").bounding_box()
    assert box is not None and abs(box["width"] / box["height"] - 16 / 9) < 0.02  # sized

    faceformer = page.locator("#cards > li", has_text="FaceFormer")
    faceformer.locator(".teaser.failed").wait_for()  # undecodable: the plain box stays
    assert faceformer.locator(".teaser img").count() == 0
    sadtalker = page.locator("#cards > li", has_text="SadTalker")  # javascript: URL
    assert sadtalker.locator(".teaser img").count() == 0
    assert sadtalker.locator(".teaser .fallback").inner_text() == "CVPR"

    spark = wav2lip.locator("svg.spark")
    assert "9,000 to 9,876" in (spark.get_attribute("aria-label") or "")
    points = spark.locator("polyline").get_attribute("points") or ""
    ys = [float(point.split(",")[1]) for point in points.split()]
    # 15 days sampled from Aug 25 to Oct 20; the 2 before the first row (Sep 1) are not drawn
    assert len(ys) == 13 and ys[0] > ys[-1]  # rising stars: the line ends higher (smaller y)
    assert faceformer.locator("svg.spark").count() == 1  # one row: a flat line
    assert page.locator("#cards > li", has_text="SadTalker").locator("svg.spark").count() == 0

    assert sorted(u for u in images.requests if not u.startswith("file://")) == [BROKEN, TEASER]
    assert images.blocked == []
    assert images.errors == []


def test_without_teasers_no_request_leaves_the_disk(
    images: Watched, card_site: Path, tmp_path: Path
) -> None:
    source = card_site / "demo.html"
    assert TEASER in source.read_text(encoding="utf-8")
    demo = _with_teasers(_demo(), {0: TEASER, 3: BROKEN})
    assert main(["render", "html", "--no-teasers", "--out", str(tmp_path), str(FIXTURE)]) == 0
    build_site([demo], tmp_path, teasers=False)
    assert TEASER not in (tmp_path / "demo.html").read_text(encoding="utf-8")
    page = _open(images, tmp_path, "demo.html", "")
    assert page.locator("#cards .teaser img").count() == 0
    assert page.locator("#cards .teaser .fallback").count() == 5
    assert all(url.startswith("file://") for url in images.requests) and images.errors == []


def test_unusable_history_rows_are_named_not_drawn(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    history = tmp_path / "history"
    history.mkdir()
    (history / "demo.csv").write_text(HISTORY + "2026-10-21,231380000,Rudrabha/Wav2Lip,-5,1\n")
    build_site([_demo()], tmp_path / "out", history_dir=history)
    assert "demo.csv:6: row skipped" in caplog.text
    assert '"hf": 9000' in (tmp_path / "out" / "demo.html").read_text(encoding="utf-8")


def test_teasers_load_only_near_the_screen(images: Watched, card_site: Path) -> None:
    page = _open(images, card_site, "many.html", "")
    assert page.locator("#cards > li").count() == 48  # cards come 48 at a time
    assert page.inner_text("#count") == "250 papers, first 48 shown"
    page.wait_for_function("document.querySelectorAll('.teaser img[src]').length > 0")
    settled = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    page.evaluate(settled)  # two frames: the observer has reported every card on screen
    first = page.evaluate("document.querySelectorAll('.teaser img[src]').length")
    assert 0 < first <= 12  # the cards on screen and just below, not the hundred built
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("document.querySelectorAll('.teaser img[src]').length > 12")
    assert images.blocked == [] and images.errors == []


def test_the_view_and_filters_live_in_the_url(images: Watched, card_site: Path) -> None:
    page = _open(images, card_site, "demo.html", "")
    page.click("#view-table")
    assert page.locator("#papers").is_visible() and page.locator("#cards").is_hidden()
    page.select_option("#venue", "CVPR")
    page.select_option("#code", "yes")
    fragment = page.evaluate("location.hash")
    assert "view=table" in fragment and "venue=CVPR" in fragment
    count = page.locator(ROWS).count()
    assert count == len(select_papers(_demo(), filters=parse_filter(fragment)))
    page.reload()
    page.wait_for_selector("html[data-ready=true]")
    assert page.locator("#papers").is_visible() and page.input_value("#venue") == "CVPR"
    page.click("a[href='#year=2023']")  # a bar of the chart sets its filter
    page.wait_for_function("location.hash === '#year=2023'")
    assert page.input_value("#year") == "2023" and page.input_value("#venue") == ""
    assert images.errors == []


def test_on_a_phone_cards_fit_and_the_chart_is_folded(images: Watched, card_site: Path) -> None:
    images.page.set_viewport_size({"width": 390, "height": 844})
    page = _open(images, card_site, "demo.html", "")
    assert page.evaluate("document.querySelector('details.charts').open") is False
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
