"""How the door treats the arXiv API: pacing, freshness, body cap, answer check.

arXiv asks for one request at a time, three seconds apart, per client (its
API terms of use); the pacing is process-wide so no thread or second door
can break it. A 200 whose feed is cut off or empty while it announces
results happens now and then: it is retried like a 5xx and never cached,
instead of turning every id of the batch into an error for the night.
"""

from __future__ import annotations

from collections.abc import Mapping

from enrich.http.deadlines import api_deadline
from enrich.http.policy import Pacing, ServicePolicy
from enrich.settings import Settings
from enrich.sources.arxiv._feed import parse_feed
from enrich.sources.arxiv._settings import ArxivSettings

SERVICE = "arxiv"
GIVE_UP_UNREACHABLE = 3  # requests in a row without any answer: no network, stop asking
TERMS = (
    "arXiv API terms of use: no more than one request every three seconds, "
    "and a single connection at a time"
)


def check_feed(status: int, headers: Mapping[str, str], body: bytes) -> str | None:
    """``None`` for a usable feed; the reason to retry a cut-off or falsely empty one.

    "Falsely empty": no entry although ``totalResults`` is above zero. The
    source always asks from ``start=0``, so such a page is arXiv's known
    empty-page fault, not the end of the results.
    """
    try:
        feed = parse_feed(body)
    except ValueError as error:  # MalformedFeed and any other refusal to read it
        return f"unreadable feed in a {status} answer ({error})"
    entries = len(feed.records) + len(feed.errors) + feed.skipped
    if entries == 0 and (feed.total_results or 0) > 0:
        return f"empty feed although {feed.total_results} results are announced"
    return None


def arxiv_policy(settings: Settings) -> ServicePolicy:
    """The door's rules for the arXiv API."""
    own = settings.of(ArxivSettings)
    return ServicePolicy(
        name=SERVICE,
        freshness=own.record_freshness,
        max_body_bytes=own.max_bytes,
        max_redirects=own.max_redirects,
        pacing=Pacing(own.delay, single_flight=True, reason=TERMS),
        give_up_unreachable=GIVE_UP_UNREACHABLE,
        check_answer=check_feed,
        # Room for the pacing gap before every attempt, too.
        deadline=api_deadline(settings, extra=settings.max_attempts * own.delay),
    )
