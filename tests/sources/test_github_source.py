"""The GitHub source end to end: the real door against the fake GitHub on 127.0.0.1."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from enrich.assembly import build_door
from enrich.models import (
    DataWarning,
    GithubRecord,
    GithubRelease,
    GithubSlot,
    Provenance,
    SlotStatus,
    WarningKind,
)
from enrich.settings import Settings
from enrich.sources.github import GithubSettings, GithubSource
from enrich.sources.interface import Hint, SourceOutcome, Target
from tests.fakes.github import FakeGithub
from tests.fakes.github_seed import SEED_RENAMES, facts_for, seed_repos

pytestmark = pytest.mark.slow  # waits on its fakes: scheduled first (tests/conftest.py)

TOKEN = "test-token"


@pytest.fixture
def fake() -> Iterator[FakeGithub]:
    with FakeGithub(seed_repos(), renames=SEED_RENAMES, token=TOKEN) as server:
        yield server


def settings_for(fake: FakeGithub, cache: Path, token: str | None, **changes: Any) -> Settings:
    return Settings(
        cache_dir=cache,
        max_attempts=2,
        max_retry_wait=5.0,
        **changes,
        sources=(GithubSettings(api_url=fake.api_url, graphql_url=fake.graphql_url, token=token),),
    )


def run(settings: Settings, targets: list[Target], waits: list[float] | None = None):
    sleeps = waits if waits is not None else []
    with build_door(settings, sleep=sleeps.append, backoff=0.0) as door:
        return GithubSource(door, settings).resolve(targets)


def target(key: str, *hints: tuple[str, str]) -> Target:
    return Target(key=key, file="list.md", line=10, hints=tuple(Hint(v, m) for v, m in hints))


def code(key: str, full_name: str) -> Target:
    return target(key, (f"https://github.com/{full_name}", "code_link"))


def expected(
    fake: FakeGithub, full_name: str, *, renamed_from: str | None = None, release: bool = True
) -> GithubRecord:
    """The record the fake's facts should become, built independently of the source."""
    name, facts = fake.repos[full_name.lower()]
    tag = facts.get("release")
    return GithubRecord(
        repo_id=facts["id"],
        full_name=name,
        url=f"https://github.com/{name}",
        stars=facts["stars"],
        forks=facts["forks"],
        watchers=facts["watchers"],
        open_issues=facts["open_issues"],
        description=facts["description"],
        homepage=facts["homepage"] or None,
        topics=tuple(sorted(facts["topics"])),
        license=None if facts["license"] == "NOASSERTION" else facts["license"],  # "Other"
        language=facts["language"],
        archived=facts["archived"],
        disabled=facts.get("disabled", False),
        empty=facts.get("empty", False),
        fork=facts["fork"],
        created=facts["created"],
        pushed=facts["pushed"],
        latest_release=GithubRelease(tag=tag[0], published=tag[1]) if tag and release else None,
        renamed_from=renamed_from,
    )


def ok(record: GithubRecord, url: str, method: str = "code_link", conf: float = 1.0) -> GithubSlot:
    provenance = Provenance(method=method, source_url=url, confidence=conf)
    return GithubSlot(status=SlotStatus.OK, provenance=provenance, record=record)


def many(count: int) -> dict[str, dict[str, Any]]:
    return {f"owner{i}/repo{i}": facts_for(f"owner{i}/repo{i}", 5000 + i) for i in range(count)}


def slots_of(outcome: SourceOutcome[GithubSlot]) -> Mapping[str, GithubSlot]:
    return outcome.slots


# --------------------------------------------------------------------------- GraphQL


def test_graphql_batches_fifty_per_request(tmp_path: Path) -> None:
    repos = many(120)
    with FakeGithub(repos, token=TOKEN) as fake:
        targets = [code(f"e{i}", name) for i, name in enumerate(repos)]
        outcome = run(settings_for(fake, tmp_path, TOKEN), targets)
        assert [r.aliases for r in fake.requests] == [50, 50, 20]
        assert fake.count("POST") == math.ceil(120 / 50)
        assert dict(outcome.slots) == {
            f"e{i}": ok(expected(fake, name), f"https://github.com/{name}")
            for i, name in enumerate(repos)
        }
        assert outcome.warnings == ()


