"""An invalid document never replaces a good file; an unchanged one is not rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.errors import OutputError
from enrich.models import EnrichedList, Paper, SourceFile
from enrich.pipeline import write_document


def _document() -> EnrichedList:
    paper = Paper(id="paper-p", section=("Papers",), line=3, title="P")
    return EnrichedList(
        name="demo", source=SourceFile(path="demo.md", sha256="0" * 64), papers=(paper,)
    )


def test_invalid_output_is_refused_and_the_old_file_kept(tmp_path: Path) -> None:
    target = tmp_path / "demo.json"
    assert write_document(target, _document()) is True
    good = target.read_bytes()
    broken = _document().model_copy(
        update={"papers": (_document().papers[0].model_copy(update={"line": 0}),)}
    )
    with pytest.raises(OutputError) as error:
        write_document(target, broken)
    assert str(error.value).endswith(
        "output fails the schema, not written: papers/0/line: 0 is less than the minimum of 1"
    )
    assert target.read_bytes() == good


def test_unchanged_output_is_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "demo.json"
    write_document(target, _document())
    stamp = target.stat().st_mtime_ns
    assert write_document(target, _document()) is False
    assert target.stat().st_mtime_ns == stamp
