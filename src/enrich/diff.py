"""What changed between two enriched files, in words a maintainer can skim.

The nightly job uses it for its commit message ("3 new papers, +412 stars,
1 page down") and its job summary; people use it to review a run. One of
the two may be missing or empty (the first run has no old file), not both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from enrich.errors import InputError, UsageError
from enrich.models import (
    EnrichedList,
    GithubSlot,
    OpenalexSlot,
    PageHealth,
    PageSlot,
    SlotBase,
    SlotStatus,
)

KINDS = ("papers", "researchers", "datasets", "metrics", "tools")
DOWN = frozenset({PageHealth.BROKEN, PageHealth.FAILING, PageHealth.SOFT_404})


@dataclass
class Change:
    added: dict[str, list[str]] = field(default_factory=dict)  # kind -> labels
    removed: dict[str, list[str]] = field(default_factory=dict)
    star_delta: int = 0
    fork_delta: int = 0
    citation_delta: int = 0
    pages_down: list[str] = field(default_factory=list)
    pages_up: list[str] = field(default_factory=list)
    newly_resolved: list[str] = field(default_factory=list)  # "arxiv: <entry>", known entries
    newly_stale: list[str] = field(default_factory=list)
    warning_delta: int = 0

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.star_delta
            or self.fork_delta
            or self.citation_delta
            or self.pages_down
            or self.pages_up
            or self.newly_resolved
            or self.newly_stale
            or self.warning_delta
        )


def load(path: Path) -> EnrichedList | None:
    """An enriched file, or None when it does not exist (a first run)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        return EnrichedList.model_validate_json(path.read_bytes())
    except (OSError, ValueError) as error:
        raise InputError(str(path), f"not a valid enriched file: {error}") from error


def _label(entry: Any) -> str:
    for name in ("title", "name", "label"):
        value = getattr(entry, name, None)
        if value:
            return str(value)
    return str(entry.id)


def _slots(document: EnrichedList | None) -> dict[tuple[str, str], tuple[str, SlotBase]]:
    found: dict[tuple[str, str], tuple[str, SlotBase]] = {}
    for entry in document.all_entries() if document else ():
        for name in type(entry).model_fields:
            slot = getattr(entry, name)
            if isinstance(slot, SlotBase):
                found[(entry.id, name)] = (_label(entry), slot)
    return found


def _github_counts(slot: SlotBase | None) -> tuple[int, int]:
    """Stars and forks of a fresh GitHub slot; stale or missing counts add nothing."""
    if isinstance(slot, GithubSlot) and slot.record is not None and slot.status == SlotStatus.OK:
        return slot.record.stars or 0, slot.record.forks or 0
    return 0, 0


def _citations(slot: SlotBase | None) -> int | None:
    """OpenAlex's citation count of a fresh slot; stale or unknown counts are not figures."""
    if isinstance(slot, OpenalexSlot) and slot.record is not None and slot.status == SlotStatus.OK:
        return slot.record.cited_by_count
    return None


def _is_down(slot: SlotBase | None) -> bool:
    return isinstance(slot, PageSlot) and slot.record is not None and slot.record.health in DOWN


