"""OpenAlex: venue, citations, authors and abstracts for every paper, on arXiv or not.

The rest of this package is private: the JSON parser (``_works``), the
lookup planner (``_plan``), title matching (``_match``), the published
version of a paper held twice (``_versions``), the client (``_client``),
what the pipeline asks of it (``_spec``), prices and allowance
(``_allowance``, where OpenAlex's terms are written down with their
sources), the door's policy (``_policy``: pacing, the two kinds of 429,
deadline, answer check) and the settings it reads (``_settings``:
``OpenalexSettings``, endpoint and key).
"""

from enrich.sources.openalex._settings import OpenalexSettings
from enrich.sources.openalex._source import OpenalexSource
from enrich.sources.openalex._spec import SPEC

__all__ = ["SPEC", "OpenalexSettings", "OpenalexSource"]
