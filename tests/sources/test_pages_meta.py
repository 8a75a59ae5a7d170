"""Reading title, blurb, image and links from HTML bytes, in any declared charset."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.sources.pages._meta import (
    DAMMIT_ALIASES,
    collapse_spaces,
    dammit_decode,
    decode_html,
    header_charset,
    parse_page,
)
from enrich.sources.pages._page import PageMeta, looks_like_html
from tests.fakes.pages import html_page

URL = "https://lab.github.io/avatar/"


def test_a_project_page_is_read_whole() -> None:
    page = html_page(
        "Avatar:  Talking   Heads",
        description="We animate\n portraits.",
        image="static/teaser.png",
        links=(
            "https://arxiv.org/abs/2301.00002",
            "https://github.com/lab/avatar",
            "https://github.com/lab",
            "mailto:me@example.org",
        ),
    )
    meta = parse_page(page.encode(), "text/html; charset=utf-8", URL)
    assert meta == PageMeta(
        title="Avatar: Talking Heads",
        description="We animate portraits.",
        image="https://lab.github.io/avatar/static/teaser.png",
        arxiv_ids=("2301.00002",),
        github_repos=("lab/avatar",),
        text=meta.text,
        heading="Avatar: Talking Heads",
        encoding="utf-8",
    )
    assert "https://github.com/lab/avatar" in meta.text


def test_open_graph_twitter_and_json_ld_fill_the_gaps() -> None:
    head = (
        '<meta property="og:title" content="OG title">'
        '<meta name="twitter:description" content="Card text">'
        '<meta name="twitter:image" content="https://cdn.example.org/card.jpg">'
        '<script type="application/ld+json">{"@graph": [{"name": "LD name", "description": "LD"}]}'
        "</script>"
    )
    page = f"<html><head>{head}</head><body><p>hello</p></body></html>"
    meta = parse_page(page.encode(), "text/html", URL)
    assert (meta.title, meta.description, meta.image) == (
        "OG title",
        "Card text",
        "https://cdn.example.org/card.jpg",
    )
    only_ld = (
        '<html><head><script type="application/ld+json">{"name": "LD name"}</script></head></html>'
    )
    assert parse_page(only_ld.encode(), "text/html", URL).title == "LD name"


def test_broken_json_ld_is_ignored() -> None:
    page = '<html><head><script type="application/ld+json">{oops</script></head></html>'
    assert parse_page(page.encode(), "text/html", URL).title is None


def test_base_href_resolves_relative_links() -> None:
    page = '<html><head><base href="https://github.com/"></head><body><a href="lab/x">x</a></body>'
    assert parse_page(page.encode(), "text/html", URL).github_repos == ("lab/x",)


@pytest.mark.parametrize(
    ("encoding", "declare", "content_type"),
    [
        ("shift_jis", "header", "text/html; charset=Shift_JIS"),
        ("shift_jis", "meta", "text/html"),
        ("shift_jis", "meta", "text/html; charset=utf-8"),  # a lying header
        ("euc-jp", "meta", None),
    ],
)
def test_japanese_titles_survive_their_encoding(
    encoding: str, declare: str, content_type: str | None
) -> None:
    title = "音声駆動の顔アニメーション"
    page = html_page(title, charset=encoding if declare == "meta" else None)
    meta = parse_page(page.encode(encoding), content_type, URL)
    assert meta.title == title


def test_latin1_page_declared_in_the_header() -> None:
    title = "Réseaux de neurones et visages animés — Café"
    page = html_page(title, charset=None).replace("—", "-")
    meta = parse_page(page.encode("iso-8859-1"), "text/html; charset=ISO-8859-1", URL)
    assert meta.title == title.replace("—", "-")
    assert meta.encoding == "windows-1252"


def test_a_truncated_body_keeps_a_clean_title() -> None:
    body = html_page("顔のアニメーション", body="<p>" + "長い文章" * 100 + "</p>").encode()
    cut = body[: body.rindex("文".encode()) + 1]  # inside a three-byte character
    assert "\ufffd" in decode_html(cut, "text/html; charset=utf-8")[0]  # the trap
    text, encoding = decode_html(cut, "text/html; charset=utf-8", truncated=True)
    assert encoding == "utf-8"
    assert "顔のアニメーション" in text
    assert "\ufffd" not in text


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("text/html; charset=utf-8", b"", True),
        ("application/xhtml+xml", b"", True),
        ("application/pdf", b"%PDF-1.4", False),
        (None, b"  <!DOCTYPE html><html>", True),
        (None, b"%PDF-1.4", False),
    ],
)
def test_html_is_recognised(content_type: str | None, body: bytes, expected: bool) -> None:
    assert looks_like_html(content_type, body) is expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("0; url=https://new.example.org/", "https://new.example.org/"),
        ("0;URL='../moved/'", "https://lab.github.io/moved/"),
        ("3, https://new.example.org/x", "https://new.example.org/x"),
        ("300; url=https://lab.github.io/avatar/", None),  # a page reloading itself slowly
        ("30", None),
    ],
)
def test_meta_refresh(content: str, expected: str | None) -> None:
    page = f'<html><head><meta http-equiv="Refresh" content="{content}"></head></html>'
    assert parse_page(page.encode(), "text/html", URL).refresh == expected


_CHARSETS = st.sampled_from(
    ["utf-8", "windows-1252", "shift_jis", "euc-jp", "utf-16", "utf-16le", "utf-32", "ascii",
     "macintosh", "x-sjis", "gb2312", "koi8-r", "iso-2022-jp", "rot13", "idna", "bogus", "utf8"]
)  # fmt: skip
_BODIES = st.one_of(
    st.binary(max_size=40),
    st.text(max_size=30).map(lambda text: text.encode("utf-8")),
    st.text(max_size=30).map(lambda text: text.encode("utf-16")),
    st.sampled_from(
        [b"\xef\xbb\xbf<p>bom</p>", b"\xff\xfe<\x00p\x00>\x00", b"", b"<p>caf\xe9</p>"]
    ),
)


@settings(max_examples=200, deadline=None)
@given(body=_BODIES, charset=_CHARSETS)
def test_a_declared_charset_decodes_as_unicode_dammit_would(body: bytes, charset: str) -> None:
    """The header's charset shortcut gives UnicodeDammit's answer, codec name included."""
    content_type = f"text/html; charset={charset}"
    declared = header_charset(content_type)
    assert decode_html(body, content_type) == dammit_decode(body, declared)


def test_the_charset_aliases_are_unicode_dammits() -> None:
    from bs4.dammit import UnicodeDammit

    assert UnicodeDammit.CHARSET_ALIASES == DAMMIT_ALIASES


@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u3000\u200bab")))
def test_spaces_collapse_as_the_regular_expression_collapsed_them(text: str) -> None:
    assert collapse_spaces(text) == re.sub(r"\s+", " ", text).strip()


def test_every_character_collapses_as_the_regular_expression_collapsed_it() -> None:
    every = "".join(f"a{chr(point)}b" for point in range(0x3100))  # all spaces are below U+3100
    assert collapse_spaces(every) == re.sub(r"\s+", " ", every).strip()
