"""The project-page source: fetch every entry's page once and say how healthy it is.

For each target the first usable hint (the entry's own project-page link,
else its repository's homepage, else its ``*.github.io`` page; the pipeline
orders them) is fetched with GET through the door, which follows redirects,
caps the body, bounds concurrency per host, sends conditional requests and
refuses unsafe addresses. Each answer becomes a :class:`~enrich.models.PageRecord`
with a verdict (:mod:`enrich.sources.pages._health`), the page's title, blurb and
image, and the arXiv ids and repositories it links to
(:mod:`enrich.sources.pages._meta`), which go back to the pipeline as
``discovered`` hints.

Status: every fetched page gets ``SlotStatus.OK`` with its record, whatever
its health, because the verdict *is* this run's fact about the page (a 404 is
news, not a failed lookup); failure bookkeeping lives in the record's streak
fields. Only a page the run could not ask about (``--offline`` and not
cached, or its host outlasted the deadline earlier this run: the door
raises :class:`~enrich.errors.NotAsked`) is ``skipped``, so the pipeline
keeps last run's record, exactly as in an outage, and a page
whose answer could not be read at all (the parser raised: a defect, or a
payload built to break it) is ``error`` with the exception as the reason, so
the other pages go on and the last good record is kept, stale. Values the
parser dropped (an invalid ``og:image`` URL, JSON-LD nested too deep...)
become warnings at the entry's line.

Several worker threads fetch at once (``PagesSettings.concurrency``; the door
bounds each host). Each distinct URL is fetched once however many entries
share it, and results are assembled in target order, so the output does not
depend on which fetch finished first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from enrich.clock import utc_today
from enrich.errors import NetworkError
from enrich.http.types import Door, Reachability, Response
from enrich.models import (
    DataWarning,
    PageHealth,
    PageRecord,
    PageSlot,
    Provenance,
    SlotBase,
    SlotStatus,
    WarningKind,
)
from enrich.provenance import PAGE_METHODS
from enrich.settings import Settings
from enrich.sources.interface import NO_PREVIOUS, Hint, SourceOutcome, Target, door_failure
from enrich.sources.pages._health import (
    FAILURES,
    Streak,
    Verdict,
    classify_error,
    classify_response,
    next_streak,
)
from enrich.sources.pages._outage import outage_reason, unanswered
from enrich.sources.pages._page import PageMeta, looks_like_html, media_type
from enrich.sources.pages._policy import SERVICE
from enrich.sources.pages._schedule import (
    DAY_SECONDS,
    KEEP_DAYS,
    STORE_KEY,
    LastCheck,
    checks_json,
    is_due,
    read_checks,
)
from enrich.sources.pages._settings import PagesSettings
from enrich.sources.unreadable import unreadable_reason

DISCOVERED_METHOD = "project_page"
LINKS_TRUSTED = frozenset({PageHealth.OK, PageHealth.MOVED})  # pages whose links we pass on
NO_SLOTS: Mapping[str, PageSlot] = {}


@dataclass(frozen=True)
class Fetch:
    """What one GET of one URL produced."""

    url: str
    verdict: Verdict | None  # None when the URL was not asked about (offline miss)
    response: Response | None = None
    meta: PageMeta | None = None
    status: int | None = None  # the final status, also from an error that carries one
    skipped: str | None = None  # why nothing was asked
    unreadable: str | None = None  # why the answer could not be read (the parser raised)

    @property
    def observed(self) -> bool:
        """True when a request went out (a fresh cache hit teaches nothing new)."""
        return self.response is None or self.response.cache not in {"hit", "offline"}


def usable_hint(target: Target) -> Hint | None:
    """The first hint that is an absolute URL; whether it is safe is the door's call."""
    for hint in target.hints:
        value = hint.value.strip()
        try:
            parts = urlsplit(value)
        except ValueError:
            continue
        if parts.scheme and parts.netloc:
            return Hint(value, hint.method)
    return None


def interleave_by_host(urls: Iterable[str]) -> list[str]:
    """The URLs round-robin across hosts (each host's own in sorted order).

    The door lets only a few requests per host run at once; workers handed
    ten URLs of one host in a row would sit waiting for that host while
    others idle. Taking hosts in turn keeps every worker busy. Results are
    keyed by URL, so the order never shows in the output.
    """
    by_host: dict[str, list[str]] = {}
    for url in sorted(urls):
        by_host.setdefault(urlsplit(url).hostname or "", []).append(url)
    queues = [by_host[host] for host in sorted(by_host)]
    return [
        queue[i]
        for i in range(max(map(len, queues), default=0))
        for queue in queues
        if i < len(queue)
    ]


