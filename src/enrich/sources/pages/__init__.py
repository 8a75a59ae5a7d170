"""Project pages: find each paper's page, check its health, read its metadata.

The rest of this package is private: verdicts (``_health``), metadata
(``_meta``) and the identities a page links (``_links``).
"""

from enrich.sources.pages._settings import PagesSettings
from enrich.sources.pages._source import PagesSource
from enrich.sources.pages._spec import SPEC

__all__ = ["SPEC", "PagesSettings", "PagesSource"]
