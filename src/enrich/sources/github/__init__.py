"""GitHub: resolve each entry's repository and fill stars, forks and repository facts.

The rest of this package is private: candidate planning (``_plan``), GraphQL
batches (``_graphql``, ``_batch``), the REST fallback (``_rest``,
``_restfetch``) and the per-repository cache (``_cache``).
"""

from enrich.sources.github._settings import GithubSettings
from enrich.sources.github._source import GithubSource
from enrich.sources.github._spec import SPEC

__all__ = ["SPEC", "GithubSettings", "GithubSource"]
