"""Toolbox items: ``Name: description https://url``, ``description https://url`` or
``[Name](url) - description``. Bare URLs count as the tool's link."""

from __future__ import annotations

import re

from enrich.models import Tool, WarningKind
from enrich.parse.blocks.pieces import Link, plain_text
from enrich.parse.blocks.walk import Item
from enrich.parse.collect import Collector
from enrich.parse.links.urls import find_bare_urls, github_repo, is_anchor, last_path_segment

_NAMED = re.compile(r"^\s*(?P<name>[^:\s][^:]{0,40}?)\s*:\s+(?P<rest>.*)$", re.DOTALL)
_LEADING_SEPARATORS = " -–—:|,"
MAX_NAME_WORDS = 4
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])(?=\s|$)")


def parse_tool(item: Item, section: tuple[str, ...], out: Collector) -> None:
    """Add the item as a Tool; warn when it has no URL or no name."""
    name, description, url = _fields(item)
    if not name:
        out.warn(WarningKind.MALFORMED_ENTRY, item.line, "tool item with no name or link skipped")
        return
    ident = out.new_id("tool", name, url)
    out.note_entry("tool", (name, url), item.line, ident)
    if url is None:
        out.warn(WarningKind.MALFORMED_ENTRY, item.line, f"tool '{name}' has no URL", ident)
    out.tools.append(
        Tool(id=ident, section=section, line=item.line, name=name, description=description, url=url)
    )


def _fields(item: Item) -> tuple[str | None, str | None, str | None]:
    first = item.pieces[0] if item.pieces else None
    if isinstance(first, Link) and not is_anchor(first.href) and first.text:
        rest = plain_text(item.pieces[1:]).strip(_LEADING_SEPARATORS + " ")
        return first.text, rest or None, first.href
    text = plain_text(item.pieces)
    url = _first_url(item, text)
    remainder = " ".join(text.replace(url, " ").split()) if url else " ".join(text.split())
    remainder = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", remainder)
    match = _NAMED.match(remainder)
    if match and len(match["name"].split()) <= MAX_NAME_WORDS:
        return match["name"], match["rest"].strip() or None, url
    return _name_from_url(url) or (remainder or None), remainder or None, url


def _first_url(item: Item, text: str) -> str | None:
    links = [p.href for p in item.pieces if isinstance(p, Link) and not is_anchor(p.href)]
    return links[0] if links else next(iter(find_bare_urls(text)), None)


def _name_from_url(url: str | None) -> str | None:
    if url is None:
        return None
    repo = github_repo(url)
    return repo.split("/")[1] if repo else last_path_segment(url)
