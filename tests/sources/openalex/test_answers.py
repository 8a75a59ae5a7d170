"""OpenAlex answers that are not what OpenAlex sends: retried like a 5xx, never cached,
and at worst an ``error`` slot; implausible values refused with a warning.

The faults are the fake's (tests/fakes/openalex.py): a 200 whose JSON is cut halfway
(a dropped connection behind a proxy), JSON nested 5,000 deep, a field of the wrong JSON
type, and values no paper has (a 1.9 MB abstract, a 4,200-digit citation count, a 1 MB
date).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from enrich.http.answers import json_check
from enrich.models import SlotStatus
from enrich.sources.interface import Hint, Target
from enrich.sources.openalex import OpenalexSource
from enrich.sources.openalex._policy import openalex_policy
from enrich.sources.openalex._works import works_shape
from tests.fakes.openalex import FakeOpenalex, FakeWork
from tests.sources.openalex.conftest import openalex_door, openalex_settings
from tests.sources.openalex.test_source import DINET, SADTALKER

WORK_URL = "/works/W4382000002"  # DINet, a singleton


def _resolve(tmp_path: Path, fake: FakeOpenalex, *targets: Target):  # type: ignore[no-untyped-def]
    settings = openalex_settings(tmp_path, fake)
    with openalex_door(settings) as door:
        return OpenalexSource(door, settings).resolve(list(targets))


def test_a_truncated_body_is_retried_and_never_cached(tmp_path: Path, fake: FakeOpenalex) -> None:
    fake.truncate_next(1)
    outcome = _resolve(tmp_path, fake, DINET)
    assert outcome.slots["dinet"].status == SlotStatus.OK
    assert [r.kind for r in fake.requests] == ["search", "search"]  # the cut one, again
    warm = _resolve(tmp_path, fake, DINET)
    assert fake.count() == 2 and warm.slots == outcome.slots  # the good answer was kept


def test_a_body_that_stays_truncated_is_an_error_slot_and_is_not_cached(
    tmp_path: Path, fake: FakeOpenalex
) -> None:
    fake.truncate_next(2)  # max_attempts is 2: SadTalker's DOI filter fails twice
    failed = _resolve(tmp_path, fake, DINET, SADTALKER)
    sad = failed.slots["sad"]
    assert sad.status == SlotStatus.ERROR and sad.reason is not None
    assert "unreadable JSON" in sad.reason
    assert failed.slots["dinet"].status == SlotStatus.OK  # the list goes on
    again = _resolve(tmp_path, fake, SADTALKER)  # the next run asks again: nothing bad kept
    assert again.slots["sad"].status == SlotStatus.OK


def test_json_nested_beyond_reason_is_retried(tmp_path: Path, fake: FakeOpenalex) -> None:
    fake.deepen_next(1)
    outcome = _resolve(tmp_path, fake, DINET)
    assert outcome.slots["dinet"].status == SlotStatus.OK and fake.count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [("authorships", "A. Author"), ("abstract_inverted_index", ["We", "present"])],
)
def test_a_wrong_typed_field_is_a_broken_answer(tmp_path: Path, field: str, value: object) -> None:
    bad = FakeWork("W1", "Broken Paper", doi="10.1000/bad", raw=((field, value),))
    good = FakeWork("W2", "Sound Paper", doi="10.1000/good")
    target = Target("b", "l.md", 1, None, None, (Hint("https://doi.org/10.1000/bad", "link"),))
    other = Target("g", "l.md", 2, None, None, (Hint("https://openalex.org/W2", "link"),))
    with FakeOpenalex([bad, good]) as fake:
        outcome = _resolve(tmp_path, fake, target, other)
        assert fake.count("filter") == 2  # retried once, as a 5xx is
    slot = outcome.slots["b"]
    assert slot.status == SlotStatus.ERROR and f"'{field}' is a JSON" in (slot.reason or "")
    assert outcome.slots["g"].status == SlotStatus.OK


def test_a_stored_bad_body_never_fails_the_next_run(tmp_path: Path, fake: FakeOpenalex) -> None:
    """Stored by a door without the check (an older version): the checked door asks again."""
    settings = openalex_settings(tmp_path, fake)
    unchecked = replace(openalex_policy(settings), check_answer=None)
    fake.truncate_next(1)
    with openalex_door(settings, unchecked) as door:
        stored = door.request("openalex", "GET", fake.url + WORK_URL)
    assert stored.status == 200 and stored.body.endswith(b"}") is False
    with openalex_door(settings) as door:
        fresh = door.request("openalex", "GET", fake.url + WORK_URL)
    assert (
        fresh.cache == "miss" and fake.count() == 2 and fresh.json()["id"].endswith("W4382000002")
    )


def test_implausible_values_are_refused_with_a_warning_cold_and_warm(tmp_path: Path) -> None:
    huge = FakeWork(
        "W1",
        "A Paper With Huge Values",
        doi="10.1000/huge",
        raw=(
            ("abstract_inverted_index", {"x" * 1_900_000: [0]}),
            ("cited_by_count", 10**4199),  # 4,200 digits
            ("publication_date", "2023-" + "1" * 1_000_000),
        ),
    )
    link = Hint("https://doi.org/10.1000/huge", "link")
    target = Target("h", "l.md", 5, huge.title, 2023, (link,))
    with FakeOpenalex([huge]) as fake:
        cold = _resolve(tmp_path, fake, target)
        warm = _resolve(tmp_path, fake, target)
        assert fake.count() == 1
    record = cold.slots["h"].record
    assert record is not None and record.title == huge.title  # the rest is kept
    assert (record.abstract, record.cited_by_count, record.publication_date) == (None, None, None)
    messages = [w.message for w in cold.warnings]
    assert messages == [
        "OpenAlex W1: citation count refused as implausible (4,200 digits)",
        "OpenAlex W1: publication date refused as implausible (1,000,005 characters)",
        "OpenAlex W1: abstract refused as implausible (1,900,000 characters)",
    ]
    assert all((w.file, w.line) == ("l.md", 5) for w in cold.warnings)
    assert [w.message for w in warm.warnings] == messages  # kept with the cached record
    assert warm.slots == cold.slots


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"results": [{"id": "W1"', "unreadable JSON"),
        (b"[" * 40 + b"]" * 40, "nested deeper than 32"),
        (b'{"a":' * 40 + b"1" + b"}" * 40, "nested deeper than 32"),
        (b'{"results": {"id": "W1"}}', "'results' is not a list"),
        (b'{"results": [{"id": "W1", "locations": {}}]}', "'locations' is a JSON dict"),
        (b'{"results": [], "meta": {"count": 0}}', None),
        (b'{"error": "Invalid query parameters error.", "message": "x"}', None),
    ],
)
def test_the_door_check_for_works_answers(body: bytes, reason: str | None) -> None:
    said = json_check(works_shape)(200, {}, body)
    assert (said is None) if reason is None else (reason in (said or ""))
