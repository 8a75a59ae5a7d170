"""The sources against the hostile fake on 127.0.0.1: one bad answer costs one slot (issue 13).

Each source reads real HTTP answers through the real door. A payload built
to break a parser gives that entry an ``error`` slot with the reason (or a
dropped value with a warning), the other entries go on, and the pipeline's
merge keeps the last good values, stale. Bombs, endless bodies and huge
headers are left to the end-to-end test, which runs in a subprocess under a
memory limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from enrich.assembly import build_door
from enrich.models import (
    GithubRecord,
    GithubSlot,
    PageSlot,
    SlotStatus,
)
from enrich.pipeline.merge import keep_last_good
from enrich.settings import Settings
from enrich.sources.arxiv import ArxivSettings, ArxivSource
from enrich.sources.github import GithubSettings, GithubSource
from enrich.sources.interface import Hint, SourceOutcome, Target
from enrich.sources.pages import PagesSource
from tests.fakes.hostile import (
    ARXIV_IDS,
    DEEP_ANSWER_NAME,
    OWNER,
    RATE_LIMIT_NAME,
    HostileServer,
)

TOKEN = "hostile-token"
PARSER_PAGES = ("bad-base", "bad-og-image", "bad-refresh", "bad-links", "deep-json-ld", "utf-7")
PARSER_FEEDS = (
    "total-digits",
    "total-superscript",
    "version-digits",
    "deep-xml",
    "entity-bomb",
    "external-entity",
    "not-xml",
)
WRONG_TYPES = ("stars-lots", "stars-float", "stars-huge", "stars-null", "stars-missing")


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


@pytest.fixture
def settings(hostile: HostileServer, tmp_path: Path) -> Settings:
    return Settings(
        cache_dir=tmp_path / "cache",
        allow_private_hosts=True,
        max_attempts=1,
        max_retry_wait=0.5,
        read_timeout=2.0,
        sources=(
            ArxivSettings(api_url=hostile.arxiv_url, delay=0.0),
            GithubSettings(api_url=hostile.github_api_url, graphql_url=hostile.graphql_url),
        ),
    )


def target(key: str, value: str, method: str) -> Target:
    return Target(
        key=key, file="hostile.md", line=3, title="A hostile paper", hints=(Hint(value, method),)
    )


# --------------------------------------------------------------------------- pages


def check_pages(
    settings: Settings, names: tuple[str, ...], hostile: HostileServer
) -> SourceOutcome[PageSlot]:
    targets = [target(name, hostile.page_url(name), "project_page_link") for name in names]
    with build_door(settings, sleep=lambda _: None, backoff=0.0) as door:
        return PagesSource(door, settings).check(targets, {})


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("bad-base", "<base href> 'http://[x/' is not a valid URL"),
        ("bad-og-image", "og:image 'http://[x/' is not a valid URL"),
        ("bad-refresh", "meta refresh target 'http://[x/' is not a valid URL"),
        ("bad-links", "2 link(s) are not valid URLs"),
        ("deep-json-ld", "JSON-LD nested deeper than"),
        ("utf-7", "charset utf-7 refused"),
    ],
)
def test_a_page_built_to_break_the_parser_is_read_and_the_problem_warned(
    settings: Settings, hostile: HostileServer, name: str, problem: str
) -> None:
    outcome = check_pages(settings, (name,), hostile)
    slot = outcome.slots[name]
    assert slot.status is SlotStatus.OK and slot.record is not None
    assert "<script>" not in (slot.record.title or "")
    messages = [w.message for w in outcome.warnings if w.entry_id == name and w.line == 3]
    assert any(problem in message for message in messages), messages


def test_every_parser_payload_at_once_gives_every_entry_its_slot(
    settings: Settings, hostile: HostileServer
) -> None:
    outcome = check_pages(settings, PARSER_PAGES, hostile)
    assert sorted(outcome.slots) == sorted(PARSER_PAGES)
    assert {slot.status for slot in outcome.slots.values()} == {SlotStatus.OK}


def test_a_page_whose_reading_raises_is_an_error_slot_and_the_others_go_on(
    settings: Settings, hostile: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The guard is under test, so a parser defect is simulated for one page only.
    import enrich.sources.pages._meta as reader  # judge() imports parse_page from it per page

    real = reader.parse_page

    def defective(body: bytes, content_type: str | None, url: str, **options: bool) -> object:
        if url.endswith("/bad-base"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(body, content_type, url, **options)

    monkeypatch.setattr(reader, "parse_page", defective)
    outcome = check_pages(settings, ("bad-base", "utf-7"), hostile)
    broken = outcome.slots["bad-base"]
    assert broken.status is SlotStatus.ERROR
    assert broken.reason == (
        f"could not read the page {hostile.page_url('bad-base')}: "
        "RecursionError: maximum recursion depth exceeded"
    )
    assert outcome.slots["utf-7"].status is SlotStatus.OK
    assert any(broken.reason in w.message for w in outcome.warnings)


# --------------------------------------------------------------------------- GitHub


def resolve_github(settings: Settings, names: tuple[str, ...]) -> SourceOutcome[GithubSlot]:
    targets = [target(name, f"https://github.com/{OWNER}/{name}", "code_link") for name in names]
    with build_door(settings, sleep=lambda _: None, backoff=0.0) as door:
        return GithubSource(door, settings).resolve(targets)


LAST_GOOD = GithubSlot(
    status=SlotStatus.OK,
    record=GithubRecord(
        full_name=f"{OWNER}/x", url=f"https://github.com/{OWNER}/x", stars=7, forks=1
    ),
)


@pytest.mark.parametrize("name", WRONG_TYPES)
def test_a_rest_count_of_the_wrong_type_keeps_the_last_good_value_stale(
    settings: Settings, name: str
) -> None:
    slot = resolve_github(settings, (name,)).slots[name]
    assert slot.status is SlotStatus.ERROR and slot.record is None
    assert slot.reason is not None and "stargazers_count" in slot.reason
    merged = keep_last_good(slot, LAST_GOOD, "2026-11-29")
    assert merged.status is SlotStatus.STALE
    assert isinstance(merged, GithubSlot) and merged.record == LAST_GOOD.record
    assert (merged.stale_since, merged.reason) == ("2026-11-29", slot.reason)


def test_unusable_rest_answers_fail_their_repository_only(settings: Settings) -> None:
    names = ("topics-string", "not-an-object", "deep-json", "not-json", "stars-lots")
    outcome = resolve_github(settings, names)
    assert {n: s.status for n, s in outcome.slots.items()} == dict.fromkeys(names, SlotStatus.ERROR)
    reasons = {n: s.reason or "" for n, s in outcome.slots.items()}
    assert "topics" in reasons["topics-string"]
    assert "expected a JSON object" in reasons["not-an-object"]
    assert "not JSON" in reasons["not-json"]


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("topics-list", "repositoryTopics"),
        ("no-name", "nameWithOwner"),
        ("description-number", "description"),
        ("stars-string", "stargazerCount"),
        ("watchers-null", "watchers"),
        ("node-a-list", "expected a JSON object"),
    ],
)
def test_a_graphql_node_of_the_wrong_shape_fails_that_repository_only(
    settings: Settings, name: str, field: str
) -> None:
    outcome = resolve_github(
        settings.with_source(GithubSettings, token=TOKEN), ("fine", name, "license-other")
    )
    assert outcome.slots["fine"].status is SlotStatus.OK
    assert outcome.slots[name].status is SlotStatus.ERROR
    assert field in (outcome.slots[name].reason or "")
    other = outcome.slots["license-other"]
    assert other.record is not None and other.record.license is None  # NOASSERTION is no license


# --------------------------------------------------------------------------- arXiv


def arxiv_id(name: str) -> str:
    return next(arxiv_id for arxiv_id, payload in ARXIV_IDS.items() if payload == name)


@pytest.mark.parametrize(
    ("name", "status", "reason"),
    [
        ("total-digits", SlotStatus.OK, None),
        ("total-superscript", SlotStatus.OK, None),
        ("version-digits", SlotStatus.ERROR, "1 unusable entry"),  # not "not on arXiv"
        ("deep-xml", SlotStatus.ERROR, "not XML"),
        ("entity-bomb", SlotStatus.ERROR, "amplification"),  # libxml2 refuses to expand it
        ("external-entity", SlotStatus.NOT_FOUND, None),  # never fetched: a feed without entries
        ("not-xml", SlotStatus.ERROR, "not XML"),
    ],
)
def test_an_arxiv_feed_built_to_break_the_parser_costs_its_slot_only(
    settings: Settings, name: str, status: SlotStatus, reason: str | None
) -> None:
    paper = target(name, f"https://arxiv.org/abs/{arxiv_id(name)}", "link")
    with build_door(settings, sleep=lambda _: None, backoff=0.0) as door:
        slot = ArxivSource(door, settings).resolve([paper]).slots[name]
    assert slot.status is status, slot.reason
    if reason is not None:
        assert reason in (slot.reason or "")
    if status is SlotStatus.OK:
        assert slot.record is not None and slot.record.id == arxiv_id(name)


def test_graphql_rate_limit_spelled_rate_limit_stops_github_for_the_run(
    settings: Settings, hostile: HostileServer
) -> None:
    """Issue 12: ``RATE_LIMIT`` as well as ``RATE_LIMITED`` is a spent quota, not 60 failures."""
    names = (RATE_LIMIT_NAME, *(f"repo-{i}" for i in range(59)))
    sent = hostile.paths.count("/github/graphql")
    outcome = resolve_github(settings.with_source(GithubSettings, token=TOKEN), names)
    assert hostile.paths.count("/github/graphql") - sent == 1  # the second batch is not sent
    assert {slot.status for slot in outcome.slots.values()} == {SlotStatus.SKIPPED}
    reasons = {slot.reason for slot in outcome.slots.values()}
    assert reasons == {"GitHub GraphQL quota spent: API rate limit exceeded for user ID 1."}


def test_a_graphql_answer_nested_200000_deep_fails_its_batch_only(settings: Settings) -> None:
    outcome = resolve_github(
        settings.with_source(GithubSettings, token=TOKEN), (DEEP_ANSWER_NAME, "fine")
    )
    assert {slot.status for slot in outcome.slots.values()} == {SlotStatus.ERROR}
    assert {slot.reason for slot in outcome.slots.values()} == {"GraphQL answer is not JSON"}
