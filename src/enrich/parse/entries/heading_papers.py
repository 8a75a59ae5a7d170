"""One heading per paper: ``### 12. Title [CVPR 2023]`` with its author line and links below.

Some lists give every paper its own heading, followed by an author line, a
``<details>`` abstract and a links line (``[📄 Paper] | [💻 Code]``). Such a
heading is a paper, not a section: it must not change the section path or
its kind (a paper titled "... Datasets ..." is not a dataset section). A
heading is taken as a paper when the blocks under it (up to the next
heading or table) name no paper of their own and it is numbered, or they
carry links that are all role links.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from enrich.parse.blocks.pieces import Link, Piece
from enrich.parse.blocks.sections import category_of
from enrich.parse.blocks.walk import Block, Heading, Item, Paragraph, Table
from enrich.parse.entries.segments import brings_title
from enrich.parse.fields.plain_text import strip_symbols
from enrich.parse.links.roles import is_role_label

_QUALIFIER = re.compile(r"\([^()]*\)")
_MORE_LINK_WORDS = frozenset({"preprint", "manuscript", "technical report", "tech report"})
_EMOJI_LED = re.compile(r"^\s*[^\w\s\[\](){}<>\"'`*_~.,:;!?#@&%$^+=|/\\-]")
_SHORT_LABEL_WORDS = 3
_NUMBER = re.compile(r"^\s*\d{1,4}[.)]\s+")
_NUMBERED = re.compile(r"^\s*\d{1,4}[.)]\s+\S")
_MIN_TITLE_WORDS = 2
_SECTION_WORDS = 4


def paper_heading_end(blocks: list[Block], index: int) -> int | None:
    """The index after the heading's own blocks when the heading is a paper, else None."""
    heading = blocks[index]
    assert isinstance(heading, Heading)
    title = strip_symbols(heading.title)
    words = len(_NUMBER.sub("", title).split())  # "4. Pipelines" is one word, a section
    if words < _MIN_TITLE_WORDS or (category_of((title,)) is not None and words <= _SECTION_WORDS):
        return None  # "Datasets", "Related Work": a section; a long title naming one is a paper
    if any(isinstance(p, Link) for p in heading.pieces):
        return None
    end = index + 1
    while end < len(blocks) and not isinstance(blocks[end], Heading | Table):
        end += 1  # a table after the paper's own lines belongs to the enclosing section
    under = blocks[index + 1 : end]
    if not under or any(_names_paper(b) for b in under):
        return None
    links = [
        p for b in under if isinstance(b, Item | Paragraph) for p in b.pieces if isinstance(p, Link)
    ]
    role_links = bool(links) and all(is_link_label(link.text) for link in links)
    return end if _NUMBERED.match(title) or role_links else None


def is_link_label(label: str) -> bool:
    """``[📄 Paper]``, ``[📄 Preprint]``, ``[📄 Paper (Low Resolution)]``, ``[💻 Code (Growth)]``.

    A role word, once a qualifier in parentheses is set aside, or a label that
    an emoji marks as a link of the links line (titles carry no leading emoji there).
    """
    cleaned = strip_symbols(label)
    bare = _QUALIFIER.sub(" ", cleaned).strip()
    return (
        is_role_label(cleaned)
        or is_role_label(bare)
        or bare.casefold() in _MORE_LINK_WORDS
        or (_EMOJI_LED.match(label) is not None and len(bare.split()) <= _SHORT_LABEL_WORDS)
    )


def unfamiliar_links_line(lines: Sequence[tuple[int, list[Piece]]]) -> int | None:
    """The links line, when its first label is a link label we know only by its look.

    ``[📄 Preprint](..)``, ``[📄 Paper (Low Resolution)](..)``: the entry is
    reported at that line, where a reader finds what made it a paper; with
    plain role labels (``[📄 Paper]``) it is reported at its heading.
    """
    for number, pieces in lines:
        labels = [p.text for p in pieces if isinstance(p, Link)]
        if labels and all(map(is_link_label, labels)):
            return None if is_role_label(strip_symbols(labels[0])) else number
    return None


def _names_paper(block: Block) -> bool:
    """A block with a line that names a paper by a link of its own."""
    if not isinstance(block, Item | Paragraph):
        return False
    lines = block.lines or ((0, block.pieces),)
    if not any(isinstance(p, Link) for p in block.pieces):
        return False
    return any(brings_title(_known_labels(pieces)) for _, pieces in lines)


def _known_labels(pieces: list[Piece]) -> list[Piece]:
    """``[📄 Preprint](..)`` read as the link label it is, not as a title."""
    return [
        replace(p, text="link") if isinstance(p, Link) and is_link_label(p.text) else p
        for p in pieces
    ]
