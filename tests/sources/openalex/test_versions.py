"""Versions of one paper: the shared same-paper rule, folding search hits, and what a
per-second 429 costs a run (one wait, nothing else)."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.http.client import NetworkDoor
from enrich.matching.titles import compare
from enrich.matching.versions import same_paper, share_an_author, titles_agree, years_fit
from enrich.models import OpenalexAuthor, OpenalexRecord, OpenalexVersion, VersionFinding
from enrich.sources.openalex import OpenalexSource
from enrich.sources.openalex._policy import openalex_policy
from enrich.sources.openalex._versions import fold, settle
from tests.fakes.openalex import FakeOpenalex
from tests.fakes.openalex_seed import SEED_WORKS
from tests.sources.openalex.conftest import openalex_settings
from tests.sources.openalex.test_source import AUDIO2MOTION, DINET, SADTALKER, TOONTALKER

TITLE = "SadTalker: Learning Realistic 3D Motion Coefficients for Talking Face Animation"


def _record(
    work_id: str, *, published: bool, cited: int, authors: tuple[str, ...] = ("Wenxuan Zhang",)
) -> OpenalexRecord:
    version = OpenalexVersion(id=work_id, cited_by_count=cited, published=published,
                              venue="CVPR" if published else "arXiv")  # fmt: skip
    return OpenalexRecord(
        id=work_id,
        url=f"https://openalex.org/{work_id}",
        title=TITLE,
        publication_year=2023,
        authors=tuple(OpenalexAuthor(name=n) for n in authors),
        venue=version.venue,
        cited_by_count=cited,
        version=VersionFinding.PUBLISHED if published else VersionFinding.NOT_LOOKED_UP,
        versions=(version,),
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (TITLE, TITLE.upper()),
        (TITLE, "SadTalker: Learning Realistic 3D Motion Coefficient for Talking Face Animations"),
        (TITLE, "DubTalker: Learning Realistic 3D Motion Coefficients for Talking Face Animation"),
        ("Everybody Dance Now", "Everybody Dance Now!"),
        ("Video-to-Video Synthesis", "Few-shot Video-to-Video Synthesis"),
    ],
)
def test_versions_take_a_title_pair_exactly_where_a_search_hit_is_taken(
    left: str, right: str
) -> None:
    """One rule for arXiv and OpenAlex: the title part of same_paper is compare()'s."""
    expected = compare(left, right).accepts_search_hit or compare(right, left).accepts_search_hit
    assert titles_agree(left, right) is expected


def test_the_same_paper_needs_an_author_in_common_and_years_in_order() -> None:
    assert share_an_author(["Wenxuan Zhang", "Xiaodong Cun"], ["Zhang, Wenxuan"])
    assert not share_an_author(["Wenxuan Zhang"], ["Someone Else"])
    assert share_an_author([], ["Anyone"])  # unknown authors do not refuse
    assert years_fit(2022, 2023) and years_fit(2023, 2022) and not years_fit(2018, 2023)
    preprint = (TITLE, ["Wenxuan Zhang"], 2022)
    assert same_paper(preprint, (TITLE, ["W. Zhang"], 2023))
    assert not same_paper(preprint, (TITLE, ["Other Person"], 2023))
    assert not same_paper(preprint, (TITLE, ["Wenxuan Zhang"], 2027))


def test_a_preprint_and_its_published_twin_fold_into_one_with_citations_summed() -> None:
    preprint = _record("W1", published=False, cited=610)
    published = _record("W2", published=True, cited=540)
    stranger = _record("W3", published=True, cited=9, authors=("Other Person",))
    folded = fold([preprint, published, stranger])
    assert [(r.id, r.cited_by_count, r.version) for r in folded] == [
        ("W2", 1150, VersionFinding.PUBLISHED),
        ("W3", 9, VersionFinding.PUBLISHED),
    ]
    assert [v.id for v in folded[0].versions] == ["W2", "W1"]  # published first
    alone = settle(preprint, [stranger])
    assert (alone.version, alone.cited_by_count) == (VersionFinding.PREPRINT_ONLY, 610)
    assert settle(preprint, None).version == VersionFinding.NOT_LOOKED_UP


class _Clock:
    """Time for both the fake's one-second windows and the door's waits: a wait moves it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def test_a_per_second_429_costs_one_wait_and_nothing_else(tmp_path: Path) -> None:
    clock = _Clock()
    with FakeOpenalex(SEED_WORKS, keyed_per_second=2, clock=clock) as fake:
        settings = openalex_settings(tmp_path, fake, max_attempts=3)
        policies = {"openalex": openalex_policy(settings)}
        with NetworkDoor(settings, policies, sleep=clock.sleep) as door:
            outcome = OpenalexSource(door, settings).resolve(
                [DINET, SADTALKER, TOONTALKER, AUDIO2MOTION]
            )
            notes = door.stats.notes
        statuses = [r.kind for r in fake.requests]
    limited = len(statuses) - 5  # 1 filter and 4 searches answered
    assert limited >= 1  # the cap was met
    assert sorted(w for w in clock.waits if w >= 1.0) == [1.0] * limited  # one wait each
    assert {k: s.status.value for k, s in outcome.slots.items()} == {
        "dinet": "ok",
        "sad": "ok",
        "toon": "not_found",
        "a2m": "unresolved",
    }
    assert "stopped" not in outcome.notes[-1]
    assert (
        f"OpenAlex: per-second limit hit {limited} time(s) (429); each waited out as told" in notes
    )
