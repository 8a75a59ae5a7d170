"""Hand-written hard cases and another awesome-list dialect: parse what can be, say what was not."""

from __future__ import annotations

import pytest

from enrich.models import LinkRole, ParsedList, WarningKind
from enrich.parse.markdown import parse_list

K = WarningKind


@pytest.fixture(scope="module")
def hard(hard_text: str) -> ParsedList:
    return parse_list(hard_text, "hard_cases.md")


@pytest.fixture(scope="module")
def dialect(dialect_text: str) -> ParsedList:
    return parse_list(dialect_text, "other_dialect.md")


def test_hard_papers(hard: ParsedList) -> None:
    rows = [
        (p.line, p.section[-1], p.venue, p.year, p.title, p.paper_url, p.affiliation,
         p.project_url, p.code_url, p.badge_repos)
        for p in hard.papers
    ]  # fmt: skip
    assert rows == [
        (5, "Brackets and commas", "CVPR", 2023, "A [Bracketed] Title, with Commas",
         "https://arxiv.org/abs/2301.00001", "Université de Montréal, Canada",
         "https://example.org/bracketed/", "https://github.com/alice/bracketed",
         ("alice/bracketed",)),
        (6, "Brackets and commas", "SIGGRAPH Asia", 2022, "中文标题：说话人脸生成",
         "https://arxiv.org/abs/2211.00002", "清华大学", None, None, ()),
        (8, "Missing links", "ICCV", 2021, "A Title Without Any Link", None,
         "Some University", None, None, ()),
        (9, "Missing links", None, None, "Title Without Venue", "https://example.org/paper.pdf",
         "Somewhere", None, "https://github.com/bob/novenue", ("bob/novenue",)),
        (13, "Nested lists", "NeurIPS", 2020, "Nested Paper", "https://arxiv.org/abs/2006.00003",
         "Nested Lab", None, None, ()),
        (17, "Odd links", "AAAI", 2024, "Odd Paper", "https://arxiv.org/abs/2401.00004",
         "Odd Lab", None, "https://github.com/carol/odd", ("dave/other",)),
    ]  # fmt: skip


def test_hard_warnings(hard: ParsedList) -> None:
    assert [(w.kind, w.line) for w in hard.warnings] == [
        (K.UNPARSED, 10),  # "[ECCV 2022]" alone
        (K.BADGE_MISMATCH, 17),
        (K.LABEL_URL_MISMATCH, 21),  # Beta shares Alpha's arXiv link
        (K.UNPARSED, 22),  # researcher line without links
        (K.MALFORMED_ENTRY, 23),  # researcher without homepage
        (K.LABEL_URL_MISMATCH, 24),  # "Wrong Name" links to the Chinese-titled paper
        (K.MALFORMED_ENTRY, 28),  # tool without URL
    ]
    assert all(w.file == "hard_cases.md" for w in hard.warnings)
    by_line = {w.line: w.message for w in hard.warnings}
    assert "dave/other" in by_line[17]
    odd = hard.papers[-1]
    assert [(link.role, link.url, link.label) for link in odd.links] == [
        (LinkRole.VIDEO, "https://youtu.be/xyz", "Video")
    ]
    assert by_line[10] == "list item in papers skipped: '[ECCV 2022]'"


def test_hard_researchers_and_works(hard: ParsedList) -> None:
    jane, lab = hard.researchers
    assert (jane.name, jane.affiliation, jane.homepage) == (
        "Jane Doe",
        "Example Lab, Inc.",
        "https://jane.example.org/",
    )
    assert [(w.label, w.venue_tag, w.venue, w.year, w.topic) for w in jane.works] == [
        ("Alpha", "CVPR'23", "CVPR", 2023, "Faces"),
        ("Beta", "CVPR2023", "CVPR", 2023, "Faces"),
        ("Gamma", "ICCV 2021", "ICCV", 2021, "Faces"),
    ]
    assert (lab.name, lab.homepage) == ("Lab Without Link", None)
    assert [w.label for w in lab.works] == ["Nested Paper", "Wrong Name"]


def test_hard_tools(hard: ParsedList) -> None:
    assert [(t.line, t.name, t.description, t.url) for t in hard.tools] == [
        (27, "LinkedTool", "a tool written as a link", "https://github.com/erin/linked-tool"),
        (28, "a tool with no url at all", "a tool with no url at all", None),
        (29, "Bare", "the URL is bare.", "https://example.org/tools/bare-tool"),
    ]


def test_empty_section_is_in_the_tree(hard: ParsedList) -> None:
    papers = hard.sections[0].children[0]
    assert [(s.title, s.line, s.children) for s in papers.children][3] == ("Empty section", 15, ())


