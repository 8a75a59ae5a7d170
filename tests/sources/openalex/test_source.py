"""The OpenAlex source against the fake OpenAlex on 127.0.0.1, through the real door."""

from __future__ import annotations

from pathlib import Path

from enrich.models import SlotStatus, VersionFinding
from enrich.sources.interface import Hint, Target
from enrich.sources.openalex import OpenalexSettings, OpenalexSource
from tests.fakes.openalex import ARXIV, FakeAuthor, FakeOpenalex, FakeWork
from tests.fakes.openalex_seed import SEED_WORKS
from tests.sources.openalex.conftest import openalex_door, openalex_settings

SADTALKER = Target(
    "sad",
    "list.md",
    43,
    "SadTalker: Learning Realistic 3D Motion Coefficients for Stylized Audio-Driven "
    "Single Image Talking Face Animation",
    2023,
    (Hint("https://arxiv.org/pdf/2211.12194.pdf", "link"),),
)
TOONTALKER = Target(
    "toon", "list.md", 46, "ToonTalker", 2023, (Hint("https://arxiv.org/abs/2308.12866", "link"),)
)
DINET = Target(
    "dinet",
    "list.md",
    42,
    "DINet: Deformation Inpainting Network for Realistic Face Visually Dubbing on High "
    "Resolution Video",
    2023,
    (Hint("https://fuxivirtualhuman.github.io/pdf/AAAI2023_FaceDubbing.pdf", "link"),),
)
AUDIO2MOTION = Target(
    "a2m",
    "list.md",
    58,
    "Audio2Motion: Generating Diverse Gestures from Speech with Conditional Variational "
    "Autoencoders",
    2021,
)


def _resolve(tmp_path: Path, fake: FakeOpenalex, *targets: Target, **overrides: object):
    settings = openalex_settings(tmp_path, fake, **overrides)
    with openalex_door(settings) as door:
        return OpenalexSource(door, settings).resolve(list(targets))


def test_an_arxiv_paper_held_twice_gets_its_published_version(
    tmp_path: Path, fake: FakeOpenalex
) -> None:
    """SadTalker: its arXiv DOI finds the preprint; a search for its title finds the CVPR
    version (same title, an author in common, a year that fits), which supplies venue,
    year, type and DOI; citations are summed over both, each version kept."""
    outcome = _resolve(tmp_path, fake, SADTALKER)
    slot = outcome.slots["sad"]
    assert slot.status == SlotStatus.OK
    record = slot.record
    assert record is not None
    assert (record.doi, record.venue, record.type, record.publication_year) == (
        "10.1109/cvpr52729.2023.00836",
        "2023 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)",
        "article",
        2023,
    )
    assert record.version == VersionFinding.PUBLISHED
    assert record.cited_by_count == 540 + 610
    assert [(v.doi, v.cited_by_count, v.published) for v in record.versions] == [
        ("10.1109/cvpr52729.2023.00836", 540, True),
        ("10.48550/arxiv.2211.12194", 610, False),
    ]
    assert record.abstract == "We present SadTalker, a method for talking faces."  # the preprint's
    assert record.oa_pdf_url == "https://arxiv.org/pdf/2211.12194"
    assert record.authors[0].orcid == "0000-0002-1825-0097"
    assert record.authors[0].institutions == ("Tsinghua University",)
    assert slot.provenance is not None and slot.provenance.method == "link"
    assert slot.provenance.title_similarity == 1.0
    assert (fake.count("filter"), fake.count("search")) == (1, 1)
    args = fake.requests[0].args
    assert args["filter"] == "doi:10.48550/arxiv.2211.12194"
    assert args["api_key"] == fake.api_key
    assert fake.requests[1].args["filter"].startswith("title.search:learning realistic 3d")


def test_a_preprint_alone_says_so(tmp_path: Path) -> None:
    only = FakeWork("W1", "GeneFace: Generalized Talking Faces", doi="10.48550/arxiv.2301.13430",
                    venue=ARXIV, cited_by_count=7)  # fmt: skip
    other = FakeWork("W2", "GeneFace: Generalized Talking Faces", doi="10.1/other", venue="X",
                     authors=(FakeAuthor("Someone Else"),), cited_by_count=99)  # fmt: skip
    target = Target("g", "list.md", 3, only.title, 2023,
                    (Hint("https://arxiv.org/abs/2301.13430", "link"),))  # fmt: skip
    with FakeOpenalex([only, other]) as fake:
        outcome = _resolve(tmp_path, fake, target)
    record = outcome.slots["g"].record
    assert record is not None  # the same title by other authors is another paper
    assert (record.id, record.version, record.cited_by_count) == (
        "W1",
        VersionFinding.PREPRINT_ONLY,
        7,
    )
    assert record.venue == ARXIV and [v.id for v in record.versions] == ["W1"]


