"""Did a run find the right things? The enriched JSON compared with what the fakes were given.

Cheap request counts mean nothing if precision was lost on the way (a title
search grouped with others that picks a neighbour's record), so every run's
output is checked paper by paper against the generator's truth.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.generate import SyntheticList


@dataclass(frozen=True)
class Accuracy:
    """Per slot: papers whose identity is right, wrong (another record), or absent."""

    arxiv_right: int = 0
    arxiv_wrong: int = 0
    arxiv_absent: int = 0
    searched_right: int = 0  # of the papers that needed a title search
    github_right: int = 0
    github_wrong: int = 0
    github_absent: int = 0
    pages_ok: int = 0
    pages_absent: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _record(slot: Any, field: str) -> str | None:
    if not isinstance(slot, dict) or not isinstance(slot.get("record"), dict):
        return None
    value = slot["record"].get(field)
    return value if isinstance(value, str) else None


def accuracy(output: Path, synthetic: SyntheticList) -> Accuracy:
    """Compare ``output`` (an enriched list) with the synthetic truth, paper by paper."""
    if not output.exists():
        return Accuracy()
    papers = {p["title"]: p for p in json.loads(output.read_text(encoding="utf-8"))["papers"]}
    counts = dict.fromkeys(Accuracy().as_dict(), 0)
    for truth in synthetic.papers:
        paper = papers.get(truth.title, {})
        found = _record(paper.get("arxiv"), "id")
        verdict = "absent" if found is None else "right" if found == truth.arxiv_id else "wrong"
        counts[f"arxiv_{verdict}"] += 1
        counts["searched_right"] += truth.needs_search and verdict == "right"
        if truth.repo:
            repo = _record(paper.get("github"), "full_name")
            right = repo is not None and repo.lower() == truth.repo.lower()
            verdict = "absent" if repo is None else "right" if right else "wrong"
            counts[f"github_{verdict}"] += 1
        if truth.page:
            page = paper.get("project_page") or {}
            ok = page.get("status") == "ok" and (page.get("record") or {}).get("health") == "ok"
            counts["pages_ok" if ok else "pages_absent"] += 1
    return Accuracy(**counts)
