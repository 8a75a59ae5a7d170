"""Requests per repository for the seed list, cold and warm, with and without a token.

The seed's GitHub targets (Code links, badges, researchers' works, datasets,
toolbox) name 31 repositories; one Code link uses the old owner
``Winfredy/SadTalker``, which the fake answers with a 301 as GitHub does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.assembly import build_door
from enrich.models import SlotStatus, WarningKind
from enrich.settings import Settings
from enrich.sources.github import GithubSettings, GithubSource
from tests.fakes.github import FakeGithub
from tests.fakes.github_seed import SEED_RENAMES, seed_repos, seed_targets

TOKEN = "test-token"


def measure(seed: Path, cache: Path, token: str | None, freshness: float) -> list[int]:
    """Requests the fake saw on a cold run and then a warm run."""
    targets = seed_targets(seed)
    counts = []
    with FakeGithub(seed_repos(), renames=SEED_RENAMES, token=TOKEN) as fake:
        settings = Settings(
            cache_dir=cache,
            sources=(
                GithubSettings(
                    api_url=fake.api_url,
                    graphql_url=fake.graphql_url,
                    token=token,
                    freshness=freshness,
                ),
            ),
        )
        for _ in range(2):
            before = fake.count()
            with build_door(settings) as door:
                outcome = GithubSource(door, settings).resolve(targets)
            counts.append(fake.count() - before)
            assert {slot.status for slot in outcome.slots.values()} == {SlotStatus.OK}
            assert [w.kind for w in outcome.warnings] == [WarningKind.GITHUB_RENAMED]
        if token is None and freshness == 0:  # expired: free 304s, plus SadTalker's 301 hop
            warm_answers = [r.status for r in fake.requests[counts[0] :]]
            assert sorted(warm_answers) == [301] + [304] * (counts[1] - 1)
    return counts


@pytest.mark.parametrize(
    ("token", "freshness", "cold", "warm"),
    [
        (TOKEN, 6 * 3600.0, 1, 0),  # 31 repositories in one GraphQL batch
        (TOKEN, 0.0, 1, 1),  # expired: one batch again
        (None, 6 * 3600.0, 32, 0),  # one GET each, plus the 301 hop for SadTalker
        (None, 0.0, 32, 32),  # expired: conditional GETs answered 304 (no quota), one 301
    ],
    ids=["token", "token-expired", "no-token", "no-token-expired"],
)
def test_seed_requests_per_repository(
    seed_list: Path, tmp_path: Path, token: str | None, freshness: float, cold: int, warm: int
) -> None:
    targets = seed_targets(seed_list)
    assert len(targets) == 31
    assert measure(seed_list, tmp_path, token, freshness) == [cold, warm]
