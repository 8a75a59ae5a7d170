"""Which identity each paper is looked up by, and how DOIs fill the batches."""

from __future__ import annotations

import math

from enrich.sources.interface import Hint, Target
from enrich.sources.openalex._plan import (
    DOI_BATCH,
    arxiv_doi,
    doi_batches,
    doi_filter,
    lookup_for,
    title_filter,
)


def _target(*hints: str, title: str | None = "SadTalker: Learning Realistic 3D Motion") -> Target:
    return Target("p1", "list.md", 3, title, 2023, tuple(Hint(h, "link") for h in hints))


def test_an_arxiv_link_in_any_form_becomes_its_datacite_doi() -> None:
    for link in (
        "https://arxiv.org/abs/2211.12194",
        "https://arxiv.org/pdf/2211.12194v2.pdf",
        "https://doi.org/10.48550/arXiv.2211.12194",
    ):
        lookup = lookup_for(_target(link))
        assert lookup.doi == "10.48550/arxiv.2211.12194", link
        assert lookup.query == ()
    assert arxiv_doi("math/0309136") == "10.48550/arxiv.math/0309136"


def test_a_publisher_doi_is_used_as_it_is() -> None:
    lookup = lookup_for(_target("https://dl.acm.org/doi/10.1145/3550469.3555399"))
    assert lookup.doi == "10.1145/3550469.3555399"
    assert lookup.hint == Hint("https://dl.acm.org/doi/10.1145/3550469.3555399", "link")


def test_an_openalex_link_is_a_free_singleton() -> None:
    lookup = lookup_for(
        _target("https://openalex.org/w4311000001", "https://arxiv.org/abs/2211.12194")
    )
    assert (lookup.work_id, lookup.doi) == ("W4311000001", None)


def test_the_most_trusted_usable_hint_wins() -> None:
    lookup = lookup_for(_target("https://github.com/a/b", "https://arxiv.org/abs/2104.11116"))
    assert lookup.doi == "10.48550/arxiv.2104.11116"


def test_without_an_identity_the_title_is_searched_by_its_words() -> None:
    lookup = lookup_for(_target("https://openaccess.thecvf.com/content/x.html"))
    assert not lookup.identified
    assert lookup.query == ("learning", "realistic", "3d", "motion")
    assert lookup_for(_target(title=None)).query == ()


def test_batches_hold_a_hundred_sorted_distinct_dois() -> None:
    """OpenAlex documents up to 100 values per OR filter (the fake answers 400 beyond)."""
    dois = [f"10.1/{n:04d}" for n in range(220)] + ["10.1/0005"]
    batches = doi_batches(reversed(dois))
    assert len(batches) == math.ceil(220 / DOI_BATCH) == 3
    assert [len(b) for b in batches] == [100, 100, 20]
    assert [d for b in batches for d in b] == sorted(set(dois))


def test_filters_are_written_as_openalex_expects() -> None:
    assert doi_filter(("10.1/a", "10.2/b")) == "doi:10.1/a|10.2/b"
    assert title_filter(("learning", "motion")) == "title.search:learning motion"
