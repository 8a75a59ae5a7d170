"""Conversions between what was fetched, what is stored, and what a caller gets.

Kept apart from the door so its request flow reads as decisions, not field
copying; a revalidated answer is the stored one with a new time and validators.
"""

from __future__ import annotations

from dataclasses import replace

from enrich.http.cache import StoredAnswer
from enrich.http.transport import Fetched
from enrich.http.types import CacheOutcome, Response


def stored_from(service: str, method: str, url: str, fetched: Fetched, now: float) -> StoredAnswer:
    return StoredAnswer(
        service=service,
        method=method,
        url=url,
        final_url=fetched.final_url,
        status=fetched.status,
        headers=dict(fetched.headers),
        body=fetched.body,
        stored_at=now,
        etag=fetched.headers.get("etag"),
        last_modified=fetched.headers.get("last-modified"),
        redirects=fetched.redirects,
        truncated=fetched.truncated,
    )


def revalidated(stored: StoredAnswer, fetched: Fetched, now: float) -> StoredAnswer:
    """The stored answer, made fresh again by a 304 (and its validators updated)."""
    return replace(
        stored,
        stored_at=now,
        etag=fetched.headers.get("etag") or stored.etag,
        last_modified=fetched.headers.get("last-modified") or stored.last_modified,
    )


def to_response(stored: StoredAnswer, url: str, outcome: CacheOutcome) -> Response:
    return Response(
        service=stored.service,
        method=stored.method,
        url=url,
        final_url=stored.final_url,
        status=stored.status,
        headers=dict(stored.headers),
        body=stored.body,
        cache=outcome,
        redirects=stored.redirects,
        truncated=stored.truncated,
    )
