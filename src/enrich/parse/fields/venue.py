"""Venue tags: ``[CVPR 2023]``, ``NeurIPS'18``, ``SIGGRAPH Asia'22`` -> (venue, year).

Lists write the same venue many ways; this module is the one place that knows
them, so papers and researchers' works agree on what "CVPR 2023" means.
"""

from __future__ import annotations

import re

from enrich.venues import short_spellings, table

# Venues whose names have more than one word (from the venue table), so a trailing tag
# such as "Lumos SIGGRAPH Asia 2022" splits into label "Lumos" and tag "SIGGRAPH Asia 2022".
MULTI_WORD_VENUES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        {
            tuple(word.casefold() for word in spelling.split())
            for spelling in short_spellings()
            if " " in spelling
        },
        key=lambda words: (-len(words), words),
    )
)  # longest first: "ACM SIGGRAPH Asia" before "SIGGRAPH Asia"

_SHORT_YEAR = re.compile(r"^(?P<venue>.*?)(?<!\s)\s*['’](?P<yy>\d{2})$")
_LONG_YEAR = re.compile(r"^(?P<venue>.*?)(?<![\s\-_])[\s\-_]*(?P<yyyy>(?:19|20)\d{2})$")
_INNER_YEAR = re.compile(r"(?<![\d.])(?P<yyyy>(?:19|20)\d{2})(?![\d.])")
_TAIL_WORD = re.compile(r"^(?:\S*['’]\d{2}|(?:19|20)\d{2}|[A-Za-z]+(?:19|20)\d{2})$")


def expand_year(two_digits: str) -> int:
    """'18' -> 2018, '99' -> 1999 (lists of this kind start in the 1970s)."""
    value = int(two_digits)
    return 2000 + value if value < 70 else 1900 + value


def parse_venue_tag(tag: str) -> tuple[str | None, int | None]:
    """Venue name and year from a tag; the whole tag is the venue if no year is found."""
    tag = tag.strip()
    if match := _SHORT_YEAR.match(tag):
        return match["venue"].strip() or None, expand_year(match["yy"])
    if match := _LONG_YEAR.match(tag):
        return match["venue"].strip() or None, int(match["yyyy"])
    if match := _INNER_YEAR.search(tag):  # "RSS 2025 Workshop": the venue without its year
        venue = " ".join(f"{tag[: match.start()]} {tag[match.end() :]}".split())
        return venue or None, int(match["yyyy"])
    return tag or None, None


def split_label_and_tag(text: str) -> tuple[str, str | None]:
    """'vid2vid NeurIPS\\'18' -> ('vid2vid', "NeurIPS'18"); no tag -> (text, None)."""
    words = text.split()
    if not words or not _TAIL_WORD.match(words[-1]):
        return text.strip(), None
    start = _tag_start(words)
    label = " ".join(words[:start]).strip()
    tag = " ".join(words[start:])
    return (label or tag), tag


def _tag_start(words: list[str]) -> int:
    """Index of the first word of the trailing venue tag."""
    last = len(words) - 1
    attached = not re.fullmatch(r"(?:19|20)\d{2}", words[last])
    # "CVPR'23" / "CVPR2023" carry the venue in the last word; "CVPR 2023" in the one before.
    venue_end = last if attached else last - 1
    if venue_end < 0:
        return last
    for venue in MULTI_WORD_VENUES:
        first = venue_end - len(venue) + 1
        if first >= 0 and _venue_words_match(words[first : venue_end + 1], venue):
            return first
    return venue_end


def _venue_words_match(words: list[str], venue: tuple[str, ...]) -> bool:
    """True when ``words`` spell ``venue``, ignoring an attached year on the last word."""
    cleaned = [*words[:-1], re.split(r"['’]|(?=(?:19|20)\d{2}$)", words[-1])[0]]
    return tuple(word.casefold() for word in cleaned) == venue


