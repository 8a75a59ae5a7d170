"""Process-wide pacing of a service's requests (a policy's :class:`~enrich.http.policy.Pacing`).

arXiv's terms of use ask for one connection at a time and at least three
seconds between requests, for a whole client. The pacers are module state,
not door state, so every thread and every door in the process shares the
one for a service: a request holds the lock while it is in flight, and the
next one starts no earlier than ``delay`` seconds after the previous one
ended. Cache hits never reach a pacer, so a warm run does not wait at all.
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
        single_flight: bool = True,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> Iterator[None]:
        """Wait for the gap, run the request; with ``single_flight`` hold the only slot."""
        if not single_flight:
            with self._lock:  # reserve a start time, then let others reserve theirs
                start = clock() if self._last_end is None else max(clock(), self._last_end + delay)
                self._last_end = start
            if start > clock():
                sleep(start - clock())
            yield
            return
        with self._lock:
            if self._last_end is not None:
                gap = self._last_end + delay - clock()
                if gap > 0:
                    sleep(gap)
            try:
                yield
            finally:
                self._last_end = clock()


_PACERS: dict[str, Pacer] = {}
_PACERS_LOCK = threading.Lock()


def pacer_for(service: str) -> Pacer:
    """The one pacer for ``service`` in this process."""
    with _PACERS_LOCK:
        return _PACERS.setdefault(service, Pacer())
