"""How sure a title-search match is, and when a second candidate makes the choice ambiguous.

Shared by every source that accepts search hits (arXiv, OpenAlex), so a
provenance's ``confidence`` means the same whichever service found the
paper, and both step back from the same near ties.
"""

from __future__ import annotations

from enrich.matching.titles import MatchKind, TitleMatch

# Two candidates whose similarities are closer than this are a tie: the entry
# stays unresolved with the best one named, rather than a coin toss.
AMBIGUITY_MARGIN = 0.05


def confidence(match: TitleMatch) -> float:
    """How sure a title-search identity is, by kind of agreement."""
    if match.kind == MatchKind.EXACT:
        return 0.95
    if match.kind == MatchKind.CLOSE:
        return round(0.9 * match.similarity, 3)
    if match.kind == MatchKind.LABEL_HEAD:
        return 0.75
    return round(0.8 * match.similarity, 3)
