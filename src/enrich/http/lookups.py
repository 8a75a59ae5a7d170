"""Which keys earlier lists of this process looked up, kept in 8 bytes a lookup.

Why: a list's memo (:mod:`enrich.pipeline.reuse`) names the cache's generation
its run left, and must end when a later list of the same process writes a key
it looked up (:meth:`enrich.http.cache.ResponseCache.new_stretch`). A warm
10,000-entry list makes some 50,000 lookups whose keys nothing else holds:
kept as strings they added 7 MB to a warm run's peak, as a set of hashes 4 MB.
Here a list's lookups are the keys' hashes appended to an array (8 bytes
each), sorted once when the list ends, and searched by bisection when a
later list writes. A hash collision only renews the generation once more.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left


class LookupLog:
    """Thread-safe for :meth:`looked_up` (an array append holds the GIL); the rest is
    called between lists, when no source runs."""

    def __init__(self) -> None:
        self._current = array("q")  # this list's lookups, in any order
        self._earlier = array("q")  # earlier lists' lookups, sorted

    def looked_up(self, key: str) -> None:
        self._current.append(hash(key))

    def close_list(self) -> None:
        """The current list is over: its lookups join the earlier ones."""
        if self._current:
            self._earlier = array("q", sorted({*self._earlier, *self._current}))
            self._current = array("q")

    def earlier_looked_up(self, key: str) -> bool:
        """Whether a list before the current one looked ``key`` up."""
        earlier, wanted = self._earlier, hash(key)
        at = bisect_left(earlier, wanted)
        return at < len(earlier) and earlier[at] == wanted

    def forget_earlier(self) -> None:
        """Every memo the earlier lists left is over: nothing of theirs matters any more."""
        self._earlier = array("q")
