"""Which papers an export covers: the whole list, a section, or the filter a site URL encodes.

The site keeps its filters in the page's URL fragment
(``list.html#venue=CVPR&year=2023&q=gaussian``), so a reader can share a
view, and ``render bibtex|csl-json --filter`` takes the same fragment (or the
whole URL) and selects the same papers: the keys and their meaning are the
ones ``assets/site.js`` uses (``FILTERS`` there), written out again here
because the page runs without Python.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from urllib.parse import parse_qsl, urlsplit

from enrich.errors import InputError
from enrich.models import EnrichedList, Paper
from enrich.render.view import PaperView, paper_view
from enrich.venues import canonical_or_written

SECTION_SEPARATOR = " › "
# Keys the site writes that order or lay out the page but select nothing.
DISPLAY_KEYS = frozenset({"sort", "view"})


def parse_filter(text: str) -> dict[str, str]:
    """The filters in a site URL, its fragment, or a bare ``key=value&...`` string."""
    value = text.strip()
    if "://" in value or value.startswith(("#", "?")):
        parts = urlsplit(value)
        value = parts.fragment or parts.query
    pairs = dict(parse_qsl(value, keep_blank_values=False))
    unknown = sorted(set(pairs) - set(FILTERS) - DISPLAY_KEYS)
    if unknown:
        known = ", ".join(sorted(FILTERS))
        raise InputError("--filter", f"unknown filter {', '.join(unknown)} (known: {known})")
    return {key: pairs[key] for key in FILTERS if key in pairs}


def section_name(section: Sequence[str]) -> str:
    return SECTION_SEPARATOR.join(section)


def in_section(view: PaperView, name: str) -> bool:
    """The section itself or one below it: 'Papers' covers 'Papers › 2D talking-face synthesis'."""
    wanted = name.strip().casefold()
    path = [heading.casefold() for heading in view.section]
    return (
        any(SECTION_SEPARATOR.join(path[:depth]) == wanted for depth in range(1, len(path) + 1))
        or wanted in path
    )


def _page_state(view: PaperView) -> str:
    if view.page is None:
        return "none"
    return "problem" if view.page.problem else "ok"


def _matches_words(view: PaperView, words: str) -> bool:
    hay = "\n".join((view.title, " ".join(view.authors), view.abstract or "")).lower()
    return all(word in hay for word in words.lower().split())


FILTERS: dict[str, Callable[[PaperView, str], bool]] = {
    "q": _matches_words,
    "section": in_section,
    "venue": lambda view, value: canonical_or_written(view.venue) == value,
    "year": lambda view, value: str(view.year) == value,
    "code": lambda view, value: (value == "yes") == (view.code is not None),
    "health": lambda view, value: _page_state(view) == value,
}


def select_papers(
    document: EnrichedList, section: str | None = None, filters: Mapping[str, str] | None = None
) -> list[Paper]:
    """The papers of ``document`` in the section and passing every filter, in list order."""
    wanted = dict(filters or {})
    if section is not None:
        wanted["section"] = section
    chosen = []
    for order, paper in enumerate(document.papers):
        view = paper_view(order, paper)
        if all(FILTERS[key](view, value) for key, value in wanted.items()):
            chosen.append(paper)
    return chosen
