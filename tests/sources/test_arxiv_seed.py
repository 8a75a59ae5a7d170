"""Figures for the seed list: how its papers and works resolve, and requests cold and warm."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from enrich.assembly import build_door
from enrich.models import SlotStatus, WarningKind
from enrich.settings import Settings
from enrich.sources.arxiv import ArxivSettings, ArxivSource
from tests.fakes.arxiv import FakeArxiv
from tests.fakes.arxiv_seed import SEED_PAPERS, seed_targets


def test_seed_resolution_and_requests(seed_list: Path, tmp_path: Path) -> None:
    targets = seed_targets(seed_list)
    assert Counter(t.key.split(":")[0] for t in targets) == {"paper": 22, "work": 11}
    counts, outcomes = [], []
    with FakeArxiv(SEED_PAPERS) as fake:
        settings = Settings(
            cache_dir=tmp_path / "cache", sources=(ArxivSettings(api_url=fake.url, delay=0.0),)
        )
        for _ in range(2):
            before = fake.count()
            with build_door(settings) as door:
                outcomes.append(ArxivSource(door, settings).resolve(targets))
            counts.append(fake.count() - before)
        assert (fake.count("id_list"), fake.count("search")) == (1, 3)
    cold, warm = outcomes
    assert counts == [4, 0]  # one id_list batch + 3 grouped searches for 13 titles; warm: none
    assert warm == cold
    methods = Counter(
        s.provenance.method if s.status == SlotStatus.OK and s.provenance else str(s.status)
        for s in cold.slots.values()
    )
    assert methods == {"link": 23, "title_search": 8, "unresolved": 2}
    by_title = {t.title: cold.slots[t.key] for t in targets}
    assert [t for t, s in by_title.items() if s.status == SlotStatus.UNRESOLVED] == [
        "DINet: Deformation Inpainting Network for Realistic Face Visually Dubbing on High "
        "Resolution Video",
        "Speech Drives Templates: Co-Speech Gesture Synthesis with Learned Templates",
    ]
    relinked = {
        w.entry_id: by_title_id
        for w in cold.warnings
        if w.kind == WarningKind.ARXIV_LINK_MISMATCH
        for by_title_id in [cold.slots[w.entry_id or ""].record]
    }
    assert {k: r.id for k, r in relinked.items() if r} == {
        "work:31:4": "2301.02379",  # CodeTalker linked to DPE's id
        "work:32:0": "2309.09294",  # LivelySpeaker linked to another paper of its author
    }
    assert Counter(w.kind for w in cold.warnings) == {
        WarningKind.ARXIV_TITLE_MISMATCH: 6,  # 3D-SGAN, Monkey-Net, ToolTalking, Wav2Lip, ...
        WarningKind.ARXIV_LINK_MISMATCH: 2,
    }
