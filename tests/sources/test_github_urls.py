"""Recognising GitHub repositories in the link shapes lists use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enrich.identity.github import (
    GithubLink,
    LinkKind,
    RepoRef,
    classify,
    is_github_pages,
    is_github_site,
    repo_of,
    repos_in_text,
)

WAV2LIP = RepoRef("Rudrabha", "Wav2Lip")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/Rudrabha/Wav2Lip", GithubLink(LinkKind.REPO, (WAV2LIP,))),
        ("https://github.com/Rudrabha/Wav2Lip/", GithubLink(LinkKind.REPO, (WAV2LIP,))),
        ("https://github.com/Rudrabha/Wav2Lip.git", GithubLink(LinkKind.REPO, (WAV2LIP,))),
        ("http://www.github.com/Rudrabha/Wav2Lip", GithubLink(LinkKind.REPO, (WAV2LIP,))),
        ("HTTPS://GitHub.COM/Rudrabha/Wav2Lip#readme", GithubLink(LinkKind.REPO, (WAV2LIP,))),
        ("github.com/Rudrabha/Wav2Lip?tab=readme-ov-file", GithubLink(LinkKind.REPO, (WAV2LIP,))),
        ("git@github.com:Rudrabha/Wav2Lip.git", GithubLink(LinkKind.REPO, (WAV2LIP,))),
        ("Rudrabha/Wav2Lip", GithubLink(LinkKind.REPO, (WAV2LIP,))),
        ("https://github.com/Rudrabha/Wav2Lip/issues/12", GithubLink(LinkKind.REPO, (WAV2LIP,))),
        (
            "https://github.com/Rudrabha/Wav2Lip/tree/master/evaluation",
            GithubLink(LinkKind.FILE, (WAV2LIP,)),
        ),
        (
            "https://github.com/sstzal/DFRF/blob/show_page/images/DFRF_eccv2022.pdf",
            GithubLink(LinkKind.FILE, (RepoRef("sstzal", "DFRF"),)),
        ),
        (
            "https://raw.githubusercontent.com/Rudrabha/Wav2Lip/master/README.md",
            GithubLink(LinkKind.FILE, (WAV2LIP,)),
        ),
        (
            "https://img.shields.io/github/stars/Rudrabha/Wav2Lip.svg",
            GithubLink(LinkKind.BADGE, (WAV2LIP,)),
        ),
        (
            "https://img.shields.io/github/forks/Rudrabha/Wav2Lip?style=social",
            GithubLink(LinkKind.BADGE, (WAV2LIP,)),
        ),
        (
            "https://img.shields.io/github/v/release/Rudrabha/Wav2Lip",
            GithubLink(LinkKind.BADGE, (WAV2LIP,)),
        ),
        ("https://img.shields.io/github/followers/Rudrabha", GithubLink(LinkKind.NOT_GITHUB)),
        ("https://api.github.com/repos/Rudrabha/Wav2Lip", GithubLink(LinkKind.REPO, (WAV2LIP,))),
        ("https://github.com/Rudrabha", GithubLink(LinkKind.USER, owner="Rudrabha")),
        ("https://github.com/Rudrabha/", GithubLink(LinkKind.USER, owner="Rudrabha")),
        ("https://github.com/orgs/OpenTalker/repositories", GithubLink(LinkKind.GITHUB_OTHER)),
        ("https://github.com/topics/talking-head", GithubLink(LinkKind.GITHUB_OTHER)),
        # GitHub's own pages are not repositories anywhere (issue 16).
        ("https://github.com/marketplace/foo", GithubLink(LinkKind.GITHUB_OTHER)),
        ("https://github.com/trending/python", GithubLink(LinkKind.GITHUB_OTHER)),
        # Legacy owners may end in a hyphen (issue 12).
        (
            "https://github.com/pragma-/vlc-ratings",
            GithubLink(LinkKind.REPO, (RepoRef("pragma-", "vlc-ratings"),)),
        ),
        (
            "github.com/dm0-/window_merge",
            GithubLink(LinkKind.REPO, (RepoRef("dm0-", "window_merge"),)),
        ),
        ("https://github.com/-dm0/window_merge", GithubLink(LinkKind.GITHUB_OTHER)),
        ("https://github.com/", GithubLink(LinkKind.GITHUB_OTHER)),
        ("https://gist.github.com/someone/0123abcd", GithubLink(LinkKind.GIST)),
        (
            "https://nvlabs.github.io/few-shot-vid2vid/",
            GithubLink(
                LinkKind.GITHUB_IO,
                (RepoRef("nvlabs", "few-shot-vid2vid"), RepoRef("nvlabs", "nvlabs.github.io")),
                owner="nvlabs",
            ),
        ),
        (
            "https://liuziwei7.github.io/index.html",
            GithubLink(
                LinkKind.GITHUB_IO,
                (RepoRef("liuziwei7", "liuziwei7.github.io"),),
                owner="liuziwei7",
            ),
        ),
        (
            "https://SadTalker.GitHub.io/",
            GithubLink(
                LinkKind.GITHUB_IO,
                (RepoRef("sadtalker", "sadtalker.github.io"),),
                owner="sadtalker",
            ),
        ),
        ("https://arxiv.org/abs/2008.10010", GithubLink(LinkKind.NOT_GITHUB)),
        ("https://bhaasha.iiit.ac.in/lipsync/", GithubLink(LinkKind.NOT_GITHUB)),
        ("https://github.com.evil.example/Rudrabha/Wav2Lip", GithubLink(LinkKind.NOT_GITHUB)),
        ("https://github.com/-bad/name", GithubLink(LinkKind.GITHUB_OTHER)),
        ("http://[::1", GithubLink(LinkKind.NOT_GITHUB)),
        ("", GithubLink(LinkKind.NOT_GITHUB)),
    ],
)
def test_classify(url: str, expected: GithubLink) -> None:
    assert classify(url) == expected


def test_repo_of_excludes_guesses_and_pages() -> None:
    assert repo_of("https://github.com/OpenTalker/SadTalker/") == RepoRef("OpenTalker", "SadTalker")
    assert repo_of("https://opentalker.github.io/video-retalking/") is None
    assert repo_of("https://github.com/OpenTalker") is None


def test_key_is_case_insensitive() -> None:
    assert RepoRef("OpenTalker", "SadTalker").key == RepoRef("opentalker", "sadtalker").key


OWNERS = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,15}", fullmatch=True)
NAMES = st.from_regex(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,20}", fullmatch=True).filter(
    lambda name: not name.lower().endswith(".git") and name not in {".", ".."}
)
SUFFIXES = st.sampled_from(
    ["", "/", ".git", ".git/", "/tree/main/src", "/blob/v1.0/README.md", "#readme", "?tab=x"]
)


@given(OWNERS, NAMES, SUFFIXES, st.sampled_from(["https://", "http://", "http://www.", ""]))
def test_every_form_names_the_repository(owner: str, name: str, suffix: str, prefix: str) -> None:
    url = f"{prefix}github.com/{owner}/{name}{suffix}"
    if owner.lower() in {"orgs", "topics", "features", "settings", "users", "sponsors"}:
        return
    assert repo_of(url) == RepoRef(owner, name)
    shouted = f"{prefix.upper()}GITHUB.COM/{owner}/{name}{suffix}"
    assert repo_of(shouted) == RepoRef(owner, name)
    assert repo_of(f"https://github.com/{owner}") is None


def test_repositories_in_prose_lose_their_punctuation_and_skip_github_pages() -> None:
    text = (
        "Code: https://github.com/Rudrabha/Wav2Lip. See github.com/features/actions, "
        "(github.com/dm0-/window_merge.git) and https://GitHub.com/rudrabha/wav2lip again."
    )
    assert repos_in_text(text) == (WAV2LIP, RepoRef("dm0-", "window_merge"))


def test_site_and_pages_hosts_are_told_apart() -> None:
    assert is_github_site("https://github.com/trending/python")
    assert is_github_site("https://www.github.com/a/b")
    assert not is_github_site("https://gist.github.com/a/b")
    assert not is_github_site("https://github.com.evil.org/a/b")
    assert not is_github_site("http://[x/")
    assert is_github_pages("https://lab.github.io/avatar/")
    assert not is_github_pages("https://github.com/lab/avatar")


_HOSTISH = st.sampled_from(
    ["github.com", "GitHub.COM", "www.github.com", "lab.github.io", "LAB.GITHUB.IO",
     "github.io", "gist.github.com", "example.org", "githubusercontent.com", "[::1]",
     "gıthub.com", "İ.github.io"]
)  # fmt: skip


@given(
    st.one_of(
        st.text(max_size=60),
        st.builds(
            lambda scheme, host, rest: f"{scheme}{host}{rest}",
            st.sampled_from(["https://", "http://", "HTTPS://", "//", " https://", ""]),
            _HOSTISH,
            st.text(max_size=20),
        ),
    )
)
def test_the_no_github_in_the_text_shortcut_gives_the_hosts_answer(url: str) -> None:
    """Without "github" anywhere in a URL, its host cannot be GitHub's: the shortcut that
    spares splitting every arXiv link answers as splitting would."""
    from enrich.identity.github import _GITHUB_HOSTS, _host

    host = _host(url) if url else ""
    assert is_github_site(url) == (bool(url) and host in _GITHUB_HOSTS)
    assert is_github_pages(url) == (bool(url) and host.endswith(".github.io"))
