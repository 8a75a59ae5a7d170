"""Validators are generated and compiled in memory: the same judgement as the library,
once per process, and nothing read from the cache folder is ever run (issue 21 item 10).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import marshal
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest

from enrich.cli import main
from enrich.output import compiled
from enrich.output.compiled import code_name, compile_validator
from enrich.output.schema import _validators

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


@pytest.fixture
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


@pytest.mark.usefixtures("new_process")
def test_judges_as_the_library_does_and_compiles_once_per_process() -> None:
    first = compile_validator(SCHEMA)
    code = compiled._known[code_name(SCHEMA)]
    second = compile_validator(SCHEMA)
    assert compiled._known[code_name(SCHEMA)] is code
    reference = fastjsonschema.compile(SCHEMA)
    for document, valid in CASES:
        assert _judge(reference, document) is valid
        assert _judge(first, document) is valid
        assert _judge(second, document) is valid
    other = {**SCHEMA, "required": ["name", "stars"]}
    assert code_name(other) != code_name(SCHEMA)
    assert not _judge(compile_validator(other), {"name": "enrich"})


LIST = "# demo\n\n## Papers\n- [A Paper About Faces](https://arxiv.org/abs/2401.00001)\n"


def test_code_planted_in_the_cache_folder_is_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the run once loaded validators' bytecode from (``<cache>/validators``),
    planted code for every validator's name: a restored cache is untrusted input."""
    monkeypatch.setattr(compiled, "_known", {})
    _validators.cache_clear()
    marker = tmp_path / "pwned"
    planted = compile(f"open({str(marker)!r}, 'w').close()", "planted", "exec")
    folder = tmp_path / "cache" / "validators"
    folder.mkdir(parents=True)
    for schema in _schemas_of_every_validator():
        for name in (_old_code_name(schema), code_name(schema), code_name(schema) + ".code"):
            (folder / name).write_bytes(marshal.dumps(planted))
    listing = tmp_path / "raw" / "demo.md"
    listing.parent.mkdir()
    listing.write_text(LIST, encoding="utf-8")

    code = main(
        [
            "run",
            "--offline",
            "--input",
            str(listing),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--output-dir",
            str(tmp_path / "out"),
            "--report-dir",
            str(tmp_path / "reports"),
        ]
    )

    assert code == 0 and (tmp_path / "out" / "demo.json").is_file()
    assert not marker.exists()


def _old_code_name(schema: Any) -> str:
    """The file name the run read validators' bytecode from, before (issue 21)."""
    identity = json.dumps(
        [fastjsonschema.VERSION, importlib.util.MAGIC_NUMBER.hex(), schema], sort_keys=True
    )
    return "validator_" + hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32] + ".code"


def _schemas_of_every_validator() -> list[Any]:
    """The schemas of the document's validators (as the run builds them)."""
    seen: list[Any] = []
    original = compiled.code_name

    def spy(schema: Any) -> str:
        seen.append(json.loads(json.dumps(schema)))
        return original(schema)

    compiled.code_name = spy  # type: ignore[assignment]
    try:
        _validators.cache_clear()
        _validators()
    finally:
        compiled.code_name = original  # type: ignore[assignment]
        _validators.cache_clear()
    assert len(seen) == 8
    return seen
