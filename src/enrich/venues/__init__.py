"""The venues of the field, as data: one canonical short name per venue.

Lists write one venue many ways ("ACM MM", "ACMMM", "MM", "ACM Multimedia";
"NIPS" and "NeurIPS"; "TOG" and "ACM TOG"). The table in ``venues.toml`` names
each venue once with its aliases; ``canonical`` maps any spelling of a venue
field to that name, so renderers can filter by venue. Adding a venue is a data
change: one table in the TOML file, no code.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = [
    "Venue",
    "VenueTable",
    "canonical",
    "canonical_or_written",
    "load_table",
    "lookup_key",
    "short_spellings",
    "table",
]


@dataclass(frozen=True, slots=True)
class Venue:
    """One venue of the table."""

    name: str  # canonical short name: "ACM MM", "NeurIPS"
    full: str
    type: str  # conference | journal | workshop | preprint
    aliases: tuple[str, ...]  # spellings as the table writes them, the name first


@dataclass(frozen=True, slots=True)
class VenueTable:
    """Venues by name, and every alias's look-up key to its venue's name."""

    venues: tuple[Venue, ...]
    by_key: dict[str, str]
    needs_year: frozenset[str]  # spellings that are venues in running text only before a year


_TYPES = frozenset({"conference", "journal", "workshop", "preprint"})


def lookup_key(text: str) -> str:
    """A spelling's look-up key: case, accents, spaces and punctuation ignored.

    ``"ACM MM"``, ``"ACMMM"`` and ``"acm-mm"`` share the key ``"acmmm"``.
    """
    folded = unicodedata.normalize("NFKD", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def load_table(text: str) -> VenueTable:
    """Read a venue table; a spelling claimed by two venues is an error, not a silent choice."""
    data = tomllib.loads(text)
    needs_year = frozenset(data.pop("needs_year", ()))
    venues: list[Venue] = []
    by_key: dict[str, str] = {}
    for name, entry in data.items():
        if entry.get("type") not in _TYPES:
            raise ValueError(f"venue {name!r}: type must be one of {sorted(_TYPES)}")
        aliases = (name, *(a for a in entry.get("aliases", ()) if a != name))
        venues.append(Venue(name, entry.get("full", name), entry["type"], aliases))
        for alias in aliases:
            key = lookup_key(alias)
            if not key:
                raise ValueError(f"venue {name!r}: alias {alias!r} has no letters or digits")
            owner = by_key.setdefault(key, name)
            if owner != name:
                raise ValueError(f"alias {alias!r} is claimed by both {owner!r} and {name!r}")
    return VenueTable(tuple(venues), by_key, needs_year)


@cache
def table() -> VenueTable:
    """The venue table shipped with enrich (``enrich/venues/venues.toml``)."""
    return load_table(resources.files(__package__).joinpath("venues.toml").read_text("utf-8"))


def short_spellings() -> tuple[str, ...]:
    """Spellings to look for in running text: short ones, which do not read as title words.

    One-word aliases, each venue's name, and "ACM ..." / "IEEE ..." / "... Workshop"
    names of up to three words; long names ("Pattern Recognition") are left out
    because titles use them as plain words.
    """
    found: dict[str, None] = {}
    for venue in table().venues:
        for alias in venue.aliases:
            words = alias.split()
            if (
                len(words) == 1
                or alias == venue.name
                or (words[0] in ("ACM", "IEEE") and len(words) <= 3)
                or (len(words) == 2 and words[1] == "Workshop")
            ):
                found[alias] = None
                found[alias.upper()] = None  # "SIGGRAPH ASIA 2024", "EUROGRAPHICS"
    return tuple(found)


def canonical_or_written(text: str | None) -> str | None:
    """The canonical name when the table knows the venue, else the venue as written."""
    return canonical(text) or (text.strip() or None if text else None)


# What a venue field may carry besides the venue's name: its year ("2023",
# "'23"), an ordinal ("37th"), a presentation note ("Oral", "(Spotlight)"),
# "Proceedings of the" / "In" before it.
_YEAR = re.compile(r"['’]\d{2}\b|(?<!\d)(?:19|20)\d{2}(?:[./-]\d{1,2}){0,2}(?!\d)")  # "2023.05"
_NOTE = re.compile(
    r"\b(?:oral|spotlight|highlight|poster|best\s+paper(?:\s+award)?(?:\s+candidate)?|"
    r"award\s+candidate|accepted|main\s+track|main\s+conference|long\s+paper|short\s+paper|"
    r"full\s+paper|selected\s+paper|journal\s+track|presentation|demo)\b",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^\s*(?:in\s+|proceedings\s+of\s+(?:the\s+)?|proc\.\s+(?:of\s+)?(?:the\s+)?)+",
                   re.IGNORECASE)  # fmt: skip
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]*)\)")
_ATTACHED_YY = re.compile(r"(?<=[A-Za-z])\d{2}\s*$")  # "CVPR23"
_PUBLISHER = re.compile(r"^\s*(?:ieee/cvf|ieee/acm|ieee|acm|cvf)\b\s*", re.IGNORECASE)


@lru_cache(maxsize=1 << 14)  # pure; a list names a few hundred venues, 10,000 times over
def canonical(text: str | None) -> str | None:
    """The canonical short name of the venue ``text`` names, or None when the table lacks it.

    ``"ACMMM 2023"`` -> ``"ACM MM"``, ``"NIPS'18"`` -> ``"NeurIPS"``, ``"CVPR 2024 (Highlight)"``
    -> ``"CVPR"``, ``"Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern
    Recognition"`` -> ``"CVPR"``, ``"Journal of Unknown Things"`` -> None.
    """
    if not text:
        return None
    by_key = table().by_key
    for candidate in _candidates(text):
        if name := by_key.get(lookup_key(candidate)):
            return name
    return None


def _candidates(text: str) -> list[str]:
    """Spellings to look up, the text as written first, then with its extras removed."""
    bare = _NOTE.sub(" ", _ORDINAL.sub(" ", _YEAR.sub(" ", _LEAD.sub("", text))))
    outside = _PAREN.sub(" ", bare)
    unpublished = _PUBLISHER.sub("", outside)
    found = [text, bare, outside, unpublished, _ATTACHED_YY.sub("", unpublished)]
    # "Neural Information Processing Systems (NeurIPS)": the short name in brackets.
    found += [inner for inner in _PAREN.findall(bare) if inner.strip()]
    return found
