"""The two environment variables OpenAlex reads, declared here rather than in ``enrich.settings``.

The endpoint, so tests and benchmarks point it at a local fake; the key,
free since February 2026 and secret (the door sends it as the ``api_key``
query parameter, never into the cache or a log). Without a key OpenAlex
still answers, from a small daily allowance its headers state.
"""

from __future__ import annotations

from enrich.settings import SourceSetting

API_URL = SourceSetting("ENRICH_OPENALEX_API_URL", default="https://api.openalex.org")
API_KEY = SourceSetting("OPENALEX_API_KEY", secret=True)
SETTINGS = (API_URL, API_KEY)
