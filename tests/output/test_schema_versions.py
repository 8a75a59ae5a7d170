"""The schema grows without breaking its readers: semantic ``schema_version``.

An additive change (a new optional key, a new object) is a minor bump; a key
removed, a key newly required in an object the previous release had, or a
narrowed type is a major one. ``schema/releases/`` holds the previous
release's schema; these tests compare today's with it, and check that files
written before a key existed stay valid and that a reader ignores keys a
later minor version adds.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from enrich.models import SCHEMA_VERSION
from enrich.output.schema import SINCE, build_schema, validation_errors

ROOT = Path(__file__).resolve().parents[2]
RELEASES = ROOT / "schema" / "releases"
ENRICHED = sorted((ROOT / "data" / "enriched").glob("*.json"))
IGNORED = {"description", "title", "default", "examples", SINCE}


def _version(text: str) -> tuple[int, int]:
    major, minor = text.split(".")[:2]
    return int(major), int(minor)


def _previous_release() -> tuple[tuple[int, int], dict[str, Any]]:
    releases = {
        _version(path.name.removeprefix("enriched-").removesuffix(".schema.json")): path
        for path in RELEASES.glob("enriched-*.schema.json")
    }
    assert releases, f"no released schema in {RELEASES}"
    version = max(releases)
    return version, json.loads(releases[version].read_text(encoding="utf-8"))


def _shape(node: Any) -> Any:
    """A property's schema without its prose: what a validator checks."""
    if isinstance(node, dict):
        return {k: _shape(v) for k, v in node.items() if k not in IGNORED}
    if isinstance(node, list):
        return [_shape(v) for v in node]
    return node


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What a reader validating with ``old`` would see break in ``new`` (empty: additive)."""
    problems = []
    old_objects = {"(root)": old, **old.get("$defs", {})}
    new_objects = {"(root)": new, **new.get("$defs", {})}
    for name, before in old_objects.items():
        after = new_objects.get(name)
        if after is None:
            problems.append(f"{name}: removed")
            continue
        old_props, new_props = before.get("properties", {}), after.get("properties", {})
        for key, schema in old_props.items():
            if key not in new_props:
                problems.append(f"{name}.{key}: removed")
            elif _shape(new_props[key]) != _shape(schema):
                problems.append(f"{name}.{key}: changed")
        for key in set(new_props) - set(old_props):
            if key in after.get("required", ()):
                problems.append(f"{name}.{key}: new and required (mark it '{SINCE}')")
        if (
            set(after.get("required", ()))
            - set(before.get("required", ()))
            - (set(new_props) - set(old_props))
        ):
            problems.append(f"{name}: a key it had became required")
        if before.get("additionalProperties") is not False and (
            after.get("additionalProperties") is False
        ):
            problems.append(f"{name}: closed to keys a later version adds")
    return sorted(problems)


def test_the_version_says_whether_the_change_is_additive() -> None:
    released, old = _previous_release()
    new = build_schema()
    current = _version(SCHEMA_VERSION)
    if _shape({**new, "$id": None}) == _shape({**old, "$id": None}):
        assert current >= released
        return
    assert current > released, "the schema changed: bump schema_version"
    if breaking_changes(old, new):
        assert current[0] > released[0], breaking_changes(old, new)
    else:
        assert current[0] == released[0], "an additive change is a minor bump"


def test_a_new_key_is_optional_and_a_breaking_change_is_seen() -> None:
    """The comparison itself: it fails on a removal, a narrowing and a new required key."""
    _, old = _previous_release()
    assert breaking_changes(old, copy.deepcopy(old)) == []
    new = copy.deepcopy(old)
    paper = new["$defs"]["Paper"]
    paper["properties"]["fresh"] = {"type": "integer", SINCE: "9.9"}
    assert breaking_changes(old, new) == []
    paper["required"] = [*paper["required"], "fresh"]
    del paper["properties"]["title"]
    new["$defs"]["GithubRecord"]["properties"]["stars"] = {"type": "string"}
    assert breaking_changes(old, new) == [
        "GithubRecord.stars: changed",
        "Paper.fresh: new and required (mark it 'since')",
        "Paper.title: removed",
    ]


def test_the_published_schema_is_open_to_later_additions() -> None:
    closed = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if node.get("additionalProperties") is False:
                closed.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                walk(value, f"{where}/{n}")

    walk(build_schema(), "")
    assert closed == []


@pytest.mark.parametrize("path", ENRICHED, ids=lambda p: p.name)
def test_a_committed_file_and_a_reader_of_a_later_minor_version(path: Path) -> None:
    """Files written before today's keys existed stay valid; unknown keys are ignored."""
    document = json.loads(path.read_bytes())
    assert validation_errors(document) == []
    later = copy.deepcopy(document)
    later["added_in_a_later_minor"] = {"anything": 1}
    for paper in later["papers"][:3]:
        paper["a_new_slot"] = {"status": "ok"}
    assert validation_errors(later) == []
