"""The published schema is the models' schema, and it rejects what it should."""

from __future__ import annotations

import json

from enrich.models import (
    ArxivRecord,
    ArxivSlot,
    EnrichedList,
    Paper,
    Provenance,
    SlotStatus,
    SourceFile,
)
from enrich.output.json import dumps
from enrich.output.schema import output_problems, schema_text, validation_errors
from tests.conftest import REPO_ROOT


def _document() -> EnrichedList:
    paper = Paper(
        id="paper-wav2lip-0123abcd",
        section=("Papers", "2D talking-face synthesis"),
        line=27,
        venue="MM",
        year=2020,
        title="Wav2Lip",
        paper_url="https://arxiv.org/abs/2008.10010",
        arxiv=ArxivSlot(
            status=SlotStatus.OK,
            provenance=Provenance(method="link", source_url="https://arxiv.org/abs/2008.10010"),
            record=ArxivRecord(
                id="2008.10010",
                version=1,
                title="A Lip Sync Expert",
                abs_url="https://arxiv.org/abs/2008.10010",
            ),
        ),
    )
    return EnrichedList(
        name="demo", source=SourceFile(path="data/raw/demo.md", sha256="0" * 64), papers=(paper,)
    )


def test_committed_schema_matches_the_models() -> None:
    committed = (REPO_ROOT / "schema" / "enriched.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: python -m enrich schema > schema/enriched.schema.json"


def test_a_real_document_validates() -> None:
    assert validation_errors(json.loads(dumps(_document()))) == []


def test_a_zero_cannot_hide_a_missing_record_type() -> None:
    data = json.loads(dumps(_document()))
    data["papers"][0]["arxiv"]["status"] = "fine"
    data["papers"][0]["arxiv"]["record"]["version"] = 0
    data["papers"][0]["surprise"] = 1
    problems = validation_errors(data)
    assert len(problems) == 3
    assert any("'fine' is not one of" in p for p in problems)
    assert any("surprise" in p for p in problems)
    assert any(p.startswith("papers/0/arxiv/record/version") for p in problems)


def test_the_write_time_check_and_the_schema_reject_the_same_documents() -> None:
    good = dumps(_document())
    assert output_problems(json.loads(good)) == [] == validation_errors(json.loads(good))
    for mutate in (
        lambda d: d["papers"][0].update(line="5"),  # a string for a number: no coercion
        lambda d: d["papers"][0]["arxiv"].update(status="fine"),
        lambda d: d["papers"][0].update(surprise=1),
        lambda d: d.pop("warnings"),
    ):
        data = json.loads(good)
        mutate(data)
        assert output_problems(data) == validation_errors(data) != []
