"""Property: any markdown-ish text parses without raising, into a consistent result."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enrich.models import ParsedList
from enrich.parse.markdown import parse_list

FRAGMENTS = [
    "# ", "## Papers", "## Datasets", "## Metrics", "## Toolbox", "## Researchers and labs",
    "- ", "1. ", "   - ", "[CVPR 2023] ", "[", "]", "(", ")", "[Title](https://arxiv.org/abs/2301.00001)",
    "[Code](https://github.com/a/b)", "![s](https://img.shields.io/github/stars/c/d.svg)",
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", '<th colspan="3">', "<!--", "-->",
    '<a herf="https://x.org">', '<a href="https://y.org">', "</a>", "| a | b |", "|---|---|",
    "&#8595;", "Name @ Lab", ": ", ", ", "https://bare.example/x", "```", "> ", "\n", "\r\n",
    "\n\n", "    ", "\t", "中文", "é", "TBD", "[ ] ", "[x] ", "'23", "2022",
]  # fmt: skip
markdownish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60).map(
    "".join
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_never_raises_and_stays_consistent(text: str) -> None:
    parsed = parse_list(text, "fuzz.md")
    entries = [*parsed.papers, *parsed.researchers, *parsed.datasets, *parsed.metrics]
    entries += [*parsed.tools, *(w for r in parsed.researchers for w in r.works)]
    ids = [entry.id for entry in entries]
    assert len(ids) == len(set(ids))
    line_count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert all(1 <= entry.line <= line_count for entry in entries)
    assert all(w.line is None or 1 <= w.line <= line_count for w in parsed.warnings)
    assert parse_list(text, "fuzz.md") == parsed
    # what enrich.pipeline.parsed keeps reads back as the same parse
    assert ParsedList.model_validate_json(parsed.model_dump_json()) == parsed
