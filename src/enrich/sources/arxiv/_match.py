"""Deciding which arXiv record (if any) a list entry is. Pure: titles and records in, a choice out.

A wrong match is worse than none, so a search hit is accepted only when

- its title agrees with the list's closely (:data:`enrich.matching.titles.SEARCH_KINDS`: the
  same title, a near-identical one, a long title with one or two words
  renamed, or a label that is the title's method name),
- its v1 date is plausible for the venue year (from ``year - 2`` to
  ``year``: papers appear on arXiv before or in the year of their venue), and
- no second plausible hit comes close: two candidates within
  :data:`AMBIGUITY_MARGIN` of each other, or two papers headed by the same
  method name, leave the entry unresolved with the best one named.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from enrich.matching.confidence import AMBIGUITY_MARGIN, confidence
from enrich.matching.titles import MatchKind, TitleMatch, compare
from enrich.models import ArxivRecord

YEARS_BEFORE_VENUE = 2

_STRENGTH = {
    MatchKind.EXACT: 6,
    MatchKind.CLOSE: 5,
    MatchKind.RENAMED: 4,
    MatchKind.LABEL_HEAD: 3,
    MatchKind.LABEL_IN_TITLE: 2,
    MatchKind.ACRONYM: 1,
    MatchKind.NONE: 0,
}


@dataclass(frozen=True)
class Candidate:
    record: ArxivRecord
    match: TitleMatch

    @property
    def label(self) -> str:
        """How a warning names this candidate."""
        return f"arXiv:{self.record.id} {self.record.title!r}"


@dataclass(frozen=True)
class Choice:
    """The outcome of a title search: an accepted candidate, or the best rejected one and why."""

    accepted: Candidate | None
    best: Candidate | None
    reason: str
    confidence: float = 0.0


def plausible_year(record: ArxivRecord, year: int | None) -> bool:
    if year is None or record.published is None:
        return True
    published = int(record.published[:4])
    return year - YEARS_BEFORE_VENUE <= published <= year


def rank(title: str, records: Iterable[ArxivRecord], evidence: str = "") -> list[Candidate]:
    """Candidates best first: stronger kind, then higher similarity, then id."""
    candidates = [Candidate(r, compare(title, r.title, evidence)) for r in records]
    return sorted(
        candidates,
        key=lambda c: (-_STRENGTH[c.match.kind], -c.match.similarity, c.record.id),
    )


def _ambiguous(first: Candidate, second: Candidate) -> bool:
    if first.match.kind == second.match.kind == MatchKind.LABEL_HEAD:
        return True
    return second.match.similarity >= first.match.similarity - AMBIGUITY_MARGIN


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
    ranked = rank(title, (r for r in records if r.id != exclude), evidence)
    if not ranked:
        return Choice(None, None, "the title search found nothing")
    strong = [c for c in ranked if c.match.accepts_search_hit]
    plausible = [c for c in strong if plausible_year(c.record, year)]
    if not strong:
        best = ranked[0]
        return Choice(None, best, f"no close title (best {best.label})")
    if not plausible:
        best = strong[0]
        return Choice(
            None,
            best,
            f"{best.label} was published {best.record.published}, implausible for {year}",
        )
    first = plausible[0]
    if len(plausible) > 1 and _ambiguous(first, plausible[1]):
        return Choice(None, first, f"ambiguous: {first.label} and {plausible[1].label} both fit")
    return Choice(first, first, f"title search ({first.match.kind})", confidence(first.match))
