"""The REST body read through PyGithub's ``Repository``: bad fields are reasons, never tracebacks.

Issue 13.3: a shown count of the wrong type must fail the answer with a
reason naming the field and the value, so the slot keeps its last good
value (stale) instead of a null or a traceback. PyGithub checks JSON types;
null, missing, negative and boolean counts are refused on top of that.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from enrich.sources.github._answers import UnusableAnswer
from enrich.sources.github._rest import record_from_rest
from tests.fakes.hostile import MISSING, repository

COUNTS = ("stargazers_count", "forks_count", "subscribers_count", "open_issues_count")
WRONG = [
    ("lots", "Input should be a valid integer (got 'lots')"),
    (12.5, "Input should be a valid integer (got 12.5)"),
    (math.inf, "Input should be a valid integer (got inf)"),  # sent as 1e999
    (None, "Input should be a valid integer (got None)"),
    (MISSING, "Field required"),
    (-1, "Input should be greater than or equal to 0 (got -1)"),
    (True, "Input should be a valid integer (got True)"),
]


def _answer(**changes: Any) -> Any:
    """The body as the door hands it over: parsed from JSON text, infinity written 1e999."""
    return json.loads(json.dumps(repository("r", **changes)).replace("Infinity", "1e999"))


@pytest.mark.parametrize("field", COUNTS)
@pytest.mark.parametrize(("value", "reason"), WRONG)
def test_every_wrong_count_is_an_unusable_answer_naming_field_and_value(
    field: str, value: Any, reason: str
) -> None:
    with pytest.raises(UnusableAnswer) as caught:
        record_from_rest(_answer(**{field: value}))
    assert str(caught.value) == f"{field}: {reason}"


def test_every_bad_field_is_counted_and_the_first_three_named() -> None:
    raw = _answer(stargazers_count="lots", forks_count=None, id=True, topics="a,b", fork="no")
    with pytest.raises(UnusableAnswer) as caught:
        record_from_rest(raw)
    assert str(caught.value) == (
        "id: Input should be a valid integer (got True); "
        "stargazers_count: Input should be a valid integer (got 'lots'); "
        "forks_count: Input should be a valid integer (got None); and 2 more"
    )


def test_a_license_without_spdx_id_is_never_fetched_lazily() -> None:
    # PyGithub completes a nested object by GETting its url; here that would
    # try the network (blocked in tests) instead of answering "no license".
    held = {"key": "mit", "name": "MIT", "url": "http://127.0.0.1:9/licenses/mit"}
    record = record_from_rest(repository("r", license=held))
    assert (record.license, record.stars) == (None, 10)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"license": {"spdx_id": 7}}, "license.spdx_id: Input should be a valid string (got 7)"),
        ({"license": ["MIT"]}, "license: Input should be an object (got ['MIT'])"),
        ({"full_name": MISSING}, "full_name: Field required"),
        ({"full_name": "a/b/c"}, "full_name: Input should be owner/name (got 'a/b/c')"),
        ({"size": False}, "size: Input should be a valid integer (got False)"),
        ({"disabled": "yes"}, "disabled: Input should be a valid boolean (got 'yes')"),
        ({"created_at": "soon"}, "created_at: Input could not be read"),
        ({"pushed_at": 20210102}, "pushed_at: Input should be a valid string (got 20210102)"),
    ],
)
def test_other_bad_fields_name_the_field(changes: dict[str, Any], reason: str) -> None:
    with pytest.raises(UnusableAnswer) as caught:
        record_from_rest(repository("r", **changes))
    assert str(caught.value).startswith(reason)


@pytest.mark.parametrize("changes", [{"url": 5}, {"owner": 5}, {"owner": "login"}])
def test_an_unreadable_url_or_owner_without_full_name_is_unusable(
    changes: dict[str, Any],
) -> None:
    with pytest.raises(UnusableAnswer, match="url/owner"):
        record_from_rest(repository("r", full_name=MISSING, **changes))


def test_a_full_answer_maps_every_field() -> None:
    raw = repository(
        "r",
        disabled=True,
        size=0,
        homepage="",
        topics=["b", "a"],
        license={"spdx_id": "NOASSERTION"},
    )
    record = record_from_rest(raw)
    assert record.model_dump(exclude_none=True) == {
        "repo_id": 1001,
        "full_name": "hostile/r",
        "url": "https://github.com/hostile/r",
        "stars": 10,
        "forks": 3,
        "watchers": 2,
        "open_issues": 1,
        "description": "a hostile repository",
        "topics": ("a", "b"),
        "language": "Python",
        "archived": False,
        "disabled": True,
        "empty": True,
        "fork": False,
        "created": "2021-01-01T00:00:00Z",
        "pushed": "2021-01-02T00:00:00Z",
    }
