"""Remove credentials from text before we store, print or report it.

Why: servers echo what they were sent. A GraphQL error once quoted the
``Authorization`` header back, and the message became a slot's ``reason`` in
the committed JSON. Every place where server text or a request becomes a
reason, error or log line passes it through :func:`redact`.

Three things are removed: the secrets this process was configured with (the
door registers its policies' tokens with :func:`add_secret`), anything
shaped like a GitHub token (``ghp_``, ``gho_``, ``ghu_``, ``ghs_``, ``ghr_``,
``github_pat_``), configured or not, and the value of a key-carrying query
parameter (``api_key=``, OpenAlex's; ``access_token=``) wherever a URL is
quoted, because a server may echo a key we never configured (a redirect's
``Location``, an error page).

Bytes the door stores (a 200 body that quotes the key) go through
:func:`redact_bytes`; a redirect target goes through :func:`without_credentials`
before it is followed, so a key a server puts in a ``Location`` is neither
kept nor carried to another origin.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

MASK = "[REDACTED]"
GITHUB_TOKEN_SHAPE = re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,})")
KEY_PARAMETERS = ("api_key", "apikey", "access_token")
_KEY_IN_URL = re.compile(r"(?i)([?&](?:api_key|apikey|access_token)=)[^&#\s\"'<>]+")
_MIN_SECRET = 8  # shorter "secrets" (test values, empty strings) would mask ordinary words

_secrets: set[str] = set()
_lock = threading.Lock()


def add_secret(secret: str | None) -> None:
    """Remember a configured credential so every later :func:`redact` removes it."""
    if secret and len(secret) >= _MIN_SECRET:
        with _lock:
            _secrets.add(secret)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` without the given and registered secrets or GitHub-token-shaped words."""
    with _lock:
        known = sorted({*_secrets, *(s for s in secrets if len(s) >= _MIN_SECRET)}, key=len)
    for secret in reversed(known):  # longest first: a token containing another is fully masked
        text = text.replace(secret, MASK)
    text = _KEY_IN_URL.sub(lambda m: m.group(1) + MASK, text)
    return GITHUB_TOKEN_SHAPE.sub(MASK, text)


def _registered() -> list[str]:
    with _lock:
        return sorted(_secrets, key=len, reverse=True)


def redact_bytes(body: bytes) -> bytes:
    """``body`` without the registered secrets (as UTF-8 and as URL-encoded text).

    For answer bodies the door stores: cheap (one ``bytes.replace`` per
    secret), so every answer can pass through it.
    """
    for secret in _registered():
        for form in {secret, quote(secret, safe="")}:
            body = body.replace(form.encode("utf-8"), MASK.encode("ascii"))
    return body


def without_credentials(url: str, names: Iterable[str] = ()) -> str:
    """``url`` without query parameters that carry a credential.

    Dropped: the parameters ``names`` (the policy's own, e.g. ``api_key``),
    the usual key names (:data:`KEY_PARAMETERS`), and any parameter whose
    value is a registered secret. Used on redirect targets: the door adds its
    own credential again on the wire, to the same origin only.
    """
    parts = urlsplit(url)
    if not parts.query:
        return url
    drop = {name.lower() for name in (*names, *KEY_PARAMETERS)}
    secrets = set(_registered())
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if k.lower() not in drop and v not in secrets]
    if len(kept) == len(pairs):
        return url
    return urlunsplit(parts._replace(query=urlencode(kept)))


class RedactingFilter(logging.Filter):
    """A logging filter that redacts each record's final message (attach to handlers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:  # a traceback quotes messages too
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
