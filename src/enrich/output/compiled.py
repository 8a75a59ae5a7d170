"""fastjsonschema validators whose generated code is kept on disk between runs.

Why: turning the enriched-file schema into Python code costs about a second of
CPU per process (eight validators over some sixty shared definitions), which
every CLI start pays: the nightly run once, a contributor's runs each time, and
the end-to-end tests, which start the CLI a dozen times, a dozen times. The
code depends only on the schema, fastjsonschema's version and Python's
bytecode format, so it is compiled once, written (as marshalled bytecode) to a
folder under a name made of their hash, and loaded by later runs in
milliseconds. Bytecode rather than source: Python would compile a source file
again on every start wherever bytecode caching is off (PYTHONDONTWRITEBYTECODE).

Without a folder, or when the folder cannot be used, validators are compiled in
memory as before; a cache that cannot be written never fails a run.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import logging
import marshal
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import fastjsonschema
from fastjsonschema.ref_resolver import RefResolver

from enrich.errors import OutputError
from enrich.output.atomic import write_atomic

log = logging.getLogger("enrich.output")

Validator = Callable[[Any], Any]


def code_name(schema: Mapping[str, Any]) -> str:
    """A file name that changes whenever the schema, the generator or Python's bytecode does."""
    identity = json.dumps(
        [fastjsonschema.VERSION, importlib.util.MAGIC_NUMBER.hex(), schema], sort_keys=True
    )
    return "validator_" + hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32] + ".code"


# This process's compiled code by file name: each schema is compiled at most
# once per process, whichever folders later runs in it keep their code in.
_known: dict[str, types.CodeType] = {}


def compile_validator(schema: Mapping[str, Any], folder: Path | None) -> Validator:
    """The validator of ``schema``; its compiled code is read from and kept in ``folder``."""
    name = code_name(schema)
    path = folder / name if folder is not None else None
    code = _known.get(name) or (_read(path) if path is not None else None)
    if code is None:
        code = compile(fastjsonschema.compile_to_code(_copy(schema)), name, "exec")
    _known[name] = code
    if path is not None and not path.is_file():
        try:
            write_atomic(path, marshal.dumps(code))
        except OutputError as error:
            log.debug("validator code not kept: %s", error)
    entry = RefResolver.from_schema(_copy(schema)).get_scope_name()  # as fastjsonschema.compile
    return _run(code, entry)


def _read(path: Path) -> types.CodeType | None:
    """The code kept at ``path``; None when there is none or it is unusable (then removed)."""
    try:
        code = marshal.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, EOFError, TypeError) as error:
        code = error
    if isinstance(code, types.CodeType):
        return code
    log.debug("validator code %s unusable (%s); compiled again", path, code)
    with contextlib.suppress(OSError):
        path.unlink()
    return None


def _copy(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy: fastjsonschema rewrites the ``$ref``s of the schema it is given."""
    copied: dict[str, Any] = json.loads(json.dumps(schema))
    return copied


def _run(code: types.CodeType, entry: str) -> Validator:
    """The generated module's function named ``entry`` (the schema's root)."""
    namespace: dict[str, Any] = {"__name__": "enrich_compiled_validator"}
    exec(code, namespace)  # our own generated code, from our own cache folder
    validate: Validator = namespace[entry]
    return validate
