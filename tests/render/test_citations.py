"""``render bibtex`` and ``render csl-json`` read back by the readers reference managers use.

The seed is enriched by a real run against the fake arXiv, GitHub and
OpenAlex (tests/fakes), once for the module. bibtexparser 2 reads the
``.bib`` (the parser JabRef-like Python tools use; it reports every block it
could not parse and every duplicate key, which is what "imports with zero
errors" means), pandoc's and citeproc-js's input format is checked with
citeproc-py, a CSL processor that reads CSL-JSON and formats it with a real
style (Harvard, shipped with it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from bibtexparser.model import DuplicateBlockKeyBlock, ParsingFailedBlock
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from enrich.cli import main
from enrich.errors import InputError
from enrich.models import EnrichedList, OpenalexRecord, OpenalexSlot, Paper, SlotStatus
from enrich.render.bibtex import protected_title, render_bibtex
from enrich.render.citation import citations, split_name
from enrich.render.csl import render_csl_json
from enrich.render.selection import parse_filter, select_papers
from enrich.sources.openalex._settings import OpenalexSettings
from tests.conftest import SEED_LIST
from tests.fakes.arxiv import FakeArxiv
from tests.fakes.arxiv_seed import SEED_PAPERS
from tests.fakes.github import FakeGithub
from tests.fakes.github_seed import SEED_RENAMES, seed_repos
from tests.fakes.openalex import FakeOpenalex
from tests.fakes.openalex_seed import SEED_WORKS
from tests.pipeline.conftest import fake_settings, run_reported


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The seed's enriched JSON from one run against the fakes (pages left out: real hosts)."""
    tmp = tmp_path_factory.mktemp("seed")
    with (
        FakeArxiv(SEED_PAPERS) as arxiv,
        FakeGithub(seed_repos(), renames=SEED_RENAMES) as github,
        FakeOpenalex(SEED_WORKS) as openalex,
    ):
        settings = fake_settings(
            tmp, SEED_LIST, arxiv, github, only=frozenset({"arxiv", "github", "openalex"})
        ).with_sources(OpenalexSettings(api_url=openalex.url, api_key=openalex.api_key))
        run_reported(settings)
    yield tmp / "out" / "awesome-avatar.json"


@pytest.fixture(scope="module")
def document(seed: Path) -> EnrichedList:
    return EnrichedList.model_validate_json(seed.read_bytes())


def _expected_ids(papers: tuple[Paper, ...]) -> tuple[set[str], set[str]]:
    """Every DOI and arXiv id the enriched seed knows, read from the slots, not the exporter."""
    dois, arxiv_ids = set(), set()
    for paper in papers:
        for record in (
            paper.openalex.record if paper.openalex else None,
            paper.arxiv.record if paper.arxiv else None,
        ):
            if record is not None and record.doi:
                dois.add(record.doi.lower())
        if paper.arxiv and paper.arxiv.record:
            arxiv_ids.add(paper.arxiv.record.id)
    return dois, arxiv_ids


