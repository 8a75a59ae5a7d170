"""What a usable GitHub answer looks like; GraphQL's as strict pydantic models. Pure.

GitHub's answers are read as hostile input: a count of ``"lots"``, ``12.5``,
``1e999`` or ``null``, a topics list where an object belongs, a missing
``nameWithOwner``. Strict models (no coercion: ``"5"`` is not 5, ``true`` is
not 1) turn each such answer into one :class:`UnusableAnswer` naming the
field and the value, so the source fails that repository's slot and the
pipeline keeps its last good values, stale, instead of writing a null or a
made-up number. A figure we show (stars, forks, watchers, open issues) that
is missing or null is a failed answer too: a record is never written with a
hole where last run had a number.

REST bodies are read by :mod:`enrich.sources.github._rest` through PyGithub's
``Repository`` (which knows REST's field names); GraphQL's are read here, so
each API's field names are written once. Both raise :class:`UnusableAnswer`
with reasons worded by :func:`reason_of`.

Licenses: GitHub answers ``NOASSERTION`` (shown as "Other") when it cannot
name the license; that is not an SPDX id, so no license is stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from enrich.models import GithubRecord, GithubRelease
from enrich.redact import redact

NOT_A_LICENSE = frozenset({"NOASSERTION", "NONE", "OTHER"})
FULL_NAME = r"^[^/\s]+/[^/\s]+$"  # owner/name
_SHOWN_ERRORS = 3  # a reason names the first few bad fields, not all of them
_SHOWN_INPUT = 40  # characters of a bad value shown in a reason

Count = Annotated[int, Field(ge=0)]


class UnusableAnswer(ValueError):
    """A GitHub answer whose shape or types are not what GitHub documents."""


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class _Total(_Strict):
    totalCount: Count


class _Named(_Strict):
    name: str


class _TopicNode(_Strict):
    topic: _Named | None = None


class _Topics(_Strict):
    nodes: list[_TopicNode | None] = []


class _License(_Strict):
    spdxId: str | None = None


class _Release(_Strict):
    tagName: str | None = None
    publishedAt: str | None = None


class GraphqlRepository(_Strict):
    """A repository node as :func:`~enrich.sources.github._graphql.build_query` asks for it."""

    databaseId: int | None = None
    nameWithOwner: str = Field(pattern=FULL_NAME)
    url: str | None = None
    description: str | None = None
    homepageUrl: str | None = None
    stargazerCount: Count
    forkCount: Count
    watchers: _Total
    issues: _Total
    isArchived: bool | None = None
    isDisabled: bool | None = None
    isEmpty: bool | None = None
    isFork: bool | None = None
    createdAt: str | None = None
    pushedAt: str | None = None
    licenseInfo: _License | None = None
    primaryLanguage: _Named | None = None
    repositoryTopics: _Topics | None = None
    latestRelease: _Release | None = None


M = TypeVar("M", bound=_Strict)


def _validated(model: type[M], raw: Any) -> M:
    """``raw`` as ``model``, or :class:`UnusableAnswer` naming the bad fields."""
    if not isinstance(raw, Mapping):
        raise UnusableAnswer(f"expected a JSON object, got {type(raw).__name__}")
    try:
        return model.model_validate(dict(raw))
    except ValidationError as error:
        raise UnusableAnswer(describe(error)) from error


def describe(error: ValidationError) -> str:
    """``stargazers_count: Input should be a valid integer (got 'lots')``, for the first few."""
    problems = []
    for detail in error.errors()[:_SHOWN_ERRORS]:
        where = ".".join(str(part) for part in detail["loc"]) or "answer"
        got = "" if detail["type"] == "missing" else f" (got {shown(detail.get('input'))})"
        problems.append(f"{where}: {detail['msg']}{got}")
    return reason_of(problems, error.error_count())


def shown(value: Any) -> str:
    """A bad value as a reason shows it: its ``repr``, cut to a few dozen characters."""
    text = repr(value)
    return text[: _SHOWN_INPUT - 1] + "…" if len(text) > _SHOWN_INPUT else text


def reason_of(problems: Sequence[str], count: int | None = None) -> str:
    """The first few of ``count`` (default: all) problems as one redacted reason."""
    more = (len(problems) if count is None else count) - _SHOWN_ERRORS
    text = "; ".join(problems[:_SHOWN_ERRORS]) + (f"; and {more} more" if more > 0 else "")
    return redact(text)


def license_id(spdx: str | None) -> str | None:
    """The SPDX id, or ``None`` when GitHub could not name one (``NOASSERTION``)."""
    if not spdx or spdx.upper() in NOT_A_LICENSE:
        return None
    return spdx


def record_from_graphql(raw: Any) -> GithubRecord:
    """A repository node as a record; raises :class:`UnusableAnswer`."""
    node = _validated(GraphqlRepository, raw)
    topics = node.repositoryTopics.nodes if node.repositoryTopics else []
    release = node.latestRelease
    return GithubRecord(
        repo_id=node.databaseId,
        full_name=node.nameWithOwner,
        url=node.url or f"https://github.com/{node.nameWithOwner}",
        stars=node.stargazerCount,
        forks=node.forkCount,
        watchers=node.watchers.totalCount,
        open_issues=node.issues.totalCount,
        description=node.description or None,
        homepage=node.homepageUrl or None,
        topics=tuple(sorted(t.topic.name for t in topics if t and t.topic)),
        license=license_id(node.licenseInfo.spdxId if node.licenseInfo else None),
        language=node.primaryLanguage.name if node.primaryLanguage else None,
        archived=node.isArchived,
        disabled=node.isDisabled,
        empty=node.isEmpty,
        fork=node.isFork,
        created=node.createdAt or None,
        pushed=node.pushedAt or None,
        latest_release=(
            GithubRelease(tag=release.tagName, published=release.publishedAt)
            if release and release.tagName
            else None
        ),
    )
