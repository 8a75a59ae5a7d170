"""The Markdown renderer against hostile values (issue 21 item 8).

Every value comes from a list, a page or an API answer. Only http(s) links
are written, every cell is escaped, values are read as their type (a date is
a date), and no value can break the next ``--into``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from enrich.models import EnrichedList, Paper
from enrich.render.markdown import BEGIN, END, render_markdown, write_into

FIXTURE = Path(__file__).parent / "fixtures" / "demo.json"
CELLS = 6  # Paper | Venue | Authors | Code | Project page | Stars in 30 days


def _demo() -> EnrichedList:
    return EnrichedList.model_validate_json(FIXTURE.read_bytes())


def _with_paper(document: EnrichedList, **changes: Any) -> EnrichedList:
    """The fixture with its first paper (Wav2Lip) changed; nested keys as 'slot.record.field'."""
    data = document.papers[0].model_dump(mode="json")
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for key in parents:
            target = target[key]
        target[last] = value
    paper = Paper.model_validate(data)
    return document.model_copy(update={"papers": (paper, *document.papers[1:])})


def _table_rows(markdown: str) -> list[list[str]]:
    """Each table row's cells as markdown-it (GFM tables) reads them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows, current = [], None
    for token in tokens:
        if token.type == "tr_open":
            current = []
        elif token.type == "inline" and current is not None:
            current.append(token.content)
        elif token.type == "tr_close" and current is not None:
            rows.append(current)
            current = None
    return rows


def _hrefs(markdown: str) -> list[str]:
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    return re.findall(r'href="([^"]*)"', html)


@pytest.mark.parametrize(
    "target",
    ["javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:msgbox(1)", " JavaScript:x"],
)
def test_only_http_links_are_written(target: str) -> None:
    document = _with_paper(_demo(), arxiv=None, paper_url=target, github__record__url=target)
    document = document.model_copy(
        update={
            "papers": tuple(p.model_copy(update={"project_url": target}) for p in document.papers)
        }
    )
    rendered = render_markdown(document)
    assert all(href.startswith(("http://", "https://")) for href in _hrefs(rendered))
    assert "Wav2Lip" in rendered


def test_api_values_cannot_shift_the_cells() -> None:
    evil = "|<b>x</b>|"
    document = _with_paper(
        _demo(),
        github__record__url="https://github.com/a/b" + evil,
        github__record__pushed=evil,
        github__record__full_name="a/b" + evil,
        project_page__record__failing_since=evil,
        project_page__record__health="failing",
        authors=[evil, "x\n| y |"],
        venue=evil,
    )
    rendered = render_markdown(document)
    rows = _table_rows(rendered)
    assert rows and all(len(cells) == CELLS for cells in rows)
    assert "<b>" not in MarkdownIt("commonmark").enable("table").render(rendered)
    assert "pushed |" not in rendered and "since |" not in rendered  # not dates: left out


def test_a_stale_since_holding_the_end_marker_cannot_break_the_next_into(tmp_path: Path) -> None:
    document = _with_paper(
        _demo(), github__status="stale", github__stale_since=f"2026-11-01 {END} {BEGIN}"
    )
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n{BEGIN}\n{END}\nafter\n")
    rendered = render_markdown(document)
    assert END not in rendered and BEGIN not in rendered
    assert "figures from before 2026-11-01" in rendered  # the date part, read as a date
    write_into(readme, rendered)
    assert write_into(readme, rendered) is False  # the second --into works and changes nothing
    assert readme.read_text().endswith(f"{END}\nafter\n")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.text(max_size=40))
def test_any_text_in_any_field_keeps_six_cells_and_http_links(a: str, b: str, c: str) -> None:
    document = _with_paper(
        _demo(),
        title=a,
        arxiv=None,
        paper_url=b,
        github__record__url=c,
        github__record__pushed=a,
        github__record__full_name=b,
        project_page__record__failing_since=c,
        project_page__record__health="broken",
        project_page__record__url=a,
    )
    rendered = render_markdown(document)
    assert all(len(cells) == CELLS for cells in _table_rows(rendered))
    assert all(href.startswith(("http://", "https://")) for href in _hrefs(rendered))
    assert END not in rendered and BEGIN not in rendered
