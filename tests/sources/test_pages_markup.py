"""The one-pass page reader reads what BeautifulSoup's tree held (``bs4_oracle``).

Texts are compared with their whitespace collapsed (as every reader of them
collapses it) and JSON-LD texts stripped (as JSON ignores the ends); the
``PageMeta`` built from each reading must be equal outright.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.sources.pages import _markup
from enrich.sources.pages._markup import Markup, read_markup
from enrich.sources.pages._meta import bounded_markup, page_meta, parse_page
from tests.fakes.pages import html_page
from tests.sources.bs4_oracle import read_markup_with_bs4

URL = "https://lab.example.org/project/"
_SPACE = re.compile(r"\s+")


def _collapsed(text: str | None) -> str | None:
    return None if text is None else _SPACE.sub(" ", text).strip()


def _comparable(markup: Markup) -> Markup:
    return replace(
        markup,
        json_ld=[text.strip() for text in markup.json_ld],
        heading=_collapsed(markup.heading),
        title=_collapsed(markup.title),
        text=_collapsed(markup.text) or "",
    )


def assert_reads_as_bs4(html: str) -> None:
    problems: list[str] = []
    bounded = bounded_markup(html, problems)
    ours, theirs = read_markup(bounded), read_markup_with_bs4(bounded)
    assert _comparable(ours) == _comparable(theirs)
    assert page_meta(ours, URL, "utf-8", list(problems)) == page_meta(
        theirs, URL, "utf-8", list(problems)
    )


def test_a_project_page_reads_as_before() -> None:
    page = html_page(
        "Talking Heads",
        description="A <b>method</b> &amp; its code.",
        image="/teaser.png",
        links=("https://arxiv.org/abs/2301.00001", "https://github.com/lab/heads"),
        body="<h1>Talking <i>Heads</i><!-- x --></h1><p>Results</p><noscript>Enable JS</noscript>",
    )
    assert_reads_as_bs4(page)
    assert _collapsed(read_markup(page).title) == "Talking Heads"


def test_what_bs4_left_out_is_left_out() -> None:
    """Strings below rt, rp, script, style and template are not text; noscript is removed
    from the page's text but not from the heading; a title inside noscript is no title."""
    page = (
        "<html><head><noscript><title>hidden</title></noscript><title>shown</title>"
        '<script type="application/ld+json">{"name": "LD"}</script><style>p{}</style></head>'
        "<body><h1>A<rt>ruby</rt><noscript>B</noscript>C</h1><ruby>漢<rp>(</rp><rt>kan</rt></ruby>"
        "<template><p>tmpl</p></template>end</body></html>"
    )
    assert_reads_as_bs4(page)
    markup = read_markup(page)
    assert _collapsed(markup.text) == "shown A C 漢 end"
    assert _collapsed(markup.heading) == "A B C"
    assert _collapsed(markup.title) == "shown"
    assert markup.json_ld == ['{"name": "LD"}']


REAL_PAGES = Path(__file__).parents[1] / "fixtures" / "pages"


def test_a_real_project_page_reads_as_before() -> None:
    """The template thousands of project pages copy (nerfies.github.io; see the folder's README)."""
    body = (REAL_PAGES / "nerfies-head.html").read_bytes()
    assert_reads_as_bs4(body.decode("utf-8"))
    meta = parse_page(body, "text/html; charset=utf-8", "https://nerfies.github.io/")
    assert meta.title is not None and meta.title.startswith("3DLV-Track: Language-to-3D")
    assert meta.heading == "Nerfies: Deformable Neural Radiance Fields"
    assert meta.arxiv_ids == ("2011.12948",)
    assert meta.github_repos == ("google/nerfies",)
    assert "gtag" not in meta.text and "turns selfie videos" in meta.text