class PagesSource:
    """Checks project pages, homepages and dataset/tool links (see the module docstring)."""

    def __init__(
        self, door: Door, settings: Settings, today: Callable[[], str] | None = None
    ) -> None:
        self.door = door
        self.settings = settings
        self.own = settings.of(PagesSettings)
        self.today = today or utc_today
        self._checks: dict[str, LastCheck] | None = None  # see checks(); one pass at a time

    def resolve(
        self, targets: Sequence[Target], previous: Mapping[str, SlotBase] = NO_PREVIOUS
    ) -> SourceOutcome[PageSlot]:
        """The one :class:`~enrich.sources.interface.Source` method; old records hold streaks."""
        records, fresh = {}, {}
        for key, slot in previous.items():
            record = getattr(slot, "record", None)
            if isinstance(record, PageRecord) and isinstance(slot, PageSlot):
                records[key] = record
                if slot.status is SlotStatus.OK:  # a stale slot's verdict is not this run's
                    fresh[key] = slot
        return self.check(targets, records, fresh)

    def _heard(self) -> Reachability:
        """What the door heard from the APIs; they run alongside, so wait for a first word."""
        return self.door.reachability(SERVICE, wait=self.settings.connect_timeout)

    def check(
        self,
        targets: Sequence[Target],
        previous: Mapping[str, PageRecord],
        fresh: Mapping[str, PageSlot] = NO_SLOTS,
    ) -> SourceOutcome[PageSlot]:
        """Every target's slot; ``fresh``: last run's verdicts that may be kept if not due."""
        today = self.today()
        chosen = {target.key: usable_hint(target) for target in targets}
        carried = self.carried_over(chosen, fresh, today)
        due = {hint.value for key, hint in chosen.items() if hint and key not in carried}
        fetches = self.fetch_all(due)
        outage = outage_reason(fetches.values(), self._heard)
        if outage is not None:  # the network's failure, not the pages': charge none of them
            fetches = {
                url: Fetch(url, None, skipped=outage) if unanswered(fetch) else fetch
                for url, fetch in fetches.items()
            }
        self.remember_checks(fetches.values(), today)
        slots: dict[str, PageSlot] = {}
        warnings: list[DataWarning] = []
        discovered: dict[str, tuple[Hint, ...]] = {}
        for target in targets:
            hint = chosen[target.key]
            if hint is None:
                slots[target.key] = PageSlot(
                    status=SlotStatus.UNRESOLVED, reason="no usable page URL"
                )
                continue
            if target.key in carried:
                slot, last = carried[target.key]
                slots[target.key] = slot
                warnings.extend(page_warnings(target, hint, slot, last.suggestion))
                warnings.extend(problem_warnings(target, hint, last.problems))
                if found := discovered_hints(slot.record):
                    discovered[target.key] = found
                continue
            fetch = fetches[hint.value]
            slot = self.slot_for(hint, fetch, previous.get(target.key), today)
            slots[target.key] = slot
            suggestion = fetch.verdict.suggestion if fetch.verdict else None
            warnings.extend(page_warnings(target, hint, slot, suggestion))
            warnings.extend(reading_warnings(target, hint, fetch))
            found = discovered_hints(slot.record)
            if found:
                discovered[target.key] = found
        notes: tuple[str, ...] = (f"pages: {outage}",) if outage else ()
        if due or carried:
            notes += (self.schedule_note(len(due), fetches.values(), len(carried)),)
        return SourceOutcome(
            slots=slots, warnings=tuple(warnings), discovered=discovered, notes=notes
        )

    # -- scheduling (see _schedule) ------------------------------------------ #

    def carried_over(
        self, chosen: Mapping[str, Hint | None], fresh: Mapping[str, PageSlot], today: str
    ) -> dict[str, tuple[PageSlot, LastCheck]]:
        """Targets whose last verdict is kept tonight: the slot to keep and its check's memory."""
        carried: dict[str, tuple[PageSlot, LastCheck]] = {}
        checks = self.checks() if fresh else {}
        for key, slot in fresh.items():
            hint, record = chosen.get(key), slot.record
            if hint is None or record is None or record.url != hint.value:
                continue  # no page now, or the list links elsewhere: a new page
            last = checks.get(hint.value)
            if last is None:
                continue
            checked = record.checked_on or last.date
            if is_due(hint.value, record, checked, today, self.own.max_age_days):
                continue
            kept = record if checked == today else record.model_copy(update={"checked_on": checked})
            provenance = Provenance(method=hint.method, source_url=hint.value)
            kept_slot = slot.model_copy(update={"provenance": provenance, "record": kept})
            carried[key] = (kept_slot, last)
        return carried

    def checks(self) -> dict[str, LastCheck]:
        """What the store remembers of earlier checks, read once per source."""
        if self._checks is None:
            stored = self.door.recall(SERVICE, STORE_KEY, KEEP_DAYS * DAY_SECONDS)
            self._checks = read_checks(stored)
        return self._checks

    def remember_checks(self, fetches: Iterable[Fetch], today: str) -> None:
        """Keep the date (and what warnings need) of every page that got a verdict: one write."""
        checks, changed = self.checks(), False
        for fetch in fetches:
            if fetch.verdict is None or fetch.unreadable is not None:
                continue
            if fetch.response is not None and fetch.response.cache == "offline":
                continue  # --offline read an old answer: the page was not checked today
            problems = fetch.meta.problems if fetch.meta else ()
            checks[fetch.url] = LastCheck(today, fetch.verdict.suggestion, problems)
            changed = True
        if changed:
            self.door.remember(SERVICE, STORE_KEY, checks_json(checks, today))

    def schedule_note(self, due: int, fetches: Iterable[Fetch], carried: int) -> str:
        checked = sum(1 for fetch in fetches if fetch.verdict is not None)
        return (
            f"pages: {due} due, {checked} checked, {carried} carried over "
            f"(healthy verdicts are kept up to {self.own.max_age_days} days)"
        )

    # -- fetching ------------------------------------------------------------ #

    def fetch_all(self, urls: Iterable[str]) -> dict[str, Fetch]:
        """Each distinct URL fetched once, several at a time.

        A quarter more workers than request slots: a worker that is reading a
        page or storing its answer holds no slot, so with one worker per slot
        the slots stood idle meanwhile (the door's semaphores, not the pool,
        bound what is in flight). Measured on 1,000 pages, 8 at once: 0.2-0.3 s
        less. One slot keeps one worker, so pages then go strictly in order.
        """
        unique = interleave_by_host(set(urls))
        # Their stored answers (validators for a conditional request), read a window at
        # a time in the order the workers take them, not one query per page per thread.
        self.door.read_ahead(SERVICE, urls=unique)
        concurrency = self.own.concurrency
        workers = max(1, min(concurrency + concurrency // 4, len(unique)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pages") as pool:
            return dict(zip(unique, pool.map(self.fetch, unique), strict=True))

    def fetch(self, url: str) -> Fetch:
        """GET one page through the door and judge it; failures come back as values."""
        try:
            response = self.door.request(SERVICE, "GET", url, freshness=self.own.freshness)
        except NetworkError as error:
            failed = door_failure("page check", error)
            if failed.skipped:  # nothing sent: no news about the page
                return Fetch(url, None, skipped=failed.reason)
            return Fetch(url, classify_error(error), status=error.status)
        try:
            return judge(url, response)
        except Exception as error:  # noqa: BLE001 - reported in the slot, traceback logged
            reason = unreadable_reason(f"the page {url}", error)
            return Fetch(url, None, response, status=response.status, unreadable=reason)

    # -- assembling ---------------------------------------------------------- #

    def slot_for(
        self, hint: Hint, fetch: Fetch, previous: PageRecord | None, today: str
    ) -> PageSlot:
        provenance = Provenance(method=hint.method, source_url=hint.value)
        if fetch.unreadable is not None:
            return PageSlot(status=SlotStatus.ERROR, provenance=provenance, reason=fetch.unreadable)
        if fetch.verdict is None:
            return PageSlot(status=SlotStatus.SKIPPED, provenance=provenance, reason=fetch.skipped)
        if previous is not None and previous.url != hint.value:
            previous = None  # the list now links elsewhere: a new page, a new streak
        streak = next_streak(
            fetch.verdict.health,
            previous,
            today,
            self.settings.dead_after_failures,
            observed=fetch.observed,
        )
        record = page_record(hint.value, fetch, fetch.verdict, streak, previous)
        reason = None if record.health is PageHealth.OK else fetch.verdict.reason
        return PageSlot(status=SlotStatus.OK, provenance=provenance, reason=reason, record=record)


def judge(url: str, response: Response) -> Fetch:
    """Read one answer: parse it when it is an HTML page, and give the verdict."""
    content_type = response.header("content-type")
    html = looks_like_html(content_type, response.body)
    meta = None
    if html and response.ok:
        from enrich.sources.pages._meta import parse_page  # lxml: imported on the first page

        meta = parse_page(
            response.body, content_type, response.final_url, truncated=response.truncated
        )
    verdict = classify_response(response, meta, html)
    return Fetch(url, verdict, response, meta, response.status)


def page_record(
    url: str, fetch: Fetch, verdict: Verdict, streak: Streak, previous: PageRecord | None = None
) -> PageRecord:
    """The record of one page this run (no dates but the streak's own).

    A failing page has no content to read this run; what it showed when it
    last answered (title, description, image) is kept rather than erased, so
    one bad night never blanks what renderers show.
    """
    response, meta = fetch.response, fetch.meta
    trusted = meta is not None and verdict.health in LINKS_TRUSTED
    last = previous if meta is None and verdict.health in FAILURES else None
    return PageRecord(
        url=url,
        final_url=response.final_url if response else None,
        status_code=fetch.status,
        content_type=media_type(response.header("content-type")) if response else None,
        title=meta.title if meta else (last.title if last else None),
        description=meta.description if meta else (last.description if last else None),
        image=meta.image if meta else (last.image if last else None),
        health=verdict.health,
        dead=streak.dead,
        failing_since=streak.failing_since,
        consecutive_failures=streak.consecutive_failures,
        truncated=bool(response and response.truncated),
        arxiv_ids=meta.arxiv_ids if trusted and meta else (),
        github_repos=meta.github_repos if trusted and meta else (),
    )


def discovered_hints(record: PageRecord | None) -> tuple[Hint, ...]:
    """arXiv ids and repositories the page links to, as hints for the other stages."""
    if record is None:
        return ()
    ids = tuple(Hint(arxiv_id, DISCOVERED_METHOD) for arxiv_id in record.arxiv_ids)
    repos = tuple(
        Hint(f"https://github.com/{repo}", DISCOVERED_METHOD) for repo in record.github_repos
    )
    return ids + repos


def page_warnings(
    target: Target, hint: Hint, slot: PageSlot, suggestion: str | None
) -> list[DataWarning]:
    """Warnings only for verdicts a maintainer can act on (see ``_advice``)."""
    record = slot.record
    if record is None:
        return []
    message = _advice(hint, record, slot.reason or "", suggestion)
    if message is None:
        return []
    return [
        DataWarning(
            kind=WarningKind.PAGE,
            file=target.file,
            line=target.line,
            entry_id=target.key,
            message=message,
        )
    ]


def reading_warnings(target: Target, hint: Hint, fetch: Fetch) -> list[DataWarning]:
    """One warning per value the page reader dropped, and one if the page was unreadable."""
    problems = list(fetch.meta.problems) if fetch.meta else []
    if fetch.unreadable is not None:
        problems.append(fetch.unreadable)
    return problem_warnings(target, hint, problems)


def problem_warnings(target: Target, hint: Hint, problems: Iterable[str]) -> list[DataWarning]:
    """One warning per problem of reading the page at ``hint``."""
    return [
        DataWarning(
            kind=WarningKind.PAGE,
            file=target.file,
            line=target.line,
            entry_id=target.key,
            message=f"{hint.value}: {problem}",
        )
        for problem in problems
    ]


def _advice(hint: Hint, record: PageRecord, reason: str, suggestion: str | None) -> str | None:
    """What to tell the maintainer, or ``None`` when there is nothing to do yet.

    ``blocked`` (the page is probably alive) and a failure streak still
    shorter than the dead threshold (one bad night) stay silent.
    """
    url = record.url
    if record.dead:
        return (
            f"{url} looks dead: {record.health.value} on {record.consecutive_failures} "
            f"consecutive runs since {record.failing_since} ({reason})"
        )
    if record.health is PageHealth.MOVED:
        return f"{url} moved permanently: link {suggestion or record.final_url} instead"
    if record.health is PageHealth.SOFT_404:
        return f"{url} looks gone: {reason}"
    if record.health is PageHealth.UNSAFE:
        return f"{url} was not fetched: {reason}"
    if record.health is PageHealth.NOT_HTML and hint.method in PAGE_METHODS:
        return f"{url} is not a web page: {reason}"
    return None
