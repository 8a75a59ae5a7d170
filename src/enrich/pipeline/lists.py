"""Reading a run's last output (finding and parsing the lists: enrich.inputs).

Last output's slots are kept in the cache folder, keyed by the output's bytes.
Why: taking the slots out of a 10,000-entry output (60 MB of JSON) costs
0.8 s, an eighth of a run made from the cache, and the next run reads the
bytes this run left. A run that writes its output keeps its slots as it
writes (0.2 s); a run that finds none kept for the output there (the first
after an upgrade, or an output edited by hand) takes them out of the JSON and
keeps them. The kept slots load in 0.1 s (a digest of the output and an unpickle).

When it is safe: the key is a digest of the code (:func:`enrich.pipeline.reuse.code_digest`,
as for the kept parse) and of the output's bytes, all that taking the slots
reads. An edited, replaced or deleted output reads afresh; a kept file that is
unreadable, cut short or of another key is read afresh and replaced. One
file per list (``previous/<list>.pickle``), so the folder does not grow. It is
pickles because that is the cache folder's own format (diskcache stores
pickles there) and the quickest to load, written a thousand slots at a time
so that keeping them never holds a second copy of the slots (a cold run's
peak is its write).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from enrich.errors import OutputError
from enrich.inputs import display_path, parse_file
from enrich.models import EnrichedList
from enrich.output.atomic import write_atomic
from enrich.pipeline.merge import PreviousSlots, SlotKey, document_slots

__all__ = ["OutputKey", "keep_written", "load_previous", "parse_file"]

log = logging.getLogger("enrich.pipeline")

FOLDER = "previous"
KEPT_VERSION = 2
BATCH = 1000  # slots per pickle: small enough to hold, few enough to load quickly
_END = "end"

KeptSlot = tuple[SlotKey, "str | bytes", bool]
# What a damaged kept file may raise: the pickle module names the last four ("Other
# exceptions may also be raised during unpickling, including (but not necessarily
# limited to) AttributeError, EOFError, ImportError, and IndexError"); a wrong shape,
# TypeError and ValueError.
UNREADABLE = (
    OSError,
    pickle.UnpicklingError,
    TypeError,
    ValueError,
    KeyError,
    AttributeError,
    EOFError,
    ImportError,
    IndexError,
)


class OutputKey:
    """The kept slots' key of an output, fed its bytes as they are written."""

    def __init__(self) -> None:
        from enrich.pipeline.reuse import code_digest

        self._digest = hashlib.sha256(f"kept slots {KEPT_VERSION}:{code_digest()}:".encode())

    def fed(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """``chunks`` as they are, each also added to the key."""
        for chunk in chunks:
            self._digest.update(chunk)
            yield chunk

    def of(self, data: bytes) -> bytes:
        self._digest.update(data)
        return self.key()

    def key(self) -> bytes:
        return self._digest.hexdigest().encode()


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
    kept_path = _kept_path(cache_dir, path)
    key = OutputKey().of(data)
    kept = _read_kept(kept_path, key)
    if kept is not None:
        return kept
    previous = _from_json(path, data)
    if len(previous):
        _keep(kept_path, key, previous.kept_form())
    return previous


def keep_written(path: Path, key: OutputKey, document: EnrichedList, cache_dir: Path) -> None:
    """Keep the slots of ``document``, just written to ``path`` through ``key.fed``."""
    _keep(_kept_path(cache_dir, path), key.key(), document_slots(document))


def _kept_path(cache_dir: Path, output: Path) -> Path:
    return cache_dir / FOLDER / f"{output.stem}.pickle"


def _from_json(path: Path, data: bytes) -> PreviousSlots:
    try:
        return PreviousSlots.from_json(data)
    except ValueError as error:  # not JSON
        log.warning("%s: previous output unusable, starting afresh: %s", display_path(path), error)
        return PreviousSlots({})


def _read_kept(kept_path: Path, key: bytes) -> PreviousSlots | None:
    try:
        with kept_path.open("rb") as file:
            if file.readline().rstrip(b"\n") != key:
                return None
            return _slots_from(file)
    except FileNotFoundError:
        return None
    except UNREADABLE as error:
        log.debug("%s: kept slots unusable, reading the output again: %s", kept_path, error)
        return None


def _slots_from(file: IO[bytes]) -> PreviousSlots:
    """The batches up to the end mark, which says how many slots came (else TypeError)."""
    texts: dict[SlotKey, str | bytes] = {}
    recorded: list[SlotKey] = []
    count = 0
    while True:
        batch: Any = pickle.load(file)
        if isinstance(batch, tuple) and batch[:1] == (_END,):
            if batch != (_END, count):
                raise TypeError(f"{count} slots read where {batch[1:]} were kept")
            return PreviousSlots(texts, recorded)
        if not isinstance(batch, list):
            raise TypeError(f"a {type(batch).__name__} where slots were kept")
        for key, text, holds_record in batch:
            texts[key] = text
            if holds_record:
                recorded.append(key)
        count += len(batch)


def _kept_chunks(key: bytes, slots: Iterable[KeptSlot]) -> Iterator[bytes]:
    yield key + b"\n"
    count, items = 0, iter(slots)
    while batch := list(islice(items, BATCH)):
        count += len(batch)
        yield pickle.dumps(batch, protocol=5)
    yield pickle.dumps((_END, count), protocol=5)


def _keep(kept_path: Path, key: bytes, slots: Iterable[KeptSlot]) -> None:
    try:
        kept_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(kept_path, _kept_chunks(key, slots))
    except (OSError, OutputError) as error:  # a read-only cache costs speed, not the run
        log.warning("%s: last output's slots not kept: %s", kept_path, error)
