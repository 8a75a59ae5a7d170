"""Conversions between what was fetched, what is stored, and what a caller gets;
and the answer checks a policy may set (:data:`~enrich.http.policy.AnswerCheck`).

Kept apart from the door so its request flow reads as decisions, not field
copying; a revalidated answer is the stored one with a new time and validators.

What is stored is redacted first (:mod:`enrich.redact`): a server that quotes
our key in a 200 body or writes it into a ``Location`` must not put it into
``cache.db``, and from there into a reason, a report or the committed JSON.

Answer checks
-------------
A 2xx whose body is not what the service sends (cut off mid-JSON, an HTML
error page, nesting no honest answer has, the wrong type where an object or
list belongs) is no answer: the door retries it like a 5xx and never caches
it (:meth:`enrich.http.sender.Sender._attempt`), and a stored answer that a
check now refuses (written by an older version, or before the check existed)
is not served (:meth:`enrich.http.client.NetworkDoor.request`).
:func:`json_check` builds such a check for JSON services; a source passes a
``shape`` function for what only it knows (OpenAlex: ``authorships`` is a
list).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from enrich.http.cache import StoredAnswer
from enrich.http.policy import AnswerCheck
from enrich.http.transport import Fetched
from enrich.http.types import CacheOutcome, Response
from enrich.redact import redact, redact_bytes

MAX_JSON_DEPTH = 32
"""The deepest JSON nesting any service we use answers with (OpenAlex's works
nest about 6 deep, GitHub's GraphQL about 8): deeper is hostile or broken,
and Python's own parser fails on a few thousand levels with RecursionError."""

Shape = Callable[[Any], str | None]
"""Looks at a parsed document: ``None`` when its shape is right, else why not."""


def json_depth_over(document: Any, limit: int) -> bool:
    """Whether ``document`` nests deeper than ``limit`` (iterative: no recursion)."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((child, depth + 1) for child in value.values())
        elif isinstance(value, list):
            stack.extend((child, depth + 1) for child in value)
    return False


def _deep_before_parsing(body: bytes, limit: int) -> bool:
    """A cheap bound before ``json.loads``: more opening brackets than any honest
    nesting could need, all before the first closing one (``[[[[...``)."""
    head = body[: 4 * limit + 64]
    first_close = min((i for i in (head.find(b"]"), head.find(b"}")) if i >= 0), default=len(head))
    opening = head[:first_close]
    return opening.count(b"[") + opening.count(b"{") > limit


def json_check(shape: Shape | None = None, max_depth: int = MAX_JSON_DEPTH) -> AnswerCheck:
    """An answer check for a JSON service: the body parses, nests at most
    ``max_depth`` levels, and has the ``shape`` the source expects."""

    def check(status: int, headers: Mapping[str, str], body: bytes) -> str | None:
        if _deep_before_parsing(body, max_depth):
            return f"JSON nested deeper than {max_depth} levels in a {status} answer"
        try:
            document = json.loads(body)
        except RecursionError:
            return f"JSON nested deeper than {max_depth} levels in a {status} answer"
        except (ValueError, UnicodeDecodeError) as error:
            return f"unreadable JSON in a {status} answer ({error})"
        if json_depth_over(document, max_depth):
            return f"JSON nested deeper than {max_depth} levels in a {status} answer"
        return shape(document) if shape is not None else None

    return check


def stored_from(service: str, method: str, url: str, fetched: Fetched, now: float) -> StoredAnswer:
    """What the cache keeps of an answer: everything, credentials redacted."""
    return StoredAnswer(
        service=service,
        method=method,
        url=redact(url),
        final_url=redact(fetched.final_url),
        status=fetched.status,
        headers={name: redact(value) for name, value in fetched.headers.items()},
        body=redact_bytes(fetched.body),
        stored_at=now,
        etag=fetched.headers.get("etag"),
        last_modified=fetched.headers.get("last-modified"),
        redirects=tuple((status, redact(hop)) for status, hop in fetched.redirects),
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


def usable(check: AnswerCheck | None, stored: StoredAnswer) -> bool:
    """Whether a stored answer may be served: a 2xx the policy's check still accepts."""
    if check is None or stored.status // 100 != 2:
        return True
    return check(stored.status, stored.headers, stored.body) is None
