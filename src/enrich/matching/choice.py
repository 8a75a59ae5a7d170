"""Choosing the one search hit that is surely the list's paper, for every source that searches.

A wrong match is worse than none (a wrong paper's authors, abstract and
citations would be published as the list's), so every source that accepts
title-search hits (arXiv, OpenAlex) decides the same way, here: a candidate is
taken only when its title agrees closely (:data:`~enrich.matching.titles.SEARCH_KINDS`),
its date is plausible for the venue year (each source knows what its dates
mean, so it passes that test in), and no second plausible candidate comes
close: two within :data:`~enrich.matching.confidence.AMBIGUITY_MARGIN`, or two
headed by the same method name, leave the entry unresolved with the best named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from enrich.matching.confidence import AMBIGUITY_MARGIN, confidence
from enrich.matching.titles import MatchKind, TitleMatch

R = TypeVar("R")
_ORDER = tuple(MatchKind)  # strongest first


@dataclass(frozen=True)
class Candidate(Generic[R]):
    """One search hit and how its title relates to the list's."""

    record: R
    match: TitleMatch
    key: str  # the record's id: a stable order among equals
    label: str  # how a warning names this candidate


@dataclass(frozen=True)
class Choice(Generic[R]):
    """An accepted candidate, or the best rejected one and why."""

    accepted: Candidate[R] | None
    best: Candidate[R] | None
    reason: str
    confidence: float = 0.0


def rank(candidates: Iterable[Candidate[R]]) -> list[Candidate[R]]:
    """Best first: stronger kind, then higher similarity, then id."""
    return sorted(
        candidates, key=lambda c: (_ORDER.index(c.match.kind), -c.match.similarity, c.key)
    )


def _ambiguous(first: Candidate[R], second: Candidate[R]) -> bool:
    if first.match.kind == second.match.kind == MatchKind.LABEL_HEAD:
        return True
    return second.match.similarity >= first.match.similarity - AMBIGUITY_MARGIN


def choose(
    candidates: Iterable[Candidate[R]],
    plausible: Callable[[R], bool],
    implausible: Callable[[Candidate[R]], str],
) -> Choice[R]:
    """The candidate that is surely the paper, or none with the best one named.

    ``plausible`` tells whether a record's date fits the venue year;
    ``implausible`` words the reason when no close candidate's date fits.
    """
    ranked = rank(candidates)
    if not ranked:
        return Choice(None, None, "the title search found nothing")
    strong = [c for c in ranked if c.match.accepts_search_hit]
    if not strong:
        return Choice(None, ranked[0], f"no close title (best {ranked[0].label})")
    fitting = [c for c in strong if plausible(c.record)]
    if not fitting:
        return Choice(None, strong[0], implausible(strong[0]))
    first = fitting[0]
    if len(fitting) > 1 and _ambiguous(first, fitting[1]):
        return Choice(None, first, f"ambiguous: {first.label} and {fitting[1].label} both fit")
    return Choice(first, first, f"title search ({first.match.kind})", confidence(first.match))
