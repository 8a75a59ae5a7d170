"""Every field the list gives, read right: one fixture per class of mistake, checked whole.

Each fixture (tests/parse/fixtures/fields/, written for these tests in the
styles of the real lists) holds the forms of one class: dates ("Mar., 2023",
"## 2024:", an unknown venue cell), a document title naming venue and year,
authors in every form, and titles and link roles (a title linked to a project
page or repository, GitHub links labelled Dataset or Notes, a Blog column).
Every paper's every field is compared (id, kind and section aside), and no
warning may be raised.
"""

from __future__ import annotations

from typing import Any

import pytest

from enrich.parse.fields.venue import split_label_and_tag
from enrich.parse.markdown import parse_list
from tests.parse.conftest import FIXTURES, read

FIELDS = FIXTURES / "fields"

EXPECTED: dict[str, list[dict[str, Any]]] = {
    "dates.md": [
        {
            "line": 7,
            "year": 2023,
            "title": "Gliding Priors for Kites",
            "paper_url": "https://arxiv.org/abs/2303.05511",
        },
        {
            "line": 8,
            "year": 2024,
            "title": "KiteGen: Text to Kites",
            "paper_url": "https://arxiv.org/abs/2401.02222",
            "code_url": "https://github.com/kite/kitegen",
        },
        {
            "line": 9,
            "year": 2022,
            "title": "Windy Latents",
            "paper_url": "https://arxiv.org/abs/2212.03333",
        },
        {
            "line": 10,
            "venue": "NeurIPS",
            "venue_as_written": "NIPS",
            "year": 2023,
            "title": "String Control for Kites",
            "paper_url": "https://arxiv.org/abs/2304.04444",
        },
        {
            "line": 11,
            "venue": "Journal of Kite Studies",
            "venue_as_written": "Journal of Kite Studies",
            "year": 2021,
            "title": "Tail Physics",
            "paper_url": "https://arxiv.org/abs/2305.04444",
        },
        {  # a cell past the header: Markdown drops it, the date is read from the line
            "line": 12,
            "venue": "CVPR",
            "venue_as_written": "CVPR",
            "year": 2023,
            "title": "One Cell More",
            "paper_url": "https://arxiv.org/abs/2306.04444",
        },
        {
            "line": 13,
            "venue": "ICCV",
            "venue_as_written": "ICCV",
            "year": 2023,
            "title": "Two Cells More",
            "paper_url": "https://arxiv.org/abs/2306.05555",
            "attributes": [
                {"name": "column 4", "value": "oral"},
                {"name": "column 5", "value": "kites"},
            ],
        },
        {
            "line": 19,
            "year": 2024,
            "title": "Splat Gardens: Growing Plants",
            "paper_url": "https://arxiv.org/abs/2402.05555",
        },
        {
            "line": 23,
            "year": 2023,
            "title": "Petal Fields for Flowers",
            "paper_url": "https://arxiv.org/abs/2311.06666",
        },
        {  # an event and its year before the title's colon
            "line": 27,
            "year": 2021,
            "title": "GENEA 2021: Crossmodal Contrastive Learning for Gestures",
            "paper_url": "https://arxiv.org/abs/2110.01234",
        },
        {
            "line": 28,
            "year": 2022,
            "title": "The KITE Challenge 2022: A Large Evaluation of Kites",
            "paper_url": "https://arxiv.org/abs/2208.01234",
        },
        {  # a leading year and a dash
            "line": 29,
            "year": 2005,
            "title": "Kite Generation by Imitation",
            "paper_url": "https://arxiv.org/abs/1505.01234",
        },
        {  # a bracketed tag that starts with a dated venue
            "line": 30,
            "venue": "CVPR",
            "venue_as_written": "CVPR",
            "year": 2022,
            "title": "Dream Kites: Zero-Shot Kites",
            "paper_url": "https://arxiv.org/abs/2112.01455",
        },
    ],
    "venue_title.md": [
        {
            "line": 5,
            "venue": "CVPR",
            "venue_as_written": "CVPR",
            "year": 2023,
            "title": "Pose Anything: A Study",
            "paper_url": "https://arxiv.org/abs/2303.00001",
        },
        {
            "line": 6,
            "venue": "ACM MM",
            "venue_as_written": "ACMMM",
            "year": 2022,
            "title": "Shape Everything",
            "paper_url": "https://arxiv.org/abs/2303.00002",
        },
    ],
    "authors.md": [
        {
            "line": 5,
            "venue": "arXiv",
            "venue_as_written": "arXiv",
            "year": 2023,
            "title": "Lone Author Diffusion for Trains",
            "paper_url": "https://arxiv.org/abs/2305.01234",
            "authors": ["Ola Single"],
        },
        {
            "line": 9,
            "venue": "arXiv",
            "venue_as_written": "arXiv",
            "year": 2023,
            "title": "Lower-case and Accented Names",
            "paper_url": "https://arxiv.org/abs/2305.01235",
            "authors": ["Özge Kaya", "noel Hand", "Gorla V N S L Vishnu"],
        },
        {
            "line": 13,
            "venue": "arXiv",
            "venue_as_written": "Arxiv",
            "year": 2020,
            "title": "Glass Fields: A Window Field",
            "paper_url": "https://arxiv.org/abs/2010.01234",
            "authors": ["Pane", "Sill"],
        },
        {
            "line": 14,
            "venue": "arXiv",
            "venue_as_written": "Arxiv",
            "year": 2021,
            "title": "Window Priors",
            "paper_url": "https://arxiv.org/abs/2103.01234",
            "authors": ["Frame", "Latch"],
        },
        {
            "line": 15,
            "year": 2017,
            "title": "Recurrent Teapots for Kitchens",
            "paper_url": "https://arxiv.org/pdf/1703.01010.pdf",
            "authors": ["A. Kettle et al."],
        },
        {
            "line": 16,
            "year": 2015,
            "title": "Shallow Kettles: An Overview",
            "paper_url": "http://arxiv.org/pdf/1404.02020",
            "authors": ["J. Spout"],
        },
        {
            "line": 17,
            "venue": "ECCV",
            "venue_as_written": "ECCV",
            "year": 2016,
            "title": "Colorful Image Colorization",
            "paper_url": "https://arxiv.org/abs/1603.08511",
            "authors": ["Richard Zhang", "Phillip Isola", "Alexei A. Efros"],
        },
        {
            "line": 20,
            "venue": "BMVC",
            "venue_as_written": "BMVC",
            "year": 2018,
            "title": "Facial Attributes from Video",
            "paper_url": "https://arxiv.org/abs/1808.06882",
            "authors": ["O. Wiles", "A.S. Koepke", "A. Zisserman"],
        },
        {
            "line": 23,
            "venue": "CVPR",
            "venue_as_written": "CVPR",
            "year": 2018,
            "title": "Free Supervision from Video Games",
            "paper_url": "https://arxiv.org/abs/1806.00001",
            "authors": ["Philipp Krähenbühl"],
        },
        {
            "line": 26,
            "venue": "NeurIPS",
            "venue_as_written": "NeurIPS",
            "year": 2019,
            "title": "Time Series Representations",
            "paper_url": "https://arxiv.org/abs/1901.10738",
            "authors": ["Jean-Yves Franceschi", "Aymeric Dieuleveut", "Martin Jaggi"],
        },
        {
            "line": 29,
            "venue": "TASLP",
            "venue_as_written": "TASLP",
            "year": 2021,
            "title": "TERA: Speech Representations",
            "paper_url": "https://arxiv.org/abs/2007.06028",
            "authors": ["Andy T. Liu", "Shang-Wen Li", "Hung-yi Lee"],
        },
        {
            "line": 33,
            "venue": "arXiv",
            "venue_as_written": "arxiv",
            "year": 2023,
            "title": "Wonder3d: Single Image to 3D",
            "paper_url": "https://arxiv.org/abs/2310.15008",
            "authors": ["Xiaoxiao Long", "Yuan-Chen Guo", "Cheng Lin", "Ziwei Liu"],
        },
        {  # names separated only by their affiliation marks
            "line": 39,
            "venue": "arXiv",
            "venue_as_written": "arxiv",
            "year": 2023,
            "title": "GART: Gaussian Articulated Templates",
            "paper_url": "https://arxiv.org/abs/2311.16099",
            "authors": [
                "Jiahui Lei",
                "Yufu Wang",
                "Georgios Pavlakos",
                "Lingjie Liu",
                "Kostas Daniilidis",
            ],
        },
    ],
    "titles_and_links.md": [
        {
            "line": 5,
            "venue": "Eurographics",
            "venue_as_written": "EUROGRAPHICS",
            "year": 2020,
            "title": "Style-Controllable Gesture Synthesis Using Flows",
            "paper_url": "https://arxiv.org/abs/2001.00001",
            "code_url": "https://github.com/owner/StyleGestures",
        },
        {
            "line": 6,
            "title": "BEAT: A Large-Scale Gesture Dataset",
            "paper_url": "https://arxiv.org/abs/2203.05297",
        },
        {
            "line": 7,
            "venue": "NeurIPS",
            "venue_as_written": "NeurIPS",
            "year": 2020,
            "title": "Sparse Lantern Fields",
            "project_url": "https://lantern-lab.github.io/papers/SLF/",
            "code_url": "https://github.com/lantern/slf",
            "authors": ["Moss et al."],
            "links": [{"role": "bibtex", "url": "./citations/slf.txt", "label": "bibtex"}],
        },
        {
            "line": 8,
            "venue": "CVPR",
            "venue_as_written": "CVPR",
            "year": 2021,
            "title": "Candle Flow for Light",
            "project_url": "http://www.cs.example.edu/~wick/candleflow/",
            "authors": ["Wick et al."],
        },
        {
            "line": 9,
            "venue": "CVPR",
            "venue_as_written": "CVPR",
            "year": 2024,
            "title": "KITRO: Refining Meshes",
            "code_url": "https://github.com/marta/KITRO",
            "authors": ["Yang et al."],
        },
        {
            "line": 10,
            "title": "Mesh Recovery: A Survey",
            "paper_url": "https://arxiv.org/abs/2203.01234",
            "code_url": "https://github.com/mesh/survey",
            "links": [
                {
                    "role": "other",
                    "url": "https://github.com/mesh/survey#datasets",
                    "label": "Dataset",
                },
                {
                    "role": "other",
                    "url": "https://github.com/me/awesome/blob/main/notes/mesh.md",
                    "label": "Notes",
                },
                {"role": "other", "url": "https://mesh.github.io/slides.pdf", "label": "Slides"},
                {
                    "role": "dataset",
                    "url": "https://huggingface.co/datasets/mesh/survey-data",
                    "label": "HF",
                },
            ],
        },
        {
            "line": 15,
            "venue": "NeurIPS",
            "venue_as_written": "NeurIPS",
            "year": 2023,
            "title": "InsActor: Instruction-driven Characters",
            "project_url": "https://insactor.github.io/",
            "authors": ["Ren et al."],
        },
        {
            "line": 16,
            "venue": "IROS",
            "venue_as_written": "IROS",
            "year": 2024,
            "title": "H2O: Human-to-Humanoid Teleoperation",
            "project_url": "https://human2humanoid.com/",
            "authors": ["He et al."],
        },
        {  # a year inside the tag: the venue as written without it
            "line": 17,
            "venue": "RSS Workshops",
            "venue_as_written": "RSS Workshop",
            "year": 2025,
            "title": "Exbody2: Expressive Whole-Body Control",
            "project_url": "https://exbody2.github.io/",
            "authors": ["Ji et al."],
        },
        {
            "line": 24,
            "title": "Latent Puddles: Rain Synthesis",
            "paper_url": "https://arxiv.org/abs/2112.01234",
            "code_url": "https://github.com/puddle/latent",
            "links": [
                {
                    "role": "other",
                    "url": "https://writer.github.io/posts/puddles/",
                    "label": "What are Puddle Models?",
                }
            ],
        },
        {
            "line": 25,
            "title": "Crowd4D: A 4D Crowd Dataset",
            "paper_url": "https://arxiv.org/abs/2104.05678",
            "links": [
                {"role": "other", "url": "https://crowd4d.example.com/data/", "label": "Dataset"}
            ],
        },
        {  # GitHub emoji codes are no part of a title
            "line": 29,
            "title": "Glowing Kites: Emoji Free Titles",
            "paper_url": "https://arxiv.org/abs/2301.09999",
        },
        {
            "line": 30,
            "title": "Rocket Kites for Speed",
            "paper_url": "https://arxiv.org/abs/2301.08888",
        },
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fields_whole_output(name: str) -> None:
    parsed = parse_list(read(FIELDS / name), name)
    papers = [
        paper.model_dump(mode="json", exclude_defaults=True, exclude={"id", "kind", "section"})
        for paper in parsed.papers
    ]
    assert papers == EXPECTED[name]
    assert parsed.warnings == ()


@pytest.mark.parametrize(
    ("label", "split"),
    [
        ("Lumos ACM SIGGRAPH Asia 2022", ("Lumos", "ACM SIGGRAPH Asia 2022")),
        ("Lumos SIGGRAPH Asia'22", ("Lumos", "SIGGRAPH Asia'22")),
        ("GestureNet CVPR Workshop 2023", ("GestureNet", "CVPR Workshop 2023")),
        ("vid2vid NeurIPS'18", ("vid2vid", "NeurIPS'18")),
        ("Plain Label", ("Plain Label", None)),
    ],
)
def test_a_work_label_splits_at_the_venue_tables_multi_word_names(
    label: str, split: tuple[str, str | None]
) -> None:
    assert split_label_and_tag(label) == split
