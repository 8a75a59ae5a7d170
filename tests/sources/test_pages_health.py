"""Verdicts from responses and errors, and the consecutive-failure streak."""

from __future__ import annotations

import pytest

from enrich.errors import NetworkError, RetriesExhausted, UnsafeURL
from enrich.http.types import Response
from enrich.models import PageHealth, PageRecord
from enrich.sources.pages._health import (
    Streak,
    Verdict,
    classify_error,
    classify_response,
    next_streak,
    same_page,
)
from enrich.sources.pages._meta import parse_page
from enrich.sources.pages._page import looks_like_html
from tests.fakes.pages import CHALLENGE_PAGE, PARKED_PAGE, SOFT_404_PAGE, html_page

URL = "https://lab.example.org/avatar/"


def response(
    body: str | bytes = "",
    *,
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    url: str = URL,
    final_url: str | None = None,
    redirects: tuple[tuple[int, str], ...] = (),
) -> Response:
    data = body.encode() if isinstance(body, str) else body
    return Response(
        service="pages",
        method="GET",
        url=url,
        final_url=final_url or url,
        status=status,
        headers={"content-type": content_type},
        body=data,
        redirects=redirects,
    )


def verdict_of(answer: Response) -> Verdict:
    html = looks_like_html(answer.header("content-type"), answer.body)
    meta = (
        parse_page(answer.body, answer.header("content-type"), answer.final_url) if html else None
    )
    return classify_response(answer, meta, html)


@pytest.mark.parametrize(
    ("status", "health"),
    [
        (200, PageHealth.OK),
        (401, PageHealth.BLOCKED),
        (403, PageHealth.BLOCKED),
        (429, PageHealth.BLOCKED),
        (404, PageHealth.BROKEN),
        (410, PageHealth.BROKEN),
        (400, PageHealth.BROKEN),
        (500, PageHealth.FAILING),
        (503, PageHealth.FAILING),
    ],
)
def test_status_codes(status: int, health: PageHealth) -> None:
    assert verdict_of(response(html_page("Avatar"), status=status)).health is health


def test_content_verdicts() -> None:
    assert verdict_of(response(CHALLENGE_PAGE, status=200)) == Verdict(
        PageHealth.BLOCKED, "a bot challenge page (Just a moment...)"
    )
    assert verdict_of(response(PARKED_PAGE)) == Verdict(
        PageHealth.SOFT_404, "a parked domain ('This domain is for sale')"
    )
    assert verdict_of(response(SOFT_404_PAGE)) == Verdict(
        PageHealth.SOFT_404, "answers 200 but its title says 'Page not found · GitHub Pages'"
    )
    captcha = "<html><title>Check</title><body>Please complete the CAPTCHA below</body></html>"
    assert verdict_of(response(captcha)).health is PageHealth.BLOCKED
    gone = "<html><title>Lab</title><body><p>This project is no longer available.</p></body></html>"
    assert verdict_of(response(gone)).health is PageHealth.SOFT_404


def test_long_pages_mentioning_not_found_or_captcha_are_fine() -> None:
    text = "<p>" + "We study talking heads. " * 100 + "Keypoints not found are dropped.</p>"
    form = '<form><div class="g-recaptcha"></div></form>'
    page = html_page("Avatar", body=text + form)
    assert verdict_of(response(page)) == Verdict(PageHealth.OK, "HTTP 200")


def test_cloudflare_scripts_on_normal_pages_are_not_a_challenge() -> None:
    script = '<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>'
    assert verdict_of(response(html_page("Avatar", body=script))).health is PageHealth.OK


def test_not_html() -> None:
    pdf = response(b"%PDF-1.4", content_type="application/pdf")
    assert verdict_of(pdf) == Verdict(PageHealth.NOT_HTML, "not an HTML page (application/pdf)")


def test_redirects() -> None:
    page = html_page("Avatar")
    new = "https://avatar.example.org/"
    moved = response(page, final_url=new, redirects=((301, URL),))
    assert verdict_of(moved) == Verdict(PageHealth.MOVED, f"moved permanently to {new}", new)
    chain = ((302, URL), (308, "https://lab.example.org/tmp"))
    assert verdict_of(response(page, final_url=new, redirects=chain)).health is PageHealth.MOVED
    temporary = response(page, final_url=new, redirects=((302, URL),))
    assert verdict_of(temporary).health is PageHealth.OK
    slash = response(page, url=URL.rstrip("/"), final_url=URL, redirects=((301, URL.rstrip("/")),))
    assert verdict_of(slash).health is PageHealth.OK
    home = response(page, final_url="https://lab.example.org/", redirects=((301, URL),))
    assert verdict_of(home).health is PageHealth.SOFT_404


