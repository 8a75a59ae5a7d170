"""When two records are one paper: a preprint and its published version.

Search services hold many papers twice: the arXiv preprint and the
conference or journal version, under two ids, two DOIs and two citation
counts. Whether two records are versions of one paper is decided here, once,
for every source, on three pieces of evidence:

- **the titles**: accepted exactly where a title-search hit is accepted
  (:func:`enrich.matching.titles.compare`, :data:`~enrich.matching.titles.SEARCH_KINDS`),
  in either direction; so arXiv and OpenAlex take the same title pairs as
  "the same paper";
- **the authors**: at least one family name in common when both name
  authors (two papers with the same title by different people are two papers);
- **the years**: the published version appears at most
  :data:`YEARS_BEFORE` year before the preprint and at most
  :data:`YEARS_AFTER` years after it (a preprint posted after acceptance; a
  journal version that took a while).
"""

from __future__ import annotations

from collections.abc import Iterable

from enrich.matching.titles import compare, fold

YEARS_BEFORE = 1
YEARS_AFTER = 3


def family_name(name: str) -> str:
    """The folded last word of a name ("Kaiming He" -> "he"; "He, Kaiming" -> "he")."""
    text = fold(name)
    if "," in name:
        text = fold(name.split(",", 1)[0])
    words = [w for w in text.replace(".", " ").split() if w]
    return words[-1] if words else ""


def share_an_author(left: Iterable[str], right: Iterable[str]) -> bool:
    """Whether the two author lists have a family name in common (unknown: yes)."""
    a = {family_name(n) for n in left} - {""}
    b = {family_name(n) for n in right} - {""}
    return not a or not b or bool(a & b)


def titles_agree(left: str, right: str) -> bool:
    """The title rule every searching source applies, in either direction."""
    return compare(left, right).accepts_search_hit or compare(right, left).accepts_search_hit


def years_fit(preprint_year: int | None, published_year: int | None) -> bool:
    if preprint_year is None or published_year is None:
        return True
    return -YEARS_BEFORE <= published_year - preprint_year <= YEARS_AFTER


def same_paper(
    preprint: tuple[str, Iterable[str], int | None],
    published: tuple[str, Iterable[str], int | None],
) -> bool:
    """Whether ``published`` (title, author names, year) is a version of ``preprint``."""
    (title_a, authors_a, year_a), (title_b, authors_b, year_b) = preprint, published
    return (
        titles_agree(title_a, title_b)
        and share_an_author(authors_a, authors_b)
        and years_fit(year_a, year_b)
    )
