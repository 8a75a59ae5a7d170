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

**Versions.** OpenAlex clusters versions of a paper into one work when it
can ("two versions of the same paper ... appear in OpenAlex as one Work",
*About the data: Work*, ourresearch/openalex-docs ``about-the-data/work.md``):
such a work's ``locations`` hold both, each with its ``source`` (``type``
``repository`` for arXiv, ``journal`` or ``conference`` for the published
one) and ``version`` (``submittedVersion``, ``publishedVersion``). The venue
is the published location's, wherever it sits in the list; a work with no
such location that is typed ``preprint``, sits in a repository or has
arXiv's DOI is a preprint (``version`` ``not_looked_up`` until the source has
searched for its published twin, see ``_versions``).

**Implausible values** (a 1.9 MB abstract, a 4,200-digit citation count, a
1 MB date) are refused, not stored: the record keeps the rest, and
:attr:`WorksPage.refused` names each refusal for a warning.
:func:`works_shape` is the door's check (``_policy``): an answer whose
``results``, ``authorships``, ``locations`` or ``abstract_inverted_index``
has the wrong JSON type is retried like a 5xx and never cached.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from enrich.models import OpenalexAuthor, OpenalexRecord, OpenalexVersion, VersionFinding

OPENALEX_URL = "https://openalex.org/"
DOI_RESOLVERS = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")
ORCID_URL = "https://orcid.org/"
ARXIV_DOI_PREFIX = "10.48550/arxiv."
PUBLISHED_SOURCE_TYPES = frozenset({"journal", "conference", "book series", "ebook platform"})
# Bounds no honest value reaches (the most cited paper has some 300,000 citations).
MAX_ABSTRACT_CHARS = 50_000
MAX_CITATIONS = 10_000_000
MAX_TITLE_CHARS = 2_000
MAX_NAME_CHARS = 500
YEARS = range(1000, 2101)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Fields whose JSON type the door checks (a wrong type is a broken answer).
_TYPED_FIELDS = (
    ("authorships", list),
    ("locations", list),
    ("primary_location", dict),
    ("abstract_inverted_index", dict),
)


@dataclass(frozen=True)
class WorksPage:
    """The works an answer holds, with the total OpenAlex counted for the query."""

    records: tuple[OpenalexRecord, ...]
    count: int  # meta.count: how many works match (may exceed the page)
    rejected: tuple[str, ...] = ()  # one reason per work that could not become a record
    refused: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # work id -> values
    next_cursor: str | None = None  # meta.next_cursor: the next page of a cursor-paged list


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


def _source(location: Any) -> Mapping[str, Any]:
    source = location.get("source") if isinstance(location, dict) else None
    return source if isinstance(source, dict) else {}


