"""`enrich diff` sums OpenAlex citation counts: '+N citations', stale or unknown counts aside."""

from __future__ import annotations

from enrich.diff import compare, headline
from enrich.models import EnrichedList, OpenalexRecord, OpenalexSlot, Paper, SlotStatus, SourceFile

SOURCE = SourceFile(path="data/raw/demo.md", sha256="0" * 64)


def _paper(key: str, cited: int | None, status: SlotStatus = SlotStatus.OK) -> Paper:
    record = OpenalexRecord(
        id=f"W{key}", url=f"https://openalex.org/W{key}", title=key, cited_by_count=cited
    )
    slot = OpenalexSlot(status=status, record=record)
    return Paper(id=f"p{key}", section=("Papers",), line=1, title=key, openalex=slot)


def _list(*papers: Paper) -> EnrichedList:
    return EnrichedList(name="demo", source=SOURCE, papers=papers)


def test_citations_known_on_both_sides_are_summed() -> None:
    old = _list(_paper("1", 100), _paper("2", 7), _paper("3", None))
    new = _list(_paper("1", 130), _paper("2", 5), _paper("3", 40))
    change = compare(old, new)
    assert change.citation_delta == 28  # paper 3 had no count before: not a gain of 40
    assert headline(change) == "+28 citations"


def test_a_stale_count_moves_nothing() -> None:
    old = _list(_paper("1", 100))
    new = _list(_paper("1", 100, SlotStatus.STALE))
    assert compare(old, new).citation_delta == 0
    assert compare(_list(_paper("1", 10)), _list(_paper("1", 10))).empty
