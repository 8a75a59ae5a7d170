"""Property: in generated lists of every style, each arXiv and GitHub link lands in an entry
or in a warning on its line, and nothing crashes."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enrich.models import ParsedList
from enrich.parse.markdown import parse_list

WORDS = st.sampled_from(
    ["Neural", "Avatar", "Talking", "Face", "Motion", "Diffusion", "3D", "Gaussian", "Video",
     "Datasets", "News", "Survey", "Learning", "Code", "Paper", "中文", "🔥"]
)  # fmt: skip
TITLES = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
ARXIV = st.builds(
    lambda yymm, num, form: form.format(f"{yymm}.{num:05d}"),
    st.integers(1501, 2612).filter(lambda v: 1 <= v % 100 <= 12),
    st.integers(1, 99999),  # arXiv numbers start at 00001
    st.sampled_from(
        ["https://arxiv.org/abs/{}", "https://arxiv.org/pdf/{}.pdf", "http://arxiv.org/abs/{}v2"]
    ),
)
REPO = st.builds(
    "https://github.com/{}/{}".format,
    st.from_regex(r"[a-z][a-z0-9]{1,8}", fullmatch=True),
    st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{1,10}", fullmatch=True),
)
VENUE = st.sampled_from(["", "CVPR 2023", "ICCV'21", "arXiv 2024", "NeurIPS 2022"])


@st.composite
def entry(draw: st.DrawFn) -> str:
    title, url, venue = draw(TITLES), draw(ARXIV), draw(VENUE)
    repo = draw(st.one_of(st.none(), REPO))
    code = f" [Code]({repo})" if repo else ""
    style = draw(st.integers(0, 6))
    if style == 0:
        return f"- [{venue}] [{title}]({url}), Some Lab,{code}"
    if style == 1:
        return f"【{venue}】{title} [[paper]](<{url}>) ;{code}"
    if style == 2:
        return f"| {title} | {venue} | [Link]({url}) | {f'[Link]({repo})' if repo else '--'} |"
    if style == 3:
        return f'<ul><li><b>({venue})</b> <a href="{url}">{title}</a>: more, X et al.</li></ul>'
    if style == 4:
        return f"**{title}.**<br>\n*A. Author, B. Author.*<br>\n{venue}. [[PDF]({url})]{code}"
    if style == 5:
        return f"### 1. {title} [{venue}]\n\n**Authors**: A, B\n\n[📄 Paper]({url}){code}"
    return (
        f"+ [{title}]({url}) (Mar., 2024)\n  [![Star](https://img.shields.io/x.svg)]({repo or url})"
    )


HEADINGS = st.sampled_from(
    ["## Papers", "## News", "## Contributing", "## 2023", "### Faces", "## Datasets", "# Title"]
)
TABLE_HEADER = "| Title | Venue | Paper | Code |\n| --- | --- | --- | --- |"
DOCUMENT = st.lists(
    st.one_of(HEADINGS, entry(), st.just(TABLE_HEADER), st.just("<details><summary>x</summary>")),
    max_size=14,
).map("\n\n".join)
_LINK = re.compile(r"https?://(?:arxiv\.org|github\.com)/[^\s)>\]|\"]+")


def _held(parsed: ParsedList) -> str:
    return parsed.model_dump_json(include={"papers", "researchers", "datasets", "metrics", "tools"})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT)
def test_every_link_is_in_an_entry_or_a_warning_on_its_line(text: str) -> None:
    parsed = parse_list(text, "generated.md")
    held = _held(parsed)
    warned = {w.line for w in parsed.warnings}
    messages = "\n".join(w.message for w in parsed.warnings).lower()
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        for url in _LINK.findall(line):
            key = url.split("/abs/")[-1].split("/pdf/")[-1].removesuffix(".pdf").split("v")[0]
            key = key if "arxiv" in url else url.split("github.com/")[1].lower()
            assert key in held.lower() or number in warned or key in messages, (number, url)
    assert parse_list(text, "generated.md") == parsed
