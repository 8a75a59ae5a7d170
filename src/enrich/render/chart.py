"""The list's papers per year and per venue, as bars the site lays out with CSS.

Bars are plain HTML (a link and a width), so the chart needs no script and
no chart library, reads well in a screen reader as a list of counts, and
each bar is a link that sets the page's filter (``#year=2023``). Venues are
the canonical short names (:mod:`enrich.render.venues`); the few largest
are shown and the rest summed as "others".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from enrich.render.view import PaperView

TOP_VENUES = 10


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: float  # of the largest bar, for the CSS width
    href: str | None  # the filter it sets; None for 'others'


def _bars(counts: Sequence[tuple[str, int]], key: str | None) -> list[Bar]:
    largest = max((count for _, count in counts), default=0)
    return [
        Bar(
            label=label,
            count=count,
            percent=round(100 * count / largest, 1) if largest else 0.0,
            href="#" + urlencode({key: label}) if key else None,
        )
        for label, count in counts
    ]


def year_bars(views: Sequence[PaperView]) -> list[Bar]:
    """One bar per year, oldest first (a timeline reads left to right, top to bottom)."""
    years = Counter(view.year for view in views if view.year)
    return _bars([(str(year), years[year]) for year in sorted(years)], "year")


def venue_bars(views: Sequence[PaperView]) -> list[Bar]:
    """The largest venues, most papers first (ties by name), then the rest as 'others'."""
    venues = Counter(view.venue for view in views if view.venue)
    ranked = sorted(venues.items(), key=lambda item: (-item[1], item[0].casefold()))
    bars = _bars(ranked[:TOP_VENUES], "venue")
    rest = sum(count for _, count in ranked[TOP_VENUES:])
    if rest:
        largest = ranked[0][1]
        bars.append(
            Bar(
                f"{len(ranked) - TOP_VENUES} others",
                rest,
                min(100.0, round(100 * rest / largest, 1)),
                None,
            )
        )
    return bars
