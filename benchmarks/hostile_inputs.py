"""Time and output size of ``fix`` and the history on issue 21's hostile inputs.

Issue 21 measured: a 100 kB list line with a run of spaces made each
``enrich fix`` take 80 s (quadratic searches); 50,000 scattered duplicate rows
of a history took 156 s and wrote 12.9 MB of warnings for a 2-paper list
(``json``: the warnings' size as JSON, before the report's other fields).
Each case runs in-process on the functions ``fix`` and a run call, best of
``--repeat``, with the sizes the issue named (and smaller ones, to show the
growth). Runs against any tree: ``PYTHONPATH=<old>/src`` measures the code
before the fix with the same inputs (a case the old code cannot finish in
``--budget`` seconds is reported as over the budget, not waited for).

    .venv/bin/python -m benchmarks.hostile_inputs
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import time
from collections.abc import Callable
from typing import Any

OLD = "http://lab.example.org/talker"


def _moved_document() -> Any:
    from enrich.findings import with_findings
    from enrich.models import EnrichedList

    entry = {
        "id": "p1",
        "section": ["Papers"],
        "line": 2,
        "title": "Talker",
        "project_url": OLD,
        "project_page": {
            "status": "ok",
            "provenance": {"method": "project_page_link", "source_url": OLD},
            "record": {"url": OLD, "health": "ok", "final_url": OLD.replace("http:", "https:")},
        },
    }
    return with_findings(
        EnrichedList.model_validate(
            {"name": "l", "source": {"path": "l.md", "sha256": "0"}, "papers": [entry]}
        )
    )


def fix_line(spaces: int) -> dict[str, Any]:
    """``fix`` (plan, notes, edits, diff) on a list whose line holds a run of spaces."""
    from enrich.fix.plan import planned_edits
    from enrich.fix.text import ambiguous_edits, apply_edits, unified_diff

    document = _moved_document()
    text = f"# l\n- [ProjectPage]({OLD}) x" + " " * spaces + "y ![a\n"
    edits = planned_edits(document)
    ambiguous_edits(text, edits)
    fixed = apply_edits(text, edits)
    unified_diff("l.md", text, fixed)
    return {"changed": fixed != text}


def history_duplicates(duplicates: int) -> dict[str, Any]:
    """A 2-repository history over 6,800 days (13,600 rows) and ``duplicates`` more rows
    for the same days, scattered: what a bad merge of the committed file gives."""
    from datetime import date, timedelta

    from enrich.history.rows import parse_history

    first = date(2008, 1, 1)
    days = [(first + timedelta(days=n)).isoformat() for n in range(6_800)]
    rows = ["date,repo_id,full_name,stars,forks"]
    for n in range(13_600 + duplicates):
        repo = 1 + n // 6_800 % 2
        rows.append(f"{days[n % 6_800]},{repo},o/r{repo},{n},1")
    history = parse_history("\n".join(rows) + "\n")
    warnings = json.dumps([vars(problem) for problem in history.problems])
    return {"rows": len(history.rows), "warnings": len(history.problems), "json": len(warnings)}


def _timed(case: Callable[[int], dict[str, Any]], size: int, out: Any) -> None:
    case(10)  # imports and first calls, not timed
    started = time.perf_counter()
    result = case(size)
    out.put({**result, "seconds": time.perf_counter() - started})


def measure(case: Callable[[int], dict[str, Any]], size: int, budget: float) -> dict[str, Any]:
    """One run in a child process, stopped at ``budget`` seconds."""
    queue: Any = multiprocessing.Queue()
    child = multiprocessing.Process(target=_timed, args=(case, size, queue))
    child.start()
    child.join(budget)
    if child.is_alive():
        child.terminate()
        child.join()
        return {"seconds": None}
    return dict(queue.get())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per case")
    args = parser.parse_args()
    cases: list[tuple[str, Callable[[int], dict[str, Any]], list[int]]] = [
        ("fix: line with a run of N spaces", fix_line, [10_000, 20_000, 100_000]),
        ("history: N scattered duplicate rows", history_duplicates, [5_000, 10_000, 50_000]),
    ]
    for title, case, sizes in cases:
        for size in sizes:
            result = measure(case, size, args.budget)
            seconds = result.pop("seconds")
            shown = f"over {args.budget:g} s" if seconds is None else f"{seconds:.3f} s"
            print(f"{title:40} N={size:>7,}  {shown:>12}  {result}")


if __name__ == "__main__":
    main()
