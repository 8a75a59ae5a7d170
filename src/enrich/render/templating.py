"""The Jinja2 environment both renderers use, and the filters that make text safe.

Markdown has no escaping function of its own, so :func:`markdown_text`
backslash-escapes every character that could start markup in a table cell
(``|`` ends a cell, ``[``/``]`` make a link, ``*``/``_`` emphasis, ``<`` HTML),
and :func:`markdown_url` percent-encodes what would end a link destination.
HTML pages use Jinja2's autoescape instead.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_WHITESPACE = re.compile(r"\s+")


def markdown_text(value: object) -> str:
    """``value`` as literal text in a Markdown table cell: one line, markup escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", str(value)).strip())


def markdown_url(url: str) -> str:
    """A link destination that cannot end early: spaces, parentheses, ``|`` and ``<>`` encoded."""
    return quote(url, safe="/:?#[]@!$&'*+,;=%-._~")


def thousands(value: int) -> str:
    """9876 -> '9,876'."""
    return f"{value:,}"


def signed(value: int) -> str:
    """A gain with its sign: '+120', '−3' (a real minus), '0'."""
    if value > 0:
        return f"+{value:,}"
    return f"−{-value:,}" if value < 0 else "0"


@cache
def environment() -> Environment:
    """One environment per process: templates from the package, undefined names are errors."""
    env = Environment(
        loader=PackageLoader("enrich.render", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(md=markdown_text, mdurl=markdown_url, thousands=thousands, signed=signed)
    return env
