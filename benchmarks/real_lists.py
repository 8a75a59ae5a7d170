"""Recall of the parser on real awesome lists: every linked paper and repository in an entry?

``python -m benchmarks.real_lists [--lists DIR] [--json FILE] [--details NAME]``

Parses every ``*.md`` in ``../shared/lists/real`` (beside the repository; a
different folder with ``--lists``) and prints one row per list: papers, arXiv
ids linked in the file and found in entries, repositories likewise, links
warned, links dropped silently, paper entries holding two different arXiv ids
(entries glued together) and the parse time. The links are counted in the raw
text with this module's own regular expressions, independently of the parser
and of :mod:`enrich.identity`, so a recogniser bug cannot hide a miss.
The folder holds copies of public lists; it is absent in a plain clone, and
then the benchmark says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from enrich.models import ParsedList
from enrich.parse.markdown import parse_list

DEFAULT_LISTS = Path(__file__).resolve().parent.parent.parent / "shared" / "lists" / "real"
TIME_LIMIT_S = 2.0
TARGET_ARXIV, TARGET_REPOS = 0.97, 0.90

ARXIV = re.compile(
    r"arxiv\.org/(?:abs|pdf|html|format|ps)/+(?P<id>\d{4}\.\d{4,5}|[a-z][a-z-]+(?:\.[A-Z]{2})?/\d{7})"
    r"|10\.48550/arxiv\.(?P<doi>\d{4}\.\d{4,5})",
    re.I,
)
REPO = re.compile(
    r"(?<![\w.-])(?:www\.)?github\.com/(?P<owner>[A-Za-z0-9][\w.-]*)/(?P<name>[\w.-]+)", re.I
)
NOT_OWNERS = frozenset(
    {
        "orgs", "topics", "features", "sponsors", "about", "collections", "user-attachments",
        "settings", "marketplace", "login", "search", "apps", "site", "contact", "pricing",
        "explore", "trending", "issues", "pulls", "notifications", "security",
        "customer-stories", "readme", "enterprise", "team", "new", "codespaces", "events",
    }
)  # fmt: skip


def arxiv_ids(text: str) -> dict[str, int]:
    """Linked arXiv id -> offset of its first link."""
    found: dict[str, int] = {}
    for match in ARXIV.finditer(text):
        found.setdefault((match["id"] or match["doi"]).lower(), match.start())
    return found


def repos(text: str) -> dict[str, int]:
    """Linked ``owner/name`` (lower-case) -> offset of its first link."""
    found: dict[str, int] = {}
    for match in REPO.finditer(text):
        name = re.sub(r"\.git$", "", match["name"]).rstrip(".")
        if match["owner"].casefold() not in NOT_OWNERS and name:
            found.setdefault(f"{match['owner']}/{name}".casefold(), match.start())
    return found


@dataclass
class Row:
    name: str
    papers: int
    arxiv_found: int
    arxiv_linked: int
    repos_found: int
    repos_linked: int
    warned: int
    silent: int
    glued: int
    seconds: float
    silent_examples: list[str]


def _entries_text(parsed: ParsedList) -> tuple[str, list[str]]:
    dumped = parsed.model_dump(
        mode="json", include={"papers", "researchers", "datasets", "metrics", "tools"}
    )
    papers = [json.dumps(paper) for paper in dumped["papers"]]
    badges = [f"github.com/{repo}" for p in parsed.papers for repo in p.badge_repos]
    return json.dumps(dumped) + "\n" + "\n".join(badges), papers


def measure(path: Path) -> Row:
    text = path.read_text(encoding="utf-8")
    start = time.perf_counter()
    parsed = parse_list(text, path.name)
    seconds = time.perf_counter() - start
    blob, papers = _entries_text(parsed)
    got_ids, got_repos = set(arxiv_ids(blob)), set(repos(blob))
    warn_text = "\n".join(w.message for w in parsed.warnings)
    warn_lines = {w.line for w in parsed.warnings}
    file_ids, file_repos = arxiv_ids(text), repos(text)
    missed = [(k, o) for k, o in file_ids.items() if k not in got_ids]
    missed += [(k, o) for k, o in file_repos.items() if k not in got_repos]
    silent = [
        f"{key} (line {text.count(chr(10), 0, offset) + 1})"
        for key, offset in missed
        if key not in warn_text.casefold() and text.count("\n", 0, offset) + 1 not in warn_lines
    ]
    return Row(
        name=path.stem,
        papers=len(parsed.papers),
        arxiv_found=len(set(file_ids) & got_ids),
        arxiv_linked=len(file_ids),
        repos_found=len(set(file_repos) & got_repos),
        repos_linked=len(file_repos),
        warned=len(missed) - len(silent),
        silent=len(silent),
        glued=sum(len(set(arxiv_ids(paper))) > 1 for paper in papers),
        seconds=round(seconds, 3),
        silent_examples=silent[:5],
    )


def table(rows: list[Row]) -> str:
    """The Markdown table the benchmarks README shows."""
    lines = [
        "| list | papers | arXiv in entries | repos in entries | links warned | dropped silently "
        "| glued | parse s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in [*rows, _total(rows)]:
        lines.append(
            f"| {r.name} | {r.papers} | {r.arxiv_found}/{r.arxiv_linked} "
            f"({_share(r.arxiv_found, r.arxiv_linked)}) | {r.repos_found}/{r.repos_linked} "
            f"({_share(r.repos_found, r.repos_linked)}) | {r.warned} | {r.silent} | {r.glued} "
            f"| {r.seconds:.2f} |"
        )
    return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _total(rows: list[Row]) -> Row:
    def total(field: str) -> int:
        return sum(getattr(r, field) for r in rows)

    return Row(
        "**all**", total("papers"), total("arxiv_found"), total("arxiv_linked"),
        total("repos_found"), total("repos_linked"), total("warned"), total("silent"),
        total("glued"), max((r.seconds for r in rows), default=0.0), [],
    )  # fmt: skip


def verdict(rows: list[Row]) -> list[str]:
    """The targets of issue 11 that the rows miss (empty when all are met)."""
    all_ = _total(rows)
    misses = []
    if all_.arxiv_found < TARGET_ARXIV * all_.arxiv_linked:
        misses.append(f"arXiv recall {_share(all_.arxiv_found, all_.arxiv_linked)} < 97%")
    if all_.repos_found < TARGET_REPOS * all_.repos_linked:
        misses.append(f"repository recall {_share(all_.repos_found, all_.repos_linked)} < 90%")
    misses += [f"{all_.silent} links dropped silently"] if all_.silent else []
    misses += [f"{all_.glued} glued entries"] if all_.glued else []
    misses += [f"{r.name} parsed in {r.seconds} s" for r in rows if r.seconds >= TIME_LIMIT_S]
    return misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    if not args.lists.is_dir():
        print(f"skipped: no folder of real lists at {args.lists}")
        return 0
    rows = [measure(path) for path in sorted(args.lists.glob("*.md"))]
    print(table(rows))
    for row in rows:
        for example in row.silent_examples:
            print(f"silent in {row.name}: {example}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1) + "\n")
    misses = verdict(rows)
    print("targets: " + ("all met" if not misses else "; ".join(misses)))
    return 0 if not misses else 1


if __name__ == "__main__":
    sys.exit(main())
