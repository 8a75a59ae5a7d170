"""The static site in a real browser: search, filters, sorting, expand, no request off the disk."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from enrich.cli import main
from enrich.models import EnrichedList
from enrich.render.site import build_site
from tests.render.conftest import Watched

FIXTURE = Path(__file__).parent / "fixtures" / "demo.json"
ROWS = "#papers tbody tr:not(.detail)"


def _demo() -> EnrichedList:
    return EnrichedList.model_validate_json(FIXTURE.read_bytes())


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
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(
        ["assets", "demo.abstracts.js", "demo.html", "index.html", "site.css", "site.js"]
    )
    assert (tmp_path / "demo.html").read_bytes() == (site / "demo.html").read_bytes()
    page = (tmp_path / "demo.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing from another host


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