def test_graphql_not_found_beside_partial_data(fake: FakeGithub, tmp_path: Path) -> None:
    targets = [code("a", "Rudrabha/Wav2Lip"), code("gone", "nobody/gone"), code("c", "Carlyx/DPE")]
    outcome = run(settings_for(fake, tmp_path, TOKEN), targets)
    assert fake.count() == 1
    assert dict(outcome.slots) == {
        "a": ok(expected(fake, "Rudrabha/Wav2Lip"), "https://github.com/Rudrabha/Wav2Lip"),
        "c": ok(expected(fake, "Carlyx/DPE"), "https://github.com/Carlyx/DPE"),
        "gone": GithubSlot(
            status=SlotStatus.NOT_FOUND,
            provenance=Provenance(method="code_link", source_url="https://github.com/nobody/gone"),
            reason="GitHub has no repository nobody/gone (404: deleted, private or mistyped)",
        ),
    }
    assert outcome.warnings == (
        DataWarning(
            kind=WarningKind.GITHUB,
            file="list.md",
            line=10,
            entry_id="gone",
            message="code_link https://github.com/nobody/gone: repository nobody/gone not found "
            "(Could not resolve to a Repository with the name 'nobody/gone'.)",
        ),
    )


def renamed_warning(key: str) -> DataWarning:
    return DataWarning(
        kind=WarningKind.GITHUB_RENAMED,
        file="list.md",
        line=10,
        entry_id=key,
        message="Winfredy/SadTalker was renamed or moved to OpenTalker/SadTalker: update the "
        "link https://github.com/Winfredy/SadTalker to https://github.com/OpenTalker/SadTalker",
    )


@pytest.mark.parametrize("token", [TOKEN, None], ids=["graphql", "rest"])
def test_rename_resolves_to_current_name(
    fake: FakeGithub, tmp_path: Path, token: str | None
) -> None:
    badge = "https://img.shields.io/github/stars/OpenTalker/SadTalker.svg"
    sad = target("sad", ("https://github.com/Winfredy/SadTalker", "code_link"), (badge, "badge"))
    outcome = run(settings_for(fake, tmp_path, token), [sad])
    record = expected(
        fake, "OpenTalker/SadTalker", renamed_from="Winfredy/SadTalker", release=bool(token)
    )
    assert dict(outcome.slots) == {"sad": ok(record, "https://github.com/Winfredy/SadTalker")}
    assert record.repo_id == 1016
    assert outcome.warnings == (renamed_warning("sad"),)
    if token is None:
        assert [(r.path, r.status) for r in fake.requests] == [
            ("/repos/Winfredy/SadTalker", 301),
            ("/repositories/1016", 200),
        ]


def test_batch_502_splits_into_halves(fake: FakeGithub, tmp_path: Path) -> None:
    repos = many(40)
    with FakeGithub(repos, token=TOKEN) as big:
        big.fail_batches_over = 10
        targets = [code(f"e{i}", name) for i, name in enumerate(repos)]
        outcome = run(settings_for(big, tmp_path, TOKEN), targets)
        assert all(slot.status == SlotStatus.OK for slot in outcome.slots.values())
        assert dict(outcome.slots) == {
            f"e{i}": ok(expected(big, name), f"https://github.com/{name}")
            for i, name in enumerate(repos)
        }
        # 40 and two 20s fail (each tried max_attempts=2 times), then four 10s succeed.
        assert [r.aliases for r in big.requests] == [40, 40, 20, 20, 10, 10, 20, 20, 10, 10]
        assert "3 failed batch(es) split" in outcome.notes[0]


def test_too_costly_batch_splits(tmp_path: Path) -> None:
    repos = many(40)
    with FakeGithub(repos, token=TOKEN) as big:
        big.costly_over = 25
        outcome = run(settings_for(big, tmp_path, TOKEN), [code(n, n) for n in repos])
        assert [r.aliases for r in big.requests] == [40, 20, 20]
        assert {s.status for s in outcome.slots.values()} == {SlotStatus.OK}


def test_single_lookup_that_keeps_failing_is_an_error(tmp_path: Path) -> None:
    with FakeGithub(many(1), token=TOKEN) as one:
        one.fail_batches_over = 0
        outcome = run(settings_for(one, tmp_path, TOKEN), [code("e", "owner0/repo0")])
        slot = outcome.slots["e"]
        assert (slot.status, slot.record) == (SlotStatus.ERROR, None)
        assert slot.reason is not None and "GraphQL batch failed" in slot.reason


def test_bad_token_is_an_error_not_a_zero(fake: FakeGithub, tmp_path: Path) -> None:
    outcome = run(settings_for(fake, tmp_path, "wrong"), [code("a", "Rudrabha/Wav2Lip")])
    assert dict(outcome.slots) == {
        "a": GithubSlot(
            status=SlotStatus.ERROR,
            provenance=Provenance(
                method="code_link", source_url="https://github.com/Rudrabha/Wav2Lip"
            ),
            reason="GitHub refused the token (HTTP 401): check GITHUB_TOKEN",
        )
    }


# --------------------------------------------------------------------------- both modes


