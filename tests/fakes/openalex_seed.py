# ruff: noqa: E501  (a table of real titles and venues, one paper a line)
"""The seed list's papers as OpenAlex knows them: most of them twice.

arXiv papers are filed under their DataCite DOI (``10.48550/arxiv.<id>``)
and "arXiv (Cornell University)". As on the real service, most of them are
held twice (:data:`PUBLISHED`): the preprint, and the conference or journal
version under its publisher's DOI with most of the citations; two (MODA,
AD-NeRF) are one merged work whose DOI is the published one, the arXiv
version only a location (so their arXiv DOI finds nothing); GeneFace and
GeneFace++ exist only as preprints; ToonTalker is missing altogether.

The eight papers without an arXiv link are searched by title: six
conference papers found once each (DOIs of ACM, AAAI, Springer, IEEE), one
held twice (ER-NeRF: preprint and proceedings, folded into one), one list
title naming another method before its colon than the paper does
(Audio2Motion vs Audio2Gestures: rejected), and a near-title distractor
(Few-shot Video-to-Video Synthesis). Titles, venues and DOIs are the
papers' own as far as we know them; citation counts are made up.
:data:`TRUTH` is what a right run reports for each: venue and summed
citations.
"""

from __future__ import annotations

from tests.fakes.openalex import FakeAuthor, FakeWork

_ARXIV = "arXiv (Cornell University)"
_W = FakeWork
_CVPR21 = "2021 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"
_CVPR22 = "2022 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"
_CVPR23 = "2023 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"
_ICCV21 = "2021 IEEE/CVF International Conference on Computer Vision (ICCV)"
_ICCV23 = "2023 IEEE/CVF International Conference on Computer Vision (ICCV)"
_LNCS = "Lecture notes in computer science"

# arXiv id -> (venue, venue type, DOI, year, citations, merged into one work?)
PUBLISHED: dict[str, tuple[str, str, str, int, int, bool]] = {
    "2008.10010": (
        "Proceedings of the 28th ACM International Conference on Multimedia",
        "conference",
        "10.1145/3394171.3413532",
        2020,
        1900,
        False,
    ),
    "2104.11116": (_CVPR21, "conference", "10.1109/cvpr46437.2021.00416", 2021, 380, False),
    "2109.08379": (_ICCV21, "conference", "10.1109/iccv48922.2021.01350", 2021, 210, False),
    "2203.04036": (_LNCS, "book series", "10.1007/978-3-031-19790-1_6", 2022, 150, False),
    "2211.12194": (_CVPR23, "conference", "10.1109/cvpr52729.2023.00836", 2023, 540, False),
    "2301.06281": (_CVPR23, "conference", "10.1109/cvpr52729.2023.02049", 2023, 60, False),
    "2307.10008": (_ICCV23, "conference", "10.1109/iccv51070.2023.02061", 2023, 35, True),
    "2103.11078": (_ICCV21, "conference", "10.1109/iccv48922.2021.00573", 2021, 420, True),
    "2009.02119": (
        "ACM Transactions on Graphics",
        "journal",
        "10.1145/3414685.3417838",
        2020,
        280,
        False,
    ),
    "2203.13161": (_CVPR22, "conference", "10.1109/cvpr52688.2022.01021", 2022, 120, False),
    "2303.09119": (_CVPR23, "conference", "10.1109/cvpr52729.2023.01016", 2023, 140, False),
}
_TSINGHUA = ("Tsinghua University",)

_ARXIV_PAPERS = (
    (
        "2008.10010",
        "A Lip Sync Expert Is All You Need for Speech to Lip Generation In the Wild",
        2020,
        1500,
    ),
    (
        "2104.11116",
        "Pose-Controllable Talking Face Generation by Implicitly Modularized Audio-Visual Representation",
        2021,
        420,
    ),
    (
        "2109.08379",
        "PIRenderer: Controllable Portrait Image Generation via Semantic Neural Rendering",
        2021,
        260,
    ),
    (
        "2203.04036",
        "StyleHEAT: One-Shot High-Resolution Editable Talking Face Generation via Pre-trained StyleGAN",
        2022,
        180,
    ),
    (
        "2211.12194",
        "SadTalker: Learning Realistic 3D Motion Coefficients for Stylized Audio-Driven Single Image Talking Face Animation",
        2022,
        610,
    ),
    (
        "2301.06281",
        "DPE: Disentanglement of Pose and Expression for General Video Portrait Editing",
        2023,
        95,
    ),
    (
        "2307.10008",
        "MODA: Mapping-Once Audio-driven Portrait Animation with Dual Attentions",
        2023,
        40,
    ),
    (
        "2103.11078",
        "AD-NeRF: Audio Driven Neural Radiance Fields for Talking Head Synthesis",
        2021,
        390,
    ),
    (
        "2301.13430",
        "GeneFace: Generalized and High-Fidelity Audio-Driven 3D Talking Face Synthesis",
        2023,
        230,
    ),
    (
        "2305.00787",
        "GeneFace++: Generalized and Stable Real-Time Audio-Driven 3D Talking Face Generation",
        2023,
        70,
    ),
    (
        "2009.02119",
        "Speech Gesture Generation from the Trimodal Context of Text, Audio, and Speaker Identity",
        2020,
        300,
    ),
    (
        "2203.13161",
        "Learning Hierarchical Cross-Modal Association for Co-Speech Gesture Generation",
        2022,
        150,
    ),
    (
        "2303.09119",
        "Taming Diffusion Models for Audio-Driven Co-Speech Gesture Generation",
        2023,
        160,
    ),
)
MISSING_ARXIV = "2308.12866"  # ToonTalker: its DOI is not in OpenAlex

