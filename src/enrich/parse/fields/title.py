"""A paper entry's title: the paper link's label, bold text, the structure's title, or plain text.

Also the venue tag before it (``[CVPR 2023]``, ``<b>(ICCV 2025)</b>``), a topic
label (``text-to-3d generation: [Title](url)``), what follows a title link
(``: rest of the title``, ``, Liu et al., ICCV 2023``, ``(Mar., 2024)``) and
``X et al`` labels whose title follows them.
"""

from __future__ import annotations

import re

from enrich.parse.blocks.pieces import Link, Piece, Text
from enrich.parse.entries.candidate import Candidate
from enrich.parse.fields.authors import et_al_start
from enrich.parse.fields.draft import PaperFields
from enrich.parse.fields.plain_text import (
    AFFILIATION_WORDS,
    find_et_al,
    is_authors_line,
    split_authors,
    split_plain_title,
    strip_symbols,
)
from enrich.parse.fields.venue import find_venue, find_year, parse_venue_tag
from enrich.parse.links.roles import is_role_label
from enrich.parse.links.urls import is_anchor

_PREFIX = re.compile(r"^\s*\[(?P<tag>[^\[\]]{1,60})\]\s*")
_DESCRIPTION_SEPARATOR = re.compile(r"^\s*(?:[-–—|]|\bby\b)")
_TITLE_GOES_ON = re.compile(r"^\s*:\s*(?P<rest>[^,]+)")
_MIN_TITLE_LETTERS = 3
# (?<!\s) and possessive names below: a long run of spaces or letters is scanned once (linear).
_BRACKETED = re.compile(r"(?<!\s)\s*[(\[【](?P<tag>[^()\[\]【】]{1,40})[)\]】]\s*")
TRAILING_ET_AL = re.compile(
    r"[,.]?(?<!\s)\s+(?P<authors>(?:[A-Z][^\s,;()\[\]]*+\s++){0,3}[A-Z][^\s,;()\[\]]*+\s++"
    r"et\.?\s+al)\.?$"
)
THREE_LETTERS = re.compile(r"[^\W\d_](?:.*?[^\W\d_]){2}", re.S)
# A label that can name a paper: three letters, or a short name with digits ("H2O", "S3D").
_NAMING = re.compile(r"[^\W\d_](?:.*?[^\W\d_]){2}|^\W*(?=\w*[^\W\d_])\w{3,}\W*$", re.S)
_DATED_PAREN = re.compile(r"\((?:[^()]{0,30}?[\s,.])?(?:19|20)\d{2}\)")
# "[Title](url). IEEE Face and Gesture, 2023.": a venue we do not know by name, then its year
_UNKNOWN_VENUE = re.compile(r"(?P<venue>[A-Z][\w&/+ -]{1,50}?),?\s+(?P<year>(?:19|20)\d{2})")
_LEADING_TAG = re.compile(r"^\s*[【\[(][^】\])]{1,40}[】\])]\s*")
_ET_AL_LABEL = re.compile(r"[\w'’ -]{1,40}\bet\.? al\.?")


def take_prefix(pieces: list[Piece], fields: PaperFields) -> None:
    """A leading ``[CVPR 2023]``, or leading text that is only tags (``(ArXiv 2025)``, ``12.``)."""
    if not pieces or not isinstance(pieces[0], Text):
        return
    if pieces[0].text.lstrip().startswith("|"):  # a pipe-table row CommonMark did not take
        cells = [cell.strip() for cell in pieces[0].text.split("|") if cell.strip()]
        pieces[0] = Text(cells[0] if cells else "")
    if (tag := _BRACKETED.fullmatch(pieces[0].text)) and len(pieces) > 1:
        fields.venue, fields.year = parse_venue_tag(tag["tag"])  # "(Neurocomputing) <a>Title</a>"
        del pieces[0]
        return
    match = _PREFIX.match(pieces[0].text)
    if match:
        fields.venue, fields.year = parse_venue_tag(match["tag"])
        rest = pieces[0].text[match.end() :]
        pieces[0:1] = [Text(rest)] if rest.strip() else []
    if (
        len(pieces) > 1
        and isinstance(pieces[0], Text)
        and pieces[0].text.rstrip().endswith(":")
        and is_title_link(pieces[1])
    ):
        del pieces[0]  # "text-to-3d generation: [Title](url)": a topic before the title
    if pieces and isinstance(pieces[0], Text):
        parts = split_plain_title(pieces[0].text)
        if sum(ch.isalpha() for ch in parts.title) < _MIN_TITLE_LETTERS:
            absorb_tags(parts.venue_tags, fields)
            del pieces[0]