@pytest.mark.parametrize("token", [TOKEN, None], ids=["graphql", "rest"])
def test_secondary_limit_then_success(fake: FakeGithub, tmp_path: Path, token: str | None) -> None:
    fake.secondary_limits = 1
    waits: list[float] = []
    outcome = run(settings_for(fake, tmp_path, token), [code("a", "Rudrabha/Wav2Lip")], waits)
    record = expected(fake, "Rudrabha/Wav2Lip", release=bool(token))
    assert dict(outcome.slots) == {"a": ok(record, "https://github.com/Rudrabha/Wav2Lip")}
    assert [r.status for r in fake.requests] == [403, 200]
    assert 1.0 in waits  # the server's Retry-After was honoured


@pytest.mark.parametrize("token", [TOKEN, None], ids=["graphql", "rest"])
def test_exhausted_quota_skips_never_zeroes(
    fake: FakeGithub, tmp_path: Path, token: str | None
) -> None:
    fake.exhausted = True
    names = ["Rudrabha/Wav2Lip", "Carlyx/DPE", "MRzzm/DINet"]
    outcome = run(settings_for(fake, tmp_path, token), [code(n, n) for n in names])
    assert fake.count() == 1  # the first refusal stops the run's GitHub requests
    for name in names:
        slot = outcome.slots[name]
        assert (slot.status, slot.record) == (SlotStatus.SKIPPED, None)
        assert slot.reason is not None and "quota" in slot.reason
    assert "quota" in outcome.notes[0]


@pytest.mark.parametrize("token", [TOKEN, None], ids=["graphql", "rest"])
def test_404_warns_and_run_goes_on(fake: FakeGithub, tmp_path: Path, token: str | None) -> None:
    targets = [code("gone", "nobody/gone"), code("a", "Rudrabha/Wav2Lip")]
    outcome = run(settings_for(fake, tmp_path, token), targets)
    assert outcome.slots["gone"].status == SlotStatus.NOT_FOUND
    assert outcome.slots["a"] == ok(
        expected(fake, "Rudrabha/Wav2Lip", release=bool(token)),
        "https://github.com/Rudrabha/Wav2Lip",
    )
    assert [(w.kind, w.entry_id) for w in outcome.warnings] == [(WarningKind.GITHUB, "gone")]


@pytest.mark.parametrize("token", [TOKEN, None], ids=["graphql", "rest"])
def test_warm_run_sends_nothing_within_freshness(
    fake: FakeGithub, tmp_path: Path, token: str | None
) -> None:
    targets = [code(n, n) for n in ["Rudrabha/Wav2Lip", "Winfredy/SadTalker", "nobody/gone"]]
    settings = settings_for(fake, tmp_path, token)
    cold = run(settings, targets)
    sent = fake.count()
    warm = run(settings, targets)
    assert fake.count() == sent
    assert warm.slots == cold.slots and warm.warnings == cold.warnings


@pytest.mark.parametrize("token", [TOKEN, None], ids=["graphql", "rest"])
def test_same_repository_is_looked_up_once(
    fake: FakeGithub, tmp_path: Path, token: str | None
) -> None:
    forms = [
        "https://github.com/Rudrabha/Wav2Lip",
        "http://www.github.com/rudrabha/wav2lip.git",
        "https://github.com/Rudrabha/Wav2Lip/tree/master/evaluation",
    ]
    targets = [target(f"e{i}", (url, "link")) for i, url in enumerate(forms)]
    outcome = run(settings_for(fake, tmp_path, token), targets)
    assert fake.count() == 1
    assert {slot.record.repo_id for slot in outcome.slots.values() if slot.record} == {1020}


# --------------------------------------------------------------------------- REST only


def test_rest_revalidates_with_etag_and_304_costs_nothing(fake: FakeGithub, tmp_path: Path) -> None:
    targets = [code(n, n) for n in ["Rudrabha/Wav2Lip", "Carlyx/DPE"]]
    settings = settings_for(fake, tmp_path, None).with_source(GithubSettings, freshness=0.0)
    cold = run(settings, targets)
    remaining = fake.rest_remaining
    warm = run(settings, targets)
    second = fake.requests[2:]
    assert [(r.status, r.conditional) for r in second] == [(304, True), (304, True)]
    assert fake.rest_remaining == remaining
    assert warm.slots == cold.slots


