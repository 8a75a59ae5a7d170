"""How the door treats project pages: untrusted URLs, bounded time and size.

Page URLs come from lists anyone can edit, so only http(s) is fetched and
never a private address (checked on every hop; the connection goes to the
checked address). Pages live on thousands of hosts: concurrency is bounded
overall and per host, a page check has a total deadline (retries included,
a timeout tried again at most once), and a host that outlasted it is not
asked again this run, so one hung server cannot hold the page stage. A body
over the cap is cut, not refused: a huge page is still a live page. Pages
are never "unreachable" as a service: one dead host says nothing of the
others.
"""

from __future__ import annotations

from enrich.http.policy import Concurrency, Deadline, ServicePolicy
from enrich.settings import Settings
from enrich.sources.pages._settings import PagesSettings

SERVICE = "pages"
TIMEOUT_RETRIES = 1


def pages_policy(settings: Settings) -> ServicePolicy:
    """The door's rules for project pages."""
    own = settings.of(PagesSettings)
    return ServicePolicy(
        name=SERVICE,
        freshness=own.freshness,
        max_body_bytes=own.max_bytes,
        max_redirects=own.max_redirects,
        truncate_over_cap=True,
        concurrency=Concurrency(own.concurrency, own.concurrency_per_host),
        untrusted_urls=True,
        deadline=Deadline(own.deadline, TIMEOUT_RETRIES),
    )