def _published_location(work: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The first location (primary first) in a journal or proceedings, or stated published."""
    listed = work.get("locations")
    others: list[Any] = listed if isinstance(listed, list) else []
    for location in (work.get("primary_location"), *others):
        source = _source(location)
        kind = _text(source.get("type"))
        if not source or kind == "repository":
            continue
        if kind in PUBLISHED_SOURCE_TYPES or location.get("version") == "publishedVersion":
            return dict(location)
    return None


def is_preprint_work(work: Mapping[str, Any], doi: str | None) -> bool:
    """A work with no published location that is typed, filed or numbered as a preprint."""
    if _published_location(work) is not None:
        return False
    primary = _source(work.get("primary_location"))
    return (
        _text(work.get("type")) == "preprint"
        or _text(primary.get("type")) == "repository"
        or (doi or "").startswith(ARXIV_DOI_PREFIX)
    )


class _Refusals:
    """Implausible values of one work: each refused (``None``) and named."""

    def __init__(self, work_id: str) -> None:
        self.work_id = work_id
        self.reasons: list[str] = []

    def refuse(self, what: str, size: str) -> None:
        self.reasons.append(f"OpenAlex {self.work_id}: {what} refused as implausible ({size})")

    def text(self, value: str | None, what: str, limit: int) -> str | None:
        if value is not None and len(value) > limit:
            self.refuse(what, f"{len(value):,} characters")
            return None
        return value

    def count(self, value: Any) -> int | None:
        number = _count(value)
        if number is not None and number > MAX_CITATIONS:
            self.refuse("citation count", f"{len(str(number)):,} digits")
            return None
        return number

    def date(self, value: str | None) -> str | None:
        if value is not None and not _ISO_DATE.match(value):
            shown = value if len(value) <= 20 else f"{len(value):,} characters"
            self.refuse("publication date", shown)
            return None
        return value

    def year(self, value: Any) -> int | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        if value not in YEARS:
            self.refuse("publication year", str(value)[:20])
            return None
        return value


def _abstract(work: Mapping[str, Any], refusals: _Refusals) -> str | None:
    index = work.get("abstract_inverted_index")
    if not isinstance(index, dict):
        return None
    if len(index) > MAX_ABSTRACT_CHARS // 2:  # more distinct words than any abstract has
        refusals.refuse("abstract", f"{len(index):,} distinct words")
        return None
    return refusals.text(abstract_text(index), "abstract", MAX_ABSTRACT_CHARS)


def record_from_work(
    work: Any, refused: dict[str, tuple[str, ...]] | None = None
) -> OpenalexRecord:
    """One work object as a record. Raises ValueError naming what is missing.

    Implausible values are left out and, with ``refused``, named there under
    the work's id.
    """
    if not isinstance(work, dict):
        raise ValueError("a result is not a JSON object")
    work_id = short_id(_text(work.get("id")))
    title = _text(work.get("title")) or _text(work.get("display_name"))
    if work_id is None:
        raise ValueError("a work has no id")
    if title is None:
        raise ValueError(f"work {work_id} has no title")
    if len(title) > MAX_TITLE_CHARS or len(work_id) > MAX_NAME_CHARS:
        raise ValueError(f"work {work_id[:40]}: a title of {len(title):,} characters")
    refusals = _Refusals(work_id)
    listed = work.get("authorships")
    authorships: list[Any] = listed if isinstance(listed, list) else []
    authors = tuple(a for a in map(_author, authorships) if a is not None)
    pdf = _text(_nested(work, "best_oa_location", "pdf_url")) or _text(
        _nested(work, "open_access", "oa_url")
    )
    doi = bare_doi(_text(work.get("doi")))
    published = _published_location(work)
    venue_location = published or work.get("primary_location")
    venue = refusals.text(
        _text(_source(venue_location).get("display_name")), "venue", MAX_NAME_CHARS
    )
    kind = refusals.text(_text(work.get("type")), "type", MAX_NAME_CHARS)
    year = refusals.year(work.get("publication_year"))
    citations = refusals.count(work.get("cited_by_count"))
    preprint = is_preprint_work(work, doi)
    try:
        record = OpenalexRecord(
            id=work_id,
            url=OPENALEX_URL + work_id,
            title=title,
            doi=doi,
            publication_year=year,
            publication_date=refusals.date(_text(work.get("publication_date"))),
            authors=authors,
            abstract=_abstract(work, refusals),
            venue=venue,
            oa_pdf_url=refusals.text(pdf, "PDF link", MAX_NAME_CHARS * 4),
            cited_by_count=citations,
            type=kind,
            version=VersionFinding.NOT_LOOKED_UP if preprint else VersionFinding.PUBLISHED,
            versions=(
                OpenalexVersion(
                    id=work_id,
                    doi=doi,
                    venue=venue,
                    type=kind,
                    publication_year=year,
                    cited_by_count=citations,
                    published=not preprint,
                ),
            ),
        )
    except ValidationError as error:
        raise ValueError(f"work {work_id}: {error.errors()[0]['msg']}") from error
    if refused is not None and refusals.reasons:
        refused[work_id] = tuple(refusals.reasons)
    return record


def works_shape(document: Any) -> str | None:
    """``None`` when a parsed answer has the JSON types a works answer has; else why not."""
    if not isinstance(document, dict):
        return "the answer is not a JSON object"
    if "results" in document:
        works = document["results"]
        if not isinstance(works, list):
            return "'results' is not a list"
    elif "error" in document:
        return None  # an error answer: the status says what it is
    else:
        works = [document]
    for work in works:
        if not isinstance(work, dict):
            return "a result is not a JSON object"
        for name, kind in _TYPED_FIELDS:
            value = work.get(name)
            if value is not None and not isinstance(value, kind):
                return f"'{name}' is a JSON {type(value).__name__}, not a {kind.__name__}"
        index = work.get("abstract_inverted_index") or {}
        if any(not isinstance(positions, list) for positions in index.values()):
            return "'abstract_inverted_index' maps a word to something other than a list"
    return None


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
    cursor: str | None = None
    if "results" not in document:
        works: list[Any] = [document]
        total = 1
    else:
        if not isinstance(document["results"], list):
            return ParseFailure("'results' is not a list")
        works = document["results"]
        stated = _count(_nested(document, "meta", "count"))
        total = len(works) if stated is None else stated
        cursor = _text(_nested(document, "meta", "next_cursor"))
    records: list[OpenalexRecord] = []
    rejected: list[str] = []
    refused: dict[str, tuple[str, ...]] = {}
    for work in works:
        try:
            records.append(record_from_work(work, refused))
        except ValueError as error:
            rejected.append(str(error))
    return WorksPage(tuple(records), total, tuple(rejected), refused, cursor)
