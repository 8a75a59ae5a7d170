"""One parse per URL: the door's steps all read the same URL through :func:`parsed_url`.

A page request used to parse its URL five times (the scheme check, the
sender's host check, the per-host slot, the hop's request, the origin
comparison), and httpx's parser is pure Python: about 8% of a page check's
CPU. ``httpx.URL`` is immutable (every change makes a new one), so one
parsed value may be shared by every thread.
"""

from __future__ import annotations

from functools import lru_cache

import httpx


@lru_cache(maxsize=8192)
def parsed_url(url: str) -> httpx.URL:
    """``httpx.URL(url)``, remembered; raises as it does (a failure is not remembered)."""
    return httpx.URL(url)
