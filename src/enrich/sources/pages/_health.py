"""Turn one fetch into a verdict a maintainer can act on, and keep the failure streak.

Link checkers that report bare status codes drown their users in false alarms:
a Cloudflare challenge is a 403 on a live page, a deleted GitHub Pages site
may answer 200 with "Page not found", an expired domain answers 200 with an
advert. This module is pure (a response or an error in, a :class:`Verdict`
out) so every rule is testable without a server.

Streak rules (:func:`next_streak`):

- ``broken``, ``failing`` and ``soft_404`` are failures, counted in UTC days,
  not runs: ``failing_since`` keeps the streak's first date and
  ``consecutive_failures`` is the number of days from it to the latest
  failing run, inclusive. A second run on the same day adds nothing, so a
  rerun with the same answers writes the same bytes and three manual runs in
  one day do not make a page dead; a night without a run between two failing
  ones counts as failing (nothing showed the page alive).
- ``ok``, ``moved`` and ``not_html`` are successes: the page answered, the
  streak resets.
- ``blocked`` and ``unsafe`` teach nothing about the page (a challenge page
  hides it; an unsafe URL is never fetched): the streak is carried over
  unchanged, neither grown nor reset, and such a page is never called dead.
- A response served from the cache without asking the server is not a new
  observation: the previous streak is kept as it was.
- A page is ``dead`` once the streak reaches ``dead_after`` days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from enrich.errors import NetworkError, RetriesExhausted, UnsafeURL
from enrich.http.types import Response
from enrich.identity.web import same_page
from enrich.models import PageHealth, PageRecord
from enrich.sources.pages._page import PageMeta

FAILURES = frozenset({PageHealth.BROKEN, PageHealth.FAILING, PageHealth.SOFT_404})
NO_EVIDENCE = frozenset({PageHealth.BLOCKED, PageHealth.UNSAFE})
PERMANENT_REDIRECTS = frozenset({301, 308})
BLOCKING_STATUSES = frozenset({401, 403, 429, 451})
GONE_STATUSES = frozenset({404, 410})
SHORT_PAGE = 1500  # visible characters; below this a page's whole text is its message

_CHALLENGE_TITLES = re.compile(
    r"^(just a moment|attention required|please wait|checking your browser|access denied"
    r"|ddos-guard|one more step|security check|are you a robot|human verification)",
    re.IGNORECASE,
)
# Markers only challenge pages carry (not the scripts CDNs add to every page).
_CHALLENGE_MARKERS = (
    "cf_chl_opt",
    "cf-browser-verification",
    "cf-challenge",
    "captcha-delivery.com",
    "_incapsula_resource",
    "px-captcha",
    "ddos-guard",
    "challenges.cloudflare.com/turnstile",
    "awswaf-captcha",
)
# One word of each of _PARKED's phrases (see _parked): keep the two lists together.
_PARKED_WORDS = ("domain", "parked", "sedoparking", "parkingcrew", "bodis", "afternic", "for sale")
_CAPTCHA = re.compile(r"captcha|verify (?:that )?you are (?:a )?human", re.IGNORECASE)
_GONE = re.compile(
    r"\b(page not found|not found|page (?:does not|doesn't|no longer) exists?"
    r"|no longer available|has been (?:removed|deleted)|there isn't a github pages site here"
    r"|(?:error|http)\W{0,3}404|404\W{0,3}error)\b",
    re.IGNORECASE,
)
# "404" alone says gone only when it is nearly all a title or heading says ("404",
# "Oops! 404", "404 page"): "Project 404: Talking Heads" is a live page's name.
_BARE_404 = re.compile(r"\b404\b")
_WORD = re.compile(r"[^\W\d_]+")
BARE_404_WORDS = 2  # other words a title or heading holding "404" may have and still mean gone
_PARKED = re.compile(
    r"(this domain (?:name )?(?:is|may be) for sale|buy this domain|domain is parked"
    r"|parked free|this domain has expired|domain (?:name )?has expired|renew this domain"
    r"|sedoparking\.com|parkingcrew\.net|bodis\.com|hugedomains\.com|afternic\.com"
    r"|dan\.com/buy-domain|is for sale!)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Verdict:
    """A page's health this run, and a sentence saying why."""

    health: PageHealth
    reason: str
    suggestion: str | None = None  # the URL to use instead (moved)


@dataclass(frozen=True)
class Streak:
    """Consecutive-failure bookkeeping carried from run to run in the PageRecord."""

    consecutive_failures: int = 0
    failing_since: str | None = None
    dead: bool = False


def classify_error(error: NetworkError) -> Verdict:
    """A verdict for a request that produced no final answer."""
    if isinstance(error, UnsafeURL):
        return Verdict(PageHealth.UNSAFE, f"refused to fetch: {error.message}")
    if isinstance(error, RetriesExhausted) and error.status in BLOCKING_STATUSES:
        return Verdict(PageHealth.BLOCKED, f"HTTP {error.status} on every attempt")
    if _is_dns_failure(error.message):
        return Verdict(PageHealth.BROKEN, f"the host does not resolve: {error.message}")
    return Verdict(PageHealth.FAILING, f"{error.message} ({error.attempts} attempt(s))")


def _is_dns_failure(message: str) -> bool:
    lowered = message.lower()
    markers = (
        "name or service not known",
        "nodename nor servname",
        "getaddrinfo",
        "temporary failure in name resolution",
        "no address associated with hostname",
        "cannot resolve",
    )
    return any(marker in lowered for marker in markers)


