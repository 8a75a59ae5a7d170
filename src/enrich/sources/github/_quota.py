"""Read GitHub REST's primary-limit headers. Pure, and free of PyGithub.

Why apart from :mod:`._rest`: every REST answer's headers are read, but only a
repository body needs PyGithub's model, whose import (with ``jwt`` and
``cryptography``) costs about 0.1 s at start-up; a warm run or a GraphQL run
never pays it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_INT = re.compile(r"[0-9]{1,15}")  # int() refuses 5,000 digits and takes "²"-like digits


@dataclass(frozen=True)
class RestQuota:
    """The primary-limit headers of one REST answer."""

    limit: int | None
    remaining: int | None
    reset: int | None  # epoch seconds


def quota_of(headers: Mapping[str, str]) -> RestQuota:
    """Read ``x-ratelimit-*`` (lower-case header names, as the door gives them)."""
    return RestQuota(
        limit=_number(headers.get("x-ratelimit-limit")),
        remaining=_number(headers.get("x-ratelimit-remaining")),
        reset=_number(headers.get("x-ratelimit-reset")),
    )


def _number(value: str | None) -> int | None:
    """A header's count, or ``None`` unless it is a plain count of ASCII digits."""
    text = (value or "").strip()
    return int(text) if _INT.fullmatch(text) else None
