"""A repository or page the authors linked on Hugging Face reaches the GitHub and pages
sources as a discovery, with its provenance, and never replaces a link the list gives."""

from __future__ import annotations

import json
from pathlib import Path

from enrich.sources.huggingface import HuggingfaceSettings
from tests.fakes.arxiv import FakeArxiv, FakePaper
from tests.fakes.github import FakeGithub
from tests.fakes.github_seed import facts_for
from tests.pipeline.conftest import fake_settings, run_reported
from tests.sources.huggingface.fake import FakeHfPaper, FakeHuggingface

LIST = """# Awesome talking heads

## Papers

- [CVPR 2023] **SadTalker** [[Paper](https://arxiv.org/abs/2211.12194)]
- [CVPR 2020] **Wav2Lip** [[Paper](https://arxiv.org/abs/2008.10010)] [[Code](https://github.com/Rudrabha/Wav2Lip)]
"""
PAPERS = [
    FakePaper(id="2211.12194", title="SadTalker"),
    FakePaper(id="2008.10010", title="Wav2Lip"),
]
REPOS = {
    "OpenTalker/SadTalker": facts_for("OpenTalker/SadTalker", 1),
    "Rudrabha/Wav2Lip": facts_for("Rudrabha/Wav2Lip", 2),
    "someone/wav2lip-fork": facts_for("someone/wav2lip-fork", 3),
}
HUB = (
    FakeHfPaper("2211.12194", "SadTalker", 7, "https://github.com/OpenTalker/SadTalker"),
    FakeHfPaper("2008.10010", "Wav2Lip", 3, "https://github.com/someone/wav2lip-fork"),
)


def test_a_repository_found_on_hugging_face_fills_an_open_github_slot_only(
    tmp_path: Path,
) -> None:
    listing = tmp_path / "heads.md"
    listing.write_text(LIST, encoding="utf-8")
    with FakeArxiv(PAPERS) as arxiv, FakeGithub(REPOS) as github, FakeHuggingface(HUB) as hub:
        settings = fake_settings(
            tmp_path, listing, arxiv, github, only=frozenset({"arxiv", "github", "huggingface"})
        ).with_sources(HuggingfaceSettings(api_url=hub.url, delay=0.0))
        report = run_reported(settings)
    papers = json.loads((tmp_path / "out" / "heads.json").read_bytes())["papers"]
    sadtalker, wav2lip = papers
    assert sadtalker["huggingface"]["record"]["upvotes"] == 7
    assert sadtalker["github"]["record"]["full_name"] == "OpenTalker/SadTalker"
    assert sadtalker["github"]["provenance"]["method"] == "huggingface"
    # The list's own Code link stays the repository: Hugging Face's fork is not used.
    assert wav2lip["github"]["record"]["full_name"] == "Rudrabha/Wav2Lip"
    assert wav2lip["github"]["provenance"]["method"] == "code_link"
    assert report["slots"]["huggingface"]["status"] == {"ok": 2}
