"""Which lines of the real lists are labelled: a seeded random sample of candidate lines.

``python -m benchmarks.field_truth.sample [--lists DIR]`` prints ``list<TAB>line``.

The scan is deliberately ignorant of the parser: a candidate is any line that
carries a link (Markdown, angle-bracket or HTML), starts a list item or a table
row (a pipe row that is not a delimiter row), or is a heading that starts with a
number (one-heading-per-paper lists). Prose, badge and contributing lines are
candidates too; a sampled line that is no entry is labelled kind ``none``. The
labeller then labels the entry the line belongs to; two lines of one entry are
labelled once (the later is dropped, see ``labels/README.md``).
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterator
from pathlib import Path

SEED = 19  # the number; changing it invalidates every label
PER_LIST = 34  # drawn per list; a few collapse into one entry, >= 31 stay
DEFAULT_LISTS = Path(__file__).resolve().parents[3] / "shared" / "lists" / "real"

LINK = re.compile(r"\]\(\s*<?https?://|href\s*=|<https?://|\bhttps?://", re.I)
LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+\S|<li\b", re.I)
TABLE_ROW = re.compile(r"^\s*\|(?!\s*:?-{2,}:?\s*\|)|<tr\b", re.I)
NUMBERED_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\d+\.")


def is_candidate(line: str) -> bool:
    """A line that could belong to an entry, judged from its text alone."""
    return bool(
        LINK.search(line)
        or LIST_ITEM.search(line)
        or TABLE_ROW.search(line)
        or NUMBERED_HEADING.search(line)
    )


def candidates(text: str) -> list[int]:
    """1-based numbers of the candidate lines."""
    return [number for number, line in enumerate(text.splitlines(), 1) if is_candidate(line)]


def sample_lines(name: str, text: str, k: int = PER_LIST, seed: int = SEED) -> list[int]:
    """``k`` candidate lines of one list, drawn with a generator seeded by seed and list."""
    pool = candidates(text)
    return sorted(random.Random(f"{seed}:{name}").sample(pool, min(k, len(pool))))


def list_files(folder: Path) -> Iterator[Path]:
    """The lists named in the folder's MANIFEST.tsv, in its order."""
    rows = (folder / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for row in rows:
        if row.strip():
            yield folder / f"{row.split(chr(9))[0]}.md"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    args = parser.parse_args(argv)
    for path in list_files(args.lists):
        for number in sample_lines(path.stem, path.read_text(encoding="utf-8")):
            print(f"{path.stem}\t{number}")


if __name__ == "__main__":
    main()
