"""Title normalisation and the kinds of match the resolver relies on."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enrich.matching import titles
from enrich.matching.titles import (
    MatchKind,
    compare,
    fold,
    head,
    names_differ,
    normalize_title,
    query_terms,
)

SADTALKER = (
    "SadTalker: Learning Realistic 3D Motion Coefficients for Stylized Audio-Driven "
    "Single Image Talking Face Animation"
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "  AD-NeRF: Audio Driven   Neural Radiance Fields ",
            "ad nerf audio driven neural radiance fields",
        ),
        ("\\emph{Schr\\\"odinger}'s $\\alpha$-Nets", "schrodinger s alpha nets"),
        ("Schrödinger’s “Cat” (Revisited)", "schrodinger s cat revisited"),
        ("Ｆｕｌｌ－width", "full width"),
        ("{NeRF} \\& Friends", "nerf friends"),
    ],
)
def test_normalize_title(raw: str, expected: str) -> None:
    assert normalize_title(raw) == expected


@pytest.mark.parametrize(
    ("label", "title", "kind"),
    [
        (SADTALKER, SADTALKER, MatchKind.EXACT),
        (SADTALKER.upper().replace("AUDIO-DRIVEN", "AUDIO DRIVEN"), SADTALKER, MatchKind.EXACT),
        (
            "Gesture Generation from Trimodal Contexts",
            "Gesture Generation from Trimodal Context",
            MatchKind.CLOSE,
        ),
        (
            "Audio2Motion Generating Diverse Gestures from Speech with Conditional "
            "Variational Autoencoders",
            "Audio2Gestures Generating Diverse Gestures from Speech Audio with Conditional "
            "Variational Autoencoders",
            MatchKind.RENAMED,
        ),
        # Precision (issue 12): a different name before the colon is a different paper.
        (
            "DubtoneGen: Learning 3D Motion Coefficients for Real-Time Dance Video Generation",
            "FacesyncTalker: Learning 3D Motion Coefficients for Real-Time Dance Video Generation",
            MatchKind.NONE,
        ),
        (
            "Audio2Motion: Generating Diverse Gestures from Speech with Conditional "
            "Variational Autoencoders",
            "Audio2Gestures: Generating Diverse Gestures from Speech Audio with Conditional "
            "Variational Autoencoders",
            MatchKind.NONE,
        ),
        ("SadTalker: Learning Faces", "Sadtalker:  learning faces!", MatchKind.EXACT),
        ("SadTalker", SADTALKER, MatchKind.LABEL_HEAD),
        (
            "Articulated-Animation",
            "Motion Representations for Articulated Animation",
            MatchKind.LABEL_IN_TITLE,
        ),
        ("FOMM", "First Order Motion Model for Image Animation", MatchKind.ACRONYM),
        (
            "CodeTalker",
            "DPE: Disentanglement of Pose and Expression for General Video Portrait Editing",
            MatchKind.NONE,
        ),
        # Near misses: sharing many words is not enough.
        (
            "Audio-Driven Talking Face Generation with Diverse yet Realistic Facial Animations",
            "Audio-Driven Talking Face Video Generation with Learning-based Personalized Head Pose",
            MatchKind.NONE,
        ),
        ("Short Title Here", "Short Title There Now", MatchKind.NONE),
    ],
)
def test_compare_kinds(label: str, title: str, kind: MatchKind) -> None:
    assert compare(label, title).kind == kind


def test_only_strong_kinds_accept_search_hits() -> None:
    assert compare("SadTalker", SADTALKER).accepts_search_hit
    assert not compare(
        "Implicit", "Implicit Warping for Animation with Image Sets"
    ).accepts_search_hit
    assert not compare("FOMM", "First Order Motion Model for Image Animation").accepts_search_hit


def test_head() -> None:
    assert head(SADTALKER) == "SadTalker"
    assert head("MODA - Mapping-Once Audio-driven Portrait Animation") == "MODA"
    assert head("Gesture Generation from Trimodal Context") is None


def test_query_terms_drop_punctuation_and_method_name() -> None:
    assert query_terms("ToonTalker: Cross-Domain Face Reenactment") == (
        "cross",
        "domain",
        "face",
        "reenactment",
    )
    assert query_terms("Taming Diffusion Models for Audio-Driven Co-Speech Gesture Generation") == (
        "taming",
        "diffusion",
        "models",
        "audio",
        "driven",
        "co",
        "speech",
        "gesture",
        "generation",
    )
    assert query_terms("SadTalker") == ("sadtalker",)
    assert query_terms('Don\'t "Stop": (Re)thinking [Things]') == (
        "don",
        "t",
        "stop",
        "re",
        "thinking",
        "things",
    )


@given(st.text(max_size=80))
def test_normalize_is_idempotent_and_clean(text: str) -> None:
    once = normalize_title(text)
    assert normalize_title(once) == once
    assert all(c.isalnum() or c == " " or c == "_" for c in once) or once == ""


@given(st.text(max_size=40) | st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_fold_is_nfkd_without_marks_casefolded(text: str) -> None:
    """The ASCII fast path gives what the definition gives."""
    decomposed = unicodedata.normalize("NFKD", text)
    assert fold(text) == "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@given(st.text(alphabet="ab {}$~&_^'\"emphtxbf.=`", max_size=30) | st.text(max_size=30))
def test_latex_patterns_all_need_a_backslash(text: str) -> None:
    """Why strip_latex may skip its patterns for text without a backslash: none can match."""
    patterns = (
        titles._LATEX_COMMAND_WITH_ARG,
        titles._LATEX_ACCENT,
        titles._LATEX_ESCAPED,
        titles._LATEX_COMMAND,
    )
    if "\\" not in text:
        assert all(pattern.search(text) is None for pattern in patterns)


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("Sparkle: A Catchy Name", "Sparkle: Robust Talking Heads", True),
        ("SPARKLE - a catchy name", "Sparkle: Robust Talking Heads", True),
        ("Sparkle: A Catchy Name", "Glitter: Robust Talking Heads", False),
        ("A Catchy Name", "Sparkle: A Catchy Name", False),  # no head on one side
    ],
)
def test_same_head(left: str, right: str, expected: bool) -> None:
    from enrich.matching.titles import same_head

    assert same_head(left, right) is expected


def test_the_entrys_links_may_confirm_a_misnamed_method() -> None:
    listed = "Audio2Motion: Generating Diverse Gestures from Speech with Conditional VAEs"
    arxiv = "Audio2Gestures: Generating Diverse Gestures from Speech Audio with Conditional VAEs"
    cvf = "https://openaccess.thecvf.com/content/ICCV2021/papers/Li_Audio2Gestures_Generating.pdf"
    assert compare(listed, arxiv, evidence=cvf).kind == MatchKind.RENAMED
    assert compare(listed, arxiv, evidence="https://example.org/a2m.pdf").kind == MatchKind.NONE
    # A long "head" is part of the title, not a method name: no name rule.
    assert not names_differ(
        "Talking Face Generation: A Survey", "Talking Head Generation: A Survey"
    )
