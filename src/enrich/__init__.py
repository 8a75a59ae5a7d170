"""enrich: metadata enrichment for curated research-paper lists."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/enrich-lists/enrich"
