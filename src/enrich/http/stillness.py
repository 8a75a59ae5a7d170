"""What the door saw of a stretch of a run: was it quiet, how long does what it served stay fresh.

Why: a stretch that sent no request and wrote nothing to the cache was made
from the cache alone. Run again on the same inputs against the same cache
(the cache's generation token unchanged), it would be served the same entries
and decide the same, until the first of them stops being fresh. That is what
:mod:`enrich.pipeline.reuse` needs to reuse a list's last output without
reading every entry again.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Stillness:
    """Counts since the watch began, and the earliest end of freshness of what was served."""

    sent: int
    written: int
    fresh_until: float  # epoch seconds; ``inf`` when nothing was served from the cache

    @property
    def quiet(self) -> bool:
        return self.sent == 0 and self.written == 0


class StillnessWatch:
    """Thread-safe: the sources' threads report through the door as they are served."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sent = 0
        self._written_before = 0
        self._fresh_until = math.inf

    def begin(self, written_so_far: int) -> None:
        with self._lock:
            self._sent = 0
            self._written_before = written_so_far
            self._fresh_until = math.inf

    def served(self, fresh_until: float) -> None:
        """An answer or item was served as fresh; it stays so until ``fresh_until``."""
        with self._lock:
            self._fresh_until = min(self._fresh_until, fresh_until)

    def sending(self) -> None:
        with self._lock:
            self._sent += 1

    def seen(self, written_so_far: int) -> Stillness:
        with self._lock:
            return Stillness(self._sent, written_so_far - self._written_before, self._fresh_until)
