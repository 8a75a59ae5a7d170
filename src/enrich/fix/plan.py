"""Which safe edits the last run's findings allow, line by line. Pure: no file, no network.

Only mechanical fixes whose correctness the run established are planned, each
from a finding that carries its replacement (``suggestion``):

- ``page-moved`` (a permanent redirect) and ``page-https`` (an ``http://``
  link served from the same ``https://`` URL): the page link becomes the URL
  the redirect ended at;
- ``repo-renamed``: the old ``owner/name`` becomes the current one in GitHub
  links and in shields.io badges;
- ``arxiv-wrong-paper``: the link to another paper becomes the sure title match
  (the arXiv source replaces a link only when the match is sure);
- ``code-link-missing``: a ``[Code](...)`` link is added (only raised when the
  repository was found with high confidence).

Every edit names the text it expects on the line, so a list changed since
the run, or already fixed, is left alone: that is what makes ``fix``
idempotent. A replacement is server text, so only a plain http(s) URL
(:mod:`enrich.identity.web`) or a valid ``owner/name`` is written; anything
else is a :class:`Refused` edit, reported and not made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from enrich.identity.github import make_ref
from enrich.identity.web import for_syntax, plain_url
from enrich.models import DataWarning, EnrichedList, EntryBase, Paper, SlotBase

# How a page link got into the run: only links the list itself holds can be edited.
LIST_LINK_METHODS = frozenset({"project_page_link", "link", "homepage"})
FIXABLE = frozenset(
    {"page-moved", "page-https", "repo-renamed", "arxiv-wrong-paper", "code-link-missing"}
)
_URL_END = r"(?=[)\s>\"'\]]|$)"  # a URL in Markdown or HTML ends at one of these


@dataclass(frozen=True)
class Replace:
    """Replace the matches of ``pattern`` on ``line`` by ``new`` (after a ``keep`` group).

    With ``once``, a line where the pattern matches more than once is left
    alone: two entries on one line (a researcher's works) may share a link, and
    only one of them is wrong. With ``url``, ``new`` is a plain URL written as
    the syntax before each match needs (:func:`enrich.identity.web.for_syntax`).
    """

    line: int
    code: str
    pattern: re.Pattern[str]
    new: str
    once: bool = True
    url: bool = False

    def ambiguous(self, text: str) -> bool:
        return self.once and len(self.pattern.findall(text)) > 1

    def apply(self, text: str) -> str:
        if self.ambiguous(text):
            return text
        keep = "keep" in self.pattern.groupindex
        return self.pattern.sub(lambda m: (m.group("keep") if keep else "") + self._new(m), text)

    def _new(self, match: re.Match[str]) -> str:
        if not self.url:
            return self.new
        at = match.start()
        return for_syntax(self.new, match.string[at - 1] if at else "")


@dataclass(frozen=True)
class AddCode:
    """Add a Code link to ``line`` unless the line already has ``url``."""

    line: int
    code: str
    url: str


@dataclass(frozen=True)
class Refused:
    """A finding's replacement that is not safe to write (``why``): reported, never made."""

    line: int
    code: str
    why: str


Edit = Replace | AddCode | Refused


def planned_edits(document: EnrichedList) -> list[Edit]:
    """The edits the document's fixable findings allow, in warning order."""
    entries = {entry.id: entry for entry in document.all_entries()}
    edits: list[Edit] = []
    for warning in document.warnings:
        entry = entries.get(warning.entry_id or "")
        if warning.code in FIXABLE and warning.suggestion and entry is not None:
            edits.extend(_edits(warning, entry, warning.suggestion))
    return edits


def _edits(warning: DataWarning, entry: EntryBase, new: str) -> Iterator[Edit]:
    line, code = entry.line, warning.code
    plain = plain_url(new)
    if code in ("page-moved", "page-https"):
        old = _page_link(entry)
        if old is not None and old != new:
            yield _replace_url(line, code, old, new, plain)
    elif code == "repo-renamed":
        slot = getattr(entry, "github", None)
        record = getattr(slot, "record", None)
        if record is not None and record.renamed_from:
            yield from _renamed(line, record.renamed_from, record.full_name)
    elif code == "arxiv-wrong-paper":
        old = entry.paper_url if isinstance(entry, Paper) else getattr(entry, "url", None)
        if old:
            yield _replace_url(line, code, old, new, plain)
    elif code == "code-link-missing" and isinstance(entry, Paper) and not entry.code_url:
        yield AddCode(line, code, plain) if plain else Refused(line, code, _not_plain(new))


def _replace_url(line: int, code: str, old: str, new: str, plain: str | None) -> Edit:
    if plain is None:
        return Refused(line, code, _not_plain(new))
    return Replace(line, code, _url(old), plain, url=True)


def _not_plain(new: str) -> str:
    return f"the suggested URL {new[:200]!r} is not a plain http(s) URL; not written"


def _page_link(entry: EntryBase) -> str | None:
    """The page URL as the list writes it, when the list is where the run got it."""
    for name in ("project_page", "page", "homepage_page"):
        slot = getattr(entry, name, None)
        provenance = slot.provenance if isinstance(slot, SlotBase) else None
        if provenance is not None and provenance.method in LIST_LINK_METHODS:
            return provenance.source_url
    return None


def _url(old: str) -> re.Pattern[str]:
    return re.compile(r"(?:(?<=[(<\"'\s=])|^)" + re.escape(old) + _URL_END)


def _renamed(line: int, old: str, new: str) -> Iterator[Edit]:
    """The old name in GitHub links and badge paths (any case, as GitHub ignores case)."""
    owner, _, repo = new.partition("/")
    if make_ref(owner, repo) is None or new.lower().endswith(".git"):
        why = f"{new[:200]!r} is not a GitHub owner/name; not written"
        yield Refused(line, "repo-renamed", why)
        return
    name = re.escape(old)
    end = r"(?=[/?#)\s>\"']|\.svg|\.git\b|$)"
    link = re.compile(rf"(?<=github\.com/){name}{end}", re.I)
    yield Replace(line, "repo-renamed", link, new, once=False)
    badge = re.compile(rf"(?<=img\.shields\.io/github/)(?P<keep>[\w-]+/){name}{end}", re.I)
    yield Replace(line, "repo-renamed", badge, new, once=False)
