"""Recognise GitHub repositories in the links lists use. Pure: no network.

Lists point at repositories in many shapes: ``https://github.com/o/r``, with a
trailing slash, ``.git``, ``/tree/<branch>/...``, ``/blob/...``, ``www.``,
plain http, any letter case, ``git@github.com:o/r.git``, raw file hosts, and
shields.io stars/forks badges. Other GitHub links are *not* repositories: a
user or organisation page, a gist, GitHub's own pages (``/topics``,
``/features``...). A ``*.github.io`` project page names a repository only by
convention, so it yields *guesses* that the caller must confirm exist.

Everything here is a total function of the URL string, so it is tested with
tables and property tests, and the source only decides what to look up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from urllib.parse import unquote, urlsplit

# An owner is 1-39 alphanumerics or hyphens, not starting with a hyphen. GitHub
# forbids a trailing or doubled hyphen in new names only: legacy accounts keep
# theirs (``github.com/pragma-/vlc-ratings``, ``github.com/dm0-/window_merge``).
# A repository name is letters, digits, '.', '-', '_'.
_OWNER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}$")
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")

# First path segments of github.com that are GitHub's pages, not owners.
_RESERVED_OWNERS = frozenset(
    {
        "about", "apps", "collections", "contact", "customer-stories", "enterprise",
        "events", "explore", "features", "issues", "login", "join", "marketplace",
        "new", "notifications", "orgs", "organizations", "pricing", "pulls", "readme",
        "search", "security", "settings", "site", "sponsors", "team", "topics",
        "trending", "users",
    }
)  # fmt: skip

_GITHUB_HOSTS = frozenset({"github.com", "www.github.com"})
_RAW_HOSTS = frozenset({"raw.githubusercontent.com", "raw.github.com"})
_GIST_HOSTS = frozenset({"gist.github.com", "gist.githubusercontent.com"})
_SHIELDS_HOSTS = frozenset({"img.shields.io", "shields.io"})
_IMAGE_SUFFIX = re.compile(r"\.(svg|png|json)$", re.IGNORECASE)
_SSH = re.compile(r"^(?:ssh://)?git@github\.com[:/](?P<path>.+)$", re.IGNORECASE)
_BARE = re.compile(r"^(?P<owner>[A-Za-z0-9-]+)/(?P<name>[A-Za-z0-9._-]+)$")
# ``github.com/<owner>/<name>`` inside prose (an arXiv comment, an abstract).
_IN_TEXT = re.compile(r"(?<![\w.-])(?:www\.)?github\.com/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+)", re.I)
_TRAILING_PUNCTUATION = re.compile(r"(?:\.git)?[.,;:)]*$", re.I)

# shields.io routes "/github/<route>/<owner>/<repo>..." that describe a repository.
_SHIELDS_REPO_ROUTES = (
    ("stars",), ("forks",), ("watchers",), ("license",), ("last-commit",),
    ("issues",), ("issues-raw",), ("issues-closed",), ("issues-pr",), ("issues-pr-raw",),
    ("contributors",), ("repo-size",), ("languages", "top"), ("languages", "count"),
    ("v", "release"), ("v", "tag"), ("release",), ("release-date",), ("downloads",),
    ("commit-activity", "m"), ("commit-activity", "w"), ("commit-activity", "y"),
    ("commit-activity", "t"), ("created-at",), ("actions", "workflow", "status"),
)  # fmt: skip


class LinkKind(StrEnum):
    """What a link is, as far as GitHub repositories go."""

    REPO = "repo"  # the repository's page (any sub-page such as /issues)
    FILE = "file"  # a file or folder inside a repository: stands for the repository
    BADGE = "badge"  # a shields.io badge about a repository
    GITHUB_IO = "github_io"  # a GitHub Pages site: repository guesses to confirm
    USER = "user"  # a user or organisation page: no repository
    GIST = "gist"  # a gist: not a repository
    GITHUB_OTHER = "github_other"  # GitHub's own pages (topics, marketplace...)
    NOT_GITHUB = "not_github"


@dataclass(frozen=True, order=True)
class RepoRef:
    """A repository name as a list spells it; ``key`` is the case-insensitive identity."""

    owner: str
    name: str

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    @property
    def key(self) -> str:
        return self.full_name.lower()


@dataclass(frozen=True)
class GithubLink:
    """A classified link. ``repos`` holds one repository, or ordered guesses for GitHub Pages."""

    kind: LinkKind
    repos: tuple[RepoRef, ...] = ()
    owner: str | None = None  # for USER links

    @property
    def repo(self) -> RepoRef | None:
        """The repository when the link names exactly one (not a guess)."""
        if self.kind in (LinkKind.REPO, LinkKind.FILE, LinkKind.BADGE):
            return self.repos[0]
        return None


def make_ref(owner: str, name: str) -> RepoRef | None:
    """A :class:`RepoRef` if both parts are valid GitHub names (``.git`` dropped)."""
    if name.lower().endswith(".git"):
        name = name[:-4]
    if not _OWNER.match(owner) or not _NAME.match(name) or name in {".", ".."}:
        return None
    return RepoRef(owner, name)


@lru_cache(maxsize=65_536)
def classify(url: str) -> GithubLink:
    """Classify a link (URL, ``git@`` address or bare ``owner/name``).

    Remembered, as :func:`enrich.identity.arxiv.extract_id` is: the GitHub source, the
    findings and the run report ask it of the same links, and its answer is frozen.
    """
    text = url.strip()
    ssh = _SSH.match(text)
    if ssh:
        return _from_github_path(_segments(ssh.group("path")))
    bare = _BARE.match(text)
    if bare and "." not in bare.group("owner"):
        ref = make_ref(bare.group("owner"), bare.group("name"))
        return GithubLink(LinkKind.REPO, (ref,)) if ref else GithubLink(LinkKind.NOT_GITHUB)
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:  # e.g. an invalid IPv6 literal or port
        return GithubLink(LinkKind.NOT_GITHUB)
    return _by_host(host, _segments(unquote(parts.path)))


def repo_of(url: str) -> RepoRef | None:
    """The one repository a link names, or ``None`` (guesses excluded)."""
    return classify(url).repo


def is_github_site(url: str | None) -> bool:
    """Whether ``url`` is on github.com itself (a repository, a profile or GitHub's own pages)."""
    return _names_github(url) and _host(url or "") in _GITHUB_HOSTS


def is_github_pages(url: str | None) -> bool:
    """Whether ``url`` is a ``<user>.github.io`` site, whose repository may hold the code."""
    return _names_github(url) and _host(url or "").endswith(".github.io")


def _names_github(url: str | None) -> bool:
    """Whether "github" is anywhere in ``url``: every GitHub host has it (lower-cased, as
    :func:`_host` compares), so a URL without it is answered without splitting it, as
    every arXiv link of a list is asked (0.2 s of a warm 10,000-entry run)."""
    return bool(url) and "github" in (url or "").lower()


def repos_in_text(text: str) -> tuple[RepoRef, ...]:
    """Every repository a piece of prose links to, each once, in order.

    Sentence punctuation and ``.git`` after a link are not part of the name;
    GitHub's own pages (``github.com/features/...``) are not repositories.
    """
    found: dict[str, RepoRef] = {}
    for owner, name in _IN_TEXT.findall(text):
        ref = repo_of(f"https://github.com/{owner}/{_TRAILING_PUNCTUATION.sub('', name)}")
        if ref is not None:
            found.setdefault(ref.key, ref)
    return tuple(found.values())


def _host(url: str) -> str:
    try:
        return (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:  # an invalid IPv6 literal or port: no host we know
        return ""


def _segments(path: str) -> list[str]:
    return [segment for segment in path.split("/") if segment]


def _by_host(host: str, segments: list[str]) -> GithubLink:
    if host in _GITHUB_HOSTS:
        return _from_github_path(segments)
    if host in _RAW_HOSTS:
        return _repo_link(LinkKind.FILE, segments[:2])
    if host in _GIST_HOSTS:
        return GithubLink(LinkKind.GIST)
    if host == "api.github.com" and segments[:1] == ["repos"]:
        return _repo_link(LinkKind.REPO, segments[1:3])
    if host in _SHIELDS_HOSTS:
        return _from_shields(segments)
    if host.endswith(".github.io"):
        return _from_github_io(host, segments)
    return GithubLink(LinkKind.NOT_GITHUB)


def _repo_link(kind: LinkKind, pair: list[str]) -> GithubLink:
    ref = make_ref(*pair) if len(pair) == 2 else None
    return GithubLink(kind, (ref,)) if ref else GithubLink(LinkKind.GITHUB_OTHER)


def _from_github_path(segments: list[str]) -> GithubLink:
    if not segments or segments[0].lower() in _RESERVED_OWNERS:
        return GithubLink(LinkKind.GITHUB_OTHER)
    if len(segments) == 1:
        owner = segments[0]
        if _OWNER.match(owner):
            return GithubLink(LinkKind.USER, owner=owner)
        return GithubLink(LinkKind.GITHUB_OTHER)
    kind = LinkKind.FILE if len(segments) > 2 and segments[2] in {"blob", "tree", "raw"} else None
    return _repo_link(kind or LinkKind.REPO, segments[:2])


def _from_shields(segments: list[str]) -> GithubLink:
    if len(segments) < 3 or segments[0] != "github":
        return GithubLink(LinkKind.NOT_GITHUB)
    rest = segments[1:]
    for route in sorted(_SHIELDS_REPO_ROUTES, key=len, reverse=True):
        if tuple(rest[: len(route)]) == route and len(rest) >= len(route) + 2:
            owner, name = rest[len(route)], _IMAGE_SUFFIX.sub("", rest[len(route) + 1])
            return _repo_link(LinkKind.BADGE, [owner, name])
    return GithubLink(LinkKind.NOT_GITHUB)


def _from_github_io(host: str, segments: list[str]) -> GithubLink:
    """Guesses, most likely first: the path's first segment, then ``<user>.github.io``."""
    user = host.removesuffix(".github.io")
    if "." in user or not _OWNER.match(user):
        return GithubLink(LinkKind.NOT_GITHUB)
    guesses: list[RepoRef] = []
    if segments and not _IMAGE_SUFFIX.search(segments[0]) and "." not in segments[0]:
        path_ref = make_ref(user, segments[0])
        if path_ref:
            guesses.append(path_ref)
    site_ref = make_ref(user, host)
    if site_ref:
        guesses.append(site_ref)
    return GithubLink(LinkKind.GITHUB_IO, tuple(guesses), owner=user)
