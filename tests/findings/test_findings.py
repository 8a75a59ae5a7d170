"""Every problem of the fixture list, as a warning with its code, line, severity and suggestion."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from enrich.findings import combine, findings, with_findings
from enrich.models import DataWarning, EnrichedList, Severity, WarningKind
from tests.findings.world import World, world

GOT_AWAY = "Could not resolve to a Repository with the name 'lab/gone'."
EXPECTED = [
    (5, "page-moved", "warning", "{pages}/new-home/",
     "{pages}/moved/ moved permanently: link {pages}/new-home/ instead"),
    (6, "page-broken", "error", None, "{pages}/broken/ is broken: HTTP 404"),
    (7, "page-soft-404", "error", None,
     "{pages}/soft/ looks gone: answers 200 but its title says 'Page not found · GitHub Pages'"),
    (8, "page-failing", "warning", None, "{pages}/failing/ failing since {today}: "
     "gave up: HTTP 503: pages answered 503 (1 attempt(s))"),
    (9, "page-timeout", "warning", None,
     "{slow}/slow/ failing since {today}: gave up: ReadTimeout: timed out (1 attempt(s))"),
    (10, "page-too-large", "notice", None,
     "{pages}/huge/ is larger than the size cap: only its start was read"),
    (11, "page-blocked", "notice", None,
     "{pages}/blocked/ refuses automated requests: HTTP 403: a bot challenge"),
    (13, "repo-archived", "notice", None,
     "repository lab/archived is archived: read-only, no longer maintained"),
    (14, "repo-disabled", "error", None,
     "repository lab/disabled is disabled by GitHub: its code cannot be reached"),
    (15, "repo-empty", "warning", None, "repository lab/empty is empty: it holds no code yet"),
    (16, "repo-renamed", "warning", "https://github.com/newlab/renamed",
     "oldlab/renamed was renamed or moved to newlab/renamed: update the link "
     "https://github.com/oldlab/renamed to https://github.com/newlab/renamed"),
    (17, "repo-not-found", "error", None,
     f"code_link https://github.com/lab/gone: repository lab/gone not found ({GOT_AWAY})"),
    (19, "arxiv-wrong-paper", "error", "https://arxiv.org/abs/2301.00013",
     "the link https://arxiv.org/abs/2301.00099 points at arXiv:2301.00099 'Quantum Error "
     "Correction on Superconducting Qubits', which is not 'Holistic Gesture Synthesis with "
     "Latent Motion Priors'; a title search found arXiv:2301.00013 'Holistic Gesture Synthesis "
     "with Latent Motion Priors', used instead"),
    (20, "arxiv-withdrawn", "error", None,
     "arXiv:2301.00014 is withdrawn (its comment: 'This paper has been withdrawn by the author "
     "due to an error in Table 2')"),
    (21, "arxiv-link-missing", "notice", "https://arxiv.org/abs/2301.00015",
     "no arXiv link, but title_search found arXiv:2301.00015 "
     "'Neural Voice Puppetry for Expressive Avatars'"),
    (23, "code-link-missing", "warning", "https://github.com/lab/badged",
     "no Code link, but its stars/forks badge names lab/badged (confidence 1.00): "
     "add [Code](https://github.com/lab/badged)"),
    (24, "code-link-missing", "warning", "https://github.com/lab/commented",
     "no Code link, but its arXiv comment or abstract names lab/commented (confidence 0.90): "
     "add [Code](https://github.com/lab/commented)"),
    (25, "project-page-missing", "notice", "{pages}/home/",
     "no project page link, but lab/homed names its homepage {pages}/home/"),
    (27, "duplicate-entry", "warning", None,
     "duplicate paper 'Archived Repository Paper': same as the entry on line 13"),
    (27, "repo-archived", "notice", None,
     "repository lab/archived is archived: read-only, no longer maintained"),
]  # fmt: skip


def _shown(world: World, text: str | None) -> str | None:
    if text is None:
        return None
    today = datetime.now(UTC).date().isoformat()
    return world.shown(text).replace(today, "{today}")


def test_every_problem_is_a_warning_at_its_line(enriched: tuple[World, dict[str, Any]]) -> None:
    made, document = enriched
    got = [
        (
            w["line"],
            w["code"],
            w["severity"],
            _shown(made, w["suggestion"]),
            _shown(made, w["message"]),
        )
        for w in document["warnings"]
    ]
    assert got == EXPECTED
    assert {w["file"] for w in document["warnings"]} == {str(made.root / "raw" / "fixtures.md")}


def test_report_counts_every_finding(enriched: tuple[World, dict[str, Any]]) -> None:
    made, document = enriched
    report = json.loads((made.root / "reports" / "fixtures.report.json").read_text("utf-8"))
    assert report["warning_count"] == len(EXPECTED) == len(document["warnings"])


def test_findings_are_idempotent(enriched: tuple[World, dict[str, Any]]) -> None:
    """Merging findings into a document that already has them adds nothing."""
    _, document = enriched
    parsed = EnrichedList.model_validate(document)
    assert with_findings(parsed) == parsed


def test_source_warning_keeps_its_message_and_gains_the_code() -> None:
    source = DataWarning(
        kind=WarningKind.PAGE, file="l.md", line=3, entry_id="p1", message="moved: link B"
    )
    finding = DataWarning(
        kind=WarningKind.PAGE,
        code="page-moved",
        severity=Severity.WARNING,
        file="l.md",
        line=3,
        entry_id="p1",
        message="A moved permanently to B",
        suggestion="B",
    )
    other = finding.model_copy(update={"entry_id": "p2", "line": 1})
    assert combine([source], [finding, other]) == (
        other,
        source.model_copy(update={"code": "page-moved", "suggestion": "B"}),
    )


def test_a_document_without_slots_has_no_findings() -> None:
    document = EnrichedList.model_validate(
        {"name": "x", "source": {"path": "x.md", "sha256": "0"}, "papers": []}
    )
    assert findings(document) == []


def test_rest_without_a_token_finds_the_same_repository_states(tmp_path: Path) -> None:
    """Archived, disabled, empty and renamed also come through GitHub's REST answers."""
    with world(tmp_path) as made:
        summary = made.run(sources=(made.github.source_settings(),), only=frozenset({"github"}))
        assert not summary.failed
        document = json.loads((made.root / "enriched" / "fixtures.json").read_text("utf-8"))
    repo_codes = [
        (w["line"], w["code"], w["suggestion"])
        for w in document["warnings"]
        if w["code"].startswith("repo-")
    ]
    assert repo_codes == [
        (line, code, suggestion)
        for line, code, _, suggestion, _ in EXPECTED
        if code.startswith("repo-")
    ]
