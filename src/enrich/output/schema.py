"""The JSON Schema of enriched files, generated from :mod:`enrich.models`.

``schema/enriched.schema.json`` in the repository is this module's output
(``python -m enrich schema > schema/enriched.schema.json``); a test fails when
the two differ, so the published contract always matches the code. Validation
of a written file (``python -m enrich validate``) uses jsonschema against that
same schema, which gives renderers' authors the exact messages they would get
with their own validator.

The schema grows without breaking its readers (semantic versioning of
``schema_version``): an additive change (a new optional key, a new kind of
warning) is a minor bump, and only a change that removes, renames or narrows
something is a major one. So the published schema leaves objects open to keys
a later minor version adds (no ``additionalProperties: false``; a reader
ignores what it does not know), and a key added after 1.0 carries
``"since": "<version>"`` in the models (:data:`SINCE`) and is never required:
a file written before it existed stays valid. ``schema/releases/`` keeps the
previous release's schema; a test holds the two to these rules.

Before a run replaces a file, :func:`document_problems` checks the document
against the same schema with fastjsonschema, which compiles it to Python
code (about 8 times faster than jsonschema), one entry at a time: the whole
10,000-entry document as one JSON tree would cost some 170 MB at the peak of
the run. The entries are checked in the JSON form pydantic writes them in
(``model_dump(mode="json")`` and ``model_dump_json`` share one serializer).
Only when a check fails does jsonschema run over the whole text, to name every
problem.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

from enrich.models import SCHEMA_VERSION, EnrichedList
from enrich.output.compiled import compile_validator

SCHEMA_ID = f"https://enrich.example/schema/enriched-{SCHEMA_VERSION}.json"
SINCE = "since"  # a property's schema key: the minor version that added it (never required)


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one enriched list file."""
    schema = EnrichedList.model_json_schema(mode="serialization")
    _open_to_additions(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def _open_to_additions(node: Any) -> None:
    """Objects accept keys a later minor version adds; keys marked ``since`` are optional."""
    if isinstance(node, dict):
        if node.get("additionalProperties") is False:
            del node["additionalProperties"]
        properties = node.get("properties")
        if isinstance(properties, dict) and "required" in node:
            added = {name for name, prop in properties.items() if SINCE in prop}
            node["required"] = [name for name in node["required"] if name not in added]
        for value in node.values():
            _open_to_additions(value)
    elif isinstance(node, list):
        for value in node:
            _open_to_additions(value)


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    """jsonschema, imported here: a run needs it only when the compiled check fails."""
    from jsonschema import Draft202012Validator

    schema = build_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validation_errors(document: Any) -> list[str]:
    """Every way ``document`` breaks the schema, as 'path: message' lines, sorted."""
    problems = []
    for error in _leaf_errors(_validator().iter_errors(document)):
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        problems.append(f"{where}: {error.message}")
    return sorted(set(problems))


def _leaf_errors(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
    """Descend into ``anyOf`` failures so a message names the real field, not the union.

    An optional record is ``anyOf: [record, null]``; when it fails, the useful
    errors are the record's own, not "is not of type 'null'".
    """
    for error in errors:
        if not error.context:
            yield error
            continue
        useful = [
            e for e in error.context if not (e.validator == "type" and e.validator_value == "null")
        ]
        yield from _leaf_errors(useful) if useful else [error]


ENTRY_LISTS = ("papers", "researchers", "datasets", "metrics", "tools", "warnings", "sections")


@lru_cache(maxsize=1)
def _validators() -> dict[str, Callable[[Any], Any]]:
    """A compiled validator for the document's shell and one per entry list's items."""
    schema = build_schema()
    shell = {**schema, "properties": dict(schema["properties"])}
    validators = {}
    for name in ENTRY_LISTS:
        items = schema["properties"][name]["items"]
        shell["properties"][name] = {"type": "array", "maxItems": 0}
        validators[name] = compile_validator({"$defs": schema["$defs"], **items})
    validators[""] = compile_validator(shell)
    return validators


def document_problems(
    document: EnrichedList, text: str | bytes | Callable[[], str | bytes]
) -> list[str]:
    """Every way the document breaks the schema; ``text`` is its JSON (or makes it), read
    only on failure."""
    validators = _validators()
    try:
        validators[""](
            document.model_copy(update=dict.fromkeys(ENTRY_LISTS, ())).model_dump(mode="json")
        )
        for name in ENTRY_LISTS:
            for item in getattr(document, name):
                validators[name](item.model_dump(mode="json"))
    except fastjsonschema.JsonSchemaException:
        data = text() if callable(text) else text
        return validation_errors(json.loads(data)) or ["(root): rejected by the schema"]
    return []
