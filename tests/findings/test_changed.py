"""``run --changed-since REV``: the entries and warnings of changed lines only."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from enrich.changes import parse_hunks
from enrich.cli import main

BASE = """# list

## Papers
- [CVPR 2023] [Old Paper](https://example.org/old), Lab
- [CVPR 2023] [Old Paper](https://example.org/old), Lab
- [CVPR 2022] [Kept Paper](https://example.org/kept), Lab
"""
CHANGED = """# list

## Papers
- [CVPR 2023] [Old Paper](https://example.org/old), Lab
- [CVPR 2023] [Old Paper](https://example.org/old), Lab
- [CVPR 2022] [Kept Paper](https://example.org/kept-v2), Lab
- [ICCV 2023] [New Paper](https://example.org/new), Lab
- [ICCV 2023] [New Paper](https://example.org/new), Lab
"""


def _git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout


def test_hunks_give_the_new_side_lines() -> None:
    diff = "@@ -3 +3 @@\n-a\n+b\n@@ -9,0 +10,2 @@\n+c\n+d\n@@ -20,3 +21,0 @@\n-e\n"
    assert parse_hunks(diff) == frozenset({3, 10, 11})


def test_only_the_pull_requests_lines_are_enriched_and_warned_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    listing = raw / "list.md"
    listing.write_text(BASE, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "raw/list.md")
    _git(tmp_path, "commit", "-q", "-m", "base")
    base = _git(tmp_path, "rev-parse", "HEAD").strip()
    listing.write_text(CHANGED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    args = ["run", "--offline", "--input", "raw/list.md", "--output-dir", "out"]
    args += ["--report-dir", "rep", "--cache-dir", "cache", "--changed-since", base]
    assert main(args) == 0
    document = json.loads((tmp_path / "out" / "list.json").read_text("utf-8"))
    assert [(p["line"], p["title"]) for p in document["papers"]] == [
        (6, "Kept Paper"),
        (7, "New Paper"),
        (8, "New Paper"),
    ]
    assert [(w["line"], w["code"]) for w in document["warnings"]] == [(8, "duplicate-entry")]
    assert main([*args, "--strict"]) == 1
    assert main([*args[:-1], "no-such-revision"]) == 1
