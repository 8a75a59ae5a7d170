"""Which source fills which slot, with which hints, in which order of trust."""

from __future__ import annotations

from enrich.models import Dataset, EnrichedList, Paper, Researcher, SourceFile, Tool, Work
from enrich.pipeline.merge import SLOT_TYPES
from enrich.pipeline.targets import slot_requests
from enrich.sources.arxiv import SPEC as ARXIV
from enrich.sources.github import SPEC as GITHUB
from enrich.sources.interface import Hint
from enrich.sources.pages import SPEC as PAGES

THREE = (ARXIV, GITHUB, PAGES)  # the sources these expectations are about


def _document() -> EnrichedList:
    paper = Paper(
        id="paper-p",
        section=("Papers",),
        line=5,
        year=2023,
        title="SadTalker",
        paper_url="https://arxiv.org/pdf/2211.12194.pdf",
        project_url="https://sadtalker.github.io/",
        code_url="https://github.com/Winfredy/SadTalker",
        badge_repos=("OpenTalker/SadTalker",),
    )
    works = (
        Work(
            id="w-arxiv",
            section=("R",),
            line=3,
            label="DPE",
            year=2023,
            url="https://arxiv.org/abs/2301.06281",
        ),
        Work(
            id="w-gh",
            section=("R",),
            line=3,
            label="UVA",
            url="https://github.com/snap-research/uva",
        ),
        Work(
            id="w-io",
            section=("R",),
            line=3,
            label="vid2vid",
            url="https://tcwang0509.github.io/vid2vid/",
        ),
        Work(id="w-page", section=("R",), line=4, label="EAT", url="https://eat.example.org/"),
        Work(id="w-none", section=("R",), line=3, label="nothing"),
    )
    return EnrichedList(
        name="demo",
        source=SourceFile(path="data/raw/demo.md", sha256="0" * 64),
        papers=(paper,),
        researchers=(
            Researcher(
                id="r",
                section=("R",),
                line=2,
                name="Ziwei Liu",
                homepage="https://x.io",
                works=works,
            ),
        ),
        datasets=(
            Dataset(
                id="d", section=("D",), line=9, name="HDTF", url="https://github.com/MRzzm/HDTF"
            ),
        ),
        tools=(Tool(id="t", section=("T",), line=11, name="face3d", url="https://face3d.org"),),
    )


def test_every_slot_gets_its_source_and_hints_in_order_of_trust() -> None:
    plan = [
        (
            r.source,
            r.attribute,
            r.target.key,
            [(h.value, h.method) for h in r.target.hints],
            r.waits,
        )
        for r in slot_requests(_document(), THREE)
    ]
    assert plan == [
        ("arxiv", "arxiv", "paper-p", [("https://arxiv.org/pdf/2211.12194.pdf", "link")], False),
        (
            "github",
            "github",
            "paper-p",
            [
                ("https://github.com/Winfredy/SadTalker", "code_link"),
                ("https://github.com/OpenTalker/SadTalker", "badge"),
                ("https://sadtalker.github.io/", "github_io"),
            ],
            False,
        ),
        (
            "pages",
            "project_page",
            "paper-p",
            [("https://sadtalker.github.io/", "project_page_link")],
            False,
        ),
        ("pages", "homepage_page", "r", [("https://x.io", "homepage")], False),
        ("arxiv", "arxiv", "w-arxiv", [("https://arxiv.org/abs/2301.06281", "link")], False),
        # Every work asks arXiv as a paper would: its link as its paper link, its label as title.
        ("arxiv", "arxiv", "w-gh", [("https://github.com/snap-research/uva", "link")], False),
        ("github", "github", "w-gh", [("https://github.com/snap-research/uva", "link")], False),
        # A work linked to a GitHub Pages site: its repository is guessed, its page checked.
        ("arxiv", "arxiv", "w-io", [("https://tcwang0509.github.io/vid2vid/", "link")], False),
        (
            "github",
            "github",
            "w-io",
            [("https://tcwang0509.github.io/vid2vid/", "github_io")],
            False,
        ),
        ("pages", "page", "w-io", [("https://tcwang0509.github.io/vid2vid/", "link")], False),
        # A work linked to any other page: GitHub waits for what the page links.
        ("arxiv", "arxiv", "w-page", [("https://eat.example.org/", "link")], False),
        ("github", "github", "w-page", [], True),
        ("pages", "page", "w-page", [("https://eat.example.org/", "link")], False),
        ("arxiv", "arxiv", "w-none", [], False),
        ("github", "github", "d", [("https://github.com/MRzzm/HDTF", "link")], False),
        ("pages", "page", "t", [("https://face3d.org", "link")], False),
    ]


def test_targets_carry_file_line_title_and_year() -> None:
    first = slot_requests(_document(), THREE)[0].target
    assert (first.file, first.line, first.title, first.year) == (
        "data/raw/demo.md",
        5,
        "SadTalker",
        2023,
    )
    assert first.hints == (Hint("https://arxiv.org/pdf/2211.12194.pdf", "link"),)


def test_every_registered_source_fills_only_slot_fields_the_entry_models_declare() -> None:
    # A source registered without its slot field on the models would have its slots
    # dropped at write time; the contract (models.py) and the registry must agree.
    document = _document()
    for request in slot_requests(document):
        entry = next(e for e in document.all_entries() if e.id == request.target.key)
        field = type(entry).model_fields.get(request.attribute)
        assert field is not None, (
            f"{request.source} fills {type(entry).__name__}.{request.attribute}"
        )
        assert request.attribute in SLOT_TYPES
