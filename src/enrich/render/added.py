"""When each paper joined the list, read from the git history of its enriched JSON.

The nightly job commits ``data/enriched/<list>.json`` only when the data
changed, so the first commit (by committer date) whose file holds a paper is
when readers could first see it. Only the window matters to a feed: the
papers present just before the window are known, and each commit in the
window adds the papers it holds that were not known before.

An entry id changes when its line is edited (a typo fixed in the title), so a
paper is known by its id, its paper link and its title together, and dated by
the first of them seen: a corrected entry is not news to a feed reader, and
keeps the date it was first added.
"""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path

from enrich.errors import InputError

GIT_TIMEOUT = 60  # seconds per git call; reading one file's history is quick, a hung git is not


def _git(repo: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InputError(str(repo), f"cannot run git: {error}") from error
    if result.returncode != 0:
        problem = (result.stderr.strip().splitlines() or ["git failed"])[-1]
        raise InputError(str(repo), f"git {args[0]}: {problem}")
    return result.stdout


def _papers_at(repo: Path, commit: str, relative: str) -> list[dict[str, object]]:
    try:
        document = json.loads(_git(repo, "show", f"{commit}:{relative}"))
    except json.JSONDecodeError:
        return []  # a broken commit of the file adds nothing; the next one will
    papers = document.get("papers", []) if isinstance(document, dict) else []
    return [paper for paper in papers if isinstance(paper, dict)]


def identities(paper: dict[str, object]) -> set[str]:
    """What names a paper across edits of its line: id, paper link, folded title."""
    found = set()
    for key in ("id", "paper_url"):
        value = paper.get(key)
        if isinstance(value, str) and value:
            found.add(f"{key}:{value}")
    title = paper.get("title")
    if isinstance(title, str) and title.strip():
        found.add("title:" + " ".join(title.casefold().split()))
    return found


def first_seen(path: Path, since: datetime) -> dict[str, str | None]:
    """Each paper identity -> ISO time of the first commit since ``since`` that held it.

    ``None`` for identities already in the file before ``since``. ``path``
    must be inside a git work tree.
    """
    repo = path.resolve().parent
    top = Path(_git(repo, "rev-parse", "--show-toplevel").strip())
    relative = path.resolve().relative_to(top).as_posix()
    moment = since.isoformat()
    seen: dict[str, str | None] = {}
    base = _git(top, "log", "-1", "--format=%H", f"--before={moment}", "--", relative).strip()
    if base:
        for paper in _papers_at(top, base, relative):
            seen.update(dict.fromkeys(identities(paper)))
    listed = _git(top, "log", "--reverse", "--format=%H %cI", f"--since={moment}", "--", relative)
    for line in listed.splitlines():
        commit, _, when = line.partition(" ")
        for paper in _papers_at(top, commit, relative):
            for name in identities(paper):
                seen.setdefault(name, when)
    return seen


def added_at(paper: dict[str, object], seen: dict[str, str | None]) -> str | None:
    """When the paper was added in the window: the earliest time any of its names was seen.

    None when one of its names is older than the window (an edited entry) or
    none was ever committed.
    """
    times = [seen[name] for name in identities(paper) if name in seen]
    if not times or None in times:
        return None
    return min((when for when in times if when), key=datetime.fromisoformat)
