"""Deciding which arXiv record (if any) a list entry is. Pure: titles and records in, a choice out.

A wrong match is worse than none, so a search hit is accepted only when

- its title agrees with the list's closely (:data:`enrich.matching.titles.SEARCH_KINDS`: the
  same title, a near-identical one, a long title with one or two words
  renamed, or a label that is the title's method name),
- its v1 date is plausible for the venue year (from ``year - 2`` to
  ``year``: papers appear on arXiv before or in the year of their venue), and
- no second plausible hit comes close (the rule every searching source
  shares, in :mod:`enrich.matching.choice`).
"""

from __future__ import annotations

from collections.abc import Sequence

from enrich.matching import choice
from enrich.matching.titles import compare
from enrich.models import ArxivRecord

YEARS_BEFORE_VENUE = 2

Candidate = choice.Candidate[ArxivRecord]
Choice = choice.Choice[ArxivRecord]


def plausible_year(record: ArxivRecord, year: int | None) -> bool:
    if year is None or record.published is None:
        return True
    published = int(record.published[:4])
    return year - YEARS_BEFORE_VENUE <= published <= year


def choose(
    title: str,
    year: int | None,
    records: Sequence[ArxivRecord],
    exclude: str | None = None,
    evidence: str = "",
) -> Choice:
    """The search hit that is surely this title, or none (with the best candidate named).

    ``evidence``: the entry's other links (see :func:`enrich.matching.titles.names_differ`).
    """
    candidates = [
        choice.Candidate(r, compare(title, r.title, evidence), r.id, f"arXiv:{r.id} {r.title!r}")
        for r in records
        if r.id != exclude
    ]
    return choice.choose(
        candidates,
        lambda record: plausible_year(record, year),
        lambda best: f"{best.label} was published {best.record.published}, implausible for {year}",
    )