def test_same_page() -> None:
    assert same_page("https://A.org/x/", "https://a.org/x#top")
    assert not same_page("http://a.org/x", "https://a.org/x")


@pytest.mark.parametrize(
    ("error", "health"),
    [
        (UnsafeURL("pages", "http://127.0.0.1/", "loopback address"), PageHealth.UNSAFE),
        (RetriesExhausted("pages", URL, "HTTP 503", status=503, attempts=3), PageHealth.FAILING),
        (RetriesExhausted("pages", URL, "HTTP 429", status=429, attempts=3), PageHealth.BLOCKED),
        (RetriesExhausted("pages", URL, "read timeout", attempts=3), PageHealth.FAILING),
        (NetworkError("pages", URL, "redirect loop"), PageHealth.FAILING),
        (
            NetworkError(
                "pages", URL, "gave up: ConnectError: [Errno -2] Name or service not known"
            ),
            PageHealth.BROKEN,
        ),
    ],
)
def test_errors(error: NetworkError, health: PageHealth) -> None:
    assert classify_error(error).health is health


def record(health: PageHealth, failures: int = 0, since: str | None = None) -> PageRecord:
    return PageRecord(
        url=URL,
        health=health,
        consecutive_failures=failures,
        failing_since=since,
        dead=failures >= 3,
    )


def test_streak_grows_to_dead_and_resets() -> None:
    first = next_streak(PageHealth.BROKEN, None, "2025-01-01", 3)
    assert first == Streak(1, "2025-01-01", False)
    second = next_streak(
        PageHealth.FAILING, record(PageHealth.BROKEN, 1, "2025-01-01"), "2025-01-02", 3
    )
    assert second == Streak(2, "2025-01-01", False)
    third = next_streak(
        PageHealth.SOFT_404, record(PageHealth.FAILING, 2, "2025-01-01"), "2025-01-03", 3
    )
    assert third == Streak(3, "2025-01-01", True)
    healed = next_streak(
        PageHealth.MOVED, record(PageHealth.BROKEN, 3, "2025-01-01"), "2025-01-04", 3
    )
    assert healed == Streak()


def test_blocked_neither_counts_nor_resets_and_is_never_dead() -> None:
    before = record(PageHealth.BROKEN, 3, "2025-01-01")
    assert next_streak(PageHealth.BLOCKED, before, "2025-01-04", 3) == Streak(
        3, "2025-01-01", False
    )
    assert next_streak(PageHealth.BLOCKED, None, "2025-01-04", 3) == Streak()


def test_a_cached_answer_is_not_a_new_failure() -> None:
    before = record(PageHealth.BROKEN, 1, "2025-01-01")
    kept = next_streak(PageHealth.BROKEN, before, "2025-01-02", 3, observed=False)
    assert kept == Streak(1, "2025-01-01", False)


@pytest.mark.parametrize(
    ("title", "health"),
    [
        ("Project 404: Talking Heads From Audio", PageHealth.OK),  # found by benchmarks.peers
        ("HRNet-404 | Lab of Vision", PageHealth.OK),
        ("404", PageHealth.SOFT_404),
        ("Oops! 404", PageHealth.SOFT_404),
        ("Error 404 | Lab of Vision", PageHealth.SOFT_404),
        ("404 error - Lab of Vision", PageHealth.SOFT_404),
    ],
)
def test_404_in_a_title_means_gone_only_when_it_is_the_message(
    title: str, health: PageHealth
) -> None:
    body = html_page(title, body="<p>" + "Talking heads from audio, with videos. " * 60 + "</p>")
    assert verdict_of(response(body)).health is health


@pytest.mark.parametrize(
    "text",
    [
        "THIS DOMAIN IS FOR SALE",
        "Buy this Domain today",
        "Parked FREE, courtesy of GoDaddy",
        "see SEDOPARKING.COM",
        "hugedomains.com",
        "This domain name has expired",
        "Kelvin: \u212a and long s: \u017fedoparking.com",  # folded by re.IGNORECASE too
        "Talking heads from audio. " * 100,
        "",
    ],
)
def test_the_parked_shortcut_finds_what_the_expression_finds(text: str) -> None:
    from enrich.sources.pages._health import _PARKED, _parked

    found, shortcut = _PARKED.search(text), _parked(text)
    assert (shortcut.group(0) if shortcut else None) == (found.group(0) if found else None)
