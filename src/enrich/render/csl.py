"""``enrich render csl-json``: a list's papers as CSL-JSON, the format Zotero and pandoc import.

One item per paper in the CSL data schema (citation-style-language/schema,
``csl-data.json``): ``paper-conference`` with its proceedings as
``container-title``, ``article-journal`` for a journal, ``article`` for a
preprint (``publisher`` arXiv, ``number`` its id); names split into
``family`` and ``given``; dates as ``date-parts``. The item ``id`` is the
same key the ``.bib`` uses, so both files cite alike.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from enrich.render.citation import Citation, Name


def csl_name(name: Name) -> dict[str, str]:
    if name.given is None and name.particle is None and " " in name.family:
        return {"literal": name.family}
    item = {"family": name.family}
    if name.given:
        item["given"] = name.given
    if name.particle:
        item["non-dropping-particle"] = name.particle
    return item


def date_parts(date: str) -> list[int]:
    """'2023-03-09' -> [2023, 3, 9]; '2023' -> [2023]."""
    return [int(part) for part in date.split("-")[:3] if part.isdigit()]


def csl_item(citation: Citation) -> dict[str, Any]:
    item: dict[str, Any] = {"id": citation.key, "title": citation.title}
    if citation.venue is None:
        item["type"] = "article"
    else:
        item["type"] = "article-journal" if citation.journal else "paper-conference"
        item["container-title"] = citation.venue
    if citation.authors:
        item["author"] = [csl_name(name) for name in citation.authors]
    date = citation.date or (str(citation.year) if citation.year else None)
    if date:
        item["issued"] = {"date-parts": [date_parts(date)]}
    if citation.doi:
        item["DOI"] = citation.doi
    if citation.arxiv_id is not None:
        if citation.venue is None:
            item["publisher"] = "arXiv"
            item["number"] = citation.arxiv_id
        note = f"arXiv:{citation.arxiv_id}"
        item["note"] = f"{note} [{citation.primary_class}]" if citation.primary_class else note
    if citation.url:
        item["URL"] = citation.url
    if citation.abstract:
        item["abstract"] = citation.abstract
    return item


def render_csl_json(citations: Sequence[Citation]) -> str:
    """A JSON array of CSL items, keys sorted, two-space indent: the same papers, the same bytes."""
    items = [csl_item(citation) for citation in citations]
    return json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
