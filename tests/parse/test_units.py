"""Venue tags, ids, URL helpers and the href-typo detector, one rule at a time."""

from __future__ import annotations

import pytest

from enrich.parse.blocks.html_tables import html_tables
from enrich.parse.blocks.rows import AttributeTypo
from enrich.parse.fields.venue import parse_venue_tag, split_label_and_tag
from enrich.parse.ids import IdAllocator, entry_id, slugify
from enrich.parse.links.urls import arxiv_id, badge_repo, find_bare_urls, github_repo, url_key
from enrich.parse.markdown import parse_list


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("CVPR 2023", ("CVPR", 2023)),
        ("SIGGRAPH Asia 2022", ("SIGGRAPH Asia", 2022)),
        ("arXiv 2023", ("arXiv", 2023)),
        ("NeurIPS'18", ("NeurIPS", 2018)),
        ("SIGGRAPH Asia'22", ("SIGGRAPH Asia", 2022)),
        ("CVPR2023", ("CVPR", 2023)),
        ("ACM MM'99", ("ACM MM", 1999)),
        ("Preprint", ("Preprint", None)),
        ("2021", (None, 2021)),
    ],
)
def test_parse_venue_tag(tag: str, expected: tuple[str | None, int | None]) -> None:
    assert parse_venue_tag(tag) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vid2vid NeurIPS'18", ("vid2vid", "NeurIPS'18")),
        ("Lumos SIGGRAPH Asia 2022", ("Lumos", "SIGGRAPH Asia 2022")),
        ("VideoReTalking SIGGRAPH Asia'22", ("VideoReTalking", "SIGGRAPH Asia'22")),
        ("Few shot vid2vid NeurIPS'19", ("Few shot vid2vid", "NeurIPS'19")),
        ("CVPR'23", ("CVPR'23", "CVPR'23")),
        ("Just a label", ("Just a label", None)),
    ],
)
def test_split_label_and_tag(text: str, expected: tuple[str, str | None]) -> None:
    assert split_label_and_tag(text) == expected


def test_slugify() -> None:
    assert slugify("Wav2Lip: Accurately Lip-sync Videos to Any Speech") == (
        "wav2lip-accurately-lip-sync-videos-to"
    )
    assert slugify("Université Montréal") == "universite-montreal"
    assert slugify("中文标题") == ""


def test_entry_id_ignores_case_and_spacing_but_not_content() -> None:
    base = entry_id("paper", "A Title", "https://x.org/1")
    assert base == entry_id("paper", "a  title", "https://x.org/1")
    assert base != entry_id("paper", "A Title", "https://x.org/2")
    assert base.startswith("paper-a-title-") and len(base.rsplit("-", 1)[1]) == 8
    assert entry_id("paper", "中文", None).startswith("paper-") is True


def test_allocator_suffixes_repeats_in_order() -> None:
    ids = IdAllocator()
    assert [ids.claim("a"), ids.claim("a"), ids.claim("b"), ids.claim("a")] == [
        "a",
        "a-2",
        "b",
        "a-3",
    ]


PAPER_A = "- [CVPR 2023] [Alpha Paper](https://arxiv.org/abs/2301.00001), Lab A\n"
PAPER_B = "- [ICCV 2023] [Beta Paper](https://arxiv.org/abs/2301.00002), Lab B\n"


def test_moving_an_entry_keeps_its_id() -> None:
    first = parse_list("## Papers\n" + PAPER_A + PAPER_B, "x.md")
    moved = parse_list("## Papers\n\nintro\n\n" + PAPER_B + "### Later\n" + PAPER_A, "x.md")
    assert {p.title: p.id for p in first.papers} == {p.title: p.id for p in moved.papers}
    assert [p.line for p in moved.papers] == [5, 7]


def test_duplicate_paper_gets_suffix_and_warning() -> None:
    parsed = parse_list("## Papers\n" + PAPER_A + PAPER_A, "x.md")
    first, second = parsed.papers
    assert second.id == first.id + "-2"
    assert [(w.kind.value, w.line, w.entry_id) for w in parsed.warnings] == [
        ("duplicate_entry", 3, second.id)
    ]


def test_link_helpers() -> None:
    assert badge_repo("https://img.shields.io/github/stars/OWNER/my.repo.svg") == "OWNER/my.repo"
    assert badge_repo("https://img.shields.io/github/forks/a/b?style=social") == "a/b"
    assert badge_repo("https://img.shields.io/badge/x-y-z.svg") is None
    assert github_repo("https://github.com/a/b/tree/master/c") == "a/b"
    assert github_repo("https://example.org/a/b") is None
    assert arxiv_id("https://arxiv.org/pdf/2203.04036v2.pdf") == "2203.04036"
    assert url_key("https://arxiv.org/abs/2203.04036") == url_key("http://arxiv.org/pdf/2203.04036")
    assert url_key("https://www.Example.org/a/") == url_key("http://example.org/a")
    assert find_bare_urls("see https://x.org/a, and (https://y.org/b).") == [
        "https://x.org/a",
        "https://y.org/b",
    ]


@pytest.mark.parametrize("attribute", ["herf", "hre", "hrefs", "HERF"])
def test_href_typos_are_recovered(attribute: str) -> None:
    ((row,),), _ = html_tables(f'<table>\n\n<tr><td><a {attribute}="u">x</a></td></tr></table>', 10)
    assert row.line == 12
    assert row.cells[0].href is None
    assert row.cells[0].typo == AttributeTypo(attribute.lower(), "u", 12)
    assert row.cells[0].url == "u"


@pytest.mark.parametrize("attribute", ["rel", "title", "name", "target"])
def test_other_attributes_are_not_typos(attribute: str) -> None:
    ((row,),), _ = html_tables(f'<table><tr><td><a {attribute}="u">x</a></td></tr></table>', 1)
    assert (row.cells[0].href, row.cells[0].typo) == (None, None)


def test_link_targets_are_kept_as_written() -> None:
    text = (
        "## Papers\n- [CVPR 2023] [Ünïcode](https://example.org/müller/a%20b), Lab, "
        "[Code](https://github.com/müller/repo) "
        "![s](https://img.shields.io/github/stars/müller/repo.svg)\n"
    )
    (paper,) = parse_list(text, "x.md").papers
    # a title linked to a site that is no paper host is the paper's page
    assert (paper.project_url, paper.code_url, paper.badge_repos) == (
        "https://example.org/müller/a%20b",
        "https://github.com/müller/repo",
        (),  # not a valid GitHub owner name (enrich.identity.github), so no badge repository
    )
