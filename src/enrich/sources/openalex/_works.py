"""OpenAlex's JSON made into records: a pure parser, apart from any transport.

OpenAlex answers a list request (``/works?filter=...``) with
``{"meta": {"count", "per_page", "page", ...}, "results": [work, ...]}``, a
single work (``/works/W123``) with the work object itself, and a failure
with ``{"error": ..., "message": ...}``. :func:`parse` takes the bytes of any
of them and returns either the records or a :class:`ParseFailure` naming
what was wrong, so a client never has to guess from a half-read body.

A work that lacks what a record needs (an id, a title) is not dropped in
silence: it is listed in :attr:`WorksPage.rejected` with the reason, and the
source turns that into a warning.

Abstracts come as an *inverted index* (word -> positions, because OpenAlex
may not ship plain-text abstracts); :func:`abstract_text` rebuilds the text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from enrich.models import OpenalexAuthor, OpenalexRecord

OPENALEX_URL = "https://openalex.org/"
DOI_RESOLVERS = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")
ORCID_URL = "https://orcid.org/"


@dataclass(frozen=True)
class WorksPage:
    """The works an answer holds, with the total OpenAlex counted for the query."""

    records: tuple[OpenalexRecord, ...]
    count: int  # meta.count: how many works match (may exceed the page)
    rejected: tuple[str, ...] = ()  # one reason per work that could not become a record


@dataclass(frozen=True)
class ParseFailure:
    """The body is not a works answer; ``message`` says why (OpenAlex's own words if given)."""

    message: str


def abstract_text(index: Mapping[str, Any] | None) -> str | None:
    """The abstract an inverted index encodes: words placed at their positions, space-joined.

    Positions that no word claims are skipped (OpenAlex drops some tokens);
    a position two words claim keeps the alphabetically first, so the result
    never depends on the order of the JSON object. Entries that are not lists
    of non-negative integers are ignored. ``None`` when nothing is left.
    """
    if not index:
        return None
    placed: dict[int, str] = {}
    for word, positions in sorted(index.items()):
        if not isinstance(positions, list):
            continue
        for position in positions:
            if isinstance(position, int) and not isinstance(position, bool) and position >= 0:
                placed.setdefault(position, word)
    text = " ".join(placed[p] for p in sorted(placed)).strip()
    return text or None


def bare_doi(value: str | None) -> str | None:
    """``https://doi.org/10.1/AB`` -> ``10.1/ab``: DOIs are case-insensitive, compare lower-case."""
    if not value:
        return None
    text = value.strip()
    lowered = text.lower()
    for prefix in DOI_RESOLVERS:
        if lowered.startswith(prefix):
            text = text[len(prefix) :]
            break
    return text.lower() or None


def short_id(value: str | None) -> str | None:
    """``https://openalex.org/W123`` -> ``W123``."""
    if not value:
        return None
    text = value.strip()
    if text.startswith(OPENALEX_URL):
        text = text[len(OPENALEX_URL) :]
    return text or None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _orcid(value: Any) -> str | None:
    text = _text(value)
    if text and text.startswith(ORCID_URL):
        text = text[len(ORCID_URL) :]
    return text


def _author(authorship: Any) -> OpenalexAuthor | None:
    if not isinstance(authorship, dict):
        return None
    author = authorship.get("author") or {}
    name = _text(author.get("display_name")) or _text(authorship.get("raw_author_name"))
    if name is None:
        return None
    places = (
        _text(institution.get("display_name"))
        for institution in authorship.get("institutions") or ()
        if isinstance(institution, dict)
    )
    institutions = tuple(dict.fromkeys(place for place in places if place))
    return OpenalexAuthor(name=name, orcid=_orcid(author.get("orcid")), institutions=institutions)


def _nested(work: Mapping[str, Any], *path: str) -> Any:
    value: Any = work
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def record_from_work(work: Any) -> OpenalexRecord:
    """One work object as a record. Raises ValueError naming what is missing."""
    if not isinstance(work, dict):
        raise ValueError("a result is not a JSON object")
    work_id = short_id(_text(work.get("id")))
    title = _text(work.get("title")) or _text(work.get("display_name"))
    if work_id is None:
        raise ValueError("a work has no id")
    if title is None:
        raise ValueError(f"work {work_id} has no title")
    authors = tuple(a for a in map(_author, work.get("authorships") or ()) if a is not None)
    pdf = _text(_nested(work, "best_oa_location", "pdf_url")) or _text(
        _nested(work, "open_access", "oa_url")
    )
    year = work.get("publication_year")
    try:
        return OpenalexRecord(
            id=work_id,
            url=OPENALEX_URL + work_id,
            title=title,
            doi=bare_doi(_text(work.get("doi"))),
            publication_year=year if isinstance(year, int) and not isinstance(year, bool) else None,
            publication_date=_text(work.get("publication_date")),
            authors=authors,
            abstract=abstract_text(work.get("abstract_inverted_index")),
            venue=_text(_nested(work, "primary_location", "source", "display_name")),
            oa_pdf_url=pdf,
            cited_by_count=_count(work.get("cited_by_count")),
        )
    except ValidationError as error:
        raise ValueError(f"work {work_id}: {error.errors()[0]['msg']}") from error


def _failure_message(document: Mapping[str, Any]) -> str:
    parts = [_text(document.get("error")), _text(document.get("message"))]
    return ": ".join(p for p in parts if p) or "an error answer without a message"


def parse(body: bytes) -> WorksPage | ParseFailure:
    """A list answer, a single work, or why the bytes are neither."""
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        return ParseFailure(f"not JSON: {error}")
    if not isinstance(document, dict):
        return ParseFailure("not a JSON object")
    if "error" in document and "results" not in document:
        return ParseFailure(_failure_message(document))
    if "results" not in document:
        works: list[Any] = [document]
        total = 1
    else:
        if not isinstance(document["results"], list):
            return ParseFailure("'results' is not a list")
        works = document["results"]
        stated = _count(_nested(document, "meta", "count"))
        total = len(works) if stated is None else stated
    records: list[OpenalexRecord] = []
    rejected: list[str] = []
    for work in works:
        try:
            records.append(record_from_work(work))
        except ValueError as error:
            rejected.append(str(error))
    return WorksPage(tuple(records), total, tuple(rejected))
