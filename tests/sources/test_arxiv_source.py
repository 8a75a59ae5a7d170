"""The arXiv source end to end: real door, real HTTP, a fake arXiv on 127.0.0.1."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from enrich.assembly import build_door
from enrich.http.client import NetworkDoor
from enrich.models import (
    ArxivAuthor,
    ArxivRecord,
    ArxivSlot,
    DataWarning,
    Provenance,
    SlotStatus,
    WarningKind,
)
from enrich.settings import Settings
from enrich.sources.arxiv import ArxivSettings, ArxivSource
from enrich.sources.interface import Hint, SourceOutcome, Target
from tests.fakes.arxiv import FakeArxiv, FakePaper

SADTALKER = FakePaper(
    id="2211.12194",
    title=(
        "SadTalker: Learning Realistic 3D Motion Coefficients for Stylized Audio-Driven "
        "Single Image Talking Face Animation"
    ),
    authors=("Wenxuan Zhang", "Xiaodong Cun", "Xuan Wang"),
    abstract="We present SadTalker. Code: https://github.com/OpenTalker/SadTalker.",
    published="2022-11-22T11:35:07Z",
    updated="2023-03-13T08:45:07Z",
    version=2,
    categories=("cs.CV", "cs.GR"),
    comment="CVPR 2023, code https://github.com/Winfredy/SadTalker.git and github.com/orgs/x",
    doi="10.1109/CVPR52729.2023.00836",
    journal_ref="CVPR 2023",
    affiliations={"Wenxuan Zhang": ("Xi'an Jiaotong University",)},
)
DPE = FakePaper(
    id="2301.06281",
    title="DPE: Disentanglement of Pose and Expression for General Video Portrait Editing",
    published="2023-01-16T08:00:00Z",
)
CODETALKER = FakePaper(
    id="2301.02379",
    title="CodeTalker: Speech-Driven 3D Facial Animation with Discrete Motion Prior",
    published="2023-01-06T08:00:00Z",
)
TOONTALKER = FakePaper(
    id="2308.12866",
    title="ToonTalker: Cross-Domain Face Reenactment",
    published="2023-08-24T08:00:00Z",
)
AUDIO2GESTURES = FakePaper(
    id="2108.06720",
    title=(
        "Audio2Gestures: Generating Diverse Gestures from Speech Audio with Conditional "
        "Variational Autoencoders"
    ),
    published="2021-08-15T08:00:00Z",
)
ERNERF = FakePaper(
    id="2307.09323",
    title=(
        "Efficient Region-Aware Neural Radiance Fields for High-Fidelity Talking Portrait Synthesis"
    ),
    published="2023-07-18T08:00:00Z",
)
# Near misses: share most words with titles that have no arXiv record.
DISTRACTORS = (
    FakePaper(
        id="2104.07995",
        title="Audio-Driven Emotional Video Portraits",
        published="2021-04-15T08:00:00Z",
    ),
    FakePaper(
        id="2002.10137",
        title=(
            "Audio-driven Talking Face Video Generation with Learning-based Personalized Head Pose"
        ),
        published="2020-02-24T08:00:00Z",
    ),
    FakePaper(
        id="2112.02749",
        title=(
            "One-shot Talking Face Generation from Single-speaker Audio-Visual Correlation Learning"
        ),
        published="2021-12-06T08:00:00Z",
    ),
)
CORPUS = (SADTALKER, DPE, CODETALKER, TOONTALKER, AUDIO2GESTURES, ERNERF, *DISTRACTORS)

SourceFactory = Callable[..., ArxivSource]
# The list's own link names the method arXiv uses, though its title misnames it.
CVF_AUDIO2GESTURES = (
    "https://openaccess.thecvf.com/content/ICCV2021/papers/Li_Audio2Gestures_Generating_Diverse_"
    "Gestures_From_Speech_Audio_With_Conditional_Variational_ICCV_2021_paper.pdf"
)


@pytest.fixture(scope="module")
def shared_fake() -> Iterator[FakeArxiv]:
    with FakeArxiv(CORPUS) as server:
        yield server


@pytest.fixture
def fake(shared_fake: FakeArxiv) -> FakeArxiv:
    shared_fake.reset()
    return shared_fake


@pytest.fixture
def make_source(tmp_path: Path, fake: FakeArxiv) -> Iterator[SourceFactory]:
    doors: list[NetworkDoor] = []

    def factory(server: FakeArxiv | None = None, **changes: Any) -> ArxivSource:
        for earlier in doors:  # a later run: the earlier ones' answers are stored
            earlier.flush()
        settings = Settings(
            cache_dir=tmp_path / "cache",
            max_attempts=3,
            max_retry_wait=1.0,
            connect_timeout=2.0,
            read_timeout=5.0,
            **changes,
            sources=(ArxivSettings(api_url=(server or fake).url, delay=0.0),),
        )
        door = build_door(settings, backoff=0.001)
        doors.append(door)
        return ArxivSource(door, settings)

    yield factory
    for door in doors:
        door.close()


def target(key: str, title: str | None, *links: str, year: int | None = 2023, **kw: Any) -> Target:
    hints = tuple(Hint(link, "link") for link in links) + kw.pop("hints", ())
    return Target(key=key, file="list.md", line=7, title=title, year=year, hints=hints)


def warning(kind: WarningKind, key: str, message: str) -> DataWarning:
    return DataWarning(kind=kind, file="list.md", line=7, entry_id=key, message=message)


def record_of(paper: FakePaper) -> ArxivRecord:
    return ArxivRecord(
        id=paper.id,
        version=paper.version,
        title=paper.title,
        authors=tuple(
            ArxivAuthor(name=name, affiliations=paper.affiliations.get(name, ()))
            for name in paper.authors
        ),
        abstract=paper.abstract,
        published=paper.published[:10],
        updated=(paper.updated or paper.published)[:10],
        categories=paper.categories,
        primary_category=paper.categories[0],
        doi=paper.doi,
        journal_ref=paper.journal_ref,
        comment=paper.comment,
        abs_url=f"https://arxiv.org/abs/{paper.id}",
        pdf_url=f"https://arxiv.org/pdf/{paper.id}v{paper.version}",
    )


def search_url(fake: FakeArxiv, query: str) -> str:
    from urllib.parse import urlencode

    return f"{fake.url}?{urlencode({'search_query': query})}"


# --------------------------------------------------------------------------- links


def test_direct_link_fills_the_whole_record_and_hands_on_code_links(
    make_source: SourceFactory, fake: FakeArxiv
) -> None:
    link = "https://arxiv.org/pdf/2211.12194.pdf"
    outcome = make_source().resolve([target("p1", SADTALKER.title, link)])
    assert outcome == SourceOutcome(
        slots={
            "p1": ArxivSlot(
                status=SlotStatus.OK,
                provenance=Provenance(method="link", source_url=link, title_similarity=1.0),
                record=record_of(SADTALKER),
            )
        },
        discovered={
            "p1": (
                Hint("https://github.com/Winfredy/SadTalker", "arxiv_comment"),
                Hint("https://github.com/OpenTalker/SadTalker", "arxiv_comment"),
            )
        },
        notes=("arXiv: 1 targets (ok:link 1)",),
    )
    assert fake.count() == 1


def test_old_feed_format_gives_the_same_records(make_source: SourceFactory) -> None:
    with FakeArxiv(CORPUS, old_format=True) as old:
        links = ["https://arxiv.org/abs/2211.12194", "https://arxiv.org/abs/2301.06281"]
        outcome = make_source(old).resolve([target(f"p{i}", None, u) for i, u in enumerate(links)])
    assert [s.record for s in outcome.slots.values()] == [record_of(SADTALKER), record_of(DPE)]


def test_id_list_batches_of_100(make_source: SourceFactory) -> None:
    papers = [
        FakePaper(id=f"2301.{n:05d}", title=f"Paper number {n} on talking heads", version=1)
        for n in range(1, 251)
    ]
    with FakeArxiv(papers) as big:
        targets = [target(p.id, p.title, f"https://arxiv.org/abs/{p.id}") for p in papers]
        outcome = make_source(big).resolve(targets)
        assert big.count("id_list") == math.ceil(250 / 100) == big.count()
        sizes = sorted(len(r.args["id_list"].split(",")) for r in big.requests)
        assert sizes == [50, 100, 100]
        assert all(int(r.args["max_results"]) >= 50 for r in big.requests)
    assert {k: s.record for k, s in outcome.slots.items()} == {p.id: record_of(p) for p in papers}
    assert outcome.warnings == ()


def test_warm_run_sends_no_request_even_with_other_batches(
    make_source: SourceFactory, fake: FakeArxiv
) -> None:
    targets = [
        target("a", "SadTalker", "https://arxiv.org/abs/2211.12194"),
        target("b", "DPE", "https://arxiv.org/abs/2301.06281"),
        target("c", ERNERF.title, "https://openaccess.thecvf.com/ICCV2023/ER-NeRF.html"),
        target("d", "CodeTalker", "https://arxiv.org/abs/2301.06281"),
    ]
    cold = make_source().resolve(targets)
    sent = fake.count()
    assert sent >= 2
    warm = make_source().resolve(targets)
    assert warm == cold
    regrouped = make_source().resolve([targets[3], targets[0]])
    assert regrouped.slots == {"d": cold.slots["d"], "a": cold.slots["a"]}
    assert fake.count() == sent


def test_label_that_is_the_method_name_keeps_its_link(make_source: SourceFactory) -> None:
    outcome = make_source().resolve([target("w", "SadTalker", "https://arxiv.org/abs/2211.12194")])
    slot = outcome.slots["w"]
    assert (slot.status, slot.record and slot.record.id, outcome.warnings) == (
        SlotStatus.OK,
        "2211.12194",
        (),
    )


def test_link_to_another_paper_is_replaced_by_a_sure_title_match(
    make_source: SourceFactory, fake: FakeArxiv
) -> None:
    outcome = make_source().resolve([target("w", "CodeTalker", "https://arxiv.org/abs/2301.06281")])
    assert outcome.slots["w"] == ArxivSlot(
        status=SlotStatus.OK,
        provenance=Provenance(
            method="title_search",
            source_url=search_url(fake, "(ti:codetalker)"),
            confidence=0.75,
            title_similarity=0.247,
        ),
        record=record_of(CODETALKER),
    )
    assert outcome.warnings == (
        warning(
            WarningKind.ARXIV_LINK_MISMATCH,
            "w",
            "the link https://arxiv.org/abs/2301.06281 points at arXiv:2301.06281 "
            f"{DPE.title!r}, which is not 'CodeTalker'; a title search found "
            f"arXiv:2301.02379 {CODETALKER.title!r}, used instead",
        ),
    )


def test_link_with_an_unmatched_label_stays_when_search_finds_nothing_sure(
    make_source: SourceFactory,
) -> None:
    outcome = make_source().resolve(
        [target("w", "ToolTalking", "https://arxiv.org/abs/2308.12866")]
    )
    slot = outcome.slots["w"]
    assert slot.status == SlotStatus.OK and slot.record == record_of(TOONTALKER)
    assert slot.provenance == Provenance(
        method="link", source_url="https://arxiv.org/abs/2308.12866", title_similarity=0.353
    )
    assert outcome.warnings == (
        warning(
            WarningKind.ARXIV_TITLE_MISMATCH,
            "w",
            f"the list's title 'ToolTalking' differs from arXiv:2308.12866 {TOONTALKER.title!r} "
            "(similarity 0.35)",
        ),
    )


# ------------------------------------------------------------------------ searches


def test_title_search_resolves_papers_without_arxiv_links_in_fewer_requests(
    make_source: SourceFactory, fake: FakeArxiv
) -> None:
    renamed = (
        "Audio2Motion: Generating Diverse Gestures from Speech with Conditional "
        "Variational Autoencoders"
    )
    absent = "Audio-Driven Talking Face Generation with Diverse yet Realistic Facial Animations"
    targets = [
        target("exact", ERNERF.title, "https://openaccess.thecvf.com/x.html"),
        target("renamed", renamed, CVF_AUDIO2GESTURES, year=2021),
        target("absent", absent, "https://example.org/paper.pdf"),
        target("label", "SadTalker", year=2023),
    ]
    outcome = make_source().resolve(targets)
    got = {k: (s.status, s.record.id if s.record else None) for k, s in outcome.slots.items()}
    assert got == {
        "exact": (SlotStatus.OK, ERNERF.id),
        "renamed": (SlotStatus.OK, AUDIO2GESTURES.id),
        "absent": (SlotStatus.UNRESOLVED, None),
        "label": (SlotStatus.OK, SADTALKER.id),
    }
    assert outcome.slots["exact"].provenance == Provenance(
        method="title_search",
        source_url=search_url(
            fake,
            "(ti:efficient AND ti:region AND ti:aware AND ti:neural AND ti:radiance AND "
            "ti:fields AND ti:high AND ti:fidelity AND ti:talking AND ti:portrait AND "
            "ti:synthesis)",
        ),
        confidence=0.95,
        title_similarity=1.0,
    )
    assert outcome.slots["absent"].provenance is not None
    assert outcome.slots["absent"].provenance.candidate is None
    assert outcome.warnings == (
        warning(
            WarningKind.ARXIV_TITLE_MISMATCH,
            "renamed",
            f"the list's title {renamed!r} differs from arXiv:{AUDIO2GESTURES.id} "
            f"{AUDIO2GESTURES.title!r} (similarity 0.91)",
        ),
    )
    assert fake.count("search") < 4
    assert fake.count("id_list") == 0


def test_a_different_name_before_the_colon_is_a_different_paper(
    make_source: SourceFactory,
) -> None:
    """Issue 12: same subtitle, different method: matched at 0.88 before, a wrong paper."""
    facesync = FakePaper(
        id="2405.00001",
        title=(
            "FacesyncTalker: Learning 3D Motion Coefficients for Real-Time Dance Video Generation"
        ),
        published="2024-05-01T00:00:00Z",
    )
    dubtone = "DubtoneGen: Learning 3D Motion Coefficients for Real-Time Dance Video Generation"
    renamed = (
        "Audio2Motion: Generating Diverse Gestures from Speech with Conditional "
        "Variational Autoencoders"
    )
    with FakeArxiv([facesync, AUDIO2GESTURES]) as server:
        outcome = make_source(server).resolve(
            [
                target("other", dubtone, "https://example.org/dubtone.pdf", year=2024),
                # The list misnames Audio2Gestures, and nothing else names it: not sure.
                target("misnamed", renamed, "https://openaccess.thecvf.com/y.pdf", year=2021),
            ]
        )
    assert {k: (s.status, s.record) for k, s in outcome.slots.items()} == {
        "other": (SlotStatus.UNRESOLVED, None),
        "misnamed": (SlotStatus.UNRESOLVED, None),
    }
    other = outcome.slots["other"].provenance
    assert other is not None and other.candidate == f"arXiv:2405.00001 {facesync.title!r}"
    assert other.title_similarity == 0.877


def test_near_miss_distractors_never_match(make_source: SourceFactory, fake: FakeArxiv) -> None:
    titles = {
        # Every word of each title occurs in a distractor, so the search returns it.
        "n1": "Audio-Driven Video Portraits",
        "n2": "Talking Face Video Generation with Personalized Head Pose",
        "n3": "One-shot Talking Face Generation from Audio-Visual Correlation",
    }
    outcome = make_source().resolve([target(k, t, year=2021) for k, t in titles.items()])
    assert {k: s.status for k, s in outcome.slots.items()} == dict.fromkeys(
        titles, SlotStatus.UNRESOLVED
    )
    assert all(s.record is None for s in outcome.slots.values())
    named = {k: s.provenance.candidate for k, s in outcome.slots.items() if s.provenance}
    assert named == {
        "n1": f"arXiv:2104.07995 {DISTRACTORS[0].title!r}",
        "n2": f"arXiv:2002.10137 {DISTRACTORS[1].title!r}",
        "n3": f"arXiv:2112.02749 {DISTRACTORS[2].title!r}",
    }
    assert [w.kind for w in outcome.warnings] == [WarningKind.ARXIV] * 3
    assert fake.count() == 1


def test_implausible_year_and_ambiguous_hits_stay_unresolved(make_source: SourceFactory) -> None:
    papers = [
        FakePaper(id="1501.00001", title="Deep Talking Heads", published="2015-01-01T00:00:00Z"),
        FakePaper(
            id="2301.00001",
            title="FooNet: Learning Talking Heads",
            published="2023-01-01T00:00:00Z",
        ),
        FakePaper(
            id="2302.00002", title="FooNet: Animating Portraits", published="2023-02-01T00:00:00Z"
        ),
    ]
    with FakeArxiv(papers) as server:
        outcome = make_source(server).resolve(
            [target("old", "Deep Talking Heads", year=2023), target("amb", "FooNet", year=2023)]
        )
    assert outcome.slots["old"].reason == (
        "arXiv:1501.00001 'Deep Talking Heads' was published 2015-01-01, implausible for 2023"
    )
    assert outcome.slots["amb"].reason == (
        "ambiguous: arXiv:2302.00002 'FooNet: Animating Portraits' and "
        "arXiv:2301.00001 'FooNet: Learning Talking Heads' both fit"
    )
    assert {s.status for s in outcome.slots.values()} == {SlotStatus.UNRESOLVED}


def test_ids_from_other_stages_count_only_when_they_fit_the_title(
    make_source: SourceFactory, fake: FakeArxiv
) -> None:
    fits = target("fit", "DPE", hints=(Hint("2301.06281", "project_page"),))
    wrong = target("wrong", ERNERF.title, hints=(Hint("2301.06281", "project_page"),))
    outcome = make_source().resolve([fits, wrong])
    assert outcome.slots["fit"].provenance == Provenance(
        method="project_page", source_url="2301.06281", confidence=0.9, title_similarity=0.075
    )
    assert outcome.slots["wrong"].record == record_of(ERNERF)
    assert outcome.slots["wrong"].provenance is not None
    assert outcome.slots["wrong"].provenance.method == "title_search"
    assert fake.count("search") == 1


# ------------------------------------------------------------------------ failures


def test_unknown_id_is_not_found_and_the_rest_resolves(make_source: SourceFactory) -> None:
    outcome = make_source().resolve(
        [
            target("gone", "Ghost", "https://arxiv.org/abs/2301.99999"),
            target("ok", "DPE", "https://arxiv.org/abs/2301.06281"),
        ]
    )
    assert outcome.slots["gone"] == ArxivSlot(
        status=SlotStatus.NOT_FOUND,
        provenance=Provenance(method="link", source_url="https://arxiv.org/abs/2301.99999"),
        reason="arXiv has no paper 2301.99999",
    )
    assert outcome.slots["ok"].record == record_of(DPE)
    assert outcome.warnings == (
        warning(WarningKind.ARXIV, "gone", "arXiv has no paper 2301.99999"),
    )


def test_malformed_id_is_reported_and_the_batch_still_fetched(
    make_source: SourceFactory,
) -> None:
    with FakeArxiv(CORPUS, malformed={"2301.02379"}) as strict:
        outcome = make_source(strict).resolve(
            [
                target("bad", "CodeTalker", "https://arxiv.org/abs/2301.02379"),
                target("ok1", "DPE", "https://arxiv.org/abs/2301.06281"),
                target("ok2", "SadTalker", "https://arxiv.org/abs/2211.12194"),
            ]
        )
        assert strict.count() == 2
        assert strict.requests[1].args["id_list"] == "2211.12194,2301.06281"
    message = "arXiv rejected the id 2301.02379: incorrect id format for 2301.02379"
    assert outcome.slots["bad"].status == SlotStatus.NOT_FOUND
    assert outcome.slots["bad"].reason == message
    assert [outcome.slots[k].record for k in ("ok1", "ok2")] == [
        record_of(DPE),
        record_of(SADTALKER),
    ]
    assert outcome.warnings == (warning(WarningKind.ARXIV, "bad", message),)


def test_broken_arxiv_link_warns_and_falls_back_to_search(make_source: SourceFactory) -> None:
    outcome = make_source().resolve([target("b", "DPE", "https://arxiv.org/abs/abc")])
    assert outcome.slots["b"].record == record_of(DPE)
    assert outcome.warnings[0] == warning(
        WarningKind.ARXIV, "b", "the arXiv link https://arxiv.org/abs/abc names no valid id"
    )


def test_a_storm_of_503s_gives_error_slots_and_the_run_goes_on(
    make_source: SourceFactory, fake: FakeArxiv
) -> None:
    fake.fail_next(50, status=503)
    outcome = make_source().resolve(
        [
            target("l", "DPE", "https://arxiv.org/abs/2301.06281"),
            target("s", ERNERF.title),
        ]
    )
    assert {k: s.status for k, s in outcome.slots.items()} == {
        "l": SlotStatus.ERROR,
        "s": SlotStatus.ERROR,
    }
    assert all(s.reason and "503" in s.reason for s in outcome.slots.values())
    assert fake.count() == 6  # two requests, three attempts each
    assert [w.kind for w in outcome.warnings] == [WarningKind.ARXIV]


def test_429_with_retry_after_is_waited_out(make_source: SourceFactory, fake: FakeArxiv) -> None:
    fake.fail_next(1, status=429, retry_after=0)
    outcome = make_source().resolve([target("l", "DPE", "https://arxiv.org/abs/2301.06281")])
    assert outcome.slots["l"].record == record_of(DPE)
    assert fake.count() == 2


def test_offline_cache_miss_is_skipped(make_source: SourceFactory, fake: FakeArxiv) -> None:
    outcome = make_source(offline=True).resolve(
        [target("l", "DPE", "https://arxiv.org/abs/2301.06281"), target("s", ERNERF.title)]
    )
    assert {k: s.status for k, s in outcome.slots.items()} == {
        "l": SlotStatus.SKIPPED,
        "s": SlotStatus.SKIPPED,
    }
    assert fake.count() == 0


def test_a_title_crowded_out_of_a_full_page_is_asked_again_alone(
    make_source: SourceFactory,
) -> None:
    common = "Neural Talking Head Video Generation Benchmark"
    crowd = [
        FakePaper(id=f"2201.{n:05d}", title=f"{common} Part {n}", published="2022-01-01T00:00:00Z")
        for n in range(1, 13)
    ]
    rare = FakePaper(
        id="2202.00001", title="Sparse Gesture Tokens", published="2022-02-01T00:00:00Z"
    )
    with FakeArxiv([*crowd, rare]) as server:
        outcome = make_source(server).resolve(
            [target("crowd", f"{common} Part", year=2022), target("rare", rare.title, year=2022)]
        )
        searches = [r.args["search_query"] for r in server.requests]
    assert searches == [
        "(ti:neural AND ti:talking AND ti:head AND ti:video AND ti:generation AND ti:benchmark "
        "AND ti:part) OR (ti:sparse AND ti:gesture AND ti:tokens)",
        "(ti:sparse AND ti:gesture AND ti:tokens)",
    ]
    assert outcome.slots["rare"].record == record_of(rare)
    assert outcome.slots["crowd"].status == SlotStatus.UNRESOLVED
