"""Last output's slots kept in the cache folder (enrich.pipeline.lists): the same slots as
reading the output, and never those of other bytes."""

from __future__ import annotations

import json
import logging
import pickle
from pathlib import Path

import pytest

from enrich.pipeline import lists
from enrich.pipeline.lists import load_previous
from enrich.pipeline.merge import PreviousSlots

ROOT = Path(__file__).resolve().parents[2]
DEMO_OUTPUT = ROOT / "tests" / "render" / "fixtures" / "demo.json"


def _same(left: PreviousSlots, right: PreviousSlots) -> bool:
    return dict(left.kept_form()[0]) == dict(right.kept_form()[0]) and (
        left.kept_form()[1] == right.kept_form()[1]
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
    assert len(plain) >= 10 and plain.kept_form()[1]
    assert _same(fresh, plain) and _same(again, plain)
    key = next(iter(plain))
    assert again[key] == plain[key]


def test_the_kept_file_is_what_is_read(output: Path, tmp_path: Path) -> None:
    """Shown by planting other slots under the same key: they come back."""
    cache = tmp_path / "cache"
    load_previous(output, cache)
    kept_file = cache / "previous" / "demo.pickle"
    key_line = kept_file.read_bytes().split(b"\n", 1)[0]
    planted = {("planted", "arxiv"): b"{}"}
    kept_file.write_bytes(key_line + b"\n" + pickle.dumps((planted, frozenset())))
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


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a key\n", None, b"KEY\nnot a pickle", b"KEY\n" + pickle.dumps(["a list"])],
    ids=["empty", "other key", "truncated", "not a pickle", "other shape"],
)
def test_an_unusable_kept_file_is_read_afresh(
    output: Path, tmp_path: Path, damage: bytes | None
) -> None:
    cache = tmp_path / "cache"
    load_previous(output, cache)
    kept_file = cache / "previous" / "demo.pickle"
    whole = kept_file.read_bytes()
    key_line = whole.split(b"\n", 1)[0]
    if damage is None:
        kept_file.write_bytes(whole[: len(whole) // 2])
    else:
        kept_file.write_bytes(damage.replace(b"KEY", key_line))
    assert _same(load_previous(output, cache), PreviousSlots.from_json(output.read_bytes()))
    assert kept_file.read_bytes() == whole or damage == b"KEY\n" + pickle.dumps(["a list"])


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
