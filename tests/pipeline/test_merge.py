"""Keeping last good values: a failure never erases or zeroes what an earlier run found."""

from __future__ import annotations

from enrich.models import (
    DataWarning,
    EnrichedList,
    GithubRecord,
    GithubSlot,
    Paper,
    Researcher,
    SlotBase,
    SlotStatus,
    SourceFile,
    WarningKind,
    Work,
)
from enrich.pipeline.merge import (
    SlotKey,
    apply_slots,
    keep_last_good,
    stale_warnings,
)
from enrich.warning_order import sorted_warnings

GOOD = GithubSlot(
    status=SlotStatus.OK,
    record=GithubRecord(full_name="o/r", url="https://github.com/o/r", stars=5),
)
FAILED = GithubSlot(status=SlotStatus.ERROR, reason="github: 503 after 5 attempts")


def previous_slots(previous: EnrichedList | None) -> dict[SlotKey, SlotBase]:
    """Every non-empty slot of a document by entry id and attribute (oracle for PreviousSlots)."""
    slots: dict[SlotKey, SlotBase] = {}
    if previous is None:
        return slots
    for entry in previous.all_entries():
        for name in type(entry).model_fields:
            value = getattr(entry, name)
            if isinstance(value, SlotBase):
                slots[(entry.id, name)] = value
    return slots


def test_a_failure_keeps_the_last_good_record_marked_stale() -> None:
    kept = keep_last_good(FAILED, GOOD, "2026-11-24")
    assert kept == GOOD.model_copy(
        update={
            "status": SlotStatus.STALE,
            "stale_since": "2026-11-24",
            "reason": "github: 503 after 5 attempts",
        }
    )


def test_stale_since_is_the_first_failing_day() -> None:
    first = keep_last_good(FAILED, GOOD, "2026-11-24")
    second = keep_last_good(FAILED, first, "2026-11-25")
    assert second.stale_since == "2026-11-24"
    assert second.status == SlotStatus.STALE


def test_a_skipped_lookup_also_keeps_values_and_success_replaces_them() -> None:
    skipped = GithubSlot(status=SlotStatus.SKIPPED, reason="quota spent")
    assert keep_last_good(skipped, GOOD, "2026-11-24").status == SlotStatus.STALE
    fresh = GOOD.model_copy(update={"record": GOOD.record.model_copy(update={"stars": 9})})  # type: ignore[union-attr]
    assert keep_last_good(fresh, keep_last_good(FAILED, GOOD, "d"), "e") == fresh


def test_a_failure_without_history_stays_a_failure_not_a_zero() -> None:
    assert keep_last_good(FAILED, None, "2026-11-24") == FAILED
    not_found = GithubSlot(status=SlotStatus.NOT_FOUND, reason="404")
    assert keep_last_good(not_found, None, "2026-11-24") == not_found


def test_a_record_that_disappears_upstream_is_kept_stale_with_the_reason() -> None:
    gone = GithubSlot(status=SlotStatus.NOT_FOUND, reason="repository not found (404)")
    kept = keep_last_good(gone, GOOD, "2026-11-24")
    assert (kept.status, kept.stale_since, kept.reason) == (
        SlotStatus.STALE,
        "2026-11-24",
        "repository not found (404)",
    )
    assert kept.record == GOOD.record


def _document() -> EnrichedList:
    work = Work(
        id="work-a", section=("Researchers and labs",), line=3, label="A", url="https://x.io"
    )
    return EnrichedList(
        name="demo",
        source=SourceFile(path="data/raw/demo.md", sha256="0" * 64),
        papers=(Paper(id="paper-p", section=("Papers",), line=9, title="P"),),
        researchers=(
            Researcher(
                id="res-r", section=("Researchers and labs",), line=2, name="R", works=(work,)
            ),
        ),
    )


def test_apply_slots_reaches_nested_works_and_previous_slots_reads_them_back() -> None:
    stale = keep_last_good(FAILED, GOOD, "2026-11-24")
    document = apply_slots(_document(), {("paper-p", "github"): GOOD, ("work-a", "github"): stale})
    assert document.papers[0].github == GOOD
    assert document.researchers[0].works[0].github == stale
    assert previous_slots(document) == {("paper-p", "github"): GOOD, ("work-a", "github"): stale}
    assert stale_warnings(document) == (
        DataWarning(
            kind=WarningKind.STALE,
            file="data/raw/demo.md",
            line=3,
            entry_id="work-a",
            message=(
                "github: kept last good values, failing since 2026-11-24: "
                "github: 503 after 5 attempts"
            ),
        ),
    )


def test_warnings_are_deduplicated_and_ordered_by_line() -> None:
    a = DataWarning(kind=WarningKind.PAGE, file="f", line=9, message="m")
    b = DataWarning(kind=WarningKind.BADGE_MISMATCH, file="f", line=2, message="m")
    assert sorted_warnings([a, b, a]) == (b, a)


def test_previous_slots_from_a_file_round_trip_and_skip_what_no_longer_fits() -> None:
    from enrich.output.json import dumps
    from enrich.pipeline.merge import PreviousSlots

    stale = keep_last_good(FAILED, GOOD, "2026-11-24")
    document = apply_slots(_document(), {("paper-p", "github"): GOOD, ("work-a", "github"): stale})
    loaded = PreviousSlots.from_json(dumps(document).encode())
    assert dict(loaded) == previous_slots(document)
    broken = dumps(document).replace('"stale_since": "2026-11-24"', '"stale_since": 5').encode()
    reloaded = PreviousSlots.from_json(broken)
    assert reloaded.get(("paper-p", "github")) == GOOD
    assert reloaded.get(("work-a", "github")) is None  # no longer fits: absent, not a crash
    assert ("work-a", "github") not in reloaded


def test_previous_slots_say_which_held_a_record_without_reading_them() -> None:
    from enrich.output.json import dumps
    from enrich.pipeline.merge import PreviousSlots, holds_record

    slots = {("paper-p", "github"): GOOD, ("work-a", "github"): FAILED}
    document = apply_slots(_document(), slots)
    loaded = PreviousSlots.from_json(dumps(document).encode())
    for previous in (loaded, previous_slots(document)):  # the file's view and a plain mapping
        assert holds_record(previous, ("paper-p", "github"))
        assert not holds_record(previous, ("work-a", "github"))  # a failure: nothing to keep
        assert not holds_record(previous, ("paper-x", "github"))  # not in last run


def test_a_sources_view_of_last_run_reads_only_what_is_asked_and_skips_unusable_slots() -> None:
    from enrich.output.json import dumps
    from enrich.pipeline.merge import LastRunOf, PreviousSlots

    stale = keep_last_good(FAILED, GOOD, "2026-11-24")
    document = apply_slots(_document(), {("paper-p", "github"): GOOD, ("work-a", "github"): stale})
    broken = dumps(document).replace('"stale_since": "2026-11-24"', '"stale_since": 5').encode()
    reads: list[tuple[str, str]] = []

    class Counting(PreviousSlots):
        def __getitem__(self, key: tuple[str, str]) -> SlotBase:
            reads.append(key)
            return super().__getitem__(key)

    old = Counting.from_json(broken)
    view = LastRunOf(old, {"paper-p": ("paper-p", "github"), "work-a": ("work-a", "github")})
    assert reads == []  # made without reading a slot
    assert dict(view.items()) == {"paper-p": GOOD}  # the unusable one is absent, not a crash
    assert view.get("work-a") is None
    assert sorted(reads) == [("paper-p", "github"), ("work-a", "github")]  # each read once
