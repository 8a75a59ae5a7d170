"""Author lists in the forms lists write them.

``A. Author, B. Author``, ``A and B``, ``A & B``, ``X et al.``, one author
alone, names starting lower-case or with a non-ASCII letter (``noel Hand``,
``Özge Kaya``), runs of initials (``Gorla V N S L Vishnu``), affiliation marks
(``Xiaoxiao Long1,3,*``, ``Jiawei Ren*``, ``Ziwei Liu†``), BibTeX order
(``Zhang, Richard and Isola, Phillip``), surname-initials pairs (``Wiles, O.,
Koepke, A.S.``) and a first author in surname order (``Franceschi, Jean-Yves,
Aymeric Dieuleveut, and Martin Jaggi``).
"""

from __future__ import annotations

import re

# Names start at a word's start and never give back letters or spaces (possessive): linear.
# Any spelling of a surname ("Ara´ujo et al", "M{\\“u}ller et al"), a comma before "et al" too;
# a name starts only after a separator and never gives back (possessive): linear.
_ET_AL = re.compile(
    r"(?<![^\s,;()\[\]])(?P<authors>(?:[A-Z][^\s,;()\[\]]*+\s++){0,3}[A-Z][^\s,;()\[\]]*+),?\s++"
    r"et\.?\s+al\b\.?"
)
_AUTHORS_PREFIX = re.compile(r"^\s*\**\s*authors?\s*\**\s*[:：]\s*", re.I)
# Affiliation and equal-contribution marks after a name: "Long1,3,6,*", "Ren*", "Liu†".
_MARK_ENDS = re.compile(r"(?<=[^\W\d_])\d{1,2}[*†‡]*+\s++(?=\S)")  # a name's end: "Lei1 "
_MIN_MARK_ENDS = 2  # "GPT4 Team" is one name, not two
_SYMBOL_MARKS = re.compile(r"[*†‡§¶✉#]+")
_DIGIT_MARKS = re.compile(r"(?:(?<=[^\W\d_])|\s++)\d{1,2}(?:\s*,\s*\d{1,2})*+(?=\s*(?:,|$))")
_BROKEN_LINK = re.compile(r"\]\([^)]*\)|[\[\]]")  # "Divi Schmidt](url)": a link half written
_SEPARATORS = re.compile(r",\s*(?:and\s+|&\s*)?|(?<!\s)\s+and\s+|(?<!\s)\s+&\s+|;\s*|；|、")
_LAST_INITIAL = re.compile(r"(?:^|\s|\.)[A-Z]\.$")  # "Efros, Alexei A.": the dot is the name's
_INITIALS = re.compile(r"(?:[A-Z]\.\s?-?)+[A-Z]?\.?|[A-Z]")
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del",
                        "dos", "das", "bin", "al", "el", "ter", "ten", "zu", "y"})  # fmt: skip
# Words of titles and sentences that are no part of a name.
_NOT_NAME_WORDS = frozenset({
    "for", "of", "the", "with", "in", "on", "to", "a", "an", "via", "from", "by", "using",
    "towards", "toward", "or", "is", "are", "we", "our", "at", "into", "under", "without",
    "through", "learning", "network", "networks", "model", "models", "paper", "code",
    "university", "institute", "lab", "laboratory", "research", "inc",
})  # fmt: skip
_MAX_NAME_WORDS = 6


def is_name(text: str) -> bool:
    """One person's name: 1-6 words of letters (any script), one of them capitalised."""
    words = text.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS:
        return False
    capitalised = False
    for word in words:
        core = word.strip(".'’-")
        if not core or not all(ch.isalpha() or ch in ".'’-" for ch in core):
            return False
        if len(core) > 1 and core.casefold() in _NOT_NAME_WORDS:  # "A." is an initial
            return False
        if core[0].isupper():
            capitalised = True
        elif core not in _PARTICLES and len(words) == 1:
            return False
    return capitalised


def is_lone_name(text: str) -> bool:
    """A line that is one name and nothing else: 2-4 capitalised words or initials."""
    words = clean(text).split()
    return (
        2 <= len(words) <= 4
        and is_name(" ".join(words))
        and all(word[0].isupper() or word in _PARTICLES for word in words)
    )


def unmarked(name: str) -> str:
    """A name without affiliation and equal-contribution marks (``Liu1*`` -> ``Liu``)."""
    return _DIGIT_MARKS.sub("", _SYMBOL_MARKS.sub("", name))


def clean(text: str) -> str:
    """The author text without its prefix, marks and broken link syntax."""
    stripped = _AUTHORS_PREFIX.sub("", text)
    stripped = _BROKEN_LINK.sub("", stripped)
    stripped = unmarked(stripped).strip(" *_,")
    return stripped if _LAST_INITIAL.search(stripped) else stripped.rstrip(" .")


