"""Last output's slots kept in the cache folder (enrich.pipeline.lists): the same slots as
reading the output, and never those of other bytes."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from enrich.models import EnrichedList
from enrich.pipeline import lists, write_document
from enrich.pipeline.lists import OutputKey, keep_written, load_previous
from enrich.pipeline.merge import PreviousSlots

ROOT = Path(__file__).resolve().parents[2]
DEMO_OUTPUT = ROOT / "tests" / "render" / "fixtures" / "demo.json"


def _same(left: PreviousSlots, right: PreviousSlots) -> bool:
    """The same slots, each read as a record, and the same ones holding a record."""
    keys = list(right)
    return (
        list(left) == keys
        and all(left[key] == right[key] for key in keys)
        and all(left.holds_record(key) == right.holds_record(key) for key in keys)
    )


@pytest.fixture
def output(tmp_path: Path) -> Path:
    copy = tmp_path / "out" / "demo.json"
    copy.parent.mkdir()
    copy.write_bytes(DEMO_OUTPUT.read_bytes())
    return copy


def test_kept_slots_equal_reading_the_output(output: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = load_previous(output, cache)
    kept_file = cache / "previous" / "demo.slots"
    assert kept_file.exists()
    again = load_previous(output, cache)
    plain = PreviousSlots.from_json(output.read_bytes())
    assert len(plain) >= 10 and any(plain.holds_record(key) for key in plain)
    assert _same(fresh, plain) and _same(again, plain)
    key = next(iter(plain))
    assert again[key] == plain[key]


def test_the_kept_file_is_what_is_read(output: Path, tmp_path: Path) -> None:
    """Shown by planting other slots under the same key: they come back."""
    cache = tmp_path / "cache"
    load_previous(output, cache)
    kept_file = cache / "previous" / "demo.slots"
    key_line = kept_file.read_bytes().split(b"\n", 1)[0]
    kept_file.write_bytes(key_line + b"\nplanted\tarxiv\t0\t{}\nend\t1\n")
    assert list(load_previous(output, cache)) == [("planted", "arxiv")]


def test_an_edited_output_is_read_afresh(output: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = load_previous(output, cache)
    document = json.loads(output.read_bytes())
    removed = document["papers"].pop(0)["id"]
    assert any(entry_id == removed for entry_id, _ in before)
    output.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    edited = load_previous(output, cache)
    assert not any(entry_id == removed for entry_id, _ in edited)
    assert _same(edited, PreviousSlots.from_json(output.read_bytes()))
    assert _same(load_previous(output, cache), edited)  # kept again, for the new bytes


def _lines(kept: bytes) -> tuple[bytes, list[bytes]]:
    """The key line and the slot lines of a kept file (without the end line)."""
    key, *lines = kept.split(b"\n")
    assert lines[-2].startswith(b"end\t") and lines[-1] == b""
    return key, lines[:-2]


def _file(key: bytes, lines: list[bytes], end: bytes | None = None) -> bytes:
    end = end if end is not None else b"end\t%d" % len(lines)
    return b"\n".join([key, *lines, end]) + b"\n"


DAMAGE = {
    "empty": lambda key, lines, whole: b"",
    "other key": lambda key, lines, whole: b"0" * len(key) + whole[len(key) :],
    "cut in a line": lambda key, lines, whole: whole[: len(whole) // 2],
    "a line missing": lambda key, lines, whole: _file(key, lines[1:], b"end\t%d" % len(lines)),
    "no end line": lambda key, lines, whole: b"\n".join([key, *lines]) + b"\n",
    "miscounted": lambda key, lines, whole: _file(key, lines, b"end\t%d" % (len(lines) + 1)),
    "a field missing": lambda key, lines, whole: _file(
        key, [lines[0].rsplit(b"\t", 2)[0], *lines[1:]]
    ),
    "a flag not 0 or 1": lambda key, lines, whole: _file(
        key, [lines[0].replace(b"\t1\t", b"\tyes\t", 1).replace(b"\t0\t", b"\tno\t", 1), *lines[1:]]
    ),
    "an id not UTF-8": lambda key, lines, whole: _file(key, [b"\xff" + lines[0], *lines[1:]]),
    "text after the end": lambda key, lines, whole: _file(key, lines) + b"more\n",
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_an_unusable_kept_file_is_read_afresh(output: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    load_previous(output, cache)
    kept_file = cache / "previous" / "demo.slots"
    whole = kept_file.read_bytes()
    key, lines = _lines(whole)
    assert len(lines) >= 10
    kept_file.write_bytes(DAMAGE[damage](key, lines, whole))
    assert _same(load_previous(output, cache), PreviousSlots.from_json(output.read_bytes()))
    assert kept_file.read_bytes() == whole  # kept again


def test_an_unwritable_cache_costs_only_speed(
    output: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, "enrich.pipeline"):
        previous = load_previous(output, blocker)
    assert _same(previous, PreviousSlots.from_json(output.read_bytes()))
    assert any("slots not kept" in record.getMessage() for record in caplog.records)


def test_no_output_and_unreadable_output(tmp_path: Path) -> None:
    assert len(load_previous(tmp_path / "absent.json", tmp_path / "cache")) == 0
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"{ not json")
    assert len(load_previous(broken, tmp_path / "cache")) == 0
    assert not (tmp_path / "cache" / lists.FOLDER).exists()  # nothing worth keeping


def test_a_written_output_keeps_its_slots(tmp_path: Path) -> None:
    """What a run writes is kept as it is written: the next run reads it back."""
    document = EnrichedList.model_validate_json(DEMO_OUTPUT.read_bytes())
    output, cache = tmp_path / "out" / "demo.json", tmp_path / "cache"
    output.parent.mkdir()
    key = OutputKey()
    assert write_document(output, document, key)
    keep_written(output, key, document, cache)
    kept_file = cache / "previous" / "demo.slots"
    written = kept_file.stat().st_ino
    read_back = load_previous(output, cache)
    assert kept_file.stat().st_ino == written  # served from the kept file, not replaced
    from_json = PreviousSlots.from_json(output.read_bytes())
    assert _same(read_back, from_json)
    assert list(read_back.kept_form()) == list(from_json.kept_form())  # the very same bytes


def test_an_output_whose_ids_break_lines_is_not_kept_and_reads_right(
    output: Path, tmp_path: Path
) -> None:
    """An id edited by hand to hold a tab: the slots come from the JSON every time."""
    document = json.loads(output.read_bytes())
    first = document["papers"][0]["id"]
    document["papers"][0]["id"] = first + "\twith a tab"
    output.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    cache = tmp_path / "cache"
    previous = load_previous(output, cache)
    assert any(entry_id == first + "\twith a tab" for entry_id, _ in previous)
    assert not (cache / "previous" / "demo.slots").exists()
    assert _same(load_previous(output, cache), PreviousSlots.from_json(output.read_bytes()))


def test_nothing_kept_is_a_pickle(output: Path, tmp_path: Path) -> None:
    """The cache folder is untrusted (restored from CI): the kept file is lines of text."""
    cache = tmp_path / "cache"
    load_previous(output, cache)
    kept = (cache / "previous" / "demo.slots").read_bytes()
    assert not kept.startswith(b"\x80") and b"\x80\x04\x95" not in kept
    _key, lines = _lines(kept)
    assert all(len(line.split(b"\t", 3)) == 4 for line in lines)
