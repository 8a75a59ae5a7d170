"""``enrich render atom``: an Atom feed (RFC 4287) of the papers added in the last N days.

Entry ids are tag URIs built from the list's name and the entry id
(``tag:enrich,2024:awesome-avatar/paper-...``), independent of where the
site is published, so a feed reader never shows a paper twice. Entries are
newest first; the feed's ``updated`` is its newest entry's time (or the
window's start when nothing was added), never the time of the render, so
the same history gives the same bytes. Written with ElementTree, which
escapes every value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

from enrich.identity.web import plain_url
from enrich.models import EnrichedList, Paper
from enrich.render.added import added_at, first_seen
from enrich.render.names import file_stem
from enrich.render.view import paper_view

ATOM = "http://www.w3.org/2005/Atom"
TAG_AUTHORITY = "tag:enrich,2024:"
SUMMARY_CHARS = 600  # a feed item is a teaser: the abstract's start, the page has the rest
ElementTree.register_namespace("", ATOM)


@dataclass(frozen=True)
class FeedEntry:
    paper: Paper
    order: int
    added: str  # RFC 3339 time the paper was first committed


def feed_id(name: str, entry_id: str | None = None) -> str:
    return f"{TAG_AUTHORITY}{name}" + (f"/{entry_id}" if entry_id else "")


def _web(url: str | None) -> str | None:
    return plain_url(url) if url else None


def _sub(parent: ElementTree.Element, tag: str, text: str | None = None, **attrs: str) -> None:
    child = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        child.text = text


def _summary(entry: FeedEntry) -> str:
    view = paper_view(entry.order, entry.paper)
    facts = [" ".join(str(part) for part in (view.venue, view.year) if part), view.first_authors]
    if view.code is not None and view.code.stars is not None:
        facts.append(f"{view.code.name} ★ {view.code.stars:,}")
    text = " · ".join(fact for fact in facts if fact)
    if view.abstract:
        abstract = " ".join(view.abstract.split())
        if len(abstract) > SUMMARY_CHARS:
            abstract = abstract[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
        text = f"{text}\n\n{abstract}" if text else abstract
    return text or view.title


def _entry(feed: ElementTree.Element, name: str, entry: FeedEntry) -> None:
    view = paper_view(entry.order, entry.paper)
    node = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
    _sub(node, "id", feed_id(name, entry.paper.id))
    _sub(node, "title", view.title)
    _sub(node, "published", entry.added)
    _sub(node, "updated", entry.added)
    for author in view.authors:
        person = ElementTree.SubElement(node, f"{{{ATOM}}}author")
        _sub(person, "name", author)
    link = _web(view.url)
    if link:
        _sub(node, "link", rel="alternate", href=link)
    code = _web(view.code.url) if view.code is not None else None
    if code:
        _sub(node, "link", rel="related", href=code, title="code")
    _sub(node, "category", term=" › ".join(entry.paper.section))
    _sub(node, "content", _summary(entry), type="text")


def render_atom(
    document: EnrichedList,
    entries: Sequence[FeedEntry],
    since: str,
    site_url: str | None = None,
) -> str:
    """The feed's XML; ``site_url`` (where the site is published) adds self and page links."""
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", feed_id(document.name))
    _sub(feed, "title", f"{document.name}: new papers")
    _sub(feed, "subtitle", f"Papers added to {document.name} since {since[:10]}")
    _sub(feed, "updated", entries[0].added if entries else since)
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _sub(author, "name", document.name)
    _sub(feed, "generator", "enrich")
    base = _web(site_url)
    if base:
        base = base.rstrip("/") + "/"
        _sub(
            feed,
            "link",
            rel="self",
            type="application/atom+xml",
            href=f"{base}{feed_name(document)}",
        )
        page = f"{file_stem(document.name)}.html"  # a plain file name: nothing to quote
        _sub(feed, "link", rel="alternate", type="text/html", href=f"{base}{page}")
    for entry in entries:
        _entry(feed, document.name, entry)
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def feed_name(document: EnrichedList) -> str:
    return f"{file_stem(document.name)}.atom"


def recent_entries(document: EnrichedList, path: Path, since: datetime) -> list[FeedEntry]:
    """The papers of ``document`` (at ``path``) first committed since ``since``, newest first."""
    seen = first_seen(path, since)
    entries = []
    for order, paper in enumerate(document.papers):
        when = added_at(paper.model_dump(include={"id", "paper_url", "title"}), seen)
        if when is not None:
            entries.append(FeedEntry(paper=paper, order=order, added=when))
    return sorted(entries, key=lambda e: (-datetime.fromisoformat(e.added).timestamp(), e.order))