def classify_response(response: Response, meta: PageMeta | None, html: bool) -> Verdict:
    """A verdict for a final answer; ``meta`` is the parsed page when it is HTML."""
    status = response.status
    if status in BLOCKING_STATUSES:
        what = "a bot challenge" if is_challenge(response.body) else "refuses automated requests"
        return Verdict(PageHealth.BLOCKED, f"HTTP {status}: {what}")
    if status in GONE_STATUSES:
        return Verdict(PageHealth.BROKEN, f"HTTP {status}")
    if status >= 500:
        return Verdict(PageHealth.FAILING, f"HTTP {status}")
    if status >= 400:
        return Verdict(PageHealth.BROKEN, f"HTTP {status}")
    if not html:
        kind = response.header("content-type") or "no content type"
        return Verdict(PageHealth.NOT_HTML, f"not an HTML page ({kind.split(';')[0]})")
    if meta is not None:
        content = content_verdict(meta, response.body)
        if content is not None:
            return content
    moved = redirect_verdict(response) or (refresh_verdict(response, meta) if meta else None)
    return moved or Verdict(PageHealth.OK, f"HTTP {status}")


def content_verdict(meta: PageMeta, body: bytes) -> Verdict | None:
    """``blocked`` for a bot challenge, ``soft_404`` for a gone or parked page, else ``None``."""
    title = meta.title or ""
    short = len(meta.text) < SHORT_PAGE
    raw = _raw(body)
    if _CHALLENGE_TITLES.match(title) or is_challenge(body):
        return Verdict(PageHealth.BLOCKED, f"a bot challenge page ({title or 'no title'})")
    if short and _CAPTCHA.search(meta.text):
        return Verdict(PageHealth.BLOCKED, "a captcha page")
    parked = _parked(meta.text) or _parked(raw)
    if parked:
        return Verdict(PageHealth.SOFT_404, f"a parked domain ({parked.group(0)!r})")
    for label, text in (("title", title), ("heading", meta.heading or "")):
        gone = _GONE.search(text) or _bare_404(text)
        if gone:
            return Verdict(PageHealth.SOFT_404, f"answers 200 but its {label} says {text!r}")
    gone = _GONE.search(meta.text) if short else None
    if gone:
        return Verdict(PageHealth.SOFT_404, f"answers 200 but the page says {gone.group(0)!r}")
    return None


def _parked(text: str) -> re.Match[str] | None:
    """``_PARKED``'s match, skipped when none of the words every one of its phrases holds is there.

    The regular expression tries each of its phrases at every position of the
    page; a substring test is a single C scan. ``casefold`` folds at least what
    ``re.IGNORECASE`` does, so the shortcut never hides a match.
    """
    folded = text.casefold()
    if not any(word in folded for word in _PARKED_WORDS):
        return None
    return _PARKED.search(text)


def _bare_404(text: str) -> re.Match[str] | None:
    """ "404" in a title or heading with at most ``BARE_404_WORDS`` other words."""
    found = _BARE_404.search(text)
    if found is None or len(_WORD.findall(text)) > BARE_404_WORDS:
        return None
    return found


def _raw(body: bytes) -> str:
    """The start of a body as lower-case ASCII, for marker searches in any encoding."""
    return body[:200_000].decode("ascii", errors="ignore").lower()


def is_challenge(body: bytes) -> bool:
    """True when the body carries a marker only bot-challenge pages carry."""
    raw = _raw(body)
    return any(marker in raw for marker in _CHALLENGE_MARKERS)


def redirect_verdict(response: Response) -> Verdict | None:
    """``moved`` for a permanent redirect elsewhere; ``soft_404`` when sent to the front page."""
    if same_page(response.url, response.final_url) or not response.redirects:
        return None
    start, end = urlsplit(response.url), urlsplit(response.final_url)
    if (
        start.netloc.lower() == end.netloc.lower()
        and start.path.strip("/")
        and not end.path.strip("/")
    ):
        return Verdict(
            PageHealth.SOFT_404, f"redirects to the site's front page {response.final_url}"
        )
    if any(status in PERMANENT_REDIRECTS for status, _ in response.redirects):
        return Verdict(
            PageHealth.MOVED,
            f"moved permanently to {response.final_url}",
            suggestion=response.final_url,
        )
    return None


def refresh_verdict(response: Response, meta: PageMeta) -> Verdict | None:
    """``moved`` for a page that only sends its reader elsewhere with a meta refresh."""
    if meta.refresh is None or same_page(meta.refresh, response.final_url):
        return None
    return Verdict(
        PageHealth.MOVED, f"refreshes to {meta.refresh} (meta refresh)", suggestion=meta.refresh
    )


def next_streak(
    health: PageHealth,
    previous: PageRecord | None,
    today: str,
    dead_after: int,
    *,
    observed: bool = True,
) -> Streak:
    """This run's streak from last run's record (rules in the module docstring).

    ``observed`` is False when the answer came from the cache without a
    request: nothing new was learnt, so the previous streak stands.
    """
    before = (
        Streak(previous.consecutive_failures, previous.failing_since, previous.dead)
        if previous
        else Streak()
    )
    if health in NO_EVIDENCE:
        return Streak(before.consecutive_failures, before.failing_since, dead=False)
    if not observed and previous is not None and previous.health == health:
        return before
    if health not in FAILURES:
        return Streak()
    since = before.failing_since or today
    count = failing_days(since, today, before.consecutive_failures)
    return Streak(count, since, dead=count >= dead_after)


def failing_days(since: str, today: str, counted: int) -> int:
    """UTC days from ``since`` to ``today`` inclusive; never fewer than already ``counted``."""
    try:
        days = (date.fromisoformat(today) - date.fromisoformat(since)).days + 1
    except ValueError:  # a hand-edited date: count this run as one more day
        return counted + 1
    return max(days, counted, 1)