def _parts(text: str) -> list[str]:
    return [" ".join(part.split()) for part in _SEPARATORS.split(text) if part.strip(" .*,")]


def looks_like_authors(text: str, alone: bool = False) -> bool:
    """A list of names or ``X et al.``; ``alone``: one name counts (a line of its own)."""
    stripped = clean(text)
    if not stripped:
        return False
    if _ET_AL.fullmatch(stripped) or _ET_AL.fullmatch(stripped + "."):
        return True
    names = split_authors(stripped)
    if alone and len(names) == 1:
        return is_lone_name(names[0])
    return len(names) >= 2 and all(is_name(name) for name in names)


def split_authors(text: str) -> tuple[str, ...]:
    """Author names in list order (``X et al.`` kept as one name)."""
    if "," not in text and ";" not in text:  # "Jiahui Lei1 Yufu Wang1 Georgios Pavlakos2 ..."
        marked, ends = _MARK_ENDS.subn(", ", text)
        text = marked if ends >= _MIN_MARK_ENDS else text
    stripped = clean(text)
    if bibtex := _bibtex_order(stripped):
        return bibtex
    parts = _parts(stripped)
    names = _surname_pairs(parts) or _surname_first(parts) or _two_word_run(parts) or parts
    return tuple(name + "." if name.endswith(" et al") else name for name in names)


def _bibtex_order(text: str) -> tuple[str, ...] | None:
    """``Zhang, Richard and Isola, Phillip and Efros, Alexei A.``: each name turned round."""
    names = re.split(r"(?<!\s)\s+and\s+", text)  # (?<!\s): linear on long runs of spaces
    if len(names) < 2 or not all(name.count(",") == 1 for name in names):
        return None
    turned = []
    for name in names:
        surname, given = (part.strip() for part in name.split(","))
        if not (surname and given and is_name(surname) and is_name(given)):
            return None
        turned.append(f"{given} {surname}")
    return tuple(turned)


def _surname_pairs(parts: list[str]) -> list[str] | None:
    """``Wiles, O., Koepke, A.S., Zisserman, A.``: surname then initials, pair by pair."""
    if len(parts) < 4 or len(parts) % 2:
        return None
    surnames, initials = parts[0::2], parts[1::2]
    if not all(_INITIALS.fullmatch(i.replace(" ", "")) for i in initials):
        return None
    if any(_INITIALS.fullmatch(s.replace(" ", "")) for s in surnames):
        return None
    return [f"{_dotted(i)} {s}" for s, i in zip(surnames, initials, strict=True)]


def _dotted(initials: str) -> str:
    compact = initials.replace(" ", "")
    return compact if compact.endswith(".") else compact + "."


def _surname_first(parts: list[str]) -> list[str] | None:
    """``Franceschi, Jean-Yves, Aymeric Dieuleveut, and Martin Jaggi``: the first name turned."""
    if len(parts) < 3 or len(parts[0].split()) != 1 or len(parts[1].split()) != 1:
        return None
    if not all(len(part.split()) >= 2 for part in parts[2:]):
        return None
    return [f"{parts[1]} {parts[0]}", *parts[2:]]


_RUN_WORDS = 6


def _two_word_run(parts: list[str]) -> list[str] | None:
    """``Jiawei Ren* Liang Pan* Jiaxiang Tang Chi Zhang``: names with no separator, two words each.

    Only a run of capitalised words of even length, too long for one name.
    """
    words = parts[0].split() if len(parts) == 1 else []
    if len(words) < _RUN_WORDS or len(words) % 2 or not is_name(" ".join(words[:2])):
        return None
    if not all(word[0].isupper() and word.replace("-", "").isalpha() for word in words):
        return None
    return [f"{first} {last}" for first, last in zip(words[0::2], words[1::2], strict=True)]


def et_al_start(text: str) -> int | None:
    """Where ``X et al.`` starts in the text, if it names authors so."""
    match = _ET_AL.search(text)
    return match.start() if match else None


def find_et_al(text: str) -> tuple[str, str]:
    """(``Author et al.``, text without it); ('', text) when absent."""
    match = _ET_AL.search(text)
    if not match:
        return "", text
    authors = unmarked(match["authors"]).strip() + " et al."  # "Tripathi1 et al." -> "Tripathi"
    return authors, text[: match.start()] + " " + text[match.end() :]


def is_authors_line(text: str, alone: bool = False) -> bool:
    """An ``Authors: ...`` line or a list of names (one name when ``alone``)."""
    return bool(_AUTHORS_PREFIX.match(text)) or looks_like_authors(text, alone)
