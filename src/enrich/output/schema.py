"""The JSON Schema of enriched files, generated from :mod:`enrich.models`.

``schema/enriched.schema.json`` in the repository is this module's output
(``python -m enrich schema > schema/enriched.schema.json``); a test fails when
the two differ, so the published contract always matches the code. Validation
uses jsonschema against that same schema, which gives renderers' authors the
exact messages they would get with their own validator.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from enrich.models import SCHEMA_VERSION, EnrichedList

SCHEMA_ID = f"https://enrich.example/schema/enriched-{SCHEMA_VERSION}.json"


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one enriched list file."""
    schema = EnrichedList.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
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
