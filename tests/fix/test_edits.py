"""Edits on hand-made documents: https upgrades, dead pages, endings, BOM, repeated runs."""

from __future__ import annotations

from typing import Any

from enrich.findings import with_findings
from enrich.fix.plan import planned_edits
from enrich.fix.text import ambiguous_edits, apply_edits, split_lines, unified_diff
from enrich.models import EnrichedList

URL = "http://lab.example.org/talker"


def _document(page: dict[str, Any], project_page_reason: str | None = None) -> EnrichedList:
    entry = {
        "id": "p1",
        "section": ["Papers"],
        "line": 2,
        "title": "Talker",
        "project_url": URL,
        "project_page": {
            "status": "ok",
            "provenance": {"method": "project_page_link", "source_url": URL},
            "record": {"url": URL, "health": "ok", **page},
            "reason": project_page_reason,
        },
    }
    return with_findings(
        EnrichedList.model_validate(
            {"name": "l", "source": {"path": "l.md", "sha256": "0"}, "papers": [entry]}
        )
    )


def test_an_http_link_served_over_https_is_upgraded() -> None:
    document = _document({"final_url": "https://lab.example.org/talker/", "status_code": 200})
    (warning,) = document.warnings
    assert (warning.code, warning.severity, warning.suggestion) == (
        "page-https",
        "warning",
        "https://lab.example.org/talker/",
    )
    text = "# l\r\n- [Talker](x), [ProjectPage](http://lab.example.org/talker)  \r\n- next"
    fixed = apply_edits(text, planned_edits(document))
    assert (
        fixed == "# l\r\n- [Talker](x), [ProjectPage](https://lab.example.org/talker/)  \r\n- next"
    )
    assert apply_edits(fixed, planned_edits(document)) == fixed


def test_a_dead_page_is_an_error_without_a_fix() -> None:
    document = _document(
        {
            "health": "broken",
            "status_code": 404,
            "dead": True,
            "failing_since": "2026-01-01",
            "consecutive_failures": 3,
        }
    )
    (warning,) = document.warnings
    assert (warning.code, warning.severity, warning.message) == (
        "page-dead",
        "error",
        f"{URL} looks dead: broken on 3 consecutive runs since 2026-01-01 ()",
    )
    assert planned_edits(document) == []


def test_lines_keep_their_endings_and_a_missing_final_newline() -> None:
    text = "\ufeffa\r\nb  \nc"
    assert split_lines(text) == ["\ufeffa\r\n", "b  \n", "c"]
    assert "".join(split_lines(text)) == text
    assert split_lines("x\n") == ["x\n"]


def test_the_diff_marks_a_missing_final_newline() -> None:
    assert unified_diff("l.md", "a\nb", "a\nc") == (
        "--- a/l.md\n+++ b/l.md\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n"
        "+c\n\\ No newline at end of file\n"
    )
    assert unified_diff("l.md", "same", "same") == ""


def test_a_line_that_no_longer_holds_the_old_link_is_left_alone() -> None:
    document = _document({"final_url": "https://lab.example.org/talker/", "status_code": 200})
    text = "# l\n- [Talker](x), [ProjectPage](https://elsewhere.example.org/)\n"
    assert apply_edits(text, planned_edits(document)) == text


def test_a_meta_refresh_is_reported_without_a_fix() -> None:
    document = _document(
        {"health": "moved", "final_url": URL, "status_code": 200},
        project_page_reason="refreshes to https://new.example.org/ (meta refresh)",
    )
    (warning,) = document.warnings
    assert (warning.code, warning.suggestion, warning.message) == (
        "page-moved",
        None,
        f"{URL} sends readers elsewhere: refreshes to https://new.example.org/ (meta refresh)",
    )
    assert planned_edits(document) == []


def test_a_broken_page_behind_an_https_redirect_stays_broken() -> None:
    document = _document(
        {"health": "broken", "final_url": "https://lab.example.org/talker", "status_code": 404},
        project_page_reason="HTTP 404",
    )
    (warning,) = document.warnings
    assert (warning.code, warning.severity) == ("page-broken", "error")


def test_a_link_two_entries_share_on_one_line_is_left_alone() -> None:
    document = _document({"final_url": "https://lab.example.org/talker/", "status_code": 200})
    text = f"# l\n- [A]({URL}), [B]({URL})\n"
    edits = planned_edits(document)
    assert apply_edits(text, edits) == text
    assert ambiguous_edits(text, edits) == [
        "line 2: page-https: the link appears more than once on the line; "
        "not changed (fix by hand: https://lab.example.org/talker/)"
    ]
