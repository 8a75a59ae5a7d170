"""Our parser and door check against real OpenAlex answers recorded in public repositories
(tests/fixtures/openalex/README.md names where each came from). Every fixture is used."""

from __future__ import annotations

import json
from pathlib import Path

from enrich.http.answers import json_check
from enrich.models import VersionFinding
from enrich.sources.openalex._policy import is_daily_limit
from enrich.sources.openalex._works import WorksPage, parse, works_shape

FIXTURES = Path(__file__).parents[2] / "fixtures" / "openalex"
USED = {"work-W2741809807.json", "works-search-arxiv-2026-09-27.json", "429-anonymous-search.json"}


def _bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_every_recorded_answer_is_used() -> None:
    assert {p.name for p in FIXTURES.glob("*.json")} == USED


def test_the_docs_example_work_in_its_2022_shape() -> None:
    body = _bytes("work-W2741809807.json")
    assert json_check(works_shape)(200, {}, body) is None
    page = parse(body)
    assert isinstance(page, WorksPage)
    (record,) = page.records
    assert (record.id, record.doi, record.cited_by_count) == (
        "W2741809807",
        "10.7717/peerj.4375",
        394,
    )
    assert record.publication_date == "2018-02-13" and record.type == "journal-article"
    assert record.version == VersionFinding.PUBLISHED  # a journal DOI, no repository
    assert record.venue is None  # that shape names it in host_venue, which we do not read
    assert [a.name for a in record.authors][:2] == ["Heather A. Piwowar", "Jason Priem"]
    assert record.authors[0].orcid == "0000-0003-1613-5981"
    assert record.abstract is not None and record.abstract.startswith("Despite growing interest")


def test_a_preprint_only_work_and_a_merged_one() -> None:
    body = _bytes("works-search-arxiv-2026-09-27.json")
    assert json_check(works_shape)(200, {}, body) is None
    page = parse(body)
    assert isinstance(page, WorksPage) and page.count == 15782
    preprint, merged = page.records
    assert (preprint.id, preprint.doi, preprint.venue) == (
        "W4395065622",
        "10.48550/arxiv.2404.14082",
        "arXiv (Cornell University)",
    )
    assert preprint.version == VersionFinding.NOT_LOOKED_UP  # its published twin not yet sought
    assert (merged.id, merged.doi, merged.version) == (
        "W2439568532",
        "10.1145/3233231",
        VersionFinding.PUBLISHED,  # merged: the journal version, arXiv only a location
    )
    assert merged.venue is None  # its source came without a display_name in this trim


def test_the_recorded_anonymous_429_is_a_wait_not_the_day_spent() -> None:
    body = _bytes("429-anonymous-search.json")
    assert json.loads(body)["retryAfter"] == 32
    assert not is_daily_limit({"retry-after": "32"}, body, 32.0)
