"""Which OpenAlex work (if any) a title search found. Pure: a title and works in, a choice out.

Precision first, as for arXiv: a wrong paper's authors and citations are
worse than none. A work is accepted only when

- its title agrees with the list's closely (the kinds of
  :data:`enrich.matching.titles.SEARCH_KINDS`: the same title, a
  near-identical one, a long title with a word or two renamed, or a label
  that is the title's method name) — the comparison arXiv uses too, not a
  second copy;
- the method names before the colon agree when both titles have one
  ("X: ..." is not "Y: ...", however close the rest);
- its publication year is within :data:`YEAR_TOLERANCE` of the venue year
  (OpenAlex dates the published version, so a year either side covers
  preprints and late proceedings); and
- no second plausible work comes close (the rule every searching source
  shares, in :mod:`enrich.matching.choice`). OpenAlex sometimes holds a
  paper twice (preprint and proceedings); that case, too, stays unresolved,
  with the best candidate named.
"""

from __future__ import annotations

from collections.abc import Sequence

from enrich.matching import choice
from enrich.matching.titles import compare
from enrich.models import OpenalexRecord

YEAR_TOLERANCE = 1

Candidate = choice.Candidate[OpenalexRecord]
Choice = choice.Choice[OpenalexRecord]


def plausible_year(record: OpenalexRecord, year: int | None) -> bool:
    if year is None or record.publication_year is None:
        return True
    return abs(record.publication_year - year) <= YEAR_TOLERANCE


def _label(record: OpenalexRecord) -> str:
    """How a warning names a work."""
    return f"OpenAlex {record.id} {record.title!r} ({record.publication_year or 'n.d.'})"


def choose(title: str, year: int | None, records: Sequence[OpenalexRecord]) -> Choice:
    """The work that is surely this title, or none (with the best candidate named)."""
    unique = {r.id: r for r in records}.values()
    candidates = [choice.Candidate(r, compare(title, r.title), r.id, _label(r)) for r in unique]
    return choice.choose(
        candidates,
        lambda record: plausible_year(record, year),
        lambda best: f"{best.label} is implausible for the venue year {year}",
    )
