"""Our faster markdown-it pieces give the library's own tokens, for any input.

``enrich.parse.blocks.walk.make_parser`` plugs a faster link-label and
link-destination reader into markdown-it (``parse/blocks/link_helpers.py``,
through ``md.helpers``, the hook markdown-it documents for it). It exists only
for speed, so the tokens must be exactly the stock library's: this compares
them on generated Markdown rich in the characters the shortcuts look for.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from enrich.parse.blocks.walk import make_parser

PIECES = [
    "[", "]", "(", ")", "<", ">", "`", "*", "_", "!", "&amp;", "&", "\\", "\n", " ", ":",
    "-", "#", "|", "https://arxiv.org/abs/2301.00001", "[Paper](https://x.org/a)",
    "![b](https://img.shields.io/badge/x.svg)", "<https://github.com/a/b>", "Net: A Title",
    "**bold**", "müller", "1. ", "- ", "\n\n", "| a | b |\n| --- | --- |\n",
]  # fmt: skip


class _Stock(MarkdownIt):
    """The library as it comes, with only our destination rule (no percent-encoding)."""

    def normalizeLink(self, url: str) -> str:
        return url


def _shape(tokens: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (t.type, t.tag, t.content, t.markup, t.info, t.attrs, _shape(t.children or []))
        for t in tokens
    ]


OURS = make_parser()  # parsers keep no state between documents: built once, not per example
STOCK = _Stock("commonmark").enable("table")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=8).map("".join))
def test_the_fast_parser_gives_the_librarys_tokens(text: str) -> None:
    assert _shape(OURS.parse(text)) == _shape(STOCK.parse(text))
