"""The seed list end to end with the ``openalex`` slot, against the fake OpenAlex.

The other services are left out (``only``): their fakes have their own seed
test. What is checked here is what OpenAlex adds to every paper in a world where
most papers exist twice (``tests/fakes/openalex_seed.py``): the published
venue and the citations summed over the versions, right for every one;
what a run costs (one DOI batch for the 14 arXiv papers, one search per
paper without an identity, per arXiv DOI OpenAlex merged away, and per
preprint whose published version is looked for); that a warm run asks
nothing and writes the same bytes; and that a day whose allowance is spent
keeps yesterday's values, stale, never zeros.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from enrich.sources.openalex import OpenalexSettings
from tests.conftest import SEED_LIST
from tests.fakes.arxiv import FakeArxiv
from tests.fakes.arxiv_seed import SEED_PAPERS
from tests.fakes.openalex import FakeOpenalex
from tests.fakes.openalex_seed import TRUTH
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
        "status": {"not_found": 1, "ok": 20, "unresolved": 1},
        "by_method": {
            "link": 11,
            "title_search": 9,
        },  # MODA, AD-NeRF: their arXiv DOI is merged away
    }
    # 1 DOI batch; 9 searches for papers without an identity, 2 for arXiv DOIs merged
    # away (MODA, AD-NeRF), 11 for the preprints' published versions.
    assert (fake.count("filter"), fake.count("search"), fake.count()) == (1, 22, 23)
    assert len(fake.requests[0].args["filter"].split("|")) == 14
    papers = _papers(tmp_path)
    by_record = {
        p["record"]["title"].split(":")[0]: p["record"] for p in papers.values() if p["record"]
    }
    for head, (venue, cited) in TRUTH.items():
        record = by_record[head]
        assert (head, record["venue"], record["cited_by_count"]) == (head, venue, cited)
    sadtalker = papers["SadTalker"]["record"]
    assert sadtalker["version"] == "published" and sadtalker["type"] == "article"
    assert sadtalker["venue_short"] == "CVPR"  # the venue table's canonical name
    assert sadtalker["doi"] == "10.1109/cvpr52729.2023.00836"
    assert [(v["doi"], v["cited_by_count"]) for v in sadtalker["versions"]] == [
        ("10.1109/cvpr52729.2023.00836", 540),
        ("10.48550/arxiv.2211.12194", 610),
    ]
    assert sadtalker["abstract"] == "We present SadTalker, a method for talking faces."
    assert papers["GeneFace"]["record"]["version"] == "preprint_only"
    assert papers["MODA"]["record"]["version"] == "published"  # merged: found by its title
    vrt = papers["VideoReTalking"]
    assert vrt["record"]["venue"] == "SIGGRAPH Asia 2022 Conference Papers"
    assert vrt["record"]["authors"][1] == {
        "name": "Xiaodong Cun",
        "orcid": "0000-0003-3607-2236",
        "institutions": ["Tencent"],
    }
    ernerf = papers[
        "Efficient Region-Aware Neural Radiance Fields for High-Fidelity Talking Portrait Synthesis"
    ]["record"]  # held twice, found by title: folded, not ambiguous
    assert (ernerf["venue"], ernerf["cited_by_count"], len(ernerf["versions"])) == (
        "2023 IEEE/CVF International Conference on Computer Vision (ICCV)",
        102,
        2,
    )
    assert papers["ToonTalker"]["status"] == "not_found"
    output = (tmp_path / "out" / "awesome-avatar.json").read_bytes()

    warm = run_reported(settings)
    assert fake.count() == 23 and warm["changed"] is False
    assert (tmp_path / "out" / "awesome-avatar.json").read_bytes() == output

    fake.reset(allowance_usd=0.0)  # the next day, another job spent the key's allowance
    spent = run_reported(settings.with_overrides(refresh=True))
    assert fake.count() == 1  # the first 429 stops the run's OpenAlex requests
    # A value known yesterday is kept, stale; the three without one are skipped, not zeroed.
    assert spent["slots"]["openalex"]["status"] == {"skipped": 2, "stale": 20}
    kept = _papers(tmp_path)["SadTalker"]
    assert kept["record"]["cited_by_count"] == 1150  # yesterday's figure, never a zero
    assert kept["stale_since"] is not None and "daily allowance spent" in kept["reason"]


def test_a_paper_held_twice_and_linked_to_its_cvf_page_gets_its_published_version(
    tmp_path: Path, fake: FakeOpenalex
) -> None:
    """ER-NeRF: linked to its CVF page, held twice by OpenAlex. Its title search finds both
    versions and folds them (not an ambiguous pair), so the later pass that would ask
    OpenAlex for the arXiv id arXiv found by title is not needed."""
    with FakeArxiv(SEED_PAPERS) as arxiv:
        settings = openalex_settings(
            tmp_path,
            fake,
            inputs=(SEED_LIST,),
            output_dir=tmp_path / "out",
            report_dir=tmp_path / "reports",
            sources=(OpenalexSettings.from_environment(fake.env()), arxiv.source_settings()),
            only=frozenset({"arxiv", "openalex"}),
        )
        report = run_reported(settings)
    ernerf = _papers(tmp_path)[
        "Efficient Region-Aware Neural Radiance Fields for High-Fidelity Talking Portrait Synthesis"
    ]
    assert ernerf["status"] == "ok"
    assert ernerf["record"]["doi"] == "10.1109/iccv51070.2023.00718"  # the published version
    assert ernerf["record"]["cited_by_count"] == 102
    assert ernerf["provenance"]["method"] == "title_search"
    assert "arxiv_record" not in report["slots"]["openalex"]["by_method"]