def is_title_link(piece: Piece) -> bool:
    return (
        isinstance(piece, Link)
        and not piece.images
        and not is_anchor(piece.href)
        and _NAMING.search(piece.text) is not None
        and not is_role_label(strip_symbols(piece.text))
    )


def take_title(pieces: list[Piece], candidate: Candidate, fields: PaperFields) -> None:
    """Link label, else bold, else the structure's title, else plain text before the links."""
    first = pieces[0] if pieces else None
    if first is not None and is_title_link(first):
        assert isinstance(first, Link)
        fields.title, fields.title_url = strip_symbols(first.text), first.href
        del pieces[0]
        _take_after_title(pieces, fields)
        return
    bold = _leading_bold(pieces, candidate.bold)
    if bold or candidate.hints.title:
        parts = split_plain_title(bold or candidate.hints.title or "")
        fields.title = parts.title
        absorb_tags(parts.venue_tags, fields)
        fields.affiliation = parts.affiliation
        fields.authors = parts.authors
        if bold:
            _drop_text(pieces, bold)
            _title_after_nickname(pieces, bold, fields)
        return
    _take_plain_title(pieces, fields)


_NICKNAME_WORDS = 3  # "**CaMN** BEAT: A Large-Scale ...": a method's short name before the title
_TITLE_WORDS = 4


def _title_after_nickname(pieces: list[Piece], bold: str, fields: PaperFields) -> None:
    """A short bold name followed by the paper's own title: the title is the text after it."""
    if len(bold.split()) > _NICKNAME_WORDS:
        return
    for index, piece in enumerate(pieces):
        if isinstance(piece, Link):
            return
        if isinstance(piece, Text) and piece.text.strip():
            text = strip_symbols(piece.text).lstrip(" -–—:|")
            parts = split_plain_title(text)
            words = parts.title.split()
            if (
                len(words) >= _TITLE_WORDS
                and _LEADING_TAG.sub("", text)[:1].isupper()
                and not is_authors_line(parts.title)
            ):
                fields.title = parts.title
                absorb_tags(parts.venue_tags, fields)
                fields.authors = fields.authors or parts.authors
                del pieces[index]
            return


def _leading_bold(pieces: list[Piece], bold: tuple[str, ...]) -> str | None:
    """The first bold text when the entry's own text starts with it (``**Title.**``)."""
    head = next((p.text for p in pieces if isinstance(p, Text) and p.text.strip()), "")
    head = _LEADING_TAG.sub("", head)  # "【EUROGRAPHICS 2020】 **StyleGestures** ..."
    for text in bold[:1]:
        cleaned = strip_symbols(text).strip(" .:")
        if _BRACKETED.fullmatch(cleaned):
            return None  # "<b>(CVPR 2023)</b>": a venue tag in bold, not a title
        if sum(ch.isalpha() for ch in cleaned) >= _MIN_TITLE_LETTERS and strip_symbols(
            head
        ).startswith(strip_symbols(text)[:20]):
            return text
    return None


def _drop_text(pieces: list[Piece], text: str) -> None:
    for index, piece in enumerate(pieces):
        if isinstance(piece, Text) and text in piece.text:
            rest = piece.text.replace(text, " ", 1)
            pieces[index] = Text(rest)
            return


