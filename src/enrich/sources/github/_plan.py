"""Which repository each target names, and the slot each lookup becomes. Pure.

A target's hints arrive most trusted first. Every hint that names a
repository (a repo page, a file inside one, a stars/forks badge) becomes a
*candidate*; a ``*.github.io`` page becomes up to two *guesses* (the path's
first segment, then ``<user>.github.io``), which count only if the
repository exists. The source looks candidates up in rounds: the first
candidate of every target, then, for targets whose candidate is missing, the
next one. So a dead Code link falls back to the badge, and the dead link is
still reported.

Turning lookups into slots lives here too, so every status rule (renamed,
not found, unresolved, skipped, error) is tested without a network.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from enrich.identity.github import LinkKind, RepoRef, classify
from enrich.models import DataWarning, GithubRecord, GithubSlot, Provenance, SlotStatus, WarningKind
from enrich.sources.interface import Hint, Target

# How much an identity found by each method is trusted.
CONFIDENCE = {
    "code_link": 1.0,
    "link": 1.0,
    "badge": 1.0,
    "arxiv_comment": 0.9,
    "project_page": 0.8,
    "github_io": 0.7,
}
DEFAULT_CONFIDENCE = 0.8


@dataclass(frozen=True)
class Candidate:
    """A repository to try for a target, and the hint it came from."""

    ref: RepoRef
    method: str
    source_url: str
    guess: bool = False  # a github.io guess: its absence is not worth a warning

    @property
    def provenance(self) -> Provenance:
        confidence = CONFIDENCE.get(self.method, DEFAULT_CONFIDENCE)
        return Provenance(method=self.method, source_url=self.source_url, confidence=confidence)


class Found(StrEnum):
    FOUND = "found"
    MISSING = "missing"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Lookup:
    """What one repository lookup gave. ``record`` is the repository's current state."""

    outcome: Found
    record: GithubRecord | None = None
    reason: str | None = None


def candidates(target: Target) -> tuple[tuple[Candidate, ...], tuple[str, ...]]:
    """The target's candidates in trust order, and descriptions of the non-repository links."""
    found: list[Candidate] = []
    ignored: list[str] = []
    seen: set[str] = set()
    for hint in target.hints:
        for candidate in _from_hint(hint, ignored):
            if candidate.ref.key not in seen:
                seen.add(candidate.ref.key)
                found.append(candidate)
    return tuple(found), tuple(ignored)


def _from_hint(hint: Hint, ignored: list[str]) -> list[Candidate]:
    link = classify(hint.value)
    if link.repo is not None:
        return [Candidate(link.repo, hint.method, hint.value)]
    if link.kind == LinkKind.GITHUB_IO:
        return [Candidate(ref, "github_io", hint.value, guess=True) for ref in link.repos]
    if link.kind in (LinkKind.USER, LinkKind.GIST, LinkKind.GITHUB_OTHER):
        ignored.append(f"{hint.value} is a {_KIND_WORDS[link.kind]}, not a repository")
    return []


_KIND_WORDS = {
    LinkKind.USER: "user or organisation page",
    LinkKind.GIST: "gist",
    LinkKind.GITHUB_OTHER: "GitHub page",
}


@dataclass(frozen=True)
class Decision:
    """A target's slot and the warnings it raises."""

    slot: GithubSlot
    warnings: tuple[DataWarning, ...] = ()


def decide(
    target: Target,
    tried: tuple[tuple[Candidate, Lookup], ...],
    ignored: tuple[str, ...] = (),
) -> Decision:
    """The slot for a target from the lookups of its candidates, in the order tried.

    The last lookup is the one that counts; earlier ones were missing and only
    add a warning each (when they were explicit links, not guesses).
    """
    misses = tuple(
        _warning(target, WarningKind.GITHUB, _missing_text(c, lookup))
        for c, lookup in tried
        if lookup.outcome == Found.MISSING and not c.guess
    )
    if not tried:
        reason = "; ".join(ignored) if ignored else "no link names a GitHub repository"
        return Decision(GithubSlot(status=SlotStatus.UNRESOLVED, reason=reason))
    candidate, lookup = tried[-1]
    if lookup.outcome == Found.FOUND and lookup.record is not None:
        slot, renamed = _found(candidate, lookup.record)
        return Decision(slot, misses + tuple(_warning(target, *w) for w in renamed))
    if lookup.outcome == Found.MISSING:
        return Decision(_missing(tried), misses)
    status = SlotStatus.SKIPPED if lookup.outcome == Found.SKIPPED else SlotStatus.ERROR
    slot = GithubSlot(status=status, provenance=candidate.provenance, reason=lookup.reason)
    return Decision(slot, misses)


def _found(
    candidate: Candidate, record: GithubRecord
) -> tuple[GithubSlot, list[tuple[WarningKind, str]]]:
    warnings: list[tuple[WarningKind, str]] = []
    renamed_from = None
    if record.full_name.lower() != candidate.ref.key:
        renamed_from = candidate.ref.full_name
        warnings.append(
            (
                WarningKind.GITHUB_RENAMED,
                f"{candidate.ref.full_name} was renamed or moved to {record.full_name}: "
                f"update the link {candidate.source_url} to {record.url}",
            )
        )
    if record.renamed_from != renamed_from:
        record = record.model_copy(update={"renamed_from": renamed_from})
    slot = GithubSlot(status=SlotStatus.OK, provenance=candidate.provenance, record=record)
    return slot, warnings


def _missing(tried: tuple[tuple[Candidate, Lookup], ...]) -> GithubSlot:
    explicit = [c for c, _ in tried if not c.guess]
    if explicit:
        names = ", ".join(c.ref.full_name for c in explicit)
        return GithubSlot(
            status=SlotStatus.NOT_FOUND,
            provenance=explicit[0].provenance,
            reason=f"GitHub has no repository {names} (404: deleted, private or mistyped)",
        )
    names = ", ".join(c.ref.full_name for c, _ in tried)
    return GithubSlot(
        status=SlotStatus.UNRESOLVED,
        reason=f"no link names a GitHub repository; GitHub Pages guesses {names} do not exist",
    )


def _missing_text(candidate: Candidate, lookup: Lookup) -> str:
    detail = f" ({lookup.reason})" if lookup.reason else ""
    return (
        f"{candidate.method} {candidate.source_url}: repository {candidate.ref.full_name} "
        f"not found{detail}"
    )


def _warning(target: Target, kind: WarningKind, message: str) -> DataWarning:
    return DataWarning(
        kind=kind, file=target.file, line=target.line, entry_id=target.key, message=message
    )
