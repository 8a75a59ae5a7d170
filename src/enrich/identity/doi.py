"""DOIs: find them in the links and text lists write, and normalise them.

Lists cite proceedings by DOI as ``https://doi.org/10.1145/...``,
``dx.doi.org``, ``doi:10.1109/...``, publisher pages that carry the DOI in
their path (``dl.acm.org/doi/10.1145/...``, ``link.springer.com/chapter/10.1007/...``,
``onlinelibrary.wiley.com/doi/...``) or a bare ``10.NNNN/suffix``. All of them
name one DOI; DOIs are case-insensitive, so the canonical form is lower-case.
The syntax follows Crossref's advice for matching modern DOIs
(``10.\\d{4,9}/[-._;()/:A-Z0-9]+``). arXiv's own DOIs (``10.48550/arXiv.*``) are
DOIs too; :mod:`enrich.identity.arxiv` turns them into arXiv ids.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_DOI = r"10\.\d{4,9}/[-._;()/:a-z0-9<>\[\]]+"
_EXACT = re.compile(rf"^(?:doi:\s*)?(?P<doi>{_DOI})$", re.I)
_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
# Publisher pages whose path holds the DOI after a marker segment.
_PATH_MARKERS = re.compile(
    r"/(?:doi(?:/(?:abs|full|pdf|epdf|book))?|article|chapter|content/pdf)/(?P<doi>10\.\d{4,9}/.+)$",
    re.I,
)
_TRAILING = ".,;:)]}>'\""


def _clean(doi: str) -> str | None:
    value = doi.rstrip(_TRAILING).removesuffix(".pdf")
    return value.casefold() if _EXACT.match(value) else None


def normalize_doi(text: str) -> str | None:
    """The lower-case DOI when ``text`` is exactly one DOI (``doi:`` prefix allowed)."""
    match = _EXACT.match(text.strip())
    return _clean(match["doi"]) if match else None


def extract_doi(text: str) -> str | None:
    """The DOI a link or string names: doi.org URLs, publisher DOI paths, ``doi:`` or bare."""
    value = text.strip()
    if "://" not in value:
        return normalize_doi(value)
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = unquote(parts.path)
    if host in _DOI_HOSTS:
        return _clean(path.lstrip("/"))
    marker = _PATH_MARKERS.search(path)
    return _clean(marker["doi"]) if marker else None
