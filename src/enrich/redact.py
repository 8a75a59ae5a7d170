"""Remove credentials from text before we store, print or report it.

Why: servers echo what they were sent. A GraphQL error once quoted the
``Authorization`` header back, and the message became a slot's ``reason`` in
the committed JSON. Every place where server text or a request becomes a
reason, error or log line passes it through :func:`redact`.

Two things are removed: the secrets this process was configured with (the
door registers its policies' tokens with :func:`add_secret`), and anything
shaped like a GitHub token (``ghp_``, ``gho_``, ``ghu_``, ``ghs_``, ``ghr_``,
``github_pat_``), configured or not.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

MASK = "[REDACTED]"
GITHUB_TOKEN_SHAPE = re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,})")
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
    return GITHUB_TOKEN_SHAPE.sub(MASK, text)


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
