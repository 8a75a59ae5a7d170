"""Validators' compiled code kept between runs: reused, rebuilt when unusable, never fatal.

Each test starts as a new process would, with nothing compiled in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import fastjsonschema
import pytest

from enrich.output import compiled
from enrich.output.compiled import code_name, compile_validator

SCHEMA: dict[str, Any] = {
    "$id": "https://enrich.example/schema/test.json",
    "type": "object",
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z]+$"},
        "stars": {"$ref": "#/$defs/count"},
    },
    "required": ["name"],
    "$defs": {"count": {"type": "integer", "minimum": 0}},
}


@pytest.fixture(autouse=True)
def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "_known", {})


def _judge(validate: Any, document: dict[str, Any]) -> bool:
    try:
        validate(document)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


CASES = [
    ({"name": "enrich", "stars": 3}, True),
    ({"name": "Enrich"}, False),  # pattern
    ({"stars": 3}, False),  # required
    ({"name": "x", "stars": -1}, False),  # through the $ref
]


def test_code_is_written_once_then_loaded_and_judges_as_the_library_does(tmp_path: Path) -> None:
    first = compile_validator(SCHEMA, tmp_path)
    (kept,) = tmp_path.iterdir()
    assert kept.name == code_name(SCHEMA)
    written = kept.stat().st_mtime_ns
    compiled._known.clear()  # a later process
    second = compile_validator(SCHEMA, tmp_path)
    assert kept.stat().st_mtime_ns == written  # loaded, not written again
    reference = fastjsonschema.compile(SCHEMA)
    for document, valid in CASES:
        assert _judge(reference, document) is valid
        assert _judge(first, document) is valid
        assert _judge(second, document) is valid


def test_another_schema_gets_another_file(tmp_path: Path) -> None:
    other = {**SCHEMA, "required": ["name", "stars"]}
    assert code_name(other) != code_name(SCHEMA)
    validate = compile_validator(other, tmp_path)
    assert len(list(tmp_path.iterdir())) == 1
    assert not _judge(validate, {"name": "enrich"})


@pytest.mark.parametrize("garbage", [b"", b"\x00not marshal", b"\xe9\x00\x00\x00\x00"])
def test_an_unusable_file_is_replaced(tmp_path: Path, garbage: bytes) -> None:
    kept = tmp_path / code_name(SCHEMA)
    kept.write_bytes(garbage)
    validate = compile_validator(SCHEMA, tmp_path)
    assert [_judge(validate, document) for document, _ in CASES] == [v for _, v in CASES]
    assert kept.read_bytes() != garbage
    compiled._known.clear()  # a later process
    assert _judge(compile_validator(SCHEMA, tmp_path), CASES[0][0])


def test_a_folder_that_cannot_be_used_still_gives_a_validator(tmp_path: Path) -> None:
    blocker = tmp_path / "validators"
    blocker.write_text("a file, not a folder")
    validate = compile_validator(SCHEMA, blocker)
    assert [_judge(validate, document) for document, _ in CASES] == [v for _, v in CASES]
    assert blocker.read_text() == "a file, not a folder"


def test_no_folder_compiles_in_memory(tmp_path: Path) -> None:
    validate = compile_validator(SCHEMA, None)
    assert not _judge(validate, {"name": 3})


def test_one_process_compiles_a_schema_once_and_keeps_it_in_every_folder(tmp_path: Path) -> None:
    compile_validator(SCHEMA, tmp_path / "a")
    code = compiled._known[code_name(SCHEMA)]
    validate = compile_validator(SCHEMA, tmp_path / "b")
    assert compiled._known[code_name(SCHEMA)] is code
    assert compiled._read(tmp_path / "b" / code_name(SCHEMA)) is not None  # kept there too
    assert not _judge(validate, {"name": "x", "stars": -1})