_SEED_AUTHORS = (
    FakeAuthor("First Author", "0000-0002-1825-0097", _TSINGHUA),
    FakeAuthor("Second Author"),
)


def _preprint(n: int, arxiv_id: str, title: str, year: int, cited: int) -> FakeWork:
    return _W(
        f"W41{n:08d}",
        title,
        doi=f"10.48550/arxiv.{arxiv_id}",
        year=year,
        venue=_ARXIV,
        pdf_url=f"https://arxiv.org/pdf/{arxiv_id}",
        cited_by_count=cited,
        authors=_SEED_AUTHORS,
        abstract=f"We present {title.split(':')[0]}, a method for talking faces.",
    )


def _published(n: int, arxiv_id: str, title: str) -> FakeWork:
    venue, kind, doi, year, cited, merged = PUBLISHED[arxiv_id]
    return _W(
        f"W43{n:08d}",
        title,
        doi=doi,
        year=year,
        venue=venue,
        venue_type=kind,
        cited_by_count=cited,
        authors=_SEED_AUTHORS,
        abstract=None,  # the publisher sent none: the preprint's is used
        arxiv_id=arxiv_id if merged else None,
    )


SEED_WORKS: tuple[FakeWork, ...] = (
    *(
        _preprint(n, arxiv_id, title, year, cited)
        for n, (arxiv_id, title, year, cited) in enumerate(_ARXIV_PAPERS)
        if not PUBLISHED.get(arxiv_id, ("", "", "", 0, 0, False))[5]
    ),
    *(
        _published(n, arxiv_id, title)
        for n, (arxiv_id, title, _, _) in enumerate(_ARXIV_PAPERS)
        if arxiv_id in PUBLISHED
    ),
    _W(
        "W4311000001",
        "VideoReTalking: Audio-based Lip Synchronization for Talking Head Video Editing In the Wild",
        doi="10.1145/3550469.3555399",
        year=2022,
        venue="SIGGRAPH Asia 2022 Conference Papers",
        cited_by_count=120,
        authors=(
            FakeAuthor("Kun Cheng", None, ("Xidian University",)),
            FakeAuthor("Xiaodong Cun", "0000-0003-3607-2236", ("Tencent",)),
        ),
    ),
    _W(
        "W4382000002",
        "DINet: Deformation Inpainting Network for Realistic Face Visually Dubbing on High Resolution Video",
        doi="10.1609/aaai.v37i3.25464",
        year=2023,
        venue="Proceedings of the AAAI Conference on Artificial Intelligence",
        cited_by_count=55,
        abstract="For few-shot learning, it is still a critical challenge to realize photo-realistic face visually dubbing.",
    ),
    _W(
        "W4312000003",
        "Learning Dynamic Facial Radiance Fields for Few-Shot Talking Head Synthesis",
        doi="10.1007/978-3-031-19775-8_39",
        year=2022,
        venue="Lecture notes in computer science",
        cited_by_count=80,
    ),
    _W(
        "W4390000004",
        "Efficient Region-Aware Neural Radiance Fields for High-Fidelity Talking Portrait Synthesis",
        doi="10.1109/iccv51070.2023.00718",
        year=2023,
        venue="2023 IEEE/CVF International Conference on Computer Vision (ICCV)",
        cited_by_count=90,
    ),
    _W(
        "W4385000005",
        "Efficient Region-Aware Neural Radiance Fields for High-Fidelity Talking Portrait Synthesis",
        doi="10.48550/arxiv.2307.09323",
        year=2023,
        venue=_ARXIV,
        cited_by_count=12,
    ),
    _W(
        "W3210000006",
        "Speech Drives Templates: Co-Speech Gesture Synthesis with Learned Templates",
        doi="10.1109/iccv48922.2021.01089",
        year=2021,
        venue="2021 IEEE/CVF International Conference on Computer Vision (ICCV)",
        cited_by_count=110,
    ),
    _W(
        "W3210000007",
        "Audio2Gestures: Generating Diverse Gestures from Speech Audio with Conditional Variational Autoencoders",
        doi="10.1109/iccv48922.2021.01110",
        year=2021,
        venue="2021 IEEE/CVF International Conference on Computer Vision (ICCV)",
        cited_by_count=100,
    ),
    _W(
        "W2890000008",
        "Video-to-Video Synthesis",
        year=2018,
        venue="Neural Information Processing Systems",
        cited_by_count=1300,
    ),
    _W(
        "W2970000009",
        "Few-shot Video-to-Video Synthesis",
        year=2019,
        venue="Neural Information Processing Systems",
        cited_by_count=400,
    ),
    _W(
        "W2980000010",
        "Everybody Dance Now",
        doi="10.1109/iccv.2019.00603",
        year=2019,
        venue="2019 IEEE/CVF International Conference on Computer Vision (ICCV)",
        cited_by_count=900,
    ),
)


def _truth() -> dict[str, tuple[str, int]]:
    """Title head -> (venue, citations summed over the versions), as a right run reports."""
    truth: dict[str, tuple[str, int]] = {}
    for arxiv_id, title, _, cited in _ARXIV_PAPERS:
        head = title.split(":")[0]
        if arxiv_id not in PUBLISHED:
            truth[head] = (_ARXIV, cited)
            continue
        venue, _, _, _, published_cited, merged = PUBLISHED[arxiv_id]
        truth[head] = (venue, published_cited + (0 if merged else cited))
    return truth


TRUTH = _truth()
