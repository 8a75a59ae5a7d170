"""Reading a run's last output (finding and parsing the lists: enrich.inputs).

Last output's slots are kept in the cache folder, keyed by the output's bytes.
Why: taking the slots out of a 10,000-entry output (60 MB of JSON) costs
0.8 s, an eighth of a run made from the cache, and a run whose output did not
change (every warm run, most nightly lists) reads the same bytes again next
time. The kept slots load in 0.1 s (a digest of the output and an unpickle).

When it is safe: the key is a digest of the code (:func:`enrich.pipeline.reuse.code_digest`,
as for the kept parse) and of the output's bytes, all that taking the slots
reads. An edited, replaced or deleted output reads afresh; a kept file that is
unreadable or of another key is read afresh and replaced. One file per list
(``previous/<list>.pickle``), so the folder does not grow. It is a pickle
because it is the cache folder's own format (diskcache stores pickles there)
and the quickest to load: 0.08 s for 50,000 slots.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from pathlib import Path

from enrich.errors import OutputError
from enrich.inputs import display_path, parse_file
from enrich.output.atomic import write_atomic
from enrich.pipeline.merge import PreviousSlots

__all__ = ["load_previous", "parse_file"]

log = logging.getLogger("enrich.pipeline")

FOLDER = "previous"
KEPT_VERSION = 1


def load_previous(path: Path, cache_dir: Path | None = None) -> PreviousSlots:
    """Last run's slots; none when the file is absent or unusable (said in the log).

    With ``cache_dir``, the slots kept for these very bytes are read instead,
    and slots read afresh are kept for next time.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return PreviousSlots({})
    except OSError as error:
        log.warning("%s: previous output unusable, starting afresh: %s", display_path(path), error)
        return PreviousSlots({})
    if cache_dir is None:
        return _from_json(path, data)
    kept_path = cache_dir / FOLDER / f"{path.stem}.pickle"
    key = _key(data)
    kept = _read_kept(kept_path, key)
    if kept is not None:
        return kept
    previous = _from_json(path, data)
    if len(previous):
        _keep(kept_path, key, previous)
    return previous


def _from_json(path: Path, data: bytes) -> PreviousSlots:
    try:
        return PreviousSlots.from_json(data)
    except ValueError as error:  # not JSON
        log.warning("%s: previous output unusable, starting afresh: %s", display_path(path), error)
        return PreviousSlots({})


def _key(data: bytes) -> bytes:
    from enrich.pipeline.reuse import code_digest

    digest = hashlib.sha256(f"kept slots {KEPT_VERSION}:{code_digest()}:".encode())
    digest.update(data)
    return digest.hexdigest().encode()


def _read_kept(kept_path: Path, key: bytes) -> PreviousSlots | None:
    try:
        with kept_path.open("rb") as file:
            if file.readline().rstrip(b"\n") != key:
                return None
            texts, recorded = pickle.load(file)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError) as error:
        log.debug("%s: kept slots unusable, reading the output again: %s", kept_path, error)
        return None
    if not isinstance(texts, dict) or not isinstance(recorded, frozenset):
        log.debug("%s: kept slots of another shape, reading the output again", kept_path)
        return None
    return PreviousSlots(texts, recorded)


def _keep(kept_path: Path, key: bytes, previous: PreviousSlots) -> None:
    texts, recorded = previous.kept_form()
    try:
        kept_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(kept_path, key + b"\n" + pickle.dumps((texts, recorded), protocol=5))
    except (OSError, OutputError) as error:  # a read-only cache costs speed, not the run
        log.warning("%s: last output's slots not kept: %s", kept_path, error)
