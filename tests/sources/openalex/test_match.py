"""When a title search hit is taken: close title, same method name, plausible year, no rival."""

from __future__ import annotations

from enrich.models import OpenalexRecord
from enrich.sources.openalex._match import choose, plausible_year


def _work(work_id: str, title: str, year: int | None = 2022) -> OpenalexRecord:
    return OpenalexRecord(
        id=work_id, url=f"https://openalex.org/{work_id}", title=title, publication_year=year
    )


TITLE = "DINet: Deformation Inpainting Network for Realistic Face Visually Dubbing"


def test_a_close_title_in_a_plausible_year_is_taken() -> None:
    choice = choose(
        TITLE, 2023, [_work("W1", TITLE + ".", 2023), _work("W2", "Other things", 2023)]
    )
    assert choice.accepted is not None and choice.accepted.record.id == "W1"
    assert choice.confidence > 0.8


def test_a_year_two_away_from_the_venue_is_implausible() -> None:
    choice = choose(TITLE, 2023, [_work("W1", TITLE, 2021)])
    assert choice.accepted is None
    assert choice.best is not None and "implausible for the venue year 2023" in choice.reason
    assert choose(TITLE, 2023, [_work("W1", TITLE, 2022)]).accepted is not None
    assert plausible_year(_work("W1", TITLE, None), 2023)


def test_another_method_name_before_the_colon_is_rejected() -> None:
    rest = "Generating Diverse Gestures from Speech{} with Conditional Variational Autoencoders"
    listed, real = "Audio2Motion: " + rest.format(""), "Audio2Gestures: " + rest.format(" Audio")
    choice = choose(listed, 2021, [_work("W1", real, 2021)])
    assert choice.accepted is None
    assert choice.reason == f"no close title (best OpenAlex W1 {real!r} (2021))"


def test_a_second_close_candidate_leaves_it_unresolved() -> None:
    choice = choose(TITLE, 2023, [_work("W2", TITLE, 2023), _work("W1", TITLE, 2023)])
    assert choice.accepted is None
    assert choice.reason.startswith("ambiguous: OpenAlex W1")


def test_a_distant_title_is_not_taken_and_the_best_is_named() -> None:
    choice = choose(
        "Video-to-Video Synthesis", 2018, [_work("W9", "Few-shot Video-to-Video Synthesis", 2019)]
    )
    assert choice.accepted is None
    assert choice.best is not None and choice.best.record.id == "W9"
    assert choose("Anything", 2020, []).reason == "the title search found nothing"
