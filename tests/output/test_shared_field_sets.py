"""Records share their class's set of given field names, and it still says the same.

A 10,000-entry run holds 220,000 records; pydantic's own set per record was a
quarter of the run's peak memory (``enrich.models._share_fields_set``).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from enrich.models import ArxivAuthor, PageSlot, Provenance, SlotStatus, Trend


def test_records_read_back_from_json_share_one_set() -> None:
    texts = ['{"name": "A", "affiliations": []}', '{"name": "B", "affiliations": ["Lab"]}']
    first, second = (ArxivAuthor.model_validate_json(text) for text in texts)

    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    assert first.model_fields_set == {"name", "affiliations"}


def test_records_given_the_same_fewer_fields_share_a_set_that_names_just_those() -> None:
    first = Provenance(method="link", source_url="https://a.example")
    second = Provenance(method="badge", source_url="https://b.example")
    full = Provenance.model_validate(first.model_dump())

    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    assert first.model_fields_set == {"method", "source_url"}
    assert full.model_fields_set == set(Provenance.model_fields)
    assert first.model_dump(exclude_unset=True) == {
        "method": "link",
        "source_url": "https://a.example",
    }


@given(method=st.text(max_size=5), confidence=st.floats(0.0, 1.0))
def test_a_copy_names_its_own_fields_and_leaves_the_shared_set_alone(
    method: str, confidence: float
) -> None:
    fewer = Provenance(method=method)
    shared_before = set(fewer.__pydantic_fields_set__)

    copied = fewer.model_copy(update={"confidence": confidence})

    assert copied.model_fields_set == {"method", "confidence"}
    assert fewer.model_fields_set == shared_before == {"method"}
    assert Provenance(method="x").model_fields_set == {"method"}
    assert copied.confidence == confidence


def test_nested_records_share_too() -> None:
    outer = [Trend.model_validate_json(Trend(stars_30d=n).model_dump_json()) for n in (3, 9)] + [
        Provenance.model_validate_json(Provenance(method=m).model_dump_json()) for m in "ab"
    ]
    slots = [
        PageSlot.model_validate_json(PageSlot(status=SlotStatus.OK, provenance=p).model_dump_json())
        for p in outer[2:]
    ]

    assert outer[0].__pydantic_fields_set__ is outer[1].__pydantic_fields_set__
    assert slots[0].provenance and slots[1].provenance
    assert slots[0].provenance.__pydantic_fields_set__ is outer[2].__pydantic_fields_set__
    assert slots[1].provenance.__pydantic_fields_set__ is outer[3].__pydantic_fields_set__
