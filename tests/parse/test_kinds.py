"""Every entry gets the right kind: papers, tools of a category, datasets, metrics.

One small fixture per class of mistake found on real lists (issue 19), each
checked whole: non-paper sections (talks, implementations, models, courses,
books, posts, lists, websites, leaderboards), software tables, ``[News]``
lines and prose paragraphs, metric tables and bullets, datasets named after
their link label or written ``• [Name](url)``, one heading per paper with an
unknown first link label. A property test holds the rule itself: in a section
of software, models, courses or lists an entry is a paper only when it has a
paper link.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enrich.models import LinkRole, ParsedList, Tool, ToolCategory
from enrich.parse.blocks.sections import category_of
from enrich.parse.markdown import parse_list
from enrich.sources.arxiv import _spec as arxiv_spec
from enrich.sources.github import _spec as github_spec
from enrich.sources.openalex import _spec as openalex_spec
from enrich.sources.pages import _spec as pages_spec
from tests.parse.conftest import FIXTURES, read

KINDS = FIXTURES / "kinds"
Row = tuple[object, ...]


def entries(parsed: ParsedList) -> list[Row]:
    """Every entry of every kind and every warning, in one comparable list."""
    rows: list[Row] = []
    for p in parsed.papers:
        rows.append(("paper", p.line, p.section, p.title, p.venue, p.year, p.authors,
                     p.paper_url, p.project_url, p.code_url))  # fmt: skip
    for t in parsed.tools:
        rows.append(("tool", t.line, t.section, t.category and t.category.value, t.name,
                     t.description, t.url, tuple((x.role.value, x.url) for x in t.links),
                     tuple((a.name, a.value) for a in t.attributes)))  # fmt: skip
    for d in parsed.datasets:
        rows.append(("dataset", d.line, d.name, d.url, d.paper_url, d.year))
    for m in parsed.metrics:
        rows.append(("metric", m.line, m.name, m.direction, m.description, m.code_url))
    for w in parsed.warnings:
        rows.append(("warning", w.line, w.kind.value, w.message))
    return rows


EXPECTED: dict[str, list[Row]] = {
    "nonpaper_sections.md": [
        ("paper", 5, ("Papers",), "Rendering Teapots with Neural Fields", "CVPR", 2023,
         ("Pot et al.",), "https://arxiv.org/abs/2301.00001", None, None),
        # a paper link makes an implementation's entry a paper
        ("paper", 15, ("Implementations",), "SpoutNet", "ICCV", 2023, ("Spout et al.",),
         "https://arxiv.org/abs/2302.00002", None, "https://github.com/example-lab/spoutnet"),
        ("tool", 9, ("Talks",), "talk", "Teapots Explained", "Ada Kettle",
         "https://www.youtube.com/watch?v=abcdefghijk", (), ()),
        # a talk's slides are a PDF, not a paper
        ("tool", 10, ("Talks",), "talk", "Why Spouts Matter. Bo Lid (Tea Lab)", None,
         "https://talks.example.org/spouts.pdf", (), ()),
        ("tool", 14, ("Implementations",), "software", "teapot-torch", "@example-user, 2023",
         "https://github.com/example-user/teapot-torch",
         (("other", "https://github.com/example-user"),), ()),
        ("tool", 16, ("Implementations",), "software", "Objective evaluation code", None,
         "https://github.com/example-lab/tea-eval", (), ()),
        ("tool", 20, ("Open Models",), "model", "Teapot-7B", None,
         "https://huggingface.co/example-org/teapot-7b", (), ()),
        ("tool", 24, ("Courses",), "course", "Brewing 101", "Example University",
         "http://brew101.example.edu/", (), ()),
        ("tool", 28, ("Books",), "book", "The Teapot Book", None,
         "https://books.example.com/teapot", (), ()),
        ("tool", 32, ("Blog",), "post", "Notes on teapots", "a long read",
         "https://blog.example.org/teapots", (), ()),
        ("tool", 36, ("Awesome Repos",), "list", "Awesome Kettles", None,
         "https://github.com/example-b/awesome-kettles", (), ()),
        ("tool", 40, ("Company",), "website", "TeaCorp", None, "https://teacorp.example.com/",
         (), ()),
        ("tool", 44, ("Leaderboards",), "leaderboard", "PotBench", "ranks teapot renderers",
         "https://potbench.example.org/leaderboard", (), ()),
    ],
    "software_tables.md": [
        ("tool", 7, ("Open-source Toolboxes",), "software", "Boiler", None,
         "https://github.com/example-boil/Boiler", (), (("Task", "T2V Generation"),)),
        ("tool", 8, ("Open-source Toolboxes",), "software", "SteamKit", None,
         "https://steamkit.example.com/", (), (("Task", "Editing"),)),
        # a section of no kind: the header (Implementation | Language | License) says software
        ("tool", 14, ("Ports",), "software", "KettleRS", "A Rust port",
         "https://github.com/example-rs/kettle-rs", (), (("Language", "Rust"), ("License", "MIT"))),
        # the header's first cell names the kind
        ("tool", 20, ("Weights",), "model", "KettleNet", None,
         "https://kettle.example.org/weights", (), (("Info", "kettle weights"),)),
    ],
    "news_and_prose.md": [
        ("paper", 16, ("Papers",), "Learning to Pour", None, None, (),
         "https://arxiv.org/pdf/1605.00004", None, None),
        ("paper", 18, ("Papers",), "Saucer Fields", "CVPR", 2021, (), None, None,
         "https://github.com/example-lab/saucer-fields"),
        # nothing dropped in silence: the links of news and prose are reported at their lines
        ("warning", 5, "link_not_taken", "not in any entry (section 'A Survey on Cups': no entry "
         "was read from this text): arxiv 2402.00003"),
        ("warning", 10, "link_not_taken", "not in any entry (section 'Background': no entry was "
         "read from this text): repo example-a/awesome-cup-vision, repo example-b/awesome-mugs"),
        ("warning", 10, "unparsed", "paragraph read as prose, not a paper (no paper link, venue "
         "or year): 'Before this list, there were other lists, for example Cup Vision and Mugs.'"),
        ("warning", 12, "link_not_taken", "not in any entry (section 'Background': no entry was "
         "read from this text): repo example-owner/awesome-cups"),
        ("warning", 12, "unparsed", "paragraph read as prose, not a paper (no paper link, venue "
         "or year): 'If you have any suggestions, please send a pull request via this guide.'"),
    ],
    "metrics.md": [
        ("metric", 7, "LSQ (lip sync quality)", None, None, None),
        ("metric", 8, "MQI (mouth quality index)", None, None,
         "https://arxiv.org/pdf/1801.00005.pdf"),
        ("metric", 12, "JAW-D (Jaw Distance)", "lower_is_better",
         "Distance between generated and real jaw landmarks. Lower is better.", None),
        ("metric", 13, "JAW-C (Jaw Confidence)", "higher_is_better",
         "Classifier confidence. Higher is better.", None),
        ("warning", 14, "unparsed", "list item in metrics skipped: '🧍 : Full-body tier'"),
    ],
    "datasets.md": [
        ("dataset", 5, "HarborSpeech", "https://data.example.org/harborspeech.html", None, None),
        ("dataset", 6, "PierTalk", "https://github.com/example-pier/PierTalk", None, None),
        ("dataset", 7, "Lighthouse-1K", "https://lighthouse.example.org/1k.html", None, None),
        ("dataset", 9, "BuoyWear", "https://buoywear.example.org/", None, None),
        ("dataset", 10, "QuayPose", "http://quaypose.example.edu/", None, None),
        # the Download column is the data; the name's arXiv link is the dataset's paper
        ("dataset", 16, "FerryTalk-10K", "https://github.com/example-ferry/FerryTalk",
         "https://arxiv.org/abs/2507.00006", 2025),
        ("dataset", 17, "CanalCuts", None, "https://arxiv.org/abs/2410.00007", 2024),
    ],
    "talks_and_books_among_papers.md": [
        ("paper", 5, ("Papers",), "Gesture Timing in Speech", None, None, (),
         "https://arxiv.org/abs/2101.00010", None, None),
        # a venue and year: a paper, whatever its link
        ("paper", 8, ("Papers",), "Beat Gestures", "CVPR", 2021, (), None, None, None),
        # no paper link, venue or year, and only a video or a book: not a paper
        ("tool", 6, ("Papers",), "talk", "Complexity Matters E05: Gestures and Speech", None,
         "https://www.youtube.com/watch?v=abcdefghijk", (), ()),
        ("tool", 7, ("Papers",), "book", "Hand and Mind", None,
         "https://books.google.com/books?id=abc", (), ()),
        # a leading label names the kind: "OSS ... models:"
        ("tool", 9, ("Papers",), "model", "Kettle 1", "preview is an open model",
         "https://github.com/example-org/kettle", (), ()),
    ],
    "heading_papers.md": [
        ("paper", 7, ("Plants:",), "Mossy Splats: Growing Moss with Gaussians", None, None,
         ("Ivy Green", "Fern Leaf"), "https://arxiv.org/abs/2409.00008",
         "https://mossy.example.io/", "https://github.com/example-moss/mossy"),
        ("paper", 9, ("Plants:",), "Lichen Fields for Rock Rendering", None, None, ("Sal Rock",),
         "https://arxiv.org/pdf/2403.00009.pdf", None, None),
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kind_fixture_whole_output(name: str) -> None:
    assert entries(parse_list(read(KINDS / name), name)) == EXPECTED[name]


def test_every_kind_fixture_is_checked() -> None:
    assert sorted(EXPECTED) == sorted(path.name for path in Path(KINDS).glob("*.md"))


def test_a_paper_table_row_that_names_only_a_repository_is_software() -> None:
    parsed = parse_list(read(FIXTURES / "styles" / "tables.md"), "tables.md")
    assert [(t.line, t.name, t.category, t.url) for t in parsed.tools] == [
        (33, "MuseTalk: Real-Time Lip Sync", ToolCategory.SOFTWARE,
         "https://github.com/TMElyralab/MuseTalk")
    ]  # fmt: skip
    assert 33 not in {paper.line for paper in parsed.papers}


def test_a_software_entry_linking_a_model_card_or_a_video_is_a_model_or_a_talk() -> None:
    parsed = parse_list(
        "# L\n\n## Toolbox\n\n"
        "- [Kettle-7B](https://huggingface.co/ex/kettle-7b)\n"
        "- [Kettle docs](https://huggingface.co/docs/kettle)\n"
        "- [Kettle demo](https://www.youtube.com/watch?v=abcdefghijk)\n"
        "- [kettle](https://github.com/ex/kettle)\n",
        "a.md",
    )
    assert [(t.name, t.category) for t in parsed.tools] == [
        ("Kettle-7B", ToolCategory.MODEL),
        ("Kettle docs", ToolCategory.SOFTWARE),
        ("Kettle demo", ToolCategory.TALK),
        ("kettle", ToolCategory.SOFTWARE),
    ]


def test_non_paper_entries_go_to_github_and_pages_never_to_paper_sources() -> None:
    parsed = parse_list(read(KINDS / "nonpaper_sections.md"), "nonpaper_sections.md")
    tools = {tool.name: tool for tool in parsed.tools}
    for tool in tools.values():
        assert list(arxiv_spec.requests(tool, "a.md")) == []
        assert list(openalex_spec.requests(tool, "a.md")) == []
    assert [r.attribute for r in github_spec.requests(tools["teapot-torch"], "a.md")] == ["github"]
    assert [r.attribute for r in pages_spec.requests(tools["TeaCorp"], "a.md")] == ["page"]


def test_a_tool_named_by_its_site_asks_github_from_its_repository_link() -> None:
    parsed = parse_list(
        "# L\n\n## Software\n\n- [Mochi](https://mochi.example.com/blog) "
        "[![Star](https://img.shields.io/github/stars/ex/mochi.svg)](https://github.com/ex/mochi)\n",
        "a.md",
    )
    (tool,) = parsed.tools
    assert isinstance(tool, Tool) and tool.category is ToolCategory.SOFTWARE
    assert parsed.warnings == ()  # the repository is in the entry: no "not in any entry"
    assert [(link.role, link.url) for link in tool.links] == [
        (LinkRole.CODE, "https://github.com/ex/mochi")
    ]
    (request,) = github_spec.requests(tool, "a.md")
    assert [hint.value for hint in request.target.hints] == ["https://github.com/ex/mochi"]
    assert [r.attribute for r in pages_spec.requests(tool, "a.md")] == ["page"]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("9. Playlist & Talks", "talks"), ("10. Code", "tools"), ("Implementations", "tools"),
        ("Open Models", "models"), ("Model Zoo", "models"), ("Leaderboards", "leaderboards"),
        ("Courses", "courses"), ("11. Books", "books"), ("Blog", "posts"),
        ("Awesome Repos", "lists"), ("Company", "websites"), ("References", "websites"),
        ("Credits", "none"),
        # topics, not kinds: papers or a section of no kind
        ("Video Diffusion Models", None), ("Talking Head Generation", None),
        ("Lifting Pretrained 2D Diffusion Models", None), ("OSS video generation models", "models"),
        ("Post-training", None), ("Other Applications", None),
        ("Talks and Papers", "papers"), ("Curated list of NeRF papers", "papers"),
        ("PapersWithCode Ranking", "papers"),
    ],
)  # fmt: skip
def test_a_heading_names_the_kind_of_its_entries(heading: str, kind: str | None) -> None:
    assert category_of((heading,)) == kind


# ----------------------------------------------------------------------------- property

NON_PAPER_HEADINGS = [
    "Software", "Toolbox", "Libraries", "Implementations", "Open Models", "Model Zoo",
    "Courses", "Tutorials", "Lectures", "Awesome Lists", "Other Awesome Lists", "Awesome Repos",
]  # fmt: skip
PAPER_LINKS = [
    "https://arxiv.org/abs/2301.00001", "https://doi.org/10.1145/3592433",
    "https://openreview.net/forum?id=abc123", "https://example.org/paper.pdf",
    "https://openaccess.thecvf.com/content/CVPR2023/html/X_CVPR_2023_paper.html",
]  # fmt: skip
OTHER_LINKS = [
    "https://github.com/ex/tool", "https://huggingface.co/ex/model", "https://www.youtube.com/x",
    "https://tool.example.com/", "https://ex.github.io/project/", "https://course.example.edu/",
]  # fmt: skip
WORDS = st.sampled_from(
    ["Quilt", "Net", "CVPR 2023", "2024", "—", ":", "Learning", "[Code]", "et al.", "(v2)", "|"]
)
LABELS = st.sampled_from(["Paper", "Code", "Project", "Quilt-7B", "Website", "pdf", "link", ""])


SITES = ("https://tool.example.com/", "https://course.example.edu/")


@st.composite
def entry_lines(draw: st.DrawFn) -> tuple[str, bool]:
    """A bullet of words and links, and whether one of its links is a paper link.

    A paper link: one to arXiv, a DOI, OpenReview, proceedings or a PDF, or one
    labelled as a paper on a plain site; never a repository, model card, video
    or project page, whatever its label.
    """
    links = draw(st.lists(st.tuples(LABELS, st.sampled_from(OTHER_LINKS)), max_size=3))
    paper = any(label in ("Paper", "pdf") and url in SITES for label, url in links)
    paper = draw(st.booleans()) or paper
    if paper and not any(url in SITES and label in ("Paper", "pdf") for label, url in links):
        at = draw(st.integers(min_value=0, max_value=len(links)))
        links.insert(at, (draw(LABELS), draw(st.sampled_from(PAPER_LINKS))))
    words = draw(st.lists(WORDS, max_size=6))
    parts = [*words[: len(words) // 2], *(f"[{label}]({url})" for label, url in links)]
    return "- " + " ".join([*parts, *words[len(words) // 2 :]]), paper


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NON_PAPER_HEADINGS), st.lists(entry_lines(), min_size=1, max_size=6))
def test_an_entry_of_a_non_paper_section_is_a_paper_only_with_a_paper_link(
    heading: str, lines: list[tuple[str, bool]]
) -> None:
    text = f"# A list\n\n## {heading}\n\n" + "\n".join(line for line, _ in lines) + "\n"
    parsed = parse_list(text, "a.md")
    with_paper_link = {number for number, (_, paper) in enumerate(lines, start=5) if paper}
    assert {paper.line for paper in parsed.papers} <= with_paper_link
    assert all(tool.category is not None for tool in parsed.tools)
