"""Hugging Face papers: the authors' repository and project page, upvotes, linked artifacts.

Hugging Face's paper pages (the successor of Papers with Code) are keyed by
arXiv id. For every paper with one, this source fills the ``huggingface``
slot: the GitHub repository and project page the authors linked, the
upvotes, and how many models, datasets and Spaces cite the paper. A
repository or page found there is handed to the GitHub and pages sources as
a discovery (provenance ``huggingface``); it never replaces a link the list
gives.

The rest of this package is private: settings (``_settings``), the door's
policy (``_policy``), the answers' parser (``_answers``), the lookups
(``_source``) and what the pipeline asks of it (``_spec``).
"""

from enrich.sources.huggingface._settings import HuggingfaceSettings
from enrich.sources.huggingface._source import HuggingfaceSource
from enrich.sources.huggingface._spec import SPEC

__all__ = ["SPEC", "HuggingfaceSettings", "HuggingfaceSource"]
