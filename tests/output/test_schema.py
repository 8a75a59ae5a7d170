"""The published schema is the models' schema, and it rejects what it should."""

from __future__ import annotations

import json

import pytest

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
from enrich.output.schema import document_problems, schema_text, validation_errors
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
    data["papers"][0]["surprise"] = 1  # a key a later minor version adds: readers ignore it
    problems = validation_errors(data)
    assert len(problems) == 2
    assert any("'fine' is not one of" in p for p in problems)
    assert not any("surprise" in p for p in problems)
    assert any(p.startswith("papers/0/arxiv/record/version") for p in problems)


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
def test_the_write_time_check_and_the_schema_reject_the_same_documents() -> None:
    document = _document()
    good = dumps(document)
    assert document_problems(document, good) == [] == validation_errors(json.loads(good))
    paper = document.papers[0]
    assert paper.arxiv is not None and paper.arxiv.record is not None
    zero_version = paper.arxiv.record.model_copy(update={"version": 0})
    broken = (
        paper.model_copy(update={"line": 0}),
        paper.model_copy(update={"year": "2020"}),  # a string for a number
        paper.model_copy(update={"arxiv": paper.arxiv.model_copy(update={"status": "fine"})}),
        paper.model_copy(update={"arxiv": paper.arxiv.model_copy(update={"record": zero_version})}),
    )
    for bad in broken:
        wrong = document.model_copy(update={"papers": (bad,)})
        text = dumps(wrong)
        assert document_problems(wrong, text) == validation_errors(json.loads(text)) != []
    shell = document.model_copy(update={"name": 7})
    assert document_problems(shell, dumps(shell)) == ["name: 7 is not of type 'string'"]