@pytest.mark.parametrize("limit", [60, 100], ids=["headers", "own-count"])
def test_rest_budget_is_respected(tmp_path: Path, limit: int) -> None:
    """Stops at 60 requests: by the remaining count in the headers, or by its own count."""
    repos = many(70)
    with FakeGithub(repos, token=TOKEN, rest_limit=limit) as fake:
        outcome = run(settings_for(fake, tmp_path, None), [code(n, n) for n in repos])
        assert fake.count() == 60 and fake.count(status=403) == 0
        statuses = [outcome.slots[n].status for n in repos]
        assert statuses == [SlotStatus.OK] * 60 + [SlotStatus.SKIPPED] * 10
        for name in list(repos)[60:]:
            assert outcome.slots[name] == GithubSlot(
                status=SlotStatus.SKIPPED,
                provenance=Provenance(method="code_link", source_url=f"https://github.com/{name}"),
                reason="no GITHUB_TOKEN and the REST budget (60/hour) is spent",
            )
        assert outcome.notes == (
            "no GITHUB_TOKEN: REST used, 70 repositories: 0 from cache, 60 request(s) sent, "
            f"10 of 70 repositories skipped (60/hour); quota remaining {limit - 60}",
        )


# --------------------------------------------------------------------------- choosing the repo


def test_dead_code_link_falls_back_to_badge(fake: FakeGithub, tmp_path: Path) -> None:
    badge = "https://img.shields.io/github/forks/Carlyx/DPE.svg"
    entry = target("e", ("https://github.com/carlyx/dpe-old", "code_link"), (badge, "badge"))
    outcome = run(settings_for(fake, tmp_path, TOKEN), [entry])
    assert dict(outcome.slots) == {"e": ok(expected(fake, "Carlyx/DPE"), badge, "badge")}
    assert [(w.kind, w.message.split(":")[0]) for w in outcome.warnings] == [
        (WarningKind.GITHUB, "code_link https")
    ]


def test_github_io_guesses_are_confirmed(tmp_path: Path) -> None:
    repos = {
        "NVlabs/few-shot-vid2vid": facts_for("NVlabs/few-shot-vid2vid", 1),
        "YudongGuo/yudongguo.github.io": facts_for("YudongGuo/yudongguo.github.io", 2),
    }
    targets = [
        target("path", ("https://nvlabs.github.io/few-shot-vid2vid/", "project_page")),
        target("site", ("https://yudongguo.github.io/ADNeRF/", "project_page")),
        target("none", ("https://tcwang0509.github.io/vid2vid/", "project_page")),
    ]
    with FakeGithub(repos, token=TOKEN) as fake:
        outcome = run(settings_for(fake, tmp_path, TOKEN), targets)
        assert dict(outcome.slots) == {
            "path": ok(
                expected(fake, "NVlabs/few-shot-vid2vid"),
                "https://nvlabs.github.io/few-shot-vid2vid/",
                "github_io",
                0.7,
            ),
            "site": ok(
                expected(fake, "YudongGuo/yudongguo.github.io"),
                "https://yudongguo.github.io/ADNeRF/",
                "github_io",
                0.7,
            ),
            "none": GithubSlot(
                status=SlotStatus.UNRESOLVED,
                reason="no link names a GitHub repository; GitHub Pages guesses "
                "tcwang0509/vid2vid, tcwang0509/tcwang0509.github.io do not exist",
            ),
        }
        assert outcome.warnings == ()  # guesses are not the list's mistakes
        assert [r.aliases for r in fake.requests] == [3, 2]  # path guesses, then site guesses


def test_links_that_are_not_repositories(fake: FakeGithub, tmp_path: Path) -> None:
    entry = target(
        "e",
        ("https://github.com/OpenTalker", "link"),
        ("https://gist.github.com/x/0123abcd", "link"),
        ("https://example.org/paper.pdf", "link"),
    )
    outcome = run(settings_for(fake, tmp_path, TOKEN), [entry, target("empty")])
    assert dict(outcome.slots) == {
        "e": GithubSlot(
            status=SlotStatus.UNRESOLVED,
            reason="https://github.com/OpenTalker is a user or organisation page, not a "
            "repository; https://gist.github.com/x/0123abcd is a gist, not a repository",
        ),
        "empty": GithubSlot(
            status=SlotStatus.UNRESOLVED, reason="no link names a GitHub repository"
        ),
    }
    assert fake.requests == [] and outcome.notes == ()


@pytest.mark.parametrize("token", [TOKEN, None], ids=["graphql", "rest"])
def test_offline_uses_the_cache_and_skips_the_rest(
    fake: FakeGithub, tmp_path: Path, token: str | None
) -> None:
    settings = settings_for(fake, tmp_path, token)
    online = run(settings, [code("a", "Rudrabha/Wav2Lip")])
    sent = fake.count()
    offline = settings.with_overrides(offline=True)
    outcome = run(offline, [code("a", "Rudrabha/Wav2Lip"), code("b", "Carlyx/DPE")])
    assert fake.count() == sent
    assert outcome.slots["a"] == online.slots["a"]
    assert outcome.slots["b"] == GithubSlot(
        status=SlotStatus.SKIPPED,
        provenance=Provenance(method="code_link", source_url="https://github.com/Carlyx/DPE"),
        reason="offline and not in the cache",
    )
