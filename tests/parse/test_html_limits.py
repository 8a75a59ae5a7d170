"""Hostile and HTML5-valid markup the parser once crashed or blew up on (issue 21, item 3).

Each case was reproduced before its fix: tables without their optional
``</td></tr>`` nested every row in the previous one (100 rows: 5,050 papers;
190 rows: ``RecursionError``), 500 nested tags in one cell or item raised
``RecursionError``, and 20,000 nested HTML lists took 56 s (one nested-item
search per item).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.models import WarningKind
from enrich.parse.blocks import bounds
from enrich.parse.blocks.bounds import MAX_ROW_CELLS
from enrich.parse.markdown import parse_list

HEAD = "# List\n\n## Papers\n\n"


def _arxiv(i: int) -> str:
    return f"https://arxiv.org/abs/2401.{i:05d}"


def test_html5_table_without_optional_end_tags_gives_one_paper_per_row() -> None:
    rows = "".join(
        f'<tr><td><a href="{_arxiv(i)}">Paper number {i}</a><td>CVPR 2023\n' for i in range(200)
    )
    parsed = parse_list(HEAD + "<table>\n<tr><th>Paper<th>Venue\n" + rows + "</table>\n", "x.md")
    assert [p.title for p in parsed.papers] == [f"Paper number {i}" for i in range(200)]
    assert [p.line for p in parsed.papers] == list(range(7, 207))
    assert {p.venue for p in parsed.papers} == {"CVPR"}
    assert parsed.warnings == ()


def test_html5_list_items_without_end_tags_are_separate_items() -> None:
    items = "".join(f'<li><a href="{_arxiv(i)}">Paper number {i}</a>\n' for i in range(300))
    parsed = parse_list(HEAD + "<ul>\n" + items + "</ul>\n", "x.md")
    assert [p.title for p in parsed.papers] == [f"Paper number {i}" for i in range(300)]
    assert parsed.warnings == ()


def test_deep_nesting_in_a_cell_below_the_bound_is_read_without_recursion() -> None:
    link = f'<a href="{_arxiv(1)}">Deep paper</a>'
    cell = "<span>" * 200 + link + "</span>" * 200
    parsed = parse_list(
        HEAD + f"<table><tr><th>Paper</th></tr><tr><td>{cell}</td></tr></table>\n", "x.md"
    )
    assert [p.title for p in parsed.papers] == ["Deep paper"]
    item = "<b>" * 200 + link + "</b>" * 200
    parsed = parse_list(HEAD + f"<ul><li>{item}</li></ul>\n", "x.md")
    assert [p.title for p in parsed.papers] == ["Deep paper"]


def test_nesting_past_the_bound_is_cut_with_a_warning_at_its_line() -> None:
    link = f'<a href="{_arxiv(1)}">Too deep</a>'
    for markup in (
        "<ul><li>" + "<b>" * 500 + link + "</b>" * 500 + "</li></ul>",
        "<table><tr><td>" + "<span>" * 500 + link + "</span>" * 500 + "</td></tr></table>",
        "<ul><li>x" * 20_000 + link + "</li></ul>" * 20_000,
    ):
        parsed = parse_list(
            HEAD + markup + "\n\n- [After](https://arxiv.org/abs/2401.00002)\n", "x.md"
        )
        kinds = {(w.kind, w.line) for w in parsed.warnings}
        assert (WarningKind.UNPARSED, 5) in kinds  # the cut, at the markup's line
        assert (WarningKind.LINK_NOT_TAKEN, 5) in kinds  # the link it hid, never silent
        assert [p.title for p in parsed.papers] == ["After"]  # the rest of the list goes on


def test_an_unclosed_table_ends_before_the_next_heading() -> None:
    rows = "".join(
        f'<tr><td><a href="{_arxiv(i)}">Row paper {i}</a></td></tr>\n' for i in range(300)
    )
    text = (
        HEAD
        + "<table>\n<tr><th>Paper</th></tr>\n"
        + rows
        + "\n## More\n\n- [Later paper](https://arxiv.org/abs/2402.00001)\n"
    )
    parsed = parse_list(text, "x.md")
    assert len(parsed.papers) == 301
    assert parsed.papers[-1].title == "Later paper"
    assert parsed.papers[-1].section == ("More",)


def test_attribute_entities_are_read_as_browsers_read_them() -> None:
    """``&not`` followed by a letter inside an attribute is not the entity ¬ (HTML5)."""
    url = "https://openreview.net/forum?id=abc&noteId=def"
    parsed = parse_list(HEAD + f'<ul><li><a href="{url}">A paper title</a></li></ul>\n', "x.md")
    assert [p.paper_url for p in parsed.papers] == [url]


_TAGS = st.sampled_from(
    ["td", "tr", "table", "li", "ul", "ol", "b", "a", "span", "th", "details", "p", "br", "img"]
)
_FRAGMENT = st.lists(
    st.one_of(
        _TAGS.map(lambda t: f"<{t}>"),
        _TAGS.map(lambda t: f"</{t}>"),
        st.just(f'<a href="{_arxiv(7)}">'),
        st.just('<td colspan="99999999999999">'),
        st.just("<!--"),
        st.just("<?xml version='1.0' encoding='latin-1'?>"),
        st.text(max_size=8),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=100, deadline=None)
@given(_FRAGMENT)
def test_any_html_fragment_parses_without_exception(fragment: str) -> None:
    parsed = parse_list(HEAD + "<table>" + fragment + "\n\n" + "<ul>" + fragment + "\n", "x.md")
    assert parsed.source.path == "x.md"


def test_a_row_past_the_cell_bound_is_cut_there_with_a_warning() -> None:
    columns = MAX_ROW_CELLS + 500
    link = f"[Wide paper]({_arxiv(1)})"
    table = "|" + "Paper|" * columns + "\n|" + "-|" * columns + "\n|" + f"{link}|" * columns + "\n"
    parsed = parse_list(
        HEAD + table + "\n## More\n\n- [After](https://arxiv.org/abs/2401.00002)\n", "x.md"
    )
    cuts = [w for w in parsed.warnings if w.kind == WarningKind.UNPARSED and "cells" in w.message]
    assert [(w.line, w.message) for w in cuts] == [
        (5, f"3 table row(s) with more than {MAX_ROW_CELLS:,} cells: cells past that not read")
    ]
    assert parsed.papers[-1].title == "After"


def test_table_cells_past_the_list_budget_are_not_read_and_said_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bounds, "MAX_TABLE_CELLS", 40)  # 3 pipes a row: 13 rows fit
    rows = "".join(f"| [Method {i}: a study]({_arxiv(i)}) | CVPR 2023 |\n" for i in range(30))
    text = (
        HEAD
        + "| Title | Venue |\n|---|---|\n"
        + rows
        + "\n## More\n\n- [After](https://arxiv.org/abs/2402.00001)\n"
    )
    parsed = parse_list(text, "x.md")
    assert [p.title for p in parsed.papers] == [f"Method {i}: a study" for i in range(11)] + [
        "After"
    ]
    cut = [w for w in parsed.warnings if w.kind == WarningKind.UNPARSED]
    assert [(w.line, w.message) for w in cut] == [
        (
            18,
            "more than 40 table cells in the list: 19 line(s) with table cells"
            " from here on not read",
        )
    ]
    not_taken = {w.line for w in parsed.warnings if w.kind == WarningKind.LINK_NOT_TAKEN}
    assert not_taken == set(range(18, 37))  # every link on a line not read is still named
