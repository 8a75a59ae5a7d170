"""The labelled truth: one :class:`Label` per sampled entry, read from ``labels/<list>.jsonl``.

The files are test data written by reading the lists (``labels/README.md``);
this module only loads them and says what is wrong with a malformed row, so a
typo in a label fails loudly instead of scoring the parser against nonsense.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LABELS_DIR = Path(__file__).resolve().parent / "labels"

ENTRY_KINDS = frozenset({"paper", "work", "researcher", "dataset", "metric"})
# The schema's Tool.category values: non-paper entries are Tools of one category.
TOOL_CATEGORIES = frozenset(
    {"software", "model", "leaderboard", "course", "book", "talk", "post", "list", "website"}
)
KINDS = ENTRY_KINDS | TOOL_CATEGORIES | {"none"}
ROLES = frozenset({"paper", "code", "project", "video", "dataset", "bibtex", "homepage", "other"})
ALSO_KEYS = frozenset({"kind", "title", "authors", "year", "venue", "roles"})
REQUIRED = ("list", "line", "entry_line", "end_line", "kind", "title", "authors", "year", "venue")


@dataclass(frozen=True)
class Link:
    url: str
    role: str


@dataclass(frozen=True)
class Label:
    """One entry as a reader of the list sees it; ``also`` holds other defensible readings."""

    list: str
    line: int
    entry_line: int
    end_line: int
    kind: str
    title: str | None
    authors: tuple[str, ...] | None
    year: int | None
    venue: str | None
    links: tuple[Link, ...]
    also: Mapping[str, Any] = field(default_factory=dict)
    note: str | None = None

    @property
    def key(self) -> str:
        return f"{self.list}:{self.line}"

    def accepted(self, name: str) -> list[object]:
        """The label's value for ``name`` and every alternative reading of it."""
        alternatives = self.also.get(name, [])
        return [getattr(self, name), *alternatives]

    def accepted_roles(self, link: Link) -> set[str]:
        return {link.role, *self.also.get("roles", {}).get(link.url, [])}


def problems(row: Mapping[str, Any]) -> list[str]:
    """What is wrong with one raw row; empty when it is a well-formed label."""
    found = [f"missing {name!r}" for name in REQUIRED if name not in row]
    if found:
        return found
    if row["kind"] not in KINDS:
        found.append(f"unknown kind {row['kind']!r}")
    lines = (row["line"], row["entry_line"], row["end_line"])
    if not all(isinstance(n, int) and n >= 1 for n in lines):
        found.append("lines must be positive integers")
    elif not row["entry_line"] <= row["line"] <= row["end_line"]:
        found.append("line outside entry_line..end_line")
    if row["kind"] == "none":
        if row["title"] is not None or row.get("links"):
            found.append("a 'none' label has no title and no links")
    elif not isinstance(row["title"], str) or not row["title"].strip():
        found.append("an entry needs a title")
    authors = row["authors"]
    if authors is not None and not (
        isinstance(authors, list) and authors and all(isinstance(a, str) and a for a in authors)
    ):
        found.append("authors: a non-empty list of names, or null")
    if row["year"] is not None and not (
        isinstance(row["year"], int) and 1900 <= row["year"] <= 2100
    ):
        found.append(f"implausible year {row['year']!r}")
    for link in row.get("links", []):
        if link.get("role") not in ROLES or not link.get("url"):
            found.append(f"bad link {link!r}")
    also = row.get("also", {})
    if set(also) - ALSO_KEYS:
        found.append(f"unknown 'also' keys {sorted(set(also) - ALSO_KEYS)}")
    for url, roles in also.get("roles", {}).items():
        if url not in {link.get("url") for link in row.get("links", [])}:
            found.append(f"'also' role for a link the label lacks: {url}")
        if set(roles) - ROLES:
            found.append(f"unknown roles in 'also': {roles}")
    if set(also.get("kind", [])) - KINDS:
        found.append(f"unknown kinds in 'also': {also['kind']}")
    return found


def from_row(row: Mapping[str, Any]) -> Label:
    authors = row["authors"]
    return Label(
        list=row["list"],
        line=row["line"],
        entry_line=row["entry_line"],
        end_line=row["end_line"],
        kind=row["kind"],
        title=row["title"],
        authors=tuple(authors) if authors is not None else None,
        year=row["year"],
        venue=row["venue"],
        links=tuple(Link(url=link["url"], role=link["role"]) for link in row.get("links", [])),
        also=row.get("also", {}),
        note=row.get("note"),
    )


class MalformedLabels(ValueError):
    """A truth file holds a row that is not a well-formed label."""


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text.strip():
            yield number, json.loads(text)


def load(folder: Path = LABELS_DIR) -> list[Label]:
    """Every label under ``folder``, in file and line order; raises on any malformed row."""
    labels: list[Label] = []
    errors: list[str] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.jsonl")):
        for number, row in read_rows(path):
            found = problems(row)
            if row.get("list") != path.stem:
                found.append(f"list {row.get('list')!r} in {path.name}")
            key = f"{row.get('list')}:{row.get('line')}"
            if key in seen:
                found.append(f"{key} labelled twice")
            seen.add(key)
            errors.extend(f"{path.name}:{number}: {problem}" for problem in found)
            if not found:
                labels.append(from_row(row))
    if errors:
        raise MalformedLabels("\n".join(errors))
    return labels
