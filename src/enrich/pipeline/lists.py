"""Reading a run's last output (finding and parsing the lists: enrich.inputs)."""

from __future__ import annotations

import logging
from pathlib import Path

from enrich.inputs import display_path, parse_file
from enrich.pipeline.merge import PreviousSlots

__all__ = ["load_previous", "parse_file"]

log = logging.getLogger("enrich.pipeline")


def load_previous(path: Path) -> PreviousSlots:
    """Last run's slots; none when the file is absent or unusable (said in the log)."""
    try:
        return PreviousSlots.from_json(path.read_bytes())
    except FileNotFoundError:
        return PreviousSlots({})
    except (OSError, ValueError) as error:  # unreadable or not JSON
        log.warning("%s: previous output unusable, starting afresh: %s", display_path(path), error)
        return PreviousSlots({})
