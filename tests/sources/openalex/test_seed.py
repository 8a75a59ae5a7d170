"""The seed list end to end with the ``openalex`` slot, against the fake OpenAlex.

The other services are left out (``only``): their fakes have their own seed
test. What is checked here is what OpenAlex adds to every paper, what a run
costs (one DOI batch for the 14 arXiv papers, one search per paper without
an identity), that a warm run asks nothing, and that a day whose allowance
is spent keeps yesterday's values, stale, never zeros.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import SEED_LIST
from tests.fakes.arxiv import FakeArxiv
from tests.fakes.arxiv_seed import SEED_PAPERS
from tests.fakes.openalex import FakeOpenalex
from tests.pipeline.conftest import run_reported
from tests.sources.openalex.conftest import openalex_settings


def _papers(tmp_path: Path) -> dict[str, dict[str, Any]]:
    document = json.loads((tmp_path / "out" / "awesome-avatar.json").read_bytes())
    return {paper["title"].split(":")[0]: paper["openalex"] for paper in document["papers"]}


def test_seed_cold_warm_and_a_spent_day(tmp_path: Path, fake: FakeOpenalex) -> None:
    settings = openalex_settings(
        tmp_path,
        fake,
        inputs=(SEED_LIST,),
        output_dir=tmp_path / "out",
        report_dir=tmp_path / "reports",
        only=frozenset({"openalex"}),
    )
    cold = run_reported(settings)
    assert cold["slots"]["openalex"] == {
        "status": {"not_found": 1, "ok": 19, "unresolved": 2},
        "by_method": {"link": 13, "title_search": 6},
    }
    assert (fake.count("filter"), fake.count("search"), fake.count()) == (1, 8, 9)
    assert len(fake.requests[0].args["filter"].split("|")) == 14
    papers = _papers(tmp_path)
    sadtalker = papers["SadTalker"]["record"]
    assert (sadtalker["cited_by_count"], sadtalker["venue"]) == (610, "arXiv (Cornell University)")
    vrt = papers["VideoReTalking"]
    assert vrt["record"]["venue"] == "SIGGRAPH Asia 2022 Conference Papers"
    assert vrt["record"]["authors"][1] == {
        "name": "Xiaodong Cun",
        "orcid": "0000-0003-3607-2236",
        "institutions": ["Tencent"],
    }
    assert papers["Efficient Region-Aware Neural Radiance Fields for High-Fidelity Talking "
                  "Portrait Synthesis"]["status"] == "unresolved"  # fmt: skip
    assert papers["ToonTalker"]["status"] == "not_found"
    output = (tmp_path / "out" / "awesome-avatar.json").read_bytes()

    warm = run_reported(settings)
    assert fake.count() == 9 and warm["changed"] is False
    assert (tmp_path / "out" / "awesome-avatar.json").read_bytes() == output

    fake.reset(allowance_usd=0.0)  # the next day, another job spent the key's allowance
    spent = run_reported(settings.with_overrides(refresh=True))
    assert fake.count() == 1  # the first 429 stops the run's OpenAlex requests
    # A value known yesterday is kept, stale; the three without one are skipped, not zeroed.
    assert spent["slots"]["openalex"]["status"] == {"skipped": 3, "stale": 19}
    kept = _papers(tmp_path)["SadTalker"]
    assert kept["record"]["cited_by_count"] == 610  # yesterday's figure, never a zero
    assert kept["stale_since"] is not None and "daily allowance spent" in kept["reason"]


def test_a_paper_arxiv_found_by_title_is_looked_up_by_its_arxiv_doi(
    tmp_path: Path, fake: FakeOpenalex
) -> None:
    """ER-NeRF: linked to its CVF page, held twice by OpenAlex (its search cannot choose);
    arXiv's title search finds 2307.09323, and a later pass asks OpenAlex for that DOI."""
    with FakeArxiv(SEED_PAPERS) as arxiv:
        settings = openalex_settings(
            tmp_path,
            fake,
            inputs=(SEED_LIST,),
            output_dir=tmp_path / "out",
            report_dir=tmp_path / "reports",
            arxiv_api_url=arxiv.url,
            arxiv_delay=0,
            only=frozenset({"arxiv", "openalex"}),
        )
        report = run_reported(settings)
    ernerf = _papers(tmp_path)[
        "Efficient Region-Aware Neural Radiance Fields for High-Fidelity Talking Portrait Synthesis"
    ]
    assert ernerf["status"] == "ok"
    assert ernerf["provenance"]["method"] == "arxiv_record"
    assert ernerf["record"]["doi"] == "10.48550/arxiv.2307.09323"
    assert report["slots"]["openalex"]["by_method"]["arxiv_record"] >= 1
    assert fake.count("filter") == 2  # the list's arXiv links, then the ids found by title
