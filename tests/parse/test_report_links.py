"""The run report counts the list's linked identities: in entries, and not taken."""

from __future__ import annotations

from enrich.models import EnrichedList
from enrich.parse.markdown import parse_list
from enrich.report import StageLog, build_report, markdown
from tests.parse.conftest import FIXTURES, read


def test_report_counts_links_taken_and_not_taken() -> None:
    parsed = parse_list(read(FIXTURES / "styles" / "sections.md"), "sections.md")
    document = EnrichedList(name="sections", **parsed.model_dump(exclude={"source"}) | {
        "source": parsed.source
    })  # fmt: skip
    report = build_report(document, StageLog(), {}, changed=False, output="x.json")
    assert report["links"] == {"linked": 5, "taken": 2, "not_taken": 3}
    assert "Links (arXiv, DOI, GitHub): 2 of 5 in entries, 3 not taken (each warned)" in (
        markdown(report)
    )