def test_seed_bib_imports_with_zero_errors(
    document: EnrichedList, tmp_path: Path, seed: Path
) -> None:
    out = tmp_path / "seed.bib"
    assert main(["render", "bibtex", str(seed), "--out", str(out)]) == 0
    library = bibtexparser.parse_string(
        out.read_text(encoding="utf-8"),
        append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()],
    )
    assert library.failed_blocks == []
    assert not [
        b for b in library.blocks if isinstance(b, ParsingFailedBlock | DuplicateBlockKeyBlock)
    ]
    entries = library.entries
    assert len(entries) == len(document.papers) == 22
    keys = [entry.key for entry in entries]
    assert len(set(keys)) == len(keys)
    dois, arxiv_ids = _expected_ids(document.papers)
    assert len(dois) >= 15 and len(arxiv_ids) >= 15  # OpenAlex's DOIs, arXiv's ids
    assert {e.fields_dict["doi"].value.lower() for e in entries if "doi" in e.fields_dict} >= dois
    found = {e.fields_dict["eprint"].value for e in entries if "eprint" in e.fields_dict}
    assert found == arxiv_ids
    for entry in entries:
        if "eprint" in entry.fields_dict:
            assert entry.fields_dict["archivePrefix"].value == "arXiv"

    sadtalker = next(e for e in entries if "SadTalker" in e.fields_dict["title"].value)
    family = sadtalker.fields_dict["author"].value[0].last[0]
    assert sadtalker.key == f"{family.lower()}{sadtalker.fields_dict['year'].value}sadtalker"
    raw = bibtexparser.parse_string(out.read_text(encoding="utf-8")).entries_dict[sadtalker.key]
    assert raw.fields_dict["title"].value.startswith("{SadTalker}: Learning Realistic {3D} Motion")
    assert sadtalker.fields_dict["primaryClass"].value == "cs.CV"
    assert "(CVPR)" in sadtalker.fields_dict["booktitle"].value  # the venue table's full name


def test_seed_csl_json_reads_in_a_csl_processor(
    document: EnrichedList, tmp_path: Path, seed: Path
) -> None:
    out = tmp_path / "seed.json"
    assert main(["render", "csl-json", str(seed), "--out", str(out)]) == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 22
    keys = [item["id"] for item in items]
    assert len(set(keys)) == len(keys)
    dois, arxiv_ids = _expected_ids(document.papers)
    assert {item["DOI"].lower() for item in items if "DOI" in item} >= dois
    assert {
        i for i in arxiv_ids if any(f"arXiv:{i}" in item.get("note", "") for item in items)
    } == arxiv_ids

    source = CiteProcJSON(items)  # raises on an item it cannot read
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for key in keys:
        bibliography.register(Citation([CitationItem(key)]))
    lines = [str(line) for line in bibliography.bibliography()]
    assert len(lines) == 22
    assert any("SadTalker" in line and "Author" in line for line in lines)  # the fake's authors


def test_bib_and_csl_json_share_keys_and_bytes_are_stable(document: EnrichedList) -> None:
    chosen = citations(document.papers)
    bib = render_bibtex(document.name, chosen)
    assert render_bibtex(document.name, citations(document.papers)) == bib
    csl_keys = [item["id"] for item in json.loads(render_csl_json(chosen))]
    bib_keys = [entry.key for entry in bibtexparser.parse_string(bib).entries]
    assert csl_keys == bib_keys


def test_keys_unique_and_the_older_paper_keeps_its_key(document: EnrichedList) -> None:
    paper = document.papers[0]
    twin = paper.model_copy(update={"id": "twin", "title": paper.title + " Revisited"})
    first = citations([paper])[0].key
    keys = [c.key for c in citations([twin, paper])]  # the twin is listed first
    assert len(set(keys)) == 2
    older = next(c for c in citations([twin, paper]) if c.entry_id == paper.id)
    assert older.key == first or older.key < keys[0]


def test_many_clashes_still_give_unique_keys(document: EnrichedList) -> None:
    paper = document.papers[0]
    copies = [paper.model_copy(update={"id": f"copy{i:03d}"}) for i in range(800)]
    keys = [c.key for c in citations(copies)]
    assert len(set(keys)) == 800 and keys[0].endswith("wav2lip")
    assert (keys[1][-1], keys[26][-2:], keys[799][-2:]) == ("b", "aa", "99")  # 702 letters first


def test_titles_keep_their_case_and_specials_are_escaped() -> None:
    assert protected_title("SadTalker: Learning Realistic 3D Motion") == (
        "{SadTalker}: Learning Realistic {3D} Motion"
    )
    assert protected_title("Audio-Driven NeRF-based Faces & 100% {fun}_x") == (
        r"Audio-Driven {NeRF-based} Faces \& 100\% \{fun\}\_x"
    )
    library = bibtexparser.parse_string(
        "@misc{k,\n  title = {" + protected_title("A {weird} title 50% off & C# #1") + "},\n}\n"
    )
    assert library.failed_blocks == [] and len(library.entries) == 1


