"""The pages source end to end: real door, real HTTP, a fake web host on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from enrich.assembly import build_door
from enrich.models import (
    DataWarning,
    PageHealth,
    PageRecord,
    PageSlot,
    Provenance,
    SlotStatus,
    WarningKind,
)
from enrich.settings import Freshness, Settings
from enrich.sources.interface import Hint, SourceOutcome, Target
from enrich.sources.pages import PagesSettings, PagesSource
from tests.fakes.network import MappedNetwork, mapped_wire
from tests.fakes.pages import (
    FakeWebHost,
    fixed,
    html_page,
    register_standard_pages,
    static,
)

pytestmark = pytest.mark.slow  # waits on slow fake hosts: scheduled first (tests/conftest.py)

TODAY = "2025-03-01"


@pytest.fixture(scope="module")
def host() -> Iterator[FakeWebHost]:
    with FakeWebHost() as running:
        yield running


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        cache_dir=tmp_path / "cache",
        allow_private_hosts=True,
        connect_timeout=2.0,  # no page of these tests may time out, even on a loaded machine
        read_timeout=2.0,
        max_attempts=2,
        max_retry_wait=1.0,
        sources=(PagesSettings(max_bytes=100_000),),
    )


def no_sleep(seconds: float) -> None:
    """Retries wait for nothing: the tests check outcomes, not backoff."""


def target(url: str, key: str = "e1", method: str = "project_page_link") -> Target:
    return Target(key=key, file="list.md", line=7, title="Avatar", hints=(Hint(url, method),))


def check(
    settings: Settings,
    *targets: Target,
    previous: Mapping[str, PageRecord] | None = None,
    today: str = TODAY,
) -> SourceOutcome[PageSlot]:
    with build_door(settings, sleep=no_sleep) as door:
        return PagesSource(door, settings, today=lambda: today).check(targets, previous or {})


def only_slot(outcome: SourceOutcome[PageSlot]) -> PageSlot:
    (slot,) = outcome.slots.values()
    return slot


def provenance(url: str, method: str = "project_page_link") -> Provenance:
    return Provenance(method=method, source_url=url)


def test_a_healthy_page_is_read_whole(host: FakeWebHost, settings: Settings) -> None:
    url = host.add_page(
        "/avatar/",
        "Avatar: Talking Heads",
        description="Audio-driven portraits.",
        image="teaser.jpg",
        links=(
            "https://arxiv.org/abs/2301.00002v2",
            "https://github.com/lab/avatar",
            "https://github.com/lab",
            "https://lab.github.io/other/",
        ),
    )
    outcome = check(settings, target(url))
    assert outcome.slots == {
        "e1": PageSlot(
            status=SlotStatus.OK,
            provenance=provenance(url),
            record=PageRecord(
                url=url,
                final_url=url,
                status_code=200,
                content_type="text/html",
                title="Avatar: Talking Heads",
                description="Audio-driven portraits.",
                image=url + "teaser.jpg",
                health=PageHealth.OK,
                arxiv_ids=("2301.00002",),
                github_repos=("lab/avatar",),
            ),
        )
    }
    assert outcome.warnings == ()
    assert outcome.discovered == {
        "e1": (
            Hint("2301.00002", "project_page"),
            Hint("https://github.com/lab/avatar", "project_page"),
        )
    }
    assert host.requests[-1].headers["User-Agent"] == settings.user_agent


def test_404_is_broken_but_not_yet_dead(host: FakeWebHost, settings: Settings) -> None:
    url = host.add_status("/gone-404", 404, "<title>404 Not Found</title>")
    slot = only_slot(outcome := check(settings, target(url)))
    assert slot == PageSlot(
        status=SlotStatus.OK,
        provenance=provenance(url),
        reason="HTTP 404",
        record=PageRecord(
            url=url,
            final_url=url,
            status_code=404,
            content_type="text/html",
            health=PageHealth.BROKEN,
            failing_since=TODAY,
            consecutive_failures=1,
        ),
    )
    assert outcome.warnings == ()  # one bad night is not news


def test_500_then_200_is_ok(host: FakeWebHost, settings: Settings) -> None:
    url = host.add_flaky("/flaky", html_page("Back again"))
    record = only_slot(check(settings, target(url))).record
    assert record is not None
    assert (record.health, record.status_code, record.title) == (PageHealth.OK, 200, "Back again")
    assert host.count("/flaky") == 2


def test_a_timeout_is_failing(host: FakeWebHost, settings: Settings) -> None:
    settings = settings.with_overrides(read_timeout=0.3)
    url = host.add_slow("/slow", delay=1.0)
    slot = only_slot(check(settings, target(url)))
    assert slot.record is not None
    assert (slot.record.health, slot.record.status_code, slot.record.consecutive_failures) == (
        PageHealth.FAILING,
        None,
        1,
    )
    assert slot.reason is not None and "ReadTimeout" in slot.reason
    assert host.count("/slow") == settings.max_attempts


def test_a_permanent_redirect_chain_is_moved(host: FakeWebHost, settings: Settings) -> None:
    final = host.add_page("/new/home/", "New home", links=("https://github.com/lab/new",))
    url = host.add_redirect_chain(["/old", "/interim", "/new/home/"], [301, 302])
    outcome = check(settings, target(url))
    slot = only_slot(outcome)
    assert slot == PageSlot(
        status=SlotStatus.OK,
        provenance=provenance(url),
        reason=f"moved permanently to {final}",
        record=PageRecord(
            url=url,
            final_url=final,
            status_code=200,
            content_type="text/html",
            title="New home",
            health=PageHealth.MOVED,
            github_repos=("lab/new",),
        ),
    )
    assert outcome.warnings == (
        DataWarning(
            kind=WarningKind.PAGE,
            file="list.md",
            line=7,
            entry_id="e1",
            message=f"{url} moved permanently: link {final} instead",
        ),
    )


def test_a_meta_refresh_to_a_new_home_is_moved(host: FakeWebHost, settings: Settings) -> None:
    new = "https://avatar.example.org/"
    refresh = f'<meta http-equiv="refresh" content="0; url={new}">'
    url = host.add_html("/refreshing/", html_page("Moved", extra_head=refresh))
    outcome = check(settings, target(url))
    slot = only_slot(outcome)
    assert slot.record is not None
    assert (slot.record.health, slot.record.final_url) == (PageHealth.MOVED, url)
    assert [w.message for w in outcome.warnings] == [f"{url} moved permanently: link {new} instead"]


def test_a_temporary_redirect_is_not_a_move(host: FakeWebHost, settings: Settings) -> None:
    host.add_page("/temp/target", "Target")
    url = host.add_redirect("/temp/start", "/temp/target", 302)
    record = only_slot(check(settings, target(url))).record
    assert record is not None and record.health is PageHealth.OK


def test_a_redirect_loop_is_failing(host: FakeWebHost, settings: Settings) -> None:
    url = host.add_loop("/loop-a", "/loop-b")
    slot = only_slot(check(settings, target(url)))
    assert slot.record is not None and slot.record.health is PageHealth.FAILING
    assert slot.reason is not None and slot.reason.startswith("redirect loop")


def test_a_huge_body_still_gets_a_verdict(host: FakeWebHost, settings: Settings) -> None:
    url = host.add_huge("/huge", size=5_000_000, title="Huge page")
    record = only_slot(check(settings, target(url))).record
    assert record is not None
    assert (record.health, record.title, record.status_code) == (PageHealth.OK, "Huge page", 200)


def test_a_pdf_is_not_html(host: FakeWebHost, settings: Settings) -> None:
    url = host.add_pdf("/paper.pdf")
    outcome = check(settings, target(url), target(url, key="tool", method="link"))
    record = outcome.slots["e1"].record
    assert record is not None
    assert (record.health, record.content_type, record.title) == (
        PageHealth.NOT_HTML,
        "application/pdf",
        None,
    )
    # A project page that is a PDF is worth a warning; a tool's PDF link is not.
    assert [w.entry_id for w in outcome.warnings] == ["e1"]
    assert host.count("/paper.pdf") == 1  # one fetch for both entries


@pytest.mark.parametrize(
    ("encoding", "declare", "title"),
    [
        ("shift_jis", "header", "音声駆動の顔アニメーション"),
        ("shift_jis", "meta", "音声駆動の顔アニメーション"),
        ("iso-8859-1", "header", "Réseaux de neurones: visages animés"),
    ],
)
def test_non_utf8_pages_get_their_real_title(
    host: FakeWebHost, settings: Settings, encoding: str, declare: str, title: str
) -> None:
    url = host.add_encoded(f"/enc-{encoding}-{declare}", title, encoding, declare=declare)
    record = only_slot(check(settings, target(url))).record
    assert record is not None and (record.health, record.title) == (PageHealth.OK, title)


def test_soft_404_and_parked_domains(host: FakeWebHost, settings: Settings) -> None:
    soft = host.add_soft_404("/soft")
    parked = host.add_parked("/parked")
    outcome = check(settings, target(soft, "soft"), target(parked, "parked"))
    healths = {key: slot.record.health for key, slot in outcome.slots.items() if slot.record}
    assert healths == {"soft": PageHealth.SOFT_404, "parked": PageHealth.SOFT_404}
    assert [w.message for w in outcome.warnings] == [
        f"{soft} looks gone: answers 200 but its title says 'Page not found · GitHub Pages'",
        f"{parked} looks gone: a parked domain ('This domain is for sale')",
    ]
    assert outcome.discovered == {}


def test_blocked_is_never_dead(host: FakeWebHost, settings: Settings) -> None:
    url = host.add_challenge("/challenge", status=403)
    previous: dict[str, PageRecord] = {}
    for day in ("2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"):
        outcome = check(settings, target(url), previous=previous, today=day)
        record = only_slot(outcome).record
        assert record is not None
        previous = {"e1": record}
    assert (record.health, record.dead, record.consecutive_failures) == (
        PageHealth.BLOCKED,
        False,
        0,
    )
    assert only_slot(outcome).reason == "HTTP 403: a bot challenge"
    assert outcome.warnings == ()


def test_dead_after_three_failing_runs_and_reset_on_success(
    host: FakeWebHost, settings: Settings
) -> None:
    not_found = fixed(404, b"<title>Not Found</title>", "text/html")
    page = static(html_page("Alive again").encode(), "text/html; charset=utf-8")
    url = host.add("/flapping", not_found, not_found, not_found, page)
    settings = replace(settings, freshness=Freshness(not_found=0)).with_source(
        PagesSettings, freshness=0
    )
    previous: dict[str, PageRecord] = {}
    seen = []
    for day in ("2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"):
        outcome = check(settings, target(url), previous=previous, today=day)
        record = only_slot(outcome).record
        assert record is not None
        previous = {"e1": record}
        seen.append((record.health, record.consecutive_failures, record.failing_since, record.dead))
        if day == "2025-03-03":
            assert [w.message for w in outcome.warnings] == [
                f"{url} looks dead: broken on 3 consecutive runs since 2025-03-01 (HTTP 404)"
            ]
    assert seen == [
        (PageHealth.BROKEN, 1, "2025-03-01", False),
        (PageHealth.BROKEN, 2, "2025-03-01", False),
        (PageHealth.BROKEN, 3, "2025-03-01", True),
        (PageHealth.OK, 0, None, False),
    ]


def test_a_cached_failure_is_not_counted_twice(host: FakeWebHost, settings: Settings) -> None:
    url = host.add_status("/cached-404", 404)
    first = only_slot(check(settings, target(url), today="2025-03-01")).record
    assert first is not None
    second = only_slot(check(settings, target(url), previous={"e1": first}, today="2025-03-01"))
    assert second.record == first
    assert host.count("/cached-404") == 1


def test_loopback_is_unsafe_unless_allowed(host: FakeWebHost, settings: Settings) -> None:
    url = host.add_page("/private", "Private")
    strict = replace(settings, allow_private_hosts=False)
    outcome = check(strict, target(url), target("ftp://example.org/file", "ftp"))
    healths = {key: slot.record.health for key, slot in outcome.slots.items() if slot.record}
    assert healths == {"e1": PageHealth.UNSAFE, "ftp": PageHealth.UNSAFE}
    assert host.count("/private") == 0
    assert [w.entry_id for w in outcome.warnings] == ["e1", "ftp"]


def test_a_redirect_to_loopback_is_refused(host: FakeWebHost, settings: Settings) -> None:
    """A public page redirecting inward: the address check runs on every hop."""
    host.add_page("/private-target", "Inside")
    inward = host.add_redirect("/to-inside", host.url("/private-target"), 301)
    public_name = inward.replace("127.0.0.1", "localhost")  # "resolves" to a public address
    strict = replace(settings, allow_private_hosts=False)
    network = MappedNetwork({"93.184.215.14": "127.0.0.1"})  # the door connects where it checked
    wire = mapped_wire(strict, network)
    public = lambda name, port: ["93.184.215.14"]  # noqa: E731
    with build_door(strict, sleep=no_sleep, resolve=public, wire=wire) as door:
        outcome = PagesSource(door, strict, today=lambda: TODAY).check([target(public_name)], {})
    slot = only_slot(outcome)
    assert slot.record is not None and slot.record.health is PageHealth.UNSAFE
    assert host.count("/to-inside") == 1
    assert host.count("/private-target") == 0


def test_first_usable_hint_wins_and_none_is_unresolved(
    host: FakeWebHost, settings: Settings
) -> None:
    url = host.add_page("/homepage/", "Repo homepage")
    hints = (Hint("not a url", "project_page_link"), Hint(url, "repo_homepage"))
    nothing = Target(key="none", file="list.md", line=9)
    outcome = check(settings, Target("e1", "list.md", 7, hints=hints), nothing)
    assert outcome.slots["e1"].provenance == provenance(url, "repo_homepage")
    assert outcome.slots["none"] == PageSlot(
        status=SlotStatus.UNRESOLVED, reason="no usable page URL"
    )


def test_offline_and_not_cached_is_skipped(host: FakeWebHost, settings: Settings) -> None:
    url = host.add_page("/offline", "Offline")
    slot = only_slot(check(replace(settings, offline=True), target(url)))
    assert (slot.status, slot.record, slot.provenance) == (
        SlotStatus.SKIPPED,
        None,
        provenance(url),
    )
    assert host.count("/offline") == 0


def test_output_does_not_depend_on_completion_order(settings: Settings) -> None:
    """Later pages answer sooner, so parallel fetches finish in reverse order."""
    settings = settings.with_overrides(read_timeout=3.0)  # no page may time out, even loaded
    with FakeWebHost() as slow_host:
        urls = [
            slow_host.add_slow(f"/p{n}", delay=0.01 * (12 - n), page=html_page(f"Page {n}"))
            for n in range(12)
        ]
        targets = [target(url, key=f"e{n:02d}") for n, url in enumerate(urls)]
        serial = check(settings.with_source(PagesSettings, concurrency=1), *targets)
        assert slow_host.max_in_flight == 1
        parallel_settings = replace(
            settings, cache_dir=settings.cache_dir / "parallel"
        ).with_source(PagesSettings, concurrency=8)
        parallel = check(parallel_settings, *targets)
        # The door's per-host bound, not the 8 workers, limits one host.
        assert slow_host.max_in_flight == settings.of(PagesSettings).concurrency_per_host
    assert list(parallel.slots) == [t.key for t in targets]
    assert parallel == serial


def test_warm_runs_send_conditional_requests(settings: Settings) -> None:
    with FakeWebHost() as fresh_host:
        urls = register_standard_pages(fresh_host, 10)
        targets = [target(url, key=f"e{n}") for n, url in enumerate(urls)]
        cold = check(settings, *targets)
        assert fresh_host.count() == 10
        assert check(settings, *targets) == cold  # fresh cache: no request at all
        assert fresh_host.count() == 10
        revalidate = settings.with_source(PagesSettings, freshness=0)
        assert check(revalidate, *targets) == cold
        conditional = fresh_host.requests[10:]
        assert len(conditional) == 10
        assert all("If-None-Match" in seen.headers for seen in conditional)


def test_stored_answers_are_read_ahead_in_the_order_the_pages_are_taken(
    settings: Settings,
) -> None:
    """One query per window of pages, not one per page from each of 60 threads (12% less
    CPU for 1,000 pages): every page to check is announced before the first is asked,
    in the round-robin order the workers take them, and the validators read that way
    still make the requests conditional."""
    from enrich.sources.pages._source import interleave_by_host

    with FakeWebHost() as fresh_host:
        urls = register_standard_pages(fresh_host, 6)
        targets = [target(url, key=f"e{n}") for n, url in enumerate(urls)]
        check(settings, *targets)
        revalidate = settings.with_source(PagesSettings, freshness=0)
        announced: list[tuple[str, int]] = []
        with build_door(revalidate, sleep=no_sleep) as door:
            real = door.read_ahead

            def recorded(service: str, keys: Iterable[str] = (), urls: Iterable[Any] = ()) -> None:
                urls = list(urls)
                announced.extend((str(url), fresh_host.count()) for url in urls)
                real(service, keys, urls)

            door.read_ahead = recorded  # type: ignore[method-assign]
            PagesSource(door, revalidate, today=lambda: TODAY).check(targets, {})
        conditional = fresh_host.requests[6:]
    assert [url for url, _ in announced] == interleave_by_host(urls)
    assert all(asked_before == 6 for _, asked_before in announced)  # before any re-check
    assert len(conditional) == 6 and all("If-None-Match" in r.headers for r in conditional)


def test_urls_are_taken_round_robin_across_hosts() -> None:
    from enrich.sources.pages._source import interleave_by_host

    urls = ["http://b.io/2", "http://a.io/1", "http://a.io/3", "http://a.io/2", "http://c.io/1"]
    assert interleave_by_host(urls) == [
        "http://a.io/1",
        "http://b.io/2",
        "http://c.io/1",
        "http://a.io/2",
        "http://a.io/3",
    ]


def test_pages_on_a_host_that_outlasted_the_deadline_are_not_charged(settings: Settings) -> None:
    """Issue 21, item 11: only the page that hung is failing; the host's later pages
    were never asked, so they keep their last verdict (skipped), as in an outage."""
    from tests.fakes.hung import HungServer

    hung = HungServer().start()
    try:
        one_at_a_time = replace(settings, read_timeout=5.0).with_source(
            PagesSettings, deadline=0.4, concurrency=1, concurrency_per_host=1
        )
        first, later = hung.url("/a"), hung.url("/b")
        outcome = check(one_at_a_time, target(first, "a"), target(later, "b"))
        accepted = hung.accepted
    finally:
        hung.stop()
    hung_slot, innocent = outcome.slots["a"], outcome.slots["b"]
    assert hung_slot.record is not None and hung_slot.record.health is PageHealth.FAILING
    assert (innocent.status, innocent.record) == (SlotStatus.SKIPPED, None)
    assert innocent.reason is not None and "outlasted the deadline" in innocent.reason
    assert accepted == 1  # the later page was never sent