def test_filters_come_before_searches_and_each_is_counted(
    tmp_path: Path, fake: FakeOpenalex
) -> None:
    outcome = _resolve(tmp_path, fake, DINET, SADTALKER, TOONTALKER, AUDIO2MOTION)
    # DINet, Audio2Motion and ToonTalker (its arXiv DOI is not held: by title), then the
    # search for SadTalker's published version.
    assert [r.kind for r in fake.requests] == ["filter", *["search"] * 4]
    assert fake.requests[0].args["filter"] == (
        "doi:10.48550/arxiv.2211.12194|10.48550/arxiv.2308.12866"
    )
    assert outcome.slots["toon"].status == SlotStatus.NOT_FOUND
    assert outcome.slots["toon"].reason == "OpenAlex has no work with DOI 10.48550/arxiv.2308.12866"
    dinet = outcome.slots["dinet"]
    assert dinet.status == SlotStatus.OK and dinet.record is not None
    assert dinet.record.doi == "10.1609/aaai.v37i3.25464"
    assert dinet.provenance is not None and dinet.provenance.method == "title_search"
    a2m = outcome.slots["a2m"]
    assert a2m.status == SlotStatus.UNRESOLVED
    assert a2m.provenance is not None and a2m.provenance.candidate is not None
    assert "W3210000007" in a2m.provenance.candidate
    kinds = sorted((w.entry_id, w.kind.value) for w in outcome.warnings)
    assert kinds == [("a2m", "openalex"), ("toon", "openalex")]
    assert outcome.notes[-1] == (
        "OpenAlex: 0 singleton, 1 filter, 4 search request(s), about $0.0041; "
        "allowance left $0.9959 of $1 (headers)"
    )


def test_a_doi_link_to_another_paper_is_warned(tmp_path: Path, fake: FakeOpenalex) -> None:
    wrong = Target(
        "w",
        "list.md",
        7,
        "Everybody Dance Now",
        2019,
        (Hint("https://doi.org/10.1609/aaai.v37i3.25464", "link"),),
    )
    outcome = _resolve(tmp_path, fake, wrong, SADTALKER)
    assert outcome.slots["w"].status == SlotStatus.OK  # the link is the list's: kept, but warned
    (warning,) = outcome.warnings
    assert warning.entry_id == "w" and warning.line == 7
    assert warning.message.startswith(
        "the list's title 'Everybody Dance Now' differs from OpenAlex W4382000002 'DINet: "
    )
    assert warning.message.endswith("is the link right?")


def test_a_doi_held_several_times_is_paged_by_cursor(tmp_path: Path) -> None:
    twice = [FakeWork(f"W{n}", "Held Four Times", doi="10.1000/a") for n in range(1, 5)]
    with FakeOpenalex([*twice, FakeWork("W9", "Other", doi="10.1000/b")]) as fake:
        a = Target("a", "list.md", 1, None, None, (Hint("https://doi.org/10.1000/a", "link"),))
        b = Target("b", "list.md", 2, None, None, (Hint("https://doi.org/10.1000/B", "link"),))
        outcome = _resolve(tmp_path, fake, a, b)
    assert [(r.args["per-page"], r.args["cursor"]) for r in fake.requests] == [
        ("2", "*"),
        ("2", "c2"),
        ("2", "c4"),
    ]
    assert outcome.slots["a"].record is not None and outcome.slots["a"].record.id == "W1"
    assert outcome.slots["b"].record is not None and outcome.slots["b"].record.id == "W9"


def test_a_warm_run_asks_nothing(tmp_path: Path, fake: FakeOpenalex) -> None:
    first = _resolve(tmp_path, fake, DINET, SADTALKER, TOONTALKER)
    sent = fake.count()
    second = _resolve(tmp_path, fake, SADTALKER, TOONTALKER, DINET)
    assert fake.count() == sent == 4  # a filter, DINet's and ToonTalker's titles, a version
    assert second.slots == first.slots


