"""``enrich fix``: apply the last run's safe, mechanical fixes to the lists.

Link checkers report; a maintainer still edits fifty links by hand. The run
already knows the answers (a page's final URL after a permanent redirect, a
repository's current name, the sure arXiv match, a Code link found with high
confidence), so ``fix`` writes them into the Markdown, and nothing else: it
reads only the enriched JSON the last run wrote (no request, no cache
lookup), edits only the lines those findings name, and only where the line
still holds the text the run saw (see :mod:`enrich.fix.plan`). Without
``--write`` it prints a unified diff; with it, the file the user named is
rewritten (:mod:`enrich.output.user_file`: links followed, mode kept,
read-only and non-regular files refused). A second run finds nothing left
to change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from enrich.errors import InputError

if TYPE_CHECKING:  # imported when a fix runs: the CLI imports this package to build its flags
    from enrich.models import EnrichedList
    from enrich.settings import Settings


def fix_lists(settings: Settings, *, write: bool, out: TextIO, err: TextIO) -> int:
    """Fix (or show the fixes of) every list of the run's selection; returns lines changed."""
    from enrich.inputs import discover

    changed = 0
    for path in discover(settings):
        changed += _fix_list(path, settings, write=write, out=out, err=err)
    return changed


def _fix_list(path: Path, settings: Settings, *, write: bool, out: TextIO, err: TextIO) -> int:
    from enrich.fix.plan import planned_edits
    from enrich.fix.text import ambiguous_edits, apply_edits, split_lines, unified_diff
    from enrich.inputs import display_path, read_list
    from enrich.output.user_file import read_user_file, write_user_file

    shown = display_path(path)
    document = _last_run(settings.output_dir / f"{path.stem}.json")
    if document is None:
        err.write(f"{shown}: no enriched file from a run yet; nothing to fix\n")
        return 0
    parsed_text = read_list(path)  # as the run read it (a BOM removed), for the checksum
    text = read_user_file(path, shown).decode("utf-8")  # exact, BOM and all: every byte kept
    if hashlib.sha256(parsed_text.encode("utf-8")).hexdigest() != document.source.sha256:
        err.write(
            f"{shown}: changed since the last run; only lines still holding "
            "the text the run saw are fixed\n"
        )
    edits = planned_edits(document)
    for note in ambiguous_edits(text, edits):
        err.write(f"{shown}: {note}\n")
    fixed = apply_edits(text, edits)
    lines = sum(a != b for a, b in zip(split_lines(text), split_lines(fixed), strict=True))
    if not write:
        out.write(unified_diff(shown, text, fixed))
    elif fixed != text:
        write_user_file(path, fixed.encode("utf-8"))  # through a link, keeping the mode
        err.write(f"{shown}: {lines} line(s) fixed\n")
    return lines


def _last_run(output: Path) -> EnrichedList | None:
    from pydantic import ValidationError

    from enrich.inputs import display_path
    from enrich.models import EnrichedList

    try:
        return EnrichedList.model_validate_json(output.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as error:
        raise InputError(display_path(output), f"cannot read: {error.strerror or error}") from error
    except ValidationError as error:
        problem = error.errors()[0]
        where = "/".join(str(part) for part in problem["loc"])
        raise InputError(
            display_path(output), f"not an enriched file: {where}: {problem['msg']}"
        ) from error
