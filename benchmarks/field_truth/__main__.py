"""Accuracy of every field the parser reads, against entries labelled by reading the lists.

``python -m benchmarks.field_truth [--lists DIR] [--labels DIR] [--mismatches] [--json FILE]``

Parses each labelled list of ``../shared/lists/real`` in process, matches the
labels (``labels/*.jsonl``) to the parser's entries by list and line, and
prints accuracy per field and per list; ``--mismatches`` lists every wrong
field with what was expected and what came. The real lists are absent in a
plain clone: then it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from enrich.parse.markdown import parse_list

from .labels import LABELS_DIR, Label, load
from .observed import Observed, observe
from .sample import DEFAULT_LISTS
from .score import FIELDS, Scores, Tally, score

HEADERS = {
    "kind": "kind",
    "paper_or_not": "paper or not",
    "title": "title (exact)",
    "authors": "authors (given)",
    "year": "year (given)",
    "venue": "venue (given)",
    "links": "link roles",
}


def parse_lists(names: set[str], folder: Path) -> dict[str, list[Observed]]:
    parsed: dict[str, list[Observed]] = {}
    for name in sorted(names):
        text = (folder / f"{name}.md").read_text(encoding="utf-8")
        parsed[name] = observe(parse_list(text, f"{name}.md"))
    return parsed


def cell(tally: Tally) -> str:
    share = tally.share
    return "-" if share is None else f"{tally.right}/{tally.total} {100 * share:.1f}%"


def report(labels: list[Label], scores: Scores) -> str:
    lists = sorted({label.list for label in labels})
    totals = scores.by_field()
    rows = [f"field truth: {len(labels)} labelled entries in {len(lists)} lists", ""]
    rows.append(f"{'field':<16} {'right/of':>10} {'share':>7}")
    for name in FIELDS:
        tally = totals[name]
        share = "-" if tally.share is None else f"{100 * tally.share:.1f}%"
        rows.append(f"{HEADERS[name]:<16} {f'{tally.right}/{tally.total}':>10} {share:>7}")
    links = scores.links
    rows.append(f"{'links (each)':<16} {f'{links.right}/{links.total}':>10}")
    invented = ", ".join(f"{name} {len(scores.invented[name])}" for name in FIELDS[3:6])
    rows += ["", f"values where the list gives none: {invented}"]
    confused = Counter(
        f"{check.expected} -> {check.got}" for check in scores.mismatches() if check.field == "kind"
    )
    if confused:
        rows.append("kinds confused: " + ", ".join(f"{k} {n}" for k, n in confused.most_common()))
    rows.append("")
    widths = max(len(name) for name in lists)
    rows.append(f"{'list':<{widths}}  n   " + "  ".join(f"{name:>15}" for name in FIELDS))
    for name in lists:
        tallies = scores.by_field([name])
        count = sum(1 for label in labels if label.list == name)
        rows.append(
            f"{name:<{widths}} {count:>3}   " + "  ".join(f"{cell(tallies[f]):>15}" for f in FIELDS)
        )
    return "\n".join(rows)


def mismatches(scores: Scores) -> str:
    rows = ["", "mismatches (list:line field: expected | got):"]
    for check in scores.mismatches():
        rows.append(f"{check.label.key} {check.field}: {check.expected!r} | {check.got!r}")
    for name, checks in scores.invented.items():
        for check in checks:
            rows.append(f"{check.label.key} {name} invented: {check.got!r}")
    return "\n".join(rows)


def as_json(labels: list[Label], scores: Scores) -> dict[str, object]:
    def shares(tallies: dict[str, Tally]) -> dict[str, object]:
        return {name: {"right": t.right, "of": t.total} for name, t in tallies.items()}

    lists = sorted({label.list for label in labels})
    return {
        "labels": len(labels),
        "fields": shares(scores.by_field()),
        "lists": {name: shares(scores.by_field([name])) for name in lists},
        "invented": {name: len(checks) for name, checks in scores.invented.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--labels", type=Path, default=LABELS_DIR)
    parser.add_argument("--mismatches", action="store_true", help="list every wrong field")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if not args.lists.is_dir():
        print(f"no real lists at {args.lists}: nothing to score")
        return 0
    labels = load(args.labels)
    scores = score(labels, parse_lists({label.list for label in labels}, args.lists))
    print(report(labels, scores))
    if args.mismatches:
        print(mismatches(scores))
    if args.json:
        args.json.write_text(json.dumps(as_json(labels, scores), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