def _take_plain_title(pieces: list[Piece], fields: PaperFields) -> None:
    """The first text with letters, before any link that is itself titled."""
    for index, piece in enumerate(pieces):
        if isinstance(piece, Link) and is_title_link(piece):
            return
        if isinstance(piece, Text):
            parts = split_plain_title(piece.text)
            if sum(ch.isalpha() for ch in parts.title) >= _MIN_TITLE_LETTERS:
                fields.title = parts.title
                absorb_tags(parts.venue_tags, fields)
                fields.affiliation = parts.affiliation
                fields.authors = parts.authors
                del pieces[index]
                return


def _take_after_title(pieces: list[Piece], fields: PaperFields) -> None:
    """Text right after the title link: ``: rest of title``, authors, venue, affiliation."""
    if not pieces or not isinstance(pieces[0], Text):
        return
    text = pieces.pop(0).text  # type: ignore[union-attr]
    if ":" in text:
        text = strip_symbols(text)  # "[Title](url) :new:": an emoji code, not ": rest of title"
    if goes_on := _TITLE_GOES_ON.match(text):
        rest, end = goes_on["rest"].strip(), goes_on.end()
        author = et_al_start(text)
        if author is not None and author > end:  # ": People, Places, and Cameras, Müller et al."
            rest, end = text[text.index(":") + 1 : author].strip(" ,"), author
        if _ET_AL_LABEL.fullmatch(fields.title):  # <a>Zhu et al</a>: Human Motion Generation
            fields.authors, fields.title = (fields.title.rstrip(".") + ".",), rest
        elif rest.casefold().startswith(fields.title.casefold() + ":"):
            fields.title = rest  # <a>InsActor</a>: InsActor: Instruction-driven ...
        else:
            fields.title = f"{fields.title}: {rest}"
        text = text[end:]
    elif _ET_AL_LABEL.fullmatch(fields.title) and THREE_LETTERS.search(text):
        rest = find_et_al(text)[1].strip(" ,.:")  # <a>Leite et al.</a> Title, Leite et al.
        fields.authors, fields.title, text = (fields.title.rstrip(".") + ".",), rest, ""
    if _DESCRIPTION_SEPARATOR.match(text):
        fields.texts.append(text)
        return
    et_al, text = find_et_al(text)
    if et_al:
        fields.authors = (et_al,)
    for dated in _DATED_PAREN.finditer(text):  # "(Dec., 2023)", "(CVPR, 2024)"
        fields.texts.append(dated.group(0))
    text = _DATED_PAREN.sub(" ", text)
    venue, _ = find_venue(text)
    if venue is not None:
        fields.texts.append(text)
        text = text[: text.find(venue)]
    rest = text.strip().strip(",;|.[](){}【】 ").strip()  # "[Title](url) [ACMMM 2022]": no "["
    unknown = _UNKNOWN_VENUE.fullmatch(rest) if venue is None else None
    if unknown and not AFFILIATION_WORDS.search(rest) and fields.venue is None:
        fields.venue, fields.year = unknown["venue"], int(unknown["year"])  # ". VRST, 2020."
        return
    if rest and not fields.authors and not AFFILIATION_WORDS.search(rest) and is_authors_line(rest):
        fields.authors = split_authors(rest)  # ", Pane and Sill, Arxiv 2020"
        return
    fields.affiliation = rest or None


def absorb_tags(tags: list[str], fields: PaperFields) -> None:
    for tag in tags:
        if fields.venue is None and fields.year is None:
            venue, year = find_venue(tag)
            if venue is None:  # "[ACM Computing Surveys 2023]": a venue we do not know by name
                venue, year = parse_venue_tag(re.sub(r"[./-]\d{1,2}$", "", tag.strip()))
                venue = venue if venue and re.search(r"[A-Za-z]{2}", venue) else None
            fields.venue, fields.year = venue, year or find_year(tag)
