"""Plain text around a paper -> title, venue tag, affiliation and authors.

When no link label or bold text names the paper, the title is the plain text
before the first link, and lists pack more into that text: a numbering
(``12.``), emoji, venue tags (``【ICCV 2023】``, ``(CVPR'23)``, ``[arxiv 2023.05]``),
a trailing affiliation (``Title, Meta Reality Labs``) or authors and venue
(``Title. A. Author, B. Author. CVPR 2023.``). This module splits them off so
the title is only the title.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from enrich.parse.fields.authors import (
    find_et_al,
    is_authors_line,
    looks_like_authors,
    split_authors,
)
from enrich.parse.fields.venue import find_venue, find_year, is_venue_only, leading_venue

_EMOJI_CODE = re.compile(r"(?<![\w:])(?::[a-z0-9_+-]{2,40}:)++(?![\w:])")  # GitHub's ":fire:"
_TAG_WORDS = 8  # a bracketed tag that starts with a dated venue and says little more
_LEADING_YEAR = re.compile(r"\s*(?P<year>(?:19|20)\d{2})\s*[-–—:|]\s*")
_NUMBERING = re.compile(r"^\s*(?:#+\s*)?(?:\d{1,4}[.)]|\(\d{1,4}\))\s+")
_TAG = re.compile(r"【(?P<a>[^】]{1,300})】|\[(?P<b>[^\[\]]{1,60})\]|\((?P<c>[^()]{1,60})\)")
_MIN_LETTERS = 3
_EDGE = " \t,;:|-–—·.*_"
# "(Audio, Lip Synchronization)" after a title: the list's topic tags, not the title.
_TOPIC_TAGS = re.compile(
    r"(?<!\s)\s*\((?:[^(),]{1,60},\s*){1,5}[^(),]{1,60}\)\s*$"
    r"|(?<!\s)\s+\((?:[a-z0-9][\w-]*+\s++){1,6}[a-z0-9][\w-]*+\)\s*$"  # "(text to 3d editing)"
)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]?!])\.\s+(?=\S)")
AFFILIATION_WORDS = re.compile(
    r"\b(?:Universit\w*|Univ\.?|Institut\w*|Lab(?:s|oratory|oratories)?|Research|Inc\.?|"
    r"Google|Meta|Microsoft|NVIDIA|Nvidia|Adobe|Tencent|Alibaba|ByteDance|Baidu|Huawei|Apple|"
    r"Amazon|Snap|Disney|Sony|Samsung|College|School|Academy|Technolog\w*|ETH|MIT|CMU|MPI|"
    r"Max Planck|Centre|Center|Corporation|Corp\.?|DeepMind|OpenAI|Facebook|Intel|Kuaishou|"
    r"SenseTime|Shanghai AI|KAUST|Polytechnic|Department|Dept\.?)\b|大学|学院|研究院|实验室"
)


__all__ = [
    "TitleParts", "balanced", "find_et_al", "is_authors_line", "is_venue_tag",
    "looks_like_authors", "split_authors", "split_plain_title", "strip_symbols",
]  # fmt: skip


@dataclass
class TitleParts:
    title: str = ""
    venue_tags: list[str] = field(default_factory=list)
    affiliation: str | None = None
    authors: tuple[str, ...] = ()


def strip_symbols(text: str) -> str:
    """Emoji, pictographs and emoji codes out, spaces collapsed (``🔥 :star: New`` -> ``New``)."""
    if ":" in text:
        text = _EMOJI_CODE.sub(" ", text)
    if text.isascii():
        return " ".join(text.split())
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in ("So", "Cs", "Mn", "Cf"))
    return " ".join(kept.split())


def split_plain_title(text: str) -> TitleParts:
    """A plain-text title with its numbering, tags, affiliation, authors and venue split off."""
    parts = TitleParts()
    value = _NUMBERING.sub("", strip_symbols(text))
    if year := _LEADING_YEAR.match(value):  # "2005 - [Title](url)", "2014 - Title"
        parts.venue_tags.append(year["year"])
        value = value[year.end() :]
    value = _take_dated_authors(value, parts)
    value = _take_tags(value, parts)
    tag, rest = leading_venue(value)
    if tag and sum(ch.isalpha() for ch in rest) >= _MIN_LETTERS:
        parts.venue_tags.append(tag)
        value = rest
    value = _TOPIC_TAGS.sub("", value)
    value = _take_sentences(value, parts)
    value = _take_affiliation(value, parts)
    parts.title = balanced(value.strip(_EDGE))
    return parts


# "Title (2017), A. Name et al." / "Title (2015), J. Spout" / "Title (2014), A. Brew and N. Leaf."
_DATED_AUTHORS = re.compile(
    r"^(?P<title>.+?)(?<!\s)\s*\((?P<year>(?:19|20)\d{2})\)\s*,\s*(?P<authors>[^,()]+(?:,[^,()]+)*?)\.?\s*$"
)


def _take_dated_authors(value: str, parts: TitleParts) -> str:
    """A year in brackets after the title, then the authors: both split off."""
    match = _DATED_AUTHORS.match(value)
    if match is None or not is_authors_line(match["authors"], alone=True):
        return value
    parts.venue_tags.append(match["year"])
    parts.authors = split_authors(match["authors"])
    return match["title"]


def balanced(text: str) -> str:
    """Drop a leading or trailing bracket left without its partner by the splits above."""
    for opening, closing in ("()", "[]", "{}"):
        if text.endswith(closing) and text.count(opening) < text.count(closing):
            text = text[:-1].strip(_EDGE)
        if text.startswith(opening) and text.count(opening) > text.count(closing):
            text = text[1:].strip(_EDGE)
    return text


def _take_tags(value: str, parts: TitleParts) -> str:
    """Bracketed tags that name a venue or year, or 【】 affiliations, anywhere in the text."""

    def replace(match: re.Match[str]) -> str:
        inner = match["a"] or match["b"] or match["c"] or ""
        if is_venue_tag(inner):
            parts.venue_tags.append(inner.strip())
            return " "
        tag, _ = leading_venue(inner)  # "[CVPR 2022 and AI4CC 2022 (Best Poster)]"
        if tag and not match["c"] and len(inner.split()) <= _TAG_WORDS:
            parts.venue_tags.append(tag)
            return " "
        if match["a"]:
            parts.affiliation = parts.affiliation or inner.strip()
            return " "
        return match.group(0)

    return " ".join(_TAG.sub(replace, value).split())


def is_venue_tag(text: str) -> bool:
    """``CVPR 2023``, ``arxiv 2023.05``, ``2023``, ``2024:``, ``ICCV'23``: a venue or a year."""
    stripped = text.strip().rstrip(":：.").strip()
    return (
        is_venue_only(stripped)
        or bool(re.fullmatch(r"(?:19|20)\d{2}(?:[./-]\d{1,2})?", stripped))
        or bool(
            re.fullmatch(
                r"[A-Z][\w&.-]*(?:\s+[\w&.-]+){0,5}\s+(?:19|20)\d{2}(?:[./-]\d{1,2})?", stripped
            )
        )
    )


