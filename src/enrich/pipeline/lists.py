"""Reading a run's last output (finding and parsing the lists: enrich.inputs).

Last output's slots are kept in the cache folder, keyed by the output's bytes.
Why: taking the slots out of a 10,000-entry output (60 MB of JSON) costs
0.8 s, an eighth of a run made from the cache, and the next run reads the
bytes this run left. A run that writes its output keeps its slots as it
writes (0.2 s); a run that finds none kept for the output there (the first
after an upgrade, or an output edited by hand) takes them out of the JSON and
keeps them. The kept slots load in 0.16-0.18 s (a digest of the output, then
its lines read one at a time).

When it is safe: the key is a digest of the code (:func:`enrich.pipeline.reuse.code_digest`,
as for the kept parse) and of the output's bytes, all that taking the slots
reads. An edited, replaced or deleted output reads afresh; a kept file that is
unreadable, cut short, miscounted or of another key is read afresh and
replaced. One file per list (``previous/<list>.slots``), so the folder does
not grow. It is plain text, never a pickle: the cache folder is restored
from CI and is untrusted input (:mod:`enrich.http.cache`), so what is read
from it is only split into lines; each slot's JSON is validated by its model
when a source first asks for it, as a slot read from the output is. A line
per slot (``id TAB attribute TAB 0|1 TAB compact JSON``; compact JSON holds
no raw newline), then ``end TAB count``. The lines are written as they are
made, so keeping them never holds a second copy of the slots (a cold run's
peak is its write). An output whose ids hold a tab or a line break (an
output edited by hand) is simply not kept.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from enrich.errors import OutputError
from enrich.inputs import display_path, parse_file
from enrich.models import EnrichedList
from enrich.output.atomic import write_atomic
from enrich.pipeline.merge import PreviousSlots, SlotKey, document_slots

__all__ = ["OutputKey", "keep_written", "load_previous", "parse_file"]

log = logging.getLogger("enrich.pipeline")

FOLDER = "previous"
KEPT_VERSION = 3
_END = b"end"

KeptSlot = tuple[SlotKey, "str | bytes", bool]


class _Unkeepable(ValueError):
    """A slot that cannot be written as one line (an id holding a tab or a line break)."""


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
        return _afresh(path, error)
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
    return cache_dir / FOLDER / f"{output.stem}.slots"


def _afresh(path: Path, error: Exception) -> PreviousSlots:
    """No last slots: the output there is unreadable or not JSON (said in the log)."""
    log.warning("%s: previous output unusable, starting afresh: %s", display_path(path), error)
    return PreviousSlots({})


def _from_json(path: Path, data: bytes) -> PreviousSlots:
    try:
        return PreviousSlots.from_json(data)
    except ValueError as error:  # not JSON
        return _afresh(path, error)


def _read_kept(kept_path: Path, key: bytes) -> PreviousSlots | None:
    try:
        with kept_path.open("rb") as file:
            if file.readline().rstrip(b"\n") != key:
                return None  # another output's: the rest is not even read
            return _slots_from(file)
    except FileNotFoundError:
        return None
    except OSError as error:
        log.debug("%s: kept slots unreadable, reading the output again: %s", kept_path, error)
        return None
    except ValueError as error:  # UnicodeDecodeError is one
        log.debug("%s: kept slots unusable, reading the output again: %s", kept_path, error)
        return None


def _slots_from(lines: Iterator[bytes]) -> PreviousSlots:
    """The slots' lines up to the end line, which says how many came (else ValueError).

    A line at a time: the file whole, its lines and the texts at once were three
    copies of 35 MB at 10,000 entries."""
    texts: dict[SlotKey, str | bytes] = {}
    recorded: list[SlotKey] = []
    names: dict[bytes, str] = {}  # a handful of attributes, each decoded once
    last_raw, last_id = b"", ""  # an entry's slots come together: one id string for them all
    for count, line in enumerate(lines):  # at the end line, count is the slots read
        if not line.endswith(b"\n"):
            raise ValueError("cut short in a line")
        fields = line[:-1].split(b"\t", 3)
        if len(fields) == 2 and fields[0] == _END:
            if fields[1] != str(count).encode() or next(lines, None) is not None:
                raise ValueError(f"{count} slots read, then {line[:40]!r}")
            return PreviousSlots(texts, recorded)
        entry_id, attribute, holds_record, text = fields  # fewer: ValueError
        name = names.get(attribute) or names.setdefault(attribute, attribute.decode())
        if entry_id != last_raw:
            last_raw, last_id = entry_id, entry_id.decode()
        key = (last_id, name)
        texts[key] = text  # twice (two entries of one id): the last, as from the JSON
        if holds_record == b"1":
            recorded.append(key)
        elif holds_record != b"0":
            raise ValueError(f"{holds_record[:10]!r} where 0 or 1 was kept")
    raise ValueError("cut short: no end line")


def _kept_lines(key: bytes, slots: Iterable[KeptSlot]) -> Iterator[bytes]:
    yield key + b"\n"
    count = 0
    for (entry_id, attribute), text, holds_record in slots:
        if any(mark in entry_id for mark in "\t\n\r"):
            raise _Unkeepable(f"the id {entry_id!r} holds a tab or a line break")
        data = text.encode() if isinstance(text, str) else text
        if b"\n" in data:  # compact JSON holds none; a line must stay one line
            raise _Unkeepable(f"the slot {attribute} of {entry_id!r} holds a line break")
        flag = b"1" if holds_record else b"0"
        yield b"\t".join((entry_id.encode(), attribute.encode(), flag, data)) + b"\n"
        count += 1
    yield _END + b"\t" + str(count).encode() + b"\n"


def _keep(kept_path: Path, key: bytes, slots: Iterable[KeptSlot]) -> None:
    try:
        kept_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(kept_path, _kept_lines(key, slots))
    except _Unkeepable as reason:  # the JSON is read each time instead: slower, as right
        log.debug("%s: last output's slots not kept: %s", kept_path, reason)
    except (OSError, OutputError) as error:  # a read-only cache costs speed, not the run
        log.warning("%s: last output's slots not kept: %s", kept_path, error)
