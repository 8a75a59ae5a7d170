"""Issue 21, item 12: a value derived from a record kept stale keeps being derived from it.

A paper without a project-page link gets its repository's homepage checked
as its page. When GitHub cannot be reached, the repository's record is kept
(stale); the page found through it must be looked up again from that record,
not become "no usable page URL" with its verdict erased.

The two sources here are stand-ins for the network (GitHub down, a page that
answers), driven through the real specs' ``discovers`` and ``accepts`` rules
and the real stages, so no HTTP is needed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from enrich.models import (
    EnrichedList,
    EntryBase,
    GithubRecord,
    GithubSlot,
    PageHealth,
    PageRecord,
    PageSlot,
    Paper,
    Provenance,
    SlotBase,
    SlotStatus,
    SourceFile,
)
from enrich.pipeline.stages import StagedEnricher
from enrich.report import StageLog
from enrich.settings import Settings
from enrich.sources.github import SPEC as GITHUB
from enrich.sources.interface import SourceOutcome, SourceSpec, Target
from enrich.sources.pages import SPEC as PAGES

HOMEPAGE = "https://lab.example.org/method/"
TODAY = "2026-12-06"


class GithubDown:
    def resolve(
        self, targets: Sequence[Target], previous: Mapping[str, SlotBase] = {}
    ) -> SourceOutcome[GithubSlot]:
        failed = GithubSlot(status=SlotStatus.ERROR, reason="GitHub request failed: refused")
        return SourceOutcome(slots={target.key: failed for target in targets})


class PageAnswers:
    """Checks the first hint of each target; a target without one is unresolved."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def resolve(
        self, targets: Sequence[Target], previous: Mapping[str, SlotBase] = {}
    ) -> SourceOutcome[PageSlot]:
        slots = {}
        for target in targets:
            if not target.hints:
                slots[target.key] = PageSlot(
                    status=SlotStatus.UNRESOLVED, reason="no usable page URL"
                )
                continue
            hint = target.hints[0]
            self.asked.append(hint.value)
            slots[target.key] = PageSlot(
                status=SlotStatus.OK,
                provenance=Provenance(method=hint.method, source_url=hint.value),
                record=PageRecord(url=hint.value, health=PageHealth.OK, title="Method"),
            )
        return SourceOutcome(slots=slots)


def _spec(real: SourceSpec, source: object) -> SourceSpec:
    return SourceSpec(
        name=real.name,
        build=lambda door, settings: source,  # type: ignore[arg-type,return-value]
        requests=real.requests,
        accepts=real.accepts,
        discovers=real.discovers,
        retry=real.retry,
    )


def _papers(document: EnrichedList) -> Iterator[EntryBase]:
    yield from document.papers


def test_a_page_found_through_a_stale_repository_is_still_checked() -> None:
    paper = Paper(
        id="paper-m",
        section=("Papers",),
        line=3,
        title="Method",
        code_url="https://github.com/lab/method",
    )
    document = EnrichedList(
        name="demo", source=SourceFile(path="demo.md", sha256="0" * 64), papers=(paper,)
    )
    repository = GithubRecord(
        full_name="lab/method", url="https://github.com/lab/method", homepage=HOMEPAGE
    )
    last_github = GithubSlot(status=SlotStatus.OK, record=repository)
    last_page = PageSlot(
        status=SlotStatus.OK,
        provenance=Provenance(method="repo_homepage", source_url=HOMEPAGE),
        record=PageRecord(url=HOMEPAGE, health=PageHealth.OK, title="Method"),
    )
    previous = {("paper-m", "github"): last_github, ("paper-m", "project_page"): last_page}
    pages = PageAnswers()
    enricher = StagedEnricher(
        None,  # type: ignore[arg-type]  # the stand-ins never use the door
        Settings(),
        today=lambda: TODAY,
        specs=(_spec(GITHUB, GithubDown()), _spec(PAGES, pages)),
    )
    result = enricher.enrich(document, previous, StageLog())
    (entry,) = result.papers
    assert entry.github is not None and entry.github.status is SlotStatus.STALE
    assert pages.asked == [HOMEPAGE]
    assert entry.project_page == last_page
