"""Researchers and labs: ``1. [Name @ Affiliation](homepage)`` with nested topic lines.

Each nested bullet is ``Topic: [label venue'yy](url), ...;`` and becomes one
:class:`Work` per link, carrying the topic and the bullet's own line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from enrich.models import Researcher, WarningKind, Work
from enrich.parse.blocks.pieces import Link, Text, plain_text
from enrich.parse.blocks.walk import Item
from enrich.parse.collect import Collector
from enrich.parse.fields.venue import parse_venue_tag, split_label_and_tag
from enrich.venues import canonical_or_written


@dataclass
class OpenResearcher:
    """A researcher whose topic lines are still being read."""

    researcher: Researcher
    works: list[Work] = field(default_factory=list)


def start_researcher(item: Item, section: tuple[str, ...], out: Collector) -> OpenResearcher | None:
    """A top-level item: name, affiliation and homepage."""
    link = item.pieces[0] if item.pieces and isinstance(item.pieces[0], Link) else None
    label = link.text if link else plain_text(item.pieces).strip().rstrip(":").strip()
    if not label:
        out.warn(WarningKind.MALFORMED_ENTRY, item.line, "researcher item with no name skipped")
        return None
    name, _, affiliation = label.partition(" @ ")
    homepage = link.href if link else None
    ident = out.new_id("researcher", name.strip(), homepage)
    if link is None:
        out.warn(
            WarningKind.MALFORMED_ENTRY,
            item.line,
            f"researcher '{name.strip()}' has no homepage link",
            ident,
        )
    out.note_entry("researcher", (name.strip(),), item.line, ident)
    researcher = Researcher(
        id=ident,
        section=section,
        line=item.line,
        name=name.strip(),
        homepage=homepage,
        affiliation=affiliation.strip() or None,
    )
    return OpenResearcher(researcher)


def add_topic_line(item: Item, owner: OpenResearcher, out: Collector) -> None:
    """A nested item: every link is a work under the text before the first link."""
    topic = _topic(item)
    links = [piece for piece in item.pieces if isinstance(piece, Link)]
    if not links:
        out.warn(
            WarningKind.UNPARSED,
            item.line,
            f"line under researcher '{owner.researcher.name}' has no links, skipped",
            owner.researcher.id,
        )
    for link in links:
        owner.works.append(_work(link, topic, item, owner, out))


def _topic(item: Item) -> str | None:
    first = item.pieces[0] if item.pieces else None
    if not isinstance(first, Text):
        return None
    return first.text.strip().rstrip(":").strip() or None


def _work(link: Link, topic: str | None, item: Item, owner: OpenResearcher, out: Collector) -> Work:
    label, tag = split_label_and_tag(link.text)
    venue, year = parse_venue_tag(tag) if tag else (None, None)
    ident = out.new_id("work", label, owner.researcher.name, link.href)
    out.note_entry("work", (owner.researcher.name, label, link.href), item.line, ident)
    return Work(
        id=ident,
        section=owner.researcher.section,
        line=item.line,
        label=label,
        venue_tag=tag,
        venue=canonical_or_written(venue),
        year=year,
        url=link.href or None,
        topic=topic,
    )


def close_researcher(owner: OpenResearcher, out: Collector) -> None:
    """Freeze the researcher with its works and add it to the list."""
    out.researchers.append(owner.researcher.model_copy(update={"works": tuple(owner.works)}))