def compare(old: EnrichedList | None, new: EnrichedList | None) -> Change:
    change = Change()
    for kind in KINDS:
        before = {e.id: _label(e) for e in getattr(old, kind, ())}
        after = {e.id: _label(e) for e in getattr(new, kind, ())}
        if added := sorted(after[i] for i in after.keys() - before.keys()):
            change.added[kind] = added
        if removed := sorted(before[i] for i in before.keys() - after.keys()):
            change.removed[kind] = removed
    old_slots, new_slots = _slots(old), _slots(new)
    old_ids = {entry.id for entry in old.all_entries()} if old else set()
    for key, (label, slot) in sorted(new_slots.items()):
        previous = old_slots[key][1] if key in old_slots else None
        stars_new, forks_new = _github_counts(slot)
        stars_old, forks_old = _github_counts(previous)
        if stars_old and stars_new:  # only counts known on both sides move the total
            change.star_delta += stars_new - stars_old
            change.fork_delta += forks_new - forks_old
        cited_new, cited_old = _citations(slot), _citations(previous)
        if cited_new is not None and cited_old is not None:
            change.citation_delta += cited_new - cited_old
        if _is_down(slot) and not _is_down(previous):
            change.pages_down.append(label)
        if _is_down(previous) and not _is_down(slot):
            change.pages_up.append(label)
        was_ok = previous is not None and getattr(previous, "record", None) is not None
        if key[0] in old_ids and getattr(slot, "record", None) is not None and not was_ok:
            change.newly_resolved.append(f"{key[1]}: {label}")
        if slot.status == SlotStatus.STALE and (
            previous is None or previous.status != SlotStatus.STALE
        ):
            change.newly_stale.append(f"{key[1]}: {label}")
    change.warning_delta = len(getattr(new, "warnings", ())) - len(getattr(old, "warnings", ()))
    return change


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def headline(change: Change) -> str:
    """One line: '3 new papers, +412 stars, 1 page down'."""
    if change.empty:
        return "no data changes"
    parts = [f"{len(v)} new {k if len(v) != 1 else k[:-1]}" for k, v in change.added.items()]
    parts += [f"{len(v)} removed {k if len(v) != 1 else k[:-1]}" for k, v in change.removed.items()]
    if change.star_delta:
        parts.append(f"{change.star_delta:+d} stars")
    if change.fork_delta:
        parts.append(f"{change.fork_delta:+d} forks")
    if change.citation_delta:
        parts.append(f"{change.citation_delta:+d} citations")
    if change.pages_down:
        parts.append(f"{_plural(len(change.pages_down), 'page')} down")
    if change.pages_up:
        parts.append(f"{_plural(len(change.pages_up), 'page')} back up")
    if change.newly_resolved:
        parts.append(f"{len(change.newly_resolved)} newly resolved")
    if change.newly_stale:
        parts.append(f"{len(change.newly_stale)} stale")
    return ", ".join(parts) if parts else "metadata updated"


def details(change: Change, bullet: str = "- ") -> list[str]:
    lines = []
    for kind, labels in change.added.items():
        lines += [f"{bullet}new {kind[:-1]}: {label}" for label in labels]
    for kind, labels in change.removed.items():
        lines += [f"{bullet}removed {kind[:-1]}: {label}" for label in labels]
    lines += [f"{bullet}page down: {label}" for label in change.pages_down]
    lines += [f"{bullet}page back up: {label}" for label in change.pages_up]
    lines += [f"{bullet}resolved {item}" for item in change.newly_resolved]
    lines += [f"{bullet}stale {item}" for item in change.newly_stale]
    return lines


def render(change: Change, style: str) -> str:
    """``text``: headline and details; ``commit``: a commit message; ``markdown``: a summary."""
    if style == "markdown":
        return "\n".join([f"### {headline(change)}", "", *details(change)]).rstrip()
    if style == "commit":
        body = details(change)
        return "\n".join([f"data: {headline(change)}", *(["", *body] if body else [])])
    return "\n".join([headline(change), *details(change, "  ")])


def _pairs(old: Path, new: Path) -> list[tuple[str, Path, Path]]:
    """(name, old file, new file): one pair for two files, one per list for two folders."""
    if not (new.is_dir() or old.is_dir()):
        return [(new.stem, old, new)]
    names = sorted({p.name for p in new.glob("*.json")} | {p.name for p in old.glob("*.json")})
    return [(Path(name).stem, old / name, new / name) for name in names]


def check_comparable(old: Path, new: Path) -> None:
    """Refuse what is surely a mistake: nothing to compare, or a file against a folder.

    One missing side is normal (no old file on a first run, no new file once a
    list is removed); both missing is a typo, and must not read "no changes".
    """
    if not old.exists() and not new.exists():
        raise UsageError(f"{old} and {new}: neither exists, nothing to compare")
    if old.exists() and new.exists() and old.is_dir() != new.is_dir():
        folder, single = (old, new) if old.is_dir() else (new, old)
        raise UsageError(f"{folder} is a folder but {single} is a file: compare like with like")


def diff_files(old: Path, new: Path, style: str = "text") -> str:
    """The change between two enriched files, or between two folders of them."""
    check_comparable(old, new)
    pairs = _pairs(old, new)
    changes = [(name, compare(load(a), load(b))) for name, a, b in pairs]
    if len(changes) == 1:
        return render(changes[0][1], style)
    changed = [(name, change) for name, change in changes if not change.empty]
    if not changed:
        return render(Change(), style)
    if style == "commit":
        subject = "; ".join(f"{name}: {headline(change)}" for name, change in changed)
        body = [line for name, change in changed for line in details(change, f"- {name}: ")]
        return "\n".join([f"data: {subject}", "", *body]).rstrip()
    return "\n\n".join(f"{name}\n{render(change, style)}" for name, change in changed)
