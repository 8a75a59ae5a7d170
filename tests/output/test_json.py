"""Deterministic serialisation and atomic replacement."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from enrich.models import Metric
from enrich.output.json import dumps, write_atomic


def test_dumps_is_stable_utf8_with_trailing_newline() -> None:
    metric = Metric(id="metric-lmd", section=("Metrics", "Lip-Sync"), line=3, name="LMD ↓")
    text = dumps(metric)
    assert text == dumps(metric.model_copy())
    assert text.endswith("}\n")
    assert "LMD ↓" in text  # not escaped
    assert text.index('"id"') < text.index('"section"') < text.index('"name"')


def test_write_atomic_replaces_content_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out" / "list.json"
    write_atomic(target, "first\n")
    write_atomic(target, "second\n")
    assert target.read_text() == "second\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["list.json"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_killed_writer_never_leaves_a_truncated_file(tmp_path: Path) -> None:
    target = tmp_path / "list.json"
    write_atomic(target, "good\n")
    size = 30_000_000
    script = (
        "import sys; from pathlib import Path; from enrich.output.json import write_atomic\n"
        f"write_atomic(Path({str(target)!r}), 'x' * {size})"
    )
    for delay in (0.05, 0.15, 0.3):
        process = subprocess.Popen([sys.executable, "-c", script])
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        content = target.read_text()
        assert content == "good\n" or content == "x" * size
        write_atomic(target, "good\n")
