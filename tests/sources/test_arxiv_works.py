"""A researcher's work is told like a paper: same arXiv lookups, same warnings, at its own line.

Each case puts a paper and a work with the same label and link through the arXiv
spec and source (a fake arXiv on 127.0.0.1, answering as in
``tests/fakes/arxiv.py``), and requires the work's slot and warnings to be the
paper's, moved to the work's line; the findings treat a work's record as a
paper's too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from enrich.assembly import build_door
from enrich.findings.arxiv import arxiv_findings
from enrich.models import (
    ArxivRecord,
    ArxivSlot,
    DataWarning,
    EnrichedList,
    Paper,
    Provenance,
    Researcher,
    SlotStatus,
    SourceFile,
    WarningKind,
    Work,
)
from enrich.settings import Settings
from enrich.sources.arxiv import ArxivSettings, ArxivSource
from enrich.sources.arxiv._spec import requests
from enrich.sources.interface import SourceOutcome, Target
from tests.fakes.arxiv import FakeArxiv, FakePaper
from tests.fakes.arxiv_seed import SEED_PAPERS

# The seed's real arXiv records (tests/fakes/arxiv_seed.py); the seed list links
# CodeTalker to DPE's id and names ToonTalker "ToolTalking".
_SEED = {paper.id: paper for paper in SEED_PAPERS}
DPE, CODETALKER, TOONTALKER, SADTALKER = (
    _SEED[i] for i in ("2301.06281", "2301.02379", "2308.12866", "2211.12194")
)
# Two papers headed by the same name: a search for it cannot choose.
STYLESYNC = FakePaper(id="2305.05445", title="StyleSync: High-Fidelity Generalized Lip Sync")
STYLESYNC_OTHER = FakePaper(id="2305.09999", title="StyleSync: Synchronised Style Transfer")
CORPUS = (DPE, CODETALKER, TOONTALKER, SADTALKER, STYLESYNC, STYLESYNC_OTHER)

# (label, link): each is given to a paper and to a work.
CASES = {
    "title-differs": ("ToolTalking", "https://arxiv.org/abs/2308.12866"),
    "link-to-another-paper": ("CodeTalker", "https://arxiv.org/abs/2301.06281"),
    "unknown-id": ("Vanished", "https://arxiv.org/abs/2301.99999"),
    "project-page": ("SadTalker", "https://sadtalker.github.io/"),
    "ambiguous-name": ("StyleSync", "https://hangz-nju-cuhk.github.io/projects/StyleSync"),
    "repository": ("StyleSync", "https://github.com/guanjz20/StyleSync"),
    "video": ("SadTalker", "https://www.youtube.com/watch?v=AoIzJWnQw1M"),
    "no-link": ("SadTalker", None),
}


def paper(case: str, line: int) -> Paper:
    label, link = CASES[case]
    return Paper(id=f"p-{case}", section=("Papers",), line=line, title=label, paper_url=link,
                 year=2023)  # fmt: skip


def work(case: str, line: int) -> Work:
    label, link = CASES[case]
    return Work(id=f"w-{case}", section=("Lab",), line=line, label=label, url=link, year=2023)


def as_paper(target: Target, case: str) -> Target:
    return Target(f"p-{case}", target.file, 10, target.title, target.year, target.hints)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_work_asks_arxiv_as_a_paper_with_its_label_and_link_would(case: str) -> None:
    paper_requests = list(requests(paper(case, 10), "list.md"))
    work_requests = list(requests(work(case, 20), "list.md"))
    assert len(work_requests) == len(paper_requests) == 1
    assert work_requests[0].waits == paper_requests[0].waits
    assert as_paper(work_requests[0].target, case) == paper_requests[0].target


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SourceOutcome[ArxivSlot]]:
    """Every case resolved once, papers and works in one batch, as the pipeline sends them."""
    cache = Path(tmp_path_factory.mktemp("cache"))
    entries = [make(case, line) for case in CASES for make, line in ((paper, 10), (work, 20))]
    targets = [request.target for entry in entries for request in requests(entry, "list.md")]
    with FakeArxiv(CORPUS) as fake:
        settings = Settings(
            cache_dir=cache, max_attempts=1, sources=(ArxivSettings(api_url=fake.url, delay=0.0),)
        )
        with build_door(settings, backoff=0.001) as door:
            yield ArxivSource(door, settings).resolve(targets)


def moved(warning: DataWarning, case: str) -> DataWarning:
    return warning.model_copy(update={"line": 10, "entry_id": f"p-{case}"})


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_works_slot_and_warnings_are_a_papers_at_its_line(
    outcome: SourceOutcome[ArxivSlot], case: str
) -> None:
    paper_warnings = [w for w in outcome.warnings if w.entry_id == f"p-{case}"]
    work_warnings = [w for w in outcome.warnings if w.entry_id == f"w-{case}"]
    assert all(w.line == 20 for w in work_warnings)
    assert [moved(w, case) for w in work_warnings] == paper_warnings
    assert outcome.slots[f"w-{case}"] == outcome.slots[f"p-{case}"]


def test_the_cases_cover_every_way_a_lookup_ends(outcome: SourceOutcome[ArxivSlot]) -> None:
    """The comparison above means something: the work cases warn, resolve and fail."""
    kinds = {w.entry_id: w.kind for w in outcome.warnings if w.entry_id.startswith("w-")}
    assert kinds == {
        "w-title-differs": WarningKind.ARXIV_TITLE_MISMATCH,
        "w-link-to-another-paper": WarningKind.ARXIV_LINK_MISMATCH,
        "w-unknown-id": WarningKind.ARXIV,
        "w-ambiguous-name": WarningKind.ARXIV,
        "w-repository": WarningKind.ARXIV,
    }
    found = {key: slot.record.id for key, slot in outcome.slots.items() if slot.record}
    assert found["w-link-to-another-paper"] == CODETALKER.id
    assert found["w-project-page"] == found["w-video"] == found["w-no-link"] == SADTALKER.id
    assert outcome.slots["w-unknown-id"].status == SlotStatus.NOT_FOUND
    assert outcome.slots["w-ambiguous-name"].status == SlotStatus.UNRESOLVED


def test_a_work_found_without_an_arxiv_link_gets_the_link_suggested_like_a_paper() -> None:
    record = ArxivRecord(id=SADTALKER.id, title=SADTALKER.title, abs_url="https://arxiv.org/abs/x")
    searched = ArxivSlot(
        status=SlotStatus.OK,
        provenance=Provenance(method="title_search", confidence=0.95),
        record=record,
    )
    found_work = work("project-page", 20).model_copy(update={"arxiv": searched})
    found_paper = paper("project-page", 10).model_copy(update={"arxiv": searched})
    document = EnrichedList(
        name="list",
        source=SourceFile(path="list.md", sha256="0" * 64),
        papers=(found_paper,),
        researchers=(
            Researcher(id="r", section=("Lab",), line=19, name="Lab", works=(found_work,)),
        ),
    )
    told = {(w.line, w.code, w.suggestion) for w in arxiv_findings(document)}
    suggestion = f"https://arxiv.org/abs/{SADTALKER.id}"
    assert told == {
        (10, "arxiv-link-missing", suggestion),
        (20, "arxiv-link-missing", suggestion),
    }
