"""Score the parser's entries against the labels: one :class:`Check` per label and field.

Matching is by list and line: a label owns the lines ``entry_line..end_line``
and the parser entry whose ``line`` falls there is its entry (the one on
``entry_line`` first, then the one whose title is the label's). A ``none``
label is right when no entry starts in its span.

A field is scored only where the list gives it (``authors``, ``year`` and
``venue`` not null); a value the parser reports where the list gives none is
counted apart as ``invented``. Comparisons are exact after collapsing white
space; venues and link URLs are compared case-insensitively (``ArXiv`` is
``arXiv``; a host is case-blind), and ``X et al.`` may come as one name or two.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .labels import TOOL_CATEGORIES, Label
from .observed import Observed, normal_url

FIELDS = ("kind", "paper_or_not", "title", "authors", "year", "venue", "links")
ET_AL = re.compile(r"^et\.?\s+al\.?$", re.I)


@dataclass(frozen=True)
class Check:
    """One label's field: right or not, with what was expected and what came."""

    label: Label
    field: str
    right: bool
    expected: object
    got: object


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, right: bool) -> None:
        self.right += right
        self.total += 1

    @property
    def share(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class Scores:
    """Checks grouped by field and by list, and values invented where the list gives none."""

    checks: list[Check] = field(default_factory=list)
    invented: dict[str, list[Check]] = field(default_factory=lambda: defaultdict(list))
    links: Tally = field(default_factory=Tally)

    def by_field(self, lists: Iterable[str] | None = None) -> dict[str, Tally]:
        wanted = set(lists) if lists is not None else None
        tallies = {name: Tally() for name in FIELDS}
        for check in self.checks:
            if wanted is None or check.label.list in wanted:
                tallies[check.field].add(check.right)
        return tallies

    def mismatches(self) -> list[Check]:
        return [check for check in self.checks if not check.right]


def expected_kind(kind: str) -> str:
    """The label's kind as the parser writes it: a non-paper entry is ``tool/<category>``."""
    return f"tool/{kind}" if kind in TOOL_CATEGORIES else kind


def is_paper(kind: str) -> bool:
    return kind == "paper"


def squash(text: str) -> str:
    return " ".join(text.split())


def venue_key(venue: str) -> str:
    return squash(venue).casefold()


def author_names(names: Sequence[str]) -> tuple[str, ...]:
    """Names compared: white space collapsed, a separate ``et al.`` joined to the name before."""
    joined: list[str] = []
    for name in (squash(n) for n in names):
        if ET_AL.match(name) and joined:
            joined[-1] = f"{joined[-1]} et al."
        elif name:
            joined.append(name)
    return tuple(joined)


def match(label: Label, entries: Sequence[Observed]) -> Observed | None:
    """The parser entry that is the label's, or None."""
    inside = [e for e in entries if label.entry_line <= e.line <= label.end_line]
    if not inside:
        return None
    titles = {squash(t) for t in label.accepted("title") if isinstance(t, str)}
    for rank in (
        lambda e: e.line == label.entry_line and squash(e.title) in titles,
        lambda e: squash(e.title) in titles,
        lambda e: e.line == label.entry_line,
        lambda e: True,
    ):
        for entry in inside:
            if rank(entry):
                return entry
    return None


def check_kind(label: Label, entry: Observed | None) -> list[Check]:
    got = entry.kind if entry else "none"
    kinds = [expected_kind(str(k)) for k in label.accepted("kind")]
    return [
        Check(label, "kind", got in kinds, kinds[0], got),
        Check(label, "paper_or_not", is_paper(got) in {is_paper(k) for k in kinds},
              is_paper(kinds[0]), is_paper(got)),
    ]  # fmt: skip


def check_fields(label: Label, entry: Observed | None, scores: Scores) -> list[Check]:
    checks: list[Check] = []
    titles = [squash(t) for t in label.accepted("title") if isinstance(t, str)]
    got_title = squash(entry.title) if entry else None
    checks.append(Check(label, "title", got_title in titles, titles[0], got_title))

    got_authors = author_names(entry.authors) if entry else ()
    if label.authors is not None:
        accepted = [author_names(a) for a in label.accepted("authors") if a]
        ok = got_authors in accepted or (None in label.accepted("authors") and not got_authors)
        checks.append(Check(label, "authors", ok, list(accepted[0]), list(got_authors)))
    elif got_authors:
        scores.invented["authors"].append(Check(label, "authors", False, None, got_authors))

    got_year = entry.year if entry else None
    if label.year is not None:
        checks.append(
            Check(label, "year", got_year in label.accepted("year"), label.year, got_year)
        )
    elif got_year is not None:
        scores.invented["year"].append(Check(label, "year", False, None, got_year))

    got_venues = sorted(entry.venues) if entry else []
    if label.venue is not None:
        wanted = {venue_key(v) for v in label.accepted("venue") if isinstance(v, str)}
        ok = any(venue_key(v) in wanted for v in got_venues) or (
            None in label.accepted("venue") and not got_venues
        )
        checks.append(Check(label, "venue", ok, label.venue, got_venues))
    elif got_venues:
        scores.invented["venue"].append(Check(label, "venue", False, None, got_venues))

    if label.links:
        roles = entry.roles if entry else {}
        wrong = []
        for link in label.links:
            got = roles.get(normal_url(link.url))
            right = got in label.accepted_roles(link)
            scores.links.add(right)
            if not right:
                wrong.append(f"{link.url} {link.role} -> {got}")
        checks.append(Check(label, "links", not wrong, "every link's role", wrong))
    return checks


def score(labels: Iterable[Label], entries_by_list: dict[str, Sequence[Observed]]) -> Scores:
    scores = Scores()
    for label in labels:
        entries = entries_by_list.get(label.list, ())
        entry = match(label, entries)
        scores.checks.extend(check_kind(label, entry))
        unlisted_and_fine = entry is None and "none" in label.accepted("kind")
        if label.kind != "none" and not unlisted_and_fine:
            scores.checks.extend(check_fields(label, entry, scores))
    return scores
