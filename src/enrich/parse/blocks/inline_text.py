"""markdown-it's inline tokenizer with a shortcut for runs of plain text.

markdown-it tokenizes each link's label, each image's alt text and each
inline block by trying every inline rule at every position where its ``text``
rule stops, and it stops at many characters no rule of ours starts with
(``:``, ``-``, ``#``, ...). A paper title such as ``X-Net: Real-Time ...``
therefore costs a full rule dispatch per punctuation mark, for tens of
thousands of labels on a long list. When a range holds none of the characters
that start a rule, every step just appends text: the whole range becomes one
text token. The shortcut gives exactly that token; any other range, and any
parser whose inline rules differ from the ones listed here, goes through the
library's loop unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.parser_inline import ParserInline

StateInline = Any  # markdown_it.rules_inline.StateInline (untyped library)

# The active inline rules of CommonMark plus tables, in order, and the only
# characters at which one of them (other than ``text``) can match.
SHORTCUT_RULES = (
    "text", "newline", "escape", "backticks", "emphasis", "link", "image", "autolink",
    "html_inline", "entity",
)  # fmt: skip
_RULE_START = re.compile(r"[\n\\`*_\[!<&]")


class PlainTextInline(ParserInline):
    """``ParserInline`` whose ``tokenize`` turns a range without rule characters into one text."""

    def tokenize(self, state: StateInline) -> None:
        """Same tokens as ``ParserInline.tokenize`` for every input."""
        pos, end, src = state.pos, state.posMax, state.src
        if pos < end and not _RULE_START.search(src, pos, end) and _text_stops_at(self, src, end):
            state.append_pending(src[pos:end])
            state.pos = end
            state.pushPending()
            return
        super().tokenize(state)


def _text_stops_at(parser: ParserInline, src: str, end: int) -> bool:
    """Whether the library's ``text`` rule, run up to ``end``, would stop there and not beyond."""
    return end >= len(src) or parser.terminator_re.match(src, end) is not None


def use_plain_text_shortcut(parser: Any) -> None:
    """Give ``parser`` (a MarkdownIt) the shortcut when its inline rules are the ones it knows."""
    if tuple(parser.inline.ruler.get_active_rules()) == SHORTCUT_RULES:
        parser.inline.__class__ = PlainTextInline
