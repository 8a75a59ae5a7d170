"""Hostile answers to the payload parsers (issue 13): values dropped with a reason, never raised.

Each case is one an attacker's page or a broken upstream has sent; before
the fix each raised (ValueError, RecursionError, AttributeError, KeyError,
ValidationError) out of the parser and stopped the run.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest

from enrich.sources.arxiv._feed import parse_feed
from enrich.sources.github._answers import UnusableAnswer, record_from_graphql
from enrich.sources.github._graphql import parse_response
from enrich.sources.github._rest import record_from_rest
from enrich.sources.pages._meta import MAX_JSON_LD_DEPTH, MAX_TAGS, json_depth, parse_page
from tests.fakes.hostile import (
    BOMB_EXPANDED,
    DEEP,
    GRAPHQL_NODES,
    MISSING,
    _entry,
    _feed,
    gzip_bomb,
    node,
    repository,
)

URL = "https://lab.example.org/avatar/"
HTML = "text/html; charset=utf-8"


def _page(head: str, body: str = "") -> bytes:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>".encode()


# --------------------------------------------------------------------------- pages


@pytest.mark.parametrize(
    ("head", "what"),
    [
        ('<base href="http://[x/">', "<base href>"),
        ('<meta property="og:image" content="http://[x/">', "og:image"),
        ('<meta http-equiv="refresh" content="0; url=http://[x/">', "meta refresh target"),
    ],
)
def test_an_invalid_url_is_dropped_with_a_reason(head: str, what: str) -> None:
    meta = parse_page(_page(head, '<a href="https://github.com/lab/avatar">code</a>'), HTML, URL)
    assert meta.image is None
    assert meta.refresh is None
    assert meta.github_repos == ("lab/avatar",)  # the rest of the page is still read
    assert [p for p in meta.problems if p.startswith(what) and "'http://[x/'" in p]


def test_an_invalid_base_leaves_links_relative_to_the_page() -> None:
    meta = parse_page(
        _page('<base href="http://[x/">', '<a href="paper/2301.00002">p</a>'), HTML, URL
    )
    assert meta.problems and "<base href>" in meta.problems[0]


def test_invalid_links_are_counted_not_silent() -> None:
    meta = parse_page(
        _page("", '<a href="http://[x/">x</a><a href="http://[::1/">y</a>'), HTML, URL
    )
    assert meta.problems == ("2 link(s) are not valid URLs, e.g. 'http://[x/': ignored",)


def test_json_ld_nested_200000_deep_is_refused_without_recursion() -> None:
    script = f'<script type="application/ld+json">{"[" * DEEP}{"]" * DEEP}</script>'
    meta = parse_page(_page(script), HTML, URL)
    assert meta.title == "T"
    assert meta.problems == (f"JSON-LD nested deeper than {MAX_JSON_LD_DEPTH} levels: ignored",)


def test_json_ld_depth_ignores_brackets_inside_strings() -> None:
    assert json_depth('{"a": [1, {"b": "[[[[{{{{"}]}') == 3
    assert json_depth('{"a": "\\"[[["}') == 1
    assert json_depth("[" * 70) == 70


def test_shallow_json_ld_is_still_read() -> None:
    data = json.dumps({"@graph": [{"name": "Avatar", "description": "We animate."}]})
    meta = parse_page(
        f'<html><head><script type="application/ld+json">{data}</script></head></html>'.encode(),
        HTML,
        URL,
    )
    assert (meta.title, meta.description, meta.problems) == ("Avatar", "We animate.", ())


@pytest.mark.parametrize("declared", ["header", "meta"])
def test_utf7_is_refused_as_browsers_do(declared: str) -> None:
    title = b"<title>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</title>"
    if declared == "header":
        meta = parse_page(
            b"<html><head>" + title + b"</head></html>", "text/html; charset=utf-7", URL
        )
        assert meta.problems == ("charset utf-7 refused (browsers never decode it)",)
    else:
        body = b'<html><head><meta charset="utf-7">' + title + b"</head></html>"
        meta = parse_page(body, "text/html", URL)
    assert meta.encoding != "utf-7"
    assert meta.title == "+ADw-script+AD4-alert(1)+ADw-/script+AD4-"


# --------------------------------------------------------------------------- arXiv


@pytest.mark.parametrize("total", ["9" * 5000, "\u00b2", "\u0663", "-1", "1.5"])
def test_an_unusable_total_results_is_no_count(total: str) -> None:
    result = parse_feed(_feed(total, _entry("2101.00001")).encode())
    assert result.total_results is None
    assert [r.id for r in result.records] == ["2101.00001"]


def test_a_plain_total_results_is_still_read() -> None:
    assert parse_feed(_feed("42").encode()).total_results == 42


def test_a_version_of_5000_digits_is_an_unusable_entry() -> None:
    result = parse_feed(_feed("1", _entry("2101.00001v" + "9" * 5000)).encode())
    assert (result.records, result.skipped) == ((), 1)


def test_an_id_in_other_scripts_digits_is_no_id() -> None:
    result = parse_feed(
        _feed("1", _entry("\u0662\u0661\u0660\u0664.\u0661\u0661\u0661\u0661\u0666")).encode()
    )
    assert (result.records, result.skipped) == ((), 1)


# --------------------------------------------------------------------------- GitHub REST


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("lots", "(got 'lots')"),
        (12.5, "(got 12.5)"),
        (float("inf"), "(got inf)"),
        (None, "(got None)"),
        (True, "(got True)"),
        (-3, "greater than or equal to 0"),
        (MISSING, "Field required"),
    ],
)
def test_a_count_of_the_wrong_type_fails_the_answer(value: Any, shown: str) -> None:
    with pytest.raises(UnusableAnswer) as caught:
        record_from_rest(repository("r", stargazers_count=value))
    assert str(caught.value).startswith("stargazers_count: ")
    assert shown in str(caught.value)


def test_1e999_read_from_json_fails_the_answer() -> None:
    raw = json.loads(
        json.dumps(repository("r")).replace('"stargazers_count": 10', '"stargazers_count": 1e999')
    )
    with pytest.raises(UnusableAnswer, match="stargazers_count"):
        record_from_rest(raw)


@pytest.mark.parametrize(
    "changes",
    [
        {"topics": "a,b"},
        {"full_name": 7},
        {"full_name": "no-slash"},
        {"license": "MIT"},
        {"archived": "yes"},
        {"description": ["x"]},
        {"id": "1"},
    ],
)
def test_other_fields_of_the_wrong_shape_fail_the_answer(changes: dict[str, Any]) -> None:
    with pytest.raises(UnusableAnswer, match=next(iter(changes))):
        record_from_rest(repository("r", **changes))


@pytest.mark.parametrize("raw", [[1, 2], "text", None, 3])
def test_a_body_that_is_not_an_object_fails_the_answer(raw: Any) -> None:
    with pytest.raises(UnusableAnswer, match="expected a JSON object"):
        record_from_rest(raw)


def test_a_well_typed_answer_is_a_record() -> None:
    record = record_from_rest(repository("r"))
    assert (record.full_name, record.stars, record.forks, record.license) == (
        "hostile/r",
        10,
        3,
        "MIT",
    )


# --------------------------------------------------------------------------- GitHub GraphQL


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("topics-list", "repositoryTopics"),
        ("no-name", "nameWithOwner"),
        ("description-number", "description"),
        ("stars-string", "stargazerCount"),
        ("watchers-null", "watchers"),
    ],
)
def test_a_node_of_the_wrong_shape_fails_that_repository_only(name: str, field: str) -> None:
    payload = {"data": {"r0": node("fine"), "r1": GRAPHQL_NODES[name], "r2": node("other")}}
    result = parse_response(payload, 3)
    assert sorted(result.records) == [0, 2]
    assert result.failed[1].startswith(f"unusable repository node: {field}")
    assert result.batch_error is None


def test_a_node_that_is_a_list_is_no_record_and_no_crash() -> None:
    result = parse_response({"data": {"r0": [1, 2]}}, 1)
    assert (result.records, list(result.failed)) == ({}, [0])


def test_a_well_shaped_node_is_a_record() -> None:
    record = record_from_graphql(node("fine"))
    assert (record.full_name, record.stars, record.watchers, record.topics) == (
        "hostile/fine",
        10,
        2,
        ("a",),
    )


def test_nul_characters_are_dropped_before_parsing() -> None:
    meta = parse_page(b"<title>A\0B</title>" + b"\0" * 100_000, HTML, URL)
    assert (meta.title, meta.problems) == ("AB", ())


def test_a_page_of_too_many_tags_is_read_up_to_the_bound() -> None:
    head = b'<html><head><title>T</title></head><body><a href="https://github.com/lab/avatar">c</a>'
    meta = parse_page(head + b"<i></i>" * (MAX_TAGS // 2 + 10), HTML, URL)
    assert meta.github_repos == ("lab/avatar",)
    assert meta.problems == (f"more than {MAX_TAGS:,} tags: only the page's start was read",)


def test_license_other_is_no_license() -> None:
    other = {"key": "other", "name": "Other", "spdx_id": "NOASSERTION"}
    assert record_from_rest(repository("r", license=other)).license is None
    assert record_from_graphql(node("r", licenseInfo={"spdxId": "NOASSERTION"})).license is None


def test_a_graphql_message_echoing_a_token_is_stored_masked() -> None:
    token = "ghp_" + "a1B2" * 9
    payload = {"errors": [{"type": "FORBIDDEN", "message": f"Bad header: bearer {token}"}]}
    result = parse_response(payload, 1)
    assert result.batch_error is not None and token not in result.batch_error
    assert result.batch_error.startswith("Bad header: bearer ")


@pytest.mark.parametrize("published", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"])
def test_a_date_past_the_calendar_in_utc_is_no_date(published: str) -> None:
    entry = _entry("2101.00001").replace("2021-01-01T00:00:00Z", published)
    (record,) = parse_feed(_feed("1", entry).encode()).records
    assert (record.id, record.published) == ("2101.00001", None)


def test_the_gzip_bomb_is_one_valid_member_of_the_size_it_claims() -> None:
    """The fake's bomb repeats one flushed block; gzip itself (CRC-32, length) must agree.
    Built the same way at 4 MB, so the check reads 4 MB, not the 256 MB the fake serves."""
    small = 4 * 1024 * 1024
    assert gzip.decompress(gzip_bomb(small)) == bytes(small)
    assert len(gzip_bomb()) < BOMB_EXPANDED // 1000  # the real one: over 1000 to 1
