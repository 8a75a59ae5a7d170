"""Per-list settings change what inference cannot know, and a bad file never stops the parse."""

from __future__ import annotations

from pathlib import Path

from enrich.models import ToolCategory, WarningKind
from enrich.parse.accounting import LinkTally, link_tally
from enrich.parse.list_settings import load_settings, parse_settings
from enrich.parse.markdown import parse_list
from enrich.pipeline.lists import parse_file
from tests.parse.conftest import FIXTURES

LIST = """# A list

## Company
- [Acme Labs](https://github.com/acme/avatar-kit) makes avatar tools

## Evaluation Benchmarks
| Benchmark | Venue | Resources |
| --- | --- | --- |
| HalluBench | CVPR 2025 | [pdf](https://arxiv.org/abs/2501.00001) |
"""


def test_without_settings_inference_decides() -> None:
    parsed = parse_list(LIST, "a.md")
    assert parsed.papers == ()
    assert [(t.line, t.name, t.category) for t in parsed.tools] == [
        (4, "Acme Labs", ToolCategory.WEBSITE)  # a company's link, not a paper
    ]
    assert [(w.kind, w.line) for w in parsed.warnings] == [
        (WarningKind.LINK_NOT_TAKEN, 9),  # read as a dataset table, whose rows have no name
        (WarningKind.MALFORMED_ENTRY, 9),
    ]


def test_settings_skip_a_section_and_name_a_section_kind_and_a_column() -> None:
    settings = parse_settings(
        'skip_sections = ["Company"]\n'
        "[sections]\n"
        '"📏 Evaluation Benchmarks" = "papers"\n'
        "[columns]\n"
        'benchmark = "title"\n',
        "a.toml",
    )
    parsed = parse_list(LIST, "a.md", settings)
    assert [(p.line, p.title, p.venue, p.year, p.paper_url) for p in parsed.papers] == [
        (9, "HalluBench", "CVPR", 2025, "https://arxiv.org/abs/2501.00001")
    ]
    assert [(w.line, w.message) for w in parsed.warnings] == [
        (4, "not in any entry (section 'Company' holds no papers): repo acme/avatar-kit")
    ]


def test_bad_settings_are_warnings_with_file_and_line() -> None:
    settings = parse_settings(
        'colour = "red"\n[sections]\nPapers = "paper"\n[columns]\nTitle = "title"\n', "a.toml"
    )
    parsed = parse_list(LIST, "a.md", settings)
    problems = [(w.file, w.line, w.message) for w in parsed.warnings if w.file == "a.toml"]
    assert problems == [
        (
            "a.toml",
            1,
            "a.toml: unknown setting 'colour'; the list is read without this setting",
        ),
        (
            "a.toml",
            3,
            "a.toml: [sections] 'Papers' = 'paper': expected one of books, courses, datasets, "
            "leaderboards, lists, metrics, models, news, none, papers, posts, researchers, "
            "talks, todo, tools, websites; ignored; the list is read without this setting",
        ),
    ]
    assert settings.columns == {"title": "title"}


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('skip_sections = ["News"]\n[sections\n', encoding="utf-8")
    settings = load_settings(tmp_path / "a.md")
    assert settings.skip_sections == frozenset()
    ((line, message),) = settings.problems
    assert line == 2
    assert message.startswith(f"{tmp_path / 'a.toml'}: not valid TOML")


def test_parse_file_reads_the_settings_beside_the_list(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(LIST, encoding="utf-8")
    assert [t.name for t in parse_file(tmp_path / "a.md").tools] == ["Acme Labs"]
    (tmp_path / "a.toml").write_text('[sections]\ncompany = "papers"\n', encoding="utf-8")
    assert [p.title for p in parse_file(tmp_path / "a.md").papers] == ["Acme Labs"]


def test_link_tally_counts_distinct_identities_taken_and_not() -> None:
    parsed = parse_list(
        LIST + "\n## Citation\n[survey](https://arxiv.org/abs/2501.00002)\n", "a.md"
    )
    assert link_tally(parsed) == LinkTally(linked=3, taken=1, not_taken=2)


def test_link_tally_reads_summed_up_warnings() -> None:
    text = (FIXTURES / "styles" / "sections.md").read_text(encoding="utf-8")
    parsed = parse_list(text, "sections.md")  # the survey's link on 3 lines: one warning
    assert link_tally(parsed) == LinkTally(linked=5, taken=2, not_taken=3)
