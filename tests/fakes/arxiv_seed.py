"""The seed list's papers as arXiv knows them, and the seed's arXiv targets.

The ids are those the seed links to, plus the ids of papers it names without
an arXiv link; titles and v1 dates are the papers' arXiv metadata as far as
we know them (plausible where unsure). A few real near-miss papers from the
same field are included so that title searches meet distractors. Two seed
papers (DINet, Speech Drives Templates) have no arXiv record here.

``seed_targets`` reads the seed with a small regex of its own (the shared
parser is another module's job): one target per paper, and one per
researcher's work that links to arXiv, as the pipeline builds them.
"""

from __future__ import annotations

import re
from pathlib import Path

from enrich.identity.arxiv import extract_id
from enrich.sources.interface import Hint, Target
from tests.fakes.arxiv import FakePaper

_P = FakePaper
SEED_PAPERS: tuple[FakePaper, ...] = (
    _P("2008.10010", "A Lip Sync Expert Is All You Need for Speech to Lip Generation In The Wild",
       published="2020-08-23T11:01:25Z", comment="ACM MM 2020. Code: https://github.com/Rudrabha/Wav2Lip"),
    _P("2104.11116", "Pose-Controllable Talking Face Generation by Implicitly Modularized "
       "Audio-Visual Representation", published="2021-04-22T15:10:26Z"),
    _P("2109.08379", "PIRenderer: Controllable Portrait Image Generation via Semantic Neural "
       "Rendering", published="2021-09-17T07:24:16Z"),
    _P("2203.04036", "StyleHEAT: One-Shot High-Resolution Editable Talking Face Generation via "
       "Pre-trained StyleGAN", published="2022-03-08T12:06:12Z"),
    _P("2211.14758", "VideoReTalking: Audio-based Lip Synchronization for Talking Head Video "
       "Editing In the Wild", published="2022-11-27T08:14:23Z",
       abstract="Code: https://github.com/OpenTalker/video-retalking"),
    _P("2211.12194", "SadTalker: Learning Realistic 3D Motion Coefficients for Stylized "
       "Audio-Driven Single Image Talking Face Animation", published="2022-11-22T11:35:07Z",
       version=2, comment="Accepted by CVPR 2023, Code: https://github.com/Winfredy/SadTalker"),
    _P("2301.06281", "DPE: Disentanglement of Pose and Expression for General Video Portrait "
       "Editing", published="2023-01-16T08:23:36Z"),
    _P("2307.10008", "MODA: Mapping-Once Audio-driven Portrait Animation with Dual Attentions",
       published="2023-07-19T14:45:41Z"),
    _P("2308.12866", "ToonTalker: Cross-Domain Face Reenactment", published="2023-08-24T15:43:14Z"),
    _P("2103.11078", "AD-NeRF: Audio Driven Neural Radiance Fields for Talking Head Synthesis",
       published="2021-03-20T02:58:13Z"),
    _P("2207.11770", "Learning Dynamic Facial Radiance Fields for Few-Shot Talking Head Synthesis",
       published="2022-07-24T13:32:28Z"),
    _P("2301.13430", "GeneFace: Generalized and High-Fidelity Audio-Driven 3D Talking Face "
       "Synthesis", published="2023-01-31T05:56:06Z"),
    _P("2307.09323", "Efficient Region-Aware Neural Radiance Fields for High-Fidelity Talking "
       "Portrait Synthesis", published="2023-07-18T15:07:32Z"),
    _P("2305.00787", "GeneFace++: Generalized and Stable Real-Time Audio-Driven 3D Talking Face "
       "Generation", published="2023-05-01T12:24:09Z"),
    _P("2009.02119", "Speech Gesture Generation from the Trimodal Context of Text, Audio, and "
       "Speaker Identity", published="2020-09-04T11:42:45Z"),
    _P("2108.06720", "Audio2Gestures: Generating Diverse Gestures from Speech Audio with "
       "Conditional Variational Autoencoders", published="2021-08-15T11:15:51Z"),
    _P("2203.13161", "Learning Hierarchical Cross-Modal Association for Co-Speech Gesture "
       "Generation", published="2022-03-24T16:33:29Z"),
    _P("2303.09119", "Taming Diffusion Models for Audio-Driven Co-Speech Gesture Generation",
       published="2023-03-16T07:32:31Z"),
    _P("1808.06601", "Video-to-Video Synthesis", published="2018-08-20T17:59:45Z"),
    _P("1808.07371", "Everybody Dance Now", published="2018-08-22T17:57:23Z"),
    # Researchers' works.
    _P("2301.02700", "3DAvatarGAN: Bridging Domains for Personalized Editable Avatars",
       published="2023-01-06T19:58:47Z"),
    _P("2112.01422", "3D-Aware Semantic-Guided Generative Model for Human Synthesis",
       published="2021-12-02T17:10:53Z"),
    _P("2104.11280", "Motion Representations for Articulated Animation",
       published="2021-04-22T18:53:56Z"),
    _P("1812.08861", "Animating Arbitrary Objects via Deep Motion Transfer",
       published="2018-12-20T16:47:18Z"),
    _P("2301.02379", "CodeTalker: Speech-Driven 3D Facial Animation with Discrete Motion Prior",
       published="2023-01-06T05:04:32Z"),
    _P("2306.00926", "Inserting Anybody in Diffusion Models via Celeb Basis",
       published="2023-06-01T17:30:24Z"),
    _P("2309.09294", "LivelySpeaker: Towards Semantic-Aware Co-Speech Gesture Generation",
       published="2023-09-17T15:45:26Z"),
    # Near misses from the same field.
    _P("2305.05445", "StyleSync: High-Fidelity Generalized and Personalized Lip Sync in "
       "Style-based Generator", published="2023-05-09T13:38:13Z"),
    _P("2211.12368", "Real-time Neural Radiance Talking Portrait Synthesis via Audio-spatial "
       "Decomposition", published="2022-11-22T16:03:11Z"),
    _P("2012.03065", "Dynamic Neural Radiance Fields for Monocular 4D Facial Avatar "
       "Reconstruction", published="2020-12-05T16:01:16Z"),
    _P("2104.07452", "Audio-Driven Emotional Video Portraits", published="2021-04-15T13:37:13Z"),
    _P("2002.10137", "Audio-driven Talking Face Video Generation with Learning-based "
       "Personalized Head Pose", published="2020-02-24T14:51:44Z"),
)  # fmt: skip

