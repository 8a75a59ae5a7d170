"""One frozen settings object for the run-wide knobs, built once from flags and the environment.

Every knob has an environment variable (the CLI flag, where there is one,
defaults to it) and a default that talks to the public services. Code below
the CLI receives a :class:`Settings` and never reads ``os.environ`` itself, so
tests and benchmarks configure a run by building one.

A source's own knobs (its endpoint, its key, its pacing, its freshness, its
body cap and redirect limit) are not fields here: each source package owns a
frozen subclass of :class:`SourceSettings` that declares its environment
variables (:class:`Variable`), and :func:`enrich.assembly.source_settings`
reads them when a run is assembled. A run's :class:`Settings` carries them in
:attr:`Settings.sources`; a source finds its own with :meth:`Settings.of`.
This module names no source and imports none.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import ClassVar, Self, TypeVar

from enrich import PROJECT_URL, __version__
from enrich.errors import UsageError

DEFAULT_USER_AGENT = f"enrich/{__version__} (+{PROJECT_URL})"

HOUR = 3600.0
DAY = 24 * HOUR
DEFAULT_MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Freshness:
    """How long a run-wide kind of cached answer is used without asking again (seconds).

    Each source's own freshness (arXiv records, GitHub counts, pages) is in
    its settings class; this is the door's rule for every service.
    """

    not_found: float = 20 * HOUR  # a 404 is remembered briefly as a negative answer


@dataclass(frozen=True)
class Variable:
    """One environment variable a settings class reads into one of its fields.

    ``endpoint`` marks a URL of the service: test and benchmark environments
    point every declared endpoint at loopback. ``secret`` values are redacted
    from every text (the door registers a policy's credential). ``pacing``
    marks a wait between requests that the service's terms ask for: tests
    against a local fake set it to 0.
    """

    name: str
    field: str
    endpoint: bool = False
    secret: bool = False
    pacing: bool = False


@dataclass(frozen=True)
class SourceSettings:
    """The base of every source's own frozen settings class.

    A subclass adds its fields (all with defaults that talk to the public
    service) and lists the environment variables it reads in ``VARIABLES``.
    ``max_redirects`` is the door's redirect limit for the service.
    """

    VARIABLES: ClassVar[tuple[Variable, ...]] = ()

    max_redirects: int = DEFAULT_MAX_REDIRECTS

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Self:
        """The defaults, with each declared variable that is set converted to its field's type."""
        return cls(**read_variables(cls, cls.VARIABLES, environ))  # type: ignore[arg-type]


SourceSettingsT = TypeVar("SourceSettingsT", bound=SourceSettings)


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know. See the README's configuration table."""

    raw_dir: Path = Path("data/raw")
    output_dir: Path = Path("data/enriched")
    report_dir: Path = Path("data/reports")
    inputs: tuple[Path, ...] = ()  # explicit --input files; empty: every *.md in raw_dir
    list_names: frozenset[str] = frozenset()  # --list NAME: only these lists of raw_dir
    cache_dir: Path = Path(".cache/enrich")
    # Each source's own settings (one per class); see of() and with_sources().
    sources: tuple[SourceSettings, ...] = field(default=(), repr=False)

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_attempts: int = 5
    max_retry_wait: float = 120.0  # total seconds of backoff one request may spend
    allow_private_hosts: bool = False
    dead_after_failures: int = 3

    offline: bool = False
    refresh: bool = False
    only: frozenset[str] | None = None  # --only; None: every source registered as on by default
    strict: bool = False
    quiet: bool = False
    step_summary: Path | None = None  # GitHub Actions' job summary file: the report goes there too
    annotations: bool = False  # on GitHub Actions: print findings as workflow commands
    changed_since: str | None = None  # git revision: only entries changed since (enrich.changes)
    freshness: Freshness = field(default_factory=Freshness)

    def of(self, kind: type[SourceSettingsT]) -> SourceSettingsT:
        """One source's settings: as the run was given them, else that class's defaults."""
        for own in self.sources:
            if isinstance(own, kind):
                return own
        return kind()

    def with_sources(self, *given: SourceSettings) -> Settings:
        """A copy where ``given`` replace the sources' settings of the same classes (the last
        of a class wins)."""
        by_kind = {type(own): own for own in (*self.sources, *given)}
        return replace(self, sources=tuple(by_kind.values()))

    def with_source(self, kind: type[SourceSettings], **changes: object) -> Settings:
        """A copy where one source's settings have some fields changed (tests, benchmarks)."""
        return self.with_sources(replace(self.of(kind), **changes))  # type: ignore[arg-type]

    def with_overrides(self, **changes: object) -> Settings:
        """A copy with some fields changed, ignoring ``None`` (flag not given)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]


# Environment variable -> settings field, for the run-wide knobs.
VARIABLES = (
    Variable("ENRICH_CACHE_DIR", "cache_dir"),
    Variable("ENRICH_USER_AGENT", "user_agent"),
    Variable("ENRICH_ALLOW_PRIVATE_HOSTS", "allow_private_hosts"),
    Variable("ENRICH_MAX_ATTEMPTS", "max_attempts"),
    Variable("ENRICH_MAX_RETRY_WAIT", "max_retry_wait"),
    Variable("ENRICH_DEAD_AFTER", "dead_after_failures"),
    Variable("ENRICH_CONNECT_TIMEOUT", "connect_timeout"),
    Variable("ENRICH_READ_TIMEOUT", "read_timeout"),
    Variable("GITHUB_STEP_SUMMARY", "step_summary"),  # the names GitHub Actions sets
    Variable("GITHUB_ACTIONS", "annotations"),
)


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _convert(name: str, kind: type, raw: str) -> object:
    try:
        if kind is bool:
            lowered = raw.strip().lower()
            if lowered not in _TRUE | _FALSE:
                raise ValueError("expected 1/0, true/false, yes/no")
            return lowered in _TRUE
        if kind is Path:
            return Path(raw)
        if kind is float:
            value = float(raw)
            if value < 0:
                raise ValueError("must not be negative")
            return value
        if kind is int:
            number = int(raw)
            if number < 1:
                raise ValueError("must be at least 1")
            return number
    except ValueError as error:
        raise UsageError(f"environment variable {name}={raw!r}: {error}") from error
    return raw.strip() or None  # an empty string means "not set" (e.g. an unset secret)


def read_variables(
    kind: type, variables: tuple[Variable, ...], environ: Mapping[str, str]
) -> dict[str, object]:
    """The fields of ``kind`` that ``variables`` set in ``environ``, converted to their types."""
    kinds = {f.name: f.type for f in fields(kind)}
    type_of = {"Path": Path, "float": float, "int": int, "bool": bool}
    values: dict[str, object] = {}
    for variable in variables:
        raw = environ.get(variable.name)
        if raw is None:
            continue
        converted = type_of.get(str(kinds[variable.field]).split(" ")[0], str)
        value = _convert(variable.name, converted, raw)
        if value is not None:  # an empty value is unset: the default stays
            values[variable.field] = value
    return values


def from_environment(environ: Mapping[str, str] | None = None) -> Settings:
    """The run-wide settings from :data:`VARIABLES` (sources read their own: enrich.assembly)."""
    environ = os.environ if environ is None else environ
    return Settings(**read_variables(Settings, VARIABLES, environ))  # type: ignore[arg-type]
