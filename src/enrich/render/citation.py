"""One citation per paper, shared by the BibTeX and CSL-JSON writers.

What a reference manager needs is decided here once: the authors split into
family and given names, the published venue (OpenAlex's published version
when it names one, else the list's venue, never "arXiv" as a venue), the DOI
(OpenAlex's, arXiv's, or the list's own DOI link), the arXiv id and primary
class, and a citation key. The writers only lay these out in their formats.

Keys are readable and stable: ``<family><year><word>`` in lower-case ASCII,
e.g. ``zhang2023sadtalker`` (without authors ``<word><year>``). When two
papers of a list get the same key, the older one (by date, then entry id)
keeps it and the others get ``b``, ``c``... so a key a document cites does
not move when a newer paper joins the list.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import count

from enrich.identity.arxiv import extract_id
from enrich.identity.doi import extract_doi
from enrich.models import Paper
from enrich.render.venues import VenueFacts, venue_facts

# Words a key skips to reach one that names the paper.
_KEY_STOPWORDS = frozenset(
    {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "via", "from", "by"}
    | {"at", "is", "are", "towards", "toward", "using"}
)
# Lower-case words that start a family name: 'van der Waals', 'de la Torre'.
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "dos"}
    | {"das", "ten", "ter"}
)
_ET_AL = re.compile(r"\s*(?:,\s*)?\bet\s*al\.?\s*$", re.I)


@dataclass(frozen=True)
class Name:
    """An author: family and given names, or one literal string (an organisation)."""

    family: str
    given: str | None = None
    particle: str | None = None  # 'van der': part of the family name, sorted without it

    @property
    def full_family(self) -> str:
        return f"{self.particle} {self.family}" if self.particle else self.family


@dataclass(frozen=True)
class Citation:
    key: str
    entry_id: str
    title: str
    authors: tuple[Name, ...]
    more_authors: bool  # the list said 'et al.': the authors are not all known
    year: int | None
    date: str | None  # ISO date, as precise as known
    venue: str | None  # the published venue, never a preprint server
    journal: bool  # the venue is a journal (else proceedings)
    doi: str | None
    arxiv_id: str | None
    primary_class: str | None
    url: str | None
    abstract: str | None


def split_name(name: str) -> Name:
    """'Wenxuan Zhang' -> Zhang, Wenxuan; 'Zhang, Wenxuan' too; 'Laurens van der Maaten'."""
    text = " ".join(name.split())
    if "," in text:
        family, _, given = text.partition(",")
        return _with_particle(family.strip(), given.strip() or None)
    words = text.split(" ")
    if len(words) == 1:
        return Name(family=text)
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
    return _with_particle(" ".join(words[start:]), " ".join(words[:start]))


def _with_particle(family: str, given: str | None) -> Name:
    words = family.split(" ")
    lead = [w for w in words[:-1] if w in _PARTICLES]
    if lead and len(lead) == len(words) - 1:
        return Name(family=words[-1], given=given, particle=" ".join(lead))
    return Name(family=family, given=given)


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def title_word(title: str) -> str:
    """The first word of the title that is not a stop word, as key material ('sadtalker')."""
    for word in re.split(r"[\s\-:/]+", title):
        ascii_word = _ascii_word(word)
        if ascii_word and ascii_word not in _KEY_STOPWORDS:
            return ascii_word
    return "paper"


def base_key(authors: Sequence[Name], year: int | None, title: str) -> str:
    year_part = str(year) if year else ""
    family = _ascii_word(authors[0].family) if authors else ""
    word = title_word(title)
    return f"{family}{year_part}{word}" if family else f"{word}{year_part}"


def _suffixes() -> Iterator[str]:
    """'b' to 'z', then 'aa' to 'zz', then numbers: as many as a list's clashes need."""
    letters = string.ascii_lowercase
    yield from letters[1:]
    yield from (first + second for first in letters for second in letters)
    yield from (str(number) for number in count(2))


