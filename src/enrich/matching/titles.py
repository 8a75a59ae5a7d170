"""Title normalisation and matching: how close is a list's title to a service's (arXiv, OpenAlex)?

Lists and arXiv write the same title differently: LaTeX (``\\emph{}``, ``$\\alpha$``,
``{NeRF}``), curly quotes, accents, case, hyphens (``Audio-Driven`` /
``Audio Driven``) and trailing punctuation. :func:`normalize_title` folds all
of that away so that :mod:`rapidfuzz` compares words, not typography.

Lists also use *labels* rather than titles: a method's short name
("SadTalker") for a paper titled "SadTalker: Learning Realistic 3D Motion
...". :func:`compare` therefore grades a pair by kind, because the kinds carry
different weight: an exact or close title may accept a search hit; a label
equal to the title's head (the method name before a colon) may too; a label
that merely occurs inside a title, or spells its initials, only supports
keeping an explicit link, never accepts a search hit on its own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

_LATEX_COMMAND_WITH_ARG = re.compile(
    r"\\(?:emph|textbf|textit|texttt|textsc|mathrm|mathbf|mathcal|text|mbox)\s*\{([^{}]*)\}"
)
_LATEX_ACCENT = re.compile(r"\\[\"'`^~=.]\{?([A-Za-z])\}?")
_LATEX_ESCAPED = re.compile(r"\\([&%$#_{}])")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+\s*")
_NON_WORD = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
# (?<!\s): a match starts where a run of spaces starts, so a long run is scanned once, not n² times.
_HEAD_SEPARATOR = re.compile(r"(?<!\s)\s*(?::|\s-{1,2}\s|\s—\s|\s–\s)\s*")

STOPWORDS = frozenset(
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or",
        "over", "the", "to", "toward", "towards", "via", "with", "without",
    }
)  # fmt: skip

CLOSE = 0.92  # normalised-title similarity at which two titles are "the same"
RENAMED_MIN_TOKENS = 6  # a title this long may differ by a renamed word or two
RENAMED_MAX_WORDS = 2
RENAMED_MIN_SIMILARITY = 0.75
MAX_HEAD_TOKENS = 2  # a method name ("AD-NeRF"); longer heads are part of the title
MIN_EVIDENCE_NAME = 5  # a method name this long found in a link is not a coincidence


class MatchKind(StrEnum):
    """How a list title relates to an arXiv title, strongest first."""

    EXACT = "exact"  # equal after normalisation
    CLOSE = "close"  # near-identical (typos, plural, punctuation)
    RENAMED = "renamed"  # a long title differing by one or two words
    LABEL_HEAD = "label_head"  # the label is the method name heading the title
    LABEL_IN_TITLE = "label_in_title"  # the label's words occur together in the title
    ACRONYM = "acronym"  # the label spells the initials of the title's words
    NONE = "none"


SEARCH_KINDS = frozenset(
    {MatchKind.EXACT, MatchKind.CLOSE, MatchKind.RENAMED, MatchKind.LABEL_HEAD}
)
"""Kinds strong enough to accept a title-search hit."""


@dataclass(frozen=True)
class TitleMatch:
    kind: MatchKind
    similarity: float  # rapidfuzz ratio of the normalised titles, 0..1

    @property
    def accepts_search_hit(self) -> bool:
        return self.kind in SEARCH_KINDS


def strip_latex(text: str) -> str:
    """LaTeX reduced to readable text (``\\emph{X}`` -> ``X``, ``$\\alpha$`` -> ``alpha``)."""
    if "\\" not in text:  # no command, accent or escape: only the math and group marks go
        return text.replace("$", "").replace("{", "").replace("}", "").replace("~", " ")
    previous = None
    while previous != text:
        previous, text = text, _LATEX_COMMAND_WITH_ARG.sub(r"\1", text)
    text = _LATEX_ACCENT.sub(r"\1", text)
    text = _LATEX_ESCAPED.sub(r"\1", text)
    text = _LATEX_COMMAND.sub(lambda m: m.group(0)[1:], text)
    return text.replace("$", "").replace("{", "").replace("}", "").replace("~", " ")


def fold(text: str) -> str:
    """Unicode NFKD without combining marks, case-folded (``Schrödinger`` -> ``schrodinger``)."""
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no combining marks
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1 << 16)  # pure, and called for the same titles by every source, every pass
def normalize_title(text: str) -> str:
    """Lower-case words separated by single spaces: no LaTeX, punctuation, accents or hyphens."""
    folded = fold(strip_latex(text))
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip()


def tokens(text: str) -> tuple[str, ...]:
    return tuple(normalize_title(text).split())


def content_words(text: str) -> tuple[str, ...]:
    """Normalised words without stop words, in order."""
    return tuple(word for word in tokens(text) if word not in STOPWORDS)


@lru_cache(maxsize=1 << 16)  # pure; asked for the same titles by arXiv and OpenAlex
def split_head(text: str) -> tuple[str | None, str]:
    """``(method name, rest)`` for ``Name: rest`` or ``Name - rest``; ``(None, text)`` otherwise."""
    parts = _HEAD_SEPARATOR.split(strip_latex(text).strip(), maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        return parts[0], parts[1]
    return None, text


def head(text: str) -> str | None:
    """The method name before a colon or dash (``SadTalker: Learning ...`` -> ``SadTalker``)."""
    return split_head(text)[0]


def same_head(a: str, b: str) -> bool:
    """Both titles lead with the same method name (``X: one subtitle`` vs ``X: another``).

    Too weak for a search hit, but enough to confirm an id that a project page
    links: papers keep their method's name when their subtitle changes.
    """
    left, right = head(a), head(b)
    return bool(left and right) and normalize_title(left or "") == normalize_title(right or "")


def similarity(a: str, b: str) -> float:
    """Similarity of two titles after normalisation, 0..1 (order-insensitive for swapped words)."""
    left, right = normalize_title(a), normalize_title(b)
    if not left or not right:
        return 0.0
    return max(fuzz.ratio(left, right), fuzz.token_sort_ratio(left, right)) / 100.0


def _squash(text: str) -> str:
    return normalize_title(text).replace(" ", "")


def _word_edits(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    return int(Levenshtein.distance(list(a), list(b)))


def _is_renamed(list_title: str, arxiv_title: str, score: float) -> bool:
    left, right = tokens(list_title), tokens(arxiv_title)
    if min(len(left), len(right)) < RENAMED_MIN_TOKENS or score < RENAMED_MIN_SIMILARITY:
        return False
    return _word_edits(left, right) <= RENAMED_MAX_WORDS


def _label_in(label: str, title: str) -> bool:
    label_tokens, title_tokens = tokens(label), tokens(title)
    if not label_tokens:
        return False
    n = len(label_tokens)
    windows = (title_tokens[i : i + n] for i in range(len(title_tokens) - n + 1))
    if any(window == label_tokens for window in windows):
        return True
    squashed = _squash(label)
    return len(squashed) >= 4 and any(squashed == word for word in title_tokens)


def _is_acronym(label: str, title: str) -> bool:
    squashed = _squash(label)
    if not 3 <= len(squashed) <= 8 or not squashed.isalpha():
        return False
    words = tokens(title)
    initials = ("".join(w[0] for w in words), "".join(w[0] for w in words if w not in STOPWORDS))
    return any(squashed in letters for letters in initials)


def _label_kind(label: str, arxiv_title: str) -> MatchKind:
    title_head = head(arxiv_title)
    if title_head and _squash(title_head) == _squash(label):
        return MatchKind.LABEL_HEAD
    if _label_in(label, arxiv_title):
        return MatchKind.LABEL_IN_TITLE
    if _is_acronym(label, arxiv_title):
        return MatchKind.ACRONYM
    return MatchKind.NONE


def names_differ(list_title: str, arxiv_title: str, evidence: str = "") -> bool:
    """Both titles name their method before a colon, and the names are not the same.

    "DubtoneGen: Learning 3D Motion Coefficients for ..." and "FacesyncTalker:
    Learning 3D Motion Coefficients for ..." share a subtitle at similarity
    0.88 but are two papers. Lists do sometimes misname a paper's method
    (the seed's "Audio2Motion" is arXiv's "Audio2Gestures"), so the arXiv
    name counts as the same when ``evidence`` (the entry's other links, such
    as a proceedings PDF named ``Li_Audio2Gestures_...``) spells it.
    """
    left, right = head(list_title), head(arxiv_title)
    if not left or not right or _squash(left) == _squash(right):
        return False
    if max(len(tokens(left)), len(tokens(right))) > MAX_HEAD_TOKENS:
        return False  # a long "head" is part of the title, not a method name
    name = _squash(right)
    return not (len(name) >= MIN_EVIDENCE_NAME and name in _squash(evidence))


@lru_cache(maxsize=1 << 16)  # pure, frozen answer; arXiv asks it twice of each linked paper
def compare(list_title: str, arxiv_title: str, evidence: str = "") -> TitleMatch:
    """Grade how ``list_title`` (a title or a short label) relates to ``arxiv_title``.

    ``evidence``: the entry's other links, see :func:`names_differ`.
    """
    score = similarity(list_title, arxiv_title)
    if _squash(list_title) == _squash(arxiv_title):
        return TitleMatch(MatchKind.EXACT, 1.0)
    if names_differ(list_title, arxiv_title, evidence):
        return TitleMatch(MatchKind.NONE, score)
    if score >= CLOSE:
        return TitleMatch(MatchKind.CLOSE, score)
    if _is_renamed(list_title, arxiv_title, score):
        return TitleMatch(MatchKind.RENAMED, score)
    return TitleMatch(_label_kind(list_title, arxiv_title), score)


@lru_cache(maxsize=1 << 16)  # pure; asked for the same titles by arXiv and OpenAlex
def query_terms(title: str) -> tuple[str, ...]:
    """Words to AND in a ``ti:`` search for ``title``.

    The words after a leading method name when there are enough of them (so a
    method renamed between versions is still found), else all content words.
    Only letters and digits survive, so colons, quotes, apostrophes and
    brackets never reach the query.
    """
    title_head, body = split_head(title)
    body_words = content_words(body)
    if title_head and len(tokens(title_head)) <= MAX_HEAD_TOKENS and len(body_words) >= 3:
        return tuple(dict.fromkeys(body_words))
    return tuple(dict.fromkeys(content_words(title)))