def test_crlf_line_numbers(hard_text: str, hard: ParsedList) -> None:
    crlf = parse_list(hard_text.replace("\n", "\r\n"), "hard_cases.md")
    assert crlf.model_dump(exclude={"source"}) == hard.model_dump(exclude={"source"})


def test_dialect_entries(dialect: ParsedList) -> None:
    assert [(p.line, p.section, p.title, p.venue, p.paper_url) for p in dialect.papers] == [
        (8, ("🎨 Image generation",), "Denoising Diffusion Probabilistic Models", None,
         "https://arxiv.org/abs/2006.11239"),
        (9, ("🎨 Image generation",), "Score-Based Generative Modeling", None,
         "https://arxiv.org/abs/2011.13456"),
        (14, ("🎨 Image generation",), "Latent Diffusion", "CVPR",
         "https://arxiv.org/abs/2112.10752"),
    ]  # fmt: skip
    assert dialect.papers[0].authors == ("Ho et al.",)
    assert dialect.papers[2].code_url == "https://github.com/CompVis/latent-diffusion"
    assert dialect.papers[0].affiliation is None  # "- Ho et al." is a description
    assert [(d.line, d.name, d.url, d.year, d.subjects) for d in dialect.datasets] == [
        (19, "FFHQ", "https://github.com/NVlabs/ffhq-dataset", 2019, "70000"),
        (20, "no link here", None, 2020, "12"),
        (22, "CelebA", "https://mmlab.ie.cuhk.edu.hk/projects/CelebA.html", None, None),
    ]
    assert dialect.sections[0].title == "🚀 Awesome Something"


def test_dialect_says_what_it_skipped(dialect: ParsedList) -> None:
    assert [(w.kind, w.line, w.message) for w in dialect.warnings] == [
        (K.UNPARSED, 10, "list item in an unrecognised section skipped: 'Plain prose bullet "
         "without any link.'"),
        (K.UNPARSED, 26, "HTML table with 2 rows skipped: no paper, dataset or metric columns "
         "and section 'Misc' holds no tables"),
    ]  # fmt: skip


@pytest.mark.parametrize("text", ["", "\n\n", "# Only\n## Headings\n### Here\n", "TBD"])
def test_degenerate_documents(text: str) -> None:
    parsed = parse_list(text, "x.md")
    entries = (parsed.papers, parsed.researchers, parsed.datasets, parsed.metrics, parsed.tools)
    assert entries == ((), (), (), (), ())
    assert parsed.warnings == ()


def test_only_headings_tree() -> None:
    parsed = parse_list("# Only\n## Headings\n### Here\n## Again", "x.md")
    assert parsed.sections[0].model_dump() == {
        "title": "Only",
        "level": 1,
        "line": 1,
        "children": (
            {
                "title": "Headings",
                "level": 2,
                "line": 2,
                "children": ({"title": "Here", "level": 3, "line": 3, "children": ()},),
            },
            {"title": "Again", "level": 2, "line": 4, "children": ()},
        ),
    }


def test_checklist_and_tbd_are_not_entries() -> None:
    text = "## Papers\n- [ ] Add paper\n- [x] Done thing\nTBD\n### Sub\nTBD\n"
    parsed = parse_list(text, "x.md")
    assert (parsed.papers, parsed.warnings) == ((), ())


def test_html_table_split_by_blank_line_keeps_row_lines() -> None:
    text = (
        "## Datasets\n<table>\n<tr><td>Dataset name</td><td>Year</td></tr>\n\n"
        '    <tr><td><a href="https://a.example/x">A</a></td><td>2020</td></tr>\n\n'
        "<!-- <tr><td>Hidden</td><td>1999</td></tr> -->\n"
        '<tr><td><a href="https://b.example/y">B</a></td><td>2021</td></tr>\n</table>\n\n'
        "- after the table\n"
    )
    parsed = parse_list(text, "x.md")
    assert [(d.line, d.name, d.url, d.year) for d in parsed.datasets] == [
        (5, "A", "https://a.example/x", 2020),
        (8, "B", "https://b.example/y", 2021),
    ]
    assert [(w.kind, w.line) for w in parsed.warnings] == [(K.UNPARSED, 11)]


def test_reordered_header_columns() -> None:
    text = (
        "## Metrics\n<table>\n<tr><th>Code</th><th>Metric</th><th>Description</th></tr>\n"
        '<tr><td><a href="https://c.example/fid">fid</a></td><td>FID&#8595;</td>'
        "<td>Fréchet distance</td></tr>\n</table>\n"
    )
    (metric,) = parse_list(text, "x.md").metrics
    assert (metric.name, metric.direction, metric.description, metric.code_url, metric.line) == (
        "FID",
        "lower_is_better",
        "Fréchet distance",
        "https://c.example/fid",
        4,
    )
