"""Counters of what the door did, per service, for logs and the run report.

The door counts while it works (from many threads, hence the lock) and hands
out frozen snapshots, so a report never sees numbers change under it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class ServiceStats:
    """What one service cost this run.

    ``requests`` counts HTTP exchanges actually sent (every redirect hop and
    every retry); the cache fields count logical requests by outcome.
    """

    requests: int = 0
    hits: int = 0
    misses: int = 0
    revalidated: int = 0
    offline_hits: int = 0
    offline_misses: int = 0
    retries: int = 0
    errors: int = 0
    bytes: int = 0
    item_hits: int = 0  # recall() found a fresh record
    item_misses: int = 0
    unreachable: int = 0  # logical requests that got no HTTP answer (no DNS, connection, timeout)

    @property
    def lookups(self) -> int:
        """Logical requests that consulted the cache."""
        return self.hits + self.misses + self.revalidated + self.offline_hits + self.offline_misses

    @property
    def hit_rate(self) -> float | None:
        """Share of lookups answered from the cache (304s included)."""
        if not self.lookups:
            return None
        return (self.hits + self.revalidated + self.offline_hits) / self.lookups


@dataclass(frozen=True)
class QuotaState:
    """A service's primary quota as last reported by its headers."""

    remaining: int | None = None
    reset: float | None = None  # epoch seconds
    exhausted: bool = False
    resources: tuple[tuple[str, int, float], ...] = ()  # (resource, remaining, reset), sorted


@dataclass(frozen=True)
class DoorStats:
    """A frozen snapshot of the door's counters."""

    services: tuple[tuple[str, ServiceStats], ...]
    quotas: tuple[tuple[str, QuotaState], ...] = ()  # services with a quota handler, sorted
    notes: tuple[str, ...] = ()
    gave_up: tuple[str, ...] = ()  # services not asked any more: requests in a row got no answer

    def service(self, name: str) -> ServiceStats:
        return dict(self.services)[name]

    def quota(self, name: str) -> QuotaState:
        return dict(self.quotas)[name]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, keys in a stable order."""
        services = {
            name: {**asdict(stats), "hit_rate": stats.hit_rate} for name, stats in self.services
        }
        quotas = {}
        for name, state in self.quotas:
            quota = asdict(state)
            quota["resources"] = {r: {"remaining": n, "reset": t} for r, n, t in state.resources}
            quotas[name] = quota
        return {
            "services": services,
            "quotas": quotas,
            "notes": list(self.notes),
            "gave_up": list(self.gave_up),
        }


class StatsRecorder:
    """Thread-safe mutable counters behind :class:`DoorStats`.

    Plain integers per service, made into frozen :class:`ServiceStats` only
    for a snapshot: a warm run counts every recall (50,000 at 10,000
    entries), and building a new frozen record for each count was 7% of its
    samples.
    """

    def __init__(self, services: Iterable[str]) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, dict[str, int]] = {s: dict.fromkeys(_FIELDS, 0) for s in services}

    def add(self, service: str, **counts: int) -> None:
        with self._lock:
            current = self._counts[service]
            for name, n in counts.items():
                current[name] += n

    def snapshot(
        self, quotas: tuple[tuple[str, QuotaState], ...], notes: tuple[str, ...]
    ) -> DoorStats:
        with self._lock:
            services = tuple(
                (name, ServiceStats(**counts)) for name, counts in sorted(self._counts.items())
            )
        return DoorStats(services=services, quotas=quotas, notes=notes)


_FIELDS = tuple(field.name for field in fields(ServiceStats))
