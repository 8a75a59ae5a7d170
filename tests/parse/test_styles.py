"""One small fixture per list style (written for these tests), checked whole.

Each fixture is a few entries in the style of a real awesome list (bullets with
trailing authors, badge lines, nested author bullets; pipe tables with badges
and ``[Link]`` cells; HTML tables and ``<li>`` lists inside ``<details>``;
paragraphs split by ``<br>``; one heading per paper; sections that hold no
papers). Every paper's fields and every warning are compared, so a change in
any reading shows up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.models import ParsedList
from enrich.parse.markdown import parse_list
from tests.parse.conftest import FIXTURES, read

STYLES = FIXTURES / "styles"

Paper = tuple[object, ...]


def papers(parsed: ParsedList) -> list[Paper]:
    return [
        (p.line, p.section, p.title, p.venue, p.year, p.authors, p.affiliation, p.paper_url,
         p.project_url, p.code_url, p.badge_repos, tuple((x.role.value, x.url) for x in p.links))
        for p in parsed.papers
    ]  # fmt: skip


def warnings(parsed: ParsedList) -> list[tuple[str, int | None, str]]:
    return [(w.kind.value, w.line, w.message) for w in parsed.warnings]


EXPECTED: dict[str, tuple[list[Paper], list[tuple[str, int | None, str]]]] = {
    "bullets.md": (
        [
            (
                6,
                ("Papers", "Trailing authors and venue"),
                "Zero-1-to-3: Zero-shot One Image to 3D Object",
                "ICCV",
                2023,
                ("Liu et al.",),
                None,
                "https://arxiv.org/abs/2303.11328",
                None,
                "https://github.com/cvlab-columbia/zero123",
                (),
                (("bibtex", "./citations/zero123.txt"),),
            ),
            (
                7,
                ("Papers", "Trailing authors and venue"),
                "A Comprehensive Review of Co-Speech Gesture Generation",
                "Eurographics",
                2023,
                (),
                None,
                "https://arxiv.org/abs/2301.05339",
                "https://example.org/review/",
                "https://github.com/alice/gestures",
                (),
                (),
            ),
            (
                8,
                ("Papers", "Trailing authors and venue"),
                "SomeNet: A Title About Faces",
                "ICCV",
                2023,
                (),
                "Meta Reality Labs",
                None,
                "https://somenet.github.io/",
                None,
                (),
                (),
            ),
            (
                11,
                ("Papers", "Badge lines"),
                "Helios: Real Real-Time Long Video Generation",
                None,
                2026,
                (),
                None,
                "https://arxiv.org/abs/2603.04379",
                "https://pku-yuangroup.github.io/Helios-Page/",
                "https://github.com/PKU-YuanGroup/Helios",
                ("PKU-YuanGroup/Helios",),
                (),
            ),
            (
                17,
                ("Papers", "2016"),
                "Unsupervised Learning of Visual Representations using Videos",
                "ICCV",
                2015,
                ("Xiaolong Wang", "Abhinav Gupta"),
                None,
                "https://arxiv.org/pdf/1505.00687.pdf",
                None,
                "https://github.com/xiaolonw/caffe-video_triplet",
                (),
                (),
            ),
            (
                21,
                ("Papers", "2016"),
                "Colorful Image Colorization",
                None,
                2016,
                ("Richard Zhang", "Phillip Isola", "Alexei A. Efros"),
                None,
                "https://arxiv.org/abs/1603.08511v5",
                None,
                None,
                (),
                (),
            ),
            (
                26,
                ("Papers", "Emphasis tags"),
                "EmphasisNet: A Title",
                "ICCV",
                2023,
                (),
                None,
                "https://arxiv.org/abs/2305.00002",
                None,
                None,
                (),
                (),
            ),
            (
                27,
                ("Papers", "Emphasis tags"),
                "ParenNet: Another Title",
                "CVPR",
                2023,
                (),
                None,
                "https://arxiv.org/abs/2305.00003",
                None,
                "https://github.com/bob/parennet",
                (),
                (),
            ),
        ],
        [],
    ),
    "headings.md": (
        [
            (
                5,
                ("Generation",),
                "One-2-3-45: Any Single Image to 3D Mesh in 45 Seconds",
                "arXiv",
                2023,
                ("Minghua Liu", "Chao Xu", "Haian Jin"),
                None,
                "https://arxiv.org/pdf/2306.16928.pdf",
                "https://one-2-3-45.github.io/",
                "https://github.com/One-2-3-45/One-2-3-45",
                (),
                (),
            ),
            (
                16,
                ("Generation",),
                "A Survey on Datasets for 3D Generation",
                "ACM Computing Surveys",
                2023,
                ("Weihao Xia", "Jing-Hao Xue"),
                None,
                "https://dl.acm.org/doi/pdf/10.1145/3626193",
                None,
                None,
                (),
                (),
            ),
            (
                22,
                ("Generation",),
                "AGG: Amortized Generative 3D Gaussians",
                "arXiv",
                2024,
                (),
                None,
                "https://arxiv.org/abs/2401.04099",
                "https://ir1d.github.io/AGG/",
                None,
                (),
                (),
            ),
            (
                31,
                ("Evaluation",),
                "A Review of Evaluation Practices of Gesture Generation",
                "IEEE",
                2022,
                (),
                None,
                "https://arxiv.org/pdf/2101.03769.pdf",
                None,
                None,
                (),
                (),
            ),
            # a heading with authors only, and the table row that links it: one entry
            (
                44,
                ("Text to Video",),
                "TransPixar: Advancing Text-to-Video Generation",
                "arXiv",
                2025,
                ("Luozhou Wang", "Yijun Li"),
                "HKUST, Adobe",
                "https://arxiv.org/abs/2501.03006",
                None,
                None,
                (),
                (),
            ),
        ],
        [],
    ),
    "html.md": (
        [
            (
                19,
                ("Benchmarks",),
                "VidHalluc: Evaluating Temporal Hallucinations",
                "CVPR",
                2025,
                (),
                None,
                "https://arxiv.org/abs/2412.03735",
                "https://people-robots.github.io/vidhalluc",
                "https://github.com/CyL97/VidHalluc",
                (),
                (),
            ),
            (
                34,
                ("Motion Generation",),
                "MotionGen: A Survey of Generative Approaches",
                "ICCV",
                2025,
                ("Khani et al.",),
                None,
                "https://arxiv.org/abs/2507.05419",
                None,
                None,
                (),
                (),
            ),
            (
                35,
                ("Motion Generation",),
                "Human Motion Generation: A Survey",
                "TPAMI",
                2023,
                ("Zhu et al.",),
                None,
                "https://arxiv.org/abs/2307.10894",
                None,
                None,
                (),
                (),
            ),
        ],
        [],
    ),
    "paragraphs.md": (
        [
            (
                5,
                ("Implicit representations",),
                "Equivariant Neural Rendering",
                "ICML",
                2020,
                ("Emilien Dupont", "Miguel Angel Bautista"),
                None,
                "https://arxiv.org/abs/2006.07630",
                None,
                "https://github.com/apple/ml-equivariant-neural-rendering",
                (),
                (("other", "https://emiliendupont.github.io/"),),
            ),
            (
                9,
                ("Implicit representations",),
                "SoftSMPL: Data-driven Modeling of Nonlinear Soft-tissue Dynamics",
                "Eurographics",
                2020,
                (),
                None,
                "https://arxiv.org/pdf/2004.00326",
                "http://dancasas.github.io/projects/SoftSMPL",
                None,
                (),
                (),
            ),
            (
                10,
                ("Implicit representations",),
                "STAR: Sparse Trained Articulated Human Body Regressor",
                "ECCV",
                2020,
                (),
                None,
                "https://arxiv.org/pdf/2008.08535",
                "http://star.is.tue.mpg.de",
                "https://github.com/ahmedosman/STAR",
                (),
                (),
            ),
            (
                12,
                ("Implicit representations",),
                "Implicit Preference Alignment for Human Image Animation",
                None,
                None,
                (),
                "北师大人工智能学院",
                "https://arxiv.org/abs/2605.07545",
                None,
                None,
                (),
                (),
            ),
            # bare URLs, no Markdown: still the paper's links
            (
                14,
                ("Implicit representations",),
                "SurfelNet: Surfels for Avatars",
                "CVPR",
                2024,
                (),
                None,
                "https://arxiv.org/abs/2404.00007",
                None,
                "https://github.com/carol/surfelnet",
                (),
                (),
            ),
            # two papers in one paragraph, split by a trailing backslash
            (
                17,
                ("Implicit representations",),
                "PaperA: First of Two",
                "CVPR",
                2024,
                (),
                None,
                "https://arxiv.org/abs/2401.00011",
                None,
                None,
                (),
                (),
            ),
            (
                18,
                ("Implicit representations",),
                "PaperB: Second of Two",
                "ECCV",
                2024,
                (),
                None,
                "https://arxiv.org/abs/2401.00012",
                None,
                None,
                (),
                (),
            ),
        ],
        [],
    ),
    "sections.md": (
        [
            (
                11,
                ("News",),
                "Vorch-Streamer: Real-Time Long-Form Streaming",
                None,
                None,
                (),
                "同济",
                "https://arxiv.org/abs/2608.05663",
                None,
                None,
                (),
                (),
            ),
            # the News line announcing it (line 13) is not a second entry
            (
                16,
                ("Papers",),
                "Real Paper",
                None,
                None,
                (),
                None,
                "https://arxiv.org/abs/2301.00001",
                None,
                None,
                (),
                (),
            ),
        ],
        [
            (  # the survey's link on three lines: one warning naming the other lines
                "link_not_taken",
                1,
                "not in any entry (the list's own header: its badges and links, not papers): "
                "arxiv 2604.12944 (also on lines 7, 19)",
            ),
            (  # "Arxiv: <url>" in the news says where to read, it is not a paper
                "link_not_taken",
                9,
                "not in any entry (a news line in section 'News', not a paper): arxiv 2509.03883",
            ),
            (
                "link_not_taken",
                19,
                "not in any entry (section 'Citation' holds no papers): "
                "repo someone/awesome-things",
            ),
        ],
    ),
    "tables.md": (
        [
            (
                7,
                ("Papers",),
                "Micron-BERT: BERT-Based Facial Micro-Expression Recognition",
                None,
                None,
                (),
                None,
                "https://arxiv.org/abs/2304.03195",
                None,
                "https://github.com/uark-cviu/Micron-BERT",
                ("uark-cviu/Micron-BERT",),
                (
                    (
                        "proceedings",
                        "https://openaccess.thecvf.com/content/CVPR2023/papers/Nguyen_Micron-BERT_CVPR_2023_paper.pdf",
                    ),
                    ("video", "https://www.youtube.com/watch?v=abc"),
                ),
            ),
            (
                8,
                ("Papers",),
                "Invertible Neural Skinning",
                None,
                None,
                (),
                None,
                "http://arxiv.org/abs/2302.09227",
                "https://yashkant.github.io/invertible-neural-skinning/",
                None,
                (),
                (),
            ),
            (
                14,
                ("Papers", "2024"),
                "HeadStudio: Text to Animatable Head Avatars",
                "ECCV",
                2024,
                (),
                None,
                "https://arxiv.org/abs/2402.06149",
                None,
                "https://github.com/ZhenglinZhou/HeadStudio",
                (),
                (),
            ),
            (
                15,
                ("Papers", "2024"),
                "Paper Without Code",
                "arXiv",
                2023,
                (),
                None,
                "https://arxiv.org/abs/2312.00001",
                "https://example.org/pwc/",
                None,
                (),
                (),
            ),
            (
                31,
                ("Talking faces",),
                "Wav2Lip: Accurately Lip-sync Videos to Any Speech",
                "ACM MM",
                2020,
                (),
                "IIIT, India",
                "https://arxiv.org/abs/2008.10010",
                None,
                "https://github.com/Rudrabha/Wav2Lip",
                ("Rudrabha/Wav2Lip",),
                (),
            ),
            (
                32,
                ("Talking faces",),
                "Function4D: Real-time Human Volumetric Capture",
                "CVPR",
                2021,
                (),
                "Tsinghua University",
                None,  # the title links the lab's project page, not the paper
                "https://www.liuyebin.com/Function4D/Function4D.html",
                None,
                (),
                (("other", "https://github.com/ytrock/THuman2.0-Dataset"),),  # not code
            ),
            # the list put this title in the Codebase column: still the title
            # line 33, MuseTalk, names only a repository: a tool (test_kinds), not a paper
            (
                39,
                ("Talking faces", "Benchmarked"),
                "GaussTalk: Gaussian Talking Heads",
                None,
                None,
                (),
                None,
                "https://arxiv.org/abs/2404.00021",
                None,
                None,
                (),
                (),
            ),
            # a one-column table of whole entries: the text is the title
            (
                45,
                ("Talking faces", "GENEA"),
                "Towards Believable Facial Behaviors",
                "ICMI",
                2023,
                (),
                None,
                "https://openreview.net/forum?id=Uz5CrjdU_z",
                None,
                "https://github.com/aldelb/facial",
                (),
                (),
            ),
        ],
        [],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_style_whole_output(name: str) -> None:
    parsed = parse_list(read(STYLES / name), name)
    assert (papers(parsed), warnings(parsed)) == EXPECTED[name]


def test_every_style_has_a_fixture() -> None:
    assert sorted(EXPECTED) == sorted(path.name for path in Path(STYLES).glob("*.md"))


def test_other_columns_of_a_paper_row_are_its_attributes() -> None:
    parsed = parse_list(read(STYLES / "tables.md"), "tables.md")
    attributes = {p.line: [(a.name, a.value) for a in p.attributes] for p in parsed.papers}
    assert attributes[31] == [("Notes", "lip sync")]
    assert attributes[39] == [("Dataset", "HDTF"), ("Backbone", "Diffusion Model")]
    assert attributes[7] == attributes[8] == []  # badge links and :heavy_minus_sign: are no values
    # a Dataset column in a paper table is no dataset; a dataset row's paper is its paper_url
    assert [(d.name, d.paper_url) for d in parsed.datasets] == [
        ("VoxCeleb2", None),
        ("HDTF", "https://arxiv.org/abs/2104.11116"),
    ]
