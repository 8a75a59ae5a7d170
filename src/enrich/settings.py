"""One frozen settings object, built once from flags and the environment.

Every knob has an environment variable (the CLI flag, where there is one,
defaults to it) and a default that talks to the public services. Code below
the CLI receives a :class:`Settings` and never reads ``os.environ`` itself, so
tests and benchmarks configure a run by building one.

A source's own variables (its endpoint, its key) are declared by the source
(:class:`SourceSetting` in its ``SourceSpec.settings``), not here: they are
read into :attr:`Settings.source_env` and looked up with
:meth:`Settings.source_value`, so a new source adds no field to this module.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from enrich import PROJECT_URL, __version__
from enrich.errors import UsageError
from enrich.redact import add_secret

DEFAULT_USER_AGENT = f"enrich/{__version__} (+{PROJECT_URL})"

HOUR = 3600.0
DAY = 24 * HOUR


@dataclass(frozen=True)
class Freshness:
    """How long a cached answer is used without asking the service again (seconds).

    arXiv records change rarely (a new version now and then), a title search
    may find a paper that appears tomorrow, GitHub counts move hourly, and a
    project page is checked once a night. Page answers (and 404s) expire a
    little before a day so that tomorrow's nightly run, even if it starts
    earlier than today's, asks again and counts a failing page's streak.
    """

    arxiv_record: float = 21 * DAY
    arxiv_search: float = 3 * DAY
    arxiv_search_empty: float = 1 * DAY
    github: float = 6 * HOUR
    pages: float = 20 * HOUR
    not_found: float = 20 * HOUR  # a 404 is remembered briefly as a negative answer


@dataclass(frozen=True)
class SourceSetting:
    """One environment variable a source declares: its name, default, and whether it is secret."""

    variable: str
    default: str | None = None
    secret: bool = False  # redacted from every text once read (Settings hides source_env whole)


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know. See the README's configuration table."""

    raw_dir: Path = Path("data/raw")
    output_dir: Path = Path("data/enriched")
    report_dir: Path = Path("data/reports")
    inputs: tuple[Path, ...] = ()  # explicit --input files; empty: every *.md in raw_dir
    list_names: frozenset[str] = frozenset()  # --list NAME: only these lists of raw_dir
    cache_dir: Path = Path(".cache/enrich")

    arxiv_api_url: str = "https://export.arxiv.org/api/query"
    github_api_url: str = "https://api.github.com"
    github_graphql_url: str = "https://api.github.com/graphql"
    github_token: str | None = field(default=None, repr=False)
    # The variables sources declare (SourceSetting), as given; see source_value().
    source_env: Mapping[str, str] = field(default_factory=dict, repr=False)

    arxiv_delay: float = 3.0  # arXiv's terms of use: one request every 3 s
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_attempts: int = 5
    max_retry_wait: float = 120.0  # total seconds of backoff one request may spend
    max_rate_limit_wait: float = 60.0  # wait this long for a GitHub reset, no longer
    page_concurrency: int = 8
    page_concurrency_per_host: int = 2
    page_max_bytes: int = 2_000_000
    page_deadline: float = 30.0  # seconds one page check may take, retries included
    # Answer caps (decompressed): the largest honest answer with room to spare.
    arxiv_max_bytes: int = 10_000_000  # a 100-record feed is about 0.4 MB
    github_max_bytes: int = 10_000_000  # a 50-repository GraphQL batch is about 0.2 MB
    page_max_redirects: int = 10
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

    def source_value(self, setting: SourceSetting) -> str | None:
        """A source's declared variable: as given (an empty value is unset), else its default."""
        given = (self.source_env.get(setting.variable) or "").strip()
        return given or setting.default

    def with_overrides(self, **changes: object) -> Settings:
        """A copy with some fields changed, ignoring ``None`` (flag not given)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]


# Environment variable -> settings field. GITHUB_* are the names GitHub Actions sets.
ENVIRONMENT = {
    "ENRICH_ARXIV_API_URL": "arxiv_api_url",
    "GITHUB_API_URL": "github_api_url",
    "GITHUB_GRAPHQL_URL": "github_graphql_url",
    "GITHUB_TOKEN": "github_token",
    "ENRICH_CACHE_DIR": "cache_dir",
    "ENRICH_ARXIV_DELAY": "arxiv_delay",
    "ENRICH_USER_AGENT": "user_agent",
    "ENRICH_ALLOW_PRIVATE_HOSTS": "allow_private_hosts",
    "ENRICH_MAX_ATTEMPTS": "max_attempts",
    "ENRICH_MAX_RETRY_WAIT": "max_retry_wait",
    "ENRICH_MAX_RATE_LIMIT_WAIT": "max_rate_limit_wait",
    "ENRICH_DEAD_AFTER": "dead_after_failures",
    "ENRICH_CONNECT_TIMEOUT": "connect_timeout",
    "ENRICH_READ_TIMEOUT": "read_timeout",
    "ENRICH_PAGE_DEADLINE": "page_deadline",
    "GITHUB_STEP_SUMMARY": "step_summary",
    "GITHUB_ACTIONS": "annotations",
}

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


def from_environment(
    environ: Mapping[str, str] | None = None, declared: Iterable[SourceSetting] | None = None
) -> Settings:
    """Settings from the variables in :data:`ENVIRONMENT` and those the sources declare.

    ``declared`` defaults to every registered source's settings (imported
    here, late: sources depend on this module, not the other way round).
    """
    environ = os.environ if environ is None else environ
    if declared is None:
        from enrich.sources.registry import declared_settings

        declared = declared_settings()
    source_env = {s.variable: environ[s.variable] for s in declared if s.variable in environ}
    for setting in declared:
        if setting.secret:
            add_secret(source_env.get(setting.variable, "").strip() or None)
    kinds = {f.name: f.type for f in fields(Settings)}
    type_of = {"Path": Path, "float": float, "int": int, "bool": bool}
    values: dict[str, object] = {}
    for variable, attribute in ENVIRONMENT.items():
        raw = environ.get(variable)
        if raw is None:
            continue
        kind = type_of.get(str(kinds[attribute]).split(" ")[0], str)
        values[attribute] = _convert(variable, kind, raw)
    return Settings(**values, source_env=source_env)  # type: ignore[arg-type]
