"""A list's parse kept in the cache folder, keyed by everything parsing reads.

Why: parsing is the largest fixed cost of a run over a list that did not
change (3 s of a 14 s warm run at 10,000 entries, nearly all in
markdown-it's pure-Python inline parser), and the nightly run parses the
same list every night. Reading the kept result back is 0.3 s.

When it is safe: the key covers the code (:func:`enrich.pipeline.reuse.code_digest`:
every file of the package, Python's and the dependencies' versions), the
list's path as shown in warnings, the list's bytes and its ``.toml``
settings' bytes. Parsing reads nothing else. A kept parse whose key differs,
or that is unreadable, is parsed again and replaced; a list or settings file
that changed while it was parsed is not kept. One file per list
(``parsed/<list>.json``), so the folder does not grow.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from pydantic import ValidationError

from enrich.errors import OutputError
from enrich.inputs import decode_list, display_path, read_user_file
from enrich.models import ParsedList
from enrich.output.atomic import write_atomic
from enrich.parse.list_settings import load_settings, settings_path
from enrich.pipeline.reuse import code_digest

log = logging.getLogger("enrich.pipeline")

FOLDER = "parsed"


def parse_kept(path: Path, cache_dir: Path) -> ParsedList:
    """The list parsed, from the kept parse when its key matches, else parsed and kept."""
    shown = display_path(path)
    data, settings_data = read_user_file(path, shown), _settings_bytes(path)
    key = _key(shown, data, settings_data)
    kept = cache_dir / FOLDER / f"{path.stem}.json"
    found = _read(kept, key)
    if found is not None:
        return found  # the parser is not even imported (markdown-it, lxml.html: 0.07 s)
    from enrich.parse.markdown import parse_list

    parsed = parse_list(decode_list(data, shown), shown, load_settings(path))
    if read_user_file(path, shown) == data and _settings_bytes(path) == settings_data:
        _keep(kept, key, parsed)
    return parsed


def _settings_bytes(path: Path) -> bytes:
    try:
        return b"present:" + settings_path(path).read_bytes()
    except FileNotFoundError:
        return b"absent"
    except OSError as error:  # load_settings reports it; the key only needs to differ
        return f"unreadable: {error}".encode()


def _key(shown: str, data: bytes, settings_data: bytes) -> bytes:
    digest = hashlib.sha256(code_digest().encode())
    for part in (shown.encode(), data, settings_data):
        digest.update(f"{len(part)}:".encode())
        digest.update(part)
    return digest.hexdigest().encode()


def _read(kept: Path, key: bytes) -> ParsedList | None:
    try:
        with kept.open("rb") as file:
            if file.readline().rstrip(b"\n") != key:
                return None
            return ParsedList.model_validate_json(file.read())
    except FileNotFoundError:
        return None
    except (OSError, ValidationError) as error:
        log.debug("%s: kept parse unusable, parsing again: %s", kept, error)
        return None


def _keep(kept: Path, key: bytes, parsed: ParsedList) -> None:
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(kept, key + b"\n" + parsed.model_dump_json().encode())
    except (OSError, OutputError) as error:  # a read-only cache costs speed, not the run
        log.warning("%s: parse not kept: %s", kept, error)
