"""The synthetic list generator: deterministic, the size asked for, parsed whole by the parser."""

from __future__ import annotations

import re

import pytest
from benchmarks.generate import SEARCH_SHARE, generate, page_url, render

from enrich.identity.arxiv import extract_id

BASES = ["http://127.0.0.1:8001", "http://127.0.0.2:8002"]


def test_same_seed_same_list_other_seed_other_list() -> None:
    first = render(generate(200, seed=7), BASES)
    assert render(generate(200, seed=7), BASES) == first
    assert render(generate(200, seed=8), BASES) != first


@pytest.mark.parametrize("size", [0, 1, 20, 137, 1000])
def test_exactly_n_entries(size: int) -> None:
    synthetic = generate(size, seed=3)
    text = render(synthetic, BASES)
    assert len(synthetic.papers) == size
    assert sum(1 for line in text.splitlines() if line.startswith("- [")) == size


def test_identities_are_unique_and_shares_are_as_described() -> None:
    synthetic = generate(2000, seed=1)
    papers = synthetic.papers
    assert len({p.title for p in papers}) == len(papers)
    assert len({p.arxiv_id for p in papers}) == len(papers)
    searched = len(synthetic.searched) / len(papers)
    assert SEARCH_SHARE - 0.03 < searched < SEARCH_SHARE + 0.03
    assert 0.80 < sum(1 for p in papers if p.repo) / len(papers) < 0.95
    assert 0.45 < len(synthetic.pages) / len(papers) < 0.55


def test_links_point_where_the_fakes_answer() -> None:
    synthetic = generate(300, seed=2)
    for paper in synthetic.papers:
        linked = extract_id(paper.paper_url)
        assert (linked is None) == paper.needs_search, paper.paper_url
        if linked is not None:
            assert linked.id == paper.arxiv_id
            assert linked.version == (2 if paper.link == "abs_version" else None)
        url = page_url(paper, BASES)
        assert url is None or url.startswith(tuple(BASES))
        assert paper.repo is None or re.fullmatch(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+", paper.repo)


def test_parser_reads_every_generated_entry_without_warnings() -> None:
    parse_list = pytest.importorskip("enrich.parse.markdown").parse_list
    synthetic = generate(500, seed=5)
    parsed = parse_list(render(synthetic, BASES), "synthetic-500.md")
    assert parsed.warnings == ()
    by_title = {p.title: p for p in parsed.papers}
    assert len(parsed.papers) == 500
    for truth in synthetic.papers:
        paper = by_title[truth.title]
        assert (paper.venue_as_written, paper.year, paper.paper_url) == (
            truth.venue,  # as written; paper.venue is the table's name ("MM" -> "ACM MM")
            truth.year,
            truth.paper_url,
        )
        assert paper.code_url == (f"https://github.com/{truth.repo}" if truth.repo else None)
        assert paper.project_url == page_url(truth, BASES)
        assert paper.badge_repos == ((truth.repo,) if truth.repo else ())
