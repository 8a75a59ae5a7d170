"""The whole pipeline on the seed list, against fake arXiv and GitHub on 127.0.0.1.

Project pages of the seed live on real hosts, which tests may not reach, so
this run leaves pages out (``only``); ``tests/test_e2e.py`` covers pages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enrich.sources.github import GithubSettings
from tests.conftest import SEED_LIST
from tests.fakes.arxiv import FakeArxiv
from tests.fakes.arxiv_seed import SEED_PAPERS
from tests.fakes.github import FakeGithub
from tests.fakes.github_seed import SEED_RENAMES, seed_repos
from tests.pipeline.conftest import fake_settings, run_reported


@pytest.mark.parametrize("with_token", [True, False], ids=["graphql", "rest"])
def test_seed_cold_and_warm(tmp_path: Path, with_token: bool) -> None:
    with FakeArxiv(SEED_PAPERS) as arxiv, FakeGithub(seed_repos(), renames=SEED_RENAMES) as github:
        settings = fake_settings(
            tmp_path,
            SEED_LIST,
            arxiv,
            github,
            only=frozenset({"arxiv", "github"}),
        ).with_source(GithubSettings, token=github.token if with_token else None)
        cold = run_reported(settings)
        # Every researcher's work asks arXiv as a paper would (17 are not on the fake arXiv).
        assert cold["slots"]["arxiv"] == {
            "status": {"ok": 32, "unresolved": 19},
            "by_method": {"link": 23, "title_search": 9},
        }
        assert cold["slots"]["github"]["status"]["ok"] == 31
        assert cold["entries"] == {
            "papers": 22,
            "researchers": 4,
            "works": 29,
            "datasets": 9,
            "metrics": 4,
            "tools": 6,
        }
        assert arxiv.count() == 6  # one id_list batch, five grouped title searches
        github_cold = github.count()
        assert github_cold == (2 if with_token else 41)
        output = (tmp_path / "out" / "awesome-avatar.json").read_bytes()
        sadtalker = json.loads(output)["papers"][6]["github"]["record"]
        assert (sadtalker["full_name"], sadtalker["renamed_from"]) == (
            "OpenTalker/SadTalker",
            "Winfredy/SadTalker",
        )

        warm = run_reported(settings)
        assert (arxiv.count(), github.count()) == (6, github_cold)  # nothing sent
        assert warm["changed"] is False
        assert (tmp_path / "out" / "awesome-avatar.json").read_bytes() == output
