"""Parse an awesome list (Markdown with HTML) into typed entries.

The public entry point is :func:`parse_list`. It is pure: text in, a frozen
:class:`~enrich.models.ParsedList` out, no I/O. Problems in the list never
stop the parse; they become :class:`~enrich.models.DataWarning` values with
the file and line, so one odd entry cannot hide the rest of the list. After
the entries, :mod:`enrich.parse.accounting` checks that every arXiv, DOI and
GitHub link of the file is in an entry or in a warning saying why not.
"""

from __future__ import annotations

import hashlib

from enrich.models import ParsedList, SourceFile
from enrich.parse.accounting import account_links
from enrich.parse.blocks import Heading, walk
from enrich.parse.checks import check_labels
from enrich.parse.collect import Collector
from enrich.parse.dispatch import Dispatcher
from enrich.parse.gcpause import collector_paused
from enrich.parse.sections import PathTracker, section_tree, title_heading


def parse_list(text: str, path: str) -> ParsedList:
    """Every entry, the section tree and the data-quality warnings of one list."""
    with collector_paused():  # see gcpause: the collector's rescans cost ~40% on long lists
        return _parse(text, path)


def _parse(text: str, path: str) -> ParsedList:
    blocks = walk(text)
    out = Collector(path)
    title = title_heading(blocks)
    Dispatcher(out, PathTracker(title)).run(blocks)
    check_labels(out)
    headings = [block for block in blocks if isinstance(block, Heading)]
    account_links(text, headings, title, out)
    return ParsedList(
        source=SourceFile(path=path, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest()),
        sections=section_tree(headings),
        papers=tuple(out.papers),
        researchers=tuple(out.researchers),
        datasets=tuple(out.datasets),
        metrics=tuple(out.metrics),
        tools=tuple(out.tools),
        warnings=tuple(sorted(out.warnings, key=lambda w: (w.line or 0, w.kind, w.message))),
    )
