"""What one source finds reaches the others in registry order, whichever finished first."""

from __future__ import annotations

from enrich.models import GithubRecord, GithubSlot, SlotStatus
from enrich.pipeline.discoveries import Findings, next_pass
from enrich.sources.arxiv import SPEC as ARXIV
from enrich.sources.github import SPEC as GITHUB
from enrich.sources.interface import PROJECT_PAGE, Hint, SlotRequest, SourceOutcome, Target
from enrich.sources.pages import SPEC as PAGES

SPECS = (ARXIV, GITHUB, PAGES)
TARGET = Target(key="p", file="list.md", line=3, title="Sparkle")
FROM_ARXIV = Hint("https://github.com/lab/from-comment", "arxiv_comment")
FROM_PAGE = Hint("https://github.com/lab/from-page", "project_page")
ID_ON_PAGE = Hint("2301.00002", "project_page")


def _found(order: tuple[str, ...]) -> Findings:
    findings = Findings(SPECS)
    outcomes = {
        "arxiv": (ARXIV, SourceOutcome(slots={}, discovered={"p": (FROM_ARXIV,)})),
        "pages": (PAGES, SourceOutcome(slots={}, discovered={"p": (FROM_PAGE, ID_ON_PAGE)})),
    }
    for name in order:
        spec, outcome = outcomes[name]
        findings.add(spec, [SlotRequest(spec.name, spec.name, TARGET)], outcome)
    return findings


def test_hints_come_in_registry_order_whichever_source_reported_first() -> None:
    for order in (("arxiv", "pages"), ("pages", "arxiv")):
        findings = _found(order)
        assert findings.for_source(GITHUB, "p") == [FROM_ARXIV, FROM_PAGE]
        assert findings.for_source(ARXIV, "p") == [ID_ON_PAGE]  # never its own findings
        assert findings.for_source(PAGES, "p") == []  # repositories and ids are not pages


def test_a_resolved_slot_is_not_looked_up_again_an_open_one_is_once() -> None:
    findings = _found(("arxiv", "pages"))
    request = SlotRequest("github", "github", TARGET)
    record = GithubRecord(full_name="lab/x", url="https://github.com/lab/x")
    resolved = {("p", "github"): GithubSlot(status=SlotStatus.OK, record=record)}
    assert next_pass(GITHUB, [request], resolved, findings, {}) == []

    still_open = {("p", "github"): GithubSlot(status=SlotStatus.UNRESOLVED)}
    again = next_pass(GITHUB, [request], still_open, findings, {})
    assert [h.value for h in again[0].target.hints] == [FROM_ARXIV.value, FROM_PAGE.value]
    tried = {("github", "p"): again[0].target.hints}
    assert next_pass(GITHUB, [request], still_open, findings, tried) == []  # nothing new


def test_a_waiting_slot_is_looked_up_only_once_something_is_found_for_it() -> None:
    waiting = SlotRequest("arxiv", "arxiv", TARGET, waits=True)
    assert next_pass(ARXIV, [waiting], {}, Findings(SPECS), {}) == []
    again = next_pass(ARXIV, [waiting], {}, _found(("pages",)), {})
    assert [h.value for h in again[0].target.hints] == ["2301.00002"]


def test_a_repository_homepage_becomes_a_page_to_check() -> None:
    findings = Findings(SPECS)
    record = GithubRecord(
        full_name="lab/x", url="https://github.com/lab/x", homepage="https://lab.org/x/"
    )
    slot = GithubSlot(status=SlotStatus.OK, record=record)
    findings.add(GITHUB, [SlotRequest("github", "github", TARGET)], SourceOutcome({"p": slot}))
    found = [Hint("https://lab.org/x/", "repo_homepage", PROJECT_PAGE)]
    assert findings.for_source(PAGES, "p") == found
