"""Read a GitHub REST repository body through PyGithub's model (quota: :mod:`._quota`). Pure.

Why PyGithub is only a data model: its own fetching (``Github.get_repo``, or
a lazy fetch when an attribute is read that an object lacks) opens its own
connection, which would bypass the network door: the cache, ETag
revalidation, retries, rate-limit waits and request counting. So the door
fetches the JSON and :func:`record_from_rest` wraps it in PyGithub's
``Repository`` with ``create_from_raw_data``, which marks it completed: an
attribute the answer lacks reads as ``None`` and never starts a fetch. The
nested license is wrapped the same way (PyGithub leaves nested objects
incomplete). The ``Github`` object is built against an address that is never
contacted. PyGithub's typed accessors stay the one place that knows REST's
field names and JSON types (GraphQL's are in :mod:`._answers`).

Why type failures are values: a broken or hostile answer (a count of
``"lots"``, ``12.5``, ``1e999``) makes PyGithub's accessor raise
``BadAttributeException``. Escaping, it would stop the run with a traceback;
read as null, it would replace last run's good number. So every bad field
becomes one problem naming the field and the value, and the answer an
:class:`UnusableAnswer`: the source fails that repository's slot and the
pipeline keeps the last good values, stale. PyGithub checks JSON types only,
so a shown count that is null, missing, negative or a boolean (``True`` is
an ``int`` in Python) is refused here too.

Dates are GitHub's own strings (once PyGithub has parsed them), so REST and
GraphQL records carry the same text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from github import Github
from github.GithubException import BadAttributeException
from github.GithubObject import GithubObject
from github.License import License
from github.Repository import Repository

from enrich.models import GithubRecord
from enrich.redact import redact
from enrich.sources.github._answers import FULL_NAME, UnusableAnswer, license_id, reason_of, shown

_INERT_BASE_URL = "http://127.0.0.1:9"  # discard port; PyGithub needs one, nothing is sent
_WANTED = {
    int: "a valid integer",
    str: "a valid string",
    bool: "a valid boolean",
    dict: "an object",
}
_BAD: Any = object()  # what a field of the wrong type reads as (its problem is noted)
_COUNTS = ("stargazers_count", "forks_count", "subscribers_count", "open_issues_count")


@lru_cache(maxsize=1)
def _github() -> Github:
    return Github(base_url=_INERT_BASE_URL, retry=None)


def record_from_rest(raw: Any) -> GithubRecord:
    """The record for a ``GET /repos/{owner}/{repo}`` body; raises :class:`UnusableAnswer`."""
    if not isinstance(raw, Mapping):
        raise UnusableAnswer(f"expected a JSON object, got {type(raw).__name__}")
    fields = _Fields(_repository(dict(raw)))
    repo_id = fields.whole("id", required=True)
    full_name = fields.full_name()
    stars, forks, watchers, open_issues = (fields.count(name) for name in _COUNTS)
    size = fields.whole("size")  # KB; 0 is an empty repository
    values = {name: fields.typed(name, str) for name in ("html_url", "description", "homepage")}
    topics = fields.typed("topics", list)
    language = fields.typed("language", str)
    flags = {name: fields.typed(name, bool) for name in ("archived", "disabled", "fork")}
    created, pushed = fields.date("created_at"), fields.date("pushed_at")
    license_ = fields.license_spdx()
    if fields.problems:
        raise UnusableAnswer(reason_of(fields.problems))
    return GithubRecord(
        repo_id=repo_id,
        full_name=full_name,
        url=values["html_url"] or f"https://github.com/{full_name}",
        stars=stars,
        forks=forks,
        watchers=watchers,  # subscribers: REST's watchers_count is the star count
        open_issues=open_issues,
        description=values["description"] or None,
        homepage=values["homepage"] or None,
        topics=tuple(sorted(topics or ())),
        license=license_id(license_),
        language=language or None,
        archived=flags["archived"],
        disabled=flags["disabled"],
        empty=size == 0 if size is not None else None,
        fork=flags["fork"],
        created=created,
        pushed=pushed,
        latest_release=None,  # another request per repository; not spent without a token
    )


def _repository(raw: dict[str, Any]) -> Repository:
    """``raw`` as PyGithub's completed ``Repository``.

    PyGithub derives a missing ``full_name`` (and ``id``) from ``url`` or
    ``owner.login`` without checking their types; those errors are this
    answer's problem, not the run's.
    """
    try:
        return _github().create_from_raw_data(Repository, raw)
    except (AttributeError, TypeError) as error:
        raise UnusableAnswer(
            redact(f"url/owner: PyGithub could not read them ({error})")
        ) from error


class _Fields:
    """Reads one repository's attributes through PyGithub, noting problems instead of raising."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.problems: list[str] = []

    def _note(self, where: str, message: str, value: Any = _BAD) -> None:
        self.problems.append(
            f"{where}: {message}" + ("" if value is _BAD else f" (got {shown(value)})")
        )

    def _read(self, name: str, of: GithubObject | None = None, where: str = "") -> Any:
        """``of.<name>`` (default: the repository) through its accessor, or :data:`_BAD`."""
        try:
            return getattr(self.repo if of is None else of, name)
        except BadAttributeException as error:
            self._note(where or name, _wanted(error), error.actual_value)
            return _BAD

    def _absent(self, name: str) -> None:
        if name in self.repo.raw_data:  # completed: raw_data never fetches
            self._note(name, "Input should be a valid integer", None)
        else:
            self._note(name, "Field required")

    def typed(self, name: str, kind: type) -> Any:
        """The field's value, or ``None`` when it is null, missing or of the wrong type."""
        value = self._read(name)
        return value if isinstance(value, kind) else None

    def whole(self, name: str, required: bool = False) -> int | None:
        """A whole number that is not a boolean; ``None`` when absent and allowed to be."""
        value = self._read(name)
        if isinstance(value, bool):
            self._note(name, "Input should be a valid integer", value)
        elif value is None and required:
            self._absent(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def count(self, name: str) -> int:
        """A figure we show: a whole number, at least 0, present (else a problem and 0)."""
        value = self._read(name)
        if value is None:
            self._absent(name)
        elif isinstance(value, bool):
            self._note(name, "Input should be a valid integer", value)
        elif isinstance(value, int) and value < 0:
            self._note(name, "Input should be greater than or equal to 0", value)
        elif isinstance(value, int):
            return value
        return 0

    def full_name(self) -> str:
        """``owner/name``, the key every later step compares."""
        value = self._read("full_name")
        if value is None:
            self._absent("full_name")
        elif isinstance(value, str) and not re.fullmatch(FULL_NAME, value):
            self._note("full_name", "Input should be owner/name", value)
        return value if isinstance(value, str) else ""

    def date(self, name: str) -> str | None:
        """GitHub's own text of a date PyGithub could parse."""
        value = self._read(name)
        return self.repo.raw_data[name] if value is not None and value is not _BAD else None

    def license_spdx(self) -> str | None:
        """The license's ``spdx_id``, read from a completed ``License`` (no lazy fetch)."""
        if not isinstance(self._read("license"), License):  # null, missing or not an object
            return None
        held = _github().create_from_raw_data(License, self.repo.raw_data["license"])
        spdx = self._read("spdx_id", of=held, where="license.spdx_id")
        return spdx if isinstance(spdx, str) else None


def _wanted(error: BadAttributeException) -> str:
    """What PyGithub expected, in the words of the GraphQL reasons (pydantic's)."""
    if error.transformation_exception is not None:
        return f"Input could not be read ({error.transformation_exception})"
    expected = error.expected_type
    if isinstance(expected, list):
        return "Input should be a valid list"
    if isinstance(expected, type) and expected in _WANTED:
        return f"Input should be {_WANTED[expected]}"
    return f"Input should be of type {expected}"
