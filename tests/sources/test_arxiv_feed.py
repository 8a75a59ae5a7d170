"""The Atom parser, on both formats arXiv has served, error entries and junk."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.models import ArxivAuthor, ArxivRecord
from enrich.sources.arxiv._feed import FeedError, FeedResult, MalformedFeed, parse_feed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "arxiv"

SADTALKER = ArxivRecord(
    id="2211.12194",
    version=2,
    title=(
        "SadTalker: Learning Realistic 3D Motion Coefficients for Stylized Audio-Driven "
        "Single Image Talking Face Animation"
    ),
    authors=(
        ArxivAuthor(name="Wenxuan Zhang", affiliations=("Xi'an Jiaotong University",)),
        ArxivAuthor(name="Xiaodong Cun"),
        ArxivAuthor(name="Xuan Wang"),
    ),
    abstract=(
        "Generating talking head videos through a face image and a piece of speech audio "
        "still contains many challenges. ie, unnatural head movement, distorted expression, "
        "and identity modification. We present SadTalker, which generates 3D motion "
        "coefficients (head pose, expression) of the 3DMM from audio. Code: "
        "https://github.com/OpenTalker/SadTalker."
    ),
    published="2022-11-22",
    updated="2023-03-13",
    categories=("cs.CV", "cs.GR"),
    primary_category="cs.CV",
    doi="10.1109/CVPR52729.2023.00836",
    journal_ref="CVPR 2023",
    comment=(
        "Accepted by CVPR 2023, Project page: https://sadtalker.github.io, Code: "
        "https://github.com/Winfredy/SadTalker"
    ),
    abs_url="https://arxiv.org/abs/2211.12194",
    pdf_url="https://arxiv.org/pdf/2211.12194v2",
)
OLD_STYLE = ArxivRecord(
    id="hep-th/9901001",
    version=1,
    title='Some $\\mathcal{N}=2$ Remarks on Schr\\"odinger Operators',
    authors=(ArxivAuthor(name="A. Physicist"),),
    abstract="We make remarks.",
    published="1999-01-04",
    updated="1999-01-04",
    categories=("hep-th",),
    primary_category="hep-th",
    abs_url="https://arxiv.org/abs/hep-th/9901001",
    pdf_url="https://arxiv.org/pdf/hep-th/9901001v1",
)


def test_new_format() -> None:
    result = parse_feed((FIXTURES / "new_format.xml").read_bytes())
    assert result == FeedResult(records=(SADTALKER, OLD_STYLE), total_results=3)


def test_old_format_gives_the_same_records() -> None:
    result = parse_feed((FIXTURES / "old_format.xml").read_bytes())
    assert result == FeedResult(records=(SADTALKER, OLD_STYLE), total_results=2)


def test_error_entry_is_reported_not_skipped() -> None:
    result = parse_feed((FIXTURES / "error_400.xml").read_bytes())
    assert result == FeedResult(
        errors=(
            FeedError(
                message="incorrect id format for abc",
                error_id="https://arxiv.org/api/errors#incorrect_id_format_for_abc",
            ),
        ),
        total_results=1,
    )


def test_empty_feed() -> None:
    assert parse_feed((FIXTURES / "empty.xml").read_bytes()) == FeedResult(total_results=0)


def test_entry_with_missing_fields_is_kept_or_counted() -> None:
    body = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2301.00001v1'
        b"</id><title>Only a title</title></entry><entry><title>no id</title></entry></feed>"
    )
    assert parse_feed(body) == FeedResult(
        records=(
            ArxivRecord(
                id="2301.00001",
                version=1,
                title="Only a title",
                abs_url="https://arxiv.org/abs/2301.00001",
            ),
        ),
        skipped=1,
    )


@pytest.mark.parametrize(
    "body", [b"<html><body>Service Unavailable</body></html>", b"<feed", b"", b"not xml"]
)
def test_junk_raises_malformed_feed(body: bytes) -> None:
    with pytest.raises(MalformedFeed):
        parse_feed(body)
