"""Long cells and lines read in linear time (issue 21, item 4).

Before the fix, about fifteen of the parser's regular expressions backtracked
quadratically (one, cubically) on long runs of spaces, digits, capitals or
dashes: a 20 kB cell took 13 s, 80 kB took 127 s, and a list of them would hold
the nightly run for hours. This list puts 10 kB runs of each kind where the
field readers look (titles, author lines, venue tags, dataset cells): before
the fix, about 3 s a cell and well over the timeout for the list. It is a
hang guard: the timeout is tens of times what the whole parse needs after the
fix (0.5 s). Speed itself is
measured in ``benchmarks/parser_limits.py``.
"""

from __future__ import annotations

import pytest

from enrich.parse.markdown import parse_list

RUNS = {
    "spaces": "a" + " " * 10_000 + "b",
    "digits": "1" * 10_000,
    "digit-space": "1 " * 5_000,
    "capitals": "A" * 10_000,
    "dashes": "-" * 10_000,
    "tabs": "\t1" * 5_000,
    "letters": "a" * 10_000,
    "mixed": "1a. " * 2_500,
}


def _hostile_list() -> str:
    lines = ["# List", "", "## Papers", ""]
    for name, run in RUNS.items():
        lines.append(f"- [{name} paper](https://arxiv.org/abs/2401.00001) {run} et al, CVPR'{run}")
        lines.append(f"- {run} (2020), {run} et al. [Paper](https://arxiv.org/abs/2401.00002)")
    lines += [
        "",
        "## Datasets",
        "",
        "| Dataset | Duration | Resolution | Subjects |",
        "|---|---|---|---|",
    ]
    for name, run in RUNS.items():
        lines.append(f"| [{name}](https://example.org/{name}) | {run} | {run} | {run} |")
    return "\n".join(lines) + "\n"


@pytest.mark.timeout(30)
def test_long_runs_in_every_field_are_read_in_linear_time() -> None:
    parsed = parse_list(_hostile_list(), "x.md")
    assert len(parsed.datasets) == len(RUNS)
    assert {d.name for d in parsed.datasets} == set(RUNS)
