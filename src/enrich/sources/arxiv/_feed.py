"""Parse an arXiv API Atom feed into :class:`ArxivRecord` values. Pure: bytes in, values out.

Why not ``arxiv._feed.parse`` from the ``arxiv`` package? It is private, builds
``arxiv.Result`` objects we would convert again, and silently *skips* the
``Error`` entry arXiv sends with a 400 for a malformed id, which is exactly the
message we must show the user. This parser is a small namespace-aware lxml
reader that treats every field as optional and accepts both formats arXiv has
served (see ``api-notes.md``): the pre-November-2025 feed (namespaces repeated
on each element, titles wrapped over indented lines, ``-04:00`` offsets,
``http`` links, ``.pdf`` PDF links) and today's (namespaces declared once,
single-line titles, ``Z`` times, ``https`` links, ``<arxiv:doi>`` after the
authors). Both give the same record for the same paper: URLs are rebuilt in
one canonical form and dates reduced to UTC calendar dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from enrich.identity.arxiv import abs_url, parse_id
from enrich.models import ArxivAuthor, ArxivRecord

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "arxiv": "http://arxiv.org/schemas/atom",
    "opensearch": "http://a9.com/-/spec/opensearch/1.1/",
}
_SPACES = re.compile(r"\s+")
_COUNT = re.compile(r"[0-9]{1,12}")  # arXiv holds about 2.5 million papers
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class MalformedFeed(ValueError):
    """The body is not an Atom feed (HTML error page, truncated XML, ...)."""


@dataclass(frozen=True)
class FeedError:
    """An ``Error`` entry: arXiv's explanation of why it refused a request."""

    message: str
    error_id: str | None = None  # e.g. https://arxiv.org/api/errors#incorrect_id_format_for_abc


@dataclass(frozen=True)
class FeedResult:
    records: tuple[ArxivRecord, ...] = ()
    errors: tuple[FeedError, ...] = ()
    total_results: int | None = None  # arXiv's count; unreliable for id_list, never trusted alone
    skipped: int = 0  # entries without a usable id or title


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    collapsed = _SPACES.sub(" ", text).strip()
    return collapsed or None


def _text(element: Any, path: str) -> str | None:
    found = element.find(path, NS)
    return None if found is None else _clean(found.text)


def _date(text: str | None) -> str | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC).date().isoformat()
    except (ValueError, OverflowError):  # 9999-12-31T23:59-23:59 is past year 9999 in UTC
        return None


def _authors(entry: Any) -> tuple[ArxivAuthor, ...]:
    authors = []
    for author in entry.findall("atom:author", NS):
        name = _text(author, "atom:name")
        if name:
            affiliations = (_clean(a.text) for a in author.findall("arxiv:affiliation", NS))
            authors.append(ArxivAuthor(name=name, affiliations=tuple(a for a in affiliations if a)))
    return tuple(authors)


def _categories(entry: Any) -> tuple[str, ...]:
    terms = (c.get("term") for c in entry.findall("atom:category", NS))
    return tuple(dict.fromkeys(t for t in terms if t))


def _has_pdf(entry: Any) -> bool:
    return any(link.get("title") == "pdf" for link in entry.findall("atom:link", NS))


def _record(entry: Any) -> ArxivRecord | None:
    raw_id = _text(entry, "atom:id") or ""
    ref = parse_id(raw_id.split("/abs/", 1)[1]) if "/abs/" in raw_id else None
    title = _text(entry, "atom:title")
    if ref is None or title is None:
        return None
    primary = entry.find("arxiv:primary_category", NS)
    version_suffix = f"v{ref.version}" if ref.version else ""
    return ArxivRecord(
        id=ref.id,
        version=ref.version,
        title=title,
        authors=_authors(entry),
        abstract=_text(entry, "atom:summary"),
        published=_date(_text(entry, "atom:published")),
        updated=_date(_text(entry, "atom:updated")),
        categories=_categories(entry),
        primary_category=None if primary is None else primary.get("term"),
        doi=_text(entry, "arxiv:doi"),
        journal_ref=_text(entry, "arxiv:journal_ref"),
        comment=_text(entry, "arxiv:comment"),
        abs_url=abs_url(ref.id),
        pdf_url=f"https://arxiv.org/pdf/{ref.id}{version_suffix}" if _has_pdf(entry) else None,
    )


def _is_error(entry: Any) -> bool:
    entry_id = _text(entry, "atom:id") or ""
    return _text(entry, "atom:title") == "Error" and "/api/errors" in entry_id


def _total(root: Any) -> int | None:
    """arXiv's result count, or ``None`` unless it is a plain count of ASCII digits.

    ``str.isdigit`` is true for ``²`` and ``int`` refuses 5,000 digits, so the
    text is matched against ASCII digits of a sane length instead.
    """
    text = _text(root, "opensearch:totalResults")
    return int(text) if text and _COUNT.fullmatch(text) else None


def parse_feed(body: bytes) -> FeedResult:
    """Records and error entries of one feed, in feed order; raises :class:`MalformedFeed`."""
    try:
        root = etree.fromstring(body, parser=_PARSER)
    except etree.XMLSyntaxError as error:
        raise MalformedFeed(f"not XML: {error}") from error
    if root.tag != f"{{{NS['atom']}}}feed":
        raise MalformedFeed(f"not an Atom feed (root element {root.tag!r})")
    records: list[ArxivRecord] = []
    errors: list[FeedError] = []
    skipped = 0
    for entry in root.findall("atom:entry", NS):
        if _is_error(entry):
            message = _text(entry, "atom:summary") or "unspecified error"
            errors.append(FeedError(message=message, error_id=_text(entry, "atom:id")))
            continue
        try:
            record = _record(entry)
        except ValueError:  # a field the record's contract refuses: that entry is unusable
            record = None
        if record is None:
            skipped += 1
        else:
            records.append(record)
    return FeedResult(tuple(records), tuple(errors), _total(root), skipped)
