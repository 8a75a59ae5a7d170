"""File names for a list's rendered files, safe whatever the list's name holds.

A list's ``name`` is read from its enriched JSON, which anyone who can open a
pull request can edit: ``render html`` wrote ``<out>/<name>.html``, so a name
of ``../../x`` or ``/tmp/x`` put files outside ``--out``. A name made of
letters, digits, ``.``, ``_`` and ``-`` (every list name a file stem gives)
is used as it is; anything else becomes a slug plus a short hash of the
name, so two different names never share a file and the same name always
gives the same one.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from enrich.errors import OutputError

_PLAIN = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_stem(name: str) -> str:
    """``name`` when it is a plain file name; else a slug of it and a hash (see module doc)."""
    if _PLAIN.fullmatch(name) and ".." not in name:
        return name
    slug = _UNSAFE.sub("-", name).replace("..", "-").strip(".-")[:60] or "list"
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug}-{digest}"


def inside(folder: Path, path: Path) -> Path:
    """``path``, after checking that it resolves to a place inside ``folder``."""
    root = folder.resolve()
    resolved = path.resolve()
    if resolved != root and root not in resolved.parents:
        raise OutputError(str(path), f"would be written outside {folder}; not written")
    return path
