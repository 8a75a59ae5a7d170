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
- no second plausible work comes within :data:`AMBIGUITY_MARGIN` of it.
  OpenAlex sometimes holds a paper twice (preprint and proceedings); that
  case, too, stays unresolved, with the best candidate named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from enrich.matching.confidence import AMBIGUITY_MARGIN, confidence
from enrich.matching.titles import MatchKind, TitleMatch, compare
from enrich.models import OpenalexRecord

YEAR_TOLERANCE = 1
_ORDER = tuple(MatchKind)  # strongest first


@dataclass(frozen=True)
class Candidate:
    record: OpenalexRecord
    match: TitleMatch

    @property
    def label(self) -> str:
        """How a warning names this candidate."""
        year = self.record.publication_year or "n.d."
        return f"OpenAlex {self.record.id} {self.record.title!r} ({year})"


@dataclass(frozen=True)
class Choice:
    """An accepted work, or the best rejected one and why."""

    accepted: Candidate | None
    best: Candidate | None
    reason: str
    confidence: float = 0.0


def plausible_year(record: OpenalexRecord, year: int | None) -> bool:
    if year is None or record.publication_year is None:
        return True
    return abs(record.publication_year - year) <= YEAR_TOLERANCE


def rank(title: str, records: Sequence[OpenalexRecord]) -> list[Candidate]:
    """Candidates best first: stronger kind, then higher similarity, then id."""
    unique = {r.id: r for r in records}.values()
    candidates = [Candidate(r, compare(title, r.title)) for r in unique]
    return sorted(
        candidates, key=lambda c: (_ORDER.index(c.match.kind), -c.match.similarity, c.record.id)
    )


def choose(title: str, year: int | None, records: Sequence[OpenalexRecord]) -> Choice:
    """The work that is surely this title, or none (with the best candidate named)."""
    ranked = rank(title, records)
    if not ranked:
        return Choice(None, None, "the title search found nothing")
    strong = [c for c in ranked if c.match.accepts_search_hit]
    if not strong:
        return Choice(None, ranked[0], f"no close title (best {ranked[0].label})")
    plausible = [c for c in strong if plausible_year(c.record, year)]
    if not plausible:
        best = strong[0]
        return Choice(None, best, f"{best.label} is implausible for the venue year {year}")
    first = plausible[0]
    if (
        len(plausible) > 1
        and plausible[1].match.similarity >= first.match.similarity - AMBIGUITY_MARGIN
    ):
        return Choice(None, first, f"ambiguous: {first.label} and {plausible[1].label} both fit")
    return Choice(first, first, f"title search ({first.match.kind})", confidence(first.match))
