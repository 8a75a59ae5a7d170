"""Hostile and huge lists through the parser: time, peak memory and what came out.

``python -m benchmarks.parser_limits`` parses each case of issue 21 (items 3
and 4) in a fresh subprocess (so ``ru_maxrss`` is that parse's own peak), and
writes ``results/parser_limits.json`` and a table. The target for any list
under 5 MB: under 5 s and 500 MB, with time linear in size; what cannot be
linear is capped with a warning and the rest of the list goes on.
``--quick`` runs the small sizes only.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "parser_limits.json"
HEAD = "# L\n\n## Papers\n\n"
TITLE = "a study of talking heads"


def _arxiv(i: int) -> str:
    return f"https://arxiv.org/abs/24{i % 12 + 1:02d}.{i % 100000:05d}"


def html5_table(rows: int) -> str:
    """A table without its optional ``</td></tr>`` (valid HTML5)."""
    body = "".join(
        f'<tr><td><a href="{_arxiv(i)}">Method {i}: {TITLE}</a><td>CVPR 2023\n' for i in range(rows)
    )
    return HEAD + "<table>\n<tr><th>Paper<th>Venue\n" + body + "</table>\n"


def nested_tags(depth: int) -> str:
    link = f'<a href="{_arxiv(1)}">T</a>'
    item = "<ul><li>" + "<b>" * depth + link + "</b>" * depth + "</li></ul>\n\n"
    cell = "<table><tr><td>" + "<span>" * depth + link + "</span>" * depth + "</td></tr></table>\n"
    return HEAD + item + cell


def unclosed_table(rows: int) -> str:
    body = "".join(
        f'<tr><td><a href="{_arxiv(i)}">Method {i}: {TITLE}</a></td></tr>\n' for i in range(rows)
    )
    return HEAD + "<table>\n<tr><th>Paper</th></tr>\n" + body


def nested_html_lists(depth: int) -> str:
    return HEAD + "<ul><li>x" * depth + f'<a href="{_arxiv(1)}">T</a>' + "</li></ul>" * depth + "\n"


def dense_table(megabytes: float) -> str:
    """Fifty one-letter cells a row: the most table cells per byte."""
    row = "|" + "a|" * 50 + "\n"
    return HEAD + "|" + "h|" * 50 + "\n|" + "-|" * 50 + "\n" + row * int(megabytes * 1e6 / len(row))


def paper_table(megabytes: float) -> str:
    """A plausible paper table grown to the given size."""
    rows, size, i = [], 0, 0
    while size < megabytes * 1e6:
        code = f"[Code](https://github.com/o{i}/r{i})"
        row = f"| [Title number {i}]({_arxiv(i)}) | {code} | CVPR | 2023 |\n"
        rows.append(row)
        size, i = size + len(row), i + 1
    return HEAD + "| Title | Code | Venue | Year |\n|---|---|---|---|\n" + "".join(rows)


def wide_table(columns: int) -> str:
    link = f"[T]({_arxiv(1)})|"
    return HEAD + "|" + "Paper|" * columns + "\n|" + "-|" * columns + "\n|" + link * columns + "\n"


def long_cell(kilobytes: int) -> str:
    """Long runs of spaces, digits and capitals where field readers look."""
    runs = [
        "1 " * (kilobytes * 500),
        "1" * (kilobytes * 1000),
        " " * (kilobytes * 1000),
        "A" * (kilobytes * 1000),
    ]
    lines = [f"- [Paper {i}]({_arxiv(i)}) {run} et al, CVPR'{run}" for i, run in enumerate(runs)]
    table = "\n## Datasets\n\n| Dataset | Duration | Resolution |\n|---|---|---|\n"
    table += "".join(
        f"| [D{i}](https://example.org/{i}) | {run} | {run} |\n" for i, run in enumerate(runs)
    )
    return HEAD + "\n".join(lines) + "\n" + table


CASES = {
    "html5_table": (html5_table, [190, 2_000], [20_000]),
    "nested_tags": (nested_tags, [500], [5_000]),
    "unclosed_table": (unclosed_table, [300], [20_000]),
    "nested_html_lists": (nested_html_lists, [20_000], [200_000]),
    "dense_table": (dense_table, [0.5], [4.7]),
    "paper_table": (paper_table, [0.5], [4.7]),
    "wide_table": (wide_table, [10_000], [100_000]),
    "long_cell": (long_cell, [20], [80]),
}


def _child(case: str, size: float) -> None:
    """Runs in the subprocess: parse one generated list and print its figures as JSON."""
    from enrich.parse.markdown import parse_list

    build = CASES[case][0]
    text = build(int(size) if float(size).is_integer() else size)  # type: ignore[operator]
    start, cpu = time.perf_counter(), time.process_time()
    parsed = parse_list(text, f"{case}.md")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "case": case,
                "size": size,
                "megabytes": round(len(text.encode()) / 1e6, 2),
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "peak_mb": round(peak),
                "papers": len(parsed.papers),
                "datasets": len(parsed.datasets),
                "warnings": len(parsed.warnings),
            }
        )
    )


def _measure(case: str, size: float, timeout: float) -> dict[str, object]:
    command = [sys.executable, "-m", "benchmarks.parser_limits", "--child", case, str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"case": case, "size": size, "error": f"over {timeout:.0f} s"}
    if done.returncode != 0:
        return {"case": case, "size": size, "error": done.stderr.strip().splitlines()[-1][:120]}
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per case")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], float(args.child[1]))
        return 0
    results = []
    print(
        f"{'case':<18} {'size':>9} {'MB':>6} {'s':>7} {'CPU s':>7} {'peak MB':>8}"
        f" {'papers':>7} {'warnings':>8}"
    )
    for case, (_, small, large) in CASES.items():
        for size in small + ([] if args.quick else large):
            row = _measure(case, size, args.timeout)
            results.append(row)
            if "error" in row:
                print(f"{case:<18} {size:>9} {row['error']}")
                continue
            print(
                f"{case:<18} {size:>9} {row['megabytes']:>6} {row['seconds']:>7}"
                f" {row['cpu_seconds']:>7}"
                f" {row['peak_mb']:>8} {row['papers']:>7} {row['warnings']:>8}"
            )
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    bad = [
        r
        for r in results
        if "error" in r or (r["megabytes"] < 5 and (r["seconds"] > 5 or r["peak_mb"] > 500))
    ]  # type: ignore[operator]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
