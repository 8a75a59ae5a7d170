"""The fields of one paper while its entry is being read, shared by the title and link readers."""

from __future__ import annotations

from dataclasses import dataclass, field

from enrich.models import LinkRole


@dataclass
class PaperFields:
    venue: str | None = None
    year: int | None = None
    title: str = ""
    title_url: str | None = None
    affiliation: str | None = None
    authors: tuple[str, ...] = ()
    links: list[tuple[LinkRole, str, str]] = field(default_factory=list)
    badges: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # text outside the title, for venue/authors
    broken: list[str] = field(default_factory=list)  # link targets that are not URLs
