"""Last output's slots kept in the cache folder (enrich.pipeline.lists): the same slots as
reading the output, and never those of other bytes."""

from __future__ import annotations

import io
import json
import logging
import pickle
import sys
import types
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
    kept_file = cache / "previous" / "demo.pickle"
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
    kept_file = cache / "previous" / "demo.pickle"
    key_line = kept_file.read_bytes().split(b"\n", 1)[0]
    planted = [(("planted", "arxiv"), b"{}", False)]
    kept_file.write_bytes(key_line + b"\n" + pickle.dumps(planted) + pickle.dumps(("end", 1)))
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


def _pieces(kept: bytes) -> tuple[bytes, list[object]]:
    """The key line and the pickled objects of a kept file."""
    key_line, _, rest = kept.partition(b"\n")
    stream, objects = io.BytesIO(rest), []
    while stream.tell() < len(rest):
        objects.append(pickle.load(stream))
    return key_line, objects


def _cut_at_a_batch(key: bytes, objects: list[object], whole: bytes) -> bytes:
    return key + b"\n" + b"".join(pickle.dumps(o) for o in objects[:-1])


def _miscounted(key: bytes, objects: list[object], whole: bytes) -> bytes:
    end = objects[-1]
    assert isinstance(end, tuple)
    return key + b"\n" + b"".join(pickle.dumps(o) for o in [*objects[:-1], (end[0], end[1] + 1)])


def _missing_module() -> bytes:
    """A pickle of a class whose module is gone when it is read (ModuleNotFoundError)."""
    module = types.ModuleType("enrich_test_gone")

    class Gone:
        pass

    Gone.__module__, Gone.__qualname__ = module.__name__, "Gone"
    module.Gone = Gone  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    try:
        return pickle.dumps(Gone)
    finally:
        del sys.modules[module.__name__]


DAMAGE = {
    "empty": lambda key, objects, whole: b"",
    "other key": lambda key, objects, whole: b"0" * len(key) + whole[len(key) :],
    "cut in a pickle": lambda key, objects, whole: whole[: len(whole) // 2],
    "cut at a batch": _cut_at_a_batch,
    "miscounted": _miscounted,
    "not a pickle": lambda key, objects, whole: key + b"\nnot a pickle",
    "other shape": lambda key, objects, whole: key + b"\n" + pickle.dumps({"a": 1}),
    "names a missing module": lambda key, objects, whole: key + b"\n" + _missing_module(),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_an_unusable_kept_file_is_read_afresh(
    output: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    monkeypatch.setattr(lists, "BATCH", 3)  # several batches, so one can go missing
    cache = tmp_path / "cache"
    load_previous(output, cache)
    kept_file = cache / "previous" / "demo.pickle"
    whole = kept_file.read_bytes()
    key, objects = _pieces(whole)
    assert len(objects) > 3
    kept_file.write_bytes(DAMAGE[damage](key, objects, whole))
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
    kept_file = cache / "previous" / "demo.pickle"
    written = kept_file.stat().st_ino
    read_back = load_previous(output, cache)
    assert kept_file.stat().st_ino == written  # served from the kept file, not replaced
    assert _same(read_back, PreviousSlots.from_json(output.read_bytes()))