def assign_keys(citations: Iterable[Citation]) -> list[Citation]:
    """Keys unique within the list: in each clash the oldest paper keeps the bare key."""
    listed = list(citations)
    groups: dict[str, list[int]] = {}
    for index, citation in enumerate(listed):
        groups.setdefault(citation.key, []).append(index)
    taken = set(groups)
    for key, members in groups.items():
        ordered = sorted(members, key=lambda i: (listed[i].date or "9999", listed[i].entry_id))
        suffixes = _suffixes()
        for index in ordered[1:]:
            new = next(f"{key}{suffix}" for suffix in suffixes if f"{key}{suffix}" not in taken)
            taken.add(new)
            listed[index] = replace(listed[index], key=new)
    return listed


def _authors(paper: Paper) -> tuple[tuple[Name, ...], bool]:
    """arXiv's authors, else OpenAlex's, else the list's ('X et al.' marks more)."""
    arxiv = paper.arxiv.record if paper.arxiv is not None else None
    openalex = paper.openalex.record if paper.openalex is not None else None
    if arxiv is not None and arxiv.authors:
        return tuple(split_name(author.name) for author in arxiv.authors), False
    if openalex is not None and openalex.authors:
        return tuple(split_name(author.name) for author in openalex.authors), False
    names, more = [], False
    for author in paper.authors:
        bare = _ET_AL.sub("", author).strip()
        more = more or bare != author.strip()
        if bare:
            names.append(split_name(bare))
    return tuple(names), more


def published_venue(paper: Paper) -> VenueFacts | None:
    """The venue a citation names: never a preprint server.

    OpenAlex's (its published version's) when the venue table knows it, else
    the list's when the table knows that, else whichever is given: OpenAlex
    files ECCV papers under "Lecture notes in computer science", which the
    list's "ECCV" names better.
    """
    openalex = paper.openalex.record if paper.openalex is not None else None
    candidates = [venue_facts(openalex.venue if openalex is not None else None)]
    candidates.append(venue_facts(paper.venue))
    usable = [facts for facts in candidates if facts is not None and facts.kind != "preprint"]
    known = [facts for facts in usable if facts.known]
    return known[0] if known else (usable[0] if usable else None)


def _arxiv_id(paper: Paper) -> str | None:
    arxiv = paper.arxiv.record if paper.arxiv is not None else None
    if arxiv is not None:
        return arxiv.id
    for url in (paper.paper_url, *(link.url for link in paper.links)):
        ref = extract_id(url) if url else None
        if ref is not None:
            return ref.id
    return None


def _doi(paper: Paper) -> str | None:
    openalex = paper.openalex.record if paper.openalex is not None else None
    arxiv = paper.arxiv.record if paper.arxiv is not None else None
    for doi in (openalex.doi if openalex else None, arxiv.doi if arxiv else None):
        if doi:
            return doi
    for url in (paper.paper_url, *(link.url for link in paper.links)):
        doi = extract_doi(url) if url else None
        if doi:
            return doi
    return None


def citation(paper: Paper) -> Citation:
    """The paper's citation with its base key (made unique by :func:`assign_keys`)."""
    arxiv = paper.arxiv.record if paper.arxiv is not None else None
    openalex = paper.openalex.record if paper.openalex is not None else None
    authors, more = _authors(paper)
    date = (
        (openalex.publication_date if openalex is not None else None)
        or (arxiv.published if arxiv is not None else None)
        or (str(paper.year) if paper.year else None)
    )
    year = paper.year or (int(date[:4]) if date else None)
    venue = published_venue(paper)
    return Citation(
        key=base_key(authors, year, paper.title),
        entry_id=paper.id,
        title=paper.title,
        authors=authors,
        more_authors=more,
        year=year,
        date=date,
        venue=venue.name if venue is not None else None,
        journal=venue is not None and venue.kind == "journal",
        doi=_doi(paper),
        arxiv_id=_arxiv_id(paper),
        primary_class=arxiv.primary_category if arxiv is not None else None,
        url=(arxiv.abs_url if arxiv is not None else None) or paper.paper_url,
        abstract=(arxiv.abstract if arxiv is not None else None)
        or (openalex.abstract if openalex is not None else None),
    )


def citations(papers: Iterable[Paper]) -> list[Citation]:
    """Every paper's citation, in the order given, keys unique."""
    return assign_keys(citation(paper) for paper in papers)