_PAPER = re.compile(
    r"^- \[(?P<venue>[^\]]*?)\s*(?P<year>\d{4})\] \[(?P<title>[^\]]+)\]\((?P<url>[^)]+)\)"
)
_WORK = re.compile(
    r"\[(?P<label>[^\]]+?)\s+(?P<venue>[A-Za-z][A-Za-z ]*?)\s*'?(?P<year>\d{2}|\d{4})\]"
    r"\((?P<url>[^)]+)\)"
)


def _year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def seed_targets(seed: Path) -> list[Target]:
    """The seed's arXiv targets: every paper, and every work that links to arXiv."""
    targets: list[Target] = []
    in_researchers = False
    for number, line in enumerate(seed.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("## "):
            in_researchers = line.startswith("## Researchers")
        paper = _PAPER.match(line)
        if paper:
            hint = Hint(paper["url"], "link")
            targets.append(
                Target(
                    f"paper:{number}",
                    seed.name,
                    number,
                    paper["title"],
                    int(paper["year"]),
                    (hint,),
                )
            )
        elif in_researchers:
            for n, work in enumerate(_WORK.finditer(line)):
                if extract_id(work["url"]):
                    targets.append(
                        Target(
                            f"work:{number}:{n}", seed.name, number, work["label"],
                            _year(work["year"]), (Hint(work["url"], "link"),),
                        )
                    )  # fmt: skip
    return targets
