"""Venues as renderers show them: the venue table's short name, full name and type.

The table (``enrich.venues``, kept as data with aliases: "NIPS" and
"NeurIPS" are one venue) gives charts and filters one name per venue, and
citations the venue's full name and whether it is a journal, a conference or
a preprint server. A venue the table lacks is shown as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from enrich.venues import canonical, table

# For venues the table lacks: words that name a journal or a preprint server.
_JOURNAL_WORDS = re.compile(r"\b(?:journal|transactions|letters|magazine|review)\b", re.I)
_PREPRINT_WORDS = re.compile(r"arxiv|biorxiv|medrxiv|ssrn|preprint|\bcorr\b", re.I)


@dataclass(frozen=True)
class VenueFacts:
    name: str  # what a citation prints: the full name, with the short name when known
    kind: str  # conference | journal | workshop | preprint
    known: bool = False  # the venue table has it


@cache
def _by_name() -> dict[str, tuple[str, str]]:
    return {venue.name: (venue.full, venue.type) for venue in table().venues}


def venue_facts(venue: str | None) -> VenueFacts | None:
    """'CVPR 2023' -> IEEE/CVF Conference on ... (CVPR), a conference; None for no venue."""
    if not venue or not venue.strip():
        return None
    short = canonical(venue)
    if short is not None:
        full, kind = _by_name()[short]
        return VenueFacts(full if full == short else f"{full} ({short})", kind, known=True)
    written = " ".join(venue.split())
    if _PREPRINT_WORDS.search(written):
        return VenueFacts(written, "preprint")
    return VenueFacts(written, "journal" if _JOURNAL_WORDS.search(written) else "conference")
