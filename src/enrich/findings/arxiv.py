"""Findings about arXiv: a link to the wrong paper, a withdrawn paper, a missing link.

The arXiv source replaces a link whose paper is clearly another one by a sure
title match and warns; here that warning gains the right paper's URL as its
suggestion. A withdrawn paper is still served by arXiv (with a comment saying
so), so nothing but its comment tells the maintainer. A paper the list gives
no arXiv link for, but which a sure title match or its project page
identified, gets the link suggested; so does a researcher's work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from enrich.findings._common import HIGH_CONFIDENCE, entry_links, finding
from enrich.identity.arxiv import abs_url, extract_id
from enrich.models import ArxivSlot, DataWarning, EnrichedList, Paper, Severity, WarningKind, Work

# arXiv's own wording: "This paper has been withdrawn by the author(s)".
_WITHDRAWN = re.compile(r"\b(?:has\s+been\s+)?withdrawn\b", re.I)


def arxiv_findings(document: EnrichedList) -> Iterator[DataWarning]:
    for entry in document.all_entries():
        if not isinstance(entry, Paper | Work):
            continue
        slot = entry.arxiv
        if not isinstance(slot, ArxivSlot) or slot.record is None:
            continue
        record = slot.record
        if record.comment and _WITHDRAWN.search(record.comment):
            message = f"arXiv:{record.id} is withdrawn (its comment: {record.comment!r})"
            yield finding(
                document, entry, WarningKind.ARXIV, "arxiv-withdrawn", Severity.ERROR, message
            )
        link = entry.paper_url if isinstance(entry, Paper) else entry.url
        linked = extract_id(link) if link else None
        sure = slot.provenance is not None and slot.provenance.confidence >= HIGH_CONFIDENCE
        if linked is not None and linked.id != record.id and sure:
            yield finding(
                document,
                entry,
                WarningKind.ARXIV_LINK_MISMATCH,
                "arxiv-wrong-paper",
                Severity.ERROR,
                f"the link {link} is arXiv:{linked.id}, not this paper; "
                f"a sure title match is arXiv:{record.id}",
                abs_url(record.id),
            )
        has_link = any(extract_id(url) for url in entry_links(entry))
        if not has_link and sure:  # a paper, or a researcher's work told like one
            method = slot.provenance.method if slot.provenance else "?"
            yield finding(
                document,
                entry,
                WarningKind.MISSING_LINK,
                "arxiv-link-missing",
                Severity.NOTICE,
                f"no arXiv link, but {method} found arXiv:{record.id} {record.title!r}",
                abs_url(record.id),
            )