# Venues as lists write them in running text ("CVPR 2023", "(ECCV, 2022)", "NeurIPS'21"):
# the venue table's short spellings (enrich/venues/venues.toml).
KNOWN_VENUES = short_spellings()
_VENUE_ALT = "|".join(re.escape(v) for v in sorted(set(KNOWN_VENUES), key=len, reverse=True))
_IN_TEXT = re.compile(
    rf"(?<![\w-])(?P<venue>{_VENUE_ALT})(?:\s+(?:Workshops?|Findings|Oral|Spotlight|Highlight))?"
    r"\s*(?:['’](?P<yy>\d{2})\b|[\s,.-]*\(?(?P<yyyy>(?:19|20)\d{2})\b)?"
)
_YEAR_IN_TEXT = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?![\d])")


# Venue names that are also plain words ("University of Science", "Nature of ...",
# "MM" in "mm-wave"): a venue only with a year after them (the table's needs_year).
NEEDS_YEAR = table().needs_year


def find_venue(text: str) -> tuple[str | None, int | None]:
    """The first known venue named in running text, with its year when one follows it."""
    for match in _IN_TEXT.finditer(text):
        year = match["yyyy"] or (match["yy"] and expand_year(match["yy"]))
        if year or match["venue"] not in NEEDS_YEAR:
            return match["venue"], int(year) if year else None
    return None, None


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# "Mar., 2023", "Jan, 2024", "Dec 2022", "2023-05", "05/2023", "2023.05.12", "12 May 2023"
_DATE = re.compile(
    rf"^(?:\d{{1,2}}\s+)?{_MONTH}[\s,.]*(?:\d{{1,2}}[\s,]+)?(?:19|20)\d{{2}}$"
    r"|^(?:19|20)\d{2}(?:[./-]\d{1,2}){0,2}$|^\d{1,2}[./-](?:\d{1,2}[./-])?(?:19|20)\d{2}$",
    re.IGNORECASE,
)


def is_date(text: str) -> bool:
    """The text is a date and nothing else (``Mar., 2023``, ``2023-05``), not a venue."""
    return bool(_DATE.match(text.strip(" ()[]")))


def read_venue_text(text: str) -> tuple[str | None, int | None]:
    """A venue column's cell or a venue line: (venue as written, year), the venue kept when unknown.

    ``CVPR 2023`` -> ("CVPR", 2023); ``Mar., 2023`` -> (None, 2023);
    ``ACM Computing Surveys 2023`` -> ("ACM Computing Surveys", 2023).
    """
    stripped = text.strip(" \t,;.|")
    if not stripped:
        return None, None
    venue, year = find_venue(stripped)
    if venue is not None:
        return venue, year or find_year(stripped)
    if is_date(stripped):
        return None, find_year(stripped)
    venue, year = parse_venue_tag(re.sub(r"[./-]\d{1,2}$", "", stripped))
    if venue and not re.search(r"[^\W\d_]{2}", venue):
        venue = None
    return venue, year or find_year(stripped)


def find_year(text: str) -> int | None:
    """A plausible publication year anywhere in the text (``2015``, ``Mar. 2023``, ``2023.05``)."""
    for match in _YEAR_IN_TEXT.finditer(text):
        year = int(match["year"])
        if 1950 <= year <= 2035:
            return year
    return None


def leading_venue(text: str) -> tuple[str | None, str]:
    """``*ICCV 2023* Title`` (emphasis gone): the leading venue tag with a year, and the rest."""
    stripped = text.lstrip()
    match = _IN_TEXT.match(stripped)
    if match is None or not (match["yyyy"] or match["yy"]):
        return None, text
    return match.group(0).strip(), stripped[match.end() :]


_TAG_WORDS_LEFT = 10  # letters a tag may hold besides its venue: "Highlight", "(Oral)"


def is_venue_only(text: str) -> bool:
    """The text is a venue tag and little else (``CVPR 2024, Highlight``), not a title with one."""
    match = _IN_TEXT.search(text)
    if match is None:
        return False
    rest = text[: match.start()] + text[match.end() :]
    return sum(ch.isalpha() for ch in rest) <= _TAG_WORDS_LEFT