@pytest.mark.parametrize(
    ("written", "family", "given", "particle"),
    [
        ("Wenxuan Zhang", "Zhang", "Wenxuan", None),
        ("Zhang, Wenxuan", "Zhang", "Wenxuan", None),
        ("Laurens van der Maaten", "Maaten", "Laurens", "van der"),
        ("Plato", "Plato", None, None),
    ],
)
def test_names_split(written: str, family: str, given: str | None, particle: str | None) -> None:
    name = split_name(written)
    assert (name.family, name.given, name.particle) == (family, given, particle)


def test_a_section_or_a_site_filter_selects_the_papers(document: EnrichedList) -> None:
    everything = select_papers(document)
    assert len(everything) == 22
    section = select_papers(document, "Papers › 3D talking-face synthesis")
    assert section and all(p.section[-1] == "3D talking-face synthesis" for p in section)
    assert select_papers(document, "papers") == [p for p in everything if p.section[0] == "Papers"]
    filtered = select_papers(
        document, filters=parse_filter("https://x.github.io/awesome-avatar.html#year=2023&code=yes")
    )
    assert filtered and all(p.year == 2023 and p.code_url for p in filtered)
    assert len(filtered) < len(everything)
    assert parse_filter("#q=gaussian+splatting&view=table&sort=stars") == {
        "q": "gaussian splatting"
    }
    with pytest.raises(InputError, match="unknown filter colour"):
        parse_filter("colour=red")


def test_export_of_a_filter_from_the_cli(seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "bibtex", str(seed), "--filter", "#venue=CVPR"]) == 0
    out = capsys.readouterr()
    entries = bibtexparser.parse_string(out.out).entries
    assert entries and len(entries) < 22
    assert all(
        "Computer Vision and Pattern Recognition" in e.fields_dict["booktitle"].value
        for e in entries
    )
    assert f"{len(entries)} papers" in out.err


def test_doi_from_openalex_first_then_arxiv_then_the_list_link(document: EnrichedList) -> None:
    paper = document.papers[1]
    openalex = OpenalexSlot(
        status=SlotStatus.OK,
        record=OpenalexRecord(
            id="W1",
            url="https://openalex.org/W1",
            title=paper.title,
            doi="10.1109/cvpr.2023.1",
            venue="2023 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)",
        ),
    )
    published = citations([paper.model_copy(update={"openalex": openalex})])[0]
    assert (published.doi, published.journal) == ("10.1109/cvpr.2023.1", False)
    assert (
        published.venue == "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"
    )
    springer = openalex.model_copy(
        update={
            "record": openalex.record.model_copy(
                update={"venue": "Lecture notes in computer science"}
            )
        }
    )
    eccv = citations([paper.model_copy(update={"openalex": springer, "venue": "ECCV 2022"})])[0]
    assert eccv.venue == "European Conference on Computer Vision (ECCV)"  # the list's, known
    odd = paper.model_copy(update={"openalex": springer, "venue": "Workshop of Friends"})
    assert citations([odd])[0].venue == "Lecture notes in computer science"  # neither is known
    bare = paper.model_copy(
        update={
            "arxiv": None,
            "openalex": None,
            "paper_url": "https://doi.org/10.1145/3394171.3413532",
        }
    )
    assert citations([bare])[0].doi == "10.1145/3394171.3413532"
    assert citations([bare])[0].arxiv_id is None
    preprint = paper.model_copy(update={"venue": "arXiv", "openalex": None})
    entry = render_bibtex("x", citations([preprint]))
    assert entry.startswith("% x: 1 papers") and "@misc{" in entry and "booktitle" not in entry
