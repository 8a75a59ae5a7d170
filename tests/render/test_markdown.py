"""Markdown tables: whole outputs compared, and README markers that touch nothing outside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.cli import main
from enrich.errors import InputError
from enrich.render.load import load_enriched
from enrich.render.markdown import BEGIN, END, between_markers, render_markdown, write_into
from enrich.render.templating import markdown_text, markdown_url, signed
from enrich.render.view import paper_views, sort_views

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def demo() -> str:
    return str(FIXTURES / "demo.json")


def test_whole_output_in_list_order(demo: str) -> None:
    rendered = render_markdown(load_enriched(demo, FIXTURES))
    assert rendered == (FIXTURES / "demo.md").read_text(encoding="utf-8")


def test_whole_output_sorted_by_date(demo: str) -> None:
    rendered = render_markdown(load_enriched(demo, FIXTURES), "date", heading_level=2)
    assert rendered == (FIXTURES / "demo.by-date.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("order", "ids"),
    [
        ("list", ["wav2lip", "sadtalker", "nolinks", "faceformer", "geneface"]),
        ("stars", ["wav2lip", "faceformer", "sadtalker", "nolinks", "geneface"]),
        ("trend", ["wav2lip", "faceformer", "sadtalker", "nolinks", "geneface"]),
        ("date", ["geneface", "sadtalker", "faceformer", "nolinks", "wav2lip"]),
    ],
)
def test_sort_orders(demo: str, order: str, ids: list[str]) -> None:
    views = sort_views(paper_views(load_enriched(demo, FIXTURES)), order)
    assert [view.id.removeprefix("paper-") for view in views] == ids


def test_escaping() -> None:
    assert markdown_text("a|b [c] *d* _e_ <f>\n g") == r"a\|b \[c\] \*d\* \_e\_ \<f\> g"
    assert markdown_url("https://x.org/a (b)|c") == "https://x.org/a%20%28b%29%7Cc"
    assert [signed(5), signed(-3), signed(0), signed(1234)] == ["+5", "−3", "0", "+1,234"]


README = (
    "# My list\r\n\r\nIntro with trailing spaces   \r\n"
    f"{BEGIN}\r\nold table\r\n{END}\r\n\r\n## After\n\nmixed\tendings\n"
)


def test_markers_replace_only_between_them(tmp_path: Path, demo: str) -> None:
    readme = tmp_path / "README.md"
    readme.write_bytes(README.encode())
    assert main(["render", "markdown", demo, "--into", str(readme)]) == 0
    after = readme.read_bytes()
    head, rest = README.encode().split(END.encode())
    before_begin = head.split(BEGIN.encode())[0] + BEGIN.encode()
    assert after.startswith(before_begin)
    assert after.endswith(END.encode() + rest)
    between = after[len(before_begin) : -len(END.encode() + rest)]
    table = (FIXTURES / "demo.md").read_text(encoding="utf-8").replace("\n", "\r\n")
    assert between == ("\r\n\r\n" + table + "\r\n").encode()
    assert b"old table" not in after

    assert not write_into(readme, render_markdown(load_enriched(demo, FIXTURES)))
    assert readme.read_bytes() == after


@pytest.mark.parametrize(
    ("text", "problem", "line"),
    [
        ("no markers\n", "not found", None),
        (f"{BEGIN}\n{BEGIN}\n{END}\n", "found 2 times", 1),
        (f"x\n{END}\n{BEGIN}\n", "comes before", 2),
    ],
)
def test_bad_markers_are_named(text: str, problem: str, line: int | None) -> None:
    with pytest.raises(InputError) as raised:
        between_markers(text, "table\n", "README.md")
    assert problem in raised.value.message and raised.value.line == line
    assert raised.value.path == "README.md"


def test_cli_writes_a_file_and_names_missing_lists(tmp_path: Path, demo: str) -> None:
    out = tmp_path / "tables.md"
    argv = ["render", "markdown", "demo", "--output-dir", str(FIXTURES), "--sort", "date"]
    assert main([*argv, "--heading-level", "2", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (FIXTURES / "demo.by-date.md").read_text("utf-8")
    assert main(["render", "markdown", "nosuch", "--output-dir", str(FIXTURES)]) == 1


def test_a_file_that_is_not_an_enriched_list(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": 3}')
    with pytest.raises(InputError, match="not an enriched list"):
        load_enriched(str(bad), tmp_path)


def test_papers_off_arxiv_take_openalex_then_the_list(demo: str) -> None:
    from enrich.models import OpenalexAuthor, OpenalexRecord, OpenalexSlot, SlotStatus
    from enrich.render.view import paper_view

    paper = load_enriched(demo, FIXTURES).papers[2]  # no arXiv record
    listed = paper.model_copy(update={"authors": ("A. One", "B. Two", "C. Three", "D. Four")})
    view = paper_view(0, listed)
    assert (view.first_authors, view.abstract, view.date) == (
        "A. One, B. Two, C. Three et al.",
        None,
        "2021",
    )
    record = OpenalexRecord(
        id="W1",
        url="https://openalex.org/W1",
        title=paper.title,
        authors=(OpenalexAuthor(name="O. Alex"),),
        abstract="From OpenAlex.",
        publication_date="2021-03-04",
    )
    slot = OpenalexSlot(status=SlotStatus.OK, record=record)
    view = paper_view(0, listed.model_copy(update={"openalex": slot}))
    assert (view.first_authors, view.abstract, view.date) == (
        "O. Alex",
        "From OpenAlex.",
        "2021-03-04",
    )


def test_a_list_without_papers_says_so(demo: str) -> None:
    empty = load_enriched(demo, FIXTURES).model_copy(update={"papers": ()})
    assert render_markdown(empty) == "_No papers._\n"


def test_thumbnails_and_sparklines_are_opt_in_columns(demo: str, tmp_path: Path) -> None:
    from xml.etree import ElementTree

    from markdown_it import MarkdownIt

    from tests.render.conftest import HISTORY, TEASER, _demo, _with_teasers

    data = tmp_path / "data"
    (data / "enriched").mkdir(parents=True)
    (data / "history").mkdir()
    (data / "history" / "demo.csv").write_text(HISTORY, encoding="utf-8")
    teased = _with_teasers(_demo(), {0: TEASER, 1: "javascript:alert(1)"})
    listed = data / "enriched" / "demo.json"
    listed.write_text(teased.model_dump_json(), encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(f"# Demo\n\n{BEGIN}\n{END}\n", encoding="utf-8")

    assert main(["render", "markdown", str(listed), "--into", str(readme)]) == 0
    plain = readme.read_text(encoding="utf-8")
    assert "<img" not in plain and "Teaser" not in plain and ".svg" not in plain  # off by default

    args = ["--thumbnails", "--sparklines", str(tmp_path / "stars"), "--into", str(readme)]
    assert main(["render", "markdown", str(listed), *args]) == 0
    text = readme.read_text(encoding="utf-8")
    assert f'<img src="{TEASER}" width="120" alt="">' in text
    assert text.count("<img") == 1  # the javascript: teaser is not shown
    assert "![stars over 8 weeks](stars/231380000.svg)" in text
    assert "![stars over 8 weeks](stars/440000002.svg)" in text
    svg = ElementTree.parse(tmp_path / "stars" / "231380000.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(svg.find("{http://www.w3.org/2000/svg}polyline").get("points").split()) == 13

    counts, cells = [], 0  # a Markdown parser sees 8 cells in every row of every table
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        cells = 0 if token.type == "tr_open" else cells + (token.type in ("th_open", "td_open"))
        if token.type == "tr_close":
            counts.append(cells)
    assert len(counts) == 7 and set(counts) == {8}  # 2 tables: 2 headers and 5 papers
