"""Findings about the web pages a list links to, from each page record's verdict.

The pages source already judges every page (``ok``, ``moved``, ``broken`` ...)
and keeps a failure streak; this module turns each verdict a maintainer can
act on into a finding with a code, so nothing but ``ok`` passes in silence:
a page gone for good is an error, a page failing tonight a warning with the
date it started, a page that refuses robots only a notice (it is probably
alive). A permanently moved page, or an ``http://`` link served from the
same ``https://`` URL, carries the new URL as its suggestion, which
``enrich fix`` applies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from enrich.findings._common import finding, slots
from enrich.identity.web import same_page
from enrich.models import (
    DataWarning,
    EnrichedList,
    EntryBase,
    PageHealth,
    PageRecord,
    PageSlot,
    Severity,
    WarningKind,
)
from enrich.provenance import PAGE_METHODS

# The pages source's own rules, so a page is judged the same way in both places.

_TIMEOUT = re.compile(r"time(?:d)?\s*out", re.I)


def page_findings(document: EnrichedList) -> Iterator[DataWarning]:
    """One finding per page slot whose record is not simply ``ok``."""
    for entry, _, slot in slots(document):
        if isinstance(slot, PageSlot) and slot.record is not None:
            found = _judge(document, entry, slot, slot.record)
            if found is not None:
                yield found


def upgraded_to_https(record: PageRecord) -> str | None:
    """The ``https://`` URL when an ``http://`` link ended at the same page over https."""
    if not record.url.startswith("http://") or not record.final_url:
        return None
    secure = "https://" + record.url[len("http://") :]
    return record.final_url if same_page(secure, record.final_url) else None


def _judge(
    document: EnrichedList, entry: EntryBase, slot: PageSlot, record: PageRecord
) -> DataWarning | None:
    url, reason = record.url, slot.reason or ""

    def make(
        code: str, severity: Severity, message: str, suggestion: str | None = None
    ) -> DataWarning:
        return finding(document, entry, WarningKind.PAGE, code, severity, message, suggestion)

    https = upgraded_to_https(record)
    if https is not None and record.health in (PageHealth.OK, PageHealth.MOVED):
        return make(
            "page-https", Severity.WARNING, f"{url} is served over https: link {https}", https
        )
    if record.dead:
        return make(
            "page-dead",
            Severity.ERROR,
            f"{url} looks dead: {record.health.value} on {record.consecutive_failures} "
            f"consecutive runs since {record.failing_since} ({reason})",
        )
    health = record.health
    if health is PageHealth.MOVED:
        target = record.final_url
        if target is None or same_page(url, target):  # a meta refresh: no redirect to follow
            return make("page-moved", Severity.WARNING, f"{url} sends readers elsewhere: {reason}")
        return make("page-moved", Severity.WARNING, f"{url} moved permanently to {target}", target)
    if health is PageHealth.BROKEN:
        return make("page-broken", Severity.ERROR, f"{url} is broken: {reason}")
    if health is PageHealth.SOFT_404:
        return make("page-soft-404", Severity.ERROR, f"{url} looks gone: {reason}")
    if health is PageHealth.FAILING:
        code = "page-timeout" if _TIMEOUT.search(reason) else "page-failing"
        since = f" since {record.failing_since}" if record.failing_since else ""
        return make(code, Severity.WARNING, f"{url} failing{since}: {reason}")
    if health is PageHealth.UNSAFE:
        return make("page-unsafe", Severity.ERROR, f"{url} was not fetched: {reason}")
    if health is PageHealth.BLOCKED:
        return make("page-blocked", Severity.NOTICE, f"{url} refuses automated requests: {reason}")
    method = slot.provenance.method if slot.provenance else ""
    if health is PageHealth.NOT_HTML and method in PAGE_METHODS:
        return make("page-not-html", Severity.NOTICE, f"{url} is not a web page: {reason}")
    if record.truncated:
        return make(
            "page-too-large",
            Severity.NOTICE,
            f"{url} is larger than the size cap: only its start was read",
        )
    return None
