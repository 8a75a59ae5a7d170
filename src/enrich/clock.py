"""The run's one clock: which day it is, in UTC.

Every "today" of a run (a slot's ``stale_since``, a page's failure streak,
the history's row date) is read from here, so a run that crosses midnight
or a test that injects a day sees one date everywhere. Callers take a
``today`` callable defaulting to :func:`utc_today` so tests pass their own.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime


def utc_today() -> str:
    """Today's UTC date (``2026-12-06``) from ``time.time``, the door's clock too."""
    return datetime.fromtimestamp(time.time(), UTC).date().isoformat()
