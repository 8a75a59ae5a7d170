"""The pure parser of OpenAlex answers and the abstract rebuilt from its inverted index."""

from __future__ import annotations

import json

from enrich.sources.openalex._works import ParseFailure, WorksPage, abstract_text, parse
from tests.fakes.openalex import FakeAuthor, FakeWork, inverted_index, work_json

WORK = FakeWork(
    "W4311000001",
    "VideoReTalking: Audio-based Lip Synchronization",
    doi="10.1145/3550469.3555399",
    year=2022,
    date="2022-11-30",
    authors=(
        FakeAuthor("Kun Cheng", None, ("Xidian University",)),
        FakeAuthor("Xiaodong Cun", "0000-0003-3607-2236", ("Tencent", "Tencent")),
    ),
    abstract="We present a system to edit the faces of a real-world talking head video",
    venue="SIGGRAPH Asia 2022 Conference Papers",
    pdf_url="https://example.org/paper.pdf",
    cited_by_count=120,
)


def _list(*works: dict[str, object], count: int | None = None) -> bytes:
    meta = {"count": len(works) if count is None else count, "page": 1, "per_page": 25}
    return json.dumps({"meta": meta, "results": list(works)}).encode()


def test_abstract_is_rebuilt_in_position_order() -> None:
    index = {"world": [1, 3], "hello": [0], "again": [4], "the": [2]}
    assert abstract_text(index) == "hello world the world again"


def test_abstract_round_trips_through_the_fakes_inversion() -> None:
    text = "Talking heads , talking faces : a survey of the the field"
    assert abstract_text(inverted_index(text)) == text


def test_abstract_skips_gaps_and_settles_clashes_alphabetically() -> None:
    # Position 1 is missing, position 2 is claimed twice, junk is ignored.
    index = {"zeta": [2], "alpha": [0, 2], "bad": "x", "neg": [-1], "flag": [True]}
    assert abstract_text(index) == "alpha alpha"
    assert abstract_text({}) is None
    assert abstract_text(None) is None


def test_a_list_answer_becomes_records_with_every_field() -> None:
    page = parse(_list(work_json(WORK), count=7))
    assert isinstance(page, WorksPage)
    assert page.count == 7
    (record,) = page.records
    assert record.id == "W4311000001"
    assert record.url == "https://openalex.org/W4311000001"
    assert record.doi == "10.1145/3550469.3555399"
    assert (record.publication_year, record.publication_date) == (2022, "2022-11-30")
    assert record.venue == "SIGGRAPH Asia 2022 Conference Papers"
    assert record.oa_pdf_url == "https://example.org/paper.pdf"
    assert record.cited_by_count == 120
    assert record.abstract == WORK.abstract
    first, second = record.authors
    assert (first.name, first.orcid, first.institutions) == (
        "Kun Cheng",
        None,
        ("Xidian University",),
    )
    assert (second.orcid, second.institutions) == ("0000-0003-3607-2236", ("Tencent",))


def test_a_single_work_answer_is_one_record() -> None:
    page = parse(json.dumps(work_json(WORK)).encode())
    assert isinstance(page, WorksPage)
    assert [r.id for r in page.records] == ["W4311000001"]


def test_missing_values_stay_missing_never_zero() -> None:
    work = work_json(WORK)
    work.update(cited_by_count=None, abstract_inverted_index=None, doi=None, primary_location=None)
    work.update(locations=[])
    work.update(best_oa_location=None, open_access={"is_oa": False, "oa_url": None})
    (record,) = parse(_list(work)).records  # type: ignore[union-attr]
    assert record.cited_by_count is None
    assert (record.abstract, record.doi, record.venue, record.oa_pdf_url) == (
        None,
        None,
        None,
        None,
    )


def test_open_access_url_is_the_fallback_for_a_pdf() -> None:
    work = work_json(WORK)
    work.update(
        best_oa_location=None, open_access={"is_oa": True, "oa_url": "https://oa.example/x"}
    )
    (record,) = parse(_list(work)).records  # type: ignore[union-attr]
    assert record.oa_pdf_url == "https://oa.example/x"


def test_a_work_without_id_or_title_is_rejected_with_a_reason_not_dropped() -> None:
    no_title = {**work_json(WORK), "title": None, "display_name": "  "}
    no_id = {**work_json(WORK), "id": None}
    page = parse(_list(work_json(WORK), no_title, no_id, "junk"))  # type: ignore[arg-type]
    assert isinstance(page, WorksPage)
    assert len(page.records) == 1
    assert page.rejected == (
        "work W4311000001 has no title",
        "a work has no id",
        "a result is not a JSON object",
    )


def test_a_negative_citation_count_is_not_a_count() -> None:
    (record,) = parse(_list({**work_json(WORK), "cited_by_count": -3})).records  # type: ignore[union-attr]
    assert record.cited_by_count is None


def test_failures_say_what_is_wrong() -> None:
    error = parse(b'{"error": "Invalid query parameters error.", "message": "per-page too big"}')
    assert error == ParseFailure("Invalid query parameters error.: per-page too big")
    assert parse(b"<html>502 Bad Gateway</html>") == ParseFailure(
        "not JSON: Expecting value: line 1 column 1 (char 0)"
    )
    assert parse(b"[1, 2]") == ParseFailure("not a JSON object")
    assert parse(b'{"meta": {}, "results": {}}') == ParseFailure("'results' is not a list")
