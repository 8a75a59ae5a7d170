"""arXiv: resolve each paper's arXiv id and fill authors, abstract and dates.

The rest of this package is private: the feed parser (``_feed``), the paced
client (``_client``), title matching (``_match``, on :mod:`enrich.matching`).
"""

from enrich.sources.arxiv._settings import ArxivSettings
from enrich.sources.arxiv._source import ArxivSource
from enrich.sources.arxiv._spec import SPEC

__all__ = ["SPEC", "ArxivSettings", "ArxivSource"]
