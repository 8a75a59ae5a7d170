"""Stable entry ids: readable slug plus a short content hash.

An id depends only on what identifies the entry (its kind, name and primary
URL), never on its line, so moving an entry keeps its id and downstream caches
and diffs stay valid. Exact duplicates in one list get a deterministic
``-2``, ``-3`` ... suffix in document order, so ids are unique per document.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SLUG_MAX = 40
HASH_HEX = 8
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def slugify(text: str, max_len: int = SLUG_MAX) -> str:
    """ASCII, lower-case, hyphen-separated; empty when nothing ASCII is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_ALNUM.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] or slug[:max_len]
    return slug.strip("-")


def normalise(text: str | None) -> str:
    """Case-, width- and whitespace-insensitive form of an identifying field."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def entry_id(kind: str, name: str, *identifying: str | None) -> str:
    """``kind-slug-hash`` from the entry's kind, name and identifying fields."""
    material = "\x1f".join(normalise(part) for part in (kind, name, *identifying))
    digest = hashlib.sha256(material.encode("utf-8")).hexdigest()[:HASH_HEX]
    slug = slugify(name)
    return f"{kind}-{slug}-{digest}" if slug else f"{kind}-{digest}"


class IdAllocator:
    """Hands out ids unique within one document, suffixing repeats in order."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def claim(self, base: str) -> str:
        """``base`` if unused, else ``base-2``, ``base-3`` ... (first free)."""
        candidate, n = base, 1
        while candidate in self._used:
            n += 1
            candidate = f"{base}-{n}"
        self._used.add(candidate)
        return candidate
