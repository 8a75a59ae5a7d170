"""``fix`` against hostile replacements and hostile lines (issue 21 items 2 and 5).

A fix's new URL is what a server redirected to and a renamed repository's
name is what GitHub answered: both are server text. A fix may only write a
plain http(s) URL, encoded for the syntax around it, and must stay linear in
the length of a line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from enrich.findings import with_findings
from enrich.fix.plan import planned_edits
from enrich.fix.text import _first_badge, ambiguous_edits, apply_edits, content_end
from enrich.identity.web import plain_url
from enrich.models import EnrichedList

OLD = "http://lab.example.org/talker"
PHISH = "http://lab.example.org/final/a)[Login](https://phish.example/x)"


def _moved_to(final_url: str, *, old: str = OLD) -> EnrichedList:
    """A document whose one page moved permanently to ``final_url`` (a page-moved fix)."""
    entry: dict[str, Any] = {
        "id": "p1",
        "section": ["Papers"],
        "line": 2,
        "title": "Talker",
        "project_url": old,
        "project_page": {
            "status": "ok",
            "provenance": {"method": "project_page_link", "source_url": old},
            "record": {"url": old, "health": "moved", "final_url": final_url, "status_code": 200},
        },
    }
    return with_findings(
        EnrichedList.model_validate(
            {"name": "l", "source": {"path": "l.md", "sha256": "0"}, "papers": [entry]}
        )
    )


def _renamed_to(full_name: str) -> EnrichedList:
    entry: dict[str, Any] = {
        "id": "p1",
        "section": ["Papers"],
        "line": 2,
        "title": "Talker",
        "code_url": "https://github.com/old/repo",
        "github": {
            "status": "ok",
            "provenance": {"method": "code_link", "source_url": "https://github.com/old/repo"},
            "record": {
                "full_name": full_name,
                "renamed_from": "old/repo",
                "url": f"https://github.com/{full_name}",
            },
        },
    }
    return with_findings(
        EnrichedList.model_validate(
            {"name": "l", "source": {"path": "l.md", "sha256": "0"}, "papers": [entry]}
        )
    )


def _links(markdown: str) -> list[str]:
    """Every link target markdown-it renders from ``markdown`` (hrefs, in order)."""
    return re.findall(r'href="([^"]*)"', MarkdownIt("commonmark").render(markdown))


def test_a_redirect_target_cannot_add_a_link_to_the_list() -> None:
    text = f"# l\n- [Talker](x), [ProjectPage]({OLD})\n"
    fixed = apply_edits(text, planned_edits(_moved_to(PHISH)))
    assert fixed != text
    assert _links(fixed) == [
        "x",
        "http://lab.example.org/final/a%29%5BLogin%5D%28https://phish.example/x%29",
    ]


@pytest.mark.parametrize("quote", ["'", '"'])
def test_a_quote_in_the_target_cannot_leave_a_quoted_attribute(quote: str) -> None:
    text = f"# l\n<a href={quote}{OLD}{quote}>page</a>\n"
    evil = "http://lab.example.org/new' onmouseover='alert(1)&x=\"1"
    fixed = apply_edits(text, planned_edits(_moved_to(evil)))
    assert fixed == (
        f"# l\n<a href={quote}http://lab.example.org/new%27%20onmouseover=%27alert%281%29"
        f"&amp;x=%221{quote}>page</a>\n"
    )


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:x",
        "https://github.com@phish.example/",
        "ftp://files.example.org/x",
        "http:///nohost",
        "//lab.example.org/x",
    ],
)
def test_a_target_that_is_not_a_plain_http_url_is_refused_and_said(target: str) -> None:
    text = f"# l\n- [Talker](x), [ProjectPage]({OLD})\n"
    edits = planned_edits(_moved_to(target))
    assert apply_edits(text, edits) == text
    (note,) = ambiguous_edits(text, edits)
    assert note.startswith("line 2: page-moved: the suggested URL") and "not written" in note


def test_a_renamed_repository_name_must_be_a_github_name() -> None:
    text = "# l\n- [Talker](x), [Code](https://github.com/old/repo)\n"
    edits = planned_edits(_renamed_to("new/repo)[Login](https://phish.example/x"))
    assert apply_edits(text, edits) == text
    assert any("not a GitHub owner/name" in note for note in ambiguous_edits(text, edits))
    good = apply_edits(text, planned_edits(_renamed_to("new-owner/repo.js")))
    assert good == "# l\n- [Talker](x), [Code](https://github.com/new-owner/repo.js)\n"


def test_a_normal_target_is_written_as_it_was() -> None:
    target = "https://lab.example.org/talker/index.html?a=1&b=2#top"
    assert plain_url(target) == target
    assert plain_url("https://bücher.example/é") == "https://xn--bcher-kva.example/%C3%A9"


def test_the_line_ending_is_found_in_linear_time() -> None:
    """A 100 kB line with a run of spaces took 80 s per fix (a regex with a leading
    ``[ \\t]*``). The content's end is found with one right strip; correctness here,
    the time is in benchmarks/ (no timed unit tests)."""
    line = "a" + " " * 100_000 + "b  \r\n"
    assert content_end(line) == len(line) - 4
    assert content_end("x \t\r") == 1 and content_end("") == 0 and content_end("  \n") == 0


_OLD_FIRST_BADGE = re.compile(r"\s*!\[[^\]]*\]\(https?://img\.shields\.io/")  # before: quadratic


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["![", "]", "(", " ", "a", "](https://img.shields.io/", "\t"])))
def test_the_first_badge_is_found_where_the_old_search_found_it(pieces: list[str]) -> None:
    content = "".join(pieces)
    old = _OLD_FIRST_BADGE.search(content)
    assert _first_badge(content) == (old.start() if old else len(content))


def test_a_long_line_of_spaces_and_badge_starts_is_fixed() -> None:
    """100 kB of spaces and unclosed ``![``: the old searches rescanned the run from
    every start (80 s per fix); each piece is now looked at once (the time is measured
    in benchmarks/fix_lines.py, not here)."""
    doc = _moved_to("https://lab.example.org/talker/")
    line = f"- [ProjectPage]({OLD})" + " " * 50_000 + "![" * 25_000 + "x"
    fixed = apply_edits(f"# l\n{line}\n", planned_edits(doc))
    assert fixed == f"# l\n{line.replace(OLD, 'https://lab.example.org/talker/')}\n"
    assert _first_badge(line) == len(line)


@settings(max_examples=100, deadline=None)
@given(target=st.text(max_size=80), tail=st.text(max_size=80))
def test_any_target_writes_at_most_one_plain_link_and_never_raises(target: str, tail: str) -> None:
    text = f"# l\n- [ProjectPage]({OLD}){tail}\n"
    edits = planned_edits(_moved_to("http://lab.example.org/" + target))
    fixed = apply_edits(text, edits)
    ambiguous_edits(text, edits)
    before, after = _links(text), _links(fixed)
    assert len(after) == len(before)
    for href in after:  # the one new link leads to the page's host, over http(s)
        parts = urlsplit(href)
        assert href in before or (parts.scheme, parts.hostname) == ("http", "lab.example.org")


@pytest.mark.parametrize(
    "line",
    [
        f"- [ProjectPage]({OLD})",
        f"- <{OLD}>",
        f"- page: {OLD} (bare)",
        f"- <a href='{OLD}'>page</a>",
        f'- <a href="{OLD}">page</a>',
    ],
    ids=["markdown", "autolink", "bare", "single-quoted", "double-quoted"],
)
def test_every_syntax_gets_one_plain_link_and_no_markup(line: str) -> None:
    evil = "http://lab.example.org/a)[Login](https://phish.example/x) <b x='1' onmouseover=\"y\">"
    text = f"# l\n{line}\n"
    fixed = apply_edits(text, planned_edits(_moved_to(evil)))
    assert fixed != text
    plain = "http://lab.example.org/a%29%5BLogin%5D%28https://phish.example/x%29%20%3Cb%20x="
    assert plain in fixed  # one token: no space, bracket, parenthesis or quote left
    rendered = MarkdownIt("commonmark", {"html": True}).render(fixed)
    hrefs = re.findall(r'href="([^"]*)"', rendered) or [plain]  # a bare URL is no link here
    assert len(hrefs) == 1 and hrefs[0].startswith(plain)
    tags = _start_tags(rendered)  # shown text may decode %3C; no tag or attribute may appear
    links = [attrs for name, attrs in tags if name == "a"]
    assert links == ([] if "bare" in line else [["href"]])
    assert {name for name, _ in tags} <= {"h1", "ul", "li", "a", "p"}


def _start_tags(html_text: str) -> list[tuple[str, list[str]]]:
    """Every start tag of ``html_text`` with its attribute names, as a browser reads them."""
    found: list[tuple[str, list[str]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, [name for name, _ in attrs]))

    Tags().feed(html_text)
    return found