def _take_sentences(value: str, parts: TitleParts) -> str:
    """``Title. Authors. Venue Year.``: keep the first sentence, read the others."""
    sentences = _SENTENCE_END.split(value)
    if len(sentences) < 2:
        return value
    rest = sentences[1:]
    if not all(looks_like_authors(s) or _is_venue_sentence(s) for s in rest):
        return value
    for sentence in rest:
        if _is_venue_sentence(sentence):
            parts.venue_tags.append(sentence.strip(" ."))
        elif not parts.authors:
            parts.authors = split_authors(sentence)
    return sentences[0]


def _is_venue_sentence(text: str) -> bool:
    stripped = text.strip(" .,")
    return len(stripped) <= 60 and (find_venue(stripped)[0] is not None or _only_year(stripped))


def _only_year(text: str) -> bool:
    return find_year(text) is not None and not re.search(r"[A-Za-z]{4,}", text.replace("Oral", ""))


def _take_affiliation(value: str, parts: TitleParts) -> str:
    """``Title, University, Lab``: the earliest comma after which every part is an affiliation."""
    pieces = value.split(", ")
    for cut in range(1, len(pieces)):
        tail = pieces[cut:]
        if AFFILIATION_WORDS.search(tail[0]) and all(len(p.split()) <= 8 for p in tail):
            parts.affiliation = parts.affiliation or ", ".join(tail).strip(_EDGE)
            return ", ".join(pieces[:cut])
    return value
