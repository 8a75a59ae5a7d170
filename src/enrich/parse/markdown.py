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

from enrich.models import DataWarning, ParsedList, SourceFile, WarningKind
from enrich.parse.accounting import account_links
from enrich.parse.blocks.bounds import Cut
from enrich.parse.blocks.gcpause import collector_paused
from enrich.parse.blocks.sections import PathTracker, section_tree, title_heading
from enrich.parse.blocks.walk import Heading, walk
from enrich.parse.checks import check_labels
from enrich.parse.collect import Collector
from enrich.parse.entries.dispatch import Dispatcher
from enrich.parse.list_settings import NO_SETTINGS, ListSettings


def parse_list(text: str, path: str, settings: ListSettings = NO_SETTINGS) -> ParsedList:
    """Every entry, the section tree and the data-quality warnings of one list.

    ``settings`` are the list's own (:mod:`enrich.parse.list_settings`), read by the caller.
    """
    with collector_paused():  # see gcpause: the collector's rescans cost ~40% on long lists
        return _parse(text, path, settings)


def _parse(text: str, path: str, settings: ListSettings) -> ParsedList:
    cuts: list[Cut] = []
    blocks = walk(text, cuts)
    out = Collector(path)
    for cut in cuts:
        out.warnings.append(
            DataWarning(kind=WarningKind.UNPARSED, file=path, line=cut.line, message=cut.message)
        )
    for line, problem in settings.problems:
        out.warnings.append(
            DataWarning(
                kind=WarningKind.MALFORMED_ENTRY,
                file=settings.path or path,
                line=line,
                message=f"{problem}; the list is read without this setting",
            )
        )
    title = title_heading(blocks)
    Dispatcher(out, PathTracker(title, settings), settings).run(blocks)
    check_labels(out)
    headings = [block for block in blocks if isinstance(block, Heading)]
    account_links(text, headings, title, out, settings)
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
