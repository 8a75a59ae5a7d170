"""Process-wide pacing of arXiv requests.

arXiv's terms of use ask for one connection at a time and at least three
seconds between requests, for a whole client. The pacer is module state, not
door state, so every thread and every door in the process shares it: a
request holds the lock while it is in flight, and the next one starts no
earlier than ``delay`` seconds after the previous one ended. Cache hits never
reach the pacer, so a warm run does not wait at all.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Pacer:
    """One request in flight at a time, with a minimum gap between them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_end: float | None = None

    @contextmanager
    def slot(
        self,
        delay: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> Iterator[None]:
        """Hold the only slot: wait for the gap, run the request, note when it ended."""
        with self._lock:
            if self._last_end is not None:
                gap = self._last_end + delay - clock()
                if gap > 0:
                    sleep(gap)
            try:
                yield
            finally:
                self._last_end = clock()


ARXIV_PACER = Pacer()
"""The one pacer for arXiv in this process."""
