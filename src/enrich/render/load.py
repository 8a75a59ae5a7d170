"""Finding and reading the enriched list a render command names."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from enrich.errors import InputError
from enrich.models import EnrichedList


def enriched_path(spec: str, output_dir: Path) -> Path:
    """The path given when it names a file or ends in .json; else ``<output_dir>/<name>.json``."""
    given = Path(spec)
    if given.suffix == ".json" or given.is_file():
        return given
    return output_dir / f"{spec}.json"


def load_enriched(spec: str, output_dir: Path) -> EnrichedList:
    """The enriched list ``spec`` names, checked against the models (so the schema)."""
    path = enriched_path(spec, output_dir)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        known = sorted(p.stem for p in output_dir.glob("*.json")) if output_dir.is_dir() else []
        hint = f" (lists in {output_dir}: {', '.join(known) or 'none'})"
        raise InputError(str(path), "no such enriched list" + hint) from error
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror or error}") from error
    try:
        return EnrichedList.model_validate_json(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError(
            str(path),
            f"not an enriched list ({error.error_count()} problems): {where}: {first['msg']}",
        ) from error
