"""Parsing a run's list files and reading their last output (finding them: enrich.inputs)."""

from __future__ import annotations

import logging
from pathlib import Path

from enrich.inputs import display_path, read_list
from enrich.models import ParsedList
from enrich.parse.list_settings import load_settings
from enrich.parse.markdown import parse_list
from enrich.pipeline.merge import PreviousSlots

log = logging.getLogger("enrich.pipeline")


def parse_file(path: Path) -> ParsedList:
    return parse_list(read_list(path), display_path(path), load_settings(path))


def load_previous(path: Path) -> PreviousSlots:
    """Last run's slots; none when the file is absent or unusable (said in the log)."""
    try:
        return PreviousSlots.from_json(path.read_bytes())
    except FileNotFoundError:
        return PreviousSlots({})
    except (OSError, ValueError) as error:  # unreadable or not JSON
        log.warning("%s: previous output unusable, starting afresh: %s", display_path(path), error)
        return PreviousSlots({})