def test_a_search_the_allowance_cannot_pay_for_is_not_sent(
    tmp_path: Path, fake: FakeOpenalex
) -> None:
    fake.reset(allowance_usd=0.0015)  # one filter and one search; a second search is too dear
    outcome = _resolve(tmp_path, fake, SADTALKER, DINET, AUDIO2MOTION)
    assert [r.kind for r in fake.requests] == ["filter", "search"]  # DINet's words sort first
    assert outcome.slots["sad"].status == outcome.slots["dinet"].status == SlotStatus.OK
    sad = outcome.slots["sad"].record
    assert sad is not None and sad.version == VersionFinding.NOT_LOOKED_UP  # no search left
    a2m = outcome.slots["a2m"]
    assert a2m.status == SlotStatus.SKIPPED  # the pipeline keeps last run's record, stale
    assert a2m.reason == (
        "title search: not asked: the allowance left cannot pay for a search request"
    )
    assert outcome.notes[-1].endswith("allowance left $0.0004 of $0.0015 (headers)")


def test_searches_are_in_flight_together_and_the_allowance_picks_them_in_order(
    tmp_path: Path,
) -> None:
    """Twelve title searches, an allowance that pays for six: the first is sent alone (its
    answer states the day's allowance), the next five together; the six are the first in
    the searches' order, whatever order the answers came back in, and the rest are skipped."""
    titles = [f"Unheard Paper Number {n:02d} About Talking Faces" for n in range(12, 0, -1)]
    targets = [Target(f"t{n}", "list.md", n, t, 2024) for n, t in enumerate(titles)]
    outcomes = []
    with FakeOpenalex(SEED_WORKS, latency=0.2) as fake:
        for attempt in ("first", "second"):  # the same answers, a new cache
            fake.reset(allowance_usd=0.0065)
            outcomes.append(_resolve(tmp_path / attempt, fake, *targets))
            searched = [r.args["filter"].split("title.search:")[1] for r in fake.requests]
            assert sorted(searched) == [
                f"unheard paper number {n:02d} about talking faces" for n in range(1, 7)
            ]
            assert fake.most_in_flight > 1  # five were asked at once
    first, second = outcomes
    assert first.slots == second.slots  # the same answers give the same slots
    skipped = [key for key, slot in first.slots.items() if slot.status == SlotStatus.SKIPPED]
    assert sorted(skipped) == [f"t{n}" for n in range(6)]  # numbers 12 to 7: last in order
    assert first.notes[-1].endswith("allowance left $0.0005 of $0.0065 (headers)")


def test_429_means_the_day_is_spent_nothing_more_is_asked(
    tmp_path: Path, fake: FakeOpenalex
) -> None:
    fake.reset(allowance_usd=0.0)
    outcome = _resolve(tmp_path, fake, SADTALKER, DINET)
    assert fake.count() == 1  # the daily 429 is not retried, the search is not sent
    assert {s.status for s in outcome.slots.values()} == {SlotStatus.SKIPPED}
    assert outcome.warnings == ()  # skipped values are reported as stale by the pipeline
    assert outcome.notes[-1].startswith("OpenAlex: 0 singleton, 0 filter, 0 search request(s)")
    assert "stopped: daily allowance spent" in outcome.notes[-1]


def test_a_refused_key_is_an_error_and_stops_the_run(tmp_path: Path, fake: FakeOpenalex) -> None:
    wrong = (
        OpenalexSettings.from_environment({**fake.env(), "OPENALEX_API_KEY": "wrong-key-123"}),
    )
    outcome = _resolve(tmp_path, fake, SADTALKER, DINET, sources=wrong)
    assert fake.count() == 1
    sad, dinet = outcome.slots["sad"], outcome.slots["dinet"]
    assert sad.status == SlotStatus.ERROR
    assert sad.reason == (
        "OpenAlex refused the request (403: Forbidden: Invalid API key.); check OPENALEX_API_KEY"
    )
    assert dinet.status == SlotStatus.ERROR
    assert dinet.reason is not None and dinet.reason.endswith("check OPENALEX_API_KEY")


