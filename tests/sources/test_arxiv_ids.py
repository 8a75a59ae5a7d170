"""The arXiv id extractor: real-world URL shapes (table) and properties (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enrich.identity.arxiv import ArxivRef, extract_id, is_arxiv_url, parse_id

SHAPES = [
    ("https://arxiv.org/abs/2104.11116", ArxivRef("2104.11116")),
    ("https://arxiv.org/pdf/2211.12194.pdf", ArxivRef("2211.12194")),
    ("https://arxiv.org/pdf/2211.12194", ArxivRef("2211.12194")),
    ("https://arxiv.org/pdf/2211.12194v2", ArxivRef("2211.12194", 2)),
    ("https://arxiv.org/pdf/2211.12194v2.pdf", ArxivRef("2211.12194", 2)),
    ("https://arxiv.org/html/2301.06281v2#S5", ArxivRef("2301.06281", 2)),
    ("https://export.arxiv.org/abs/2301.06281", ArxivRef("2301.06281")),
    ("https://www.arxiv.org/abs/2301.06281/", ArxivRef("2301.06281")),
    ("http://arxiv.org/abs/2301.06281?context=cs", ArxivRef("2301.06281")),
    ("arxiv.org/abs/2301.06281", ArxivRef("2301.06281")),
    ("https://arxiv.org/abs/0704.0001", ArxivRef("0704.0001")),
    ("https://arxiv.org/ps/1812.08861v3", ArxivRef("1812.08861", 3)),
    ("https://doi.org/10.48550/arXiv.2301.06281", ArxivRef("2301.06281")),
    ("https://doi.org/10.48550/ARXIV.2301.06281", ArxivRef("2301.06281")),
    ("10.48550/arXiv.2301.06281", ArxivRef("2301.06281")),
    ("https://alphaxiv.org/abs/2301.06281", ArxivRef("2301.06281")),
    ("https://www.alphaxiv.org/abs/2301.06281v1", ArxivRef("2301.06281", 1)),
    # alphaXiv's Markdown rendering, language paths and PDF host (issue 12).
    ("https://alphaxiv.org/abs/2301.06281.md", ArxivRef("2301.06281")),
    ("https://www.alphaxiv.org/abs/2301.06281v3.md", ArxivRef("2301.06281", 3)),
    ("https://alphaxiv.org/zh/abs/2301.06281v2", ArxivRef("2301.06281", 2)),
    ("https://www.alphaxiv.org/ja/overview/2301.06281", ArxivRef("2301.06281")),
    ("https://pdfs.assets.alphaxiv.org/2301.06281v2.pdf", ArxivRef("2301.06281", 2)),
    ("https://pdfs.assets.alphaxiv.org/hep-th/9901001.pdf", None),  # one segment only
    ("arXiv:2301.06281v4", ArxivRef("2301.06281", 4)),
    ("2301.06281", ArxivRef("2301.06281")),
    ("hep-th/9901001", ArxivRef("hep-th/9901001")),
    ("math.GT/0309136", ArxivRef("math/0309136")),
    ("https://arxiv.org/abs/math.GT/0309136v2", ArxivRef("math/0309136", 2)),
    ("https://arxiv.org/abs/hep-th/9901001", ArxivRef("hep-th/9901001")),
    ("https://arxiv.org/pdf/quant-ph/0201082v1.pdf", ArxivRef("quant-ph/0201082", 1)),
    # Not arXiv, or not a valid id.
    ("https://openaccess.thecvf.com/content/ICCV2021/2104.11116.pdf", None),
    ("http://papers.nips.cc/paper/8935-first-order-motion-model-for-image-animation", None),
    ("https://github.com/OpenTalker/video-retalking", None),
    ("https://arxiv.org/abs/abc", None),
    ("https://arxiv.org/abs/2313.12345", None),  # month 13
    ("https://arxiv.org/abs/1501.1234", None),  # 2015 on: five digits
    ("https://arxiv.org/abs/2301.06281v0", None),
    # Paper number zero was never issued (issue 12).
    ("https://arxiv.org/abs/0704.0000", None),
    ("0704.0000", None),
    ("https://arxiv.org/abs/2301.00000", None),
    ("quant-ph/9409000", None),
    ("https://arxiv.org/abs/quant-ph/9409000v1", None),
    ("quant-ph/9409001", ArxivRef("quant-ph/9409001")),
    ("https://arxiv.org/abs/2101.00001v" + "9" * 5000, None),  # issue 13
    ("https://arxiv.org/list/cs.CV/recent", None),
    ("foo/9901001", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_real_world_shapes(text: str, expected: ArxivRef | None) -> None:
    assert extract_id(text) == expected


def test_is_arxiv_url_flags_arxiv_hosts_even_without_an_id() -> None:
    assert is_arxiv_url("https://arxiv.org/abs/abc")
    assert is_arxiv_url("alphaxiv.org/abs/2301.06281")
    assert not is_arxiv_url("https://github.com/arxiv/arxiv")


yymm_new = st.builds(lambda y, m: f"{y:02d}{m:02d}", st.integers(15, 99), st.integers(1, 12))
new_ids = st.builds(lambda yymm, n: f"{yymm}.{n:05d}", yymm_new, st.integers(1, 99999))
old_ids = st.builds(
    lambda a, y, m, n: f"{a}/{y:02d}{m:02d}{n:03d}",
    st.sampled_from(["hep-th", "math", "astro-ph", "cond-mat", "quant-ph"]),
    st.sampled_from([91, 95, 99, 0, 3, 7]),
    st.integers(1, 12),
    st.integers(1, 999),
)
ids = st.one_of(new_ids, old_ids)
versions = st.one_of(st.none(), st.integers(1, 30))
templates = st.sampled_from(
    [
        "https://arxiv.org/abs/{}",
        "http://www.arxiv.org/abs/{}",
        "https://export.arxiv.org/abs/{}",
        "https://arxiv.org/pdf/{}",
        "https://arxiv.org/pdf/{}.pdf",
        "https://arxiv.org/html/{}#S3",
        "https://arxiv.org/abs/{}?context=cs",
        "https://doi.org/10.48550/arXiv.{}",
        "10.48550/arXiv.{}",
        "https://alphaxiv.org/abs/{}",
        "arXiv:{}",
        "{}",
    ]
)


@given(ids, versions, templates)
def test_every_shape_yields_the_canonical_id(arxiv_id: str, version: int | None, t: str) -> None:
    suffix = f"v{version}" if version else ""
    doi_shape = "10.48550" in t
    written = t.format(arxiv_id + ("" if doi_shape else suffix))
    assert extract_id(written) == ArxivRef(arxiv_id, None if doi_shape else version)


@given(ids)
def test_a_canonical_id_parses_to_itself(arxiv_id: str) -> None:
    assert parse_id(arxiv_id) == ArxivRef(arxiv_id)


@given(st.text(max_size=60))
def test_extract_never_raises_and_returns_valid_ids(text: str) -> None:
    ref = extract_id(text)
    assert ref is None or parse_id(ref.id) == ArxivRef(ref.id)


@given(st.sampled_from(["GT", "AG", "CO"]), st.integers(1, 12), st.integers(1, 999))
def test_old_style_subject_class_is_dropped(subject: str, month: int, number: int) -> None:
    raw = f"math.{subject}/03{month:02d}{number:03d}"
    assert parse_id(raw) == ArxivRef(f"math/03{month:02d}{number:03d}")
