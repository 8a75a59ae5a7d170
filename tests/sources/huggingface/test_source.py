"""The Hugging Face source against its fake: fields, not-found, failures, cache, discoveries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from enrich.assembly import build_door
from enrich.http.types import AheadURL
from enrich.models import SlotStatus
from enrich.settings import Settings
from enrich.sources.huggingface import HuggingfaceSettings, HuggingfaceSource
from enrich.sources.interface import PROJECT_PAGE, Hint, Target
from tests.sources.huggingface.fake import FakeHfPaper, FakeHuggingface

SADTALKER = FakeHfPaper(
    arxiv_id="2211.12194",
    title="SadTalker: Learning Realistic 3D Motion Coefficients",
    upvotes=7,
    github_repo="https://github.com/OpenTalker/SadTalker",
    project_page="https://sadtalker.github.io",
    models=("vinthony/SadTalker", "someone/sadtalker-onnx"),
    spaces=("vinthony/SadTalker",),
)
PLAIN = FakeHfPaper(arxiv_id="2008.10010", title="Wav2Lip", upvotes=0)


@pytest.fixture(scope="module")
def hub() -> Iterator[FakeHuggingface]:
    with FakeHuggingface((SADTALKER, PLAIN)) as fake:
        yield fake


def _settings(tmp_path: Path, hub: FakeHuggingface, **changes: object) -> Settings:
    own = HuggingfaceSettings(api_url=hub.url, delay=0.0)
    return Settings(cache_dir=tmp_path / "cache", max_attempts=2, **changes).with_sources(own)  # type: ignore[arg-type]


def _target(key: str, *hints: str) -> Target:
    return Target(key=key, file="list.md", line=3, hints=tuple(Hint(h, "link") for h in hints))


def _resolve(settings: Settings, *targets: Target):  # type: ignore[no-untyped-def]
    with build_door(settings, sleep=lambda _: None, backoff=0.0) as door:
        return HuggingfaceSource(door, settings).resolve(targets)


def test_a_paper_gets_its_links_upvotes_and_counts(tmp_path: Path, hub: FakeHuggingface) -> None:
    outcome = _resolve(_settings(tmp_path, hub), _target("p", "https://arxiv.org/abs/2211.12194v2"))
    slot = outcome.slots["p"]
    assert slot.status is SlotStatus.OK and slot.record is not None
    record = slot.record
    assert (record.paper_id, record.url, record.upvotes) == (
        "2211.12194",
        "https://huggingface.co/papers/2211.12194",
        7,
    )
    assert (record.github_repo, record.project_page) == (
        "https://github.com/OpenTalker/SadTalker",
        "https://sadtalker.github.io",
    )
    assert (record.models, record.datasets, record.spaces) == (2, 0, 1)
    assert slot.provenance is not None and slot.provenance.method == "link"
    assert outcome.discovered["p"] == (
        Hint("https://github.com/OpenTalker/SadTalker", "huggingface"),
        Hint("https://sadtalker.github.io", "huggingface", PROJECT_PAGE),
    )


def test_a_paper_without_links_discovers_nothing_and_zero_is_a_real_zero(
    tmp_path: Path, hub: FakeHuggingface
) -> None:
    outcome = _resolve(_settings(tmp_path, hub), _target("w", "arXiv:2008.10010"))
    record = outcome.slots["w"].record
    assert record is not None and (record.upvotes, record.github_repo, record.models) == (
        0,
        None,
        0,
    )
    assert "w" not in outcome.discovered


def test_not_indexed_is_not_found_and_no_arxiv_id_is_unresolved(
    tmp_path: Path, hub: FakeHuggingface
) -> None:
    before = len(hub.requests)
    outcome = _resolve(
        _settings(tmp_path, hub),
        _target("gone", "https://arxiv.org/abs/2301.00001"),
        _target("cvf", "https://openaccess.thecvf.com/x.html"),
    )
    assert outcome.slots["gone"].status is SlotStatus.NOT_FOUND
    assert outcome.slots["cvf"].status is SlotStatus.UNRESOLVED
    assert hub.requests[before:] == ["/api/papers/2301.00001"]  # no counts for a missing paper


def test_offline_without_cache_is_skipped_and_a_warm_run_asks_nothing(
    tmp_path: Path, hub: FakeHuggingface
) -> None:
    offline = _resolve(_settings(tmp_path, hub, offline=True), _target("p", "2211.12194"))
    assert offline.slots["p"].status is SlotStatus.SKIPPED
    assert offline.slots["p"].reason == "offline and not in the cache"
    cold = _resolve(_settings(tmp_path, hub), _target("p", "2211.12194"))
    before = len(hub.requests)
    warm = _resolve(_settings(tmp_path, hub), _target("p", "2211.12194"))
    assert len(hub.requests) == before and warm.slots == cold.slots


def test_a_failing_service_is_an_error_and_a_failed_count_is_left_out(
    tmp_path: Path, hub: FakeHuggingface
) -> None:
    hub.fail_next(2)  # both attempts at the paper
    failed = _resolve(_settings(tmp_path, hub), _target("p", "2211.12194"))
    assert failed.slots["p"].status is SlotStatus.ERROR
    assert (failed.slots["p"].reason or "").startswith("Hugging Face request failed: ")
    hub.fail_next(0)
    settings = _settings(tmp_path / "again", hub)
    with build_door(settings, sleep=lambda _: None, backoff=0.0) as door:
        source = HuggingfaceSource(door, settings)
        door.request("huggingface", "GET", f"{hub.url}/api/papers/2211.12194")  # cached
        hub.fail_next(2)  # the models count fails; the others answer
        outcome = source.resolve([_target("p", "2211.12194")])
    record = outcome.slots["p"].record
    assert record is not None and (record.models, record.spaces) == (None, 1)


def test_counts_are_read_ahead_only_for_the_papers_it_has(
    tmp_path: Path, hub: FakeHuggingface
) -> None:
    """A warm run reads every paper's answer ahead, and the three counts of listed papers
    only: most papers are not on Hugging Face, and their counts are never asked."""
    settings = _settings(tmp_path, hub)
    targets = (_target("sad", "2211.12194"), _target("gone", "https://arxiv.org/abs/2301.00001"))
    _resolve(settings, *targets)  # cold: fills the cache
    ahead: list[str] = []
    with build_door(settings) as door:
        real = door.read_ahead

        def recorded(service: str, keys: Iterable[str] = (), urls: Iterable[AheadURL] = ()) -> None:
            urls = list(urls)
            ahead.extend(
                url if isinstance(url, str) else f"{url[0]}?{url[1]['filter']}" for url in urls
            )
            real(service, keys, urls)

        door.read_ahead = recorded  # type: ignore[method-assign]
        warm = HuggingfaceSource(door, settings).resolve(targets)
    assert warm.slots["sad"].status is SlotStatus.OK
    assert warm.slots["gone"].status is SlotStatus.NOT_FOUND
    assert sorted(url.removeprefix(hub.url) for url in ahead) == [
        "/api/datasets?arxiv:2211.12194",
        "/api/models?arxiv:2211.12194",
        "/api/papers/2211.12194",
        "/api/papers/2301.00001",
        "/api/spaces?arxiv:2211.12194",
    ]