def test_a_server_error_is_retried_then_reported(tmp_path: Path, fake: FakeOpenalex) -> None:
    fake.fail_next(1, 500)
    outcome = _resolve(tmp_path, fake, SADTALKER)
    assert fake.count() == 3 and outcome.slots["sad"].status == SlotStatus.OK  # + its version
    fake.reset()
    fake.fail_next(2, 500)
    outcome = _resolve(tmp_path / "cold", fake, SADTALKER, DINET)
    sad = outcome.slots["sad"]
    assert sad.status == SlotStatus.ERROR
    assert sad.reason is not None and "500" in sad.reason
    assert outcome.slots["dinet"].status == SlotStatus.OK  # a failed batch stops nothing else
    assert outcome.notes[-1].startswith("OpenAlex: 0 singleton, 0 filter (+1 failed), 1 search")


def test_a_merged_work_follows_its_301(tmp_path: Path, fake: FakeOpenalex) -> None:
    merged = Target(
        "m", "list.md", 9, None, None, (Hint("https://openalex.org/W1000000001", "link"),)
    )
    gone = Target("g", "list.md", 10, None, None, (Hint("https://openalex.org/W9", "link"),))
    outcome = _resolve(tmp_path, fake, merged, gone)
    slot = outcome.slots["m"]
    assert slot.status == SlotStatus.OK and slot.record is not None
    assert (slot.record.id, slot.record.merged_from) == ("W4311000001", "W1000000001")
    assert outcome.slots["g"].status == SlotStatus.NOT_FOUND
    assert [w.message for w in outcome.warnings] == [
        "OpenAlex merged W1000000001 into W4311000001; link the latter",
        "OpenAlex has no work with work W9",
    ]
    assert sorted(r.path for r in fake.requests) == [  # in flight together: any order
        "/works/W1000000001",
        "/works/W4311000001",
        "/works/W9",
    ]
    assert outcome.notes[-1].startswith("OpenAlex: 2 singleton, 0 filter, 0 search")


def test_without_a_key_the_small_allowance_is_read_spent_and_reported(tmp_path: Path) -> None:
    """On by default, so many runs have no key: the keyless allowance is what the headers say."""
    with FakeOpenalex(SEED_WORKS, keyless_allowance_usd=0.0001) as keyless:
        outcome = _resolve(
            tmp_path,
            keyless,
            SADTALKER,
            DINET,
            AUDIO2MOTION,
            sources=(keyless.source_settings(keyless=True),),
        )
        assert [(r.kind, "api_key" in r.args) for r in keyless.requests] == [("filter", False)]
        settings = (keyless.source_settings(keyless=True),)
        rerun = _resolve(tmp_path, keyless, SADTALKER, DINET, AUDIO2MOTION, sources=settings)
        assert keyless.count() == 1  # the same day: nothing the allowance cannot pay for
        keyed = _resolve(tmp_path, keyless, DINET)  # a key has its own allowance: it asks
        assert keyless.count() == 2 and keyed.slots["dinet"].status == SlotStatus.OK
    assert outcome.slots["sad"].status == SlotStatus.OK
    assert {outcome.slots[k].status for k in ("dinet", "a2m")} == {SlotStatus.SKIPPED}
    assert outcome.warnings == ()  # skipped: the pipeline keeps last run's values, stale
    assert outcome.notes[-1].endswith("allowance left $0.0000 of $0.0001 (headers)")
    assert rerun.slots == outcome.slots  # and worded as the first run did


def test_an_arxiv_doi_merged_away_is_found_by_title_or_skipped_when_unaffordable(
    tmp_path: Path,
) -> None:
    """MODA is one merged work under its ICCV DOI: its arXiv DOI finds nothing, its title
    does; when the allowance cannot pay for that search, nothing is known: skipped."""
    moda = Target(
        "moda",
        "list.md",
        50,
        "MODA: Mapping-Once Audio-driven Portrait Animation with Dual Attentions",
        2023,
        (Hint("https://arxiv.org/abs/2307.10008", "link"),),
    )
    with FakeOpenalex(SEED_WORKS, keyless_allowance_usd=0.0001) as fake:
        found = _resolve(tmp_path / "key", fake, moda).slots["moda"]
        keyless = (fake.source_settings(keyless=True),)
        poor = _resolve(tmp_path / "keyless", fake, moda, sources=keyless).slots["moda"]
    assert found.status == SlotStatus.OK and found.record is not None
    assert found.record.doi == "10.1109/iccv51070.2023.02061"
    assert found.provenance is not None and found.provenance.method == "title_search"
    assert poor.status == SlotStatus.SKIPPED  # never "OpenAlex has no work": it was not asked
    assert poor.reason == (
        "not under its arXiv DOI; title search not asked: the allowance left cannot pay "
        "for a search request"
    )