HOSTILE = [
    "",
    " ",
    "<!-- only a comment -->",
    "<div>" * 3000 + "deep",
    "<script>never closed <title>x</title>",
    "<title>never closed <h1>y",
    "<h1>a</h2>b</h1></h1>c",
    "<table><tr><td><title>in a cell</title><a href='/x'>x</a></table>",
    '<svg><title>svg title</title><a href="https://github.com/a/b">b</a></svg><title>t</title>',
    "<math><mi>x</mi></math><noscript><noscript>z</noscript>after</noscript>",
    "<base href='http://[::1'><a href='http://[bad'>x</a><area href=''>",
    "<pre>   </pre><textarea>\n</textarea><p>\x0b</p>",
    '<meta http-equiv="REFRESH" content="0;URL=\'/moved\'"><meta name="" content="c">',
    "<html><head><title>a</title></head><head><title>b</title></head></html>",
    "<template><h1>in template</h1></template><h1>out</h1>",
    "<ruby><h1>in ruby</h1><rt><title>in rt</title></rt></ruby>",
    "<p>a&amp;b&#0;&#x110000;&nbsp;&bogus;</p><?xml version='1.0'?><!DOCTYPE x SYSTEM 'y'>",
    '<script type="application/ld+json">  </script><script type="application/ld+json">'
    '{"@graph": [{"name": "n"}]}<!-- x --></script>',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_markup_reads_as_before(html: str) -> None:
    assert_reads_as_bs4(html)


_TAG_NAMES = (
    "html head body title h1 h2 p a area base meta script style noscript template rt rp ruby"
    " pre textarea div span table tr td svg math iframe select option"
)
_TAGS = st.sampled_from(_TAG_NAMES.split())
_ATTRS = st.dictionaries(
    st.sampled_from(["href", "name", "property", "itemprop", "content", "http-equiv", "type"]),
    st.sampled_from(
        [
            "",
            "x",
            "og:title",
            "og:image",
            "refresh",
            "0; url=/next",
            "application/ld+json",
            "https://github.com/lab/a",
            "/rel",
            "description",
            "javascript:x",
            "http://[::1",
        ]
    ),
    max_size=3,
)
_TEXT = st.text(alphabet=st.sampled_from(list("ab <>&;/\"'=\n\t\xa0{}[]:é")), max_size=12)


_MARKS = st.sampled_from(["<!-- c -->", "<!DOCTYPE html>", "<?php x ?>", "<br/>"])


@st.composite
def _fragments(draw: st.DrawFn) -> str:
    pieces: list[str] = []
    for _ in range(draw(st.integers(0, 14))):
        kind = draw(st.integers(0, 7))
        tag = draw(_TAGS)
        if kind <= 1:
            attrs = "".join(f' {k}="{v}"' for k, v in draw(_ATTRS).items())
            pieces.append(f"<{tag}{attrs}>")
        elif kind == 2:
            pieces.append(f"</{tag}>")
        elif kind == 3:
            pieces.append(draw(_MARKS))
        else:
            pieces.append(draw(_TEXT))
    return "".join(pieces)


@settings(max_examples=150, deadline=None)
@given(_fragments())
def test_any_markup_reads_as_bs4_read_it(html: str) -> None:
    assert_reads_as_bs4(html)


def test_a_parse_that_raised_leaves_nothing_for_the_next_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each thread keeps its parser; one whose parse raised halfway is not used again."""
    first = html_page("First page", body="<h1>First heading</h1><p>text</p>")
    second = html_page("Second page", body="<p>no heading here</p>")
    started = _markup._Collector._started

    def breaks_in_the_body(self: Any, tag: str, attrib: Any) -> Any:
        if tag == "p":
            raise RuntimeError("the parse broke halfway")
        return started(self, tag, attrib)

    read_markup(second)  # this thread now has a parser
    monkeypatch.setattr(_markup._Collector, "_started", breaks_in_the_body)
    with pytest.raises(RuntimeError):
        read_markup(first)
    monkeypatch.undo()

    assert _comparable(read_markup(second)) == _comparable(read_markup_with_bs4(second))
    assert _comparable(read_markup(first)) == _comparable(read_markup_with_bs4(first))
